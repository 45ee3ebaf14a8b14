"""The run command: failures are named and leave the notebook untouched; unchanged data gives identical files.

The command's exit status is checked in a process of its own (a failure, an unknown name, the wrong Python, --help);
two runs go through the same entry point (``helpers.publish.cli._entry``, what ``python -m helpers`` exits with) in this
process, to spare a Python start-up each.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.ledger import paths
from helpers.publish.pytest_plugin import how_to_fix, out_of_order
from helpers.publish.runner import notebook_paths

MODEL = paths.NOTEBOOKS / "05_water.ipynb"


def run_command(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "helpers", "run", *args],
        capture_output=True,
        text=True,
        cwd=cwd or paths.ROOT,
        timeout=300,
    )


def run_in_process(capfd, *args: str) -> tuple[int, str]:
    """``python -m helpers run ARGS`` through its entry point, in this process: the status it would exit with, and
    what it wrote to stderr (at the file-descriptor level, as a subprocess's stderr would catch it)."""
    from helpers.publish.cli import _entry

    capfd.readouterr()
    status = _entry(["run", *args])
    return status, capfd.readouterr().err


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
    assert result.stderr.count("ZeroDivisionError") == 1, "the error is printed once, in the summary"
    progress = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert all(line.endswith("remaining)") for line in progress) and len(progress) == 2
    assert broken.read_bytes() == before, "the failed notebook was modified"
    ran = nbformat.read(good, as_version=4)
    assert ran.cells[0].outputs[0]["text"] == "42\n", "the notebook that ran fine lost its outputs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["00_fine.ipynb", "05_water.ipynb"], (
        "temporary files left behind"
    )


def test_rerun_with_unchanged_data_is_byte_identical(tmp_path, monkeypatch, capfd):
    copy = tmp_path / MODEL.name
    shutil.copy2(MODEL, copy)
    monkeypatch.chdir(tmp_path)
    status, stderr = run_in_process(capfd, str(copy))
    assert status == 0, stderr
    assert copy.read_bytes() == MODEL.read_bytes()
    assert "[1/1] 05_water.ipynb: ok" in stderr and "1 notebook ran" in stderr


def test_unknown_notebook_name_is_a_clear_error():
    result = run_command("mars")
    assert result.returncode != 0
    assert "no notebook matches 'mars'" in result.stderr
    assert "05_water" in result.stderr, "the error lists the notebooks there are"


@pytest.mark.parametrize("name", ["water", "05", "5", "05_water", "05_water.ipynb", "WATER"])
def test_run_takes_a_sector_a_number_or_a_file_name(name):
    assert notebook_paths([name]) == [MODEL]


def test_run_names_the_closing_notebooks_and_multi_word_sectors():
    assert [p.stem for p in notebook_paths(["synthesis", "social_assistance", "overview"])] == [
        "14_synthesis",
        "03_social_assistance",
        "00_overview",
    ]


def test_an_error_in_a_cell_s_display_is_reported_by_its_own_name(tmp_path, capfd):
    """A chart over the size limit fails while IPython displays it; the runner must say so, not 'NoneType: None'."""
    notebook = tmp_path / "00_display.ipynb"
    trivial_notebook(
        notebook,
        (
            "class TooBig:\n"
            "    def _repr_mimebundle_(self, include=None, exclude=None):\n"
            "        raise ValueError('chart PNG is 123,456 bytes; keep charts at or under 100,000 bytes')\n"
            "TooBig()"
        ),
    )
    before = notebook.read_bytes()
    status, stderr = run_in_process(capfd, str(notebook))
    assert status == 1
    assert "00_display.ipynb, code cell 1: FAILED" in stderr
    assert "ValueError: chart PNG is 123,456 bytes" in stderr
    assert "NoneType: None" not in stderr
    assert notebook.read_bytes() == before


def test_notebooks_are_numbered_in_reading_order():
    names = [p.stem for p in notebook_paths()]
    assert names[:14] == [
        "00_overview",
        "01_education",
        "02_health",
        "03_social_assistance",
        "04_housing",
        "05_water",
        "06_electricity",
        "07_roads",
        "08_internet",
        "09_relocation",
        "10_industry",
        "11_ecology",
        "12_consumption",
        "13_employment",
    ]
    assert names[-1] == "14_synthesis"


@pytest.mark.parametrize("notebook", notebook_paths(), ids=lambda p: p.stem)
def test_committed_notebooks_are_clean_runs(notebook):
    nb = nbformat.read(notebook, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert not out_of_order(notebook), how_to_fix(notebook)
    first = next(c for c in nb.cells if c.cell_type == "code").source
    assert "validated_claims(" in first, "the first code cell must check the source and validate data/"
    for cell in (c for c in nb.cells if c.cell_type == "code"):
        for output in cell.outputs:
            assert output["output_type"] != "error", how_to_fix(notebook)
            assert not (output["output_type"] == "stream" and output["name"] == "stderr"), cell.source[:60]
            assert "image/svg+xml" not in output.get("data", {})


def test_a_notebook_run_out_of_order_gets_the_command_that_fixes_it(tmp_path):
    """JupyterLab saves execution counts as the cells ran; the message names the counts and the fix."""
    notebook = tmp_path / "05_water.ipynb"
    nb = nbformat.read(MODEL, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    code[0].execution_count, code[1].execution_count = 2, 1
    nbformat.write(nb, notebook)
    assert out_of_order(notebook)[:2] == [2, 1]
    message = how_to_fix(notebook)
    assert "out of order" in message and "[2, 1," in message
    assert "make run" in message and "helpers run 05_water" in message
    assert not out_of_order(MODEL)


def test_nbval_failure_says_how_to_fix_it(tmp_path):
    """A stored output that no longer matches a fresh run fails nbval with the command that fixes it."""
    notebook = tmp_path / "00_stale.ipynb"
    trivial_notebook(notebook, "print(6 * 7)")
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[0].execution_count = 1
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="41\n")]
    nbformat.write(nb, notebook)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-o",
            "addopts=",
            "-p",
            "helpers.publish.pytest_plugin",
            "--nbval",
            "--nbval-current-env",
            str(notebook),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode != 0
    assert "How to fix" in result.stdout
    assert "helpers run 00_stale" in result.stdout and "make run" in result.stdout


def test_the_wrong_python_gets_one_line_naming_the_fix(tmp_path):
    """Run with a Python that lacks the project's packages (here: matplotlib blocked), the command says what is
    missing and how to get it, without a traceback."""
    (tmp_path / "sitecustomize.py").write_text(
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'matplotlib':\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Block())\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "run", "05"],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "error: matplotlib is not installed" in result.stderr and "make report" in result.stderr


def test_ctrl_c_ends_in_one_line_saying_what_was_kept(monkeypatch, capsys):
    from helpers.publish import cli

    def interrupted(argv=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "main", interrupted)
    assert cli._entry([]) == 130
    err = capsys.readouterr().err.strip()
    assert err.startswith("interrupted:") and "\n" not in err and "were left as they were" in err


def test_help_has_no_markup():
    result = subprocess.run([sys.executable, "-m", "helpers", "--help"], capture_output=True, text=True, cwd=paths.ROOT)
    assert result.returncode == 0 and "``" not in result.stdout and "run, then html" in result.stdout
