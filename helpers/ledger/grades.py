"""Verifiability grades, derived from the checks and the reports elsewhere; never kept by hand.

The rules, in order (the first that applies decides; the codebook states them too):

1. ``inconsistent``: a check on the claim is inconsistent (except one whose ``power`` is ``reading``: it fails on one
   reading of the words only, and the article does not settle the reading).
2. ``reported_differently``: another publication, not a copy, gives a different figure for the same thing.
3. ``corroborated``: an independent publication (:func:`helpers.ledger.schema.is_independent`: not a copy, not the
   Kunming government, its party media or the article's own outlet) gives the same figure.
4. ``consistent_with_context``: a check that uses a cited outside figure finds the claim consistent.
5. ``coherent``: a check against other figures of the article finds it arithmetically coherent with them.

   In 4 and 5 only a check that could have failed counts (:attr:`helpers.ledger.checks.Check.raises_grade`): one whose
   ``power`` is ``cannot_fail`` (a part of a far larger whole, a count against itself) or ``standard`` (a policy
   target met) is shown with its evidence, but it does not raise the grade.
6. ``repeated_by_source``: the Kunming government, its own media or the article's outlet gives the same figure
   again (it dates the figure; it does not confirm it).
7. ``restated_only``: none of these. Judgements (consistent or not) and checks whose figures are bounds that allow
   either answer leave a claim here; its reason then quotes the first of them.

A grade's reason quotes what decided it: the check with its evidence, or the report with its publisher and date.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.i18n import chinese_date, translator
from helpers.ledger import data, reads, relations
from helpers.ledger.checks import load_checks
from helpers.ledger.schema import FIGURES, GRADE_TABLE, GRADES

__all__ = ["load_grades", "GradeCounts", "PROBLEMS"]

#: The grades that mark a problem with a claim: at odds with another figure, or reported differently elsewhere.
PROBLEMS = tuple(g.code for g in GRADE_TABLE if g.problem)


class GradeCounts:
    """How many claims have each grade, read as attributes (``counts.restated_only``); ``problems`` adds up the
    grades in :data:`PROBLEMS`. Notebooks count grades through it, never by typing a grade's name."""

    def __init__(self, grades: pd.Series):
        self._counts = {grade: int((grades == grade).sum()) for grade in GRADES}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GradeCounts) and other._counts == self._counts

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"GradeCounts({self._counts})"

    def __getattr__(self, name: str) -> int:
        if name.startswith("_") or name not in self._counts:
            raise AttributeError(f"no grade {name!r}; grades are {', '.join(GRADES)}")
        return self._counts[name]

    @property
    def unchecked(self) -> int:
        """How many claims nothing bears on: the last grade of the rules."""
        return self._counts[GRADE_TABLE[-1].code]

    @property
    def problems(self) -> int:
        return sum(self._counts[grade] for grade in PROBLEMS)


def _of_check(c) -> tuple[str, str]:
    """A check as a grade's reason, in English and in Chinese: its question, then its evidence."""
    return f"{c.question} {c.evidence}", f"{c.question_zh}{c.evidence_zh}"


def _of_report(r, en: str, zh_message: str) -> tuple[str, str]:
    """A report as a grade's reason, in English and in Chinese (the catalogue's words for ``zh_message``)."""
    fields = dict(publisher=r["publisher"], published=r["published"], stated=r["as_stated"])
    chinese = dict(fields, publisher=r["publisher_zh"], published=chinese_date(r["published"]))
    return (
        en.format(**fields, period=r["period_stated"], note=r["note"]),
        translator("zh")(zh_message, **chinese, period=r["period_stated_zh"]),
    )


def _build(folder: Path) -> pd.DataFrame:
    ledger = data.load_claims(folder)
    checks = load_checks(folder)
    reports = data.load_reports(folder)
    rows = []
    reported = relations.by_claim(reports, ledger["id"])
    for claim_id in ledger["id"]:
        mine = [c for c in checks if claim_id in c.about]
        bad = [c for c in mine if c.finds_a_problem]
        ok_context = [c for c in mine if c.verdict == "consistent" and c.basis == "context" and c.raises_grade]
        ok_internal = [c for c in mine if c.verdict == "consistent" and c.basis == "internal" and c.raises_grade]
        said = reported[claim_id]
        different, same, same_own = said.different, said.same_independent, said.same_own
        if bad:
            grade, decided, (reason, reason_zh) = "inconsistent", bad[0].id, _of_check(bad[0])
        elif len(different):
            r = different.iloc[0]
            grade, decided = "reported_differently", r["id"]
            reason, reason_zh = _of_report(
                r,
                "{publisher} ({published}) gives {stated} ({period}): {note}",
                "{publisher} ({published}) gives {stated} ({period}).",
            )
        elif len(same):
            r = same.iloc[0]
            grade, decided = "corroborated", r["id"]
            reason, reason_zh = _of_report(
                r,
                "{publisher} ({published}) gives the same figure, {stated} ({period}).",
                "{publisher} ({published}) gives the same figure, {stated} ({period}).",
            )
        elif ok_context:
            grade, decided, (reason, reason_zh) = "consistent_with_context", ok_context[0].id, _of_check(ok_context[0])
        elif ok_internal:
            grade, decided, (reason, reason_zh) = "coherent", ok_internal[0].id, _of_check(ok_internal[0])
        elif len(same_own):
            r = same_own.iloc[0]
            grade, decided = "repeated_by_source", r["id"]
            message = (
                "{publisher} ({published}), the source's own media, gives the same figure, {stated} ({period}): this "
                "dates it, but does not confirm it independently."
            )
            reason, reason_zh = _of_report(r, message, message)
        else:
            # judgements, and checks the figures cannot settle, bear on the claim without raising its grade
            open_questions = sorted(  # the claim's own sector first: its reading before the source-wide question
                (c for c in mine if c.verdict == "cannot be checked" or c.basis == "editorial" or not c.raises_grade),
                key=lambda c: c.sector != claim_id.split(".", 1)[0],
            )
            grade, decided = "restated_only", open_questions[0].id if open_questions else ""
            nothing = "No check, context figure or other report bears on it."
            reason, reason_zh = _of_check(open_questions[0]) if open_questions else (nothing, translator("zh")(nothing))
        rows.append(
            {
                "id": claim_id,
                "grade": grade,
                "decided_by": decided,
                "reason": reason,
                "reason_zh": reason_zh,
                "checks": " ".join(c.id for c in mine),
                "reports": " ".join(said.all["id"]),
            }
        )
    return pd.DataFrame(rows)


@reads.records(
    lambda *args, **kwargs: [
        ("claims.csv", reads.part([reads.ALL], FIGURES)),  # a grade rests on the figures, not on their translation
        *((name, [reads.ALL]) for name in ("checks.csv", "reports.csv", "searches.csv", "context.csv", "places.csv")),
    ]
)
def load_grades(folder: Path | None = None) -> pd.DataFrame:
    """One row per claim: ``grade``, ``decided_by`` (a check or report id), ``reason`` (and ``reason_zh``, the same
    in Chinese), and the ids of its checks
    and reports."""
    folder = data.data_dir(folder)
    files = (
        "checks.csv",
        "claims.csv",
        "context.csv",
        "places.csv",
        "reports.csv",
        "searches.csv",
        "raw/source.json",
        "raw/article.txt",
    )
    return data._cached("grades", folder, files, _build).copy()
