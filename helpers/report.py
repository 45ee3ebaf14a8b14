"""The repeated parts of every sector notebook: prose rendered from data, quotes, tables, checks.

Everything here returns an object that displays itself in Jupyter. Prose objects (:class:`Text`)
carry the same content as ``text/markdown`` (what readers see) and ``text/plain`` (what the tests
compare), so a changed figure in ``data/`` changes the stored output and a stale notebook fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Sequence

import pandas as pd

from . import data, schema
from .data import Claim
from .numbers import format_number, format_wan

__all__ = [
    "Text",
    "say",
    "bullets",
    "human",
    "describe",
    "fmt",
    "quotes",
    "figures_table",
    "Derived",
    "ratio",
    "share",
    "difference",
    "total",
    "scaled",
    "product",
    "per_year",
    "remainder",
    "table",
    "context_figure",
    "derived_table",
    "Check",
    "check",
    "checks_table",
    "context_table",
    "contents",
    "start",
    "VERDICTS",
]

#: The three verdicts a consistency check can reach.
VERDICTS = {"consistent": "✔ consistent", "inconsistent": "✘ inconsistent", "cannot be checked": "? cannot be checked"}

_QUALIFIER_WORD = {"exact": "", "at_least": "at least ", "approximately": "about "}
_UNIT_WORD = {
    "people": ("person", "people"),
    "households": ("household", "households"),
    "person-times": ("person-time", "person-times"),
    "villages": ("village", "villages"),
    "counties": ("county", "counties"),
    "projects": ("project", "projects"),
    "sets": ("set", "sets"),
    "devices": ("device", "devices"),
    "facilities": ("facility", "facilities"),
    "stations": ("station", "stations"),
    "sites": ("site", "sites"),
    "enterprises": ("enterprise", "enterprises"),
    "cooperatives": ("cooperative", "cooperatives"),
    "workshops": ("workshop", "workshops"),
    "sessions": ("session", "sessions"),
    "diseases": ("disease", "diseases"),
    "categories": ("category", "categories"),
    "indicators": ("indicator", "indicators"),
    "tiers": ("tier", "tiers"),
    "stores": ("store", "stores"),
}


@dataclass(frozen=True)
class Text:
    """Markdown prose that displays as Markdown and compares as plain text."""

    markdown: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/markdown": self.markdown, "text/plain": self.markdown}

    def __str__(self) -> str:
        return self.markdown


def say(*paragraphs: str) -> Text:
    """Prose with figures already rendered in, e.g. ``say(f"{fmt('overview.registered_poor_people')} ...")``."""
    return Text("\n\n".join(paragraphs))


def bullets(items: Iterable[str], heading: str | None = None) -> Text:
    """A Markdown bullet list, optionally under a bold heading."""
    lines = [f"**{heading}**", ""] if heading else []
    return Text("\n".join(lines + [f"- {item}" for item in items]))


# --- numbers in words -------------------------------------------------------------------------------

def human(value: float | Decimal, unit: str, decimals: int | None = None) -> str:
    """A value with its unit in English: ``2.128 billion yuan``, ``350,600 people``, ``96.34%``, ``2,653.85 km``.

    ``unit="points"`` writes a difference of percentages: ``10.7 percentage points``. Units the ledger
    does not know (``litres/person/day``) are written after the number as given.
    """
    if unit == "percent":
        return f"{format_number(value, decimals)}%"
    if unit == "points":
        return f"{format_number(value, decimals)} percentage points"
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    text = None
    if unit == "yuan" or unit.startswith("yuan/"):
        for power, word in ((9, "billion"), (6, "million")):
            if abs(exact) >= Decimal(10) ** power:
                scaled = exact.scaleb(-power)
                exact_input = isinstance(value, (Decimal, int)) and decimals is None
                text = f"{format_number(scaled if exact_input else float(scaled), decimals)} {word} {unit}"
                break
    if text is None:
        number = format_number(value, decimals)
        if unit in _UNIT_WORD:
            singular, plural = _UNIT_WORD[unit]
            text = f"{number} {singular if exact == 1 else plural}"
        elif unit == "year":
            text = str(int(exact))
        else:
            text = f"{number} {unit}"
    return text


def describe(item: Claim) -> str:
    """A claim's figure in English with the original beside it: ``at least 4,000 facilities (4000余座)``."""
    return f"{_QUALIFIER_WORD[item.qualifier]}{human(item.exact, item.unit)} ({item.as_written})"


