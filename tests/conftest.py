"""Shared fixtures: a throwaway copy of data/ that tests may break; the real folder is never touched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.ledger import paths


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the project's data/ folder in a temporary directory."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target)
    return target


# --- the order in which `make test` hands files to its workers --------------------------------------------------------

#: Files that take seconds each (they build the site, copy the project or run notebooks and the command line), the
#: longest first, as timed with ``--durations``. With ``--dist loadfile`` each file goes whole to one worker, and a
#: worker asks for the next file when it is almost done; xdist's own order (most tests first) would hand these
#: few-test files out last, leaving one worker running them alone at the end. Only the order matters: a file left
#: out of this list just comes after those in it.
LONGEST_FIRST = (
    "tests/test_site.py",
    "tests/test_build_cache.py",
    "tests/test_hostile.py",
    "tests/test_runner.py",
    "notebooks/14_synthesis.ipynb",
    "notebooks/00_overview.ipynb",
    "tests/test_robust_stale.py",
    "tests/test_robust_environment.py",
    "tests/test_robust_source.py",
    "tests/test_checks.py",
    "tests/test_charts.py",
)


def pytest_configure(config) -> None:
    if getattr(config.option, "loadscopereorder", False):
        config.option.loadscopereorder = False  # keep the order pytest_collection_modifyitems gives


def pytest_collection_modifyitems(config, items) -> None:
    """Files of LONGEST_FIRST first, in its order; then the others, most tests first (as xdist would); each file's
    tests stay together and in their own order."""
    files: dict[str, list] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::", 1)[0], []).append(item)

    def rank(name: str) -> tuple[int, int]:
        listed = LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)
        return listed, -len(files[name])

    items[:] = [item for name in sorted(files, key=rank) for item in files[name]]
