"""Metric arithmetic on real figures: units, bounds, formulas, formatting and comparison words.

Every expectation is worked out by hand from the ledger values (data/claims.csv, data/context.csv,
data/reports.csv); the arithmetic is in the comments.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

import helpers
from helpers import ALL, DAYS_PER_YEAR, HOURS_PER_YEAR, KW_PER_MW, LITRES_PER_M3, MONTHS_PER_YEAR, claim, ref, reported
from helpers.ledger.checks import compare
from helpers.ledger.values import Derived, human


@pytest.fixture(scope="module")
def f():
    """The figures the tests use, by a short name."""
    names = {
        "people": "overview.registered_poor_people",  # 35.06万名 = 350,600 people
        "households": "overview.registered_poor_households",  # 9.6万户 = 96,000 households
        "dual": "industry.dual_binding_coverage",  # 98%
        "eligible": "industry.eligible_poor_households",  # 85641户
        "by_enterprise": "industry.households_linked_to_enterprises",  # 34319户
        "by_cooperative": "industry.households_linked_to_cooperatives",  # 62049户
        "village_2017": "internet.admin_village_coverage_2017",  # 96.8%
        "village_2019": "internet.admin_village_coverage_2019",  # 全覆盖, a word claim read as 100%
        "in_county": "health.in_county_treatment_rate",  # 96.34%
        "storage": "water.storage_facilities",  # 4000余座: at least 4,000 facilities
        "pumping": "water.pumping_stations",  # 871座
        "aid": "education.student_aid_funds",  # 21.28亿元, 2017/2019
        "investment": "industry.industrial_poverty_investment",  # 19.75亿 (yuan)
        "capacity": "water.new_supply_capacity",  # 3723万立方米, 2016/2020-08
        "agri_funds": "industry.integrated_agri_funds",  # 45.69亿元, 2018-01/2020-06
        "relocated": "relocation.people_relocated",  # 38044人, period unstated
        "dibao": "social_assistance.rural_dibao_standard",  # 4920元/人 (yuan/person/year)
        "water_latest": "water.centralized_supply_rate_latest",  # 99.7%
        "grid": "electricity.rural_grid_reliability",  # 99.83%
        "safety": "water.safety_indicators_met",  # 全部达标, a word claim read as 100%
    }
    refs = {
        "poverty_line": "cn.poverty_line_2020_current",  # about 4,000 yuan/person/year
        "relocated_cn": "cn.relocated_13th_fyp",  # at least 9,600,000 people
        "rangers_cn": "cn.forest_rangers_hired",  # at least 1,100,000 people
        "water_cn": "cn.rural_centralized_water_2020",  # 88%
        "dongchuan": "km.dongchuan_relocated_people",  # 32,227 people
        "dibao_yn": "yn.rural_dibao_floor_2020",  # 4,500 yuan/person/year
        "grid_target": "cn.rural_grid_reliability_target",  # 99.8%
    }
    figures = {k: claim(v) for k, v in names.items()} | {k: ref(v) for k, v in refs.items()}
    return type("Figures", (), figures)


# --- the ledger's figures as values -----------------------------------------------------------------------------------


def test_wan_and_yi_figures_enter_as_their_full_value(f):
    """万 and 亿 are expanded exactly: the figure's value is the base-unit number, not the printed one."""
    assert f.people.value == 350_600 and f.people.exact == Decimal("350600")  # 35.06 × 10,000
    assert f.households.value == 96_000  # 9.6 × 10,000
    assert f.aid.value == 2_128_000_000 and f.aid.exact == Decimal("2128000000")  # 21.28 × 100,000,000
    assert f.investment.value == 1_975_000_000  # 19.75 × 100,000,000
    assert f.capacity.value == 37_230_000  # 3723 × 10,000
    assert f.people.as_written == "35.06万名" and f.aid.as_written == "21.28亿元"


