"""Reading a CSV data file strictly: every problem is collected with its file, row and column."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from helpers.ledger.errors import Problem
from helpers.ledger.numbers import FigureParseError, parse_decimal
from helpers.ledger.schema import URL_PATTERN, Column, TableSpec, parse_period

__all__ = ["Record", "read_table"]

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Record:
    """One data row: ``row`` is its spreadsheet row number (header = 1), ``cells`` its text by column."""

    row: int
    cells: dict[str, str]


def display_name(path: Path) -> str:
    """How files are named in messages: the data folder and the file, e.g. ``data/claims.csv``."""
    return f"{path.parent.name}/{path.name}"


def read_table(path: Path, spec: TableSpec) -> tuple[list[Record], list[Problem]]:
    """Read ``path`` as the table ``spec`` describes, returning its records and every problem found.

    Accepts a UTF-8 byte-order mark and Windows line endings. Rejects other encodings, a header that
    lacks or adds columns, rows with the wrong number of cells, empty required cells and cells whose
    type or value the codebook does not allow. Cells of columns that are present are checked even when
    others are missing, so one run reports everything.
    """
    name = display_name(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], [Problem(name, None, None, None, f"the file to exist (looked for {path})")]
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        bad = raw[exc.start : exc.start + 4].hex(" ")
        return [], [
            Problem(
                name,
                row,
                None,
                f"bytes {bad}",
                "UTF-8 text (this looks like GBK or another legacy encoding; re-save the file as UTF-8)",
            )
        ]
    rows = list(csv.reader(io.StringIO(text.replace("\r\n", "\n"), newline="")))
    if not rows:
        return [], [Problem(name, 1, None, "", "a header row: " + ",".join(spec.names))]

    problems: list[Problem] = []
    header = [h.strip() for h in rows[0]]
    for column in spec.names:
        if column not in header:
            problems.append(Problem(name, 1, column, None, "this column in the header (" + ",".join(spec.names) + ")"))
    for column in header:
        if column not in spec.names:
            problems.append(Problem(name, 1, column, column, "only the columns " + ",".join(spec.names)))
    seen: set[str] = set()
    for column in header:
        if column in seen:
            problems.append(Problem(name, 1, column, column, "each column once"))
        seen.add(column)

    columns = {c.name: c for c in spec.columns if c.name in header}
    records: list[Record] = []
    for index, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line is not a record
        if len(cells) != len(header):
            problems.append(
                Problem(name, index, None, f"{len(cells)} cells", f"{len(header)} cells, one per header column")
            )
            continue
        record = Record(index, {h: cell for h, cell in zip(header, cells) if h in columns})
        for column in columns.values():
            problem = check_cell(name, index, column, record.cells[column.name])
            if problem:
                problems.append(problem)
        records.append(record)

    if spec.key and spec.key in columns:
        first_row: dict[str, int] = {}
        for record in records:
            key = record.cells[spec.key]
            if key in first_row:
                problems.append(
                    Problem(name, record.row, spec.key, key, f"a unique {spec.key} (also used in row {first_row[key]})")
                )
            else:
                first_row[key] = record.row
    return records, problems


def check_cell(name: str, row: int, column: Column, value: str) -> Problem | None:
    """The problem with one cell, or ``None`` if it is fine."""
    if value != value.strip():
        return Problem(name, row, column.name, value, "no leading or trailing spaces")
    if not value:
        return Problem(name, row, column.name, value, "a value (this column is required)") if column.required else None
    if column.type == "decimal":
        try:
            parse_decimal(value)
        except FigureParseError:
            return Problem(name, row, column.name, value, column.expectation())
    elif column.type == "int":
        if not re.fullmatch(r"[1-9][0-9]*", value):
            return Problem(name, row, column.name, value, column.expectation())
    elif column.type == "enum":
        if value not in column.allowed:
            return Problem(name, row, column.name, value, column.expectation())
    elif column.type == "slug":
        if not re.fullmatch(column.pattern or r".+", value, re.ASCII):  # \d is 0-9 only
            return Problem(name, row, column.name, value, column.expectation())
    elif column.type == "period":
        try:
            parse_period(value)
        except ValueError as exc:
            return Problem(name, row, column.name, value, f"{column.expectation()} ({exc})")
    elif column.type == "url":
        if not re.fullmatch(URL_PATTERN, value):
            return Problem(name, row, column.name, value, column.expectation())
    elif column.type == "date":
        try:
            date.fromisoformat(value)
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                raise ValueError
        except ValueError:
            return Problem(name, row, column.name, value, column.expectation())
    return None
