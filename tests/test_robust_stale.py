"""Changing data makes stored outputs stale and a re-run follows it; changing a judged premise stops the run."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from datafiles import get_cell, row_where, set_cell
from projectcopy import WATER, make_project, nbval, python

pytestmark = pytest.mark.project


def prose(path) -> str:
    """Every text output of a notebook, with runs of white space made single spaces."""
    notebook = nbformat.read(path, as_version=4)
    texts = [
        v
        for c in notebook.cells
        for o in c.get("outputs", [])
        for k, v in o.get("data", {}).items()
        if k in ("text/markdown", "text/plain")
    ]
    return re.sub(r"\s+", " ", " ".join(texts))


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def test_changed_value_makes_stored_outputs_stale_and_the_rerun_follows_it(project):
    # Yunnan's 2015 rate goes from 83% to 90%: Kunming's 89% in 2015 is now 1 percentage point below it (90 - 89),
    # so the computed check water.baseline_vs_yunnan (at_least) flips and the prose must say "below".
    # China's 2020 rate goes from 88% to 99.9%: Kunming's 99.7% is now 0.2 points below it (99.9 - 99.7), in the
    # prose and in the chart's headline, where it was 11.7 points above (99.7 - 88).
    context = project / "data" / "context.csv"
    row = row_where(context, "id", "yn.rural_centralized_water_2015")
    assert get_cell(context, row, "value") == "83"
    set_cell(context, row, "value", "90")
    row = row_where(context, "id", "cn.rural_centralized_water_2020")
    assert get_cell(context, row, "value") == "88"
    set_cell(context, row, "value", "99.9")

    stale = nbval(project, f"notebooks/{WATER}")
    assert stale.returncode != 0, "nbval passed on outputs computed from other data"
    assert "How to fix" in stale.stdout, "the failure says how to fix it"

    notebook = project / "notebooks" / WATER
    before = prose(notebook)
    old = "11.7 percentage points above China's 88%"  # 99.7 - 88
    assert old in notebook.read_text(encoding="utf-8")
    assert "6 percentage points above Yunnan" in before
    rerun = python(project, "-m", "helpers", "run", "water")
    assert rerun.returncode == 0, rerun.stderr
    after = prose(notebook)
    assert "1 percentage point below Yunnan" in after and "6 percentage points above Yunnan" not in after
    assert "inconsistent" in after, "the check's verdict follows the data"
    assert "11.7 percentage points above China's 88%" in before
    assert "0.2 percentage points below China's 99.9%" in after and "above China's" not in after
    assert "0.2 percentage points below China's" in after.split("Chart:", 1)[1], "the chart's headline follows too"
    # and every saved output, not only the prose (the charts' alt text too): no judged check pins China's rate, so
    # the run went through and nothing of the old comparison is left
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    text = json.dumps([c.get("outputs", []) for c in cells], ensure_ascii=False)
    assert "0.2 percentage points below China's 99.9%" in text
    assert "0.2 percentage points below China's" in text.split("Chart:", 1)[1]
    assert "above China's" not in text and old not in text


def test_changed_premise_of_a_judgement_stops_the_run_and_names_it(project):
    # social_assistance.which_standard was judged on cn.poverty_line_2010_prices = 2300 (yuan per person per year).
    context = project / "data" / "context.csv"
    row = row_where(context, "id", "cn.poverty_line_2010_prices")
    assert get_cell(context, row, "value") == "2300"
    set_cell(context, row, "value", "2400")

    notebook = project / "notebooks" / "03_social_assistance.ipynb"
    before = notebook.read_bytes()
    run = python(project, "-m", "helpers", "run", "social_assistance")
    assert run.returncode == 1
    assert "03_social_assistance.ipynb, code cell 1: FAILED" in run.stderr and "PremiseChangedError" in run.stderr
    assert "social_assistance.which_standard" in run.stderr and "cn.poverty_line_2010_prices" in run.stderr
    assert "2300" in run.stderr and "2400" in run.stderr, "the message gives the recorded and the new value"
    assert notebook.read_bytes() == before, "a stopped run leaves the notebook as it was"
