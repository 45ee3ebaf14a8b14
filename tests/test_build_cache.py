"""The incremental build: `python -m helpers build` re-runs a notebook only when its file, the helpers code, the
installed packages or a data row it read changed; a no-change build rewrites nothing; a cache that cannot be trusted
is ignored with one line.

One project copy (two real notebooks and a one-cell notebook holding the index chart, so the site can export) is
built once for the module; every test after it works on that copy's records. The builds also show what the commands
write: only the notebooks they re-run, the site folder and the cache, and no temporary file left behind.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

import helpers
import helpers.ledger.data
from helpers.ledger import reads, schema
from helpers.publish import buildcache
from helpers.publish.runner import notebook_paths

from datafiles import get_cell, row_where, set_cell
from projectcopy import copy_project, nbval, python

ROADS, WATER, INDEX = "07_roads", "05_water", "14_index"
ROADS_CLAIM = "roads.villages_newly_on_hardened_roads"
#: The smallest PNG (one white pixel): the index page needs a stored chart, not a real one.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c63f8ffff3f0005fe02fea7d6a4a00000000049454e44ae426082"
    )
).decode()


def index_notebook(path: Path) -> None:
    """A one-cell notebook whose cell, tagged ``index-chart``, displays a stored chart."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Index chart\n\nThe chart the index shows."),
        nbformat.v4.new_code_cell(
            "from IPython.display import display\n"
            f"display({{'image/png': '{PIXEL}'}}, raw=True, metadata={{'image/png': {{'alt': 'one pixel'}}}})"
        ),
    ]
    notebook.cells[0]["id"], notebook.cells[1]["id"] = "cell-01", "cell-02"
    notebook.cells[1].metadata["tags"] = ["index-chart"]
    nbformat.write(notebook, path)


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def build(project: Path, *args: str):
    result = python(project, "-m", "helpers", "build", *args)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy with three notebooks, built once (no cache yet, so everything runs and is recorded)."""
    copy = copy_project(tmp_path_factory.mktemp("build") / "project")
    for notebook in (copy / "notebooks").glob("*.ipynb"):
        if notebook.stem not in (ROADS, WATER):
            notebook.unlink()
    index_notebook(copy / "notebooks" / f"{INDEX}.ipynb")
    first = build(copy)
    assert "3 notebooks ran" in first.stderr and "site written" in first.stderr
    return copy


@pytest.fixture(scope="module")
def edited(project) -> dict:
    """The copy after a no-change build and then a build after editing one roads claim's quote_en."""
    before = snapshot(project)
    noop = build(project)
    after_noop = snapshot(project)

    claims = project / "data" / "claims.csv"
    row = row_where(claims, "id", ROADS_CLAIM)
    new_text = get_cell(claims, row, "quote_en") + " (translation revised)"
    set_cell(claims, row, "quote_en", new_text)
    edited_data = snapshot(project)
    one = build(project)
    return {
        "before": before,
        "noop": noop,
        "after_noop": after_noop,
        "edited_data": edited_data,
        "one": one,
        "after_one": snapshot(project),
        "text": new_text,
    }


pytestmark = pytest.mark.project


def test_the_first_build_records_what_each_notebook_read(project):
    records = {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (project / ".build-cache/notebooks").iterdir()
    }
    assert set(records) == {ROADS, WATER, INDEX}
    roads_ids = set(records[ROADS]["reads"]["claims.csv"])
    every_roads_claim = {i for i in helpers.ledger.data.load_claims()["id"] if i.startswith("roads.")}
    assert ROADS_CLAIM in roads_ids and every_roads_claim <= roads_ids and "*" not in roads_ids
    assert not any(i.startswith("roads.") for i in records[WATER]["reads"]["claims.csv"])
    assert records[INDEX]["reads"] == {}, "a notebook that reads no data depends on none"


def test_a_no_change_build_runs_nothing_and_writes_nothing(edited):
    assert "3 notebooks up to date" in edited["noop"].stderr and "ran" not in edited["noop"].stderr
    assert "site up to date" in edited["noop"].stderr
    assert edited["after_noop"] == edited["before"], "a no-change build wrote a file"


