"""The codebook in code: controlled vocabularies and the columns of every data file.

``data/README.md`` documents the same rules for people; this module is what enforces them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from .numbers import QUALIFIERS

__all__ = [
    "Sector",
    "SECTORS",
    "SECTOR_SLUGS",
    "UNITS",
    "UNIT_WORDS",
    "KINDS",
    "STATUSES",
    "QUALIFIERS",
    "NON_CLAIM_REASONS",
    "RENDERINGS",
    "RELIABILITIES",
    "SCOPES",
    "PLACE_KINDS",
    "RELATIONS",
    "ORIGINS",
    "OUTCOMES",
    "RULES",
    "VERDICTS",
    "Grade",
    "GRADE_TABLE",
    "GRADE",
    "GRADES",
    "GRADE_WORDS",
    "GRADE_LIMITS",
    "PERIOD_BASES",
    "RATING_SCALE",
    "POWERS",
    "POWERLESS_SHARE",
    "SOURCE_OWN_ORIGINS",
    "is_independent",
    "PUBLISHED",
    "Column",
    "TableSpec",
    "PLACES",
    "CLAIMS",
    "NON_CLAIMS",
    "GLOSSARY",
    "CONTEXT",
    "CHECKS",
    "SEARCHES",
    "REPORTS",
    "Period",
    "parse_period",
]


class Sector(NamedTuple):
    slug: str
    title: str
    title_zh: str
    notebook: str


#: The article's sectors in reading order, each with the notebook that covers it.
SECTORS: tuple[Sector, ...] = (
    Sector("overview", "The headline result", "总体成效", "00_overview"),
    Sector("education", "Education", "教育扶贫", "01_education"),
    Sector("health", "Health", "健康扶贫", "02_health"),
    Sector("social_assistance", "Social assistance (dibao)", "社会救助兜底", "03_social_assistance"),
    Sector("housing", "Housing safety", "住房安全", "04_housing"),
    Sector("water", "Drinking water", "饮水安全", "05_water"),
    Sector("electricity", "Electricity", "电力", "06_electricity"),
    Sector("roads", "Roads", "交通", "07_roads"),
    Sector("internet", "Internet", "互联网", "08_internet"),
    Sector("relocation", "Relocation", "易地扶贫搬迁", "09_relocation"),
    Sector("industry", "Industry", "产业扶贫", "10_industry"),
    Sector("ecology", "Ecology", "生态扶贫", "11_ecology"),
    Sector("consumption", "Consumption and e-commerce", "消费扶贫", "12_consumption"),
    Sector("employment", "Employment", "就业扶贫", "13_employment"),
)
SECTOR_SLUGS = tuple(s.slug for s in SECTORS)
#: Notebooks after the sector notebooks: (notebook, title, Chinese title).
CLOSING_NOTEBOOKS: tuple[tuple[str, str, str], ...] = (("14_synthesis", "The whole picture", "全景"),)

#: Unit → one-line definition. Values in data files are in these base units.
UNITS: dict[str, str] = {
    "people": "persons (人, 名)",
    "households": "households (户)",
    "person-times": "person-times (人次): a person counted once per occasion",
    "yuan": "Chinese yuan (元, RMB), nominal",
    "yuan/person/year": "yuan per person per year",
    "yuan/household": "yuan per household (time basis as the article states it)",
    "percent": "percentage points on a 0–100 scale",
    "km": "kilometres (公里, 千米)",
    "m3": "cubic metres (立方米)",
    "mu": "mu (亩) = 1/15 hectare ≈ 666.7 m²",
    "tonnes": "metric tonnes (吨)",
    "MW": "megawatts of installed capacity",
    "kVA/household": "kilovolt-amperes (千伏安) of distribution transformer capacity per household",
    "villages": "villages (村, 建制村 or 自然村 as the indicator says)",
    "counties": "counties or county-level districts (县, 区)",
    "projects": "projects or works (项目, 工程 件)",
    "sets": "sets of equipment (套)",
    "devices": "individual devices (台)",
    "facilities": "built facilities (座)",
    "stations": "stations (站, 座)",
    "sites": "sites (点, 区)",
    "enterprises": "enterprises (企业)",
    "cooperatives": "cooperatives (合作社)",
    "workshops": "workshops (车间)",
    "sessions": "training sessions (期)",
    "diseases": "kinds of disease (种)",
    "categories": "categories (类)",
    "indicators": "indicators (项)",
    "tiers": "administrative tiers (级)",
    "stores": "retail stores (门店)",
    "year": "a calendar year",
    "litres/person/day": "litres of water per person per day",
}

#: Unit words that pin a figure's unit down; used to cross-check ``as_written`` against ``unit``.
UNIT_WORDS: dict[str, frozenset[str]] = {
    "户": frozenset({"households"}),
    "人": frozenset({"people"}),
    "名": frozenset({"people"}),
    "人次": frozenset({"person-times"}),
    "元": frozenset({"yuan", "yuan/household"}),
    "元/人": frozenset({"yuan/person/year"}),
    "亿": frozenset({"yuan"}),
    "公里": frozenset({"km"}),
    "千米": frozenset({"km"}),
    "亩": frozenset({"mu"}),
    "吨": frozenset({"tonnes"}),
    "MW": frozenset({"MW"}),
    "千伏安": frozenset({"kVA/household"}),
    "立方米": frozenset({"m3"}),
}

#: How a claim states its figure.
KINDS: dict[str, str] = {
    "figure": "a figure written in Arabic digits",
    "chinese_numeral": "a count written in Chinese numerals (四类, 三个)",
    "word": "a word claim that amounts to a figure (全面清零 = 0, 全覆盖 = 100 percent)",
}

#: What kind of statement a claim is; see the codebook. Code reads it to decide what may be added or charted.
STATUSES: dict[str, str] = {
    "result": "an achieved result over a reporting window (a flow: 累计完成, 实施, 发放 …)",
    "level": "a stock, count or rate standing at a point in time (有, 达, 为, 实现了 …)",
    "plan": "something announced for after publication (接下来将有 …)",
    "slogan": "a policy slogan that the ledger reads as a figure (住人无危房)",
}

NON_CLAIM_REASONS: dict[str, str] = {
    "publication_timestamp": "the date and time the page was published",
    "image_filename": "the file name of a photo",
    "footer": "site footer text",
    "hotline": "a telephone hotline",
    "registration_number": "a website registration or identification number",
    "injected_spam": "text injected into the page by spam, not by the publisher",
    "site_boilerplate": "site navigation or badges",
    "date_of_claim": "a year or date that only dates another claim",
    "duration_of_claim": "a duration that only frames another claim",
    "geography_reference": "a count that only names where another claim applies",
    "programme_name": "the name of a policy or programme that contains a numeral",
    "term_numeral": (
        "a numeral that is part of a fixed term (县乡村三级, 四类慢病, 四项指标), not a count the article reports"
    ),
}

RENDERINGS = ("sourced", "plain_translation")
RELIABILITIES = ("high", "medium", "low")
#: Scopes of context figures: the id prefix and what it covers.
SCOPES: dict[str, str] = {"cn": "China", "yn": "Yunnan Province", "km": "Kunming and its counties and districts"}
#: Kinds of place in places.csv.
PLACE_KINDS = ("country", "province", "prefecture", "city", "district", "county", "group", "other")
#: How a report elsewhere relates to a claim.
RELATIONS: dict[str, str] = {
    "same": "the same figure for the same thing",
    "different": "another figure for the same thing",
    "related": "the same topic, but another scope, period or measure",
    "copy": "a reprint of this article, not an independent report",
}
#: Who speaks in a report: how independent it is of the article's own source.
ORIGINS: dict[str, str] = {
    "kunming_government": (
        "the Kunming government itself: a press conference, an official, a department, its yearbook or an official "
        "account (the article's own source)"
    ),
    "kunming_media": (
        "Kunming's own party media (昆明日报, 昆明信息港) reporting the city's figures without naming a speaker"
    ),
    "article_outlet": (
        "the article's own outlet (云南日报, Yunnan Daily) in another article: the publisher repeating the city's "
        "figures, not an independent report"
    ),
    "yunnan_government": "the Yunnan provincial government or one of its departments",
    "other_media": "a news outlet outside Kunming reporting the figure without naming a government speaker",
    "copy": "a reprint of the article",
}
#: Origins that are the article's own source or speak for it (the city government, its party media, and the
#: article's own outlet). A report
#: from one of them repeats the source: it can date a figure, but it never corroborates it. The project's one rule
#: for independence is :func:`is_independent`; grades, counts, notebooks and pages all use it.
SOURCE_OWN_ORIGINS: tuple[str, ...] = ("kunming_government", "kunming_media", "article_outlet")


def is_independent(origin: str) -> bool:
    """Whether a report of this origin can corroborate a claim: not a copy, and not the source's own."""
    return origin != "copy" and origin not in SOURCE_OWN_ORIGINS


