"""Checks follow the data: checks.csv is validated, computed verdicts and their words change when a figure does,
and a judged check stops loading when a figure it was judged on changes.

Every edit is made in a copy (``data_copy`` or a project copy); the expected numbers are worked out by hand in the
comments.
"""

from __future__ import annotations

import pytest
from test_data import real_data_untouched  # noqa: F401  (module-wide guard on the real data/)

import helpers
import helpers.ledger.checks
import helpers.ledger.grades
from helpers.ledger import schema
from helpers.ledger.checks import compare
from helpers.ledger.errors import DataValidationError, PremiseChangedError

from datafiles import get_cell, read_rows, row_where, set_cell, write_rows

WATER_CHINA = "cn.rural_centralized_water_2020"
WATER_LATEST = "water.centralized_supply_rate_latest"


def check(checks, check_id):
    return next(c for c in checks if c.id == check_id)


def edit(folder, filename, key, column, value):
    """Set one cell of the row whose id is ``key``."""
    path = folder / filename
    set_cell(path, row_where(path, "id", key), column, value)


def add_check(folder, **cells):
    """Append a row to checks.csv; columns not given are empty."""
    path = folder / "checks.csv"
    rows = read_rows(path)
    rows.append([cells.get(column, "") for column in rows[0]])
    write_rows(path, rows)
    return len(rows)  # its spreadsheet row


def problems_of(folder):
    with pytest.raises(DataValidationError) as info:
        helpers.ledger.checks.load_checks(folder)
    return info.value.problems, str(info.value)


def expect_problem(folder, key, column, expected, value=None):
    """Loading checks fails with a problem in the row of ``key``, at ``column``, expecting ``expected``."""
    row = row_where(folder / "checks.csv", "id", key)
    problems, message = problems_of(folder)
    hits = [
        p for p in problems if (p.file, p.row, p.column) == ("data/checks.csv", row, column) and expected in p.expected
    ]
    assert hits, f"no problem at data/checks.csv row {row} column {column!r} expecting {expected!r}; got:\n{message}"
    if value is not None:
        assert hits[0].value == value
    assert f"  - {hits[0]}" in message.splitlines()  # data/checks.csv, row n, column 'c': found …; expected …
    assert str(hits[0]).startswith(f"data/checks.csv, row {row}, column '{column}': ")
    return hits[0]


# --- checks.csv is validated ------------------------------------------------------------------------------------------


def test_unknown_rule(data_copy):
    edit(data_copy, "checks.csv", "overview.people_within_yunnan", "rule", "compare")
    expect_problem(
        data_copy, "overview.people_within_yunnan", "rule", "one of at_most, at_least, above, below", "compare"
    )


@pytest.mark.parametrize(
    "check_id, column, needs",
    [
        ("overview.people_within_yunnan", "b", "a, b"),  # at_most needs a and b
        ("industry.linked_within_base", "c", "a, b, c"),  # overlap needs the base in c
        ("overview.household_size", "c", "a, b, c"),  # level needs the tolerance in c
    ],
)
def test_computed_rule_missing_an_operand(data_copy, check_id, column, needs):
    edit(data_copy, "checks.csv", check_id, column, "")
    rule = get_cell(data_copy / "checks.csv", row_where(data_copy / "checks.csv", "id", check_id), "rule")
    expect_problem(data_copy, check_id, column, f"an operand, since rule '{rule}' needs {needs}", "")


@pytest.mark.parametrize(
    "operand, why",
    [
        ("overview.registered_poor_people +", "is not an expression over ids"),
        ("overview.registered_poor_peple", "no claim 'overview.registered_poor_peple'"),
        ("__import__('os')", "only ids, constants, numbers and + - * / are allowed"),
        ("water.pipelines", "cannot compare"),  # km against people: the units differ
        ("water.pipelines.end", "'at_most' compares figures, not dates"),  # 2016/2020-08 ends on 2020-08-31
        ("overview.registered_poor_people.end", "overview.registered_poor_people states no period, so it has no end"),
    ],
)
def test_operand_that_does_not_evaluate(data_copy, operand, why):
    edit(data_copy, "checks.csv", "overview.people_within_yunnan", "a", operand)
    problem = expect_problem(
        data_copy,
        "overview.people_within_yunnan",
        "a",
        "operands the rule 'at_most' can evaluate",
        f"{operand} | yn.rural_poor_lifted",
    )
    assert why in problem.expected


