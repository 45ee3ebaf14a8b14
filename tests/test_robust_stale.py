"""Changing one value in the ledger makes stored outputs stale: nbval fails and a re-run differs."""

from __future__ import annotations

import pytest

from datafiles import get_cell, row_where, set_cell
from projectcopy import WATER, make_project, nbval, python


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def test_changed_value_makes_stored_outputs_stale_and_rerun_differ(project):
    claims = project / "data" / "claims.csv"
    row = row_where(claims, "id", "water.safety_indicators_met")
    assert get_cell(claims, row, "value") == "100"
    set_cell(claims, row, "value", "90")

    stale = nbval(project, f"notebooks/{WATER}")
    assert stale.returncode != 0, "nbval passed on outputs computed from other data"
    assert "90%" in stale.stdout

    notebook = project / "notebooks" / WATER
    before = notebook.read_bytes()
    rerun = python(project, "-m", "helpers", "run", WATER.removesuffix(".ipynb"))
    assert rerun.returncode == 0, rerun.stderr
    assert notebook.read_bytes() != before
    assert "90%" in notebook.read_text(encoding="utf-8")
