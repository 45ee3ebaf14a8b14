"""Checks whose verdicts follow the data: computed rules, and editorial judgements pinned to their premises.

Every check lives in ``data/checks.csv``. A computed check names a rule (``at_most``, ``overlap``, ``above`` …) and
its operands as small expressions over ids (``industry.households_linked_to_enterprises +
industry.households_linked_to_cooperatives``); its verdict and evidence are computed from the current figures each
time the data is loaded, so they change when a figure does. A judged check stores a verdict and a reason that no
rule can compute (a term the article does not define), together with the values of the figures it was judged on;
when one of them changes, loading stops and names the check, the premise, and the old and new values.

:func:`compare` gives the comparison words of prose ("above", "below", "more than") from the sign of a computed
difference, never from typing.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.i18n import chinese_date, translator
from helpers.ledger import data, reads
from helpers.ledger.errors import DataValidationError, LookupProblem, PremiseChangedError, Problem
from helpers.ledger.numbers import FigureParseError, format_number, parse_decimal
from helpers.ledger.schema import (
    CHECKS,
    FIGURES,
    POWERLESS_SHARE,
    POWERS,
    POWERS_ZH,
    PUBLISHED,
    RULES,
    SECTOR_SLUGS,
    VERDICTS,
    VERDICTS_ZH,
)
from helpers.ledger.tables import display_name
from helpers.ledger.values import (
    ALL,
    DAYS_PER_YEAR,
    HOURS_PER_YEAR,
    LITRES_PER_M3,
    MONTHS_PER_YEAR,
    MU_PER_HECTARE,
    Claim,
    Constant,
    Derived,
    Ref,
    Value,
    human,
    human_zh,
)

__all__ = ["Check", "Comparison", "compare", "load_checks", "PLACEHOLDER"]

#: ``{claim.id}`` or ``{cn.context_id}`` in a reason stands for that figure, rendered from the data.
PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z0-9_]+)\}")
#: Named constants an expression may use.
CONSTANTS: dict[str, Constant] = {
    "hours_per_year": HOURS_PER_YEAR,
    "days_per_year": DAYS_PER_YEAR,
    "months_per_year": MONTHS_PER_YEAR,
    "litres_per_m3": LITRES_PER_M3,
    "mu_per_hectare": MU_PER_HECTARE,
    "all": ALL,
}
_UNIT_SUFFIX = re.compile(r"^(?P<expr>.+?)\s+in\s+(?P<unit>[A-Za-z/\-]+)(?::(?P<decimals>\d))?$")
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
#: Units counted in whole things (more / fewer); others are amounts (more / less).
_COUNTED = {
    "people",
    "households",
    "person-times",
    "villages",
    "counties",
    "projects",
    "sets",
    "devices",
    "facilities",
    "stations",
    "sites",
    "enterprises",
    "cooperatives",
    "workshops",
    "sessions",
    "diseases",
    "stores",
    "rangers",
}


# --- comparison words -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """How one figure stands against another, with every word computed from the difference."""

    a: Value
    b: Value
    gap: Derived
    sign: int

    @property
    def word(self) -> str:
        """``above``, ``below`` or ``level with``."""
        return {1: "above", -1: "below", 0: "level with"}[self.sign]

    @property
    def more(self) -> str:
        """``more than``, ``fewer than`` / ``less than``, or ``as many as`` / ``as much as``."""
        counted = self.a.unit in _COUNTED
        if self.sign == 0:
            return "as many as" if counted else "as much as"
        if self.sign > 0:
            return "more than"
        return "fewer than" if counted else "less than"

    @property
    def settled(self) -> bool:
        """Whether the direction holds for every value the figures allow (a lower bound may lie anywhere above it)."""
        if self.sign == 0:
            return True
        return _settled("above" if self.sign > 0 else "below", self.a, self.b)

    @property
    def phrase(self) -> str:
        """The gap and the direction: ``10.7 percentage points above`` for rates, ``10,727 households more than``
        for counts and amounts, or ``level with`` / ``as many as``."""
        rate = self.a.unit in ("percent", "points")
        if self.sign == 0:
            return self.word if rate else self.more
        text = f"{self.gap:en} {self.word if rate else self.more}"
        if not self.settled:  # the bounds allow the other direction too
            other = (
                {"above": "below", "below": "above"}[self.word]
                if rate
                else (
                    "fewer than"
                    if self.sign > 0 and self.a.unit in _COUNTED
                    else "less than"
                    if self.sign > 0
                    else "more than"
                )
            )
            text += f", or possibly {other}"
        return text

    @property
    def times(self) -> Derived:
        """``a ÷ b``, as a multiple."""
        return (self.a / self.b).named(f"{self.a.label} ÷ {self.b.label}", "times", 2)

    def __format__(self, spec: str) -> str:
        return self.phrase


def compare(a: Value, b: Value, decimals: int | None = None, tolerance: float = 0.0) -> Comparison:
    """Compare two figures in one unit: the gap, and the words for it (``above``/``below``, ``more``/``fewer``).

    ``tolerance`` (in the figures' unit) counts a smaller gap as level.
    """
    raw = a.raw - b.raw
    unit = "points" if a.unit == b.unit == "percent" else (a.unit if a.unit == b.unit else None)
    if unit is None:
        raise ValueError(f"cannot compare {a.label} ({a.unit}) with {b.label} ({b.unit}): the units differ")
    gap_value = abs(raw) * (100 if unit in ("percent", "points") else 1)
    sign = 0 if gap_value <= tolerance else (1 if raw > 0 else -1)
    shown = decimals if decimals is not None else max(a.shown_decimals, b.shown_decimals)
    gap = abs_gap(a, b).named(f"Gap between {a.label} and {b.label}", unit, shown)
    return Comparison(a, b, gap, sign)


def abs_gap(a: Value, b: Value) -> Derived:
    """``|a − b|`` as a figure (the larger minus the smaller), keeping the formula."""
    return a - b if a.raw >= b.raw else b - a


# --- expressions over ids ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateOperand:
    """A date in a check: the article's publication, the end of a claim's window, or a source's publication."""

    when: date
    text: str
    ids: tuple[str, ...] = ()
    text_zh: str = ""  # the same in Chinese, for the Chinese edition


class ExpressionError(ValueError):
    pass


def evaluate(expression: str, folder: Path | None = None) -> Value | DateOperand:
    """The value of an operand expression: ids, named constants, plain numbers, ``+ - * /``, and
    ``… in <unit>[:decimals]``."""
    unit, decimals = None, None
    match = _UNIT_SUFFIX.match(expression.strip())
    if match:
        expression, unit = match["expr"], match["unit"]
        decimals = int(match["decimals"]) if match["decimals"] else None
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"{expression!r} is not an expression over ids (such as 'a.b + c.d')") from exc
    result = _eval(tree.body, folder)
    if unit is not None:
        if isinstance(result, DateOperand):
            raise ExpressionError(f"a date cannot be put in {unit!r}")
        result = result.named(expression.strip(), unit, decimals)
    return result


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def _eval(node: ast.AST, folder: Path | None) -> Value | DateOperand:
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left, right = _eval(node.left, folder), _eval(node.right, folder)
        if isinstance(left, DateOperand) or isinstance(right, DateOperand):
            raise ExpressionError("dates cannot be added or divided")
        return _OPS[type(node.op)](left, right)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return Constant(float(node.value), "", format_number(node.value))
    name = _dotted(node)
    if name is None:
        raise ExpressionError(f"only ids, constants, numbers and + - * / are allowed, not {ast.dump(node)[:60]}")
    if name == "article":
        return DateOperand(
            PUBLISHED,
            f"the article's publication ({PUBLISHED.isoformat()})",
            text_zh=translator("zh")("the article's publication ({date})", date=chinese_date(PUBLISHED.isoformat())),
        )
    if name in CONSTANTS:
        return CONSTANTS[name]
    parts = name.split(".")
    if len(parts) == 3 and parts[2] in ("start", "end", "published"):
        figure = _figure(".".join(parts[:2]), folder)
        return _date_of(figure, parts[2])
    if len(parts) != 2:
        raise ExpressionError(f"{name!r} is not an id (sector.name or cn./yn./km. context id), a constant or 'article'")
    return _figure(name, folder)