def test_percentages_enter_arithmetic_as_fractions(f):
    """98% × 85,641 households is a number of households, not 98 times the count."""
    implied = f.dual * f.eligible
    assert implied.value == pytest.approx(83_928.18)  # 0.98 × 85,641 = 83,928.18
    assert implied.inferred_unit == "households"
    assert implied.formula == "98% × 85641户"
    assert implied.ids == ("industry.dual_binding_coverage", "industry.eligible_poor_households")
    assert f"{implied.named('Implied', decimals=2):en}" == "83,928.18 households"
    assert f"{implied.named('Implied', decimals=0):n}" == "83,928"


def test_percent_times_percent_is_a_percent(f):
    """98% × 100% = 98%, both named and unnamed (an unnamed result is shown in the unit its inputs fix)."""
    whole = f.dual * ALL
    assert whole.raw == pytest.approx(0.98)  # 0.98 × 1.00
    assert whole.value == pytest.approx(98.0)
    assert f"{whole}" == "98%"  # not "0.98%"
    assert f"{whole.named('Dual binding')}" == "98%"
    assert whole.formula == "98% × 100%"


def test_ratio_named_in_percent_is_multiplied_by_100(f):
    """A ratio of counts asked for in percent is ×100; in its own unit it is the plain quotient."""
    ratio = f.people / f.households
    per_household = ratio.named("People per registered poor household", "people", 2)
    assert per_household.value == pytest.approx(350_600 / 96_000)  # = 3.6520833…
    assert f"{per_household}" == "3.65 people"
    assert per_household.formula == "35.06万名 ÷ 9.6万户"
    as_percent = ratio.named("People as a share of households", "percent", 1)
    assert as_percent.value == pytest.approx(365.20833, abs=1e-4)  # 3.6520833 × 100
    assert f"{as_percent}" == "365.2%"


def test_difference_of_two_percents_is_in_points(f):
    """全覆盖 (100%) − 96.8% = 3.2 percentage points; a word claim shows how it is read inside the formula."""
    gain = f.village_2019 - f.village_2017
    assert gain.inferred_unit == "points"
    assert gain.raw == pytest.approx(0.032)  # 1.00 − 0.968
    assert gain.formula == "全覆盖 (100%) − 96.8%"
    assert f"{gain.named('Gain', decimals=1)}" == "3.2 percentage points"
    assert f"{gain:.1}" == "3.2 percentage points"  # unnamed: in points too, not 0.0 points


def test_remainder_of_a_rate_can_be_named_a_percent(f):
    """100% − 96.34% = 3.66: in points by default, or a percent (the share outside) when named so."""
    outside = ALL - f.in_county
    assert outside.formula == "100% − 96.34%"
    assert f"{outside}" == "3.66 percentage points"
    assert f"{outside.named('Treated outside the county', 'percent', 2)}" == "3.66%"
    assert outside.ids == ("health.in_county_treatment_rate",)  # a constant rests on no data row


def test_sum_of_percents_stays_percent(f):
    """96.34% + 91.42% = 187.76% (meaningless as a share, but the unit follows the arithmetic)."""
    total = f.in_county + claim("health.inpatient_reimbursement_rate")
    assert total.inferred_unit == "percent"
    assert total.value == pytest.approx(187.76)


# --- derived figures as inputs --------------------------------------------------------------------------------------


def test_named_derived_used_in_another_formula(f):
    """A named metric enters a formula by its name, with its value and its ids."""
    linked = (f.by_enterprise + f.by_cooperative).named("Linked", "households", 0)
    assert linked.value == 96_368  # 34,319 + 62,049
    overlap = linked - f.eligible
    assert overlap.value == 10_727  # 96,368 − 85,641
    assert overlap.formula == "[Linked] − 85641户"
    assert overlap.inferred_unit == "households"
    assert overlap.ids == (
        "industry.households_linked_to_enterprises",
        "industry.households_linked_to_cooperatives",
        "industry.eligible_poor_households",
    )
    assert f"{overlap.named('Overlap', decimals=0)}" == "10,727 households"


def test_named_percent_used_again_is_a_fraction(f):
    """A metric named in percent (value 98) still multiplies as 0.98."""
    dual = (f.dual * ALL).named("Dual binding", "percent")
    assert dual.value == pytest.approx(98)
    implied = dual * f.eligible
    assert implied.value == pytest.approx(83_928.18)  # 0.98 × 85,641
    assert implied.formula == "[Dual binding] × 85641户"


