"""The ledger: every file of ``data/`` loaded and validated once, with what is derived from it.

``Ledger.load()`` checks the archived article against its SHA-256, validates every data file (stopping at the first
broken one with its file, row and column), computes the checks' verdicts and the claims' grades, and keeps the
result until a file changes (each file's size and modification time are compared on every call). The notebooks
(through ``validated_claims``), the site export and the build all start here, and every count that a page or a
notebook prints comes from :meth:`Ledger.tally`, so the index, the synthesis, a sector notebook and the claims page
cannot disagree.

A ledger records no reads (:mod:`helpers.ledger.reads`) by itself: what hands its contents to a notebook records
what it hands on, as :meth:`Ledger.tally` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.ledger import data, reads, source
from helpers.ledger.checks import Check, load_checks, tally_verdicts
from helpers.ledger.grades import GradeCounts, load_grades
from helpers.ledger.relations import ClaimReports, Elsewhere, by_claim, elsewhere
from helpers.ledger.schema import FIGURES

__all__ = ["Ledger", "Tally", "FILES"]

#: Every file the ledger reads; an edit to any of them makes :meth:`Ledger.load` read the ledger again.
FILES = (
    "places.csv",
    "claims.csv",
    "non_claims.csv",
    "glossary.csv",
    "context.csv",
    "checks.csv",
    "searches.csv",
    "reports.csv",
    "raw/source.json",
    "raw/article.txt",
)


#: What the claims' grades and the checks' verdicts rest on besides the claims (what :func:`load_grades` reads).
_JUDGED_ON = ("checks.csv", "reports.csv", "searches.csv", "context.csv", "places.csv")


@dataclass(frozen=True)
class Tally:
    """The counts of a set of claims (one sector's, or the whole ledger's) that pages and notebooks print."""

    claims: int
    sectors: int
    grades: GradeCounts
    checks: int
    consistent: int
    inconsistent: int
    open: int
    powerless: int
    elsewhere: Elsewhere


class Ledger:
    """Every data file, validated, with the checks' verdicts and the claims' grades."""

    def __init__(self, folder: Path):
        self.folder = folder
        with reads.quiet():
            source.article_text(folder / "raw")
            self.places: pd.DataFrame = data.load_places(folder)
            self.claims: pd.DataFrame = data.load_claims(folder)
            self.non_claims: pd.DataFrame = data.load_non_claims(folder)
            self.glossary: pd.DataFrame = data.load_glossary(folder)
            self.context: pd.DataFrame = data.load_context(folder)
            self.searches: pd.DataFrame = data.load_searches(folder)
            self.reports: pd.DataFrame = data.load_reports(folder)
            self.checks: list[Check] = load_checks(folder)
            self.grades: pd.DataFrame = load_grades(folder)
        #: Each claim's reports elsewhere, by relation and independence (:func:`helpers.ledger.relations.by_claim`).
        self.reported: dict[str, ClaimReports] = by_claim(self.reports, self.claims["id"])

    @classmethod
    def load(cls, folder: Path | None = None) -> Ledger:
        """The validated ledger of ``folder`` (default ``data/``), read again only when one of its files changed."""
        folder = data.data_dir(folder)
        return data._cached("ledger", folder, FILES, cls)

    def claim_ids(self, sector: str | None = None) -> list[str]:
        """The ids of a sector's claims (all claims for ``None``), in the ledger's order."""
        ids = self.claims["id"]
        return list(ids if sector is None else ids[self.claims["sector"] == sector])

    @reads.records(
        lambda found, self, sector=None: [
            ("claims.csv", reads.part(self.claim_ids(sector) if sector else [reads.ALL], FIGURES)),
            ("reports.csv", (reads.ALL,)),
            ("searches.csv", (reads.ALL,)),
        ]
    )
    def elsewhere(self, sector: str | None = None) -> Elsewhere:
        """What the searches for a sector's claims (or all claims) found in other publications."""
        return elsewhere(self.claim_ids(sector), self.reports, self.searches)

    @reads.records(  # a grade may rest on a claim of another sector: on its figures, never on its translation
        lambda found, self, sector=None: [
            ("claims.csv", reads.part([reads.ALL], FIGURES)),
            *((name, [reads.ALL]) for name in _JUDGED_ON),
        ]
    )
    def tally(self, sector: str | None = None) -> Tally:
        """Every count of a sector (or the whole ledger): claims, grades, verdicts, and reports elsewhere."""
        ids = set(self.claim_ids(sector))
        mine = [c for c in self.checks if sector is None or c.sector == sector]
        verdicts = tally_verdicts(mine)
        grades = self.grades[self.grades["id"].isin(ids)]
        return Tally(
            claims=len(ids),
            sectors=self.claims.loc[self.claims["id"].isin(ids), "sector"].nunique(),
            grades=GradeCounts(grades["grade"]),
            checks=len(mine),
            consistent=verdicts["consistent"],
            inconsistent=verdicts["inconsistent"],
            open=verdicts["cannot be checked"],
            powerless=verdicts["powerless"],
            elsewhere=self.elsewhere(sector),
        )
