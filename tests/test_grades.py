"""Grades are derived from the checks and the reports elsewhere (helpers/ledger/grades.py), never kept by hand.

The rules, first match wins: a check finds the claim inconsistent → ``inconsistent``; a report that is not a copy
gives another figure → ``reported_differently``; a report that is neither a copy nor the Kunming government
repeating itself gives the same figure → ``corroborated``; a consistent check against a context figure →
``consistent_with_context``; a consistent check against the article's own figures → ``coherent``; else
``restated_only``. The tests edit copies of data/ and watch the grades move.
"""

from __future__ import annotations

import shutil

import pytest
from test_data import real_data_untouched  # noqa: F401  (module-wide guard on the real data/)

import helpers
import helpers.ledger.checks
import helpers.ledger.data
import helpers.ledger.errors
import helpers.ledger.grades
from helpers.ledger import paths, schema

from datafiles import read_rows, row_where, set_cell, write_rows


def grade_of(folder, claim_id):
    return helpers.ledger.grades.load_grades(folder).set_index("id").loc[claim_id]


def append(path, **cells):
    """Append a row to a CSV copy; columns not given are empty."""
    rows = read_rows(path)
    write_rows(path, rows + [[cells.get(column, "") for column in rows[0]]])


# --- reports move the grade: one shared copy ------------------------------------------------------------------------