def _figure(name: str, folder: Path | None) -> Claim | Ref:
    prefix = name.split(".")[0]
    return data.claim(name, folder) if prefix in SECTOR_SLUGS else data.ref(name, folder)


def _date_of(figure: Claim | Ref, which: str) -> DateOperand:
    if which == "published":
        if not isinstance(figure, Ref):
            raise ExpressionError(f"{figure.id}.published: only context figures have a publication date")
        zh = translator("zh")("the publication of {cite}", cite=figure.cite)
        return DateOperand(figure.published, figure.cite, (figure.id,), zh)  # the citation ends with its date
    start, end = figure.window
    day = start if which == "start" else end
    if day is None:
        raise ExpressionError(f"{figure.id} states no period, so it has no {which}")
    zh = translator("zh")(
        f"the {which} of the window of {{label}} ({{date}})",
        label=getattr(figure, "indicator_zh", figure.label),
        date=chinese_date(day.isoformat()),
    )
    return DateOperand(day, f"the {which} of the window of {figure.label} ({day.isoformat()})", (figure.id,), zh)


def describe(item: Value | DateOperand, lang: str = "en") -> str:
    """An operand as evidence shows it: the figure with its Chinese, a context figure with place and period, or a
    formula with its result. In Chinese (``lang="zh"``) a claim is the article's own words, other figures are
    written in Chinese and a formula is written with the claims as the article writes them."""
    zh = lang == "zh"
    if isinstance(item, DateOperand):
        return item.text_zh if zh else item.text
    if isinstance(item, Claim):
        return item.zh() if zh else format(item, "")
    if isinstance(item, Ref):
        if zh:
            return translator("zh")(
                "{value} ({place}, {when})", value=item.zh(), place=item.scope_zh, when=chinese_date(item.period)
            )
        return f"{item:en} ({item.scope}, {item.when})"
    if isinstance(item, Derived):
        shown = item if item.unit or item.inferred_unit else item.named(item.formula, "times")
        result = shown.zh() if zh else f"{shown:en}"
        formula = item.formula_zh if zh else item.formula
        return f"{formula} = {result}" if item.formula != item.label or not item.name else result
    return item.in_formula_zh() if zh else item.label


