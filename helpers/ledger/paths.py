"""Project paths, resolved from this package's location (never from the working directory)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["PACKAGE", "ROOT", "DATA", "RAW", "NOTEBOOKS", "SITE", "SITE_MARKER", "notebooks", "relative"]

#: The ``helpers`` package folder, and the project around it.
PACKAGE: Path = Path(__file__).resolve().parent.parent
ROOT: Path = PACKAGE.parent
DATA: Path = ROOT / "data"
RAW: Path = DATA / "raw"
NOTEBOOKS: Path = ROOT / "notebooks"
SITE: Path = ROOT / "site"
#: The file a site folder holds when `python -m helpers html` wrote it (and so may replace it).
SITE_MARKER = ".kunming-site"


def notebooks(folder: Path | None = None) -> list[Path]:
    """Every notebook of the series in ``folder`` (default ``notebooks/``), in order: ``NN_name.ipynb``."""
    return sorted((folder or NOTEBOOKS).glob("[0-9][0-9]_*.ipynb"))


def relative(path: Path, root: Path | None = None) -> str:
    """``path`` as text relative to the project (``data/claims.csv``), POSIX style; absolute if outside.

    ``root`` defaults to the project root; pass the parent of a data folder to name files in a copy.
    """
    base = (root or ROOT).resolve()
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(base).as_posix()
    except ValueError:
        return resolved.as_posix()
