"""Project paths, resolved from this package's location (never from the working directory)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["ROOT", "DATA", "RAW", "NOTEBOOKS", "SITE", "relative"]

ROOT: Path = Path(__file__).resolve().parent.parent
DATA: Path = ROOT / "data"
RAW: Path = DATA / "raw"
NOTEBOOKS: Path = ROOT / "notebooks"
SITE: Path = ROOT / "site"


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
