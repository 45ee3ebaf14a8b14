"""The committed notebooks: the common skeleton, every claim shown, and a small notebook API kept small.

The API measures come from the issue that reshaped the notebooks: at most 20 distinct helper callables across all
notebooks, at most 15 calls inside f-string or template fields, no ``.id`` reads, no positional picks such as
``implied[4]``, and at least 90% of the code cells whose only output is prose stored with their input collapsed.
"""

from __future__ import annotations

import ast
import inspect
import os
import re
from functools import cache
from pathlib import Path

import nbformat
import pytest

import helpers as h
import helpers.ledger.data
from helpers.ledger import checks, schema, values
from helpers.notebook import display, sector
from helpers.publish.runner import _write_atomically, notebook_paths

SECTOR_NOTEBOOKS = {s.slug: h.ledger.paths.NOTEBOOKS / f"{s.notebook}.ipynb" for s in schema.SECTORS}
#: The sections of every sector notebook, in order; "## Chart" also matches a "## Charts" section that says why a
#: notebook has no chart.
SKELETON = [
    "## Summary",
    "## What the article says",
    "## The figures",
    "## Chart",
    "## What the figures imply",
    "## Checks",
    "## Context",
    "## Reported elsewhere",
    "## Caveats",
    "## The series",
]
NOTEBOOKS = notebook_paths()


@cache
def read(path: Path):
    return nbformat.read(path, as_version=4)


def outputs_text(notebook) -> str:
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts += [v for k, v in output.get("data", {}).items() if k.startswith("text/")]
    return "\n".join("".join(p) if isinstance(p, list) else p for p in parts)


def code_trees(path: Path) -> list[tuple[nbformat.NotebookNode, ast.Module]]:
    return [(cell, ast.parse(cell.source)) for cell in read(path).cells if cell.cell_type == "code"]


@pytest.mark.parametrize("sector_slug", [s for s in SECTOR_NOTEBOOKS if s != "overview"])
def test_sector_notebook_follows_the_skeleton(sector_slug):
    notebook = read(SECTOR_NOTEBOOKS[sector_slug])
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    title = markdown.split("\n", 1)[0]
    sector_info = next(s for s in schema.SECTORS if s.slug == sector_slug)
    assert title.startswith("# ") and sector_info.title_zh in title
    positions = [markdown.find(heading) for heading in SKELETON]
    assert -1 not in positions, f"missing: {[s for s, p in zip(SKELETON, positions) if p == -1]}"
    assert positions == sorted(positions), "skeleton sections out of order"