def test_unnamed_derived_inputs_are_bracketed_where_precedence_needs_it(f):
    """(a + b) × c and a − (b + c) keep their grouping in the formula text and in the value."""
    product = (f.by_enterprise + f.by_cooperative) * f.dual
    assert product.formula == "(34319户 + 62049户) × 98%"
    assert product.value == pytest.approx(94_440.64)  # 96,368 × 0.98
    difference = f.eligible - (f.by_enterprise + f.by_cooperative)
    assert difference.formula == "85641户 − (34319户 + 62049户)"
    assert difference.value == -10_727  # 85,641 − 96,368
    chained = f.by_enterprise + f.by_cooperative - f.eligible
    assert chained.formula == "34319户 + 62049户 − 85641户"  # left to right needs no brackets
    assert chained.value == 10_727


def test_dividing_by_a_constant_and_multiplying_two_units(f):
    """4,920 yuan a year ÷ 12 months = 410 a month; 9,296 yuan per household × 1,947 households = 18,099,312 yuan."""
    monthly = (f.dibao / MONTHS_PER_YEAR).named("Dibao per month", "yuan/person/month", 0)
    assert monthly.value == 410  # 4,920 ÷ 12
    assert monthly.formula == "4920元/人 ÷ 12 months a year"
    assert f"{monthly}" == "410 yuan/person/month"
    gain = claim("ecology.ranger_income_per_household") * claim("ecology.ranger_households")
    assert gain.inferred_unit is None  # yuan/household × households: the unit must be named
    total = gain.named("Total income gain", "yuan")
    assert total.value == 18_099_312  # 9,296 × 1,947
    assert total.formula == "9296元 × 1947户"
    assert f"{total}" == "18.1 million yuan"  # 18.099312 million to two decimals, 18.10, trailing zero dropped
    assert f"{total:n}" == "18,099,312"


def test_constants_write_their_own_words_into_formulas(f):
    """A constant's formula text is built from its value: 365 days, 1,000 litres, 12 months."""
    litres = (f.capacity * LITRES_PER_M3 / f.people / DAYS_PER_YEAR).named(
        "Capacity per head per day", "litres/person/day", 0
    )
    assert litres.formula == "3723万立方米 × 1,000 litres per m³ ÷ 35.06万名 ÷ 365 days a year"
    assert litres.value == pytest.approx(37_230_000 * 1000 / 350_600 / 365)  # = 290.93…
    assert f"{litres:n}" == "291"
    assert HOURS_PER_YEAR.value == 8760 and HOURS_PER_YEAR.in_formula() == "8,760 hours a year"  # 365 × 24
    assert KW_PER_MW.in_formula() == "1,000 kW per MW"
    assert MONTHS_PER_YEAR.in_formula() == "12 months a year"


# --- bounds -----------------------------------------------------------------------------------------------------------


def test_lower_bound_plus_exact_is_a_lower_bound(f):
    total = f.storage + f.pumping
    assert total.value == 4_871  # at least 4,000 + 871
    assert total.qualifier == "at_least"
    assert total.formula == "4000余座 + 871座"


def test_lower_bound_combinations(f):
    """≥ + ≥ is ≥; ≥ − ≥ bounds nothing; ≥ × ≥ (positives) is ≥."""
    both = f.relocated_cn + f.rangers_cn
    assert both.value == 10_700_000 and both.qualifier == "at_least"  # 9,600,000 + 1,100,000
    gap = f.relocated_cn - f.rangers_cn
    assert gap.value == 8_500_000 and gap.qualifier == "approximately"  # either term may be larger
    assert f"{gap.named('Gap', 'people', 0)}" == "about 8,500,000 people"
    assert (f.relocated_cn * f.rangers_cn).qualifier == "at_least"


