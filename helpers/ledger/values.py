"""One way to hold a figure: claims, context figures, constants and derived metrics.

Every figure the notebooks use is a :class:`Value`. A value knows its number, unit and qualifier, where it comes
from, and how to show itself in prose and inside a formula. Formatting goes through ``format()``::

    f"{people}"      350,600 people (35.06万名)     the reader's form (Chinese as written beside a claim)
    f"{people:en}"   350,600 people                English only
    f"{people:zh}"   35.06万名                      the Chinese as written (a claim); English otherwise
    f"{people:n}"    350,600                       the number alone
    f"{bound:q}"     at least 4,000                the number with its qualifier
    f"{share:.1}"    47.1%                         one decimal (combines: ``.0en``, ``.2n``)

Values combine with ``+ - * /``; the result is a :class:`Derived` that carries its formula (``35.06万名 ÷ 9.6万户``)
and the ids it rests on. :meth:`Value.named` gives it a name, a unit and its decimals. The arithmetic is unit-aware
so that it cannot mislead: percentages enter as fractions (98% × 85,641 households = 83,928 households, and
98% × 100% = 98%), a ratio asked for in percent is multiplied by 100, and the difference of two rates is in
percentage points. Lower bounds stay bounds: a sum of lower bounds is a lower bound, and dividing by one gives an
upper bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from helpers.ledger.numbers import format_number, format_wan

__all__ = [
    "Value",
    "Claim",
    "Ref",
    "Constant",
    "Derived",
    "human",
    "human_zh",
    "unit_words",
    "HOURS_PER_YEAR",
    "DAYS_PER_YEAR",
    "MONTHS_PER_YEAR",
    "LITRES_PER_M3",
    "MU_PER_HECTARE",
    "ALL",
]

#: Units whose values are percentages (0–100); they enter arithmetic as fractions.
PERCENT_UNITS = ("percent", "points")

_QUALIFIER_WORD = {"exact": "", "at_least": "at least ", "at_most": "at most ", "approximately": "about "}
#: Unit → (singular, plural) for counts written in English.
_COUNT_WORDS = {
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
    "months": ("month", "months"),
    "days": ("day", "days"),
    "hours": ("hour", "hours"),
    "rangers": ("ranger", "rangers"),
}
#: How some units are written after a number.
_UNIT_TEXT = {
    "m3": "m³",
    "mu": "mu",
    "times": "times",
    "yuan/person/year": "yuan per person per year",
    "yuan/household": "yuan per household",
    "kVA/household": "kVA per household",
}

_SPEC = re.compile(r"^(?:\.(?P<decimals>\d+))?(?P<form>en|zh|n|q)?$")


def unit_words(unit: str, count: float | Decimal = 2) -> str:
    """The unit as English words after a number: ``households``, ``m³``, ``yuan per person per year``."""
    if unit in _COUNT_WORDS:
        singular, plural = _COUNT_WORDS[unit]
        return singular if count == 1 else plural
    return _UNIT_TEXT.get(unit, unit)


def human(value: float | Decimal | int, unit: str, decimals: int | None = None) -> str:
    """A number with its unit in English: ``2.128 billion yuan``, ``350,600 people``, ``96.34%``,
    ``10.7 percentage points``."""
    if unit == "percent":
        return f"{format_number(value, decimals)}%"
    if unit == "points":
        number = format_number(value, decimals)
        return f"{number} percentage {'point' if number == '1' else 'points'}"
    if unit == "year":
        return str(int(value))
    exact = (
        value
        if isinstance(value, Decimal)
        else Decimal(repr(float(value)))
        if not isinstance(value, int)
        else Decimal(value)
    )
    if unit == "yuan" or unit.startswith("yuan/"):
        for power, word in ((9, "billion"), (6, "million")):
            if abs(exact) >= Decimal(10) ** power:
                scaled = exact.scaleb(-power)
                keep_exact = isinstance(value, (Decimal, int)) and decimals is None
                return f"{format_number(scaled if keep_exact else float(scaled), decimals)} {word} {unit_words(unit)}"
    return f"{format_number(value, decimals)} {unit_words(unit, exact)}"


def human_zh(value: float | Decimal | int, unit: str, decimals: int | None = None) -> str:
    """A number with its unit as Chinese text writes it, for the Chinese edition of the site: ``3.65人``,
    ``96368户``, ``933万人``, ``21.28亿元``, ``10.7个百分点``. 万 and 亿 are used as the article uses them, where the
    figure is a round one (at most two decimals of 万, four of 亿); other numbers are written out, without separators
    (``326389人``, as the article writes them)."""
    from helpers.ledger.schema import UNITS_ZH

    word = UNITS_ZH[unit][0] if unit in UNITS_ZH else unit
    if unit == "year":
        return f"{int(value)}{word}"
    if decimals is not None or not isinstance(value, (Decimal, int)):
        number = Decimal(format_number(value, decimals).replace(",", ""))
    else:
        number = Decimal(value)
    if unit not in ("percent", "points") and abs(number) >= 10_000 and number == number.to_integral_value():
        for power, places in ((8, 4), (4, 2)):
            scaled = number.scaleb(-power).normalize()
            exponent = scaled.as_tuple().exponent
            if abs(number) >= Decimal(10) ** power and (not isinstance(exponent, int) or -exponent <= places):
                return format_wan(number, word)
    return format_number(number, decimals).replace(",", "") + word


def _zh(message: str, **fields) -> str:
    from helpers.i18n import translator

    return translator("zh")(message, **fields)


def _direction(qualifier: str) -> int | None:
    """+1 for a lower bound, -1 for an upper bound, 0 for exact, None for approximate."""
    return {"exact": 0, "at_least": 1, "at_most": -1}.get(qualifier)


def _qualifier(direction: int | None) -> str:
    return {0: "exact", 1: "at_least", -1: "at_most"}.get(direction, "approximately")  # type: ignore[arg-type]


def _combine(a: int | None, b: int | None) -> int | None:
    """Direction of a sum (or product of positives) of two bounded figures."""
    if a is None or b is None:
        return None
    if a == 0 or b == 0 or a == b:
        return a or b
    return None  # a lower bound plus an upper bound bounds nothing


class Value:
    """A figure with a unit, a qualifier and a source; see the module docstring for formatting and arithmetic."""

    value: float
    unit: str
    qualifier: str
    decimals: int | None

    # --- what each kind of value supplies -------------------------------------------------------------------------
    @property
    def label(self) -> str:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the data rows this figure rests on."""
        return ()

    def in_formula(self) -> str:
        """How the figure is written inside a formula."""
        return self.english()

    def chinese(self) -> str:
        """The Chinese as written, where there is one; English otherwise."""
        return self.english()

    def reader(self, decimals: int | None = None) -> str:
        """The reader's form (the default of ``format``)."""
        return self.english(decimals)

    def zh(self, decimals: int | None = None) -> str:
        """The figure for a Chinese reader: the article's own words for a claim, Chinese figures otherwise."""
        shown = self.decimals if decimals is None else decimals
        number = getattr(self, "exact", None) if shown is None else None
        from helpers.ledger.schema import QUALIFIERS_ZH

        qualifier = QUALIFIERS_ZH[self.qualifier][0]
        return qualifier + human_zh(number if number is not None else self.value, self.unit, shown)

    def in_formula_zh(self) -> str:
        """How the figure is written inside a formula of the Chinese edition."""
        return self.zh()

    # --- shared behaviour -----------------------------------------------------------------------------------------
    @property
    def raw(self) -> float:
        """The number as arithmetic uses it: percentages as fractions."""
        return self.value / 100 if self.unit in PERCENT_UNITS else self.value

    @property
    def direction(self) -> int | None:
        return _direction(self.qualifier)

    @property
    def shown_decimals(self) -> int:
        """How many decimals the figure is shown with: its own setting, or the decimals its exact value has."""
        if self.decimals is not None:
            return self.decimals
        exact = getattr(self, "exact", None)
        if exact is not None:
            exponent = exact.as_tuple().exponent
            return -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return 2

    def english(self, decimals: int | None = None) -> str:
        shown = self.decimals if decimals is None else decimals
        number = getattr(self, "exact", None) if shown is None else None
        return _QUALIFIER_WORD[self.qualifier] + human(number if number is not None else self.value, self.unit, shown)

    def number(self, decimals: int | None = None) -> str:
        shown = self.decimals if decimals is None else decimals
        exact = getattr(self, "exact", None)
        return format_number(exact if exact is not None and shown is None else self.value, shown)

    def __format__(self, spec: str) -> str:
        match = _SPEC.match(spec)
        if not match:
            raise ValueError(
                f"unknown format {spec!r} for {self.label!r}; use '', 'en', 'zh', 'n' with optional '.N' decimals"
            )
        decimals = int(match["decimals"]) if match["decimals"] is not None else None
        form = match["form"]
        if form == "zh":
            return self.chinese()
        if form == "en":
            return self.english(decimals)
        if form == "n":
            return self.number(decimals)
        if form == "q":
            return _QUALIFIER_WORD[self.qualifier] + self.number(decimals)
        return self.reader(decimals)

    def __str__(self) -> str:
        return format(self, "")

    # --- arithmetic -----------------------------------------------------------------------------------------------
    def _operand(self) -> str:
        return self.in_formula()

    def __add__(self, other: Value) -> Derived:
        return _op(self, other, "+")

    def __sub__(self, other: Value) -> Derived:
        return _op(self, other, "−")

    def __mul__(self, other: Value) -> Derived:
        return _op(self, other, "×")

    def __truediv__(self, other: Value) -> Derived:
        return _op(self, other, "÷")

    def named(self, name: str, unit: str | None = None, decimals: int | None = None) -> Derived:
        """This figure as a named metric, in ``unit`` (inferred where the inputs fix it), shown with ``decimals``."""
        derived = self if isinstance(self, Derived) else _op(self, None, "")
        target = unit or derived.unit or derived.inferred_unit
        if target is None:
            raise ValueError(
                f"{name!r}: say which unit the result is in (unit=...), since {derived.formula} mixes units"
            )
        value = derived.raw * 100 if target in PERCENT_UNITS else derived.raw
        return replace(derived, name=name, unit=target, value=value, decimals=decimals, inferred_unit=None)