def render(text: str, folder: Path | None = None, lang: str = "en") -> str:
    """A reason with every ``{id}`` placeholder replaced by that figure, as evidence shows it (in ``lang``)."""
    return PLACEHOLDER.sub(lambda m: describe(_figure(m.group(1), folder), lang), text)


# --- checks -----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One check: its question, verdict and evidence, the claims it grades, and what it rests on."""

    id: str
    sector: str
    about: tuple[str, ...]
    question: str
    rule: str
    verdict: str
    evidence: str
    basis: str  # internal | context | editorial
    inputs: tuple[str, ...]
    row: int
    power: str = "test"  # test | cannot_fail | reading | standard (schema.POWERS)
    question_zh: str = ""  # the question and the evidence in Chinese, for the Chinese edition
    evidence_zh: str = ""

    @property
    def finds_a_problem(self) -> bool:
        """An inconsistent verdict that makes its claims inconsistent: any, except one that holds on one reading."""
        return self.verdict == "inconsistent" and self.power != "reading"

    @property
    def raises_grade(self) -> bool:
        """Whether a consistent result can raise the claim's grade: a computed check that could have failed."""
        return self.basis != "editorial" and self.power == "test"

    @property
    def evidence_brief(self) -> str:
        """The evidence without the sentence on the check's power (for a list that states the power once)."""
        return self.evidence.removesuffix(f" {POWERS[self.power]}") if self.power != "test" else self.evidence

    @property
    def powerless(self) -> bool:
        """A computed check that passed without testing anything: it cannot fail, or shows only a standard met."""
        return self.verdict == "consistent" and self.basis != "editorial" and not self.raises_grade

    @property
    def evidence_brief_zh(self) -> str:
        """:attr:`evidence_brief` in Chinese."""
        return self.evidence_zh.removesuffix(POWERS_ZH[self.power]) if self.power != "test" else self.evidence_zh

    @property
    def verdict_text(self) -> str:
        return VERDICTS[self.verdict]

    @property
    def verdict_text_zh(self) -> str:
        return VERDICTS_ZH[self.verdict]

    @property
    def name(self) -> str:
        """The part of the id after the sector: the attribute a notebook reads it by."""
        return self.id.split(".", 1)[1]