def test_exact_divided_by_lower_bound_is_an_upper_bound(f):
    """38,044 ÷ (at least 9,600,000) = at most 0.396%."""
    share = (f.relocated / f.relocated_cn).named("Kunming's share of China's relocated people", "percent", 2)
    assert share.qualifier == "at_most"
    assert share.value == pytest.approx(0.396291666, abs=1e-8)  # 38,044 ÷ 9,600,000 × 100
    assert f"{share}" == "at most 0.40%"
    assert share.formula == "38044人 ÷ at least 9,600,000 people (China)"
    assert (f.relocated_cn / f.relocated).qualifier == "at_least"  # a lower bound over an exact count
    assert (f.relocated - f.relocated_cn).qualifier == "at_most"  # subtracting at least … leaves at most


def test_upper_bound_plus_lower_bound_bounds_nothing(f):
    upper = f.relocated / f.relocated_cn  # at most
    lower = f.relocated_cn / f.relocated  # at least
    assert (upper + lower).qualifier == "approximately"


def test_approximate_input_makes_an_approximate_result(f):
    """4,920 ÷ about 4,000 = about 1.23 times."""
    versus = (f.dibao / f.poverty_line).named("Dibao against the poverty line", "times", 2)
    assert versus.value == pytest.approx(1.23)  # 4,920 ÷ 4,000
    assert versus.qualifier == "approximately"
    assert f"{versus}" == "about 1.23 times"
    assert versus.formula == "4920元/人 ÷ about 4,000 yuan per person per year (China)"
    assert versus.ids == ("social_assistance.rural_dibao_standard", "cn.poverty_line_2020_current")


# --- what is shown matches the value ------------------------------------------------------------------------------

_SCALES = {"million": 1e6, "billion": 1e9}


def shown_number(text: str) -> tuple[float, float]:
    """The number a formatted figure shows, and half of its last shown digit (the rounding it allows)."""
    match = re.search(r"(-?[\d,]+(?:\.(\d+))?)(?: (million|billion))?", text)
    assert match, text
    scale = _SCALES.get(match[3] or "", 1.0)
    decimals = len(match[2] or "")
    return float(match[1].replace(",", "")) * scale, 0.5 * 10**-decimals * scale


@pytest.mark.parametrize(
    "build, decimals",
    [
        (lambda f: (f.people / f.households).named("Per household", "people", 2), 2),
        (lambda f: (f.people / f.households).named("Share", "percent", 1), 1),
        (lambda f: (f.relocated / f.relocated_cn).named("Share", "percent", 2), 2),
        (lambda f: (f.village_2019 - f.village_2017).named("Gain", "points", 1), 1),
        (lambda f: f.aid.per_year("Aid per year", "yuan/year"), None),
        (lambda f: f.aid.per_year("Aid per year", "yuan/year", 1), 1),
        (lambda f: (f.aid + f.investment).named("Two sums", "yuan"), None),
        (lambda f: (f.agri_funds / f.households).named("Per household", "yuan/household", 0), 0),
        (lambda f: f.capacity.per_year("Capacity per year", "m3", 0), 0),
    ],
)
def test_shown_figure_never_contradicts_the_value(f, build, decimals):
    """The number printed (with its million/billion scale) is .value rounded; a percent shows the ×100 value."""
    metric = build(f)
    for spec in ("", "en"):
        number, slack = shown_number(format(metric, spec))
        assert abs(number - metric.value) <= slack + 1e-9 * abs(metric.value), (format(metric, spec), metric.value)
    if decimals is not None:
        assert f"{metric:n}" == f"{round(metric.value, decimals):,.{decimals}f}"


def test_named_without_a_unit_when_units_mix_raises(f):
    ratio = f.people / f.households
    with pytest.raises(ValueError, match=r"'Per household': say which unit.*unit=.*35\.06万名 ÷ 9\.6万户 mixes units"):
        ratio.named("Per household")
    with pytest.raises(ValueError, match="has no unit yet"):
        format(ratio, "")  # an unnamed result in no unit cannot be shown either
    with pytest.raises(ValueError, match="say which unit"):
        (ALL - f.people).named("Nonsense")  # 100% minus a head count has no unit


