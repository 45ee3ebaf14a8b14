"""The start of every notebook: validate all the data, set display options, and hand over the sector's claims.

``water = validated_claims("water")`` checks the archived article's sha256, validates every data file (claims,
non-claims, places, glossary, context, checks with their pinned premises, searches and reports) and returns a
:class:`Sector`: its claims are attributes (``water.pipelines``), and its sections display themselves
(``water.quotes()``, ``water.figures()``, ``water.checks()``, ``water.reports()``, ``water.contents()``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

import pandas as pd

from helpers.ledger import data, reads, schema, source
from helpers.ledger.checks import Check, load_checks, reads_of, tally_verdicts
from helpers.ledger.errors import LookupProblem
from helpers.ledger.grades import PROBLEMS, GradeCounts, load_grades
from helpers.ledger.ledger import Ledger
from helpers.ledger.values import Claim
from helpers.notebook import charts, display

__all__ = ["Sector", "Checks", "validated_claims"]


class Checks:
    """A sector's checks: a table when displayed, and each check by name (``checks.within_funds.verdict``)."""

    def __init__(self, items: list[Check]):
        self._items = items
        self._by_name = {c.name: c for c in items}

    def __getattr__(self, name: str) -> Check:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._by_name[name]
        except KeyError:
            close = difflib.get_close_matches(name, list(self._by_name), n=3)
            raise AttributeError(
                f"no check {name!r} in this sector" + (f"; did you mean {', '.join(close)}?" if close else "")
            ) from None

    def __iter__(self) -> Iterator[Check]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def n_consistent(self) -> int:
        """How many checks found the figures consistent."""
        return tally_verdicts(self._items)["consistent"]

    @property
    def n_inconsistent(self) -> int:
        """How many checks found the figures inconsistent."""
        return tally_verdicts(self._items)["inconsistent"]

    @property
    def n_powerless(self) -> int:
        """How many consistent computed checks raise no grade: they cannot fail, or only show a standard is met."""
        return tally_verdicts(self._items)["powerless"]

    @property
    def n_open(self) -> int:
        """How many questions cannot be checked from what the article gives."""
        return tally_verdicts(self._items)["cannot be checked"]

    def _repr_mimebundle_(self, include=None, exclude=None):
        return display.checks_table(self._items)._repr_mimebundle_()