def tally_verdicts(checks: Iterable[Check]) -> Counter:
    """How many checks have each verdict (``consistent``, ``inconsistent``, ``cannot be checked``), and under
    ``powerless`` how many consistent ones could not fail: the one count of verdicts that notebooks and pages print."""
    items = list(checks)
    counts = Counter(c.verdict for c in items)
    counts["powerless"] = sum(c.powerless for c in items)
    return counts


def _gap_text(a: Value, b: Value, lang: str = "en") -> str:
    comparison = compare(a, b)
    return _show(comparison.gap, lang)


def _show(value: Value, lang: str) -> str:
    """A figure in the words of ``lang``: English (``10,727 households``) or Chinese (``10727户``)."""
    return value.zh() if lang == "zh" else f"{value:en}"


def _share_text(a: Value, b: Value, lang: str = "en") -> str:
    if a.unit != b.unit or b.raw == 0 or a.unit in ("percent", "points"):
        return ""
    return translator(lang)(" ({share} of it)", share=_show((a / b).named("share", "percent", 1), lang))


_BOUND_WORDS = {1: "a lower bound", -1: "an upper bound"}
_RULE_WORDS = {"at_most": "no more than", "at_least": "no less than", "above": "above", "below": "below"}


def _allowed(value: Value) -> tuple[float, float]:
    """The values a figure allows in its unit: a lower bound runs up (to 100 for a percentage), an upper bound down
    (to zero for a figure that cannot be negative); an exact or approximate figure is taken at its value."""
    number = value.value
    if value.direction == 1:
        return number, (100.0 if value.unit == "percent" else math.inf)
    if value.direction == -1:
        return (0.0 if number >= 0 else -math.inf), number
    return number, number


def _settled(rule: str, a: Value, b: Value) -> bool:
    """Whether every pair of values the two figures allow gives the same answer to the rule."""
    (a_low, a_high), (b_low, b_high) = _allowed(a), _allowed(b)
    low, high = a_low - b_high, a_high - b_low  # the range of a − b
    if rule == "at_most":
        return high <= 0 or low > 0
    if rule == "at_least":
        return low >= 0 or high < 0
    if rule == "above":
        return low > 0 or high <= 0
    return high < 0 or low >= 0  # below


def _phrase(c: Comparison, lang: str) -> str:
    """The gap and the direction, in ``lang``: :attr:`Comparison.phrase` in English; in Chinese the word after
    ``A比B`` (``高10.7个百分点``, ``多8.1万户``, ``少…，也可能更多``)."""
    if lang == "en":
        return c.phrase
    t = translator(lang)
    rate = c.a.unit in ("percent", "points")
    word = {1: "higher by {gap}" if rate else "more by {gap}", -1: "lower by {gap}" if rate else "less by {gap}"}
    text = t(word[c.sign], gap=_show(c.gap, lang))
    if not c.settled:
        text += t(
            {1: ", or possibly lower", -1: ", or possibly higher"}[c.sign]
            if rate
            else {1: ", or possibly less", -1: ", or possibly more"}[c.sign]
        )
    return text


#: A computed rule's judge: ``(rule, a, b, c, lang)`` → verdict and evidence in ``lang`` (the verdict is the same in
#: every language: the words follow it, never the other way round). ``c`` is the third operand, or ``None``.
Judge = Callable[[str, Any, Any, Any, str], tuple[str, str]]


