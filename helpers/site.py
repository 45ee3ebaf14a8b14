"""Export every notebook into a static, self-contained HTML site that works offline.

One process, one exporter for all notebooks. Pages use the template in ``helpers/templates/report``
(JupyterLab's look without require.js, MathJax or mermaid from CDNs; code hidden until "Show code" is
ticked), get previous / contents / next links, chart images keep their alt text, links between
notebooks point at the HTML pages, and runs of Chinese text are marked ``lang="zh"``.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import _fastimport, paths  # noqa: F401  (_fastimport: before nbformat is imported)
from .runner import notebook_paths

__all__ = ["Page", "build_site", "mark_chinese"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
SITE_TITLE = "Kunming's poverty-alleviation results, checked"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’—…"
_CJK_RUN = re.compile(rf"[{_CJK}](?:[{_CJK}0-9.,:;%()/·\- ]*[{_CJK}])?")
_SKIP = {"script", "style", "title", "textarea"}
_WIDE = re.compile("[\u2e80-\U0010ffff]")
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)


@dataclass(frozen=True)
class Page:
    notebook: Path
    html_name: str
    title: str
    summary: str


def _heading_and_summary(notebook) -> tuple[str, str]:
    """The notebook's ``# title`` and the first paragraph after it."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().split("\n")
        if lines and lines[0].startswith("# "):
            title = lines[0][2:].strip()
            rest = "\n".join(lines[1:]).strip().split("\n\n")[0]
            summary = " ".join(rest.split())
            # the index is the series' own page: drop the sentence that only points back to the series
            summary = re.split(r"\s*Part of a series\b", summary)[0].strip()
            return title, summary
    return notebook.metadata.get("title", ""), ""


def _plain(markdown: str) -> str:
    """Markdown to one line of plain text for the index (links keep their words)."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    return re.sub(r"[*_`]", "", text)


def mark_chinese(page: str) -> str:
    """Wrap each run of Chinese text (outside scripts, styles, the title and tags) in ``<span lang="zh">``.

    The page is split into tags and text; only text outside ``<script>``, ``<style>``, ``<title>`` and
    ``<textarea>`` is touched, so markup, attributes and CSS stay byte for byte as they were.
    """
    parts = _TAG.split(page)
    skipping: str | None = None
    for index, part in enumerate(parts):
        if index % 2:  # a tag or a comment
            name = re.match(r"</?\s*([A-Za-z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if skipping is None and tag in _SKIP and not part.startswith("</"):
                skipping = tag
            elif skipping == tag and part.startswith("</"):
                skipping = None
        elif skipping is None and part:
            parts[index] = _CJK_RUN.sub(lambda m: f'<span lang="zh">{m.group()}</span>', part)
    return "".join(parts)


def _nav(pages: list[Page], index: int, where: str) -> str:
    parts = [f'<nav class="series {where}" aria-label="Series navigation">']
    if index > 0:
        prev = pages[index - 1]
        parts.append(f'<a rel="prev" href="{prev.html_name}">← {html.escape(prev.title)}</a>')
    parts.append('<a href="index.html">Contents</a>')
    if index < len(pages) - 1:
        nxt = pages[index + 1]
        parts.append(f'<a rel="next" href="{nxt.html_name}">{html.escape(nxt.title)} →</a>')
    parts.append('<span class="spacer"></span>')
    if where == "top":
        parts.append('<label for="show-code" class="show-code">Show code</label>')
    parts.append("</nav>")
    return "\n".join(parts)


def _fix_links(page: str) -> str:
    """Links between notebooks point at their pages."""
    return re.sub(r'href="(\d\d_[A-Za-z0-9_]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', page)


def _index(pages: list[Page]) -> str:
    items = "\n".join(
        f'<li><a href="{p.html_name}">{html.escape(p.title)}</a><br><span class="summary">{html.escape(_plain(p.summary))}</span></li>'
        for p in pages
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(SITE_TITLE)}</title>
<style>
body {{ max-width: 860px; margin: 2rem auto; padding: 0 1.5rem; font-family: system-ui, sans-serif; line-height: 1.5; color: #222; }}
h1 {{ font-size: 1.7rem; margin-bottom: 0.3rem; }}
ol {{ padding-left: 1.4rem; }} li {{ margin: 0.7rem 0; }}
a {{ color: #0b5cad; }} .summary {{ color: #444; font-size: 0.95rem; }}
footer {{ margin-top: 2.5rem; font-size: 0.85rem; color: #555; border-top: 1px solid #ddd; padding-top: 0.8rem; }}
</style>
</head>
<body>
<h1>{html.escape(SITE_TITLE)}</h1>
<p>Every figure of one article, checked: Yunnan Daily (云南日报), 2020-08-11,
昆明市织牢保障之网、夯实幸福之基 / 拓宽富民路 日子有奔头. One page per sector of the article, then the whole picture.
Code is hidden on each page; tick “Show code” at the top of a page to see it.</p>
<ol>
{items}
</ol>
<footer>Built from the notebooks in this repository; the figures come from <code>data/claims.csv</code>, each with its verbatim quote.</footer>
</body>
</html>
"""
    return mark_chinese(page)