def _op(a: Value, b: Value | None, op: str) -> Derived:
    if b is not None and not isinstance(b, Value):
        raise TypeError(f"can only combine figures with figures, not {type(b).__name__} ({b!r}); use a named constant")
    if b is None:
        return Derived("", a.raw, None, a.in_formula(), a.ids, None, a.qualifier, a.unit, formula_zh=a.in_formula_zh())
    da, db = a.direction, b.direction
    if op == "+":
        raw, direction = a.raw + b.raw, _combine(da, db)
    elif op == "−":
        raw, direction = a.raw - b.raw, _combine(da, None if db is None else -db)
    elif op == "×":
        raw, direction = a.raw * b.raw, _combine(da, db)
    else:
        raw, direction = a.raw / b.raw, _combine(da, None if db is None else -db)
    formula = f"{_wrap(a, op)} {op} {_wrap(b, op, right=True)}"
    formula_zh = f"{_wrap(a, op, zh=True)} {op} {_wrap(b, op, right=True, zh=True)}"
    return Derived(
        "",
        raw,
        None,
        formula,
        tuple(dict.fromkeys(a.ids + b.ids)),
        None,
        _qualifier(direction),
        _infer_unit(a.unit, b.unit, op),
        formula_zh=formula_zh,
    )


def _wrap(item: Value, op: str, right: bool = False, zh: bool = False) -> str:
    text = item.in_formula_zh() if zh else item._operand()
    if (
        isinstance(item, Derived)
        and not item.name
        and item.operator
        and ((op in "×÷" and item.operator in "+−") or (right and op in "−÷"))
    ):
        return f"({text})"
    return text


