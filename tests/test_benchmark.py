"""The README's speed figures are the benchmark's last results, and what they say of the target follows the numbers."""

from __future__ import annotations

import copy
import importlib.util
import json

import pytest

from helpers.ledger import paths

RESULTS = paths.ROOT / "benchmarks" / "results" / "latest.json"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("benchmark_run", paths.ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def report() -> dict:
    return json.loads(RESULTS.read_text(encoding="utf-8"))


def test_the_readme_block_is_rendered_from_the_committed_results(bench, report):
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split(bench.START, 1)[1].split(bench.END, 1)[0]
    assert bench.START + block + bench.END == bench.readme_block(report), (
        "README.md's benchmark block is not the last results: run `benchmarks/run.py --from-json --readme`"
    )


def _with(report: dict, floor: float, notebooks: float) -> dict:
    changed = copy.deepcopy(report)
    changed["timings_seconds"]["floor"]["median"] = floor
    changed["timings_seconds"]["suite_notebooks_only"]["median"] = notebooks
    changed["ratios"]["notebooks_only_over_floor"] = notebooks / floor
    return changed


def test_what_the_block_says_of_the_target_follows_the_figures(bench, report):
    over = bench.readme_block(_with(report, floor=10.0, notebooks=16.0))  # the target allows 15.0 s
    assert "allows 15.0 s for the whole suite, and the notebooks alone take more, so it cannot be met" in over
    under = bench.readme_block(_with(report, floor=10.0, notebooks=12.0))
    assert "allows 15.0 s for the whole suite, which leaves 3.0 s for every test besides the notebooks" in under
    assert "cannot be met" not in under