def test_editing_one_claim_re_runs_only_its_readers_and_shows_the_edit(project, edited):
    stderr = edited["one"].stderr
    assert f"{ROADS}: data/claims.csv {ROADS_CLAIM} changed" in stderr
    assert "1 notebook ran" in stderr and "2 notebooks up to date" in stderr
    changed = {n for n in set(edited["edited_data"]) | set(edited["after_one"])}
    changed = {n for n in changed if edited["edited_data"].get(n) != edited["after_one"].get(n)}
    written = {n for n in changed if not n.startswith(("site/", ".build-cache/"))}
    assert written == {f"notebooks/{ROADS}.ipynb"}, "only the claim's reader (and the site and cache) were written"
    assert not [p for p in project.rglob("*.tmp")], "temporary files left behind"
    shown = re.escape(edited["text"])
    assert re.search(shown, (project / "notebooks" / f"{ROADS}.ipynb").read_text(encoding="utf-8"))
    for page in (f"{ROADS}.html", "claims.html"):
        assert edited["text"] in (project / "site" / page).read_text(encoding="utf-8"), page
    assert "open " + str(project / "site" / "index.html") in stderr


def test_nbval_passes_on_the_kept_and_the_re_run_notebooks(project, edited):
    result = nbval(project, f"notebooks/{WATER}.ipynb", f"notebooks/{ROADS}.ipynb")
    assert result.returncode == 0, result.stdout[-3000:]


def _plan(project: Path, **snapshot_args) -> buildcache.Plan:
    snapshot = buildcache.Snapshot.take(project / "data", **snapshot_args)
    folder = project / "notebooks"
    return buildcache.plan(notebook_paths(folder=folder), snapshot, cache=buildcache.folder(project))


def _code(project: Path) -> str:
    return buildcache.code_hash(project / "helpers")


def test_after_the_builds_everything_is_up_to_date(project, edited):
    plan = _plan(project, code=_code(project))
    assert plan.stale == {} and len(plan.fresh) == 3 and plan.warnings == []


def test_editing_helpers_code_re_runs_every_notebook(project, edited):
    values = project / "helpers" / "ledger" / "values.py"
    original = values.read_text(encoding="utf-8")
    values.write_text(original + "\n# an edit\n", encoding="utf-8")
    try:
        plan = _plan(project, code=_code(project))
    finally:
        values.write_text(original, encoding="utf-8")
    assert {p.stem for p in plan.stale} == {ROADS, WATER, INDEX}
    assert set(plan.stale.values()) == {"the helpers code changed"}


def test_a_changed_package_version_re_runs_every_notebook(project, edited):
    env = buildcache.environment()
    env["pandas"] = env["pandas"] + ".post1"
    plan = _plan(project, code=_code(project), env=env)
    assert {p.stem for p in plan.stale} == {ROADS, WATER, INDEX}
    assert all(why.startswith("the environment changed (pandas ") for why in plan.stale.values())


def test_force_re_runs_everything(project, edited):
    snapshot = buildcache.Snapshot.take(project / "data", code=_code(project))
    notebooks = notebook_paths(folder=project / "notebooks")
    plan = buildcache.plan(notebooks, snapshot, cache=buildcache.folder(project), force=True)
    assert len(plan.stale) == 3 and not plan.fresh


@pytest.mark.parametrize(
    "content", ["{not json", json.dumps({"format": "another tool's cache", "reads": {}}), json.dumps([1, 2])]
)
def test_a_corrupt_or_foreign_record_is_ignored_with_one_line(project, edited, tmp_path, content):
    cache = tmp_path / "cache"
    shutil.copytree(buildcache.folder(project), cache)
    (cache / "notebooks" / f"{WATER}.json").write_text(content, encoding="utf-8")
    snapshot = buildcache.Snapshot.take(project / "data", code=_code(project))
    plan = buildcache.plan(notebook_paths(folder=project / "notebooks"), snapshot, cache=cache)
    assert [p.stem for p in plan.stale] == [WATER], "only the notebook with the bad record re-runs"
    assert len(plan.warnings) == 1 and "\n" not in plan.warnings[0] and plan.warnings[0].startswith("warning:")


