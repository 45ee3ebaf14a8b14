"""The site's own pages, in English and in Chinese, rendered from data: findings first, the annotated article, a page
per claim, the codebook.

Python builds each page's context from the ledger; the Jinja2 templates in ``helpers/templates/site/`` write the
HTML, with autoescaping on, so every text from the data files is escaped where it enters the markup. The templates'
own words are messages of the gettext catalogue (:mod:`helpers.i18n`): the English pages say the message
ids, the Chinese edition (under ``zh/``) their translations. Every page then passes the site's allow-list sanitiser (see
:mod:`helpers.publish.site`), so a hostile string in a data file shows as text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd

from helpers.i18n import HTML_LANG, LANGUAGES, chinese_date, translator
from helpers.ledger import data, schema, source
from helpers.ledger.ledger import Ledger
from helpers.ledger.values import Value
from helpers.markup import chart_picture, environment

__all__ = [
    "GRADE_MARKS",
    "Chart",
    "EDITIONS",
    "OWN_PAGES",
    "own_page",
    "site_nav",
    "claim_reviews",
    "claim_review_scripts",
    "DOWNLOADS",
]

#: Each grade's mark in the annotated article (symbol and hover text) and its words for readers, from the one grade
#: table (helpers.ledger.schema.GRADE_TABLE).
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
    ("datapackage.json", "the files as a Frictionless data package: every column's type, constraints and meaning"),
)
#: The editions of the site's own pages: each language's folder under the site (the English one at its root).
EDITIONS: dict[str, str] = {"en": "", "zh": "zh/"}
#: The site's own pages, in the order of its navigation: file, the navigation's words and the page title's.
OWN_PAGES: tuple[tuple[str, str, str], ...] = (
    ("index.html", "[nav] Findings", "[title] Findings"),
    ("article.html", "[nav] The article", "[title] The article, marked"),
    ("claims.html", "[nav] Claims", "[title] Claims"),
    ("codebook.html", "[nav] Codebook", "[title] Codebook"),
)
#: Each language's name in its own words, for the switch between editions.
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "zh": "中文"}


@dataclass(frozen=True)
class Chart:
    """A chart already drawn by a notebook (its stored PNG output), for a page that must not draw: base64 PNG, alt
    text and design width."""

    png: str
    alt: str
    width: int
    narrow: dict | None = None  # the phone variant stored with it: png, width, height


# --- templates -------------------------------------------------------------------------------------------------------


def marked_translator(lang: str):
    """``t(message, **fields)`` for templates: the message in ``lang`` (its own markup kept), every field escaped
    unless it is markup built here."""
    from markupsafe import Markup, escape

    plain = translator(lang)

    def t(message: str, **fields) -> Markup:
        return Markup(plain(message, **{name: escape(value) for name, value in fields.items()}))

    return t


def own_page(name: str, lang: str, site_title: str, **context) -> str:
    """One of :data:`OWN_PAGES` in ``lang``, as a whole HTML document. ``context`` holds what :func:`_contexts` needs:
    ``pages`` (the notebooks' file, title and summary) and ``chart`` (the index's headline chart)."""
    t = marked_translator(lang)
    others = [other for other in LANGUAGES if other != lang]
    up = "../" if EDITIONS[lang] else ""
    twin = {other: up + EDITIONS[other] + name for other in LANGUAGES if other != lang}
    title = next(title for file, _, title in OWN_PAGES if file == name)
    page = _CONTEXTS[name](lang, t, **context)
    # the claims page carries its reviews as JSON-LD in the head, outside the sanitised <main>
    head = claim_review_scripts(translator(lang)(site_title), lang) if name == "claims.html" else ""
    return (
        environment()
        .get_template(name + ".j2")
        .render(
            t=t,
            lang=lang,
            html_lang=HTML_LANG[lang],
            root=up,
            title=t(title),
            site_title=t(site_title),
            nav=[(file, words) for file, words, _ in OWN_PAGES],
            current=name,
            alternates=[{"hreflang": HTML_LANG[other], "href": twin[other]} for other in others],
            switch={"href": twin[others[0]], "hreflang": HTML_LANG[others[0]], "name": LANGUAGE_NAMES[others[0]]},
            head=_markup(head),
            card=source.source_card(),
            published=_date(source.source_card().published[:10], lang),
            article_title=source.source_card().title_zh.replace("\n", " / "),
            **page,
        )
    )


def site_nav(current: str = "") -> str:
    """The navigation of an English notebook page: the site's own pages, and the switch to the Chinese edition."""
    return (
        environment()
        .get_template("nav.html.j2")
        .render(
            t=marked_translator("en"),
            nav=[(file, words) for file, words, _ in OWN_PAGES],
            current=current,
            switch={"href": EDITIONS["zh"] + "index.html", "hreflang": HTML_LANG["zh"], "name": LANGUAGE_NAMES["zh"]},
        )
    )


