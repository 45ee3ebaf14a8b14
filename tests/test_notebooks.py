"""The committed notebooks: the common skeleton, every claim shown, charts small and described."""

from __future__ import annotations

import base64
import os
import re

import nbformat
import pytest

import helpers as h
from helpers import schema
from helpers.runner import _write_atomically

SECTOR_NOTEBOOKS = {s.slug: h.paths.NOTEBOOKS / f"{s.notebook}.ipynb" for s in schema.SECTORS}
SKELETON = ["## Summary", "## What the article says", "## The figures", "## Chart", "## What the figures imply", "## Checks",
            "## Context", "## Caveats", "## The series"]


def outputs_text(notebook) -> str:
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts += [v for k, v in output.get("data", {}).items() if k.startswith("text/")]
    return "\n".join("".join(p) if isinstance(p, list) else p for p in parts)


@pytest.mark.parametrize("sector", [s for s in SECTOR_NOTEBOOKS if s != "overview"])
def test_sector_notebook_follows_the_skeleton(sector):
    notebook = nbformat.read(SECTOR_NOTEBOOKS[sector], as_version=4)
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    title = markdown.split("\n", 1)[0]
    sector_info = next(s for s in schema.SECTORS if s.slug == sector)
    assert title.startswith("# ") and sector_info.title_zh in title
    positions = [markdown.find(heading) for heading in SKELETON]
    assert -1 not in positions, f"missing: {[s for s, p in zip(SKELETON, positions) if p == -1]}"
    assert positions == sorted(positions), "skeleton sections out of order"


@pytest.mark.parametrize("sector", list(SECTOR_NOTEBOOKS))
def test_every_claim_of_the_sector_is_shown_with_its_quote(sector):
    text = outputs_text(nbformat.read(SECTOR_NOTEBOOKS[sector], as_version=4))
    for row in h.claims(sector).itertuples():
        assert row.id in text, f"{row.id} missing from {SECTOR_NOTEBOOKS[sector].name}"
        assert row.quote in text, f"quote of {row.id} missing"


@pytest.mark.parametrize("path", sorted(h.paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")), ids=lambda p: p.stem)
def test_charts_are_small_pngs_with_alt_text(path):
    notebook = nbformat.read(path, as_version=4)
    charts = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:
                charts += 1
                assert len(base64.b64decode(png)) <= 100_000
                alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
                assert len(alt) > 40 and output["data"]["text/plain"] == f"Chart: {alt}"
    assert charts >= 1, f"{path.name} has no chart"


@pytest.mark.parametrize("path", sorted(h.paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")), ids=lambda p: p.stem)
def test_markdown_cells_type_no_figures_of_the_article(path):
    """Figures in prose come from data; a markdown cell may name a year of a heading, not a figure."""
    figures = {row.as_written for row in h.claims().itertuples() if re.search(r"\d", row.as_written)}
    numbers = {re.search(r"\d+(?:\.\d+)?", f).group() for f in figures} - {"3", "100", "2015", "2017", "2019"}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        prose = re.sub(r"\([^)]*\.ipynb\)|2020-08-11|13th", "", cell.source)
        found = sorted(n for n in set(re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", prose)) if n in numbers)
        assert not found, f"{path.name}: markdown types {found}: {cell.source[:80]!r}"


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