def test_computed_check_may_not_store_a_verdict(data_copy):
    edit(data_copy, "checks.csv", "overview.people_within_yunnan", "verdict", "consistent")
    expect_problem(
        data_copy, "overview.people_within_yunnan", "verdict", "no stored verdict or premises for a computed check"
    )


def test_computed_check_may_not_pin_premises(data_copy):
    edit(data_copy, "checks.csv", "overview.people_within_yunnan", "premises", "overview.registered_poor_people=350600")
    expect_problem(
        data_copy, "overview.people_within_yunnan", "verdict", "no stored verdict or premises for a computed check"
    )


@pytest.mark.parametrize(
    "column, expected",
    [
        ("verdict", "a verdict, since rule is 'judged'"),
        ("reason", "the reason for the judgement, since rule is 'judged'"),
    ],
)
def test_judged_check_needs_verdict_and_reason(data_copy, column, expected):
    edit(data_copy, "checks.csv", "water.storage_lower_bound", column, "")
    expect_problem(data_copy, "water.storage_lower_bound", column, expected, "")


def test_judged_check_without_premises_for_the_figures_it_names(data_copy):
    """Its reason names {water.storage_facilities}; with no premises the judgement is pinned to nothing."""
    edit(data_copy, "checks.csv", "water.storage_lower_bound", "premises", "")
    expect_problem(
        data_copy,
        "water.storage_lower_bound",
        "reason",
        "placeholders naming premises only: add water.storage_facilities=<its value> to premises",
        "{water.storage_facilities}",
    )


@pytest.mark.parametrize(
    "premises", ["water.storage_facility=4000", "water.storage_facilities", "water.storage_facilities=many"]
)
def test_judged_check_premises_written_id_equals_value(data_copy, premises):
    edit(data_copy, "checks.csv", "water.storage_lower_bound", "premises", premises + " water.storage_facilities=4000")
    expect_problem(
        data_copy,
        "water.storage_lower_bound",
        "premises",
        "premises written id=value, with ids in claims.csv or context.csv",
    )


def test_judged_check_takes_no_operands(data_copy):
    edit(data_copy, "checks.csv", "water.storage_lower_bound", "a", "water.storage_facilities")
    expect_problem(data_copy, "water.storage_lower_bound", "a", "no operands (a, b, c) for a judged check")


def test_check_grades_only_known_claims(data_copy):
    edit(data_copy, "checks.csv", "water.rate_rose", "about", f"{WATER_LATEST} water.rate_latest")
    expect_problem(data_copy, "water.rate_rose", "about", "ids of claims in claims.csv", "water.rate_latest")


def test_check_id_starts_with_its_sector(data_copy):
    edit(data_copy, "checks.csv", "water.rate_rose", "sector", "roads")
    expect_problem(data_copy, "water.rate_rose", "id", "an id starting with its sector, 'roads.'", "water.rate_rose")


# --- the premise rule -------------------------------------------------------------------------------------------


def lower_latest_rate(folder):
    """Change the later water rate from 99.7 to 9.7, as a consistent edit of its row (as_written '9.7%' lies inside
    the quote '…提升到99.7%'), so claims.csv itself still validates."""
    edit(folder, "claims.csv", WATER_LATEST, "value", "9.7")
    edit(folder, "claims.csv", WATER_LATEST, "as_written", "9.7%")
    assert helpers.claim(WATER_LATEST, folder).value == 9.7


