"""Export the notebooks and the site's own pages into a static, self-contained HTML site that works offline.

The site holds: ``index.html`` (what the check found, then the notebooks and the data), ``article.html`` (the
article with every figure marked), ``claims.html`` (one entry per claim), ``codebook.html``, one page per notebook,
``data/`` (the data files, byte for byte) and a subset of the CJK font. Every page has its content in ``<main>`` and
its navigation in ``<nav>``, loads nothing from the network, and passes an allow-list HTML sanitiser (nh3), so
text from the data files can only ever show as text.

The output folder is written whole to a temporary folder and moved into place. An existing folder is replaced only
if it holds the marker file this module writes (``.kunming-site``): ``-o notebooks`` or ``-o .`` is refused.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from helpers.ledger import paths, schema
from helpers.markup import TEMPLATES, chart_picture, environment
from helpers.publish import _fastimport  # noqa: F401  (_fastimport: before nbformat is imported)
from helpers.publish.runner import notebook_paths
from helpers.style import PHONE_MEDIA, ROLES, font_path, tint

__all__ = ["Page", "build_site", "mark_chinese", "sanitize", "SiteOutputError", "MARKER"]

SITE_TITLE = "Kunming's poverty-alleviation results, checked"
MARKER = paths.SITE_MARKER
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’—…"
_CJK_RUN = re.compile(rf"[{_CJK}](?:[{_CJK}0-9.,:;%()/·\- ]*[{_CJK}])?")
_SKIP = {"script", "style", "title", "textarea"}
_WIDE = re.compile("[\u2e80-\U0010ffff]")
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)


class SiteOutputError(RuntimeError):
    """The output folder is not one this command may replace."""


@dataclass(frozen=True)
class Page:
    notebook: Path
    html_name: str
    title: str
    summary: str


# --- sanitising ------------------------------------------------------------------------------------------------------

_ALLOWED_TAGS = {
    "a",
    "abbr",
    "article",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "figure",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "picture",
    "source",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "details",
    "summary",
    "label",
    "input",
}
_GLOBAL_ATTRIBUTES = {"class", "id", "lang", "title", "data-tip", "aria-hidden", "aria-label", "role", "tabindex"}


_SAFE_HREF = re.compile(r"^(https?://[^\s<>]+|#[\w.\-]*|[\w./\-]+\.(html|csv|txt)(#[\w.\-]*)?)$")


_ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "source": {"srcset", "media", "width", "height"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan"},
    "input": {"type", "id", "checked"},
    "label": {"for"},
}


def _attribute_value(tag: str, name: str, value: str) -> str | None:
    """The allow-list's rules on values: links only to the web, an anchor or a page of the site; images only
    embedded PNGs. ``None`` drops the attribute."""
    if tag == "a" and name == "href":
        return value if _SAFE_HREF.match(value) else None
    if (tag, name) in (("img", "src"), ("source", "srcset")):
        return value if _PNG_DATA.match(value) else None
    if tag == "source" and name == "media":
        return value if value == PHONE_MEDIA else None
    return value


def sanitize(fragment: str) -> str:
    """Clean an HTML fragment with nh3 (the maintained successor of bleach) and an allow-list: only listed tags and
    attributes survive; ``<script>`` and ``<style>`` with their content, event handlers, ``javascript:`` links,
    images other than embedded PNGs and any style but ``text-align`` are removed."""
    import nh3

    # An embedded chart is hundreds of kilobytes of base64; each src="data:image/png;base64,…" whose value is nothing
    # but base64 is parked as a short token and put back after cleaning; anything else in a src stays in the fragment
    # and is judged by the allow-list as usual.
    parked: dict[str, str] = {}

    def park(match: re.Match) -> str:
        token = f"data:image/png;base64,PARKED{len(parked)}X{uuid_hex}"
        parked[token] = match.group(2)
        return f'{match.group(1)}="{token}"'

    uuid_hex = hashlib.sha256(fragment.encode("utf-8")).hexdigest()[:16]  # deterministic, and not guessable by data
    light = _PNG_SRC.sub(park, fragment)
    cleaned = nh3.clean(
        light,
        tags=_ALLOWED_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute_value,
        url_schemes={"http", "https", "data"},
        filter_style_properties={"text-align"},
        link_rel=None,
        strip_comments=True,
    )
    # nh3 writes "<" and ">" raw inside attribute values (valid HTML5); they are escaped here, so that no later
    # step that reads tags by their brackets (mark_chinese) can mistake a title's text for markup
    cleaned = _ATTRIBUTE_VALUE.sub(lambda m: m.group(1) + m.group(2).replace("<", "&lt;").replace(">", "&gt;"), cleaned)
    return _PARKED.sub(lambda m: parked.get(m.group(0), m.group(0)), cleaned) if parked else cleaned


_ATTRIBUTE_VALUE = re.compile(r'(\s[\w:-]+=")([^"]*[<>][^"]*)(?=")')
_PNG_SRC = re.compile(r'(?<=\s)(src|srcset)="(data:image/png;base64,[A-Za-z0-9+/=]+)"')
_PNG_DATA = re.compile(r"^data:image/png;base64,[A-Za-z0-9+/=]+$")
_PARKED = re.compile(r"data:image/png;base64,PARKED\d+X[0-9a-f]{16}")


_MAIN = re.compile(r"(<main[^>]*>)(.*)(</main>)", re.DOTALL)


def _sanitize_main(page: str) -> str:
    match = _MAIN.search(page)
    if not match:
        raise ValueError("page has no <main> element to sanitise")
    return page[: match.start(2)] + sanitize(match.group(2)) + page[match.end(2) :]


# --- page parts ------------------------------------------------------------------------------------------------------


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
            summary = re.split(r"\s*Part of a series\b", summary)[0].strip()
            return title, _plain(summary)
    return notebook.metadata.get("title", ""), ""


def _plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    return re.sub(r"[*_`]", "", text)


def mark_chinese(page: str) -> str:
    """Wrap each run of Chinese text (outside scripts, styles, the title and tags) in ``<span lang="zh">``."""
    parts = _TAG.split(page)
    skipping: str | None = None
    for index, part in enumerate(parts):
        if index % 2:
            name = re.match(r"</?\s*([A-Za-z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if skipping is None and tag in _SKIP and not part.startswith("</"):
                skipping = tag
            elif skipping == tag and part.startswith("</"):
                skipping = None
        elif skipping is None and part:
            parts[index] = _CJK_RUN.sub(lambda m: f'<span lang="zh">{m.group()}</span>', part)
    return "".join(parts)


def series_nav(pages: list[Page] | None = None, index: int = 0, where: str = "top") -> str:
    """A notebook page's previous / contents / next links (and, at the top, "Show code"); without ``pages``, the
    Report exporter's bar with "Show code" alone."""
    pages = pages or []
    return (
        environment()
        .get_template("series.html.j2")
        .render(
            where=where,
            label="Code" if not pages else "Series navigation (bottom)" if where == "bottom" else "Series navigation",
            prev=pages[index - 1] if pages and index > 0 else None,
            next=pages[index + 1] if index < len(pages) - 1 else None,
            contents=bool(pages),
        )
    )


