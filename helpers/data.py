"""Load and validate the data files, and look claims up by sector or id.

Every loader checks its file against the codebook (``data/README.md``) and raises one
:class:`~helpers.errors.DataValidationError` that lists every problem with its file, row, column,
the value found and what was expected. ``data_dir`` defaults to the project's ``data/`` folder;
tests pass a copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths, source
from .errors import DataValidationError, Problem
from .numbers import FigureParseError, parse_decimal, parse_figure
from .schema import (
    CLAIMS,
    CONTEXT,
    GLOSSARY,
    GRADES_SPEC,
    NON_CLAIMS,
    SECTOR_SLUGS,
    UNIT_WORDS,
    TableSpec,
    parse_period,
)
from .tables import Record, display_name, read_table

__all__ = [
    "Claim",
    "load_claims",
    "load_non_claims",
    "load_glossary",
    "load_context",
    "load_grades",
    "claims",
    "claim",
    "value",
    "context",
    "coverage_gaps",
    "window_months",
]


def _dir(data_dir: Path | None) -> Path:
    return (Path(data_dir) if data_dir is not None else paths.DATA).resolve()


def _raise(problems: list[Problem]) -> None:
    if problems:
        raise DataValidationError(problems)


def _frame(records: list[Record], spec: TableSpec, numeric: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = pd.DataFrame([r.cells for r in records], columns=list(spec.names))
    frame.insert(len(frame.columns), "row", [r.row for r in records])
    for column in numeric:
        frame[column] = [float(parse_decimal(v)) for v in frame[column]]
    return frame


# --- claims -----------------------------------------------------------------------------------------

def _check_claim(name: str, record: Record, raw_dir: Path) -> list[Problem]:
    cells, row = record.cells, record.row
    problems: list[Problem] = []

    def problem(column: str, expected: str) -> None:
        problems.append(Problem(name, row, column, cells.get(column, ""), expected))

    if cells["sector"] in SECTOR_SLUGS and not cells["id"].startswith(cells["sector"] + "."):
        problem("id", f"an id starting with its sector, '{cells['sector']}.'")
    quote, as_written = cells["quote"], cells["as_written"]
    if quote:
        found = source.occurrences(quote, raw_dir)
        if found != 1:
            where = "not found" if found == 0 else f"found {found} times"
            problem("quote", f"a verbatim substring of the article that occurs exactly once ({where}; quotes must match the article byte for byte)")
    if as_written and quote and as_written not in quote:
        problem("as_written", "the figure exactly as it appears inside the quote")
    kind = cells["kind"]
    has_digits = bool(re.search(r"\d", as_written))
    if kind == "figure" and as_written and not has_digits:
        problem("as_written", "Arabic digits, since kind is 'figure'")
    if kind in ("chinese_numeral", "word") and has_digits:
        problem("as_written", f"no Arabic digits, since kind is '{kind}'")
    if kind in ("figure", "chinese_numeral") and as_written:
        try:
            figure = parse_figure(as_written)
        except FigureParseError:
            problem("as_written", "a figure the parser understands, such as 21.28亿元, 4000余座, 96.34% or 四类")
        else:
            try:
                stated = parse_decimal(cells["value"])
            except FigureParseError:
                stated = None  # already reported by the cell check
            if stated is not None and stated != figure.value:
                problem("value", f"{_plain(figure.value)}, the value of as_written {as_written!r} in base units (万 and 亿 expanded)")
            if cells["qualifier"] and figure.qualifier != cells["qualifier"]:
                problem("qualifier", f"'{figure.qualifier}', the qualifier written in as_written {as_written!r}")
            if figure.percent != (cells["unit"] == "percent"):
                problem("unit", "'percent' exactly when as_written ends in %")
            allowed = UNIT_WORDS.get(figure.unit_text)
            if allowed and cells["unit"] not in allowed:
                problem("unit", f"one of {', '.join(sorted(allowed))}, as as_written says {figure.unit_text!r}")
    return problems


def _plain(value: Decimal) -> str:
    return format(value, "f")


@lru_cache(maxsize=16)
def _claims(data_dir: Path) -> pd.DataFrame:
    path = data_dir / CLAIMS.filename
    records, problems = read_table(path, CLAIMS)
    raw_dir = data_dir / "raw"
    source.article_text(raw_dir)  # the sha256 check comes first: quotes are checked against this file
    if not any(p.row == 1 for p in problems):
        for record in records:
            problems += _check_claim(display_name(path), record, raw_dir)
    _raise(problems)
    frame = _frame(records, CLAIMS)
    frame["exact"] = [parse_decimal(v) for v in frame["value"]]
    frame["value"] = [float(v) for v in frame["exact"]]
    periods = [parse_period(p) for p in frame["period"]]
    frame["period_start"] = pd.to_datetime([p.start for p in periods])
    frame["period_end"] = pd.to_datetime([p.end for p in periods])
    return frame


def load_claims(data_dir: Path | None = None) -> pd.DataFrame:
    """The claim ledger, validated, one row per figure of the article.

    Adds ``row`` (spreadsheet row in the file), ``exact`` (the value as an exact ``Decimal``), and
    ``period_start`` and ``period_end`` (``NaT`` when unstated); ``value`` becomes a float.
    """
    return _claims(_dir(data_dir)).copy()


# --- non-claims, glossary, context, grades ----------------------------------------------------------

@lru_cache(maxsize=16)
def _non_claims(data_dir: Path) -> pd.DataFrame:
    path = data_dir / NON_CLAIMS.filename
    records, problems = read_table(path, NON_CLAIMS)
    raw_dir = data_dir / "raw"
    source.article_text(raw_dir)
    for record in records:
        quote, expected = record.cells.get("quote", ""), record.cells.get("occurrences", "")
        if quote and re.fullmatch(r"[1-9]\d*", expected):
            found = source.occurrences(quote, raw_dir)
            if found != int(expected):
                problems.append(
                    Problem(display_name(path), record.row, "quote", quote, f"a verbatim substring of the article that occurs exactly {expected} time(s), as 'occurrences' says (found {found})")
                )
    _raise(problems)
    frame = _frame(records, NON_CLAIMS)
    frame["occurrences"] = frame["occurrences"].astype(int)
    return frame


def load_non_claims(data_dir: Path | None = None) -> pd.DataFrame:
    """Every Arabic-digit number of the page that is not a claim, with the reason."""
    return _non_claims(_dir(data_dir)).copy()


@lru_cache(maxsize=16)
def _glossary(data_dir: Path) -> pd.DataFrame:
    path = data_dir / GLOSSARY.filename
    records, problems = read_table(path, GLOSSARY)
    raw_dir = data_dir / "raw"
    for record in records:
        term = record.cells.get("term_zh", "")
        if term and source.occurrences(term, raw_dir) == 0:
            problems.append(Problem(display_name(path), record.row, "term_zh", term, "a term that occurs in the article as written"))
        if record.cells.get("rendering") == "sourced" and not record.cells.get("source", "").strip("—- "):
            problems.append(Problem(display_name(path), record.row, "source", record.cells.get("source", ""), "a citation, since rendering is 'sourced'"))
    _raise(problems)
    return _frame(records, GLOSSARY)


def load_glossary(data_dir: Path | None = None) -> pd.DataFrame:
    """Policy terms of the article with their English renderings and sources."""
    return _glossary(_dir(data_dir)).copy()


@lru_cache(maxsize=16)
def _context(data_dir: Path) -> pd.DataFrame:
    records, problems = read_table(data_dir / CONTEXT.filename, CONTEXT)
    _raise(problems)
    return _frame(records, CONTEXT, numeric=("value",))


def load_context(data_dir: Path | None = None) -> pd.DataFrame:
    """External reference figures (China, Yunnan, Kunming) with full citations."""
    return _context(_dir(data_dir)).copy()


@lru_cache(maxsize=16)
def _grades(data_dir: Path) -> pd.DataFrame:
    path = data_dir / GRADES_SPEC.filename
    records, problems = read_table(path, GRADES_SPEC)
    known = set(_claims(data_dir)["id"])
    graded = set()
    for record in records:
        claim_id = record.cells.get("id", "")
        graded.add(claim_id)
        if claim_id and claim_id not in known:
            problems.append(Problem(display_name(path), record.row, "id", claim_id, "the id of a claim in claims.csv"))
        for placeholder in _PLACEHOLDER.findall(record.cells.get("reason", "")):
            if placeholder not in known:
                problems.append(Problem(display_name(path), record.row, "reason", "{" + placeholder + "}", "placeholders naming claims in claims.csv, e.g. {overview.registered_poor_people}"))
    for claim_id in sorted(known - graded):
        problems.append(Problem(display_name(path), None, "id", claim_id, "a grade for every claim (this one has none)"))
    _raise(problems)
    frame = _frame(records, GRADES_SPEC)
    written = dict(zip(_claims(data_dir)["id"], _claims(data_dir)["as_written"]))
    frame["reason_text"] = [_PLACEHOLDER.sub(lambda m: written[m.group(1)], reason) for reason in frame["reason"]]
    return frame


#: ``{claim.id}`` in a grade's reason stands for that claim's figure as written.
_PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z0-9_]+)\}")


def load_grades(data_dir: Path | None = None) -> pd.DataFrame:
    """The verifiability grade of every claim, with its reason.

    A reason may name claims as ``{claim.id}``; ``reason_text`` has them replaced by each claim's figure
    as written, so the reason always quotes the current ledger.
    """
    return _grades(_dir(data_dir)).copy()


# --- lookups ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Claim:
    """One row of the ledger, with its value as float (``value``) and exact decimal (``exact``)."""

    id: str
    sector: str
    kind: str
    indicator: str
    indicator_zh: str
    value: float
    exact: Decimal
    unit: str
    as_written: str
    qualifier: str
    period: str
    period_label: str
    geography: str
    quote: str
    quote_en: str
    note: str
    row: int

    @property
    def window(self):
        """The reporting window as a :class:`~helpers.schema.Period` (``start``/``end`` dates, ``None`` if unstated)."""
        return parse_period(self.period)

    @property
    def sentence(self) -> str:
        """The article's whole sentence around the quote."""
        return source.sentence_of(self.quote)


