"""The site's own pages, rendered from data: findings first, the annotated article, a page per claim, the codebook.

Every text that comes from the data files is escaped with :func:`html.escape` where it enters the markup, and every
page passes the site's allow-list sanitiser afterwards (see :mod:`helpers.site`), so a hostile string in a data file
shows as text.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from . import data, schema, source
from .checks import load_checks
from .grades import load_grades

__all__ = [
    "GRADE_MARKS",
    "Chart",
    "index_body",
    "article_body_html",
    "claims_body",
    "claim_reviews",
    "claim_review_scripts",
    "codebook_body",
    "DOWNLOADS",
]

#: Each grade's mark in the annotated article (symbol and hover text) and its words for readers, from the one grade
#: table (helpers.schema.GRADE_TABLE).
GRADE_MARKS: dict[str, tuple[str, str]] = {g.code: (g.symbol, g.mark) for g in schema.GRADE_TABLE}
GRADE_WORDS = schema.GRADE_WORDS
#: The data files shipped under site/data/, with what each holds.
DOWNLOADS: tuple[tuple[str, str], ...] = (
    ("claims.csv", "the claim ledger: every figure with its verbatim quote and translation"),
    ("checks.csv", "every check: computed rules and pinned editorial judgements"),
    ("reports.csv", "other publications' statements of the figures, with verbatim excerpts"),
    ("searches.csv", "the search trail: every query run, with its outcome"),
    ("context.csv", "cited outside figures with full citations"),
    ("glossary.csv", "Chinese policy terms and their English renderings"),
    ("places.csv", "the places the figures apply to"),
    ("non_claims.csv", "every other number on the page, and why it is not a claim"),
)

e = html.escape


def _sector_pages() -> dict[str, tuple[str, str]]:
    return {s.slug: (f"{s.notebook}.html", f"{s.title} ({s.title_zh})") for s in schema.SECTORS}


def _grades() -> pd.DataFrame:
    ledger = data.load_claims().set_index("id", drop=False)
    grades = load_grades().set_index("id", drop=False)
    return grades.join(ledger[["sector", "as_written", "indicator", "quote_en", "period_label", "status"]])


@dataclass(frozen=True)
class Chart:
    """A chart already drawn by a notebook (its stored PNG output), for a page that must not draw: base64 PNG, alt
    text and design width."""

    png: str
    alt: str
    width: int
    narrow: dict | None = None  # the phone variant stored with it: png, width, height


def index_body(pages: list[tuple[str, str, str]], chart: Chart) -> str:
    """The index: what the check found, the headline chart (drawn by the synthesis notebook), then the notebooks and
    the data."""
    from .export import chart_picture

    grades = _grades()
    counts = Counter(grades["grade"])
    reports = data.load_reports()
    searches = data.load_searches()
    independent = reports[reports["relation"] != "copy"]
    found = independent["claim"].nunique()
    checks = load_checks()
    verdicts = Counter(c.verdict for c in checks)
    powerless = sum(c.powerless for c in checks)

    def claim_link(claim_id: str) -> str:
        row = grades.loc[claim_id]
        return f'<a href="claims.html#{e(claim_id)}">{e(row["as_written"])}</a> ({e(row["indicator"])})'

    items = []
    items.append(
        f"<li><strong>{len(grades)} claims</strong> in {grades['sector'].nunique()} sectors, each with its verbatim "
        f"quote; every other number on the page is accounted for as a non-claim.</li>"
    )
    items.append(
        "<li><strong>Grades:</strong> "
        + "; ".join(f"{counts[g]} {e(GRADE_WORDS[g])}" for g in schema.GRADES)
        + ". The rules are in the codebook.</li>"
    )
    items.append(
        f"<li><strong>{len(checks)} checks:</strong> {verdicts['consistent']} consistent, "
        f"{verdicts['inconsistent']} inconsistent, {verdicts['cannot be checked']} that the article gives too "
        f"little to answer. {powerless} of the consistent checks could not have failed, or show only that a policy "
        "standard is met; they are shown, but raise no grade.</li>"
    )

    def listed(title: str, rows: pd.DataFrame) -> str:
        return (
            f"<li><strong>{title}:</strong><ul>"
            + "".join(f"<li>{claim_link(i)}: {e(r)}</li>" for i, r in zip(rows["id"], rows["reason"]))
            + "</ul></li>"
        )

    problems = [g for g in schema.GRADE_TABLE if g.problem]
    for grade in problems:
        rows = grades[grades["grade"] == grade.code]
        if len(rows):
            items.append(listed(grade.heading, rows))
    if not grades["grade"].isin([g.code for g in problems]).any():
        items.append(
            "<li><strong>At odds with another figure:</strong> no claim, once each is read as its sources define "
            "it.</li>"
        )
    readings: dict[str, list[str]] = {}
    for c in checks:
        if c.power == "reading":
            for claim_id in c.about:
                readings.setdefault(claim_id, []).append(f"{c.question} {c.evidence_brief} ({c.verdict_text})")
    if readings:
        items.append(
            "<li><strong>The verdict turns on a reading:</strong><ul>"
            + "".join(
                f"<li>{claim_link(i)}: " + " ".join(e(t) for t in texts) + " The grade follows neither reading.</li>"
                for i, texts in readings.items()
            )
            + "</ul></li>"
        )
    same = independent[independent["relation"] == "same"]
    for own, words in ((True, "from the source's own media"), (False, "from publications independent of the source")):
        group = same[[schema.is_independent(o) != own for o in same["origin"]]]
        if not len(group):
            continue
        publishers = ", ".join(sorted(set(group["publisher"])))
        dates = ", ".join(sorted(set(group["published"])))
        shows = (
            "This dates them; it is the source repeating itself, not independent confirmation"
            if own
            else "Another outlet repeating a figure does not show that it is right"
        )
        items.append(
            f"<li><strong>The same figure {words}:</strong> {group['claim'].nunique()} claims, from "
            f"{e(publishers)} ({e(dates)}), which dates them {e(', '.join(sorted(set(group['period_stated']))))}: "
            + ", ".join(claim_link(i) for i in dict.fromkeys(group["claim"]))
            + f". {shows}.</li>"
        )
    items.append(
        f"<li><strong>Searches:</strong> {len(searches)} queries of stored Chinese news and government pages; "
        f"{found} of the {len(grades)} claims appear in another publication in some form, "
        f"{len(grades) - found} nowhere but in the article and its reprints.</li>"
    )
    findings = "<ul class=\"findings\">" + "".join(items) + "</ul>"
    notebooks = "".join(
        f'<li><a href="{e(href)}">{e(title)}</a><br><span class="summary">{e(summary)}</span></li>'
        for href, title, summary in pages
    )
    downloads = "".join(f'<li><a href="data/{e(name)}">{e(name)}</a>: {e(text)}</li>' for name, text in DOWNLOADS)
    card = source.source_card()
    return f"""