@pytest.mark.parametrize("sector_slug", list(SECTOR_NOTEBOOKS))
def test_every_claim_of_the_sector_is_shown_with_its_quote(sector_slug):
    text = outputs_text(read(SECTOR_NOTEBOOKS[sector_slug]))
    for row in h.ledger.data.claims(sector_slug).itertuples():
        assert row.id in text, f"{row.id} missing from {SECTOR_NOTEBOOKS[sector_slug].name}"
        assert row.quote in text, f"quote of {row.id} missing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_markdown_cells_type_no_figures_of_the_article(path):
    """Figures in prose come from data; a markdown cell may name a year of a heading, not a figure."""
    figures = {row.as_written for row in h.ledger.data.claims().itertuples() if re.search(r"\d", row.as_written)}
    numbers = {re.search(r"\d+(?:\.\d+)?", f).group() for f in figures} - {"3", "100", "2015", "2017", "2019"}
    for cell in read(path).cells:
        if cell.cell_type != "markdown":
            continue
        prose = re.sub(r"\([^)]*\.ipynb\)|2020-08-11|13th", "", cell.source)
        found = sorted(n for n in set(re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", prose)) if n in numbers)
        assert not found, f"{path.name}: markdown types {found}: {cell.source[:80]!r}"


# --- the notebooks' API -----------------------------------------------------------------------------------------------


def helper_method_names() -> set[str]:
    """Public methods of the classes the notebooks hold: sectors, values, checks, tables."""
    names = set()
    for module in (values, sector, checks, display):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__:
                names |= {m for m, f in vars(cls).items() if not m.startswith("_") and callable(f)}
    return names


def helper_callables(tree: ast.Module, methods: set[str]) -> set[str]:
    """Helper functions called (``claim(...)``, ``charts.bars(...)``) and helper methods (``.named(...)``)."""
    public = set(dir(h))
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if isinstance(function, ast.Name) and function.id in public:
            found.add(function.id)
        elif isinstance(function, ast.Attribute):
            if isinstance(function.value, ast.Name) and function.value.id == "charts":
                found.add(f"charts.{function.attr}")
            elif function.attr in methods:
                found.add(f".{function.attr}")
    return found


def test_the_notebooks_call_at_most_20_helper_callables():
    methods = helper_method_names()
    used = set().union(*(helper_callables(tree, methods) for path in NOTEBOOKS for _, tree in code_trees(path)))
    assert {"validated_claims", "say", "compare"} <= used, "the measure must see the notebooks' calls"
    assert len(used) <= 20, sorted(used)


def test_the_measure_counts_calls_of_helpers_and_their_methods():
    tree = ast.parse("x = claim('a.b').named('n', 'people')\ncharts.bars([x])\nlen(x)\nfoo.named()")
    assert helper_callables(tree, {"named"}) == {"claim", ".named", "charts.bars"}


def field_calls(tree: ast.Module) -> int:
    """Calls inside f-string replacement fields, and ``{...(...)}`` fields inside say() templates."""
    count = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue):
            count += sum(isinstance(n, ast.Call) for n in ast.walk(node.value))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say":
            for argument in node.args:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    count += len(re.findall(r"\{[^{}]*\([^{}]*\}", argument.value))
    return count


def test_at_most_15_calls_inside_template_fields():
    total = sum(field_calls(tree) for path in NOTEBOOKS for _, tree in code_trees(path))
    assert total <= 15, total
    assert field_calls(ast.parse('f"{x.english(1)}"\nsay("""{y.fmt()} {z}""")')) == 2, "the measure must count calls"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_id_reads_and_no_positional_picks(path):
    """Notebooks hold values, not ids; a metric is a named variable, never ``implied[4]``."""
    for _, tree in code_trees(path):
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "id" and isinstance(node.ctx, ast.Load):
                pytest.fail(f"{path.name}: .id read in {ast.unparse(node)!r}")
            index = node.slice.operand if isinstance(getattr(node, "slice", None), ast.UnaryOp) else None
            if (
                isinstance(node, ast.Subscript)
                and isinstance(index if index is not None else node.slice, ast.Constant)
                and isinstance((index if index is not None else node.slice).value, int)
            ):  # ``x[0]``, ``x[-1]``; a mask such as ``frame[~frame["found"]]`` is not a pick
                pytest.fail(f"{path.name}: positional pick {ast.unparse(node)!r}")


def prose_only(cell) -> bool:
    """A code cell whose only output is prose rendered by say() (Markdown)."""
    outputs = cell.get("outputs", [])
    return bool(outputs) and all(
        o.get("output_type") == "execute_result" and "text/markdown" in o.get("data", {}) for o in outputs
    )


def test_prose_cells_are_stored_with_their_input_collapsed():
    cells = [cell for path in NOTEBOOKS for cell in read(path).cells if cell.cell_type == "code" and prose_only(cell)]
    hidden = [cell for cell in cells if cell.metadata.get("jupyter", {}).get("source_hidden")]
    assert len(cells) >= len(NOTEBOOKS), "every notebook has prose rendered from data"
    assert len(hidden) / len(cells) >= 0.9, f"{len(hidden)} of {len(cells)} prose cells collapsed"


VERDICTS = ("consistent", "inconsistent", "cannot be checked")
TYPED_VERDICT = re.compile(
    r"\b(?:is|are|was|were|check:|checks:|verdict:?)\s+(?:(?:in)?consistent|cannot be checked)\b"
)


def typed_verdicts(tree: ast.Module) -> list[str]:
    """Prose that states a verdict itself, and code that sets or tests a ``.verdict`` against a typed one.

    A count such as '{n} consistent' is a label, and a grade name used as a key ('inconsistent': …) is vocabulary;
    neither is a verdict.
    """
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and " " in node.value.strip():
            text = re.sub(r"\{[^{}]*\}", "N", node.value.lower())  # template fields are computed
            if TYPED_VERDICT.search(text):
                found.append(node.value)
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(n, ast.Attribute) and n.attr == "verdict" for n in sides):
                found += [n.value for n in sides if isinstance(n, ast.Constant) and n.value in VERDICTS]
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_verdict_is_typed_in_notebook_code(path):
    """Verdicts come from data/checks.csv; a notebook never writes 'is consistent' or 'inconsistent' itself."""
    for _, tree in code_trees(path):
        assert not typed_verdicts(tree), f"{path.name}: typed verdict in {typed_verdicts(tree)[0][:120]!r}"


def test_the_verdict_measure_catches_typed_verdicts():
    assert typed_verdicts(ast.parse('ok = c.verdict == "consistent"\nsay("""The check is inconsistent.""")')) == [
        "consistent",
        "The check is inconsistent.",
    ]
    assert typed_verdicts(ast.parse('say("""{n:check|checks} consistent; (check: {c.verdict})""")')) == []


def test_atomic_write_leaves_the_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "05_water.ipynb"
    target.write_text("old", encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["05_water.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_findings_come_first_with_the_code_above_them_collapsed(path):
    """A reader opening a notebook sees its title and summary before any code: every code cell up to the summary's
    prose is stored collapsed (JupyterLab's source_hidden), and the summary comes before the second section."""
    cells = read(path).cells
    first_prose = next(i for i, c in enumerate(cells) if c.cell_type == "code" and prose_only(c))
    before = [c for c in cells[:first_prose] if c.cell_type == "code"]
    assert before, "the measure must see the setup cells"
    assert all(c.metadata.get("jupyter", {}).get("source_hidden") for c in before), path.name
    headings = [c.source for c in cells[:first_prose] if c.cell_type == "markdown" and c.source.startswith("## ")]
    assert headings == ["## Summary"], f"{path.name}: the summary is not the first section ({headings})"