def _infer_unit(a: str | None, b: str | None, op: str) -> str | None:
    if a is None or b is None:
        return None
    if op in "+−":
        if a == b == "percent":
            return "points" if op == "−" else "percent"
        return a if a == b else None
    if op == "×":
        if a == "percent":
            return b
        if b == "percent":
            return a
    if op == "÷" and b == "percent":
        return a
    return None


@dataclass(frozen=True)
class Derived(Value):
    """A metric computed from other figures: its value, unit, formula and the data ids it rests on.

    ``raw`` is the result as arithmetic sees it (percentages as fractions); ``value`` is in ``unit``.
    """

    name: str
    raw_value: float
    unit: str | None
    formula: str
    inputs: tuple[str, ...] = field(default_factory=tuple)
    decimals: int | None = None
    qualifier: str = "exact"
    inferred_unit: str | None = None
    value: float = float("nan")
    formula_zh: str = ""  # the formula as the Chinese edition writes it: claims as written, other figures in Chinese

    def __post_init__(self) -> None:
        if self.value != self.value:  # NaN: not yet in a unit (an unnamed result is in the unit its inputs fix)
            unit = self.unit or self.inferred_unit
            object.__setattr__(self, "value", self.raw_value * 100 if unit in PERCENT_UNITS else self.raw_value)

    @property
    def raw(self) -> float:  # type: ignore[override]
        return self.raw_value

    @property
    def operator(self) -> str | None:
        for op in ("+", "−", "×", "÷"):
            if f" {op} " in self.formula:
                return op
        return None

    @property
    def label(self) -> str:
        return self.name or self.formula

    @property
    def ids(self) -> tuple[str, ...]:
        return self.inputs

    def in_formula(self) -> str:
        return f"[{self.name}]" if self.name else self.formula

    def in_formula_zh(self) -> str:
        return f"[{self.name}]" if self.name else self.formula_zh

    def english(self, decimals: int | None = None) -> str:
        if self.unit is None:
            if self.inferred_unit is None:
                raise ValueError(f"{self.formula} has no unit yet: name it with .named(name, unit=...)")
            return replace(self, unit=self.inferred_unit).english(decimals)
        return super().english(decimals)

    def zh(self, decimals: int | None = None) -> str:
        if self.unit is None:
            if self.inferred_unit is None:
                raise ValueError(f"{self.formula} has no unit yet: name it with .named(name, unit=...)")
            return replace(self, unit=self.inferred_unit).zh(decimals)
        return super().zh(decimals)


