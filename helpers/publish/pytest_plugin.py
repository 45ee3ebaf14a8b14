"""Loaded first by pytest (``-p helpers.publish.pytest_plugin`` in ``pyproject.toml``), in the main process and each
worker.

- Skips the unused IRI grammar import that would cost every process about 1.4 s (see
  :mod:`helpers.publish._fastimport`).
- When notebooks are tested (``--nbval``), builds matplotlib's font cache before any notebook kernel starts. On a
  fresh machine the first import of matplotlib prints "Matplotlib is building the font cache" to stderr; inside a
  kernel that message would become a stderr output and fail the comparison with the stored outputs.
- When a notebook cell fails its comparison, adds what to do: a notebook saved from JupyterLab after cells ran out
  of order, or after an edit, is fixed by re-running it top to bottom.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.publish import _fastimport  # noqa: F401  (must come before anything imports nbformat)


def pytest_configure(config) -> None:
    if getattr(config.option, "nbval", False) or getattr(config.option, "nbval_lax", False):
        import matplotlib.font_manager  # noqa: F401  (builds and caches the font list once, before any kernel)


def out_of_order(path: Path) -> list[int | None]:
    """The execution counts of a notebook's code cells if they are not 1, 2, 3, … in order; else an empty list."""
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    counts = [c.get("execution_count") for c in cells if c.get("cell_type") == "code"]
    return [] if counts == list(range(1, len(counts) + 1)) else counts


def how_to_fix(path: Path) -> str:
    """The advice for a notebook whose stored outputs no longer match a fresh run."""
    counts = out_of_order(path)
    why = (
        f"{path.name} was saved after running cells out of order (execution counts {counts}). "
        if counts
        else f"{path.name}'s stored outputs differ from a fresh top-to-bottom run (an edit, or new data). "
    )
    return (
        why + f"Re-run it top to bottom and commit the result: `make run` (every notebook) or "
        f"`.venv/bin/python -m helpers run {path.stem}`."
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed and call.when == "call" and str(getattr(item, "fspath", "")).endswith(".ipynb"):
        report.sections.append(("How to fix", how_to_fix(Path(str(item.fspath)))))