<h1>Kunming's poverty-alleviation results, checked</h1>
<p class="lede">Every figure of one article, checked: {e(card.publication_en)} ({e(card.publication)}),
{e(card.published[:10])}, {e(card.title_zh.replace(chr(10), ' / '))}. What the check found comes first; then the
<a href="article.html">article with every figure marked</a>, the <a href="claims.html">page of claims</a>, one page per
sector and the data.</p>
<h2 id="findings">What the check found</h2>
{findings}
<figure class="chart">{chart_picture(chart.png, {"width": chart.width, "narrow": chart.narrow}, chart.alt)}</figure>
<h2 id="pages">The notebooks</h2>
<ol class="pages">{notebooks}</ol>
<h2 id="data">The data</h2>
<p>The files behind every verdict, byte for byte as in the repository; the <a href="codebook.html">codebook</a>
describes every column.</p>
<ul class="downloads">{downloads}</ul>
"""


def _marks_for(text: str, offset: int, spans: list[tuple[int, int, str]]) -> str:
    """Escape ``text`` (a slice of the article that starts at ``offset``), wrapping the marked spans."""
    out, cursor = [], 0
    for start, end, markup in sorted(spans):
        if end <= offset or start >= offset + len(text):
            continue
        a, b = max(start - offset, 0), min(end - offset, len(text))
        if a < cursor:
            continue  # an overlapping mark: the first one wins
        out.append(e(text[cursor:a]))
        out.append(markup.replace("\x00", e(text[a:b])))
        cursor = b
    out.append(e(text[cursor:]))
    return "".join(out)


def article_body_html() -> str:
    """The full article body with its headings; every claimed figure marked by its grade and linked to its entry."""
    full = source.article_text()
    card = source.source_card()
    grades = _grades()
    spans: list[tuple[int, int, str]] = []
    for row in grades.itertuples():
        claim = data.claim(row.id)
        start = full.index(claim.quote) + claim.quote.index(claim.as_written)
        symbol, meaning = GRADE_MARKS[row.grade]
        tip = f"{claim.indicator}: {claim.quote_en}. Grade: {GRADE_WORDS[row.grade]}."
        spans.append(
            (
                start,
                start + len(claim.as_written),
                f'<a class="claim grade-{row.grade}" href="claims.html#{e(row.id)}" title="{e(tip)}" '
                f'data-tip="{e(tip)}">\x00<sup aria-hidden="true">{symbol}</sup></a>',
            )
        )
    for defect in card.defects:
        text = defect["text"]
        position = full.find(text)
        while position != -1:
            label = "injected spam" if defect["kind"] == "injected_spam" else f"typo for {defect.get('correct', '')}"
            spans.append(
                (
                    position,
                    position + len(text),
                    f'<mark class="defect" title="{e(label + ": " + defect["note"])}" '
                    f'data-tip="{e(label + ": " + defect["note"])}" tabindex="0">\x00'
                    f'<sup>[{e(label)}]</sup></mark>',
                )
            )
            position = full.find(text, position + 1)
    headings = {h["zh"]: h["en"] for h in card.headings}
    start = full.index(card.body_start)
    blocks = []
    body = full[start : full.index(card.body_end) + len(card.body_end)]
    image = re.compile(card.image_pattern)
    position = start
    for line in body.split("\n"):
        here = position
        position += len(line) + 1
        stripped = line.strip()
        if not stripped or image.match(stripped):
            continue
        if stripped in headings:
            blocks.append(
                f'<h2 lang="zh">{e(stripped)} <span class="en" lang="en">({e(headings[stripped])})</span></h2>'
            )
        else:
            blocks.append(f'<p lang="zh">{_marks_for(line, here, spans)}</p>')
    legend = "".join(
        f'<li><span class="claim grade-{g}">示例<sup aria-hidden="true">{s}</sup></span> '
        f"{e(GRADE_WORDS[g])}: {e(m)}</li>"
        for g, (s, m) in GRADE_MARKS.items()
    )
    return f"""
