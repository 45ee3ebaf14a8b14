"""The project in hostile conditions: an altered source, stale outputs, another environment, and what it writes.

Each test works on a throwaway copy of the project (helpers, data, notebooks) that is put first on
PYTHONPATH, so the copy's own data is used and the real project is never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from datafiles import read_rows, set_cell
from helpers import paths
from helpers.runner import notebook_paths

WATER = "05_water.ipynb"


def copy_project(target: Path) -> Path:
    for name in ("helpers", "data", "notebooks", "tests"):
        shutil.copytree(paths.ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
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
        [sys.executable, *args], capture_output=True, text=True, cwd=cwd or project, env=environment(project, **extra), timeout=600
    )


def nbval(project: Path, *targets: str, cwd: Path | None = None, **extra: str) -> subprocess.CompletedProcess:
    return python(
        project, "-m", "pytest", "-q", "-p", "helpers._fastimport", "-p", "no:cacheprovider", "-p", "no:xdist", "-o", "addopts=",
        "--nbval", "--nbval-current-env", "--rootdir", str(project), *targets, cwd=cwd, **extra,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = copy_project(tmp_path / "project")
    check = python(copy, "-c", "import helpers.paths as p; print(p.ROOT)")
    assert check.stdout.strip() == str(copy), "the copy's helpers must shadow the installed project"
    return copy


def test_altered_source_stops_every_notebook_at_its_first_cell(project):
    article = project / "data" / "raw" / "article.txt"
    article.write_bytes(article.read_bytes().replace("404个贫困村".encode(), "405个贫困村".encode()))
    script = textwrap.dedent(
        """
        import json, sys
        import nbformat
        from helpers.errors import SourceChangedError
        results = {}
        for path in sys.argv[1:]:
            nb = nbformat.read(path, as_version=4)
            first = next(c for c in nb.cells if c.cell_type == "code")
            try:
                exec(compile(first.source, path, "exec"), {})
                results[path] = "ran"
            except SourceChangedError as exc:
                results[path] = str(exc)
        print(json.dumps(results))
        """
    )
    names = [str(project / "notebooks" / p.name) for p in notebook_paths()]
    result = python(project, "-c", script, *names, cwd=project / "notebooks")
    assert result.returncode == 0, result.stderr
    outcomes = json.loads(result.stdout)
    assert len(outcomes) == len(names)
    for path, message in outcomes.items():
        assert "no longer matches its recorded sha256" in message, f"{Path(path).name}: {message}"
        assert "data/raw/article.txt" in message

    # and through the run command: the notebook stops at code cell 1 and is left untouched
    notebook = project / "notebooks" / WATER
    before = notebook.read_bytes()
    run = python(project, "-m", "helpers", "run", WATER.removesuffix(".ipynb"))
    assert run.returncode == 1
    assert f"{WATER}, code cell 1: FAILED" in run.stderr and "SourceChangedError" in run.stderr
    assert notebook.read_bytes() == before


def test_changed_value_makes_stored_outputs_stale_and_rerun_differ(project):
    claims = project / "data" / "claims.csv"
    rows = read_rows(claims)
    header = rows[0]
    row = next(i for i, r in enumerate(rows, 1) if r[header.index("id")] == "water.safety_indicators_met")
    assert rows[row - 1][header.index("value")] == "100"
    set_cell(claims, row, "value", "90")

    stale = nbval(project, f"notebooks/{WATER}")
    assert stale.returncode != 0, "nbval passed on outputs computed from other data"
    assert "90%" in stale.stdout

    notebook = project / "notebooks" / WATER
    before = notebook.read_bytes()
    rerun = python(project, "-m", "helpers", "run", WATER.removesuffix(".ipynb"))
    assert rerun.returncode == 0, rerun.stderr
    assert notebook.read_bytes() != before
    assert nbval(project, f"notebooks/{WATER}").returncode == 0


NETWORK_GUARD = '''
import socket

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo
LOCAL = ("127.0.0.1", "::1", "localhost", "")


def _check(address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and host not in LOCAL:
        raise OSError(f"network access attempted in an offline test: {address!r}")


def connect(self, address):
    _check(address)
    return _connect(self, address)


def connect_ex(self, address):
    _check(address)
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if host not in LOCAL and host is not None:
        raise OSError(f"name lookup attempted in an offline test: {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = getaddrinfo
'''


def test_suite_passes_elsewhere_offline_in_another_zone_and_locale(project, tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NETWORK_GUARD, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = nbval(
        project,
        str(project / "tests" / "test_numbers.py"),
        str(project / "tests" / "test_data.py"),
        str(project / "tests" / "test_validation.py"),
        str(project / "notebooks" / WATER),
        str(project / "notebooks" / "14_synthesis.ipynb"),
        cwd=elsewhere,
        TZ="Pacific/Kiritimati",
        LANG="C",
        LC_ALL="C",
        PYTHONPATH=f"{guard}{os.pathsep}{project}",
        no_proxy="*",
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout)
    probe = python(project, "-c", "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)",
                   PYTHONPATH=f"{guard}{os.pathsep}{project}")
    assert "attempted in an offline test" in probe.stderr, "the guard must really block the network"


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_run_and_html_write_only_their_notebooks_and_the_site(project):
    before = snapshot(project)
    notebook = project / "notebooks" / WATER
    nb = nbformat.read(notebook, as_version=4)
    next(c for c in nb.cells if c.cell_type == "code" and c.outputs).outputs = []  # the re-run must write it back
    nbformat.write(nb, notebook)
    before[f"notebooks/{WATER}"] = hashlib.sha256(notebook.read_bytes()).hexdigest()

    assert python(project, "-m", "helpers", "run", WATER.removesuffix(".ipynb")).returncode == 0
    html = python(project, "-m", "helpers", "html")
    assert html.returncode == 0, html.stderr
    assert "open " + str(project / "site" / "index.html") in html.stderr

    after = snapshot(project)
    changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
    assert changed - {f"notebooks/{WATER}"} == {name for name in changed if name.startswith("site/")}
    assert f"notebooks/{WATER}" in changed
    assert not [p for p in project.rglob("*.tmp")], "temporary files left behind"


VOLATILE = [
    (re.compile(r"0x[0-9a-f]{8,}"), "a memory address"),
    (re.compile(r"/(?:work|root|home|tmp|Users)/"), "an absolute path"),
    (re.compile(r"\b20(?:2[1-9]|[3-9]\d)-\d{2}-\d{2}[T ]\d{2}:\d{2}"), "a run timestamp"),
    (re.compile(r"Warning|warnings\.warn|findfont"), "a warning"),
]


@pytest.mark.parametrize("notebook", notebook_paths(), ids=lambda p: p.stem)
def test_outputs_hold_nothing_volatile(notebook):
    nb = nbformat.read(notebook, as_version=4)
    user = os.environ.get("USER") or os.environ.get("LOGNAME")
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            texts = [output.get("text", "")] + [v for k, v in output.get("data", {}).items() if k.startswith("text/")]
            for text in texts:
                text = "".join(text) if isinstance(text, list) else text
                for pattern, what in VOLATILE:
                    assert not pattern.search(text), f"{notebook.name}: {what} in output of {cell.source[:50]!r}"
                if user and user not in ("root",):
                    assert f"/{user}/" not in text
