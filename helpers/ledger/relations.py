"""What other publications say of the article's figures: the one place that reads ``relation`` and ``origin``.

A report (``data/reports.csv``) is a copy of the article, or states the same, a different or a related figure. A
copy is the article again and counts for nothing; of the rest, a report is independent when
:func:`helpers.ledger.schema.is_independent` says its origin is outside the source's own government and media. A claim
is *found* when a report other than a copy states it; *not found* when it was searched for (``data/searches.csv``)
and nothing but copies turned up. The grades, the notebooks' counts and the pages all read these words from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from helpers.ledger.schema import is_independent

__all__ = ["Elsewhere", "ClaimReports", "elsewhere", "by_claim", "not_copies"]


def not_copies(reports: pd.DataFrame) -> pd.DataFrame:
    """The reports that are more than the article again."""
    return reports[reports["relation"] != "copy"]


@dataclass(frozen=True)
class ClaimReports:
    """One claim's reports elsewhere, by what they say: the rows of ``data/reports.csv`` (copies left out)."""

    different: pd.DataFrame
    same_independent: pd.DataFrame
    same_own: pd.DataFrame
    related: pd.DataFrame
    #: All four together, in file order.
    all: pd.DataFrame


def by_claim(reports: pd.DataFrame, claim_ids: Iterable[str]) -> dict[str, ClaimReports]:
    """Each claim's reports, split by relation and, for the same figure, by independence (two groupings of the file)."""
    stated = not_copies(reports)
    independent = stated["origin"].map(is_independent).astype(bool)
    kind = stated["relation"].where(stated["relation"] != "same", independent.map({True: "same_i", False: "same_o"}))
    groups = {key: frame for key, frame in stated.groupby([stated["claim"], kind], sort=False)}
    of_claim = {key: frame for key, frame in stated.groupby("claim", sort=False)}
    empty = stated.iloc[0:0]

    def part(claim_id: str, name: str) -> pd.DataFrame:
        return groups.get((claim_id, name), empty)

    return {
        i: ClaimReports(
            different=part(i, "different"),
            same_independent=part(i, "same_i"),
            same_own=part(i, "same_o"),
            related=part(i, "related"),
            all=of_claim.get(i, empty),
        )
        for i in claim_ids
    }


@dataclass(frozen=True)
class Elsewhere:
    """What the searches for a set of claims (a sector's, or all) found, as counts of claims."""

    claims: int
    searches: int
    found: int
    same: int
    same_independent: int
    different: int
    related: int
    related_only: int
    copies: int
    not_found_ids: tuple[str, ...]
    unsearched_ids: tuple[str, ...]

    @property
    def not_found(self) -> int:
        """Claims searched for and found nowhere but in the article (and its reprints)."""
        return len(self.not_found_ids)


def elsewhere(claim_ids: Iterable[str], reports: pd.DataFrame, searches: pd.DataFrame) -> Elsewhere:
    """Count what other publications say of these claims, and which were searched for in vain."""
    ids = list(claim_ids)
    wanted = set(ids)
    theirs = reports[reports["claim"].isin(wanted)]
    stated = not_copies(theirs)
    searched_for = [set(s.split()) for s in searches["claims"]]
    searched = set().union(*searched_for) if searched_for else set()
    found = set(stated["claim"])

    def claims_with(mask) -> set[str]:
        return set(stated.loc[mask, "claim"])

    same = claims_with(stated["relation"] == "same")
    independent = stated["origin"].map(is_independent).astype(bool)
    return Elsewhere(
        claims=len(ids),
        searches=sum(bool(s & wanted) for s in searched_for),
        found=len(found),
        same=len(same),
        same_independent=len(claims_with((stated["relation"] == "same") & independent)),
        different=len(claims_with(stated["relation"] == "different")),
        related=len(claims_with(stated["relation"] == "related")),
        related_only=len(found - same - claims_with(stated["relation"] == "different")),
        copies=int((theirs["relation"] == "copy").sum()),
        not_found_ids=tuple(i for i in ids if i in searched and i not in found),
        unsearched_ids=tuple(i for i in ids if i not in searched and i not in found),
    )