def test_changed_claim_premise_stops_loading(data_copy):
    """water.latest_undated was judged with the later rate at 99.7; once it is 9.7, loading stops and says so."""
    assert check(helpers.ledger.checks.load_checks(data_copy), "water.latest_undated").verdict == "cannot be checked"
    lower_latest_rate(data_copy)
    with pytest.raises(PremiseChangedError) as info:
        helpers.ledger.checks.load_checks(data_copy)
    message = str(info.value)
    row = row_where(data_copy / "checks.csv", "id", "water.latest_undated")
    problem = next(p for p in info.value.problems if p.row == row)
    assert (problem.file, problem.column) == ("data/checks.csv", "premises")
    assert problem.value == f"{WATER_LATEST}=99.7"
    assert f"data/checks.csv, row {row}, column 'premises': found '{WATER_LATEST}=99.7'" in message
    assert (
        f"check 'water.latest_undated' rests on {WATER_LATEST}, which was 99.7 when it was judged and is now 9.7. "
        "Re-judge the check"
    ) in message
    with pytest.raises(PremiseChangedError):  # the grades rest on the checks, so they stop too
        helpers.ledger.grades.load_grades(data_copy)


def test_changed_context_premise_names_every_check_on_it(data_copy):
    edit(data_copy, "context.csv", "cn.poverty_line_2020_current", "value", "4100")
    with pytest.raises(PremiseChangedError) as info:
        helpers.ledger.checks.load_checks(data_copy)
    named = {p.expected.split("check '", 1)[1].split("'", 1)[0] for p in info.value.problems}
    header, *rows = read_rows(data_copy / "checks.csv")
    premises = header.index("premises")
    pinned = {row[0] for row in rows if "cn.poverty_line_2020_current=" in row[premises]}
    assert named == pinned == {"overview.current_standard", "social_assistance.which_standard"}
    assert "which was 4000 when it was judged and is now 4100" in str(info.value)


def test_rejudged_check_loads_and_computed_checks_follow(data_copy):
    """After re-judging (the premise updated to the new value) the data loads, and the computed checks on the
    rate follow it: 9.7% is 89 − 9.7 = 79.3 points below 89%, and short of Yunnan's 93%."""
    before = helpers.ledger.checks.load_checks(data_copy)
    assert check(before, "water.rate_rose").verdict == "consistent"
    assert check(before, "water.rate_rose").evidence == "99.7% is 10.7 percentage points above 89%."  # 99.7 − 89
    lower_latest_rate(data_copy)
    row = row_where(data_copy / "checks.csv", "id", "water.latest_undated")
    premises = get_cell(data_copy / "checks.csv", row, "premises")
    set_cell(data_copy / "checks.csv", row, "premises", premises.replace(f"{WATER_LATEST}=99.7", f"{WATER_LATEST}=9.7"))
    after = helpers.ledger.checks.load_checks(data_copy)
    assert check(after, "water.rate_rose").verdict == "inconsistent"
    assert check(after, "water.rate_rose").evidence == "9.7% is 79.3 percentage points below 89%."
    assert check(after, "water.latest_vs_yunnan").verdict == "inconsistent"
    assert "9.7% falls short of at least 93%" in check(after, "water.latest_vs_yunnan").evidence


# --- computed verdicts follow their operands --------------------------------------------------------------------------