def _fix_links(page: str, claim_ids: set[str]) -> str:
    """Links between notebooks point at their pages; a table cell holding a claim id links to its entry."""
    page = re.sub(
        r'href="(\d\d_[A-Za-z0-9_]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', page
    )

    def link(match: re.Match) -> str:
        claim_id = match.group(2)
        if claim_id not in claim_ids:
            return match.group(0)
        return f'{match.group(1)}<a href="claims.html#{claim_id}">{claim_id}</a>{match.group(3)}'

    return re.sub(r"(<td[^>]*>)([a-z_]+\.[a-z0-9_]+)(</td>)", link, page)


FONT_DIR = "fonts"
FONT_FILE = "cjk-subset.woff"
SHARED_CSS = "notebook.css"
SITE_CSS = "site.css"
#: Ranges of Chinese characters and punctuation (CJK radicals to full-width forms) that the shipped font draws.
CJK_RANGES = "U+2E80-2FDF, U+3000-303F, U+3200-33FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF"
#: The one font stack of every page. The shipped font comes first but covers only CJK_RANGES, so Latin text is drawn
#: by the reader's own fonts and Chinese always by the shipped one, whatever fonts the machine has (or lacks).
FONT_STACK = (
    '"Report CJK", system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, "Noto Sans CJK SC", "PingFang SC", '
    '"Microsoft YaHei", sans-serif'
)


