"""Reading and editing CSV copies in tests, cell by cell, as a spreadsheet user would."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; ``row`` counts as a spreadsheet does (header = 1)."""
    rows = read_rows(path)
    rows[row - 1][rows[0].index(column)] = value
    write_rows(path, rows)


def get_cell(path: Path, row: int, column: str) -> str:
    rows = read_rows(path)
    return rows[row - 1][rows[0].index(column)]


def row_where(path: Path, column: str, value: str, **also: str) -> int:
    """The spreadsheet row (header = 1) of the first record whose ``column`` equals ``value``.

    ``also`` adds conditions of the form ``other_column="text it contains"``.
    """
    rows = read_rows(path)
    header = rows[0]
    for number, cells in enumerate(rows[1:], start=2):
        if cells[header.index(column)] == value and all(text in cells[header.index(c)] for c, text in also.items()):
            return number
    raise LookupError(f"no row of {path.name} has {column} = {value!r}")