def fmt(claim_id: str, original: bool = True) -> str:
    """The figure of one claim for prose; ``original=False`` leaves out the Chinese as written."""
    item = data.claim(claim_id)
    if original:
        return describe(item)
    return f"{_QUALIFIER_WORD[item.qualifier]}{human(item.exact, item.unit)}"


# --- what the article says ----------------------------------------------------------------------------

def quotes(sector: str) -> Text:
    """Every quote of a sector's claims, verbatim, each followed by its English translation.

    Claims that share a quote show it once, listing the figures it holds.
    """
    frame = data.claims(sector)
    blocks: list[str] = []
    seen: dict[str, int] = {}
    grouped: list[tuple[str, str, list[str]]] = []
    for row in frame.itertuples(index=False):
        if row.quote in seen:
            grouped[seen[row.quote]][2].append(row.as_written)
            continue
        seen[row.quote] = len(grouped)
        grouped.append((row.quote, row.quote_en, [row.as_written]))
    for quote, quote_en, figures in grouped:
        blocks.append(f"> {quote}\n>\n> *{quote_en}*\n>\n> Figures: {'; '.join(figures)}")
    return Text("\n\n".join(blocks))


def figures_table(sector: str) -> pd.DataFrame:
    """A sector's claims as a table for people: thousands separators, and the 万/亿 form beside figures of
    100,000 or more and beside any the article writes with 万 or 亿."""
    frame = data.claims(sector)
    rows = []
    for row in frame.itertuples(index=False):
        exact = row.exact
        shown = human(exact, row.unit)
        if row.unit != "percent" and (abs(exact) >= 100_000 or "万" in row.as_written or "亿" in row.as_written):
            shown += f" ({format_wan(exact)})"
        rows.append(
            {
                "Indicator": row.indicator,
                "指标": row.indicator_zh,
                "Value": f"{_QUALIFIER_WORD[row.qualifier]}{shown}",
                "As written": row.as_written,
                "Period": row.period_label,
                "Where": schema.GEOGRAPHIES[row.geography][0],
                "Kind": row.kind,
                "id": row.id,
            }
        )
    return table(rows)


# --- what the figures imply ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Derived:
    """A metric computed from ledger values, with the formula that shows how."""

    name: str
    value: float
    unit: str
    formula: str
    inputs: tuple[str, ...] = field(default_factory=tuple)
    decimals: int | None = None

    def text(self, decimals: int | None = None) -> str:
        """The value with its unit; ``decimals`` overrides the metric's own setting."""
        return human(self.value, self.unit, self.decimals if decimals is None else decimals)


def _figure(figure: "str | Derived") -> tuple[float, str, tuple[str, ...]]:
    """Value, written form and source ids of a claim id, a context id (``cn.…``, ``yn.…``, ``km.…``) or a Derived."""
    if isinstance(figure, Derived):
        return figure.value, f"[{figure.name}]", figure.inputs
    if figure.split(".")[0] in schema.SECTOR_SLUGS:
        item = data.claim(figure)
        if item.kind == "word":  # a word claim shows how it is read: 全覆盖 (100%)
            return item.value, f"{item.as_written} ({human(item.exact, item.unit)})", (figure,)
        return item.value, item.as_written, (figure,)
    ref = data.context(figure)
    return float(ref["value"]), f"{context_figure(ref)} ({ref['scope']})", (figure,)


def context_figure(ref: pd.Series, unit: bool = True) -> str:
    """A context figure with its qualifier: ``about 4,000 yuan/person/year``, ``at least 1,100,000 people``.

    ``unit=False`` leaves the unit off (``about 4,000``), e.g. for a chart label whose axis names the unit.
    """
    if not unit:
        return f"{_QUALIFIER_WORD[ref['qualifier']]}{format_number(ref['value'])}"
    return f"{_QUALIFIER_WORD[ref['qualifier']]}{human(ref['value'], ref['unit'])}"


