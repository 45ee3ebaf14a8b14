"""Errors that tell a person exactly what is wrong with a data file, and where."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "Problem",
    "DataValidationError",
    "PremiseChangedError",
    "SourceChangedError",
    "DataFolderError",
    "LookupProblem",
]


@dataclass(frozen=True)
class Problem:
    """One violation in one place of one file.

    ``row`` counts as a spreadsheet does: the header is row 1, the first record row 2. ``row`` and
    ``column`` are ``None`` when the problem concerns the whole file or the whole header.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        found = "" if self.value is None else f"found {_show(self.value)}; "
        return f"{', '.join(where)}: {found}expected {self.expected}"


def _show(value: str) -> str:
    text = value if len(value) <= 80 else value[:77] + "..."
    return repr(text)


class DataValidationError(ValueError):
    """A data file breaks the codebook. ``problems`` lists every violation found, not just the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        files = sorted({p.file for p in self.problems})
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in {', '.join(files)} (see data/README.md):"
        super().__init__("\n".join([header, *(f"  - {p}" for p in self.problems)]))


class SourceChangedError(RuntimeError):
    """The archived article no longer matches the sha256 recorded in its source card."""


class PremiseChangedError(DataValidationError):
    """A figure that a stored judgement rests on has changed since the judgement was made."""


class DataFolderError(FileNotFoundError):
    """The data folder is missing or is not this project's (a wrong path, or a non-editable install)."""


class LookupProblem(KeyError):
    """A claim, context figure or place that is not in the data, with what was looked up, where, and the nearest ids."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""