def _date(day: str, lang: str) -> str:
    return chinese_date(day) if lang == "zh" and day else day


# --- the ledger as pages read it ----------------------------------------------------------------------------------


def _grades() -> pd.DataFrame:
    ledger = Ledger.load()
    claims = ledger.claims.set_index("id", drop=False)
    grades = ledger.grades.set_index("id", drop=False)
    return grades.join(claims[["sector", "as_written", "indicator", "indicator_zh", "quote_en", "status"]])


def _claim(row, lang: str) -> dict:
    """What a link to a claim shows: its id, its words in the article, its indicator and its grade's reason."""
    zh = lang == "zh"
    return {
        "id": row["id"],
        "as_written": row["as_written"],
        "indicator": row["indicator_zh"] if zh else row["indicator"],
        "reason": row["reason_zh"] if zh else row["reason"],
    }


def _index(lang: str, t, pages: list[tuple[str, str, str]], chart: Chart | None, **_) -> dict:
    """The index: what the check found, the headline chart (drawn by the synthesis notebook) or its table, then the
    notebooks and the data."""
    zh = lang == "zh"
    ledger = Ledger.load()
    tally = ledger.tally()
    grades = _grades()
    checks = ledger.checks
    problems = []
    for grade in (g for g in schema.GRADE_TABLE if g.problem):
        rows = grades[grades["grade"] == grade.code]
        if len(rows):
            problems.append((grade.text("heading", lang), [_claim(r, lang) for _, r in rows.iterrows()]))
    readings: dict[str, dict] = {}
    for c in checks:
        if c.power == "reading":
            for claim_id in c.about:
                entry = readings.setdefault(claim_id, _claim(grades.loc[claim_id], lang) | {"readings": []})
                entry["readings"].append(
                    t(
                        "{question} {evidence} ({verdict}) ",
                        question=c.question_zh if zh else c.question,
                        evidence=c.evidence_brief_zh if zh else c.evidence_brief,
                        verdict=c.verdict_text_zh if zh else c.verdict_text,
                    )
                )
    said = list(ledger.reported.values())
    groups = []
    for own in (True, False):
        group = pd.concat([s.same_own if own else s.same_independent for s in said]).sort_index()
        if not len(group):
            continue
        publishers = group["publisher_zh" if zh else "publisher"]
        periods = group["period_stated_zh" if zh else "period_stated"]
        groups.append(
            {
                "own": own,
                "n_claims": group["claim"].nunique(),
                "publishers": t(", ").join(sorted(set(publishers))),
                "dates": t(", ").join(_date(d, lang) for d in sorted(set(group["published"]))),
                "periods": t(", ").join(sorted(set(periods))),
                "claims": [_claim(grades.loc[i], lang) for i in dict.fromkeys(group["claim"])],
            }
        )
    up = "../" if EDITIONS[lang] else ""
    listed = [
        {
            # a notebook's title is "English · 中文": the Chinese edition names it by its Chinese part
            "title": title.rsplit(" · ", 1)[-1] if zh else title,
            "href": up + href,
            "summary": "" if zh else summary,
            "hreflang": "en" if zh else "",
        }
        for href, title, summary in pages
    ]
    total = tally.claims
    return {
        "n_claims": total,
        "n_sectors": tally.sectors,
        "grade_counts": [(getattr(tally.grades, g.code), g.text("words", lang)) for g in schema.GRADE_TABLE],
        "n_checks": tally.checks,
        "verdicts": {"consistent": tally.consistent, "inconsistent": tally.inconsistent, "open": tally.open},
        "powerless": tally.powerless,
        "problems": problems,
        "readings": list(readings.values()),
        "same": groups,
        "n_searches": tally.elsewhere.searches,
        "n_found": tally.elsewhere.found,
        "n_unfound": tally.elsewhere.not_found,
        # the English index shows the synthesis's stored chart; the Chinese one the same counts as a table, since the
        # chart's words are English
        "chart": None
        if zh or chart is None
        else _markup(chart_picture(chart.png, {"width": chart.width, "narrow": chart.narrow}, chart.alt)),
        "share": lambda count: t("{share}%", share=f"{100 * count / total:.1f}"),
        "pages": listed,
        "notebooks_note": "The notebooks are in English; each link opens the English page." if zh else "",
        "downloads": DOWNLOADS,
    }


