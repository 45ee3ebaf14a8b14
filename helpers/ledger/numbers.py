"""Parse and format figures as they are printed in Chinese text.

The article writes figures such as ``21.28亿元``, ``4000余座``, ``超过60万元``, ``96.34%`` and ``四类``.
:func:`parse_figure` turns such text into an exact :class:`~decimal.Decimal` in the base unit
(万 and 亿 expanded, percentages kept as 0–100) plus a qualifier; :func:`format_wan` goes the other way.

All arithmetic is decimal, so ``35.06万`` is exactly ``350600``, never ``350599.99999999994``.
"""

from __future__ import annotations

import numbers
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = [
    "Figure",
    "FigureParseError",
    "parse_figure",
    "parse_decimal",
    "chinese_numeral_value",
    "format_wan",
    "format_number",
    "QUALIFIERS",
]

#: Allowed qualifier values, in the order of how strongly they bind the figure.
QUALIFIERS = ("exact", "at_least", "approximately")

MULTIPLIERS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "万亿": Decimal(10) ** 12}

_PREFIX_QUALIFIERS = {
    "超过": "at_least",
    "多于": "at_least",
    "逾": "at_least",
    "约": "approximately",
    "大约": "approximately",
    "将近": "approximately",
    "近": "approximately",
}
#: Qualifiers that follow the number (余, 多) or the unit (以上, 左右).
_INFIX_QUALIFIERS = {"余": "at_least", "多": "at_least"}
_SUFFIX_QUALIFIERS = {"以上": "at_least", "左右": "approximately"}

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}

_PREFIX_RE = "|".join(sorted(map(re.escape, _PREFIX_QUALIFIERS), key=len, reverse=True))
_ARABIC_RE = re.compile(
    rf"^(?P<prefix>{_PREFIX_RE})?(?P<sign>负|-|−)?(?P<num>\d+(?:\.\d+)?)"
    r"(?P<infix1>余|多)?(?P<mult>万亿|万|亿)?(?P<infix2>余|多)?(?P<rest>.*)$",
    re.DOTALL,
)
_CN_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS)
_CHINESE_RE = re.compile(
    rf"^(?P<prefix>{_PREFIX_RE})?(?P<num>[{_CN_NUMERAL_CHARS}]+)(?P<infix1>余|多)?(?P<rest>.*)$",
    re.DOTALL,
)


class FigureParseError(ValueError):
    """Raised when a text holds no figure that :func:`parse_figure` understands."""


@dataclass(frozen=True)
class Figure:
    """A figure parsed from Chinese text.

    ``value`` is in the base unit (万 and 亿 expanded); ``percent`` is true when the text ends in ``%``;
    ``unit_text`` is what followed the number (``元``, ``户``, ``千米``…) with qualifiers removed.
    """

    value: Decimal
    qualifier: str
    unit_text: str
    percent: bool
    text: str


def parse_decimal(text: str) -> Decimal:
    """Parse a plain decimal number (``"350600"``, ``"2653.85"``, ``"-3"``) exactly.

    Raises :class:`FigureParseError` for anything else (empty, thousands separators, exponents, NaN).
    """
    cleaned = text.strip()
    if not re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", cleaned):  # ASCII digits only: not １３１６, which float() reads
        raise FigureParseError(f"{text!r} is not a plain decimal number")
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guarantees validity
        raise FigureParseError(f"{text!r} is not a plain decimal number") from exc


def chinese_numeral_value(text: str) -> int:
    """Value of a Chinese numeral below 10 000: ``四`` → 4, ``十二`` → 12, ``两百零五`` → 205.

    Raises :class:`FigureParseError` on malformed numerals such as ``四四`` or ``十十``.
    """
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise FigureParseError(f"{text!r} is not a Chinese numeral")
    total, digit, last_unit, pending_digit = 0, 0, 10_000, False
    for ch in text:
        if ch in _DIGITS:
            if pending_digit:
                if digit != 0 and _DIGITS[ch] != 0:
                    raise FigureParseError(f"{text!r} is not a well-formed Chinese numeral")
            digit = _DIGITS[ch]
            pending_digit = True
        else:
            unit = _UNITS[ch]
            if unit >= last_unit:
                raise FigureParseError(f"{text!r} is not a well-formed Chinese numeral")
            if not pending_digit:
                if unit != 10 or total:
                    raise FigureParseError(f"{text!r} is not a well-formed Chinese numeral")
                digit = 1  # 十二 = 12
            total += digit * unit
            digit, last_unit, pending_digit = 0, unit, False
    return total + digit


