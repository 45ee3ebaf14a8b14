"""The static site (`python -m helpers html -o DIR`): every page is written, the publication pages say what the data
says, nothing loads from the network, links resolve, the output folder is never a folder the command did not create,
a failed build leaves no half-written site, and every page body passes the allow-list sanitiser.

The full site is built once per module, by the command line with matplotlib and seaborn unimportable, and shared;
the tests of refusals and failures use a quick build (no notebooks, stubbed publication bodies) because what they
protect is where files go, not what pages say.
"""

from __future__ import annotations

import base64
import html as html_module
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag
from PIL import Image

import helpers
import helpers.ledger.data
import helpers.ledger.grades
import helpers.ledger.source
from helpers.ledger import paths, schema
from helpers.ledger.checks import load_checks
from helpers.markup import TEMPLATES
from helpers.publish import publication
from helpers.publish import site as site_module
from helpers.publish.publication import GRADE_WORDS
from helpers.publish.runner import notebook_paths
from helpers.publish.site import MARKER, SiteOutputError, build_site, mark_chinese, sanitize

OWN_PAGES = ("index.html", "article.html", "claims.html", "codebook.html")
STALE = "stale-page.html"
#: Attributes through which a browser fetches something (``href`` of <a> only navigates when clicked).
URL_ATTRIBUTES = ("src", "href", "srcset", "data", "poster", "action", "formaction", "background", "xlink:href")


def norm(text: str) -> str:
    return " ".join(text.split())


def is_external(url: str) -> bool:
    url = url.strip()
    return urlparse(url).scheme.lower() in ("http", "https", "ftp") or url.startswith("//")


