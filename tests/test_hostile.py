"""Hostile text in the data shows as text: a string of markup put in every free-text column of every data file reaches
the notebooks' outputs and the site escaped, never as a tag or an event handler.

The free-text columns are read from helpers/ledger/schema.py (columns of type "text") minus the text columns that are
validated against the article or a grammar, listed in NOT_FREE with the reason. They are, today:

- claims.csv: indicator, indicator_zh, period_label, period_label_zh, quote_en, note, note_zh
- non_claims.csv: note
- places.csv: name_en, name_zh, short_zh, note
- glossary.csv: term_en, explanation, source
- context.csv: indicator, source, seen_at, snippet, note
- checks.csv: question, question_zh, reason, reason_zh (judged checks pin the figures they rest on, not their reasons)
- searches.csv: query, note
- reports.csv: publisher, publisher_zh, period_stated, period_stated_zh, excerpt (appended, so as_stated stays
  inside it), note
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers.ledger import schema

from datafiles import read_rows, write_rows
from projectcopy import make_project, python

HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
SPECS = (
    schema.CLAIMS,
    schema.NON_CLAIMS,
    schema.PLACES,
    schema.GLOSSARY,
    schema.CONTEXT,
    schema.CHECKS,
    schema.SEARCHES,
    schema.REPORTS,
)
#: Text columns that are not free text, and why.
NOT_FREE = {
    ("claims.csv", "quote"): "a verbatim substring of the article",
    ("claims.csv", "as_written"): "the figure inside the quote, parsed as a figure",
    ("non_claims.csv", "quote"): "a verbatim substring of the article, counted",
    ("glossary.csv", "term_zh"): "a term that occurs in the article",
    ("places.csv", "members"): "slugs of other places",
    ("checks.csv", "about"): "claim ids",
    ("checks.csv", "a"): "an expression over ids",
    ("checks.csv", "b"): "an expression over ids",
    ("checks.csv", "c"): "an expression over ids",
    ("checks.csv", "premises"): "id=value pairs pinned to the figures",
    ("searches.csv", "claims"): "claim ids",
    ("reports.csv", "as_stated"): "the figure inside the excerpt, parsed as a figure",
}
#: Longest first: the run command starts them in this order, as many at a time as there are cores.
NOTEBOOKS = ("14_synthesis", "00_overview", "05_water")
#: 14_synthesis labels its chart of the sums of money (claims in yuan) "indicator_zh (period_label)", and a chart
#: refuses a label longer than two lines (charts._labels); the longest of these labels is at that limit already, so
#: these two cells of the yuan claims keep their text. Every other row of both columns gets the hostile string.
CHART_LABELS = ("indicator_zh", "period_label")


def free_text_columns() -> dict[str, list[str]]:
    return {
        spec.filename: [c.name for c in spec.columns if c.type == "text" and (spec.filename, c.name) not in NOT_FREE]
        for spec in SPECS
    }


def test_the_excluded_columns_are_text_columns_of_the_schema():
    """A renamed column must not silently drop out of the hostile test (or stay excluded under an old name)."""
    text = {(spec.filename, c.name) for spec in SPECS for c in spec.columns if c.type == "text"}
    assert set(NOT_FREE) <= text
    covered = free_text_columns()
    assert covered["claims.csv"] == [
        *("indicator", "indicator_zh", "period_label", "period_label_zh", "quote_en", "note", "note_zh")
    ]
    assert covered["reports.csv"] == [
        *("publisher", "publisher_zh", "period_stated", "period_stated_zh", "excerpt", "note")
    ]
    assert all(covered.values())  # every data file has at least one free-text column to attack


def poison(data: Path) -> int:
    """Append HOSTILE to every free-text cell (empty optional cells get it alone); return the number of cells."""
    cells = 0
    for filename, columns in free_text_columns().items():
        rows = read_rows(data / filename)
        header = rows[0]
        for cells_of_row in rows[1:]:
            if not any(cells_of_row):
                continue
            for column in columns:
                if filename == "claims.csv" and column in CHART_LABELS and cells_of_row[header.index("unit")] == "yuan":
                    continue
                i = header.index(column)
                cells_of_row[i] = f"{cells_of_row[i]} {HOSTILE}" if cells_of_row[i] else HOSTILE
                cells += 1
        write_rows(data / filename, rows)
    return cells


RAW_TAG = re.compile(r"<script|<img src=x", re.IGNORECASE)


def live_markup(markup: str) -> list[str]:
    """Elements a browser would act on: scripts, images with the hostile source, and any event-handler attribute.

    Parsed, not searched: the escaped text ``onerror=&quot;…`` inside a title attribute is text, not a handler.
    """
    found = []
    for tag in BeautifulSoup(markup, "html.parser").find_all(True):
        if tag.name == "script" and tag.get("type") == "application/ld+json":
            json.loads(tag.string)  # data for machines, never run: it must parse, and hold no markup of its own
            if "<" in tag.string:
                found.append(str(tag)[:80])
            continue
        if tag.name == "script" or (tag.name == "img" and tag.get("src") == "x"):
            found.append(str(tag)[:80])
        found += [f"<{tag.name} {name}=…>" for name in tag.attrs if name.lower().startswith("on")]
    return found


@pytest.mark.project
def test_hostile_text_shows_as_text_in_notebooks_and_site(tmp_path):
    project = make_project(tmp_path)
    assert poison(project / "data") > 1000

    run = python(project, "-m", "helpers", "run", *NOTEBOOKS)
    assert run.returncode == 0, run.stderr[-3000:]
    for name in NOTEBOOKS:
        notebook = json.loads((project / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
        escaped = 0
        for number, cell in enumerate(notebook["cells"]):
            for output in cell.get("outputs", []):
                for mime in ("text/html", "text/markdown"):
                    text = "".join(output.get("data", {}).get(mime, ""))
                    assert not RAW_TAG.search(text), f"{name} cell {number}: {mime} holds raw markup from the data"
                    assert not live_markup(text), f"{name} cell {number}: {mime} holds {live_markup(text)}"
                    escaped += text.count("&lt;script&gt;")
        assert escaped > 0, f"{name}: the hostile text never reached an output, so the check above proves nothing"

    for notebook in (project / "notebooks").glob("*.ipynb"):  # the others hold outputs of the clean data
        if notebook.stem not in NOTEBOOKS:
            notebook.unlink()
    out = tmp_path / "site"
    build = python(project, "-m", "helpers", "html", "-o", str(out))
    assert build.returncode == 0, build.stderr[-3000:]
    pages = sorted(out.rglob("*.html"))
    # the notebooks run, and the index, article, claims and codebook pages in English and in Chinese (zh/)
    assert len(pages) == len(NOTEBOOKS) + 8
    for page in pages:
        name = str(page.relative_to(out))
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text, f"{name} holds raw markup from the data"
        if page.name == "claims.html":  # the JSON-LD carries the hostile quotes, escaped
            assert "\\u003cscript\\u003ealert" in text
        assert not live_markup(text), f"{name} holds {live_markup(text)}"
    own = ("index.html", "article.html", "claims.html")
    for name in (*own, *(f"zh/{n}" for n in own), *(f"{n}.html" for n in NOTEBOOKS)):
        text = (out / name).read_text(encoding="utf-8")
        assert "&lt;script&gt;" in text, f"{name}: the hostile text did not reach the page"
    for name in ("claims.html", "zh/claims.html", *(f"{n}.html" for n in NOTEBOOKS)):
        shown = BeautifulSoup((out / name).read_text(encoding="utf-8"), "html.parser").find("main").get_text()
        assert HOSTILE in shown, f"{name}: the hostile string is not shown whole, as text"