class Sector:
    """One sector of the article (or the whole ledger): its claims by name, and its sections for display."""

    def __init__(self, slug: str | None):
        self.slug = slug
        with reads.quiet():  # what the notebook reads is recorded when it uses a claim, not here
            self._frame = data.claims(slug)
            self._claims = {i.split(".", 1)[1] if slug else i: data.claim(i) for i in self._frame["id"]}
        info = next((s for s in schema.SECTORS if s.slug == slug), None)
        self.title = info.title if info else "The whole ledger"
        self.title_zh = info.title_zh if info else "全部"

    @property
    def frame(self) -> pd.DataFrame:
        """The claims as a table, indexed by id. The whole ledger's table holds the figures, without the claims'
        translations and notes (:data:`~helpers.ledger.schema.CLAIM_PROSE`): a sector's table, or its claims, give
        those."""
        if self.slug:
            self._read_all()
            return self._frame
        reads.record("claims.csv", reads.part([reads.ALL], schema.FIGURES))
        return self._frame.drop(columns=list(schema.CLAIM_PROSE))

    def _read_all(self) -> None:
        reads.record("claims.csv", self._frame["id"] if self.slug else (reads.ALL,))

    def __getattr__(self, name: str) -> Claim:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            found = self._claims[name]
        except KeyError:
            close = difflib.get_close_matches(name, list(self._claims), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else f"; its claims are {', '.join(self._claims)}"
            raise AttributeError(f"no claim {name!r} in the {self.slug} sector of data/claims.csv{hint}") from None
        reads.record("claims.csv", [found.id])
        return found

    def __iter__(self) -> Iterator[Claim]:
        self._read_all()
        return iter(self._claims.values())

    def __len__(self) -> int:
        reads.record("claims.csv", reads.part(self._frame["id"] if self.slug else [reads.ALL], schema.FIGURES))
        return len(self._claims)

    # --- the sections of a notebook ----------------------------------------------------------------------------------
    def quotes(self):
        """The sector's quotes, verbatim, with translations."""
        return display.quotes_text(self._require_sector())

    def figures(self):
        """The sector's figures as a table."""
        return display.figures_table(self._require_sector())

    def checks(self) -> Checks:
        """The checks on the sector's claims (from ``data/checks.csv``), with computed verdicts."""
        with reads.quiet():
            mine = [c for c in load_checks() if self.slug is None or c.sector == self.slug]
        for filename, keys in reads_of(mine):
            reads.record(filename, keys)
        return Checks(mine)

    def reports(self):
        """Reports of the sector's figures in other publications, and the searches that found nothing."""
        return display.reports_block(self._require_sector())

    @property
    def elsewhere(self):
        """What the searches for the sector's figures (or, for the whole ledger, all figures) found: counts of
        searches, claims found and not found."""
        return display.reports_block(self.slug)

    def contents(self):
        """Links to every notebook of the series."""
        return display.contents_text(self.slug or "14_synthesis")

    # --- the whole ledger's companions (for the overview and the synthesis) -------------------------------------------
    @property
    def card(self):
        """The source card of the archived article (publication, date, title, checksum, defects)."""
        return source.source_card()

    @property
    def glossary(self) -> pd.DataFrame:
        """The glossary, indexed by the Chinese term."""
        return data.load_glossary().set_index("term_zh", drop=False)

    @property
    def non_claims(self) -> pd.DataFrame:
        """Every other number of the page, with the reason it is not a claim."""
        return data.load_non_claims()

    @property
    def places(self) -> pd.DataFrame:
        """The places of the claims and context figures, indexed by slug."""
        return data.load_places().set_index("slug", drop=False)

    @property
    def sections(self) -> list[tuple[str, list[str]]]:
        """The article body as (heading, paragraphs) pairs; the lead paragraph has the heading ''."""
        return source.article_sections()

    @property
    def digit_runs(self) -> int:
        """How many runs of Arabic digits the archived page holds."""
        return len(source.digit_runs())

    @property
    def coverage_gaps(self) -> list:
        """Digit runs that neither a claim nor a non-claim accounts for (an empty list means full coverage)."""
        return data.coverage_gaps()

    @property
    def titles(self) -> dict[str, str]:
        """Each sector's English title by slug: ``{"water": "Drinking water", …}``."""
        return {s.slug: s.title for s in schema.SECTORS}

    @property
    def parts(self):
        """The article's parts: lead paragraph and headed parts, with their claims and sectors."""
        return display.parts_table()

    @property
    def exits(self):
        """The poor counties and districts, with the batch each left the poverty list in."""
        return display.exits_table()

    @property
    def prefectures(self) -> pd.DataFrame:
        """Yunnan's other prefectures, one row each, with the figures their 2020 sessions gave (see
        :func:`helpers.ledger.data.prefectures`)."""
        return data.prefectures()

    @property
    def prefecture_table(self):
        """Kunming's headline figures beside each prefecture found, with what each counts and when."""
        return display.prefectures_table()

    @property
    def codes(self):
        """The ledger's codes (kind, qualifier, status, place) with their meanings and counts."""
        return display.codes_table()

    @property
    def non_claim_reasons(self):
        """The reasons a number of the page is not a claim, with counts and an example each."""
        return display.non_claim_reasons_table()

    @property
    def grade_rules(self):
        """The grades with their meanings and how many claims have each."""
        return display.grade_rules_table()

    @property
    def all_checks(self) -> pd.DataFrame:
        """Every check of the series, one row each, with verdicts."""
        from helpers.ledger.checks import checks_frame

        return checks_frame()

    @property
    def all_reports(self) -> pd.DataFrame:
        """Every report of the article's figures in another publication."""
        return data.load_reports()

    @property
    def searches(self) -> pd.DataFrame:
        """The search trail: every query run to find other reports of the figures."""
        return data.load_searches()

    @property
    def context(self) -> pd.DataFrame:
        """Every cited outside figure."""
        return data.load_context()

    @property
    def grades(self) -> pd.DataFrame:
        """The derived verifiability grade of each of the sector's claims."""
        grades = load_grades()
        return grades[grades["id"].isin(self.frame["id"])].reset_index(drop=True)

    @property
    def grade_counts(self) -> GradeCounts:
        """How many of the claims have each grade: ``grade_counts.<grade>``, ``grade_counts.problems``."""
        return Ledger.load().tally(self.slug).grades

    @property
    def problems(self) -> pd.DataFrame:
        """The claims graded inconsistent or reported differently, with what they say and why."""
        grades = self.grades
        problems = grades[grades["grade"].isin(PROBLEMS)]
        return problems.merge(self.frame[["as_written"]].reset_index(), on="id")[
            ["id", "as_written", "grade", "reason"]
        ]

    def _require_sector(self) -> str:
        if self.slug is None:
            raise LookupProblem("this is the whole ledger; sections such as quotes() belong to one sector")
        return self.slug


def validated_claims(sector: str | None = None) -> Sector:
    """Validate every data file, set the display options, and return the sector's claims (all claims if ``None``).

    The first code cell of every notebook calls it, so a changed article, a broken file or a changed premise of a
    stored judgement stops the notebook at once with an error naming the file, row and column.
    """
    pd.set_option("display.max_colwidth", None)  # tables are read in full: no "…" in evidence or citations
    pd.set_option("display.max_rows", 250)
    pd.set_option("display.width", 250)
    Ledger.load()
    charts.setup()
    if sector is not None and sector not in schema.SECTOR_SLUGS:
        raise LookupProblem(
            f"unknown sector {sector!r}; sectors are {', '.join(schema.SECTOR_SLUGS)}"
            + "".join(f"; did you mean {m!r}?" for m in difflib.get_close_matches(sector, schema.SECTOR_SLUGS, n=1))
        )
    return Sector(sector)