OUTCOMES = ("found", "nothing", "only copies")
#: Check rules; see the codebook for what a, b and c mean under each.
RULES: dict[str, str] = {
    "at_most": "a is no larger than b (a part within its whole, a count within its base)",
    "at_least": "a is no smaller than b",
    "above": "a is above b (a rate or level against a reference)",
    "below": "a is below b",
    "level": "a equals b within the tolerance c (in a's unit), stated with its reason",
    "overlap": "the counts a and b fit within the base c; a + b beyond c is the overlap they imply",
    "before": "the date a comes before (or on) the date b",
    "between": "a lies between b and c (a plausible range, with its source)",
    "union": (
        "the counts a and b can together cover c: c is at least the larger of them and at most their sum; "
        "a + b − c is the overlap it implies"
    ),
    "judged": "an editorial judgement: verdict and reason stored, pinned to the premises it rests on",
}
#: The verdicts a check can reach, with how they show in tables.
VERDICTS: dict[str, str] = {
    "consistent": "✔ consistent",
    "inconsistent": "✘ inconsistent",
    "cannot be checked": "? cannot be checked",
}
#: What a consistent result of a computed check can show (``checks.csv``, column ``power``). Only a ``test`` raises a
#: grade; the text of the others is appended to the check's evidence, so every reader sees why it does not.
POWERS: dict[str, str] = {
    "test": "the check could fail at figures the article might have printed",
    "cannot_fail": (
        "This check cannot fail, given the figures' ranges (a part against a whole many times its size, a count "
        "against itself, or a word read as 100%), so it does not raise the grade."
    ),
    "reading": (
        "This check holds or fails on one reading of the article's words, and no source settles the reading, so its "
        "result neither raises nor lowers the grade."
    ),
    "standard": (
        "Meeting a policy standard shows the figure meets it as reported, not that the figure is right, so this "
        "check does not raise the grade."
    ),
}
#: An ``at_most`` check whose part is under this share of its whole cannot fail at any figure the article could
#: print; the data must say so (``power`` = ``cannot_fail``), and must not say so of a tighter bound.
POWERLESS_SHARE = 0.2