#: A sitecustomize that makes matplotlib and seaborn unimportable in the process it starts with.
NO_PLOTTING = (
    "import sys\n"
    "class Block:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name.split('.')[0] in ('matplotlib', 'seaborn'):\n"
    "            raise ImportError(f'{name} is blocked for this test')\n"
    "        return None\n"
    "sys.meta_path.insert(0, Block())\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """One full build by the command line (`python -m helpers html -o DIR`) with matplotlib and seaborn unimportable,
    into a folder that already holds an older site (its marker and a page the new site lacks)."""
    root = tmp_path_factory.mktemp("built")
    blocker = root / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(NO_PLOTTING, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(blocker)}
    probe = subprocess.run([sys.executable, "-c", "import matplotlib"], env=env, capture_output=True)
    assert probe.returncode != 0, "the blocker must block"
    folder = root / "site"
    folder.mkdir()
    (folder / MARKER).write_text("older build\n", encoding="utf-8")
    (folder / STALE).write_text("a page of an older build", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "html", "-o", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"open {folder.resolve() / 'index.html'}" in result.stderr
    return folder


@pytest.fixture(scope="module")
def soups(site) -> dict[str, BeautifulSoup]:
    return {p.name: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser") for p in sorted(site.glob("*.html"))}


# --- 1. what the build writes -----------------------------------------------------------------------------------------


def test_build_writes_the_own_pages_and_one_page_per_notebook(site):
    notebooks = notebook_paths()
    assert len(notebooks) == 15  # the committed series: 00_overview … 14_synthesis
    expected = set(OWN_PAGES) | {p.stem + ".html" for p in notebooks}
    assert {p.name for p in site.glob("*.html")} == expected


def test_an_existing_site_folder_is_replaced_whole(site):
    """The fixture built over an older site (with the marker): its stale page is gone, the marker is rewritten."""
    assert not (site / STALE).exists()
    assert (site / MARKER).read_text(encoding="utf-8") != "older build\n"
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site-")] == []


def test_data_folder_holds_every_data_file_byte_for_byte(site):
    project = {p.name: p.read_bytes() for p in [*paths.DATA.glob("*.csv"), paths.DATA / "datapackage.json"]}
    folder = site / "data"
    shipped = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert project and set(project) <= set(shipped)
    for name, content in shipped.items():  # anything else shipped (the raw article, say) must be the project's file too
        assert content == (paths.DATA / name).read_bytes(), f"site/data/{name} differs from data/{name}"
    assert set(shipped) == set(project), "only data/*.csv and their package ship (not the raw article)"


# --- 2. the claims page and the annotated article ---------------------------------------------------------------------


def test_claims_page_has_one_entry_per_claim_of_the_ledger(soups):
    page = soups["claims.html"]
    ids = list(helpers.ledger.data.load_claims()["id"])
    assert len(ids) == len(set(ids)) > 0
    for claim_id in ids:
        assert len(page.find_all(id=claim_id)) == 1, f"claims.html: no single element with id={claim_id!r}"


def test_each_claim_entry_gives_quote_translation_value_period_place_grade_checks_reports(soups, site):
    page = soups["claims.html"]
    ledger = helpers.ledger.data.load_claims().set_index("id", drop=False)
    grades = helpers.ledger.grades.load_grades().set_index("id")
    places = helpers.ledger.data.load_places().set_index("slug")
    checks = load_checks()
    reports = helpers.ledger.data.load_reports()
    notebook_of = {s.slug: s.notebook for s in schema.SECTORS}
    for claim_id, row in ledger.iterrows():
        entry = page.find(id=claim_id)
        text = norm(entry.get_text())
        where = f"claims.html#{claim_id}"
        assert row["quote"] in text and norm(row["quote_en"]) in text, where
        assert norm(row["period_label"]) in text and row["period"] in text, where
        assert places.loc[row["geography"], "name_en"] in text, where
        grade = grades.loc[claim_id]
        grade_cell = entry.find("dd", class_=f"grade-{grade['grade']}")
        assert grade_cell is not None, f"{where}: grade {grade['grade']} not marked"
        shown = norm(grade_cell.get_text())
        assert GRADE_WORDS[grade["grade"]] in shown and norm(grade["reason"]) in shown, f"{where}: grade or reason"
        assert f"This grade does not show {norm(schema.GRADE_LIMITS[grade['grade']])}." in shown, f"{where}: limit"
        mine = [c for c in checks if claim_id in c.about]
        for check in mine:
            assert norm(check.question) in text, f"{where}: check {check.id} missing"
        if not mine:
            assert "No check bears on this claim." in text
        own = reports[reports["claim"] == claim_id]
        links = {a["href"] for a in entry.find_all("a", href=True)}
        for report in own.itertuples():
            assert report.url in links and norm(report.publisher) in text, f"{where}: report {report.id} missing"
        sector_page = notebook_of[row["sector"]] + ".html"
        assert sector_page in links and (site / sector_page).exists()


def test_claim_entry_states_the_value_in_words_a_reader_can_check(soups):
    """35.06万名 is 35.06 × 10,000 = 350,600 people."""
    entry = soups["claims.html"].find(id="overview.registered_poor_people")
    assert "350,600 people" in norm(entry.get_text())


def _claim_text(node: Tag) -> str:
    """The text of a mark without its superscript (the grade symbol or the defect label)."""
    return "".join(s for s in node.find_all(string=True) if s.find_parent("sup") is None)


def _paragraphs(article: Tag) -> list[tuple[str, list[tuple[int, Tag]]]]:
    """Each paragraph's text (superscripts left out) and the claim links in it, with their offsets in that text."""
    out = []
    for p in article.find_all("p"):
        text, links = "", []
        for node in p.descendants:
            if isinstance(node, Tag) and node.name == "a" and "claim" in node.get("class", []):
                links.append((len(text), node))
            elif isinstance(node, NavigableString) and node.find_parent("sup") is None:
                text += str(node)
        out.append((text, links))
    return out


def _body_lines() -> list[str]:
    """The article body's paragraphs as archived: between the source card's first and last words, without headings
    and photo file names."""
    card = json.loads((paths.RAW / "source.json").read_text(encoding="utf-8"))
    raw = (paths.RAW / "article.txt").read_text(encoding="utf-8")
    body = raw[raw.index(card["body_start"]) : raw.index(card["body_end"]) + len(card["body_end"])]
    headings = {h["zh"] for h in card["headings"]}
    image = re.compile(card["image_pattern"])
    return [
        line.strip()
        for line in body.split("\n")
        if line.strip() and line.strip() not in headings and not image.match(line.strip())
    ]


def test_article_shows_the_body_unchanged_around_the_marks(soups):
    article = soups["article.html"].find("article", class_="annotated")
    assert [text.strip() for text, _ in _paragraphs(article)] == _body_lines()


def test_article_links_every_claim_exactly_where_it_is_written(soups):
    article = soups["article.html"].find("article", class_="annotated")
    found: dict[str, list[tuple[str, int, Tag]]] = {}
    for text, links in _paragraphs(article):
        for offset, node in links:
            found.setdefault(node["href"], []).append((text, offset, node))
    ledger = helpers.ledger.data.load_claims()
    assert set(found) == {f"claims.html#{i}" for i in ledger["id"]}
    for row in ledger.itertuples():
        (text, offset, node), *more = found[f"claims.html#{row.id}"]
        assert not more, f"{row.id} is marked more than once"
        assert _claim_text(node) == row.as_written
        before = row.quote.index(row.as_written)
        start = offset - before
        assert text[start : start + len(row.quote)] == row.quote, f"{row.id} is marked outside its quote"


def test_every_mark_carries_its_grade_symbol_and_hover_text(soups):
    page = soups["article.html"]
    grades = helpers.ledger.grades.load_grades().set_index("id")["grade"]
    ledger = helpers.ledger.data.load_claims().set_index("id")
    legend = page.find("ul", class_="legend")
    symbols = {}
    for item in legend.find_all("li"):
        sample = item.find(class_="claim")
        if sample is not None:
            grade = next(c.removeprefix("grade-") for c in sample["class"] if c.startswith("grade-"))
            symbols[grade] = sample.find("sup").get_text()
            assert GRADE_WORDS[grade] in item.get_text(), f"legend: {grade} has no words"
    used = set(grades)
    assert used <= set(symbols), f"legend lacks {used - set(symbols)}"
    assert all(symbols.values()) and len(set(symbols.values())) == len(symbols), "each grade needs its own symbol"
    for node in page.find("article", class_="annotated").find_all("a", class_="claim"):
        claim_id = node["href"].split("#", 1)[1]
        grade = grades[claim_id]
        assert f"grade-{grade}" in node["class"]
        assert node.find("sup").get_text() == symbols[grade], f"{claim_id}: symbol is not the legend's for {grade}"
        assert node["title"] == node["data-tip"]
        assert norm(ledger.loc[claim_id, "quote_en"]) in norm(node["title"]) and GRADE_WORDS[grade] in node["title"]
    assert page.find("link", rel="stylesheet")["href"] == site_module.SITE_CSS  # the hover text is drawn by site.css
    css = site_module.SITE_STYLE
    assert "a.claim:hover::after, a.claim:focus::after" in css and "content: attr(data-tip)" in css


def test_article_marks_the_spam_and_the_typo_as_defects(soups):
    card = helpers.ledger.source.source_card()
    marks = soups["article.html"].find("article", class_="annotated").find_all("mark", class_="defect")
    body = "\n".join(_body_lines())
    assert {d["kind"] for d in card.defects} == {"injected_spam", "typo"}
    for defect in card.defects:
        mine = [m for m in marks if _claim_text(m) == defect["text"]]
        assert len(mine) == body.count(defect["text"]) >= 1, defect["text"]
        label = "injected spam" if defect["kind"] == "injected_spam" else f"typo for {defect['correct']}"
        for mark in mine:
            assert mark.find("sup").get_text() == f"[{label}]"
            assert defect["note"] in mark["title"] and mark.get("tabindex") == "0"


# --- 3. the index: findings first -------------------------------------------------------------------------------------


def test_index_states_the_verdict_counts_and_a_chart_before_the_notebooks(site):
    raw = (site / "index.html").read_text(encoding="utf-8")
    first_notebook = raw.index(f'href="{notebook_paths()[0].stem}.html"')
    before = BeautifulSoup(raw[:first_notebook], "html.parser")
    text = norm(before.get_text())
    counts = Counter(helpers.ledger.grades.load_grades()["grade"])
    ledger = helpers.ledger.data.load_claims()
    assert sum(counts.values()) == len(ledger)  # every claim has exactly one grade
    assert f"{len(ledger)} claims" in text
    for grade in schema.GRADES:
        assert f"{counts[grade]} {GRADE_WORDS[grade]}" in text, f"index: count of {grade} missing before the notebooks"
    chart = before.find("figure", class_="chart").find("img")
    assert chart["src"].startswith("data:image/png;base64,")
    alt = norm(chart["alt"])
    for grade, count in counts.items():  # the chart (the synthesis's, as stored) is drawn from the same counts
        assert f"{GRADE_WORDS[grade]} {100 * count / len(ledger):.1f}%" in alt, grade
    synthesis = json.loads((paths.NOTEBOOKS / "14_synthesis.ipynb").read_text(encoding="utf-8"))
    tagged = [c for c in synthesis["cells"] if "index-chart" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1 and chart["src"].endswith("".join(tagged[0]["outputs"][0]["data"]["image/png"]).strip())


def test_index_gives_every_reading_dependent_verdict_with_both_readings(soups):
    """A claim whose checks hold on one reading of its words is listed with each reading's evidence and verdict, and
    the index says that the grade follows neither."""
    findings = soups["index.html"].find("ul", class_="findings")
    item = next(li for li in findings.find_all("li") if "turns on a reading" in li.get_text())
    text = norm(item.get_text())
    readings = [c for c in load_checks() if c.power == "reading"]
    assert {c.verdict for c in readings} == {"consistent", "inconsistent"}  # the two readings disagree
    for check in readings:
        assert norm(check.question) in text and norm(check.evidence_brief) in text and check.verdict_text in text
        for claim_id in check.about:
            assert item.find("a", href=f"claims.html#{claim_id}") is not None
    assert "The grade follows neither reading." in text


def test_every_claim_has_one_complete_claim_review_anchored_to_its_entry(soups, site):
    """schema.org ClaimReview, as JSON-LD in the claims page's head: one block per claim, built from the ledger."""
    page = soups["claims.html"]
    blocks = page.find("head").find_all("script", type="application/ld+json")
    reviews = [json.loads(block.string) for block in blocks]  # every block parses as JSON
    ledger = helpers.ledger.data.load_claims().set_index("id")
    grades = helpers.ledger.grades.load_grades().set_index("id")
    card = helpers.ledger.source.source_card()
    assert len(reviews) == len(ledger)
    seen = set()
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        page_name, claim_id = review["url"].split("#")
        assert page_name == "claims.html" and page.find(id=claim_id) is not None, review["url"]
        seen.add(claim_id)
        claim, grade = ledger.loc[claim_id], grades.loc[claim_id, "grade"]
        assert review["claimReviewed"] == claim["quote"] == review["itemReviewed"]["text"]
        assert review["itemReviewed"]["@type"] == "Claim" and review["itemReviewed"]["description"] == claim["quote_en"]
        rating = review["reviewRating"]
        assert rating["ratingValue"] == schema.RATING_SCALE.index(grade) + 1
        assert (rating["worstRating"], rating["bestRating"]) == (1, len(schema.RATING_SCALE))
        assert (
            rating["alternateName"] == GRADE_WORDS[grade] and schema.GRADE_LIMITS[grade] in rating["ratingExplanation"]
        )
        assert review["reviewBody"] == grades.loc[claim_id, "reason"]
        first = review["itemReviewed"]["firstAppearance"]
        assert first["@type"] == "NewsArticle" and first["datePublished"] == card.published
        assert first["publisher"]["name"] == "云南日报" and first["publisher"]["alternateName"] == "Yunnan Daily"
        assert review["author"]["name"] and review["datePublished"] == max(
            helpers.ledger.data.load_searches()["searched"]
        )
    assert seen == set(ledger.index)
    codebook = (paths.DATA / "README.md").read_text(encoding="utf-8")
    assert "ClaimReview" in codebook and all(f"{n}. `{g}`" in codebook for n, g in enumerate(schema.RATING_SCALE, 1))


def test_claim_review_text_cannot_close_its_block():
    """A quote holding markup is written with JSON escapes: the block stays one script, and its text reads back."""
    from helpers.publish.publication import claim_review_scripts

    hostile = "</script><script>alert(1)</script> & <b>"
    markup = claim_review_scripts(hostile)
    assert "</script><script>alert" not in markup and "<b>" not in markup
    blocks = BeautifulSoup(markup, "html.parser").find_all("script")
    assert len(blocks) == len(helpers.ledger.data.load_claims())
    assert all(json.loads(b.string)["author"]["name"] == hostile for b in blocks)


def test_index_lists_every_notebook_in_order_with_a_summary(soups):
    pages = soups["index.html"].find("ol", class_="pages")
    links = [a["href"] for a in pages.find_all("a")]
    assert links == [p.stem + ".html" for p in notebook_paths()]
    assert all(s.get_text().strip() for s in pages.find_all(class_="summary"))


# --- 4. nothing from the network --------------------------------------------------------------------------------------


def test_only_plain_links_point_outward_and_only_to_cited_sources(soups, site):
    cited = set()
    for path in paths.DATA.glob("*.csv"):
        cited |= set(re.findall(r"https?://[^\s\",]+", path.read_text(encoding="utf-8")))
    outward = 0
    for name, soup in soups.items():
        for tag in soup.find_all(True):
            for attribute in URL_ATTRIBUTES:
                value = tag.get(attribute)
                if value and is_external(value):
                    where = f"{name}: <{tag.name} {attribute}={value!r}>"
                    assert (tag.name, attribute) == ("a", "href"), f"{where} loads from the network"
                    assert value in cited, f"{name}: links to {value}, which no data file cites"
                    outward += 1
            style = tag.get("style", "")
            assert "url(" not in style and "@import" not in style, f"{name}: inline style loads {style!r}"
        for block in soup.find_all("style"):
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", block.get_text()):
                assert not is_external(url) and (url.startswith("data:") or (site / url).exists()), f"{name}: {url}"
            assert "@import" not in block.get_text()
        for link in soup.find_all("link", href=True):
            assert (site / link["href"]).exists(), f"{name}: stylesheet {link['href']} missing"
    assert outward > 0  # the claims page links the reports' sources, so the rule above was exercised
    for css in site.glob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@import" not in text
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
            if not url.startswith("data:"):
                assert not is_external(url) and (site / url).exists(), f"{css.name}: {url[:60]}"


def test_the_cjk_font_ships_with_the_site(site, soups):
    font = site / "fonts" / "cjk-subset.woff"
    assert font.exists() and 1_000 < font.stat().st_size < 2_000_000
    for name, soup in soups.items():
        assert soup.find("html")["lang"] == "en"
        assert soup.find(lang="zh") is not None, f"{name}: Chinese text not marked lang=zh"
        assert 'url("fonts/cjk-subset.woff")' in "".join(s.get_text() for s in soup.find("head").find_all("style"))


def test_the_shipped_font_is_first_for_chinese_on_every_page(soups, site):
    """Without Chinese system fonts a browser draws Chinese with the first family that has the glyphs, so the shipped
    font comes first in every family the site sets, limited by unicode-range to Chinese: Latin text keeps the
    reader's fonts. (Checked in headless Chromium with DevTools, tools/font_check.py.)"""
    from fontTools.ttLib import TTFont

    assert site_module.FONT_STACK.startswith('"Report CJK"')
    assert f"unicode-range: {site_module.CJK_RANGES}" in site_module.FONT_FACE
    sheets = [site_module.FONT_FACE, site_module.SITE_STYLE, (site / "notebook.css").read_text(encoding="utf-8")]
    template = (TEMPLATES / "report" / "index.html.j2").read_text(encoding="utf-8")
    for sheet in [*sheets, template]:
        for family in re.findall(r"(?<![-\w])font-family:\s*([^;}]+)", sheet):  # not the --jp-…-font-family vars
            family = family.strip()
            if family.startswith(("var(", "inherit", "{")) or "monospace" in family and "Report CJK" in family:
                continue
            assert family.startswith(('"Report CJK"', "'Report CJK'")), family[:80]
    cmap = TTFont(site / "fonts" / "cjk-subset.woff").getBestCmap()
    ranges = [tuple(int(x, 16) for x in r.strip()[2:].split("-")) for r in site_module.CJK_RANGES.split(",")]
    for name, soup in soups.items():
        text = soup.get_text()
        chinese = {ch for ch in text if any(low <= ord(ch) <= high for low, high in ranges)}
        assert chinese <= set(map(chr, cmap)), f"{name}: {sorted(chinese - set(map(chr, cmap)))[:5]} not in the font"


# --- 5. images, links, landmarks, tables ------------------------------------------------------------------------------


def test_every_image_has_alt_text_and_is_embedded(soups):
    images = 0
    for name, soup in soups.items():
        for image in soup.find_all("img"):
            images += 1
            assert norm(image.get("alt", "")), f"{name}: an image without alt text"
            assert image.get("src", "").startswith("data:image/png;base64,")
    assert images >= len(notebook_paths()) + 1  # a chart per notebook at least, and the index's headline chart


def test_every_chart_on_the_site_has_its_phone_variant(soups):
    """Every chart image sits in a <picture> whose phone source (below the phone width) is a 2× PNG of 360–400 px,
    at most 800 px wide, the one stored with the chart."""
    from helpers.style import PHONE_MEDIA

    pictures = 0
    for name, soup in soups.items():
        for image in soup.find_all("img"):
            picture = image.parent
            assert picture.name == "picture", f"{name}: a chart without a phone variant"
            source = picture.find("source")
            assert source.get("media") == PHONE_MEDIA
            assert 360 <= int(source["width"]) <= 400
            png = base64.b64decode(source["srcset"].removeprefix("data:image/png;base64,"))
            with Image.open(io.BytesIO(png)) as narrow:
                assert narrow.size[0] == 2 * int(source["width"]) <= 800
            pictures += 1
    assert pictures >= len(notebook_paths()) + 1


def test_sanitize_keeps_a_picture_only_with_an_embedded_png_and_the_phone_media():
    from helpers.style import PHONE_MEDIA

    kept = sanitize(
        f'<picture><source media="{PHONE_MEDIA}" srcset="data:image/png;base64,AAAA" width="360" height="9">'
        '<img src="data:image/png;base64,BBBB" alt="a chart"></picture>'
    )
    assert 'srcset="data:image/png;base64,AAAA"' in kept and f'media="{PHONE_MEDIA}"' in kept
    hostile = sanitize(
        '<picture><source media="print" srcset="https://example.com/x.png 2x, javascript:alert(1)">'
        '<img src="data:image/png;base64,BBBB" alt="a chart"></picture>'
    )
    assert "srcset" not in hostile and "media" not in hostile and "javascript" not in hostile


def test_every_internal_link_resolves_to_a_file_and_an_id(soups, site):
    ids = {name: {t["id"] for t in soup.find_all(id=True)} for name, soup in soups.items()}
    checked = 0
    for name, soup in soups.items():
        for a in soup.find_all("a", href=True):
            href = a["href"]
            if is_external(href) or href.startswith("mailto:"):
                continue
            path, _, fragment = href.partition("#")
            target = path or name
            assert (site / target).is_file(), f"{name}: link {href!r} points at no file"
            if fragment:
                assert target in ids and unquote(fragment) in ids[target], f"{name}: link {href!r} points at no id"
            checked += 1
    assert checked > len(helpers.ledger.data.load_claims())  # the article alone links every claim


def test_every_page_has_main_nav_and_a_language(soups):
    for name, soup in soups.items():
        assert soup.find("html").get("lang") == "en", name
        assert len(soup.find_all("main")) == 1, name
        assert soup.find("nav") is not None, name
        assert soup.find("title").get_text().strip(), name


def test_notebook_pages_link_previous_contents_next(soups):
    names = [p.stem + ".html" for p in notebook_paths()]
    for i, name in enumerate(names):
        nav = [a["href"] for n in soups[name].find_all("nav", class_="series") for a in n.find_all("a")]
        assert "index.html" in nav
        assert (names[i - 1] in nav) == (i > 0) and (names[(i + 1) % len(names)] in nav) == (i < len(names) - 1)


def test_table_cells_numbers_right_text_left(soups):
    number = re.compile(
        r"^(at least |at most |about |more than |fewer than |less than )?"
        r"[−-]?\d[\d,]*(\.\d+)?(%| \S.*)?$"
    )
    cells = Counter()
    for name, soup in soups.items():
        for table in soup.find_all("table", class_="report-table"):
            head = [th.get("style", "") for th in table.find("thead").find_all("th")]
            for tr in table.find("tbody").find_all("tr"):
                for position, cell in enumerate(tr.find_all(["th", "td"])):
                    if cell.name == "th":  # the row number
                        assert cell.get("style", "").replace(" ", "").startswith("text-align:right")
                        continue
                    kind = set(cell.get("class", [])) & {"num", "text"}
                    assert len(kind) == 1, f"{name}: a cell that is neither num nor text: {cell}"
                    kind = kind.pop()
                    align = "right" if kind == "num" else "left"
                    style, header = cell.get("style", "").replace(" ", ""), head[position].replace(" ", "")
                    assert f"text-align:{align}" in style and f"text-align:{align}" in header
                    if kind == "num":
                        shown = norm(cell.get_text())
                        assert number.match(shown), f"{name}: {shown!r} is aligned as a number"
                    cells[kind] += 1
    assert cells["num"] > 0 and cells["text"] > 0
    assert "td.num, th.num { text-align: right;" in site_module.SITE_STYLE


def test_code_is_hidden_until_asked_for(site):
    page = (site / "05_water.html").read_text(encoding="utf-8")
    css = (site / "notebook.css").read_text(encoding="utf-8")
    assert 'id="show-code"' in page and "Show code" in page
    assert "validated_claims" in BeautifulSoup(page, "html.parser").find("main").get_text()  # the code is in the page
    assert ".jp-CodeCell .jp-Cell-inputWrapper, .jp-OutputPrompt, .jp-InputPrompt { display: none; }" in css
    assert "body:has(#show-code:checked) main .jp-CodeCell .jp-Cell-inputWrapper { display: block; }" in css


def test_mark_chinese_leaves_markup_and_styles_alone():
    page = (
        '<html><head><title>标题</title><style>p::after{content:"中"}</style></head>'
        '<body><p class="x">Kunming 昆明市 &amp; 99.7%</p></body></html>'
    )
    marked = mark_chinese(page)
    assert "<title>标题</title>" in marked and 'content:"中"' in marked
    assert '<p class="x">Kunming <span lang="zh">昆明市</span> &amp; 99.7%</p>' in marked


# --- 6. the output folder ---------------------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``folder``: names, and bytes of files."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))
    }


def make_occupied(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "thesis.docx").write_bytes(b"\x00\x01 not mine")
    (folder / "index.html").write_text("<p>someone else's page</p>", encoding="utf-8")
    (folder / ".hidden").write_text("dotfile", encoding="utf-8")
    (folder / "notes").mkdir()
    (folder / "notes" / "a.md").write_text("# notes", encoding="utf-8")
    return folder


@pytest.fixture
def quick(monkeypatch):
    """A build without notebooks and with one-line own pages: seconds instead of 15."""

    def page(name: str, lang: str, *args, **kwargs) -> str:
        return f'<!DOCTYPE html><html lang="{lang}"><head><title>{name}</title></head><body><main><p>{name}</p></main>'

    monkeypatch.setattr(publication, "own_page", page)
    return lambda output: build_site(output=output, notebooks=[])


def test_a_folder_without_the_marker_is_refused_and_left_untouched(tmp_path):
    folder = make_occupied(tmp_path / "mine")
    before, around = snapshot(folder), sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(SiteOutputError) as error:
        build_site(output=folder)
    message = str(error.value)
    assert str(folder) in message and MARKER in message and "not empty" in message
    assert snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == around  # no staging folder left beside it


def test_a_file_is_refused(tmp_path):
    target = tmp_path / "site"
    target.write_text("a file", encoding="utf-8")
    with pytest.raises(SiteOutputError, match="not a folder"):
        build_site(output=target)
    assert target.read_text(encoding="utf-8") == "a file"


def test_an_empty_folder_is_used_and_marked(tmp_path, quick):
    folder = tmp_path / "empty"
    folder.mkdir()
    assert quick(folder) == folder / "index.html"
    assert (folder / MARKER).exists() and (folder / "index.html").exists()
    assert (folder / "data" / "claims.csv").read_bytes() == (paths.DATA / "claims.csv").read_bytes()


def test_the_command_line_refuses_with_the_folder_and_the_marker(tmp_path):
    folder = make_occupied(tmp_path / "mine")
    before = snapshot(folder)
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "html", "-o", str(folder)],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        timeout=300,
    )
    assert result.returncode != 0
    assert str(folder) in result.stderr and MARKER in result.stderr
    assert snapshot(folder) == before