#: One real check of each rule that checks.csv uses: an edit in the copy, and the verdict and words before and after.
FLIPS = {
    "at_most": dict(
        check="overview.people_within_yunnan",
        edit=("context.csv", "yn.rural_poor_lifted", "value", "300000"),
        before=("consistent", "350,600 people (35.06万名) is no more than 9,330,000 people"),
        # 350,600 − 300,000 = 50,600
        after=(
            "inconsistent",
            "350,600 people (35.06万名) exceeds 300,000 people (Yunnan Province, 2012–2020) by 50,600 people.",
        ),
    ),
    "at_least": dict(
        check="social_assistance.above_provincial_floor_2020",
        edit=("context.csv", "yn.rural_dibao_floor_2020", "value", "5000"),
        before=(
            "consistent",
            "4,920 yuan per person per year (4920元/人) is no less than 4,500 yuan per person per year",
        ),
        # 5,000 − 4,920 = 80
        after=(
            "inconsistent",
            "4,920 yuan per person per year (4920元/人) falls short of 5,000 yuan per person per year "
            "(Yunnan Province, 2020) by 80 yuan per person per year.",
        ),
    ),
    "above": dict(
        check="housing.renovations_beyond_register",
        edit=("checks.csv", "housing.renovations_beyond_register", "b", "housing.dilapidated_renovations_since_2006"),
        # 177,000 − 96,000 = 81,000 more; then 376,000 − 177,000 = 199,000 fewer
        before=(
            "consistent",
            "177,000 households (17.7万户) is 81,000 households more than 96,000 households (9.6万户).",
        ),
        after=(
            "inconsistent",
            "177,000 households (17.7万户) is 199,000 households fewer than 376,000 households (37.6万户).",
        ),
    ),
    "level": dict(
        check="overview.household_size",
        edit=("checks.csv", "overview.household_size", "c", "0.01"),
        # 350,600 / 96,000 = 3.652 and 38,044 / 10,566 = 3.601 people: a gap of 0.051, within 0.5 but beyond 0.01
        before=("consistent", "a gap of 0.05 people, within the tolerance of 0.5 people."),
        after=("inconsistent", "a gap of 0.05 people, beyond the tolerance of 0.01 people."),
    ),
    "overlap": dict(
        check="industry.linked_within_base",
        edit=("checks.csv", "industry.linked_within_base", "c", "electricity.pv_beneficiary_households"),
        # 34,319 + 62,049 = 96,368 > 85,641, each alone fits;
        # against a base of 14,200: 34,319 − 14,200 = 20,119 too many
        before=(
            "consistent",
            "Each count fits within 85,641 households (85641户). Together, 34,319 households (34319户) + "
            "62,049 households (62049户) = 96,368 households",
        ),
        after=(
            "inconsistent",
            "34,319 households (34319户) alone exceeds the base, 14,200 households (1.42万户), by 20,119 households.",
        ),
    ),
    "union": dict(
        check="industry.dual_binding_fits",
        edit=("checks.csv", "industry.dual_binding_fits", "c", "housing.dilapidated_renovations_since_2016"),
        # 98% × 85,641 = 83,928.18 lies in [62,049, 96,368]: overlap 96,368 − 83,928.18 = 12,439.82 ≈ 12,440;
        # 177,000 > 96,368 cannot be covered
        before=(
            "consistent",
            "lies between the larger count, 62,049 households (62049户), and the sum 34,319 households "
            "(34319户) + 62,049 households (62049户) = 96,368 households: "
            "it fits if 12,440 households are in both counts.",
        ),
        after=(
            "inconsistent",
            "177,000 households (17.7万户) is more than 34,319 households (34319户) + 62,049 households "
            "(62049户) = 96,368 households, so the two counts cannot cover it.",
        ),
    ),
    "before": dict(
        check="overview.xundian_exit_before_publication",
        edit=("context.csv", "km.xundian_exit_batch", "source_date", "2020-09-01"),
        before=("consistent", "2018-09-20 is before the article's publication (2020-08-11)."),
        after=("inconsistent", "2020-09-01 is after the article's publication (2020-08-11)."),
    ),
}


def test_every_rule_is_exercised():
    """FLIPS takes a real check for each rule checks.csv uses; ADDED covers the rules no real check uses."""
    used = {c.rule for c in helpers.ledger.checks.load_checks()} - {"judged"}
    assert set(FLIPS) == used
    assert {check(helpers.ledger.checks.load_checks(), f["check"]).rule for f in FLIPS.values()} == used
    assert set(ADDED) == set(schema.RULES) - used - {"judged"}