class Grade(NamedTuple):
    """One verifiability grade: the one place where a grade is defined. Everything that names, counts, marks, colours
    or rates a grade (the rules in helpers.grades, the notebooks, the site, the ClaimReview markup) reads it here."""

    code: str
    meaning: str  # what it shows (the codebook and the synthesis)
    limit: str  # what it does not show, after "This grade does not show …"
    words: str  # the grade for readers, after a count: "5 in line with a cited outside figure"
    symbol: str  # its mark in the annotated article, so that colour is never the only cue
    mark: str  # the mark's hover text and legend
    role: str  # its colour role in charts and on the site (helpers.charts.ROLES)
    line: str  # the CSS line under a marked figure
    rating: int  # its place on the ClaimReview scale, 1 (worst) to 7
    problem: bool = False  # a problem with the claim: listed first, counted by GradeCounts.problems
    heading: str = ""  # the index's heading for the claims of a problem grade


#: The grades, strongest problem first (the order of the rules that derive them; the codebook gives them too).
GRADE_TABLE: tuple[Grade, ...] = (
    Grade(
        "inconsistent",
        "at odds with another figure of the article or with a cited outside figure (a check says how)",
        "which figure is wrong, or whether a reading other than the plain one of the words reconciles them",
        "inconsistent",
        "✘",
        "at odds with another figure or a cited outside figure",
        "accent",
        "3px solid",
        1,
        problem=True,
        heading="At odds with another figure, as worded",
    ),
    Grade(
        "reported_differently",
        "another publication gives a different figure for the same thing",
        "which figure is right: the two may count differently",
        "reported differently elsewhere",
        "≠",
        "another publication gives a different figure",
        "contested",
        "3px dashed",
        2,
        problem=True,
        heading="Reported differently elsewhere",
    ),
    Grade(
        "corroborated",
        "a publication independent of the article's source (not the Kunming government or its media, not a copy) "
        "gives the same figure",
        "that the figure is right: the other publisher may rest on the same official count",
        "corroborated independently",
        "✔✔",
        "a publication independent of the source gives the same figure",
        "article",
        "3px double",
        7,
    ),
    Grade(
        "consistent_with_context",
        "a check that could have failed finds it consistent with a cited outside figure",
        "that the figure is right: a wrong figure could fit the outside figure too",
        "in line with a cited outside figure",
        "✔",
        "fits a cited outside figure",
        "context",
        "2px solid",
        6,
    ),
    Grade(
        "coherent",
        "arithmetically coherent: a check that could have failed ties it to other figures of the article, and they "
        "fit together",
        "that any of the figures is right: figures that fit each other can be wrong together",
        "arithmetically coherent",
        "∑",
        "arithmetically coherent with the article's other figures",
        "derived",
        "2px solid",
        5,
    ),
    Grade(
        "repeated_by_source",
        "the Kunming government or its own media published the same figure again: that dates it, but it is the "
        "source repeating itself, not independent confirmation",
        "independent confirmation: the source is repeating itself",
        "repeated by the source's own media",
        "↻",
        "repeated by the source's own media, not independently confirmed",
        "time",
        "2px dashed",
        4,
    ),
    Grade(
        "restated_only",
        "nothing in the article, the context or other reports to check it against",
        "that the figure is wrong: only that nothing found bears on it",
        "restated only",
        "○",
        "nothing to check it against",
        "other",
        "2px dotted",
        3,
    ),
)
#: Each grade by its code.
GRADE: dict[str, Grade] = {g.code: g for g in GRADE_TABLE}
#: Each grade in words for readers (tables, charts, pages), never its code.
GRADE_WORDS: dict[str, str] = {g.code: g.words for g in GRADE_TABLE}
#: The grades with what each shows, strongest problem first.
GRADES: dict[str, str] = {g.code: g.meaning for g in GRADE_TABLE}
#: What each grade does not show: the codebook, the synthesis and the claims page print it beside the grade.
GRADE_LIMITS: dict[str, str] = {g.code: g.limit for g in GRADE_TABLE}
#: The grades as a ClaimReview rating scale, worst first: ``ratingValue`` is the position (1 to 7). A higher value
#: means that more bears the figure out; no value says the figure is true (see GRADE_LIMITS).
RATING_SCALE: tuple[str, ...] = tuple(g.code for g in sorted(GRADE_TABLE, key=lambda g: g.rating))
#: How a claim's ``period`` was found (claims.csv, ``period_basis``). Counts of dated and undated claims keep
#: ``inferred`` apart: its date is the coder's reading, not the article's words for that figure.
PERIOD_BASES: dict[str, str] = {
    "stated": "a time word in the figure's own clause dates it",
    "inferred": (
        "dated at the end of a window that its sentence opens for other figures (a stock or rate read as of that end)"
    ),
    "none": "the article gives the figure no window (period unstated)",
}
#: Publication date of the article; open-ended windows ("since 2016") end here.
PUBLISHED = date(2020, 8, 11)