@pytest.mark.parametrize(
    "operation",
    [
        lambda a: a + 5,
        lambda a: a - 1.5,
        lambda a: a * 12,
        lambda a: a / 12,
        lambda a: 12 * a,
        lambda a: 5 + a,
    ],
)
def test_a_figure_does_not_combine_with_a_bare_number(f, operation):
    """A bare number has no unit or source: use a named constant instead."""
    with pytest.raises(TypeError):
        operation(f.dibao)


def test_bare_number_error_says_what_to_use(f):
    with pytest.raises(TypeError, match=r"not int \(12\); use a named constant"):
        f.dibao / 12


# --- formats ----------------------------------------------------------------------------------------------------------

FORMATS = {
    # 35.06万名: 350,600 people
    "overview.registered_poor_people": {
        "": "350,600 people (35.06万名)",
        "en": "350,600 people",
        "zh": "35.06万名",
        "n": "350,600",
        "q": "350,600",
        ".1": "350,600.0 people (35.06万名)",
        ".0en": "350,600 people",
        ".2n": "350,600.00",
    },
    # 4000余座: a lower bound
    "water.storage_facilities": {
        "": "at least 4,000 facilities (4000余座)",
        "en": "at least 4,000 facilities",
        "zh": "4000余座",
        "n": "4,000",
        "q": "at least 4,000",
        ".1q": "at least 4,000.0",
    },
    # 96.34%: the English equals the Chinese, so it is not repeated
    "health.in_county_treatment_rate": {
        "": "96.34%",
        "en": "96.34%",
        "zh": "96.34%",
        "n": "96.34",
        ".0n": "96",
        ".1": "96.3% (96.34%)",
        ".1en": "96.3%",
    },  # rounded, the English differs, so the figure as written follows
    # 21.28亿元 = 2,128,000,000 yuan
    "education.student_aid_funds": {
        "": "2.128 billion yuan (21.28亿元)",
        "en": "2.128 billion yuan",
        "zh": "21.28亿元",
        "n": "2,128,000,000",
        ".1en": "2.1 billion yuan",
    },
    # 全部达标: a word claim, read as 100%
    "water.safety_indicators_met": {"": "全部达标 (read as 100%)", "en": "100%", "zh": "全部达标", "n": "100"},
    # about 4,000 yuan/person/year: a context figure has no Chinese form, so zh is the English
    "cn.poverty_line_2020_current": {
        "": "about 4,000 yuan per person per year",
        "en": "about 4,000 yuan per person per year",
        "zh": "about 4,000 yuan per person per year",
        "n": "4,000",
        "q": "about 4,000",
        ".1n": "4,000.0",
    },
    "cn.rural_centralized_water_2020": {"": "88%", "n": "88", ".1": "88.0%"},
}


@pytest.mark.parametrize(
    "figure_id, spec, expected", [(i, s, e) for i, specs in FORMATS.items() for s, e in specs.items()]
)
def test_format_specs_of_claims_and_context_figures(figure_id, spec, expected):
    figure = ref(figure_id) if figure_id.startswith("cn.") else claim(figure_id)
    assert format(figure, spec) == expected


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("", "290,000 person-times (29万人次)"),
        ("en", "290,000 person-times"),
        ("zh", "29万人次"),
        ("n", "290,000"),
        ("q", "290,000"),
        (".1n", "290,000.0"),
    ],
)
def test_format_specs_of_a_report(spec, expected):
    """r047 states 29万人次 (290,000) for the claim employment.workers_trained, in the claim's unit."""
    figure = reported("r047")
    assert figure.unit == "person-times" and figure.value == 290_000
    assert format(figure, spec) == expected


