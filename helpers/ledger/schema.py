"""The codebook in code: controlled vocabularies and the columns of every data file.

``data/README.md`` documents the same rules for people; this module is what enforces them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from helpers.ledger.numbers import QUALIFIERS

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
#: Each unit in Chinese, for the Chinese edition: the word written after a number (``3.65人``, ``96368户``) and a
#: one-line definition. Units of derived figures only (points, times …) have a word and no definition.
UNITS_ZH: dict[str, tuple[str, str]] = {
    "people": ("人", "人数，每人只计一次（人、名）"),
    "households": ("户", "户数"),
    "person-times": ("人次", "人次：同一人每参与或受助一次计一次，三次计三人次"),
    "yuan": ("元", "人民币元，当时价格（名义值）"),
    "yuan/person/year": ("元/人·年", "每人每年的元数，如年度补助或扶贫标准"),
    "yuan/household": ("元/户", "户均元数（时间口径以文章所述为准）"),
    "percent": ("%", "百分比，0至100"),
    "km": ("公里", "公里（千米）"),
    "m3": ("立方米", "立方米（3723万立方米即37230000立方米）"),
    "mu": ("亩", "亩：1/15公顷，约666.7平方米"),
    "tonnes": ("吨", "吨（公吨）"),
    "MW": ("兆瓦", "电站装机容量，单位兆瓦（MW）"),
    "kVA/household": ("千伏安/户", "农村户均配电变压器容量，单位千伏安"),
    "villages": ("个村", "村数：行政村（建制村）或自然村，以指标所述为准"),
    "counties": ("个县区", "县和县级区的个数"),
    "projects": ("个项目", "项目或工程的个数"),
    "sets": ("套", "成套设备的套数"),
    "devices": ("台", "单台机器或设备的台数"),
    "facilities": ("座", "建成设施的座数，如蓄水设施"),
    "stations": ("座", "站点的座数，如泵站"),
    "sites": ("个", "地点的个数，如安置点"),
    "enterprises": ("家企业", "企业的家数"),
    "cooperatives": ("个合作社", "农民专业合作社的个数"),
    "workshops": ("个车间", "扶贫车间的个数"),
    "sessions": ("期", "培训的期数"),
    "diseases": ("种", "病种数"),
    "categories": ("类", "类别数"),
    "indicators": ("项", "指标或标准的项数"),
    "tiers": ("级", "行政或服务层级数"),
    "stores": ("个门店", "零售门店的个数"),
    "year": ("年", "数值本身是公历年份（如一批县区摘帽的年份）"),
    "litres/person/day": ("升/人·日", "每人每日用水升数（仅用于背景和推算数字）"),
    "points": ("个百分点", ""),
    "times": ("倍", ""),
    "months": ("个月", ""),
    "days": ("天", ""),
    "hours": ("小时", ""),
    "litres": ("升", ""),
    "kW": ("千瓦", ""),
    "rangers": ("名护林员", ""),
    "yuan/year": ("元/年", ""),
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
KINDS_ZH: dict[str, str] = {
    "figure": "用阿拉伯数字写出的数字",
    "chinese_numeral": "用汉字数字写出的数量（四类、三个）",
    "word": "相当于一个数字的词语（全面清零 = 0，全覆盖 = 100%）",
}

#: What kind of statement a claim is; see the codebook. Code reads it to decide what may be added or charted.
STATUSES: dict[str, str] = {
    "result": "an achieved result over a reporting window (a flow: 累计完成, 实施, 发放 …)",
    "level": "a stock, count or rate standing at a point in time (有, 达, 为, 实现了 …)",
    "plan": "something announced for after publication (接下来将有 …)",
    "slogan": "a policy slogan that the ledger reads as a figure (住人无危房)",
}
STATUSES_ZH: dict[str, str] = {
    "result": "报告期内取得的成果，是流量，可以跨期累加（累计完成、实施、发放……）",
    "level": "某一时点的存量、数量或比率，不能累加（有、达、为、实现了……）",
    "plan": "发表时尚未实施的计划（接下来将有……）",
    "slogan": "声明台账当作数字来读的政策口号（住人无危房）",
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
NON_CLAIM_REASONS_ZH: dict[str, str] = {
    "publication_timestamp": "网页的发布日期和时间",
    "image_filename": "图片的文件名",
    "footer": "网站页脚文字",
    "hotline": "服务热线号码",
    "registration_number": "网站备案号或标识码",
    "injected_spam": "被植入网页的垃圾广告文字，并非出版方所写",
    "site_boilerplate": "网站导航或标识",
    "date_of_claim": "只为另一项声明标注时间的年份或日期",
    "duration_of_claim": "只为另一项声明限定时长的时间段",
    "geography_reference": "只用来说明另一项声明适用地区的数量",
    "programme_name": "含有数字的政策或项目名称",
    "term_numeral": "固定术语中的数字（县乡村三级、四类慢病、四项指标），不是文章报告的数量",
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
#: Each relation in Chinese: the word shown beside a report, and its definition.
RELATIONS_ZH: dict[str, tuple[str, str]] = {
    "same": ("相同", "同一事项的同一数字"),
    "different": ("不同", "同一事项的另一个数字"),
    "related": ("相关", "同一主题，但范围、时段或口径不同"),
    "copy": ("转载", "本文的转载，不是独立报道"),
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
ORIGINS_ZH: dict[str, str] = {
    "kunming_government": "昆明市政府本身：新闻发布会、官员、部门、年鉴或官方账号（即本文的消息来源）",
    "kunming_media": "昆明本地党媒（昆明日报、昆明信息港）报道全市数字，未注明发言人",
    "article_outlet": "本文所属的云南日报在其他报道中重复市里的数字，不是独立报道",
    "yunnan_government": "云南省政府或其部门",
    "other_media": "昆明以外的新闻媒体报道该数字，未注明政府发言人",
    "copy": "本文的转载",
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
VERDICTS_ZH: dict[str, str] = {
    "consistent": "✔ 相符",
    "inconsistent": "✘ 不符",
    "cannot be checked": "? 无法核查",
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
POWERS_ZH: dict[str, str] = {
    "test": "如果文章印出的是别的数字，这项核查可能不通过",
    "cannot_fail": (
        "鉴于这些数字的范围（部分远小于整体、数字与自身相比，或把一个词读作100%），这项核查不可能不通过，"
        "因此不提升等级。"
    ),
    "reading": (
        "这项核查通过与否取决于对文章措辞的一种读法，而没有任何来源能确定该取哪种读法，因此其结果既不提升也不降低等级。"
    ),
    "standard": "达到政策标准只说明所报数字达标，并不说明数字正确，因此这项核查不提升等级。",
}
#: An ``at_most`` check whose part is under this share of its whole cannot fail at any figure the article could
#: print; the data must say so (``power`` = ``cannot_fail``), and must not say so of a tighter bound.
POWERLESS_SHARE = 0.2


class Grade(NamedTuple):
    """One verifiability grade: the one place where a grade is defined. Everything that names, counts, marks, colours
    or rates a grade (the rules in helpers.ledger.grades, the notebooks, the site, the ClaimReview markup)
    reads it here."""

    code: str
    meaning: str  # what it shows (the codebook and the synthesis)
    limit: str  # what it does not show, after "This grade does not show …"
    words: str  # the grade for readers, after a count: "5 in line with a cited outside figure"
    symbol: str  # its mark in the annotated article, so that colour is never the only cue
    mark: str  # the mark's hover text and legend
    role: str  # its colour role in charts and on the site (helpers.notebook.charts.ROLES)
    line: str  # the CSS line under a marked figure
    rating: int  # its place on the ClaimReview scale, 1 (worst) to 7
    problem: bool = False  # a problem with the claim: listed first, counted by GradeCounts.problems
    heading: str = ""  # the index's heading for the claims of a problem grade
    # the same in Chinese, for the Chinese edition of the site (meaning, limit after 本等级不能说明…, words after a
    # count such as 5项, the mark's hover text, the heading)
    meaning_zh: str = ""
    limit_zh: str = ""
    words_zh: str = ""
    mark_zh: str = ""
    heading_zh: str = ""

    def text(self, field: str, lang: str = "en") -> str:
        """One of its texts (``words``, ``meaning``, ``limit``, ``mark``, ``heading``) in ``lang``."""
        return getattr(self, f"{field}_zh" if lang == "zh" else field)


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
        meaning_zh="与文中其他数字或引用的外部数字相矛盾（由一项核查说明矛盾所在）",
        limit_zh="哪个数字有误，也不能说明换一种读法能否消除矛盾",
        words_zh="按字面与其他数字矛盾",
        mark_zh="与文中其他数字或引用的外部数字矛盾",
        heading_zh="按字面与其他数字矛盾",
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
        meaning_zh="另有出版物就同一事项给出了不同的数字",
        limit_zh="哪个数字正确：两者的统计口径可能不同",
        words_zh="他处报道的数字不同",
        mark_zh="另有出版物给出了不同的数字",
        heading_zh="他处报道的数字不同",
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
        meaning_zh="独立于本文消息来源的出版物（既非昆明市政府及其媒体，也非转载）给出了相同的数字",
        limit_zh="数字正确：对方可能依据的是同一份官方统计",
        words_zh="获独立来源印证",
        mark_zh="独立于消息来源的出版物给出了相同的数字",
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
        meaning_zh="一项可能不通过的核查发现，它与引用的外部数字相符",
        limit_zh="数字正确：错误的数字也可能与外部数字相符",
        words_zh="与引用的外部数字相符",
        mark_zh="经一项可能不通过的核查，与引用的外部数字吻合",
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
        meaning_zh="算术上自洽：一项可能不通过的核查把它与文中其他数字联系起来，结果相互吻合",
        limit_zh="其中任何一个数字正确：彼此吻合的数字也可能一起出错",
        words_zh="与文中其他数字算术自洽",
        mark_zh="经一项可能不通过的核查，与文中其他数字的算术关系吻合",
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
        meaning_zh="昆明市政府或其自家媒体再次发布了同一数字：这能确定数字的时间，但只是来源在重复自己，并非独立印证",
        limit_zh="得到独立印证：这只是来源在重复自己",
        words_zh="仅经来源自家媒体重复",
        mark_zh="来源自家媒体重复发布，未获独立印证",
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
        meaning_zh="文中、背景资料和其他报道里都没有可以对照的材料",
        limit_zh="数字有误，只说明找不到与之相关的材料",
        words_zh="无可对照",
        mark_zh="没有可以对照的材料",
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
PERIOD_BASES_ZH: dict[str, str] = {
    "stated": "数字所在分句中的时间词注明了时段",
    "inferred": "按所在句子为其他数字给出的时段之末推定（存量或比率按该时点读取）",
    "none": "文章没有给出时段",
}
#: The qualifiers in Chinese (helpers.ledger.numbers.QUALIFIERS): the word before a number, and its meaning.
QUALIFIERS_ZH: dict[str, tuple[str, str]] = {
    "exact": ("", "确数：文章未加限定"),
    "at_least": ("至少", "下限（余、多、超过、以上、逾）：实际数字不低于此"),
    "at_most": ("至多", "上限（不超过、以内）：用于背景数字和推算数字"),
    "approximately": ("约", "约数（近、约、左右）"),
}
#: Publication date of the article; open-ended windows ("since 2016") end here.
PUBLISHED = date(2020, 8, 11)


class Period(NamedTuple):
    """A reporting window: first and last day covered; both ``None`` when the article states none."""

    start: date | None
    end: date | None


_POINT = r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?"
_PERIOD_RE = re.compile(rf"^{_POINT}(?:/{_POINT})?$")
#: The ``period`` grammar and the ``url`` rule as patterns: the loader and the data package both use them.
PERIOD_PATTERN = rf"(?:unstated|{_POINT}(?:/{_POINT})?)"
URL_PATTERN = r"https?://[^\s/]+\.[^\s]*"


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
        Column("period_label_zh"),
        Column("period_basis", "enum", allowed=tuple(PERIOD_BASES)),
        Column("geography", "slug", pattern=_SLUG),
        Column("quote"),
        Column("quote_en"),
        Column("note", required=False),
        Column("note_zh", required=False),
    ),
    key="id",
)

#: The claims' prose: the English of the quote and the notes. Only what shows a claim itself (its sector's cells, the
#: claims page) reads them; what is computed from the claims (checks, grades, counts, the whole ledger's table, the
#: reports block) reads the rest of each row, the part :data:`FIGURES` names, so a fixed translation re-runs only the
#: notebooks that show it.
CLAIM_PROSE = ("quote_en", "note", "note_zh")
#: The name of that part of a claim's row, and the columns each file's part leaves out.
FIGURES = "figures"
LEFT_OUT: dict[tuple[str, str], tuple[str, ...]] = {(CLAIMS.filename, FIGURES): CLAIM_PROSE}


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
        Column("question_zh"),
        Column("rule", "enum", allowed=tuple(RULES)),
        Column("a", required=False),
        Column("b", required=False),
        Column("c", required=False),
        Column("verdict", "enum", allowed=tuple(VERDICTS), required=False),
        Column("reason", required=False),
        Column("reason_zh", required=False),
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
        Column("publisher_zh"),
        Column("published", "date", required=False),
        Column("period_stated"),
        Column("period_stated_zh"),
        Column("url", "url"),
        Column("excerpt"),
        Column("search", "slug", pattern=r"^s\d{3}$"),
        Column("note", required=False),
    ),
    key="id",
)