<h1>The article, with every figure marked</h1>
<p class="lede">{e(card.publication_en)} ({e(card.publication)}), {e(card.published[:10])}:
<span lang="zh">{e(card.title_zh.replace(chr(10), ' / '))}</span> ({e(card.title_en)}).
The body of the page as archived,
byte for byte; the site's navigation, share widget and footer around it are left out. Each figure links to its entry
on the <a href="claims.html">page of claims</a>; hover over it, or move to it with the keyboard, for its translation
and grade.</p>
<h2>How the figures are marked</h2>
<ul class="legend">{legend}
<li><mark class="defect">示例<sup>[defect]</sup></mark> a defect of the captured page (injected spam, a typo),
with the source card's note</li></ul>
<article class="annotated">
<h2 lang="zh">{e(card.title_zh.replace(chr(10), ' '))}</h2>
{"".join(blocks)}
</article>
"""


def claim_reviews(author: str) -> list[dict]:
    """One schema.org ``ClaimReview`` per claim, built from the ledger only: the claim in the article's words, its
    grade as a rating on :data:`~helpers.schema.RATING_SCALE`, and the article as the claim's first appearance. The
    review's date is the day of the ledger's latest search, so a rebuild of the same data gives the same markup."""
    grades = _grades()
    card = source.source_card()
    reviewed = max(data.load_searches()["searched"])
    article = {
        "@type": "NewsArticle",
        "headline": card.title_zh.replace("\n", " "),
        "alternativeHeadline": card.title_en,
        "inLanguage": "zh-Hans",
        "datePublished": card.published,
        "publisher": {"@type": "Organization", "name": card.publication, "alternateName": card.publication_en},
    }
    reviews = []
    for claim_id in data.load_claims()["id"]:
        claim = data.claim(claim_id)
        grade = grades.loc[claim_id]
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"claims.html#{claim_id}",
                "claimReviewed": claim.quote,
                "author": {"@type": "Organization", "name": author},
                "datePublished": reviewed,
                "reviewBody": grade["reason"],
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": schema.RATING_SCALE.index(grade["grade"]) + 1,
                    "worstRating": 1,
                    "bestRating": len(schema.RATING_SCALE),
                    "alternateName": GRADE_WORDS[grade["grade"]],
                    "ratingExplanation": f"This grade does not show {schema.GRADE_LIMITS[grade['grade']]}.",
                },
                "itemReviewed": {
                    "@type": "Claim",
                    "text": claim.quote,
                    "inLanguage": "zh-Hans",
                    "description": claim.quote_en,
                    "firstAppearance": article,
                    "appearance": article,
                },
            }
        )
    return reviews


def claim_review_scripts(author: str) -> str:
    """The reviews as JSON-LD blocks for the page head. ``<``, ``>`` and ``&`` are written as JSON escapes, so no text
    of the ledger can close the block or open markup, whatever it holds."""
    blocks = []
    for review in claim_reviews(author):
        text = json.dumps(review, ensure_ascii=False, indent=1)
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        blocks.append(f'<script type="application/ld+json">\n{text}\n</script>')
    return "\n".join(blocks)


def claims_body() -> str:
    """Every claim with its own anchor, grouped by sector: quote, translation, figure, grade, checks and reports."""
    grades = _grades()
    places = data.load_places().set_index("slug")
    checks = load_checks()
    reports = data.load_reports()
    pages = _sector_pages()
    sections = []
    toc = []
    for sector in schema.SECTORS:
        href, title = pages[sector.slug]
        toc.append(f'<li><a href="#sector-{sector.slug}">{e(title)}</a></li>')
        entries = []
        for claim_id in data.claims(sector.slug)["id"]:
            claim = data.claim(claim_id)
            grade = grades.loc[claim_id]
            symbol, meaning = GRADE_MARKS[grade["grade"]]
            mine = [c for c in checks if claim_id in c.about]
            check_items = (
                "".join(
                    f"<li><strong>{e(c.verdict_text)}</strong> {e(c.question)} "
                    f'<span class="evidence">{e(c.evidence)}</span></li>'
                    for c in mine
                )
                or "<li>No check bears on this claim.</li>"
            )
            own = reports[reports["claim"] == claim_id]
            report_items = (
                "".join(
                    f'<li><strong>{e(r.relation)}</strong>: {e(r.as_stated or "(no figure in the excerpt)")} in '
                    f'<a href="{e(r.url, quote=True)}">{e(r.publisher)}</a>, {e(r.published or "date not shown")} '
                    f'({e(r.period_stated)}) <q lang="zh">{e(r.excerpt)}</q></li>'
                    for r in own.itertuples()
                )
                or "<li>Searched for, and not found in any other publication.</li>"
            )
            entries.append(f"""