def _before(rule: str, a, b, c, lang: str) -> tuple[str, str]:
    if not (isinstance(a, DateOperand) and isinstance(b, DateOperand)):
        raise ExpressionError("'before' compares two dates (…end, …start, …published, article)")
    ok = a.when <= b.when
    order = "before" if a.when < b.when else "on" if a.when == b.when else "after"
    return "consistent" if ok else "inconsistent", translator(lang)(
        f"{{A}} is {order} {{B}}.", A=describe(a, lang), B=describe(b, lang)
    )


def _unsettled(rule: str, a: Value, b: Value, lang: str) -> tuple[str, str]:
    """The verdict of a bounded comparison whose bounds allow either answer."""
    t = translator(lang)
    bounds = t(" and ").join(
        t("{X} is " + _BOUND_WORDS[x.direction], X=describe(x, lang)) for x in (a, b) if x.direction in (1, -1)
    )
    return "cannot be checked", t(
        "{bounds}, so the figures allow either answer: whether {A} is {rule_word} {B} is not settled.",
        bounds=bounds,
        A=describe(a, lang),
        B=describe(b, lang),
        rule_word=t(_RULE_WORDS[rule]),
    )


def _within(rule: str, a: Value, b: Value, c, lang: str) -> tuple[str, str]:
    """``at_most`` and ``at_least``."""
    t, A, B = translator(lang), describe(a, lang), describe(b, lang)
    comparison = compare(a, b)
    ok = comparison.sign <= 0 if rule == "at_most" else comparison.sign >= 0
    if comparison.sign == 0:
        return "consistent", t("{A} equals {B}.", A=A, B=B)
    if ok:
        share = _share_text(a, b, lang) if rule == "at_most" else ""
        return "consistent", t("{A} is {word} {B}{share}.", A=A, word=t(_RULE_WORDS[rule]), B=B, share=share)
    fails = "{A} exceeds {B} by {gap}." if rule == "at_most" else "{A} falls short of {B} by {gap}."
    return "inconsistent", t(fails, A=A, B=B, gap=_gap_text(a, b, lang))


def _side(rule: str, a: Value, b: Value, c, lang: str) -> tuple[str, str]:
    """``above`` and ``below``."""
    t, A, B = translator(lang), describe(a, lang), describe(b, lang)
    comparison = compare(a, b)
    ok = comparison.sign > 0 if rule == "above" else comparison.sign < 0
    if comparison.sign == 0 and lang != "en":
        text = t("{A} is level with {B}." if a.unit in ("percent", "points") else "{A} is as much as {B}.", A=A, B=B)
    else:
        text = t("{A} is {phrase} {B}.", A=A, phrase=_phrase(comparison, lang), B=B)
    return ("consistent" if ok else "inconsistent"), text


def _level(rule: str, a: Value, b: Value, tolerance, lang: str) -> tuple[str, str]:
    if not isinstance(tolerance, Value):
        raise ExpressionError("'level' needs a tolerance in c")
    t, A, B = translator(lang), describe(a, lang), describe(b, lang)
    limit = tolerance.value
    comparison = compare(a, b, tolerance=limit)
    within = comparison.sign == 0
    bound = human_zh(limit, comparison.gap.unit) if lang == "zh" else human(limit, comparison.gap.unit)
    gap = t("no gap") if comparison.gap.value == 0 else t("a gap of {gap}", gap=_show(comparison.gap, lang))
    template = (
        "{A} against {B}: {gap}, within the tolerance of {bound}."
        if within
        else "{A} against {B}: {gap}, beyond the tolerance of {bound}."
    )
    return "consistent" if within else "inconsistent", t(template, A=A, B=B, gap=gap, bound=bound)


def _overlap(rule: str, a: Value, b: Value, base, lang: str) -> tuple[str, str]:
    if not isinstance(base, Value):
        raise ExpressionError("'overlap' needs the base in c")
    t, A, B, C = translator(lang), describe(a, lang), describe(b, lang), describe(base, lang)
    total = (a + b).named("sum", a.unit, max(a.shown_decimals, b.shown_decimals))
    over = [x for x in (a, b) if compare(x, base).sign > 0]
    if over:
        return "inconsistent", t(
            "{X} alone exceeds the base, {C}, by {gap}.",
            X=describe(over[0], lang),
            C=C,
            gap=_gap_text(over[0], base, lang),
        )
    fit = compare(total, base)
    if fit.sign > 0:
        return "consistent", t(
            "Each count fits within {C}. Together, {A} + {B} = {total}, {gap} more than the base, so at least "
            "{gap} must be in both counts.",
            C=C,
            A=A,
            B=B,
            total=_show(total, lang),
            gap=_show(fit.gap, lang),
        )
    return "consistent", t(
        "{A} + {B} = {total}, which fits within {C} without any overlap.", A=A, B=B, total=_show(total, lang), C=C
    )