@pytest.mark.parametrize("rule", sorted(FLIPS))
def test_computed_verdict_follows_an_operand(data_copy, rule):
    case = FLIPS[rule]
    found = check(helpers.ledger.checks.load_checks(data_copy), case["check"])
    assert found.rule == rule
    assert found.verdict == case["before"][0] and case["before"][1] in found.evidence, found.evidence
    edit(data_copy, *case["edit"])
    found = check(helpers.ledger.checks.load_checks(data_copy), case["check"])
    assert found.verdict == case["after"][0] and case["after"][1] in found.evidence, found.evidence


#: Rules no real check uses: a row added to the copy, an edit, and the verdict and words before and after.
ADDED = {
    "below": dict(
        row=dict(
            id="water.baseline_below_yunnan",
            sector="water",
            about="water.centralized_supply_rate_2015",
            question="Was Kunming's 2015 rate below Yunnan's?",
            question_zh="昆明2015年的比率是否低于云南？",
            rule="below",
            a="water.centralized_supply_rate_2015",
            b="yn.rural_centralized_water_2015",
        ),
        edit=("context.csv", "yn.rural_centralized_water_2015", "value", "95"),
        before=("inconsistent", "89% is 6 percentage points above 83% (Yunnan Province, 2015)."),  # 89 − 83 = 6
        after=("consistent", "89% is 6 percentage points below 95% (Yunnan Province, 2015)."),
    ),  # 95 − 89 = 6
    "between": dict(
        row=dict(
            id="water.latest_in_range",
            sector="water",
            about=WATER_LATEST,
            question="Does the later rate lie between Yunnan's 2015 rate and 100%?",
            question_zh="后来的比率是否介于云南2015年的比率与100%之间？",
            rule="between",
            a=WATER_LATEST,
            b="yn.rural_centralized_water_2015",
            c="all",
        ),
        edit=("context.csv", "yn.rural_centralized_water_2015", "value", "99.9"),
        before=("consistent", "99.7% lies between 83% (Yunnan Province, 2015) and 100%."),
        # 99.9 − 99.7 = 0.2
        after=(
            "inconsistent",
            "99.7% lies outside the range: below 99.9% (Yunnan Province, 2015) by 0.2 percentage points.",
        ),
    ),
}


@pytest.mark.parametrize("rule", sorted(ADDED))
def test_added_check_of_an_unused_rule_follows_an_operand(data_copy, rule):
    case = ADDED[rule]
    add_check(data_copy, **case["row"])
    found = check(helpers.ledger.checks.load_checks(data_copy), case["row"]["id"])
    assert (found.rule, found.verdict, found.evidence) == (rule, *case["before"])
    edit(data_copy, *case["edit"])
    found = check(helpers.ledger.checks.load_checks(data_copy), case["row"]["id"])
    assert (found.verdict, found.evidence) == case["after"]


def test_between_above_the_upper_bound(data_copy):
    """The other side of 'between': 99.7% against the range 83% to 95% is above it by 99.7 − 95 = 4.7 points."""
    add_check(
        data_copy,
        id="water.latest_in_low_range",
        sector="water",
        about=WATER_LATEST,
        question="In range?",
        question_zh="是否在范围之内？",
        rule="between",
        a=WATER_LATEST,
        b="yn.rural_centralized_water_2015",
        c=WATER_CHINA,
    )
    edit(data_copy, "context.csv", WATER_CHINA, "value", "95")
    found = check(helpers.ledger.checks.load_checks(data_copy), "water.latest_in_low_range")
    assert found.verdict == "inconsistent"
    assert found.evidence == "99.7% lies outside the range: above 95% (China, 2020-12) by 4.7 percentage points."


def test_overlap_without_overlap(data_copy):
    """34,319 + 62,049 = 96,368 fits within 177,000 with no household in both counts."""
    edit(data_copy, "checks.csv", "industry.linked_within_base", "c", "housing.dilapidated_renovations_since_2016")
    found = check(helpers.ledger.checks.load_checks(data_copy), "industry.linked_within_base")
    assert found.verdict == "consistent"
    assert found.evidence.startswith(
        "34,319 households (34319户) + 62,049 households (62049户) = 96,368 households, which fits "
        "within 177,000 households (17.7万户) without any overlap."
    )