def test_main_refuses_in_process(tmp_path, capsys):
    """Whether main() raises or returns a status, the refusal names the folder and the marker and writes nothing."""
    from helpers.publish.cli import main

    folder = make_occupied(tmp_path / "mine")
    before = snapshot(folder)
    try:
        status = main(["html", "-o", str(folder)])
    except SiteOutputError as error:
        message = str(error)
    else:
        assert status != 0
        message = capsys.readouterr().err
    assert str(folder) in message and MARKER in message
    assert snapshot(folder) == before


# --- 7. a failed build leaves no half-written site --------------------------------------------------------------------


def make_previous_site(folder: Path) -> Path:
    folder.mkdir()
    (folder / MARKER).write_text("previous\n", encoding="utf-8")
    (folder / "index.html").write_text("previous index", encoding="utf-8")
    (folder / "data").mkdir()
    (folder / "data" / "claims.csv").write_text("previous claims", encoding="utf-8")
    return folder


def leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if p.name.startswith(".site-")]


@pytest.mark.parametrize("failure", [RuntimeError("disk full"), KeyboardInterrupt()], ids=["error", "interrupt"])
@pytest.mark.parametrize("previous", [True, False], ids=["over-a-site", "new-folder"])
def test_a_build_failing_midway_leaves_the_previous_site_or_nothing(tmp_path, quick, monkeypatch, failure, previous):
    output = tmp_path / "site"
    if previous:
        make_previous_site(output)
    before = snapshot(output) if previous else None
    staged = {}

    def fail(pages, folder):  # the font is written after the pages and the data: fail there
        staged.update(snapshot(folder))
        raise failure

    monkeypatch.setattr(site_module, "write_font_subset", fail)
    with pytest.raises(type(failure)):
        quick(output)
    assert "index.html" in staged and "data/claims.csv" in staged  # the failure did come midway
    assert (snapshot(output) == before) if previous else not output.exists()
    assert leftovers(tmp_path) == []


