"""The run command: failures are named and leave the notebook untouched; unchanged data gives identical files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import paths
from helpers.runner import notebook_paths

MODEL = paths.NOTEBOOKS / "05_water.ipynb"


def run_command(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers", "run", *args], capture_output=True, text=True, cwd=cwd or paths.ROOT, timeout=300
    )


def trivial_notebook(path: Path, source: str) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    notebook.cells = [nbformat.v4.new_code_cell(source)]
    notebook.cells[0]["id"] = "cell-01"
    nbformat.write(notebook, path)


def test_failure_names_notebook_and_cell_and_leaves_file_unchanged(tmp_path):
    broken = tmp_path / "05_water.ipynb"
    notebook = nbformat.read(MODEL, as_version=4)
    bad = nbformat.v4.new_code_cell("1 / 0")
    bad["id"] = "cell-broken"
    notebook.cells.insert(3, bad)  # after the first two code cells
    nbformat.write(notebook, broken)
    before = broken.read_bytes()

    good = tmp_path / "00_fine.ipynb"
    trivial_notebook(good, "print(6 * 7)")

    result = run_command(str(good), str(broken))
    assert result.returncode == 1
    code_cell = 1 + sum(1 for c in notebook.cells[:3] if c.cell_type == "code")
    assert f"05_water.ipynb, code cell {code_cell}: FAILED" in result.stderr
    assert "ZeroDivisionError" in result.stderr
    assert "1 of 2 notebooks ran; 1 failed" in result.stderr
    assert broken.read_bytes() == before, "the failed notebook was modified"
    ran = nbformat.read(good, as_version=4)
    assert ran.cells[0].outputs[0]["text"] == "42\n", "the notebook that ran fine lost its outputs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["00_fine.ipynb", "05_water.ipynb"], "temporary files left behind"


def test_rerun_with_unchanged_data_is_byte_identical(tmp_path):
    copy = tmp_path / MODEL.name
    shutil.copy2(MODEL, copy)
    result = run_command(str(copy), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert copy.read_bytes() == MODEL.read_bytes()
    assert "[1/1] 05_water.ipynb: ok" in result.stderr and "1 notebooks ran" in result.stderr


def test_unknown_notebook_name_is_a_clear_error():
    result = run_command("99_nothing")
    assert result.returncode != 0
    assert "no single notebook matches '99_nothing'" in result.stderr


def test_notebooks_are_numbered_in_reading_order():
    names = [p.stem for p in notebook_paths()]
    assert names[:14] == [
        "00_overview", "01_education", "02_health", "03_social_assistance", "04_housing", "05_water",
        "06_electricity", "07_roads", "08_internet", "09_relocation", "10_industry", "11_ecology",
        "12_consumption", "13_employment",
    ]
    assert names[-1] == "14_synthesis"


@pytest.mark.parametrize("notebook", notebook_paths(), ids=lambda p: p.stem)
def test_committed_notebooks_are_clean_runs(notebook):
    nb = nbformat.read(notebook, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    first = code[0].source
    assert "r.start(" in first, "the first code cell must check the source and validate data/"
    for cell in code:
        for output in cell.outputs:
            assert output["output_type"] != "error"
            assert not (output["output_type"] == "stream" and output["name"] == "stderr"), cell.source[:60]
            assert "image/svg+xml" not in output.get("data", {})