<article class="claim-entry" id="{e(claim_id)}">
<h3><span lang="zh">{e(claim.as_written)}</span> · {e(claim.indicator)}</h3>
<blockquote><p lang="zh">{e(claim.quote)}</p><p class="translation">{e(claim.quote_en)}</p></blockquote>
<dl>
<dt>Value</dt><dd>{e(format(claim, "en"))} ({e(claim.unit)}; {e(claim.kind)}, {e(claim.status)})</dd>
<dt>Period</dt><dd>{e(claim.period_label)} (<code>{e(claim.period)}</code>)</dd>
<dt>Where</dt><dd>{e(places.loc[claim.geography, "name_en"])}</dd>
<dt>Grade</dt><dd class="grade grade-{e(grade["grade"])}"><span aria-hidden="true">{symbol}</span>
<strong>{e(GRADE_WORDS[grade["grade"]])}</strong>: {e(grade["reason"])}
<span class="limit">This grade does not show {e(schema.GRADE_LIMITS[grade["grade"]])}.</span></dd>
{f'<dt>Note</dt><dd>{e(claim.note)}</dd>' if claim.note else ''}
</dl>
<h4>Checks on it</h4><ul>{check_items}</ul>
<h4>Reported elsewhere</h4><ul>{report_items}</ul>
<p class="links"><a href="{e(href)}">The {e(sector.title.lower())} page</a> ·
<a href="article.html">the article</a> · <code>{e(claim_id)}</code></p>
</article>""")
        sections.append(f'<section id="sector-{sector.slug}"><h2>{e(title)}</h2>{"".join(entries)}</section>')
    downloads = " · ".join(f'<a href="data/{e(name)}">{e(name)}</a>' for name, _ in DOWNLOADS)
    return f"""
<h1>The claims, one by one</h1>
<p class="lede">Every figure of the article, with its quote, translation, grade and the checks and reports that bear on
it. Link to a claim as <code>claims.html#&lt;claim id&gt;</code>. Data: {downloads}.</p>
<nav aria-label="Sectors"><ol class="toc">{"".join(toc)}</ol></nav>
{"".join(sections)}
"""


def codebook_body() -> str:
    """The codebook (data/README.md) as a page."""
    import mistune

    text = (data.data_dir() / "README.md").read_text(encoding="utf-8")
    renderer = mistune.create_markdown(escape=True, plugins=["table"])
    rendered = renderer(text)

    def anchor(match: re.Match) -> str:
        plain = re.sub(r"<[^>]+>", "", match.group(3))
        slug = re.sub(r"[^\w\- ]", "", html.unescape(plain).lower()).strip().replace(" ", "-")
        return f'<{match.group(1)} id="{slug}"{match.group(2)}>{match.group(3)}</{match.group(1)}>'

    rendered = re.sub(r"<(h[1-4])([^>]*)>(.*?)</\1>", anchor, rendered)
    return f'<article class="codebook">{rendered}</article>'