class Period(NamedTuple):
    """A reporting window: first and last day covered; both ``None`` when the article states none."""

    start: date | None
    end: date | None


_POINT = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
_PERIOD_RE = re.compile(rf"^{_POINT}(?:/{_POINT})?$")


def _bounds(year: str, month: str | None, day: str | None) -> tuple[date, date]:
    y = int(year)
    if day:
        d = date(y, int(month), int(day))
        return d, d
    if month:
        m = int(month)
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    return date(y, 1, 1), date(y, 12, 31)


def parse_period(text: str) -> Period:
    """Parse the ``period`` grammar of the codebook.

    ``2015`` → the whole year; ``2019-12-31`` → that day; ``2017/2019`` → 2017-01-01 to 2019-12-31;
    ``2018-01/2020-06`` → 2018-01-01 to 2020-06-30; ``unstated`` → ``Period(None, None)``.
    Raises ``ValueError`` on anything else, or when the start is after the end.
    """
    if text == "unstated":
        return Period(None, None)
    match = _PERIOD_RE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a period")
    try:
        start, end = _bounds(*match.groups()[:3])
        if match.group(4):
            end = _bounds(*match.groups()[3:])[1]
    except ValueError as exc:
        raise ValueError(f"{text!r} names a date that does not exist") from exc
    if start > end:
        raise ValueError(f"{text!r} starts after it ends")
    return Period(start, end)


@dataclass(frozen=True)
class Column:
    """One column of a data file: its type, whether a value is required, and allowed values."""

    name: str
    type: str = "text"  # text | decimal | int | enum | slug | period | date | url
    required: bool = True
    allowed: tuple[str, ...] = ()
    pattern: str | None = None
    description: str = ""

    def expectation(self) -> str:
        if self.type == "enum":
            return "one of " + ", ".join(self.allowed)
        return {
            "decimal": "a plain number such as 350600 or 96.34 (no 万/亿, commas or %)",
            "int": "a whole number of 1 or more",
            "slug": f"an id matching {self.pattern}",
            "period": "a period such as 2015, 2019-12-31, 2017/2019, 2018-01/2020-06 or unstated",
            "date": "a date written YYYY-MM-DD",
            "url": "a web address starting with http:// or https://, with no spaces",
        }.get(self.type, "text")