def _union(rule: str, a: Value, b: Value, covered, lang: str) -> tuple[str, str]:
    if not isinstance(covered, Value):
        raise ExpressionError("'union' needs the covered count in c")
    t, A, B, C = translator(lang), describe(a, lang), describe(b, lang), describe(covered, lang)
    total = (a + b).named("sum", a.unit, max(a.shown_decimals, b.shown_decimals))
    larger = a if a.raw >= b.raw else b
    if compare(covered, larger).sign < 0:
        return "inconsistent", t(
            "{C} is fewer than {L} alone, but households linked to either are at least as many as the larger count.",
            C=C,
            L=describe(larger, lang),
        )
    if compare(covered, total).sign > 0:
        return "inconsistent", t(
            "{C} is more than {A} + {B} = {total}, so the two counts cannot cover it.",
            C=C,
            A=A,
            B=B,
            total=_show(total, lang),
        )
    both = (total - covered).named("overlap", a.unit, 0)
    return "consistent", t(
        "{C} lies between the larger count, {L}, and the sum {A} + {B} = {total}: it fits if {both} are in both "
        "counts.",
        C=C,
        L=describe(larger, lang),
        A=A,
        B=B,
        total=_show(total, lang),
        both=_show(both, lang),
    )


def _between(rule: str, a: Value, b: Value, high, lang: str) -> tuple[str, str]:
    if not isinstance(high, Value):
        raise ExpressionError("'between' needs the upper bound in c")
    t, A, B, H = translator(lang), describe(a, lang), describe(b, lang), describe(high, lang)
    low_c, high_c = compare(a, b), compare(a, high)
    if low_c.sign >= 0 and high_c.sign <= 0:
        return "consistent", t("{A} lies between {B} and {H}.", A=A, B=B, H=H)
    if low_c.sign < 0:
        side = t("below {B} by {gap}", B=B, gap=_show(low_c.gap, lang))
    else:
        side = t("above {H} by {gap}", H=H, gap=_show(high_c.gap, lang))
    return "inconsistent", t("{A} lies outside the range: {side}.", A=A, side=side)


#: The rule table: every computed rule of :data:`~helpers.ledger.schema.RULES` (all but ``judged``, whose verdict is
#: stored) and the judge that computes its verdict and evidence.
JUDGES: dict[str, Judge] = {
    "at_most": _within,
    "at_least": _within,
    "above": _side,
    "below": _side,
    "level": _level,
    "overlap": _overlap,
    "before": _before,
    "between": _between,
    "union": _union,
}


def _computed(rule: str, operands: list[Value | DateOperand], lang: str = "en") -> tuple[str, str]:
    """Verdict and evidence of a computed rule, by its judge in :data:`JUDGES`; the evidence in ``lang``."""
    judge = JUDGES.get(rule)
    if judge is None:
        raise ExpressionError(f"unknown rule {rule!r}")
    a, b, c = operands[0], operands[1], operands[2] if len(operands) > 2 else None
    if rule != "before" and any(isinstance(o, DateOperand) for o in operands):
        raise ExpressionError(f"'{rule}' compares figures, not dates")
    if rule in _RULE_WORDS and not _settled(rule, a, b):
        return _unsettled(rule, a, b, lang)
    return judge(rule, a, b, c, lang)


def _premises(text: str) -> list[tuple[str, str]]:
    pairs = []
    for item in text.split():
        name, _, value = item.partition("=")
        pairs.append((name, value))
    return pairs


def _current(name: str, folder: Path | None) -> Decimal:
    return _figure(name, folder).exact


