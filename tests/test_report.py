"""The notebooks' shared parts: numbers in words, derived metrics, checks, tables and charts."""

from __future__ import annotations

import base64
from decimal import Decimal

import pytest

import helpers as h
from helpers import charts as c, report as r


def test_human_units():
    assert r.human(Decimal("2128000000"), "yuan") == "2.128 billion yuan"
    assert r.human(Decimal("600000"), "yuan") == "600,000 yuan"
    assert r.human(Decimal("350600"), "people") == "350,600 people"
    assert r.human(Decimal("1"), "households") == "1 household"
    assert r.human(96.34, "percent") == "96.34%"
    assert r.human(10.700000000000003, "points", 1) == "10.7 percentage points"
    assert r.human(2017, "year") == "2017"
    assert r.human(Decimal("2653.85"), "km") == "2,653.85 km"


def test_describe_keeps_the_original_and_the_qualifier():
    assert r.fmt("water.storage_facilities") == "at least 4,000 facilities (4000余座)"
    assert r.fmt("overview.registered_poor_people", original=False) == "350,600 people"


def test_ratio_of_claims_and_context():
    per_household = r.ratio("People per household", "overview.registered_poor_people", "overview.registered_poor_households", "people", decimals=2)
    assert per_household.value == pytest.approx(350600 / 96000)
    assert per_household.text() == "3.65 people"
    assert per_household.formula == "35.06万名 ÷ 9.6万户"
    versus = r.ratio("Dibao vs poverty line", "social_assistance.rural_dibao_standard", "cn.poverty_line_2020_current", "times", decimals=2)
    assert versus.formula == "4920元/人 ÷ about 4,000 yuan/person/year (China)"
    assert versus.inputs == ("social_assistance.rural_dibao_standard", "cn.poverty_line_2020_current")


def test_composed_metrics_carry_their_sources():
    linked = r.total("Linked", ["industry.households_linked_to_enterprises", "industry.households_linked_to_cooperatives"], "households", 0)
    overlap = r.difference("Minimum overlap", linked, "industry.eligible_poor_households", "households", 0)
    assert overlap.value == 34319 + 62049 - 85641
    assert overlap.formula == "[Linked] − 85641户"
    assert set(overlap.inputs) == {"industry.households_linked_to_enterprises", "industry.households_linked_to_cooperatives", "industry.eligible_poor_households"}
    monthly = r.scaled("Per month", "social_assistance.rural_dibao_standard", 1 / 12, "yuan/person/month", "÷ 12 months", 0)
    assert monthly.text() == "410 yuan/person/month"


def test_remainder_and_word_claims():
    gap = r.remainder("Outside the county", "health.in_county_treatment_rate", 2)
    assert gap.text() == "3.66%" and gap.formula == "100% − 96.34%"
    word = r.difference("Gain", "internet.admin_village_coverage_2019", "internet.admin_village_coverage_2017", "points", 1)
    assert word.formula == "全覆盖 (100%) − 96.8%" and word.text() == "3.2 percentage points"
    with pytest.raises(ValueError, match="not percent"):
        r.remainder("Nonsense", "overview.registered_poor_people")


def test_per_year_uses_the_ledger_window():
    yearly = r.per_year("Aid per year", "education.student_aid_funds", "yuan/year")
    assert h.window_months("education.student_aid_funds") == 36
    assert yearly.value == pytest.approx(2128000000 / 3)
    with pytest.raises(ValueError, match="states no reporting window"):
        h.window_months("relocation.people_relocated")


def test_checks_accept_only_the_three_verdicts():
    table = r.checks_table([r.check("Q?", "consistent", "because"), r.check("R?", "cannot be checked", "no data")])
    assert list(table["Verdict"]) == ["✔ consistent", "? cannot be checked"]
    with pytest.raises(ValueError, match="verdict must be one of"):
        r.check("Q?", "plausible", "hm")


def test_figures_table_shows_every_claim_of_the_sector():
    table = r.figures_table("relocation")
    assert list(table["id"]) == list(h.claims("relocation")["id"])
    assert "38,044 people" in list(table["Value"])  # no 万 form for a figure the article writes in digits
    assert table.index[0] == 1
    assert "350,600 people (35.06万)" in list(r.figures_table("overview")["Value"])


def test_quotes_are_verbatim_and_grouped():
    text = r.quotes("overview").markdown
    quote = h.claim("overview.registered_poor_people").quote
    assert text.count(quote) == 1  # three claims share this quote; it is shown once
    assert "Figures: 9.6万户; 35.06万名; 全部脱贫" in text


def test_text_displays_as_markdown_and_compares_as_plain_text():
    bundle = r.say("A **bold** claim")._repr_mimebundle_()
    assert bundle == {"text/markdown": "A **bold** claim", "text/plain": "A **bold** claim"}


def test_contents_links_every_notebook():
    text = r.contents("water").markdown
    assert "**05 · Drinking water (饮水安全)** (this notebook)" in text
    assert "(14_synthesis.ipynb)" in text and text.count("](") == 14


def test_chart_is_a_small_png_with_its_alt_text():
    chart = c.percent_panel([c.Bar("甲 A", 40), c.Bar("乙 B", 100)], title="Test 测试", alt="Two bars: 40% and 100%.")
    data, metadata = chart._repr_mimebundle_()
    png = base64.b64decode(data["image/png"])
    assert png.startswith(b"\x89PNG") and len(png) <= c.MAX_PNG_BYTES
    assert data["text/plain"] == "Chart: Two bars: 40% and 100%."
    assert metadata == {"image/png": {"alt": "Two bars: 40% and 100%."}}
    assert chart.png() == chart.png(), "the same chart must give the same bytes"


def test_cjk_font_is_registered_without_warnings(recwarn):
    family = c.setup()
    assert family == "Noto Sans CJK SC"
    c.bars([c.Bar("农村集中供水率", 1.0)], title="标题", unit_label="单位", alt="x").png()
    assert not [w for w in recwarn if "Glyph" in str(w.message) or "findfont" in str(w.message)]


def test_product_reads_a_percentage_as_a_share():
    implied = r.product("Implied", "industry.dual_binding_coverage", "industry.eligible_poor_households", "households", 0)
    assert implied.value == pytest.approx(0.98 * 85641)
    assert implied.formula == "98% × 85641户"
    gain = r.product("Total", "ecology.ranger_income_per_household", "ecology.ranger_households", "yuan")
    assert gain.value == 9296 * 1947


def test_short_windows_are_points_in_time():
    from datetime import date

    assert c.is_point(date(2019, 12, 31), date(2019, 12, 31))
    assert c.is_point(date(2020, 8, 1), date(2020, 8, 31))
    assert not c.is_point(date(2019, 1, 1), date(2019, 12, 31))