def _markup(text: str):
    from markupsafe import Markup

    return Markup(text)


def _marks_for(text: str, offset: int, spans: list[tuple[int, int, str]]) -> str:
    """Escape ``text`` (a slice of the article that starts at ``offset``), wrapping the marked spans."""
    e = html.escape
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


def _article(lang: str, t, **_) -> dict:
    """The full article body with its headings; every claimed figure marked by its grade and linked to its entry."""
    zh = lang == "zh"
    marks = environment().get_template("marks.html.j2").module  # the two marks, as macros
    full = source.article_text()
    card = source.source_card()
    spans: list[tuple[int, int, str]] = []
    for row in _grades().itertuples():
        claim = data.claim(row.id)
        start = full.index(claim.quote) + claim.quote.index(claim.as_written)
        grade = schema.GRADE[row.grade]
        tip = t(
            "{indicator}: {translation}. Grade: {words}.",
            indicator=claim.indicator_zh if zh else claim.indicator,
            translation=claim.quote_en,
            words=grade.text("words", lang),
        )
        markup = str(marks.claim(row.grade, row.id, html.unescape(tip), grade.symbol)).replace("&#0;", "\x00")
        spans.append((start, start + len(claim.as_written), markup))
    for defect in card.defects:
        label = t("injected spam") if defect["kind"] == "injected_spam" else t("typo for {correct}", **defect)
        tip = t("{label}: {note}", label=label, note=defect["note_zh" if zh else "note"])
        markup = str(marks.defect(html.unescape(tip), html.unescape(label))).replace("&#0;", "\x00")
        position = full.find(defect["text"])
        while position != -1:
            spans.append((position, position + len(defect["text"]), markup))
            position = full.find(defect["text"], position + 1)
    headings = {h["zh"]: h["en"] for h in card.headings}
    start = full.index(card.body_start)
    body = full[start : full.index(card.body_end) + len(card.body_end)]
    image = re.compile(card.image_pattern)
    blocks, position = [], start
    for line in body.split("\n"):
        here = position
        position += len(line) + 1
        stripped = line.strip()
        if not stripped or image.match(stripped):
            continue
        if stripped in headings:
            blocks.append({"heading": stripped, "heading_en": "" if zh else headings[stripped]})
        else:
            blocks.append({"heading": "", "html": _markup(_marks_for(line, here, spans))})
    legend = [
        {"code": g.code, "symbol": g.symbol, "words": g.text("words", lang), "mark": g.text("mark", lang)}
        for g in schema.GRADE_TABLE
    ]
    return {"blocks": blocks, "legend": legend}


def _value(claim, lang: str, t) -> str:
    """A claim's figure as the claims page states it: in English the reader's form with unit, kind and status codes;
    in Chinese the figure written the Chinese way (万, 亿) with its unit and what kind of statement it is."""
    if lang != "zh":
        return f"{format(claim, 'en')} ({claim.unit}; {claim.kind}, {claim.status})"
    return t("{value} ({status})", value=Value.zh(claim), status=t("[status] " + claim.status))


