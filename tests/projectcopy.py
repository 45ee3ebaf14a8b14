"""A throwaway copy of the project for the robustness tests, and ways to run Python and nbval in it.

The copy (helpers, data, notebooks, tests) is put first on PYTHONPATH, so the copy's own data is used and the
real project is never touched. The robustness tests are split over several files so that pytest-xdist can
run them on different workers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers.ledger import paths

WATER = "05_water.ipynb"


def copy_project(target: Path) -> Path:
    for name in ("helpers", "data", "notebooks", "tests"):
        shutil.copytree(
            paths.ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
        )
    shutil.copy2(paths.ROOT / "pyproject.toml", target / "pyproject.toml")
    (target / "data" / "raw" / "article.txt").chmod(0o644)
    return target


def environment(project: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    env["PYTHONPATH"] = str(project)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra)
    return env


def python(project: Path, *args: str, cwd: Path | None = None, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=cwd or project,
        env=environment(project, **extra),
        timeout=600,
    )


def nbval(project: Path, *targets: str, cwd: Path | None = None, **extra: str) -> subprocess.CompletedProcess:
    return python(
        project,
        "-m",
        "pytest",
        "-q",
        "-p",
        "helpers.publish.pytest_plugin",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:xdist",
        "-o",
        "addopts=",
        "--nbval",
        "--nbval-current-env",
        "--rootdir",
        str(project),
        *targets,
        cwd=cwd,
        **extra,
    )


def make_project(tmp_path: Path) -> Path:
    copy = copy_project(tmp_path / "project")
    check = python(copy, "-c", "import helpers.ledger.paths as p; print(p.ROOT)")
    assert check.stdout.strip() == str(copy), "the copy's helpers must shadow the installed project"
    return copy