@pytest.mark.parametrize(
    "constant, spec, expected",
    [
        (KW_PER_MW, "", "1,000 kW"),
        (KW_PER_MW, "en", "1,000 kW"),
        (KW_PER_MW, "zh", "1,000 kW"),
        (KW_PER_MW, "n", "1,000"),
        (KW_PER_MW, "q", "1,000"),
        (KW_PER_MW, ".1n", "1,000.0"),
        (HOURS_PER_YEAR, "", "8,760 hours"),
        (HOURS_PER_YEAR, "en", "8,760 hours"),
        (HOURS_PER_YEAR, "n", "8,760"),
        (HOURS_PER_YEAR, ".1", "8,760.0 hours"),
        (ALL, "", "100%"),
        (ALL, "n", "100"),
    ],
)
def test_format_specs_of_constants(constant, spec, expected):
    assert format(constant, spec) == expected


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("", "3.65 people"),
        ("en", "3.65 people"),
        ("zh", "3.65 people"),
        ("n", "3.65"),
        ("q", "3.65"),
        (".1", "3.7 people"),
        (".0n", "4"),
        (".3en", "3.652 people"),
    ],
)
def test_format_specs_of_a_derived_metric(f, spec, expected):
    """350,600 ÷ 96,000 = 3.6520833 people, named with 2 decimals; a spec's decimals override the name's."""
    per_household = (f.people / f.households).named("People per household", "people", 2)
    assert format(per_household, spec) == expected


def test_qualifier_format_of_a_derived_bound(f):
    share = (f.relocated / f.relocated_cn).named("Share", "percent", 2)
    assert f"{share:q}" == "at most 0.40" and f"{share:n}" == "0.40" and f"{share:en}" == "at most 0.40%"


@pytest.mark.parametrize("spec", ["x", "d", ".2f", "en.1", "zhn"])
def test_unknown_format_spec_names_the_figure(f, spec):
    with pytest.raises(
        ValueError, match=rf"unknown format '{re.escape(spec)}' for 'Registered poor people lifted out of poverty'"
    ):
        format(f.people, spec)


def test_human_units():
    """Numbers in words: billions and millions of yuan, counts with singular and plural, rates and years."""
    assert human(Decimal("2128000000"), "yuan") == "2.128 billion yuan"  # 2,128,000,000 = 2.128 × 10⁹
    assert human(Decimal("600000"), "yuan") == "600,000 yuan"  # below a million: every digit
    assert human(Decimal("350600"), "people") == "350,600 people"
    assert human(Decimal("1"), "households") == "1 household"
    assert human(96.34, "percent") == "96.34%"
    assert human(10.700000000000003, "points", 1) == "10.7 percentage points"
    assert human(2017, "year") == "2017"
    assert human(Decimal("2653.85"), "km") == "2,653.85 km"
    assert human(4920, "yuan/person/year") == "4,920 yuan per person per year"
    assert human(37_230_000, "m3") == "37,230,000 m³"


# --- windows ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, months",
    [
        ("aid", 36),  # 2017/2019: January 2017 to December 2019 = 3 × 12
        ("capacity", 56),  # 2016/2020-08: (2020 − 2016) × 12 + 8 = 56
        ("agri_funds", 30),  # 2018-01/2020-06: (2020 − 2018) × 12 + 6 = 30
    ],
)
def test_months_of_a_reporting_window(f, name, months):
    figure = getattr(f, name)
    assert f"{figure.months:en}" == f"{months} months"
    assert figure.months.value == months


def test_per_year_spreads_a_total_over_its_window(f):
    yearly = f.aid.per_year("Student aid per year", "yuan/year")
    assert yearly.value == pytest.approx(2_128_000_000 / 36 * 12)  # = 709,333,333.33
    assert yearly.formula == "21.28亿元 ÷ 36 months × 12 months a year"
    assert yearly.ids == ("education.student_aid_funds",)
    assert f"{yearly}" == "709.33 million yuan/year"
    capacity = f.capacity.per_year("Capacity per year", "m3", 0)
    assert capacity.value == pytest.approx(37_230_000 / 56 * 12)  # = 7,977,857.14
    assert f"{capacity:n}" == "7,977,857"


def test_a_claim_without_a_window_has_no_months(f):
    with pytest.raises(ValueError, match=r"relocation\.people_relocated states no reporting window"):
        _ = f.relocated.months
    with pytest.raises(ValueError, match="states no reporting window"):
        f.relocated.per_year("Per year", "people")


# --- comparison words -------------------------------------------------------------------------------------------------