def font_face(source: str) -> str:
    """The pages' font rules (``templates/site/fonts.css.j2``) in a style element, with the shipped font read from
    ``source`` (a relative URL or a data: URL)."""
    return (
        environment()
        .get_template("fonts.html.j2")
        .render(source=source, ranges=Markup(CJK_RANGES), stack=Markup(FONT_STACK))
    )


#: The font rules of the site's pages, which ship the font beside them.
FONT_FACE = font_face(f"{FONT_DIR}/{FONT_FILE}")

#: The site's one stylesheet (``templates/site/site.css.j2``), with each grade's line and tint from the grade table.
SITE_STYLE = (
    environment()
    .get_template("site.css.j2")
    .render(
        grades=[
            {"code": g.code, "line": g.line, "colour": ROLES[g.role], "tint": tint(ROLES[g.role])}
            for g in schema.GRADE_TABLE
        ]
    )
)


#: The tag of the notebook cell whose chart heads the index (the synthesis's grade chart).
INDEX_CHART_TAG = "index-chart"


def _index_chart(loaded: list):
    """The stored chart of the cell tagged :data:`INDEX_CHART_TAG`: the site shows what the notebook drew, and never
    draws itself, so it exports without a plotting library."""
    import nbformat

    from helpers.publish.publication import Chart

    exported = {path.resolve() for path, _ in loaded}
    others = [(p, nbformat.read(p, as_version=4)) for p in notebook_paths() if p.resolve() not in exported]
    for path, notebook in [*loaded, *others]:  # the synthesis heads the index even when it is not exported
        for cell in notebook.cells:
            if INDEX_CHART_TAG in cell.get("metadata", {}).get("tags", []):
                for output in cell.get("outputs", []):
                    if "image/png" in output.get("data", {}):
                        meta = output.get("metadata", {}).get("image/png", {})
                        png = output["data"]["image/png"].replace("\n", "")
                        return Chart(png, meta.get("alt", ""), int(meta.get("width", 680)), meta.get("narrow"))
                raise SiteOutputError(
                    f"{path.name}: the cell tagged {INDEX_CHART_TAG!r} has no chart; run the notebook"
                )
    raise SiteOutputError(f"no notebook cell is tagged {INDEX_CHART_TAG!r}, so the index has no headline chart")


def _common_hanzi() -> str:
    """The 3,755 level-1 characters of GB 2312, the everyday set, so that Chinese typed into a notebook renders too."""
    return "".join(
        bytes([high, low]).decode("gb2312")
        for high in range(0xB0, 0xD8)
        for low in range(0xA1, 0xFF)
        if not (high == 0xD7 and low > 0xF9)
    )


def write_lab_style(folder: Path) -> Path:
    """JupyterLab's custom stylesheet (``custom.css``, loaded with ``--LabApp.custom_css``) and the font it names,
    written into ``folder``: the same font stack as the site, so JupyterLab draws Chinese without a system font. The
    font holds every Chinese character of the notebooks, the data and the article, and the everyday set."""
    texts = [p.read_text(encoding="utf-8") for p in (*notebook_paths(), *sorted(paths.DATA.rglob("*.csv")))]
    texts += [(paths.RAW / "article.txt").read_text(encoding="utf-8"), _common_hanzi()]
    write_font_subset(texts, folder)
    css = folder / "custom.css"
    css.write_text(
        f"""/* Written by `python -m helpers lab`: the project's font for Chinese, first in every family. */
@font-face {{ font-family: "Report CJK"; src: url("{FONT_DIR}/{FONT_FILE}") format("woff"); font-display: swap;
  unicode-range: {CJK_RANGES}; }}
body {{ --jp-content-font-family: {FONT_STACK}; --jp-ui-font-family: {FONT_STACK};
  --jp-code-font-family: "Report CJK", var(--jp-code-font-family-default, monospace); }}
""",
        encoding="utf-8",
    )
    return css