def _claims(lang: str, t, **_) -> dict:
    """Every claim with its own anchor, grouped by sector: quote, translation, figure, grade, checks and reports."""
    zh = lang == "zh"
    ledger = Ledger.load()
    grades = _grades()
    places = ledger.places.set_index("slug")
    checks = ledger.checks
    reports = ledger.reports
    rows = ledger.claims.set_index("id")
    up = "../" if EDITIONS[lang] else ""
    sections = []
    for sector in schema.SECTORS:
        claims = []
        for claim_id in ledger.claim_ids(sector.slug):
            claim = data.claim(claim_id)
            grade, code = grades.loc[claim_id], grades.loc[claim_id, "grade"]
            own = reports[reports["claim"] == claim_id]
            claims.append(
                {
                    "id": claim_id,
                    "as_written": claim.as_written,
                    "indicator": claim.indicator_zh if zh else claim.indicator,
                    "quote": claim.quote,
                    "quote_en": "" if zh else claim.quote_en,
                    "value": _value(claim, lang, t),
                    "period_label": rows.loc[claim_id, "period_label_zh" if zh else "period_label"],
                    "period": claim.period,
                    "place": places.loc[claim.geography, "name_zh" if zh else "name_en"],
                    "grade": {
                        "code": code,
                        "symbol": schema.GRADE[code].symbol,
                        "words": schema.GRADE[code].text("words", lang),
                        "reason": grade["reason_zh" if zh else "reason"],
                        "limit": schema.GRADE[code].text("limit", lang),
                    },
                    "note": rows.loc[claim_id, "note_zh" if zh else "note"],
                    "checks": [
                        {
                            "verdict": c.verdict_text_zh if zh else c.verdict_text,
                            "question": c.question_zh if zh else c.question,
                            "evidence": c.evidence_zh if zh else c.evidence,
                        }
                        for c in checks
                        if claim_id in c.about
                    ],
                    "reports": [
                        {
                            "relation": schema.RELATIONS_ZH[r.relation][0] if zh else r.relation,
                            "stated": r.as_stated or t("(no figure in the excerpt)"),
                            "url": r.url,
                            "publisher": r.publisher_zh if zh else r.publisher,
                            "published": _date(r.published, lang) or t("date not shown"),
                            "period": r.period_stated_zh if zh else r.period_stated,
                            "excerpt": r.excerpt,
                        }
                        for r in own.itertuples()
                    ],
                    "show_id": not zh,
                }
            )
        sections.append(
            {
                "slug": sector.slug,
                "title": sector.title_zh if zh else f"{sector.title} ({sector.title_zh})",
                "href": f"{up}{sector.notebook}.html",
                "sector_words": sector.title_zh if zh else sector.title.lower(),
                "claims": claims,
            }
        )
    return {"sections": sections, "downloads": [name for name, _ in DOWNLOADS]}


#: The vocabularies of the Chinese codebook after the grades: anchor, title, column headings after "Code", rows (code
#: first) and an introduction ("" for none). Each vocabulary is defined once, in helpers.ledger.schema,
#: beside its English.
_VOCABULARIES: tuple[tuple[str, str, tuple[str, ...], object, str], ...] = (
    (
        "verdicts",
        "Verdicts of checks",
        ("Verdict",),
        lambda t: schema.VERDICTS_ZH.items(),
        "What a check found. A check's power says whether a consistent result can raise a grade.",
    ),
    ("powers", "What a check can show", ("Meaning",), lambda t: schema.POWERS_ZH.items(), ""),
    (
        "relations",
        "Reports elsewhere: relation to the claim",
        ("Word", "Meaning"),
        lambda t: ((code, *words) for code, words in schema.RELATIONS_ZH.items()),
        "",
    ),
    (
        "origins",
        "Reports elsewhere: who speaks",
        ("Who", "Independent of the source"),
        lambda t: ((c, w, t("yes") if schema.is_independent(c) else t("no")) for c, w in schema.ORIGINS_ZH.items()),
        "A report from the source or its own media can date a figure, but never corroborates it; only an independent "
        "report can.",
    ),
    ("statuses", "What kind of statement", ("Meaning",), lambda t: schema.STATUSES_ZH.items(), ""),
    ("kinds", "How the figure is written", ("Meaning",), lambda t: schema.KINDS_ZH.items(), ""),
    (
        "qualifiers",
        "Qualifiers",
        ("Word", "Meaning"),
        lambda t: ((code, word or "—", meaning) for code, (word, meaning) in schema.QUALIFIERS_ZH.items()),
        "",
    ),
    ("periods", "How a period was found", ("Meaning",), lambda t: schema.PERIOD_BASES_ZH.items(), ""),
    (
        "units",
        "Units",
        ("Word", "Meaning"),
        lambda t: ((code, word, meaning) for code, (word, meaning) in schema.UNITS_ZH.items() if meaning),
        "",
    ),
    (
        "non-claims",
        "Numbers that are not claims",
        ("Reason",),
        lambda t: schema.NON_CLAIM_REASONS_ZH.items(),
        "Every other number on the page is listed in non_claims.csv, with one of these reasons.",
    ),
    ("files", "The data files", ("What it holds",), lambda t: ((name, t(text)) for name, text in DOWNLOADS), ""),
)