def parse_figure(text: str) -> Figure:
    """Parse a figure as printed in the article.

    >>> parse_figure("21.28亿元").value
    Decimal('2128000000')
    >>> parse_figure("4000余座").qualifier
    'at_least'
    >>> parse_figure("96.34%").percent
    True
    >>> parse_figure("四类").value
    Decimal('4')

    Only 万, 亿 and 万亿 multiply: ``4836千米`` is 4836 with unit text ``千米`` (kilometres), and
    ``2.23千伏安`` is 2.23 kVA. Qualifiers: 超过/多于/逾/…余/…多/…以上 → ``at_least``;
    约/大约/近/将近/…左右 → ``approximately``; otherwise ``exact``.
    """
    if not isinstance(text, str):
        raise FigureParseError(f"expected text, got {type(text).__name__}")
    stripped = text.strip()
    match = _ARABIC_RE.match(stripped)
    if match:
        value = Decimal(match["num"])
        if match["mult"]:
            value = value * MULTIPLIERS[match["mult"]]
        if match["sign"]:
            value = -value
        infix = match["infix1"] or match["infix2"]
    else:
        match = _CHINESE_RE.match(stripped)
        if not match:
            raise FigureParseError(f"no figure found in {text!r}")
        value = Decimal(chinese_numeral_value(match["num"]))
        infix = match["infix1"]
    rest = match["rest"].strip()
    qualifiers = []
    if match["prefix"]:
        qualifiers.append(_PREFIX_QUALIFIERS[match["prefix"]])
    if infix:
        qualifiers.append(_INFIX_QUALIFIERS[infix])
    for suffix, qualifier in _SUFFIX_QUALIFIERS.items():
        if rest.endswith(suffix):
            rest = rest[: -len(suffix)].strip()
            qualifiers.append(qualifier)
    if len(set(qualifiers)) > 1:
        raise FigureParseError(f"{text!r} has conflicting qualifiers")
    percent = rest in ("%", "％")
    return Figure(
        value=_normalise(value),
        qualifier=qualifiers[0] if qualifiers else "exact",
        unit_text="" if percent else rest,
        percent=percent,
        text=text,
    )


def _normalise(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (350600.00 → 350600)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def format_wan(value: Decimal | int | str, unit: str = "") -> str:
    """Write a number the way Chinese text does: 350600 → ``35.06万``, 2128000000 → ``21.28亿``.

    Exact: the result parses back to the same value with :func:`parse_figure`. Values below 10 000
    are written as they are. ``unit`` is appended (``format_wan(96000, "户")`` → ``9.6万户``).
    """
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    sign = "-" if number < 0 else ""
    magnitude = abs(number)
    for suffix in ("亿", "万"):
        if magnitude >= MULTIPLIERS[suffix]:
            scaled = _normalise(magnitude.scaleb(-MULTIPLIERS[suffix].adjusted()))
            return f"{sign}{_plain(scaled)}{suffix}{unit}"
    return f"{sign}{_plain(_normalise(magnitude))}{unit}"


def _plain(value: Decimal) -> str:
    """A decimal as plain positional text (never ``1E+2``)."""
    return format(value, "f")


def format_number(value: float | Decimal | int, decimals: int | None = None) -> str:
    """English-style number with thousands separators: 350600 → ``350,600``; 2653.85 → ``2,653.85``.

    With ``decimals=None`` an int or Decimal keeps exactly the decimals it has, and a float is rounded to
    two decimals with trailing zeros dropped (3.6458 → ``3.65``, 99.0 → ``99``).
    """
    if not isinstance(value, (Decimal, int)):
        value = int(value) if isinstance(value, numbers.Integral) else float(value)  # numpy scalars too
    if isinstance(value, float):
        number = Decimal(repr(value))
        if decimals is None:
            number = _normalise(number.quantize(Decimal("0.01")))
    else:
        number = _normalise(Decimal(value))
    if decimals is None:
        exponent = number.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    text = f"{number:,.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text  # never "-0" or "-0.00"