def test_compare_rates(f):
    """99.7% against 88%: 11.7 percentage points above; the other way round, below."""
    up = compare(f.water_latest, f.water_cn)
    assert (up.word, up.more, up.phrase) == ("above", "more than", "11.7 percentage points above")
    assert up.gap.unit == "points" and up.gap.value == pytest.approx(11.7)  # 99.7 − 88
    assert up.gap.formula == "99.7% − 88% (China)"
    assert f"{up.times}" == "1.13 times"  # 99.7 ÷ 88 = 1.1330
    down = compare(f.water_cn, f.water_latest)
    assert (down.word, down.phrase) == ("below", "11.7 percentage points below")
    assert down.gap.formula == "99.7% − 88% (China)"  # the gap is always larger minus smaller
    assert f"{down.times}" == "0.88 times"  # 88 ÷ 99.7 = 0.8826


def test_compare_counts(f):
    """38,044 people against 32,227: 5,817 more; the other way round, fewer (people are counted)."""
    more = compare(f.relocated, f.dongchuan)
    assert (more.word, more.more, more.phrase) == ("above", "more than", "5,817 people more than")  # 38,044 − 32,227
    assert more.times.value == pytest.approx(38_044 / 32_227)
    fewer = compare(f.dongchuan, f.relocated)
    assert (fewer.word, fewer.more, fewer.phrase) == ("below", "fewer than", "5,817 people fewer than")
    assert f"{fewer}" == "5,817 people fewer than"  # a comparison formats as its phrase


def test_compare_amounts(f):
    """4,920 against 4,500 yuan a year: 420 more; an amount is less, not fewer."""
    assert compare(f.dibao, f.dibao_yn).phrase == "420 yuan per person per year more than"
    less = compare(f.dibao_yn, f.dibao)
    assert (less.more, less.phrase) == ("less than", "420 yuan per person per year less than")


def test_compare_equal_figures(f):
    same = compare(f.storage, f.storage)
    assert (same.word, same.more, same.phrase, same.sign) == ("level with", "as many as", "as many as", 0)
    assert compare(f.dibao, f.dibao).more == "as much as"
    assert compare(f.in_county, f.in_county).phrase == "level with"


def test_tolerance_counts_a_small_gap_as_level(f):
    """99.83% against 99.8%: a gap of 0.03 points, level within 0.05, above within 0.02."""
    exact = compare(f.grid, f.grid_target)
    assert exact.gap.value == pytest.approx(0.03)
    assert exact.word == "above"
    level = compare(f.grid, f.grid_target, tolerance=0.05)
    assert (level.word, level.phrase, level.sign) == ("level with", "level with", 0)
    assert compare(f.grid, f.grid_target, tolerance=0.02).phrase == "0.03 percentage points above"
    counts = compare(f.relocated, f.dongchuan, tolerance=6000)  # 5,817 ≤ 6,000 people
    assert counts.phrase == "as many as"


def test_compare_different_units_raises(f):
    with pytest.raises(
        ValueError,
        match=r"cannot compare Rural centralized water-supply rate \(percent\) with "
        r"Registered poor people lifted out of poverty \(people\): the units differ",
    ):
        compare(f.water_latest, f.people)
    with pytest.raises(ValueError, match="the units differ"):
        compare(f.dibao, f.aid)  # yuan/person/year against yuan


def test_public_surface_exports_the_constants():
    """The README's import line works: every constant of definition is a value with its unit."""
    assert {helpers.ALL.unit, helpers.DAYS_PER_YEAR.unit, helpers.MU_PER_HECTARE.unit} == {"percent", "days", "mu"}
    assert isinstance(helpers.ALL - claim("health.in_county_treatment_rate"), Derived)


def test_a_chart_citation_gives_the_publication_date_or_says_it_has_none():
    dated = ref("yn.chuxiong_poor_people")
    assert dated.brief == f"{dated.source.split(' (')[0]}, {dated.source_date}"
    undated = ref("yn.lincang_poor_people")
    assert not undated.source_date
    # the session date in the rest of the source text is not the page's publication date
    assert undated.brief == "糖网, undated"