def test_a_record_with_a_tampered_row_hash_is_not_trusted(project, edited, tmp_path):
    """The record stores the hash of each row read; a row that differs from it (whoever changed it) re-runs."""
    cache = tmp_path / "cache"
    shutil.copytree(buildcache.folder(project), cache)
    path = cache / "notebooks" / f"{ROADS}.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["reads"]["claims.csv"][ROADS_CLAIM] = "0" * 64
    path.write_text(json.dumps(record), encoding="utf-8")
    snapshot = buildcache.Snapshot.take(project / "data", code=_code(project))
    plan = buildcache.plan(notebook_paths(folder=project / "notebooks"), snapshot, cache=cache)
    assert [p.stem for p in plan.stale] == [ROADS]


# --- the recorder, in process ---------------------------------------------------------------------------------------


@pytest.fixture
def recording(tmp_path, monkeypatch):
    """Record reads into a file, as a kernel started by the build does; return a function reading them back."""
    target = tmp_path / "reads.tsv"
    target.touch()
    monkeypatch.setattr(reads, "_TARGET", str(target))
    monkeypatch.setattr(reads, "_seen", set())
    return lambda: reads.parse(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "lookup, expected",
    [
        (lambda h: h.claim(ROADS_CLAIM), {"claims.csv": {ROADS_CLAIM}}),
        (lambda h: h.ledger.data.load_claims(), {"claims.csv": {"*"}}),
        (lambda h: h.ledger.data.claims("roads"), "roads"),
        (lambda h: h.validated_claims("roads"), {}),
        (lambda h: h.validated_claims("roads").villages_newly_on_hardened_roads, {"claims.csv": {ROADS_CLAIM}}),
        (lambda h: h.ref("cn.poverty_line_2010_prices"), {"context.csv": {"cn.poverty_line_2010_prices"}}),
    ],
    ids=["claim", "whole-ledger", "sector", "validation-only", "sector-attribute", "ref"],
)
def test_the_outermost_lookup_records_what_it_hands_on(recording, lookup, expected):
    lookup(helpers)
    found = recording()
    if expected == "roads":
        assert set(found) == {"claims.csv"} and {i.split(".")[0] for i in found["claims.csv"]} == {"roads"}
    elif expected == {"context.csv": {"cn.poverty_line_2010_prices"}}:
        assert found["context.csv"] == {"cn.poverty_line_2010_prices"} and set(found) == {"context.csv", "places.csv"}
    else:
        assert found == expected


def test_without_the_variable_nothing_is_recorded(tmp_path, monkeypatch):
    monkeypatch.setattr(reads, "_TARGET", None)
    monkeypatch.setattr(reads, "_seen", set())
    helpers.claim(ROADS_CLAIM)
    assert reads._seen == set()


def test_a_notebook_that_read_only_the_figures_re_runs_for_a_figure_not_for_a_translation(project, edited, tmp_path):
    """A whole-ledger read of the figures (``claims.csv *|figures``, as the overview's counts make) stays fresh when a
    claim's translation changes, and goes stale when one of its figures does."""
    cache, data = tmp_path / "cache", tmp_path / "data"
    shutil.copytree(buildcache.folder(project), cache)
    shutil.copytree(project / "data", data)
    path = cache / "notebooks" / f"{WATER}.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    key = f"*{reads.PART}{schema.FIGURES}"
    record["reads"] = {"claims.csv": {key: buildcache.Snapshot.take(data, code=_code(project)).now("claims.csv", key)}}
    path.write_text(json.dumps(record), encoding="utf-8")

    def stale() -> list[str]:
        snapshot = buildcache.Snapshot.take(data, code=_code(project))
        return sorted(
            p.stem for p in buildcache.plan(notebook_paths(folder=project / "notebooks"), snapshot, cache=cache).stale
        )

    claims = data / "claims.csv"
    row = row_where(claims, "id", ROADS_CLAIM)
    set_cell(claims, row, "quote_en", get_cell(claims, row, "quote_en") + " (retranslated)")
    assert WATER not in stale()
    set_cell(claims, row, "as_written", get_cell(claims, row, "as_written") + "余")
    assert WATER in stale()