def ratio(name: str, numerator: "str | Derived", denominator: "str | Derived", unit: str, scale: float = 1.0,
          scale_text: str | None = None, decimals: int | None = None) -> Derived:
    """``numerator / denominator × scale``, e.g. people per household.

    Each side may be a claim id, a context id or another :class:`Derived` (shown in the formula by its
    name in brackets). ``scale_text`` shows the scale in words, e.g. ``"× 1,000 litres per m³ ÷ 365 days"``;
    ``decimals`` fixes how the value is shown.
    """
    (num, num_text, num_ids), (den, den_text, den_ids) = _figure(numerator), _figure(denominator)
    scaled = f" {scale_text}" if scale_text else (f" × {format_number(scale)}" if scale != 1 else "")
    formula = f"{num_text} ÷ {den_text}{scaled}"
    return Derived(name, num / den * scale, unit, formula, _ids(num_ids + den_ids), decimals)


def _ids(ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def share(name: str, part: "str | Derived", whole: "str | Derived", decimals: int | None = None) -> Derived:
    """``part / whole`` in percent."""
    return ratio(name, part, whole, "percent", scale=100, scale_text="× 100", decimals=decimals)


def difference(name: str, minuend: "str | Derived", subtrahend: "str | Derived", unit: str, decimals: int | None = None) -> Derived:
    """``minuend − subtrahend`` in one unit (``unit="points"`` for the gap between two rates)."""
    (a, a_text, a_ids), (b, b_text, b_ids) = _figure(minuend), _figure(subtrahend)
    return Derived(name, a - b, unit, f"{a_text} − {b_text}", _ids(a_ids + b_ids), decimals)


def total(name: str, parts: Sequence["str | Derived"], unit: str, decimals: int | None = None) -> Derived:
    """The sum of several figures in one unit."""
    figures = [_figure(p) for p in parts]
    return Derived(name, sum(f[0] for f in figures), unit, " + ".join(f[1] for f in figures),
                   _ids(tuple(i for f in figures for i in f[2])), decimals)


def product(name: str, a: "str | Derived", b: "str | Derived", unit: str, decimals: int | None = None) -> Derived:
    """``a × b`` of two figures, e.g. a per-household amount times a count of households.

    A percentage times a count is read as a share of it: ``98% × 85641户`` is 98/100 of the households.
    """
    (x, x_text, x_ids), (y, y_text, y_ids) = _figure(a), _figure(b)
    percent = [_unit_of(a), _unit_of(b)].count("percent")
    return Derived(name, x * y / (100 ** percent), unit, f"{x_text} × {y_text}", _ids(x_ids + y_ids), decimals)


def _unit_of(figure: "str | Derived") -> str:
    if isinstance(figure, Derived):
        return figure.unit
    if figure.split(".")[0] in schema.SECTOR_SLUGS:
        return data.claim(figure).unit
    return str(data.context(figure)["unit"])


def scaled(name: str, figure: "str | Derived", factor: float, unit: str, factor_text: str, decimals: int | None = None) -> Derived:
    """One figure times a constant of definition, e.g. a yearly amount per month: ``factor=1/12``,
    ``factor_text="÷ 12 months"``."""
    value, text, ids = _figure(figure)
    return Derived(name, value * factor, unit, f"{text} {factor_text}", ids, decimals)


def per_year(name: str, claim_id: str, unit: str, decimals: int | None = None) -> Derived:
    """A claim's total spread evenly over its reporting window: ``value ÷ months × 12``."""
    item = data.claim(claim_id)
    months = data.window_months(claim_id)
    return Derived(name, item.value / months * 12, unit, f"{item.as_written} ÷ {months} months × 12", (claim_id,), decimals)


def remainder(name: str, figure: "str | Derived", decimals: int | None = None) -> Derived:
    """What a percentage leaves out: ``100 − rate``, in percent (a claim, context figure or Derived)."""
    if isinstance(figure, Derived):
        if figure.unit != "percent":
            raise ValueError(f"{figure.name} is in {figure.unit}, not percent")
    elif figure.split(".")[0] in schema.SECTOR_SLUGS and data.claim(figure).unit != "percent":
        raise ValueError(f"{figure} is in {data.claim(figure).unit}, not percent")
    value, text, ids = _figure(figure)
    return Derived(name, 100 - value, "percent", f"100% − {text}", ids, decimals)


def table(records: Sequence[dict]) -> pd.DataFrame:
    """A small table for people from a list of dicts (one per row), numbered from 1."""
    frame = pd.DataFrame(list(records))
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def derived_table(items: Sequence[Derived], decimals: int = 2) -> pd.DataFrame:
    """Derived metrics as a table: name, value with unit, formula, and the ids used.

    Each metric is shown with its own ``decimals`` if it has one, else with ``decimals``.
    """
    return table(
        [{"Metric": d.name, "Value": d.text(decimals if d.decimals is None else d.decimals), "Formula": d.formula,
          "From": ", ".join(d.inputs)} for d in items]
    )


# --- checks -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Check:
    """An internal-consistency check with a visible verdict."""

    question: str
    verdict: str
    evidence: str

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {self.verdict!r}")


def check(question: str, verdict: str, evidence: str) -> Check:
    """Record one check: ``verdict`` is ``consistent``, ``inconsistent`` or ``cannot be checked``."""
    return Check(question, verdict, evidence)


def checks_table(items: Sequence[Check]) -> pd.DataFrame:
    """The sector's checks as a table with their verdicts."""
    return table([{"Check": c.question, "Verdict": VERDICTS[c.verdict], "Evidence": c.evidence} for c in items])


# --- context ------------------------------------------------------------------------------------------

def context_table(pairs: Sequence[tuple[str, str]]) -> pd.DataFrame:
    """Each ``(claim id, context id)`` pair side by side, with the context figure's citation."""
    rows = []
    for claim_id, context_id in pairs:
        item = data.claim(claim_id)
        ref = data.context(context_id)
        rows.append(
            {
                "Article (Kunming)": f"{item.indicator}: {describe(item)}, {item.period_label}",
                "Reference": f"{ref['scope']}: {ref['indicator']}: {context_figure(ref)}, {ref['period']}",
                "Source": (ref["source"] if ref["source_date"] in ref["source"] else f"{ref['source']} ({ref['source_date']})")
                + f"; reliability {ref['reliability']}",
            }
        )
    return table(rows)


# --- start of every notebook ----------------------------------------------------------------------------

def start(sector: str | None) -> pd.DataFrame:
    """Verify the archived article's sha256, validate every data file, and return the sector's claims.

    ``sector=None`` returns the whole ledger.

    The first code cell of every notebook calls this, so a changed source or a broken data file stops
    the notebook at once with an error naming the file (and row and column).
    """
    from . import charts, source

    # Tables are read in full: no "…" in evidence, formulas or citations, and no hidden rows.
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 250)
    source.article_text()
    data.load_claims()
    data.load_non_claims()
    data.load_glossary()
    data.load_context()
    charts.setup()
    return data.claims(sector)


# --- navigation -----------------------------------------------------------------------------------------

def contents(current: str | None = None) -> Text:
    """A linked list of every notebook of the series, marking the current one."""
    lines = []
    for sector in schema.SECTORS:
        label = f"{sector.notebook[:2]} · {sector.title} ({sector.title_zh})"
        if sector.slug == current:
            lines.append(f"- **{label}** (this notebook)")
        else:
            lines.append(f"- [{label}]({sector.notebook}.ipynb)")
    for notebook, title, title_zh in schema.CLOSING_NOTEBOOKS:
        label = f"{notebook[:2]} · {title} ({title_zh})"
        lines.append(f"- **{label}** (this notebook)" if current == notebook else f"- [{label}]({notebook}.ipynb)")
    return Text("\n".join(lines))