@dataclass(frozen=True, eq=False)
class Claim(Value):
    """One row of the claim ledger (``data/claims.csv``)."""

    id: str
    sector: str
    kind: str
    status: str
    indicator: str
    indicator_zh: str
    value: float
    exact: Decimal
    unit: str
    as_written: str
    qualifier: str
    period: str
    period_label: str
    period_basis: str  # stated | inferred | none (schema.PERIOD_BASES)
    geography: str
    quote: str
    quote_en: str
    note: str
    row: int
    decimals: int | None = None

    @property
    def label(self) -> str:
        return self.indicator

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.id,)

    def in_formula(self) -> str:
        if self.kind == "word":  # a word claim shows how it is read: 全覆盖 (100%)
            return f"{self.as_written} ({human(self.exact, self.unit)})"
        return self.as_written

    def chinese(self) -> str:
        return self.as_written

    def zh(self, decimals: int | None = None) -> str:
        if self.kind == "word":  # a word claim shows how it is read: 全覆盖 (100%)
            return _zh("{words} (read as {value})", words=self.as_written, value=human_zh(self.exact, self.unit))
        return self.as_written

    def in_formula_zh(self) -> str:
        return self.zh()

    def reader(self, decimals: int | None = None) -> str:
        if self.kind == "word":
            return f"{self.as_written} (read as {human(self.exact, self.unit)})"
        english = self.english(decimals)
        return english if english == self.as_written else f"{english} ({self.as_written})"

    @property
    def window(self):
        """The reporting window as a :class:`~helpers.ledger.schema.Period` (``start``/``end``;
        ``None`` if unstated)."""
        from helpers.ledger.schema import parse_period

        return parse_period(self.period)

    @property
    def months(self) -> Constant:
        """Whole calendar months of the reporting window, as a figure (``2016/2020-08`` → 56 months)."""
        start, end = self.window
        if start is None or end is None:
            raise ValueError(f"{self.id} states no reporting window (period 'unstated'), so it has no length in months")
        count = (end.year - start.year) * 12 + end.month - start.month + 1
        return Constant(count, "months", f"{count} months")

    def per_year(self, name: str, unit: str, decimals: int | None = None) -> Derived:
        """The figure spread evenly over its window: ``value ÷ months × 12``."""
        return (self / self.months * MONTHS_PER_YEAR).named(name, unit, decimals)

    @property
    def sentence(self) -> str:
        """The article's whole sentence around the quote."""
        from helpers.ledger import source

        return source.sentence_of(self.quote)