def _build_checks(folder: Path) -> list[Check]:
    raw, problems, changed = [], [], []
    from helpers.ledger.tables import read_table

    path = folder / CHECKS.filename
    name = display_name(path)
    records, problems = read_table(path, CHECKS)
    known_claims = set(data.load_claims(folder)["id"])
    for record in records:
        cells, row = record.cells, record.row

        def problem(column: str, expected: str, value: str | None = None, row=row, cells=cells) -> None:
            problems.append(Problem(name, row, column, cells.get(column, "") if value is None else value, expected))

        if cells.get("sector") in SECTOR_SLUGS and not cells.get("id", "").startswith(cells["sector"] + "."):
            problem("id", f"an id starting with its sector, '{cells['sector']}.'")
        about = tuple(cells.get("about", "").split())
        for claim_id in about:
            if claim_id not in known_claims:
                problem("about", "ids of claims in claims.csv, space-separated: the claims this check grades", claim_id)
        rule = cells.get("rule", "")
        judged = rule == "judged"
        operands = [cells.get(c, "") for c in ("a", "b", "c")]
        data._paired(name, record, "reason", problems)
        english, chinese = (set(PLACEHOLDER.findall(cells.get(c, ""))) for c in ("reason", "reason_zh"))
        if cells.get("reason_zh") and english != chinese:
            problem(
                "reason_zh",
                "the same {id} placeholders as reason ("
                + (", ".join("{" + p + "}" for p in sorted(english)) or "none")
                + "), so that both say it of the same figures",
            )
        if judged:
            if not cells.get("verdict"):
                problem("verdict", "a verdict, since rule is 'judged'")
            if not cells.get("reason"):
                problem("reason", "the reason for the judgement, since rule is 'judged'")
            if any(operands):
                problem("a", "no operands (a, b, c) for a judged check; its figures go in premises")
            if cells.get("power"):
                problem("power", "no power for a judged check: a judgement never raises a grade")
            pinned = _premises(cells.get("premises", ""))
            pinned_ids = {p for p, _ in pinned}
            for placeholder in PLACEHOLDER.findall(cells.get("reason", "")):
                if placeholder not in pinned_ids:
                    problem(
                        "reason",
                        f"placeholders naming premises only: add {placeholder}=<its value> to premises",
                        "{" + placeholder + "}",
                    )
            for premise, recorded in pinned:
                try:
                    now = _current(premise, folder)
                    then = parse_decimal(recorded)
                except (LookupProblem, FigureParseError) as exc:
                    problem(
                        "premises",
                        f"premises written id=value, with ids in claims.csv or context.csv ({exc})",
                        f"{premise}={recorded}",
                    )
                    continue
                if now != then:
                    changed.append(
                        Problem(
                            name,
                            row,
                            "premises",
                            f"{premise}={recorded}",
                            f"the value it was judged on: check '{cells.get('id')}' rests on {premise}, which was "
                            f"{recorded} when it was judged and is now {format(now, 'f')}. Re-judge the check, then "
                            "update its row "
                            "(verdict, reason and the premise's recorded value)",
                        )
                    )
            raw.append((record, None))
            continue
        if cells.get("verdict") or cells.get("premises"):
            problem(
                "verdict", "no stored verdict or premises for a computed check: its verdict is computed from a, b and c"
            )
        needed = 3 if rule in ("level", "overlap", "between", "union") else 2
        for column, expression in zip("abc", operands[:needed]):
            if not expression:
                problem(column, f"an operand, since rule '{rule}' needs {', '.join('abc'[:needed])}")
        try:
            values = [evaluate(e, folder) for e in operands[:needed]]
            verdict, evidence = _computed(rule, values)
            verdict_zh, evidence_zh = _computed(rule, values, "zh")
            assert verdict_zh == verdict  # the words follow the verdict, in every language
        except (ExpressionError, LookupProblem, ValueError, ZeroDivisionError) as exc:
            if all(operands[:needed]):
                problem("a", f"operands the rule '{rule}' can evaluate ({exc})", " | ".join(operands[:needed]))
            continue
        power = cells.get("power") or "test"
        if rule == "at_most" and verdict == "consistent" and values[0].unit == values[1].unit and values[1].raw:
            share = float(values[0].raw / values[1].raw)
            if (share < POWERLESS_SHARE) != (power == "cannot_fail"):
                problem(
                    "power",
                    f"'cannot_fail' exactly when the part is under {POWERLESS_SHARE:.0%} of its whole (here "
                    f"{share:.1%}): a smaller part cannot exceed its whole at any figure the article could print",
                    power,
                )
        raw.append((record, (verdict, (evidence, evidence_zh), values)))
    if changed:
        raise PremiseChangedError(changed + problems)
    if problems:
        raise DataValidationError(problems)
    checks = []
    for record, outcome in raw:
        cells = record.cells
        if outcome is None:  # a judgement: its verdict stored, its evidence the reason with figures filled in
            rule, verdict, basis = "judged", cells["verdict"], "editorial"
            inputs = tuple(p for p, _ in _premises(cells.get("premises", "")))
            evidence = render(cells["reason"], folder)
            evidence_zh = render(cells["reason_zh"], folder, "zh")
        else:
            rule, (verdict, (evidence, evidence_zh), values) = cells["rule"], outcome
            inputs = tuple(dict.fromkeys(i for v in values for i in v.ids))
            inputs += tuple(i for i in PLACEHOLDER.findall(" ".join(cells[c] for c in "abc")) if i not in inputs)
            if cells.get("reason"):
                evidence = f"{evidence} {render(cells['reason'], folder)}"
                evidence_zh += render(cells["reason_zh"], folder, "zh")  # Chinese sentences join with no space
            basis = "context" if any(i.split(".")[0] not in SECTOR_SLUGS for i in inputs) else "internal"
        power = cells.get("power") or "test"
        # a failure is a finding whatever the check's power, unless it is a failure on one reading only
        if (power != "test" and verdict == "consistent") or power == "reading":
            evidence = f"{evidence} {POWERS[power]}"
            evidence_zh += POWERS_ZH[power]
        about = tuple(cells["about"].split())
        checks.append(
            Check(
                cells["id"],
                cells["sector"],
                about,
                cells["question"],
                rule,
                verdict,
                evidence,
                basis,
                inputs,
                record.row,
                power,
                cells["question_zh"],
                evidence_zh,
            )
        )
    return checks