def test_basis_follows_the_inputs():
    """A check reading a context figure is 'context'; one over claims only is 'internal'; a judgement 'editorial'."""
    checks = helpers.ledger.checks.load_checks()
    assert check(checks, "water.latest_vs_yunnan").basis == "context"
    assert check(checks, "water.latest_vs_yunnan").inputs == (WATER_LATEST, "yn.rural_centralized_water_2020")
    assert check(checks, "water.rate_rose").basis == "internal"
    assert check(checks, "water.latest_undated").basis == "editorial"


# --- the water example: compare() and the checks follow context.csv ---------------------------------------------------


def test_water_comparison_follows_context(data_copy):
    """Kunming's 99.7% against China's 88% is 99.7 − 88 = 11.7 points above; with China at 99.9 it is 0.2 below."""
    comparison = compare(helpers.claim(WATER_LATEST, folder=data_copy), helpers.ref(WATER_CHINA, folder=data_copy))
    assert (comparison.word, comparison.phrase) == ("above", "11.7 percentage points above")
    edit(data_copy, "context.csv", WATER_CHINA, "value", "99.9")
    comparison = compare(helpers.claim(WATER_LATEST, folder=data_copy), helpers.ref(WATER_CHINA, folder=data_copy))
    assert (comparison.word, comparison.phrase, comparison.sign) == ("below", "0.2 percentage points below", -1)
    assert comparison.more == "less than"  # percent is an amount, not a count


def test_water_check_follows_context(data_copy):
    """No real check reads cn.rural_centralized_water_2020 (so nothing pins it and loading goes on); a check added on
    the two says 'above' with China at 88 and 'below' once China is at 99.9, and the claim's grade follows."""
    assert not [c.id for c in helpers.ledger.checks.load_checks(data_copy) if WATER_CHINA in c.inputs]
    assert f"{WATER_CHINA}=" not in (data_copy / "checks.csv").read_text(encoding="utf-8")
    add_check(
        data_copy,
        id="water.latest_above_china",
        sector="water",
        about=WATER_LATEST,
        question="Is the later rate above China's?",
        question_zh="后来的比率是否高于全国？",
        rule="above",
        a=WATER_LATEST,
        b=WATER_CHINA,
    )
    found = check(helpers.ledger.checks.load_checks(data_copy), "water.latest_above_china")
    assert (found.verdict, found.evidence) == (
        "consistent",
        "99.7% is 11.7 percentage points above 88% (China, 2020-12).",
    )
    edit(data_copy, "context.csv", WATER_CHINA, "value", "99.9")
    found = check(helpers.ledger.checks.load_checks(data_copy), "water.latest_above_china")
    assert (found.verdict, found.evidence) == (
        "inconsistent",
        "99.7% is 0.2 percentage points below 99.9% (China, 2020-12).",
    )
    grade = helpers.ledger.grades.load_grades(data_copy).set_index("id").loc[WATER_LATEST]
    assert (grade["grade"], grade["decided_by"]) == ("inconsistent", "water.latest_above_china")


# The water notebook run for real in a project copy with China's rate at 99.9% (the saved prose and chart then say
# Kunming's 99.7% is 0.2 points below it) is tested in test_robust_stale.py, on the same run as the stale outputs.


def test_the_rule_table_judges_every_computed_rule_and_nothing_else():
    """Each rule of the codebook's vocabulary is computed by one judge of the table; ``judged`` is stored instead."""
    from helpers.ledger.checks import JUDGES

    assert set(JUDGES) == set(schema.RULES) - {"judged"}
    with pytest.raises(helpers.ledger.checks.ExpressionError, match="unknown rule 'nearly'"):
        helpers.ledger.checks._computed("nearly", [helpers.claim(WATER_LATEST)] * 2)