@dataclass(frozen=True, eq=False)
class Ref(Value):
    """One outside reference figure (``data/context.csv``), with its citation."""

    id: str
    scope: str
    place: str
    indicator: str
    value: float
    exact: Decimal
    unit: str
    qualifier: str
    period: str
    source: str
    source_date: str
    seen_at: str
    snippet: str
    reliability: str
    note: str
    row: int
    decimals: int | None = None
    scope_zh: str = ""  # the place's Chinese name (places.csv, name_zh)

    @property
    def label(self) -> str:
        return self.indicator

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.id,)

    def in_formula(self) -> str:
        return f"{self.english()} ({self.scope})"

    def in_formula_zh(self) -> str:
        return _zh("{value} ({place})", value=self.zh(), place=self.scope_zh)

    @property
    def window(self):
        from helpers.ledger.schema import parse_period

        return parse_period(self.period)

    @property
    def when(self) -> str:
        """The period in words: ``2020``, ``2012–2020``, ``2020-11-01``."""
        return self.period.replace("/", "–")

    @property
    def cite(self) -> str:
        """Who published the figure, and when: ``Ministry of Water Resources, 2021-01-15``."""
        return self.source if self.source_date in self.source else f"{self.source}, {self.source_date}"

    @property
    def brief(self) -> str:
        """A short citation for a chart's source line: the publisher's first clause and the date (``undated`` when
        the publication gives none, so a date in the rest of ``source`` is never mistaken for it)."""
        first = re.split(r",|;| \(", self.source, maxsplit=1)[0].strip()
        if not self.source_date:
            return f"{first}, undated"
        return f"{first}, {self.source_date}" if self.source_date not in first else first

    @property
    def published(self) -> date:
        return date.fromisoformat(self.source_date)


@dataclass(frozen=True, eq=False)
class Reported(Value):
    """A figure as another publication states it (one row of ``data/reports.csv``), in the unit of its claim."""

    id: str
    claim: str
    relation: str
    origin: str
    as_stated: str
    value: float
    exact: Decimal
    unit: str
    qualifier: str
    publisher: str
    published_on: str
    period_stated: str
    url: str
    excerpt: str
    decimals: int | None = None

    @property
    def label(self) -> str:
        return f"{self.as_stated} ({self.brief})"

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.id,)

    def in_formula(self) -> str:
        return self.as_stated

    def chinese(self) -> str:
        return self.as_stated

    def zh(self, decimals: int | None = None) -> str:
        return self.as_stated

    def reader(self, decimals: int | None = None) -> str:
        english = self.english(decimals)
        return english if english == self.as_stated else f"{english} ({self.as_stated})"

    @property
    def brief(self) -> str:
        """The publisher's first clause and the date: ``云南网 (Yunnan Net), 2020-08-20``."""
        return f"{self.publisher.split(',')[0].strip()}, {self.published_on}"

    @property
    def cite(self) -> str:
        return f"{self.publisher}, {self.published_on}"

    @property
    def published(self) -> date:
        return date.fromisoformat(self.published_on)


@dataclass(frozen=True, eq=False)
class Constant(Value):
    """A constant of definition (12 months a year, 1,000 litres per m³), never a figure of the article.

    Its formula text is built from its own value, so what a formula says and what it computes cannot differ.
    """

    amount: float
    unit: str
    words: str
    qualifier: str = "exact"
    decimals: int | None = None
    words_zh: str = ""  # its words in the Chinese edition; a number alone when empty

    @property
    def value(self) -> float:  # type: ignore[override]
        return self.amount

    @property
    def shown_decimals(self) -> int:  # type: ignore[override]
        return 0 if float(self.amount).is_integer() else 2

    @property
    def label(self) -> str:
        return self.words

    def in_formula(self) -> str:
        return self.words

    def in_formula_zh(self) -> str:
        return self.words_zh or human_zh(self.amount, self.unit)

    def zh(self, decimals: int | None = None) -> str:
        return self.in_formula_zh()


def _constant(amount: float, unit: str, words: str, words_zh: str) -> Constant:
    return Constant(amount, unit, f"{format_number(amount)} {words}", words_zh=words_zh)


#: Hours in a (non-leap) year: 365 × 24.
HOURS_PER_YEAR = _constant(8760, "hours", "hours a year", "每年8760小时")
#: Days in a (non-leap) year.
DAYS_PER_YEAR = _constant(365, "days", "days a year", "每年365天")
#: Months in a year.
MONTHS_PER_YEAR = _constant(12, "months", "months a year", "每年12个月")
#: Litres in a cubic metre.
LITRES_PER_M3 = _constant(1000, "litres", "litres per m³", "每立方米1000升")
#: Kilowatts in a megawatt.
KW_PER_MW = _constant(1000, "kW", "kW per MW", "每兆瓦1000千瓦")
#: Mu (亩) in a hectare.
MU_PER_HECTARE = _constant(15, "mu", "mu per hectare", "每公顷15亩")
#: The whole: 100 percent (what a rate leaves out is ``ALL - rate``).
ALL = Constant(100, "percent", "100%")