def reads_of(checks: list[Check]) -> list[tuple[str, list[str]]]:
    """What these checks rest on, for :mod:`helpers.ledger.reads`: their rows of checks.csv and the figures they use
    (a claim's figures, not its translation or notes: no check reads those)."""
    ids = {i for c in checks for i in (*c.about, *c.inputs)}
    return [
        ("checks.csv", [c.id for c in checks]),
        ("claims.csv", reads.part(sorted(i for i in ids if i.split(".")[0] in SECTOR_SLUGS), FIGURES)),
        ("context.csv", sorted(i for i in ids if i.split(".")[0] not in SECTOR_SLUGS)),
        ("places.csv", [reads.ALL]),  # a context figure's place names its scope in the evidence
    ]


@reads.records(lambda found, folder=None: reads_of(found))
def load_checks(folder: Path | None = None) -> list[Check]:
    """Every check of ``data/checks.csv``, with computed verdicts; stops if a judged check's premise changed."""
    folder = data.data_dir(folder)
    files = (CHECKS.filename, "claims.csv", "context.csv", "places.csv", "raw/source.json", "raw/article.txt")
    return data._cached("checks", folder, files, _build_checks)


@reads.records(lambda found, folder=None: reads_of(load_checks(folder)))
def checks_frame(folder: Path | None = None) -> pd.DataFrame:
    """The checks as a table: one row per check, with its verdict, basis and the claims it grades."""
    return pd.DataFrame(
        [{**c.__dict__, "about": " ".join(c.about), "inputs": " ".join(c.inputs)} for c in load_checks(folder)]
    )


__all__ += ["JUDGES", "tally_verdicts", "checks_frame", "evaluate", "describe", "render", "RULES"]
