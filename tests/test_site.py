"""The HTML site: every notebook has a page, links resolve, nothing loads from the network, images have alt text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from helpers import paths
from helpers.runner import notebook_paths
from helpers.site import build_site, mark_chinese


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.resources: list[tuple[str, str]] = []  # (tag, url) of scripts, stylesheets, images, fonts
        self.images: list[dict[str, str | None]] = []
        self.nav_links: list[str] = []
        self.html_lang: str | None = None
        self.zh_spans = 0
        self._in_nav = False
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "nav":
            self._in_nav = True
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
            if self._in_nav:
                self.nav_links.append(a["href"])
        if tag == "script" and a.get("src"):
            self.resources.append((tag, a["src"]))
        if tag == "link" and a.get("href"):
            self.resources.append((tag, a["href"]))
        if tag in ("img", "source", "video", "audio", "iframe", "embed") and a.get("src"):
            self.resources.append((tag, a["src"]))
        if tag == "img":
            self.images.append(a)
        if tag == "span" and a.get("lang") == "zh":
            self.zh_spans += 1
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_nav = False
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def is_external(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.scheme in ("http", "https", "ftp") or url.startswith("//"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "site"
    index = build_site(output=folder)
    assert index == folder / "index.html"
    return folder


def test_every_notebook_has_a_page(site):
    pages = {p.name for p in site.glob("*.html")}
    expected = {p.stem + ".html" for p in notebook_paths()}
    assert expected and expected <= pages
    assert "index.html" in pages


def test_index_lists_every_notebook_with_a_summary(site):
    parser = parse(site / "index.html")
    assert [link for link in parser.links if link.endswith(".html")] == [p.stem + ".html" for p in notebook_paths()]
    text = (site / "index.html").read_text(encoding="utf-8")
    assert text.count('class="summary"') == len(notebook_paths())


def test_every_link_resolves(site):
    for page in site.glob("*.html"):
        for link in parse(page).links:
            if is_external(link) or link.startswith(("#", "mailto:")):
                continue
            target = (page.parent / link.split("#")[0]).resolve()
            assert target.exists(), f"{page.name}: link {link!r} points at nothing"


def test_navigation_has_previous_contents_next(site):
    names = [p.stem + ".html" for p in notebook_paths()]
    for i, name in enumerate(names):
        nav = parse(site / name).nav_links
        assert "index.html" in nav
        if i > 0:
            assert names[i - 1] in nav
        if i < len(names) - 1:
            assert names[i + 1] in nav


def test_nothing_loads_from_the_network(site):
    for page in site.glob("*.html"):
        parser = parse(page)
        external = [(tag, url) for tag, url in parser.resources if is_external(url)]
        assert not external, f"{page.name} loads {external}"
        for css in parser.styles:
            for chunk in css.split("url(")[1:]:
                url = chunk.split(")")[0].strip("'\" ")
                assert not is_external(url), f"{page.name}: stylesheet loads {url}"
        assert "<script src" not in page.read_text(encoding="utf-8")
        for tag, url in parser.resources:
            if not url.startswith("data:"):
                assert (page.parent / url).exists(), f"{page.name}: {tag} {url!r} is missing from the site"


def test_every_image_has_alt_text(site):
    images = 0
    for page in site.glob("*.html"):
        for image in parse(page).images:
            images += 1
            assert (image.get("alt") or "").strip(), f"{page.name}: an image without alt text"
            assert image.get("src", "").startswith("data:image/png;base64,")
    assert images >= len(notebook_paths())


def test_chinese_is_declared_and_a_font_ships_with_the_site(site):
    for page in site.glob("*.html"):
        parser = parse(page)
        assert parser.html_lang == "en"
        assert parser.zh_spans > 0, f"{page.name}: Chinese text not marked lang=zh"
    css = (site / "notebook.css").read_text(encoding="utf-8")
    assert 'url("fonts/cjk-subset.woff")' in (site / "05_water.html").read_text(encoding="utf-8") and "jp-" in css
    font = site / "fonts" / "cjk-subset.woff"
    assert font.exists() and 1_000 < font.stat().st_size < 2_000_000


def test_code_is_hidden_by_default_but_available(site):
    text = (site / "05_water.html").read_text(encoding="utf-8")
    assert 'id="show-code"' in text and "Show code" in text
    plain = re.sub(r"<[^>]+>", "", text)
    assert "import helpers as h" in plain  # the code is in the page, hidden by CSS until asked for
    css = text + (site / "notebook.css").read_text(encoding="utf-8")
    assert ".jp-CodeCell .jp-Cell-inputWrapper, .jp-OutputPrompt, .jp-InputPrompt { display: none; }" in css
    assert "#show-code:checked ~ main .jp-CodeCell .jp-Cell-inputWrapper { display: block; }" in css


def test_mark_chinese_leaves_markup_and_scripts_alone():
    page = '<html><head><title>标题</title><style>p::after{content:"中"}</style></head><body><p class="x">Kunming 昆明市 &amp; 99.7%</p></body></html>'
    marked = mark_chinese(page)
    assert '<title>标题</title>' in marked and 'content:"中"' in marked
    assert '<p class="x">Kunming <span lang="zh">昆明市</span> &amp; 99.7%</p>' in marked


def test_failed_export_keeps_the_previous_site(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("previous", encoding="utf-8")
    broken = tmp_path / "99_broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(Exception):
        build_site(output=target, notebooks=[broken])
    assert (target / "index.html").read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []


def test_site_folder_is_ignored_by_git():
    assert "site/" in (paths.ROOT / ".gitignore").read_text(encoding="utf-8").split()
