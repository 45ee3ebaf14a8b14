"""The run and html commands write only the notebooks they re-run and the site folder."""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
import pytest

from projectcopy import WATER, make_project, python

pytestmark = pytest.mark.project


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_run_and_html_write_only_their_notebooks_and_the_site(project):
    for notebook in (project / "notebooks").glob("*.ipynb"):
        if notebook.name not in (WATER, "14_synthesis.ipynb"):
            notebook.unlink()  # two notebooks are enough to see what the commands write, and much faster
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