@dataclass(frozen=True)
class TableSpec:
    filename: str
    columns: tuple[Column, ...]
    key: str | None = None
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


_SLUG = r"^[a-z][a-z0-9_]*$"
_CLAIM_ID = r"^[a-z_]+\.[a-z0-9_]+$"

PLACES = TableSpec(
    "places.csv",
    (
        Column("slug", "slug", pattern=_SLUG),
        Column("name_en"),
        Column("name_zh"),
        Column("short_zh", required=False),
        Column("kind", "enum", allowed=PLACE_KINDS),
        Column("scope", "enum", allowed=tuple(SCOPES)),
        Column("members", required=False),
        Column("note", required=False),
    ),
    key="slug",
)

CLAIMS = TableSpec(
    "claims.csv",
    (
        Column("id", "slug", pattern=_CLAIM_ID),
        Column("sector", "enum", allowed=SECTOR_SLUGS),
        Column("kind", "enum", allowed=tuple(KINDS)),
        Column("status", "enum", allowed=tuple(STATUSES)),
        Column("indicator"),
        Column("indicator_zh"),
        Column("value", "decimal"),
        Column("unit", "enum", allowed=tuple(UNITS)),
        Column("as_written"),
        Column("qualifier", "enum", allowed=QUALIFIERS),
        Column("period", "period"),
        Column("period_label"),
        Column("period_basis", "enum", allowed=tuple(PERIOD_BASES)),
        Column("geography", "slug", pattern=_SLUG),
        Column("quote"),
        Column("quote_en"),
        Column("note", required=False),
    ),
    key="id",
)

NON_CLAIMS = TableSpec(
    "non_claims.csv",
    (
        Column("id", "slug", pattern=r"^nc\.[a-z0-9_]+$"),
        Column("quote"),
        Column("occurrences", "int"),
        Column("reason", "enum", allowed=tuple(NON_CLAIM_REASONS)),
        Column("note", required=False),
    ),
    key="id",
)

GLOSSARY = TableSpec(
    "glossary.csv",
    (
        Column("term_zh"),
        Column("term_en"),
        Column("explanation"),
        Column("rendering", "enum", allowed=RENDERINGS),
        Column("source", required=False),
    ),
    key="term_zh",
)

CONTEXT = TableSpec(
    "context.csv",
    (
        Column("id", "slug", pattern=r"^(" + "|".join(SCOPES) + r")\.[a-z0-9_]+$"),
        Column("place", "slug", pattern=_SLUG),
        Column("indicator"),
        Column("value", "decimal"),
        Column("unit", "enum", allowed=tuple(UNITS)),
        Column("qualifier", "enum", allowed=QUALIFIERS),
        Column("period", "period"),
        Column("source"),
        Column("source_date", "date", required=False),
        Column("seen_at"),
        Column("snippet"),
        Column("reliability", "enum", allowed=RELIABILITIES),
        Column("note", required=False),
    ),
    key="id",
)

CHECKS = TableSpec(
    "checks.csv",
    (
        Column("id", "slug", pattern=_CLAIM_ID),
        Column("sector", "enum", allowed=SECTOR_SLUGS),
        Column("about"),
        Column("question"),
        Column("rule", "enum", allowed=tuple(RULES)),
        Column("a", required=False),
        Column("b", required=False),
        Column("c", required=False),
        Column("verdict", "enum", allowed=tuple(VERDICTS), required=False),
        Column("reason", required=False),
        Column("premises", required=False),
        Column("power", "enum", allowed=tuple(POWERS), required=False),
    ),
    key="id",
)

SEARCHES = TableSpec(
    "searches.csv",
    (
        Column("id", "slug", pattern=r"^s\d{3}$"),
        Column("claims"),
        Column("query"),
        Column("searched", "date"),
        Column("outcome", "enum", allowed=OUTCOMES),
        Column("note", required=False),
    ),
    key="id",
)

REPORTS = TableSpec(
    "reports.csv",
    (
        Column("id", "slug", pattern=r"^r\d{3}$"),
        Column("claim", "slug", pattern=_CLAIM_ID),
        Column("relation", "enum", allowed=tuple(RELATIONS)),
        Column("origin", "enum", allowed=tuple(ORIGINS)),
        Column("as_stated", required=False),
        Column("value_stated", "decimal", required=False),
        Column("publisher"),
        Column("published", "date", required=False),
        Column("period_stated"),
        Column("url", "url"),
        Column("excerpt"),
        Column("search", "slug", pattern=r"^s\d{3}$"),
        Column("note", required=False),
    ),
    key="id",
)