def write_font_subset(pages: list[str], folder: Path, cache: Path | None = None) -> Path:
    """Subset Noto Sans CJK SC (SIL Open Font License) to the Chinese characters the pages use (kept in ``cache``, if
    given, for the next export with the same characters)."""

    characters = sorted({ch for page in pages for ch in _WIDE.findall(page)})
    target = folder / FONT_DIR / FONT_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_cached_output(cache, "font", "".join(characters), lambda: font_subset(characters)))
    (target.parent / "README.txt").write_text(
        "cjk-subset.woff is a subset of Noto Sans CJK SC (Copyright 2014, 2015 Adobe Systems Incorporated),\n"
        "licensed under the SIL Open Font License, Version 1.1 (https://openfontlicense.org). It holds only the\n"
        f"{len(characters)} characters these pages use, so that Chinese text renders without a system font.\n",
        encoding="utf-8",
    )
    return target


def font_subset(characters: Iterable[str]) -> bytes:
    """Noto Sans CJK SC cut down to ``characters``, as WOFF."""
    import io

    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.name_IDs = ["*"]
    options.hinting = False
    options.notdef_outline = True
    font = subset.load_font(str(font_path()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in characters])
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    return buffer.getvalue()


_STYLE = re.compile(r'<style type="text/css">.*?</style>\s*', re.DOTALL)


def _share_stylesheets(pages: dict[str, str], folder: Path) -> dict[str, str]:
    """Move the stylesheets every notebook page repeats into one local file, linked from each page."""
    names = list(pages)
    if not names:
        return pages
    common = [block for block in _STYLE.findall(pages[names[0]]) if all(block in pages[n] for n in names)]
    if not common:
        return pages
    (folder / SHARED_CSS).write_text(
        "\n".join(re.sub(r"^<style[^>]*>|</style>\s*$", "", b.strip()) for b in common), encoding="utf-8"
    )
    shared = {}
    for name in names:
        text = pages[name]
        first = text.index(common[0])
        for block in common:
            text = text.replace(block, "", 1)
        shared[name] = text[:first] + f'<link rel="stylesheet" href="{SHARED_CSS}">\n' + text[first:]
    return shared


def _check_output(output: Path) -> None:
    """Refuse to replace a folder that this command did not create."""
    if not output.exists():
        return
    if not output.is_dir():
        raise SiteOutputError(f"{output} exists and is not a folder; choose another output folder")
    if (output / MARKER).exists():
        return
    if any(output.iterdir()):
        raise SiteOutputError(
            f"{output} is not empty and was not created by `python -m helpers html` (it has no {MARKER} marker file), "
            "so it will not be replaced. Choose an empty or new folder, such as site/."
        )


DATA_FILES = (
    "claims.csv",
    "checks.csv",
    "reports.csv",
    "searches.csv",
    "context.csv",
    "glossary.csv",
    "places.csv",
    "non_claims.csv",
    "datapackage.json",
)