def claims(sector: str | None = None, data_dir: Path | None = None) -> pd.DataFrame:
    """The ledger, or the claims of one sector, in article order, indexed by id."""
    frame = load_claims(data_dir)
    if sector is not None:
        if sector not in SECTOR_SLUGS:
            raise KeyError(f"unknown sector {sector!r}; sectors are {', '.join(SECTOR_SLUGS)}")
        frame = frame[frame["sector"] == sector]
    return frame.set_index("id", drop=False)


def claim(claim_id: str, data_dir: Path | None = None) -> Claim:
    """One claim by id, e.g. ``claim("water.centralized_supply_rate_2019")``."""
    frame = _claims(_dir(data_dir))
    match = frame[frame["id"] == claim_id]
    if match.empty:
        close = [i for i in frame["id"] if i.split(".")[0] == claim_id.split(".")[0]]
        hint = f"; ids in that sector: {', '.join(close)}" if close else ""
        raise KeyError(f"no claim {claim_id!r} in data/claims.csv{hint}")
    row = match.iloc[0]
    fields = {name: row[name] for name in Claim.__dataclass_fields__}
    fields.update(value=float(row["value"]), row=int(row["row"]))
    return Claim(**fields)


def value(claim_id: str, data_dir: Path | None = None) -> float:
    """The value of one claim in its base unit."""
    return claim(claim_id, data_dir).value


