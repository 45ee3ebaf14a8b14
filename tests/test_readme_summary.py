"""The README's summary is written by hand, so it is held to the ledger: every count, figure and verdict it states
is recomputed here from the data, and a change of the data that makes a sentence false fails the suite."""

from __future__ import annotations

import re

import pytest

import helpers
import helpers.ledger.checks
import helpers.ledger.grades
from helpers import claim, ref
from helpers.ledger import paths
from helpers.ledger.values import human

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")
SUMMARY = " ".join(README[README.index("**What the check found**") : README.index("## Two commands")].split())


@pytest.fixture(scope="module")
def ledger():
    return {
        "grades": helpers.ledger.grades.load_grades().set_index("id"),
        "checks": {c.id: c for c in helpers.ledger.checks.load_checks()},
        "counts": helpers.validated_claims().grade_counts,
    }


def shown(value, decimals=0) -> str:
    """A number as the README writes it: thousands separators, the given decimals."""
    return f"{value:,.{decimals}f}"


def test_the_problem_count_and_the_rangers_figures_are_the_ledger_s(ledger):
    rangers, households = claim("ecology.forest_rangers"), claim("ecology.ranger_households")
    people, poor_households = claim("overview.registered_poor_people"), claim("overview.registered_poor_households")
    per_household = rangers.value / households.value
    household_size = people.value / poor_households.value
    assert per_household > household_size  # "more than the … people of an average registered poor household"
    for text in (shown(per_household, 2), shown(rangers.value), shown(households.value), shown(household_size, 2)):
        assert text in SUMMARY, text
    stated = int(re.search(r"so (\d+) claims \(the rangers", SUMMARY).group(1))
    inconsistent = ledger["grades"][ledger["grades"]["grade"] == "inconsistent"]
    assert stated == ledger["counts"].inconsistent == len(inconsistent)
    assert set(inconsistent.index) == {"ecology.forest_rangers", "ecology.ranger_households"}
    assert ledger["checks"]["ecology.rangers_and_households"].verdict == "inconsistent"


def test_nothing_outside_the_article_contradicts_a_figure_as_the_summary_says(ledger):
    assert "No figure is contradicted by another publication or by a cited outside figure" in SUMMARY
    assert ledger["counts"].reported_differently == 0
    assert not [c for c in ledger["checks"].values() if c.basis == "context" and c.finds_a_problem]


def test_the_dual_binding_sentence_gives_both_readings_with_the_ledger_s_numbers(ledger):
    coverage = claim("industry.dual_binding_coverage")
    enterprises, cooperatives = (
        claim("industry.households_linked_to_enterprises"),
        claim("industry.households_linked_to_cooperatives"),
    )
    base = claim("industry.eligible_poor_households")
    chain_bound = 100 * cooperatives.value / base.value
    for text in (shown(enterprises.value), shown(cooperatives.value), shown(base.value), f"{chain_bound:.1f}%"):
        assert text in SUMMARY, text
    assert f"coverage of {human(coverage.exact, coverage.unit)}" in SUMMARY
    union, chain = ledger["checks"]["industry.dual_binding_fits"], ledger["checks"]["industry.dual_binding_chain"]
    # "it fits … and it does not": the union check passes, the chain check fails, and neither moves the grade
    assert (union.verdict, chain.verdict) == ("consistent", "inconsistent")
    assert union.power == chain.power == "reading"
    assert "no source settles the reading" in SUMMARY.lower()
    assert ledger["grades"].loc[coverage.id, "grade"] == "restated_only"


def test_no_claim_is_corroborated_and_the_source_is_not_named(ledger):
    assert "no claim is graded corroborated" in SUMMARY and ledger["counts"].corroborated == 0
    assert "cannot be called the source" in SUMMARY
    assert ledger["checks"]["overview.primary_source"].verdict == "cannot be checked"
    assert "most likely" not in SUMMARY


def test_the_example_of_a_check_that_cannot_fail_is_one(ledger):
    sites, yunnan = claim("relocation.resettlement_sites"), ref("yn.relocation_sites")
    assert f"{shown(sites.value)} of Yunnan's {shown(yunnan.value)} resettlement sites" in SUMMARY
    check = ledger["checks"]["relocation.sites_within_yunnan"]
    assert check.powerless and check.power == "cannot_fail"