FONT_DIR = "fonts"
FONT_FILE = "cjk-subset.woff"
FONT_FACE = f"""<style>
@font-face {{ font-family: "Report CJK"; src: url("{FONT_DIR}/{FONT_FILE}") format("woff"); font-display: swap; }}
:root {{ --jp-content-font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Report CJK", sans-serif;
  --jp-ui-font-family: var(--jp-content-font-family); }}
body, [lang="zh"] {{ font-family: var(--jp-content-font-family); }}
code, pre, .jp-RenderedText pre {{ font-family: var(--jp-code-font-family, monospace), "Report CJK"; }}
</style>
"""


def write_font_subset(pages: list[str], folder: Path) -> Path:
    """Subset Noto Sans CJK SC (SIL Open Font License) to the Chinese characters the pages use.

    Readers whose system has no Chinese font still see every character (no "tofu" boxes); the file is a
    few hundred kilobytes instead of 16 MB, and it is served from the site itself, never from a network.
    """
    from fontTools import subset

    from .charts import font_path

    characters = sorted({ch for page in pages for ch in _WIDE.findall(page)})
    options = subset.Options()
    options.flavor = "woff"
    options.name_IDs = ["*"]  # keeps the copyright and licence fields
    options.hinting = False
    options.notdef_outline = True
    font = subset.load_font(str(font_path()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in characters])
    subsetter.subset(font)
    target = folder / FONT_DIR / FONT_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)
    (target.parent / "README.txt").write_text(
        "cjk-subset.woff is a subset of Noto Sans CJK SC (Copyright 2014, 2015 Adobe Systems Incorporated),\n"
        "licensed under the SIL Open Font License, Version 1.1 (https://openfontlicense.org). It holds only the\n"
        f"{len(characters)} characters these pages use, so that Chinese text renders without a system font.\n",
        encoding="utf-8",
    )
    return target


_STYLE = re.compile(r'<style type="text/css">.*?</style>\s*', re.DOTALL)
SHARED_CSS = "notebook.css"


def _share_stylesheets(pages: dict[str, str], folder: Path) -> dict[str, str]:
    """Move the stylesheets every notebook page repeats into one local file, linked from each page.

    nbconvert inlines about 300 KB of JupyterLab CSS into every page; sharing it keeps the site small.
    """
    notebook_pages = [name for name in pages if name != "index.html"]
    if not notebook_pages:
        return pages
    common = [block for block in _STYLE.findall(pages[notebook_pages[0]]) if all(block in pages[n] for n in notebook_pages)]
    if not common:
        return pages
    (folder / SHARED_CSS).write_text("\n".join(re.sub(r"^<style[^>]*>|</style>\s*$", "", b.strip()) for b in common), encoding="utf-8")
    shared = dict(pages)
    for name in notebook_pages:
        text = pages[name]
        first = text.index(common[0])
        for block in common:
            text = text.replace(block, "", 1)
        shared[name] = text[:first] + f'<link rel="stylesheet" href="{SHARED_CSS}">\n' + text[first:]
    return shared


def build_site(output: Path | None = None, notebooks: list[Path] | None = None) -> Path:
    """Export the notebooks into ``output`` (default ``site/``) and return the path of ``index.html``.

    The site is written to a temporary folder first and moved into place at the end, so a failed export
    leaves the previous site untouched.
    """
    import nbformat
    from nbconvert import HTMLExporter

    output = Path(output or paths.SITE).resolve()
    sources = notebooks if notebooks is not None else notebook_paths()
    loaded = [(path, nbformat.read(path, as_version=4)) for path in sources]
    pages = []
    for path, notebook in loaded:
        title, summary = _heading_and_summary(notebook)
        pages.append(Page(path, path.stem + ".html", title or path.stem, summary))

    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="report")
    exporter.exclude_input_prompt = False
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=output.parent))
    rendered: dict[str, str] = {}
    try:
        for index, ((path, notebook), page) in enumerate(zip(loaded, pages)):
            resources = {
                "metadata": {"name": page.title, "path": str(path.parent)},
                "nav_top": _nav(pages, index, "top"),
                "nav_bottom": _nav(pages, index, "bottom"),
            }
            body, _ = exporter.from_notebook_node(notebook, resources=resources)
            rendered[page.html_name] = mark_chinese(_fix_links(body)).replace("</head>", FONT_FACE + "</head>", 1)
        rendered["index.html"] = _index(pages).replace("</head>", FONT_FACE + "</head>", 1)
        rendered = _share_stylesheets(rendered, staging)
        for name, text in rendered.items():
            (staging / name).write_text(text, encoding="utf-8")
        write_font_subset(list(rendered.values()), staging)
        os.chmod(staging, 0o755)
        if output.exists():
            shutil.rmtree(output)
        os.replace(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return output / "index.html"