def _cached_output(cache: Path | None, kind: str, key: str, make) -> bytes:
    """``make()``, or what it gave last time for the same ``key`` with the same helpers code and packages, kept in
    the folder ``cache``; no cache, no keeping."""
    if cache is None:
        return make()
    from helpers.publish.buildcache import code_and_environment

    digest = hashlib.sha256("\0".join([kind, key, code_and_environment()]).encode()).hexdigest()
    kept = cache / f"{kind}.{digest[:32]}"
    if kept.is_file():
        return kept.read_bytes()
    value = make()
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"{kind}.*"):  # one kept output per kind: the cache does not grow
        old.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(dir=cache, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(value)
    os.replace(temporary, kept)
    return value


def build_site(output: Path | None = None, notebooks: list[Path] | None = None, cache: Path | None = None) -> Path:
    """Export the notebooks and the site's pages into ``output`` (default ``site/``); return the path of ``index.html``.

    The site is written to a temporary folder first and moved into place at the end, so a failed export leaves the
    previous site untouched. An existing ``output`` is replaced only if this command created it.

    With ``cache`` (a folder), a notebook's page is exported again only when the notebook, its neighbours' titles,
    the claim ids or the helpers code changed; other pages are taken from the cache, as is the font subset.
    """
    import nbformat
    from nbconvert import HTMLExporter

    from helpers.ledger.ledger import Ledger
    from helpers.publish import publication

    output = Path(output or paths.SITE).resolve()
    _check_output(output)
    ledger = Ledger.load()  # a broken data file stops the export before anything is written
    claim_ids = set(ledger.claim_ids())
    sources = notebooks if notebooks is not None else notebook_paths()
    loaded = [(path, nbformat.read(path, as_version=4)) for path in sources]
    pages = []
    for path, notebook in loaded:
        title, summary = _heading_and_summary(notebook)
        pages.append(Page(path, path.stem + ".html", title or path.stem, summary))

    exporter = HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES)], template_name="report", filters={"chart_picture": chart_picture}
    )
    exporter.exclude_input_prompt = False
    ids_key = " ".join(sorted(claim_ids))
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=output.parent))
    try:
        rendered: dict[str, str] = {}
        for index, ((path, notebook), page) in enumerate(zip(loaded, pages)):
            resources = {
                "metadata": {"name": page.title, "path": str(path.parent)},
                "nav_top": publication.site_nav() + series_nav(pages, index, "top"),
                "nav_bottom": series_nav(pages, index, "bottom"),
            }

            def export(notebook=notebook, resources=resources) -> bytes:
                body, _ = exporter.from_notebook_node(notebook, resources=resources)
                return _sanitize_main(_fix_links(body, claim_ids)).encode("utf-8")

            key = "\0".join([path.read_text(encoding="utf-8"), repr(sorted(resources.items())), ids_key])
            rendered[page.html_name] = _cached_output(cache and cache / "pages", path.stem, key, export).decode()
        rendered = _share_stylesheets(rendered, staging)
        rendered = {name: mark_chinese(text) for name, text in rendered.items()}
        chart = _index_chart(loaded)
        listed = [(p.html_name, p.title, p.summary) for p in pages]
        fonts = {}
        for lang, folder in publication.EDITIONS.items():
            for name, _, _ in publication.OWN_PAGES:
                page = publication.own_page(name, lang, SITE_TITLE, pages=listed, chart=chart)
                page = _sanitize_main(page)
                rendered[folder + name] = mark_chinese(page) if lang == "en" else page
                fonts[folder + name] = "../" * folder.count("/")
        rendered = {
            name: text.replace("</head>", font_face(fonts.get(name, "") + f"{FONT_DIR}/{FONT_FILE}") + "</head>", 1)
            for name, text in rendered.items()
        }
        (staging / SITE_CSS).write_text(SITE_STYLE, encoding="utf-8")
        for name, text in rendered.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_text(text, encoding="utf-8")
        (staging / "data").mkdir()
        for name in DATA_FILES:
            shutil.copyfile(ledger.folder / name, staging / "data" / name)
        if cache is None:
            write_font_subset(list(rendered.values()), staging)
        else:
            write_font_subset(list(rendered.values()), staging, cache)
        (staging / MARKER).write_text(
            "Written by `python -m helpers html`; this folder may be replaced by it.\n", encoding="utf-8"
        )
        os.chmod(staging, 0o755)
        previous = staging.with_name(staging.name + "-previous") if output.exists() else None
        if previous is not None:
            os.replace(output, previous)  # set aside whole (a rename), so a failure below cannot leave half a site
        try:
            os.replace(staging, output)
        except BaseException:
            if previous is not None:
                os.replace(previous, output)
            raise
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return output / "index.html"