def _codebook(lang: str, t, **_) -> dict:
    """English: the codebook (data/README.md) whole. Chinese: its reader-facing parts, from the vocabularies that
    helpers.ledger.schema defines beside their English."""
    if lang != "zh":
        return {"readme": _markup(_readme_html()), "sections": [], "other_codebook": ""}
    grades = {
        "id": "grades",
        "title": t("Grades"),
        "intro": t(
            "Every claim has one grade, derived from the checks and the reports elsewhere, never typed by hand. "
            "The rules below are applied in order, and the first that applies decides. The rating is the grade's "
            "place on the ClaimReview scale of the claims page, from 1 (worst) to {best}; a higher rating means "
            "that more bears the figure out, and no rating says a figure is true.",
            best=len(schema.RATING_SCALE),
        ),
        "steps": [t("[rule] " + g.code) for g in schema.GRADE_TABLE],
        "columns": [t("Code"), t("Grade"), t("What it shows"), t("What it does not show"), t("Rating")],
        "rows": [
            (g.code, g.words_zh, g.meaning_zh, t("This grade does not show {limit}.", limit=g.limit_zh), g.rating)
            for g in schema.GRADE_TABLE
        ],
    }
    vocabularies = [
        {
            "id": anchor,
            "title": t(title),
            "intro": t(intro) if intro else "",
            "columns": [t("File" if anchor == "files" else "Code"), *map(t, columns)],
            "rows": list(rows(t)),
        }
        for anchor, title, columns, rows, intro in _VOCABULARIES
    ]
    return {"readme": "", "sections": [grades, *vocabularies], "other_codebook": "../codebook.html"}


def _readme_html() -> str:
    """The codebook (data/README.md) as HTML, each heading with an anchor."""
    import mistune

    text = (data.data_dir() / "README.md").read_text(encoding="utf-8")
    rendered = mistune.create_markdown(escape=True, plugins=["table"])(text)

    def anchor(match: re.Match) -> str:
        plain = re.sub(r"<[^>]+>", "", match.group(3))
        slug = re.sub(r"[^\w\- ]", "", html.unescape(plain).lower()).strip().replace(" ", "-")
        return f'<{match.group(1)} id="{slug}"{match.group(2)}>{match.group(3)}</{match.group(1)}>'

    return re.sub(r"<(h[1-4])([^>]*)>(.*?)</\1>", anchor, rendered)


_CONTEXTS = {"index.html": _index, "article.html": _article, "claims.html": _claims, "codebook.html": _codebook}


# --- ClaimReview ------------------------------------------------------------------------------------------------------


def claim_reviews(author: str, lang: str = "en") -> list[dict]:
    """One schema.org ``ClaimReview`` per claim, built from the ledger only: the claim in the article's words, its
    grade as a rating on :data:`~helpers.ledger.schema.RATING_SCALE`, and the article as the claim's first appearance.
    The review's date is the day of the ledger's latest search, so a rebuild of the same data gives the same markup.
    ``lang`` is the language of the review (its body, rating words and ``inLanguage``); the claim stays in Chinese."""
    zh = lang == "zh"
    plain = translator(lang)
    grades = _grades()
    card = source.source_card()
    ledger = Ledger.load()
    reviewed = max(ledger.searches["searched"])
    article = {
        "@type": "NewsArticle",
        "headline": card.title_zh.replace("\n", " "),
        "alternativeHeadline": card.title_en,
        "inLanguage": "zh-Hans",
        "datePublished": card.published,
        "publisher": {"@type": "Organization", "name": card.publication, "alternateName": card.publication_en},
    }
    reviews = []
    for claim_id in ledger.claim_ids():
        claim = data.claim(claim_id)
        grade = grades.loc[claim_id]
        code = grade["grade"]
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"claims.html#{claim_id}",
                "inLanguage": HTML_LANG[lang],
                "claimReviewed": claim.quote,
                "author": {"@type": "Organization", "name": author},
                "datePublished": reviewed,
                "reviewBody": grade["reason_zh" if zh else "reason"],
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": schema.RATING_SCALE.index(code) + 1,
                    "worstRating": 1,
                    "bestRating": len(schema.RATING_SCALE),
                    "alternateName": schema.GRADE[code].text("words", lang),
                    "ratingExplanation": plain(
                        "This grade does not show {limit}.", limit=schema.GRADE[code].text("limit", lang)
                    ),
                },
                "itemReviewed": {
                    "@type": "Claim",
                    "text": claim.quote,
                    "inLanguage": "zh-Hans",
                    "description": claim.indicator_zh if zh else claim.quote_en,
                    "firstAppearance": article,
                    "appearance": article,
                },
            }
        )
    return reviews


def claim_review_scripts(author: str, lang: str = "en") -> str:
    """The reviews as JSON-LD blocks for the page head (``templates/site/reviews.html.j2``). Jinja's ``tojson`` writes
    ``<``, ``>``, ``&`` and ``'`` as JSON escapes, so no text of the ledger can close a block or open markup."""
    page = environment().get_template("reviews.html.j2").render(reviews=claim_reviews(author, lang))
    return page.removesuffix("\n")
