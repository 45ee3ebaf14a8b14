"""An altered article stops every notebook at its first cell."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from helpers.publish.runner import notebook_paths

from projectcopy import WATER, make_project, python

pytestmark = pytest.mark.project


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def test_altered_source_stops_every_notebook_at_its_first_cell(project):
    article = project / "data" / "raw" / "article.txt"
    article.write_bytes(article.read_bytes().replace("404个贫困村".encode(), "405个贫困村".encode()))
    script = textwrap.dedent(
        """
        import json, sys
        import nbformat
        from helpers.ledger.errors import SourceChangedError
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