def test_a_failure_while_moving_the_new_site_into_place_keeps_the_previous_one(tmp_path, quick, monkeypatch):
    output = make_previous_site(tmp_path / "site")
    before = snapshot(output)
    real_replace = site_module.os.replace

    def replace(source, target):
        if Path(target) == output and Path(source).name.startswith(".site-") and not str(source).endswith("-previous"):
            raise OSError("the new site cannot be moved into place")
        return real_replace(source, target)

    monkeypatch.setattr(site_module.os, "replace", replace)
    with pytest.raises(OSError, match="cannot be moved"):
        quick(output)
    assert snapshot(output) == before
    assert leftovers(tmp_path) == []


# --- 8. the sanitiser -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fragment, banned",
    [
        ("<p>fine</p><script>alert(1)</script>", "<script"),
        ('<p>fine<SCRIPT src="http://x/y.js"></SCRIPT></p>', "<script"),
        ('<img src="data:image/png;base64,AAAA" alt="chart" onerror="alert(1)">', "onerror"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ('<p onclick="alert(1)" onmouseover=alert(2)>fine</p>', "onclick"),
        ('<a href="javascript:alert(1)">fine</a>', "javascript:"),
        ('<a href=" JaVaScRiPt:alert(1)">fine</a>', "javascript:"),
        ('<a href="jav&#x61;script:alert(1)">fine</a>', "href"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">fine</a>', "data:text"),
        ('<iframe src="https://example.com"></iframe><p>fine</p>', "<iframe"),
        ('<svg onload="alert(1)"><circle/></svg><p>fine</p>', "onload"),
        (
            '<table><tr><td style="background: url(javascript:alert(1)); text-align: right">fine</td></tr></table>',
            "url(",
        ),
        ("<p>fine</p><style>body{background:red}</style>", "<style"),
        ('<object data="x.swf"></object><embed src="x.swf"><form action="https://x"><p>fine</p></form>', "<object"),
    ],
)
def test_sanitize_removes_scripts_handlers_and_dangerous_urls(fragment, banned):
    clean = sanitize(fragment)
    assert banned.lower() not in clean.lower()
    for tag in BeautifulSoup(clean, "html.parser").find_all(True):
        assert tag.name not in ("script", "iframe", "object", "embed", "form", "style", "svg")
        assert not any(name.startswith("on") for name in tag.attrs)
        assert not (tag.get("href") or "").strip().lower().startswith(("javascript:", "data:"))
    if "fine" in fragment:
        assert "fine" in clean  # the harmless content survives as text


def test_sanitize_keeps_what_the_site_needs():
    fragment = (
        '<a href="claims.html#water.pipelines" title="t">3</a> <a href="https://example.com/a.html">src</a> '
        '<img src="data:image/png;base64,AAAA" alt="a chart" width="680"> '
        '<table><tr><td class="num" style="text-align: right">1</td></tr></table> '
        '<span lang="zh" class="claim grade-coherent">示例</span>'
    )
    clean = sanitize(fragment)
    for kept in (
        'href="claims.html#water.pipelines"',
        'href="https://example.com/a.html"',
        'alt="a chart"',
        'src="data:image/png;base64,AAAA"',
        'style="text-align:right"',  # the sanitiser writes the one allowed property in its normal form
        'lang="zh"',
        "grade-coherent",
    ):
        assert kept in clean


def test_markup_in_an_attribute_stays_text_through_sanitising_and_marking():
    """A title holding hostile markup and Chinese: the sanitiser writes its brackets as entities, so marking the
    Chinese afterwards cannot break into the tag."""
    hostile = html_module.escape('<img src=x onerror="alert(1)">标题<script>alert(2)</script>', quote=True)
    page = mark_chinese(sanitize(f'<a href="#x" title="{hostile}">示例</a>'))
    link = BeautifulSoup(page, "html.parser").find("a")
    assert link["title"] == '<img src=x onerror="alert(1)">标题<script>alert(2)</script>'
    assert len(BeautifulSoup(page, "html.parser").find_all(True)) == 2  # the link and the span of its text, no more


def test_sanitize_drops_script_content_and_any_other_style():
    clean = sanitize('<p>a<script>alert(1)</script><style>p{color:red}</style></p><td style="color: red">b</td>')
    assert "alert" not in clean and "color" not in clean and "a" in clean


def test_sanitize_applies_to_main_only_and_a_page_needs_main():
    page = "<html><head><title>x</title></head><body><main><p>a</p><script>alert(1)</script></main></body></html>"
    cleaned = site_module._sanitize_main(page)
    assert "<script>" not in cleaned and "<head><title>x</title></head>" in cleaned
    with pytest.raises(ValueError, match="main"):
        site_module._sanitize_main("<html><body><p>no main</p></body></html>")


def test_no_built_page_has_scripts_handlers_or_script_urls(soups):
    """No page runs code. The one script a page may hold is data: the claims page's JSON-LD in its head."""
    for name, soup in soups.items():
        for tag in soup.find_all(True):
            data_block = tag.name == "script" and tag.get("type") == "application/ld+json" and tag.parent.name == "head"
            assert not data_block or name == "claims.html", f"{name}: JSON-LD outside the claims page"
            assert data_block or tag.name not in ("script", "iframe", "object", "embed", "form"), (
                f"{name}: <{tag.name}>"
            )
            assert not [a for a in tag.attrs if a.startswith("on")], f"{name}: <{tag.name}> has an event handler"
            for attribute in URL_ATTRIBUTES:
                assert not (tag.get(attribute) or "").strip().lower().startswith("javascript:"), name


def test_the_site_exports_with_no_plotting_library(site):
    """Publishing depends on the ledger, not on the notebook layer: with matplotlib and seaborn unimportable (the
    module's build, whose blocker is proven to block), the export still writes every page, its index chart being the
    synthesis notebook's stored one."""
    assert {"index.html", "claims.html", "article.html", "codebook.html"} <= {p.name for p in site.glob("*.html")}
    assert "data:image/png;base64," in (site / "index.html").read_text(encoding="utf-8")


def test_jupyterlab_gets_the_site_font_for_every_chinese_character_of_the_notebooks(tmp_path, monkeypatch):
    """`make lab` (python -m helpers lab) writes a custom.css for JupyterLab with the site's font stack, and a font
    cut to every Chinese character of the notebooks and the everyday set, so JupyterLab needs no system font. (The
    cutting itself is the site's, proven by the site's font test; here it is watched, not repeated.)"""
    asked: set[str] = set()

    def cut(characters):
        asked.update(characters)
        return b"wOFF"

    monkeypatch.setattr(site_module, "font_subset", cut)
    css = site_module.write_lab_style(tmp_path)
    text = css.read_text(encoding="utf-8")
    assert f"unicode-range: {site_module.CJK_RANGES}" in text and 'url("fonts/cjk-subset.woff")' in text
    assert f"--jp-content-font-family: {site_module.FONT_STACK}" in text and "--jp-ui-font-family" in text
    assert (tmp_path / "fonts" / "cjk-subset.woff").read_bytes() == b"wOFF"
    used = {ch for path in notebook_paths() for ch in path.read_text(encoding="utf-8") if "\u4e00" <= ch <= "\u9fff"}
    assert used and used <= asked, sorted(used - asked)[:5]
    everyday = site_module._common_hanzi()
    assert len(everyday) == 3755 and set(everyday) <= asked


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    """05_water exported once for the module by `jupyter nbconvert --to report`, the exporter JupyterLab's File > Save
    and Export Notebook As > Report runs."""
    folder = tmp_path_factory.mktemp("report")
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "report", "--output-dir", str(folder),
         str(paths.NOTEBOOKS / "05_water.ipynb")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return folder / "05_water.html"


def test_jupyterlab_lists_the_report_exporter_and_it_keeps_the_work(tmp_path, report_page):
    """File > Save and Export Notebook As lists every exporter of the entry-point group nbconvert.exporters; ours
    writes one self-contained page: every chart with its stored alt text, code behind "Show code", no script and
    nothing from the network, the Chinese in a font embedded in the page."""
    from importlib.metadata import entry_points

    from fontTools.ttLib import TTFont
    from nbconvert.exporters import get_export_names, get_exporter

    from helpers.publish.export import ReportExporter

    assert "report" in {e.name for e in entry_points(group="nbconvert.exporters")} and "report" in get_export_names()
    assert get_exporter("report") is ReportExporter and ReportExporter.export_from_notebook == "Report HTML"
    page = report_page.read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find_all("script") and "No description has been provided" not in page
    assert not [t for t in soup.find_all(src=True) if not t["src"].startswith("data:")]
    assert not [t for t in soup.find_all("link", href=True) if t["href"].startswith(("http:", "https:", "//"))]
    notebook = json.loads((paths.NOTEBOOKS / "05_water.ipynb").read_text(encoding="utf-8"))
    outputs = [o for c in notebook["cells"] for o in c.get("outputs", [])]
    stored = [o["metadata"]["image/png"]["alt"] for o in outputs if "image/png" in o.get("data", {})]
    assert stored and [img["alt"] for img in soup.find_all("img")] == stored
    assert soup.find("input", id="show-code") is not None and soup.find(lang="zh") is not None
    font = re.search(r'url\("data:font/woff;base64,([A-Za-z0-9+/=]+)"\)', page)
    assert font, "the font is embedded"
    (tmp_path / "font.woff").write_bytes(base64.b64decode(font.group(1)))
    cmap = set(map(chr, TTFont(tmp_path / "font.woff").getBestCmap()))
    assert {ch for ch in soup.get_text() if "\u4e00" <= ch <= "\u9fff"} <= cmap


# --- 6. the Chinese edition -------------------------------------------------------------------------------------------

ZH_PAGES = tuple(f"zh/{name}" for name in OWN_PAGES)
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
LATIN = re.compile("[A-Za-z]")


@pytest.fixture(scope="module")
def zh_soups(site) -> dict[str, BeautifulSoup]:
    return {name: BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser") for name in ZH_PAGES}


def zh_text(text: str) -> str:
    return "".join(text.split())


def test_the_chinese_edition_has_every_own_page_in_chinese(zh_soups):
    """lang="zh-Hans", one <main>, the site's navigation, and Chinese characters at least 60% of the letters."""
    for name, soup in zh_soups.items():
        assert soup.find("html")["lang"] == "zh-Hans", name
        assert len(soup.find_all("main")) == 1 and soup.find("nav", class_="site") is not None, name
        body = soup.find("body").get_text()
        han, latin = len(HAN.findall(body)), len(LATIN.findall(body))
        assert han / (han + latin) >= 0.6, f"{name}: Chinese is {han / (han + latin):.0%} of the letters"


def test_hreflang_and_the_language_switch_run_both_ways(soups, zh_soups, site):
    for name in OWN_PAGES:
        english, chinese = soups[name], zh_soups[f"zh/{name}"]
        assert english.find("link", rel="alternate", hreflang="zh-Hans")["href"] == f"zh/{name}"
        assert chinese.find("link", rel="alternate", hreflang="en")["href"] == f"../{name}"
        assert english.find("a", class_="language", hreflang="zh-Hans")["href"] == f"zh/{name}"
        assert chinese.find("a", class_="language", hreflang="en")["href"] == f"../{name}"
    for page in notebook_paths():  # the notebooks' pages are English only; their switch opens the Chinese index
        switch = soups[page.stem + ".html"].find("a", class_="language")
        assert switch["href"] == "zh/index.html" and switch["lang"] == "zh-Hans"


def test_chinese_claims_page_gives_every_claim_its_anchor_verdicts_grade_and_sources(zh_soups):
    page = zh_soups["zh/claims.html"]
    ledger = helpers.ledger.data.load_claims().set_index("id", drop=False)
    grades = helpers.ledger.grades.load_grades().set_index("id")
    checks = load_checks()
    reports = helpers.ledger.data.load_reports()
    places = helpers.ledger.data.load_places().set_index("slug")
    for claim_id, row in ledger.iterrows():
        assert len(page.find_all(id=claim_id)) == 1, claim_id
        entry = page.find(id=claim_id)
        text = zh_text(entry.get_text())
        assert zh_text(row["quote"]) in text and zh_text(row["indicator_zh"]) in text, claim_id
        assert zh_text(row["period_label_zh"]) in text and zh_text(places.loc[row["geography"], "name_zh"]) in text
        grade = schema.GRADE[grades.loc[claim_id, "grade"]]
        shown = zh_text(entry.find("dd", class_=f"grade-{grade.code}").get_text())
        assert grade.words_zh in shown and zh_text(grades.loc[claim_id, "reason_zh"]) in shown, claim_id
        assert f"本等级不能说明{zh_text(grade.limit_zh)}。" in shown
        for check in (c for c in checks if claim_id in c.about):
            assert zh_text(f"{check.verdict_text_zh}{check.question_zh}{check.evidence_zh}") in text, check.id
        for report in reports[reports["claim"] == claim_id].itertuples():
            assert entry.find("a", href=report.url).get_text() == report.publisher_zh, report.id
            assert zh_text(report.excerpt) in text and schema.RELATIONS_ZH[report.relation][0] in text
        if row["note_zh"]:
            assert zh_text(row["note_zh"]) in text


def test_chinese_index_states_the_counts_from_the_ledger(zh_soups):
    findings = zh_text(zh_soups["zh/index.html"].find("ul", class_="findings").get_text())
    ledger, grades, checks = helpers.ledger.data.load_claims(), helpers.ledger.grades.load_grades(), load_checks()
    verdicts = Counter(c.verdict for c in checks)
    assert f"共{len(ledger)}项声明" in findings
    for grade in schema.GRADE_TABLE:
        assert f"{(grades['grade'] == grade.code).sum()}项{grade.words_zh}" in findings, grade.code
    assert f"共{len(checks)}项核查：{verdicts['consistent']}项相符，{verdicts['inconsistent']}项不符" in findings
    assert f"{verdicts['cannot be checked']}项因文章提供的信息太少而无法回答" in findings
    table = zh_soups["zh/index.html"].find("table", class_="grades")
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]
    assert [(r[0], int(r[1])) for r in rows] == [
        (g.words_zh, int((grades["grade"] == g.code).sum())) for g in schema.GRADE_TABLE
    ]


def test_chinese_article_marks_every_claim_with_its_chinese_grade(zh_soups):
    page = zh_soups["zh/article.html"]
    grades = helpers.ledger.grades.load_grades().set_index("id")
    marks = page.find_all("a", class_="claim")
    assert len(marks) == len(grades)
    for mark in marks:
        claim_id = mark["href"].removeprefix("claims.html#")
        assert schema.GRADE[grades.loc[claim_id, "grade"]].words_zh in mark["title"], claim_id
    assert page.find("article", class_="annotated").get_text().count("bet356体育在线") >= 1


def test_chinese_codebook_gives_every_grade_and_vocabulary(zh_soups):
    page = zh_soups["zh/codebook.html"]
    text, codes = zh_text(page.get_text()), {c.get_text() for c in page.find_all("code")}
    for grade in schema.GRADE_TABLE:
        assert grade.code in codes and zh_text(grade.meaning_zh) in text and zh_text(grade.limit_zh) in text
    for vocabulary in (schema.VERDICTS_ZH, schema.STATUSES_ZH, schema.ORIGINS_ZH, schema.NON_CLAIM_REASONS_ZH):
        for code, words in vocabulary.items():
            assert code in codes and zh_text(words) in text, code
    assert page.find("a", href="../codebook.html") is not None  # the whole codebook, in English


def test_chinese_claims_page_carries_a_claim_review_per_claim_in_chinese(zh_soups):
    blocks = zh_soups["zh/claims.html"].find("head").find_all("script", type="application/ld+json")
    reviews = [json.loads(b.string) for b in blocks]
    grades = helpers.ledger.grades.load_grades().set_index("id")
    assert sorted(r["url"].split("#")[1] for r in reviews) == sorted(helpers.ledger.data.load_claims()["id"])
    for review in reviews:
        claim_id = review["url"].split("#")[1]
        assert review["url"] == f"claims.html#{claim_id}" and review["inLanguage"] == "zh-Hans"
        assert review["reviewBody"] == grades.loc[claim_id, "reason_zh"]
        assert review["reviewRating"]["alternateName"] == schema.GRADE[grades.loc[claim_id, "grade"]].words_zh


def test_chinese_pages_load_nothing_and_every_link_resolves(zh_soups, site):
    """The same offline rules as the English pages, with links read from the zh/ folder."""
    cited = set()
    for path in paths.DATA.glob("*.csv"):
        cited |= set(re.findall(r"https?://[^\s\",]+", path.read_text(encoding="utf-8")))
    for name, soup in zh_soups.items():
        folder = (site / name).parent
        ids = {t["id"] for t in soup.find_all(id=True)}
        for tag in soup.find_all(True):
            for attribute in URL_ATTRIBUTES:
                value = tag.get(attribute)
                if not value:
                    continue
                if is_external(value):
                    assert (tag.name, attribute) == ("a", "href") and value in cited, f"{name}: {value}"
                    continue
                path, _, fragment = value.partition("#")
                target = (folder / path).resolve() if path else site / name
                assert target.is_file(), f"{name}: {value!r} points at no file"
                if fragment and not path:
                    assert fragment in ids, f"{name}: {value!r} points at no id"
        for block in soup.find_all("style"):
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", block.get_text()):
                assert (folder / url).resolve().is_file(), f"{name}: font {url} missing"


def test_every_chinese_character_of_the_edition_is_in_the_shipped_font(zh_soups, site):
    from fontTools.ttLib import TTFont

    cmap = set(map(chr, TTFont(site / "fonts" / "cjk-subset.woff").getBestCmap()))
    for name, soup in zh_soups.items():
        missing = {ch for ch in soup.get_text() if HAN.match(ch)} - cmap
        assert not missing, f"{name}: {sorted(missing)[:5]} not in the font"


def test_the_catalogue_translates_each_message_with_its_own_fields_and_markup():
    """A translation may leave a field out (the Chinese tip has no English translation) but never add one; it keeps
    the links of its English and adds no markup (it may drop a ``lang="zh"`` span, being Chinese throughout). A
    message the catalogue lacks stops the build, naming the catalogue."""
    from helpers import i18n

    tags = re.compile(r"</?([a-z]+)")
    messages = i18n.catalogue("zh")
    assert len(messages) > 150
    for english, chinese in messages.items():
        assert i18n.fields_of(chinese) <= i18n.fields_of(english), english
        ours, theirs = tags.findall(chinese), tags.findall(english)  # the links kept; no markup of its own
        assert set(ours) <= set(theirs) and ours.count("a") == theirs.count("a"), english
        # no English words are left in a translation: only fields, tags, file names and the names of standards
        left = re.sub(r"\{[^}]*\}|<[^>]*>|&\w+;|[\w/]+\.(csv|html|json)|ClaimReview|Frictionless", "", chinese)
        assert not LATIN.search(left), f"{english!r} is translated as {chinese!r}"
    with pytest.raises(i18n.MissingTranslation, match="site.po has no translation"):
        i18n.translator("zh")("A message nobody translated")


@pytest.mark.skipif(
    not (Path("/usr/bin/chromium").exists() and Path("/usr/bin/chromedriver").exists()), reason="needs Chromium"
)
def test_chromium_draws_the_chinese_of_every_kind_of_page_with_the_shipped_font(site, report_page, tmp_path):
    """Headless Chromium, DevTools CSS.getPlatformFontsForNode: every styling of Chinese text on the own pages of
    both editions, on notebook pages and in the Report exporter's single file is drawn by the shipped web font,
    never a system font. A page without the font's rules is caught, so the check can fail."""
    sys.path.insert(0, str(paths.ROOT / "tools"))
    try:
        from font_check import check
    finally:
        sys.path.pop(0)

    plain = tmp_path / "plain.html"
    plain.write_text('<!DOCTYPE html><html lang="zh-Hans"><body><p>饮水安全</p></body></html>', encoding="utf-8")
    pages = [*OWN_PAGES, *ZH_PAGES, "05_water.html", "14_synthesis.html"]
    exported, plain = str(report_page), str(plain)  # the Report exporter's page (JupyterLab's Export)
    found = check(site, [*pages, exported, plain], quiet=True)  # one browser; an absolute path is taken as it is
    for page in [*pages, exported]:
        assert found[page]["checked"] > 0 and not found[page]["tofu"], (page, found[page])
    assert found[plain]["tofu"]