def window_months(claim_id: str, data_dir: Path | None = None) -> int:
    """Whole calendar months in a claim's reporting window (``2016/2020-08`` → 56); error if unstated."""
    item = claim(claim_id, data_dir)
    start, end = parse_period(item.period)
    if start is None or end is None:
        raise ValueError(f"{claim_id} states no reporting window (period 'unstated')")
    return (end.year - start.year) * 12 + end.month - start.month + 1


def context(context_id: str, data_dir: Path | None = None) -> pd.Series:
    """One external reference figure by id, with its citation."""
    frame = _context(_dir(data_dir))
    match = frame[frame["id"] == context_id]
    if match.empty:
        raise KeyError(f"no context figure {context_id!r} in data/context.csv")
    return match.iloc[0].copy()


# --- coverage ---------------------------------------------------------------------------------------

def coverage_gaps(data_dir: Path | None = None) -> list[tuple[int, str, str]]:
    """Arabic-digit runs of the page that no claim and no non-claim accounts for.

    Returns ``(offset, digits, surrounding text)`` for each; an empty list means full coverage.
    A claim covers the digits inside its ``as_written`` within its quote; a non-claim covers every
    digit run inside each occurrence of its quote.
    """
    root = _dir(data_dir)
    raw_dir = root / "raw"
    text = source.article_text(raw_dir)
    covered: list[tuple[int, int]] = []
    for quote, as_written in _claims(root)[["quote", "as_written"]].itertuples(index=False):
        start = text.index(quote) + quote.index(as_written)
        covered.append((start, start + len(as_written)))
    for quote in _non_claims(root)["quote"]:
        start = text.find(quote)
        while start != -1:
            covered.append((start, start + len(quote)))
            start = text.find(quote, start + 1)
    gaps = []
    for offset, digits in source.digit_runs(raw_dir):
        end = offset + len(digits)
        if not any(a <= offset and end <= b for a, b in covered):
            gaps.append((offset, digits, text[max(0, offset - 12) : end + 12].replace("\n", " ")))
    return gaps