#: Claims with no check and no report in the real data (restated only), the reports the shared copy adds to each
#: (relation, origin), and the grade the rules then give.
ADDED = {
    "water.pipelines": ([("same", "kunming_media")], "repeated_by_source"),  # the source's own media
    "water.pumping_stations": ([("same", "yunnan_government")], "corroborated"),
    "water.purification_equipment": ([("same", "other_media")], "corroborated"),
    "water.cistern_purifiers": ([("same", "kunming_government")], "repeated_by_source"),  # the source itself
    "water.drinking_water_projects": ([("copy", "copy")], "restated_only"),  # a reprint never counts
    "electricity.pv_station_counties": ([("related", "other_media")], "restated_only"),  # another scope or measure
    "electricity.pv_grid_capacity": ([("different", "kunming_government")], "reported_differently"),
    "housing.dilapidated_renovations_since_2006": ([("different", "other_media")], "reported_differently"),
    "roads.roadbed_upgrading": ([("same", "other_media"), ("different", "other_media")], "reported_differently"),
    # and a made-up check 'is the surfacing at most the roadbed upgrading?', which 2,653.85 km > 966.5 km breaks:
    "roads.village_road_surfacing": ([("different", "yunnan_government")], "inconsistent"),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One copy of data/ with the reports of ADDED and the made-up check; its grades and reports by id."""
    folder = tmp_path_factory.mktemp("grades") / "data"
    shutil.copytree(paths.DATA, folder)
    claims = helpers.ledger.data.load_claims().set_index("id")
    number = 900
    for claim_id, (reports, _) in ADDED.items():
        as_written, value = claims.loc[claim_id, "as_written"], format(claims.loc[claim_id, "exact"], "f")
        for relation, origin in reports:
            number += 1
            # a different figure: one more than the claim's, written with 约 before the claim's own words
            stated, figure = (
                (f"约{as_written}", str(int(float(value)) + 1)) if relation == "different" else (as_written, value)
            )
            cells = dict(
                id=f"r{number}",
                claim=claim_id,
                relation=relation,
                origin=origin,
                as_stated=stated,
                value_stated=figure,
                publisher=f"Publisher {number}",
                publisher_zh=f"出版方{number}",
                published="2020-09-01",
                period_stated="not stated",
                period_stated_zh="未注明",
                url=f"https://example.org/{number}",
                excerpt=f"全市{stated}。",
                search="s097",
                note=f"Note {number}.",
            )
            if relation == "copy":
                cells.update(as_stated="", value_stated="", published="")
            append(folder / "reports.csv", **cells)
    append(
        folder / "checks.csv",
        id="roads.surfacing_within_upgrading",
        sector="roads",
        about="roads.village_road_surfacing",
        question="Is the surfacing within the upgrading?",
        question_zh="路面硬化是否在路基改造之内？",
        rule="at_most",
        a="roads.village_road_surfacing",
        b="roads.roadbed_upgrading",
    )
    return helpers.ledger.grades.load_grades(folder).set_index("id"), helpers.ledger.data.load_reports(
        folder
    ).set_index("id")


def test_added_claims_start_restated_only():
    """The claims of ADDED have no check and no report in the real data, so what moves their grade is the test's."""
    grades = helpers.ledger.grades.load_grades().set_index("id")
    for claim_id in ADDED:
        assert tuple(grades.loc[claim_id, ["grade", "decided_by", "checks", "reports"]]) == (
            "restated_only",
            "",
            "",
            "",
        ), claim_id
    assert grades.loc["water.pipelines", "reason"] == "No check, context figure or other report bears on it."


@pytest.mark.parametrize("claim_id", sorted(ADDED))
def test_reports_move_the_grade(graded, claim_id):
    grades, reports = graded
    expected = ADDED[claim_id][1]
    assert grades.loc[claim_id, "grade"] == expected
    if expected in ("corroborated", "reported_differently", "repeated_by_source"):
        decided = reports.loc[grades.loc[claim_id, "decided_by"]]
        assert decided["claim"] == claim_id
        assert decided["relation"] == ("different" if expected == "reported_differently" else "same")
        if expected != "reported_differently":  # one rule for independence: only an independent origin corroborates
            assert schema.is_independent(decided["origin"]) == (expected == "corroborated")
    if expected == "restated_only":
        assert grades.loc[claim_id, "decided_by"] == ""
    mine = reports[reports["claim"] == claim_id]
    assert grades.loc[claim_id, "reports"].split() == list(
        mine.index[mine["relation"] != "copy"]
    )  # copies are not listed


def test_corroboration_reason_quotes_the_report(graded):
    grades, reports = graded
    report = reports.loc[grades.loc["water.pumping_stations", "decided_by"]]
    assert report["origin"] == "yunnan_government"
    written = helpers.claim("water.pumping_stations").as_written
    assert (
        grades.loc["water.pumping_stations", "reason"]
        == f"{report['publisher']} (2020-09-01) gives the same figure, {written} (not stated)."
    )
    own = reports.loc[grades.loc["water.pipelines", "decided_by"]]
    assert grades.loc["water.pipelines", "reason"] == (
        f"{own['publisher']} (2020-09-01), the source's own media, gives the same figure, 4836千米 (not stated): "
        "this dates it, but does not confirm it independently."
    )


def test_different_reason_quotes_the_report(graded):
    """A different figure counts whoever gives it, the Kunming government included."""
    grades, reports = graded
    report = reports.loc[grades.loc["electricity.pv_grid_capacity", "decided_by"]]
    assert report["origin"] == "kunming_government"
    assert grades.loc["electricity.pv_grid_capacity", "reason"] == (
        f"{report['publisher']} (2020-09-01) gives {report['as_stated']} (not stated): {report['note']}"
    )


def test_inconsistent_check_beats_a_different_report(graded):
    grades, _ = graded
    row = grades.loc["roads.village_road_surfacing"]
    assert row["decided_by"] == "roads.surfacing_within_upgrading"
    # 2,653.85 − 966.5 = 1,687.35 km too many
    assert row["reason"] == (
        "Is the surfacing within the upgrading? 2,653.85 km (2653.85公里) exceeds 966.5 km (966.5公里) by 1,687.35 km."
    )


# --- checks move the grade ------------------------------------------------------------------------------------------


def test_flipped_check_makes_the_claim_inconsistent(data_copy):
    """With Yunnan's total at 300,000, Kunming's 350,600 exceeds it: the claim, coherent before (its same-figure reports
    are the source's own media), is inconsistent. A check that cannot fail still reports a failure."""
    claim_id = "overview.registered_poor_people"
    before = grade_of(data_copy, claim_id)
    # the check against Yunnan's total cannot fail at Kunming's scale, so it does not raise the grade while it passes
    assert before["grade"] == "coherent" and "overview.people_within_yunnan" in before["checks"].split()
    path = data_copy / "context.csv"
    set_cell(path, row_where(path, "id", "yn.rural_poor_lifted"), "value", "300000")
    grade = grade_of(data_copy, claim_id)
    assert (grade["grade"], grade["decided_by"]) == ("inconsistent", "overview.people_within_yunnan")
    # 350,600 − 300,000 = 50,600; the reason is the check's question and its evidence
    assert grade["reason"] == (
        "Are Kunming's registered poor within Yunnan's? 350,600 people (35.06万名) exceeds 300,000 people "
        "(Yunnan Province, 2012–2020) by 50,600 people. Both are counts of registered (建档立卡) poor "
        "people; Yunnan's is the end-of-campaign total."
    )


def test_real_copy_does_not_corroborate(data_copy):
    """overview.registered_poor_people is given again by r009 (Kunming's party media), which never corroborates, so
    its check against Yunnan's total decides. With r009 recoded as independent media it is corroborated; with r009
    only 'related', the reprint r011 is left and does not count: the check decides again."""
    assert tuple(grade_of(data_copy, "overview.registered_poor_people")[["grade", "decided_by"]]) == (
        "coherent",
        "overview.household_size",
    )
    path = data_copy / "reports.csv"
    set_cell(path, row_where(path, "id", "r009"), "origin", "other_media")
    assert tuple(grade_of(data_copy, "overview.registered_poor_people")[["grade", "decided_by"]]) == (
        "corroborated",
        "r009",
    )
    reports = helpers.ledger.data.load_reports(data_copy).set_index("id")
    assert tuple(reports.loc["r011", ["claim", "relation"]]) == ("overview.registered_poor_people", "copy")
    set_cell(data_copy / "reports.csv", row_where(data_copy / "reports.csv", "id", "r009"), "relation", "related")
    grade = grade_of(data_copy, "overview.registered_poor_people")
    assert (grade["grade"], grade["decided_by"]) == ("coherent", "overview.household_size")


def test_context_check_beats_internal_check(data_copy):
    """The relocated people have consistent context checks (within Yunnan's total, which cannot fail, and containing
    Dongchuan's, which could) and an internal one (household size): consistent_with_context, decided by the check that
    could fail; without the context checks they are coherent."""
    claim_id = "relocation.people_relocated"
    assert tuple(grade_of(data_copy, claim_id)[["grade", "decided_by"]]) == (
        "consistent_with_context",
        "relocation.dongchuan_within_kunming",
    )
    path = data_copy / "checks.csv"
    context_checks = {"relocation.people_within_yunnan", "relocation.dongchuan_within_kunming"}
    write_rows(path, [r for r in read_rows(path) if r[0] not in context_checks])
    assert tuple(grade_of(data_copy, claim_id)[["grade", "decided_by"]]) == ("coherent", "relocation.household_size")


def test_a_check_the_bounds_cannot_settle_does_not_raise_a_grade():
    """Kunming's later water rate (99.7%) against Yunnan's "over 93%": the bound allows either answer, so the
    context check cannot be checked and the grade rests on the internal check against 2015."""
    grade = helpers.ledger.grades.load_grades().set_index("id").loc["water.centralized_supply_rate_latest"]
    assert (grade["grade"], grade["decided_by"]) == ("coherent", "water.rate_rose")


# --- the real grades --------------------------------------------------------------------------------------------------


def test_cannot_be_checked_leaves_restated_only_with_the_question():
    grade = helpers.ledger.grades.load_grades().set_index("id").loc["water.storage_facilities"]
    assert (grade["grade"], grade["decided_by"]) == ("restated_only", "water.storage_lower_bound")
    assert grade["reason"].startswith("Is the storage-facility count exact? ")


def test_every_claim_has_exactly_one_known_grade():
    grades = helpers.ledger.grades.load_grades()
    assert grades["id"].is_unique
    assert list(grades["id"]) == list(helpers.ledger.data.load_claims()["id"])  # one row per claim, in ledger order
    assert set(grades["grade"]) <= set(schema.GRADES)
    assert not grades["reason"].str.contains("{", regex=False).any()


def test_grades_agree_with_the_checks_and_reports():
    """On the real data: a claim is inconsistent exactly when one of its checks is; corroborated claims are decided by
    a 'same' report that is not a copy and not the Kunming government's; checks listed are the claim's own."""
    grades = helpers.ledger.grades.load_grades().set_index("id")
    checks = helpers.ledger.checks.load_checks()
    reports = helpers.ledger.data.load_reports().set_index("id")
    for claim_id, row in grades.iterrows():
        mine = [c for c in checks if claim_id in c.about]
        assert row["checks"].split() == [c.id for c in mine]
        assert (row["grade"] == "inconsistent") == any(
            c.verdict == "inconsistent" and c.power != "reading" for c in mine
        )
        if row["grade"] == "corroborated":
            report = reports.loc[row["decided_by"]]
            assert report["claim"] == claim_id and report["relation"] == "same"
            assert schema.is_independent(report["origin"])
        if row["grade"] in ("consistent_with_context", "coherent"):
            decided = next(c for c in mine if c.id == row["decided_by"])
            assert decided.verdict == "consistent" and decided.raises_grade and decided.power == "test"
            assert decided.basis == ("context" if row["grade"] == "consistent_with_context" else "internal")


def test_grade_counts_and_problems_follow_the_derived_grades():
    """Notebooks count grades through the ledger, never by typing a grade's name: the counts are the grades'."""
    ledger = helpers.validated_claims()
    grades = helpers.ledger.grades.load_grades()
    counts = ledger.grade_counts
    for grade in schema.GRADES:
        assert getattr(counts, grade) == int((grades["grade"] == grade).sum())
    assert counts.problems == int(grades["grade"].isin(["inconsistent", "reported_differently"]).sum())
    assert list(ledger.problems["id"]) == list(
        grades.loc[grades["grade"].isin(["inconsistent", "reported_differently"]), "id"]
    )
    with pytest.raises(AttributeError, match="no grade 'consistent'"):
        _ = counts.consistent


# --- check power: a check that cannot fail, or only meets a standard, never raises a grade ----------------------------


def test_a_check_that_cannot_fail_is_shown_but_does_not_raise_the_grade():
    """57 resettlement sites against Yunnan's 2,832 cannot fail; it is the sites' only check, so they stay
    restated_only, and the reason quotes the check with the sentence saying why it does not count."""
    grade = helpers.ledger.grades.load_grades().set_index("id").loc["relocation.resettlement_sites"]
    assert (grade["grade"], grade["decided_by"]) == ("restated_only", "relocation.sites_within_yunnan")
    assert grade["reason"].endswith(schema.POWERS["cannot_fail"])


def test_a_standard_met_does_not_raise_the_grade_until_it_is_recorded_as_a_test(data_copy):
    claim_id = "electricity.rural_grid_reliability"
    assert grade_of(data_copy, claim_id)["grade"] == "restated_only"
    path = data_copy / "checks.csv"
    set_cell(path, row_where(path, "id", "electricity.reliability_vs_target"), "power", "")
    assert tuple(grade_of(data_copy, claim_id)[["grade", "decided_by"]]) == (
        "consistent_with_context",
        "electricity.reliability_vs_target",
    )


@pytest.mark.parametrize(
    "check_id, power, share",
    [
        ("relocation.sites_within_yunnan", "", "2.0%"),  # 57 of 2,832 sites, recorded as a test
        ("industry.completed_within_implemented", "cannot_fail", "79.2%"),  # 532 of 672 projects
    ],
)
def test_a_part_of_a_whole_is_recorded_cannot_fail_exactly_when_it_is_under_a_fifth(data_copy, check_id, power, share):
    path = data_copy / "checks.csv"
    row = row_where(path, "id", check_id)
    set_cell(path, row, "power", power)
    with pytest.raises(helpers.ledger.errors.DataValidationError) as caught:
        helpers.ledger.grades.load_grades(data_copy)
    message = str(caught.value)
    assert "checks.csv" in message and f"row {row}" in message and "power" in message and share in message


def test_the_rangers_do_not_add_up_as_worded_and_the_verdict_follows_the_figures(data_copy):
    """8,913 rangers for 1,947 households is 4.58 a household, more than the 3.65 people of an average registered
    poor household: inconsistent as worded, computed from the figures. Against households twice as large it fits."""
    check = next(c for c in helpers.ledger.checks.load_checks(data_copy) if c.id == "ecology.rangers_and_households")
    assert check.verdict == "inconsistent" and check.evidence.startswith("8913名 ÷ 1947户 = 4.58 people exceeds")
    assert grade_of(data_copy, "ecology.forest_rangers")["grade"] == "inconsistent"
    path = data_copy / "checks.csv"
    doubled = "overview.registered_poor_people * 2 / overview.registered_poor_households in people"
    set_cell(path, row_where(path, "id", "ecology.rangers_and_households"), "b", doubled)
    check = next(c for c in helpers.ledger.checks.load_checks(data_copy) if c.id == "ecology.rangers_and_households")
    assert check.verdict == "consistent"


def test_the_codebook_says_what_each_grade_does_not_show():
    codebook = (paths.DATA / "README.md").read_text(encoding="utf-8")
    for grade, limit in schema.GRADE_LIMITS.items():
        assert f"| `{grade}` |" in codebook and limit in codebook, grade
    assert set(schema.GRADE_LIMITS) == set(schema.GRADES)
