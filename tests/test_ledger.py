"""The one ledger: loaded and validated once, cached until a file changes, and the only source of the counts that the
notebooks and the pages print."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.ledger import relations, schema
from helpers.ledger.errors import DataValidationError
from helpers.ledger.ledger import Ledger
from helpers.notebook.sector import Sector
from helpers.publish import publication

from datafiles import get_cell, row_where, set_cell


def test_the_ledger_is_loaded_once_and_again_when_a_file_changes(data_copy):
    first = Ledger.load(data_copy)
    assert Ledger.load(data_copy) is first
    path = data_copy / "claims.csv"
    row = row_where(path, "id", "roads.village_road_surfacing")
    set_cell(path, row, "quote_en", get_cell(path, row, "quote_en") + " (edited)")
    second = Ledger.load(data_copy)
    assert second is not first
    text = second.claims.set_index("id").loc["roads.village_road_surfacing", "quote_en"]
    assert text.endswith(" (edited)")


def test_a_broken_file_stops_the_load_with_its_file_row_and_column(data_copy):
    path = data_copy / "claims.csv"
    row = row_where(path, "id", "roads.village_road_surfacing")
    set_cell(path, row, "value", "１３１６")
    with pytest.raises(DataValidationError, match=r"claims\.csv.*row.*value"):
        Ledger.load(data_copy)


def test_the_whole_tally_is_the_sum_of_the_sectors():
    ledger = Ledger.load()
    whole = ledger.tally()
    parts = [ledger.tally(s.slug) for s in schema.SECTORS]
    for name in ("claims", "checks", "consistent", "inconsistent", "open", "powerless"):
        assert getattr(whole, name) == sum(getattr(p, name) for p in parts), name
    for name in ("found", "same", "same_independent", "different", "related", "related_only", "copies", "not_found"):
        assert getattr(whole.elsewhere, name) == sum(getattr(p.elsewhere, name) for p in parts), name
    assert whole.sectors == len(schema.SECTORS)
    assert sum(getattr(whole.grades, g) for g in schema.GRADES) == whole.claims


def test_every_claim_is_found_elsewhere_or_searched_for_in_vain():
    """ "Not found" means searched for and found nowhere else; every claim is one or the other."""
    elsewhere = Ledger.load().elsewhere()
    assert elsewhere.unsearched_ids == ()
    assert elsewhere.found + elsewhere.not_found == elsewhere.claims


@pytest.mark.parametrize("slug", [None, *(s.slug for s in schema.SECTORS)])
def test_what_a_notebook_prints_is_the_ledgers_tally(slug):
    sector, tally = Sector(slug), Ledger.load().tally(slug)
    checks, elsewhere = sector.checks(), sector.elsewhere
    assert (checks.n_consistent, checks.n_inconsistent, checks.n_open, checks.n_powerless) == (
        tally.consistent,
        tally.inconsistent,
        tally.open,
        tally.powerless,
    )
    assert (elsewhere.found, elsewhere.not_found, elsewhere.same, elsewhere.same_independent) == (
        tally.elsewhere.found,
        tally.elsewhere.not_found,
        tally.elsewhere.same,
        tally.elsewhere.same_independent,
    )
    assert [getattr(sector.grade_counts, g) for g in schema.GRADES] == [getattr(tally.grades, g) for g in schema.GRADES]


def test_the_index_counts_are_the_ledgers_tally():
    tally = Ledger.load().tally()
    for lang in ("en", "zh"):
        page = publication._index(lang, publication.marked_translator(lang), pages=[], chart=None)
        assert (page["n_claims"], page["n_sectors"], page["n_checks"], page["powerless"]) == (
            tally.claims,
            tally.sectors,
            tally.checks,
            tally.powerless,
        )
        assert page["verdicts"] == {
            "consistent": tally.consistent,
            "inconsistent": tally.inconsistent,
            "open": tally.open,
        }
        assert (page["n_searches"], page["n_found"]) == (tally.elsewhere.searches, tally.elsewhere.found)
        assert [n for n, _ in page["grade_counts"]] == [getattr(tally.grades, g) for g in schema.GRADES]


def _reports(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"id": f"r{i}", "claim": c, "relation": rel, "origin": o} for i, (c, rel, o) in enumerate(rows)]
    )


def test_relations_count_no_copy_and_read_independence_from_the_schema():
    own = next(o for o in schema.ORIGINS if not schema.is_independent(o))
    other = next(o for o in schema.ORIGINS if schema.is_independent(o))
    reports = _reports(
        [
            ("a.x", "copy", own),
            ("b.y", "same", own),
            ("b.y", "same", other),
            ("c.z", "different", other),
            ("d.w", "related", other),
        ]
    )
    searches = pd.DataFrame({"claims": ["a.x b.y", "c.z d.w e.v"]})
    found = relations.elsewhere(["a.x", "b.y", "c.z", "d.w", "e.v", "f.u"], reports, searches)
    assert (found.found, found.same, found.same_independent, found.different, found.related_only) == (3, 1, 1, 1, 1)
    assert found.copies == 1 and found.searches == 2
    assert found.not_found_ids == ("a.x", "e.v") and found.unsearched_ids == ("f.u",)
    split = relations.by_claim(reports, ["a.x", "b.y"])
    assert split["a.x"].all.empty
    parts = [split["b.y"].same_own, split["b.y"].same_independent]
    assert list(split["b.y"].all.index) == sorted(i for part in parts for i in part.index) == [1, 2]  # file order
    assert list(split["b.y"].same_independent["origin"]) == [other] and list(split["b.y"].same_own["origin"]) == [own]


def _computed_from_the_figures() -> dict:
    """Everything the build records as reading only the claims' figures (``claims.csv *|figures``), as plain data."""
    from helpers.ledger import data
    from helpers.ledger.checks import load_checks
    from helpers.ledger.grades import load_grades
    from helpers.notebook import display

    ledger, whole = Ledger.load(), Sector(None)
    frame, sentences, summary = display.Reports(None)._parts()
    return {
        "grades": load_grades().to_dict("records"),
        "checks": [(c.id, c.verdict, c.evidence, c.evidence_zh) for c in load_checks()],
        "tally": [ledger.tally(s) for s in (None, *(x.slug for x in schema.SECTORS))],
        "gaps": data.coverage_gaps(),
        "frame": whole.frame.to_dict("records"),
        "len": len(whole),
        "parts": display.parts_table().frame.to_dict("records"),
        "codes": display.codes_table().frame.to_dict("records"),
        "reports": (frame.to_dict("records"), sentences, summary),
    }


def test_what_reads_only_the_figures_does_not_change_with_the_claims_prose(data_copy, monkeypatch):
    """The build re-runs the whole-ledger notebooks for an edited figure, not for an edited translation or note: so
    nothing that records ``claims.csv *|figures`` may read a column of ``schema.CLAIM_PROSE``."""
    from helpers.ledger import paths

    from datafiles import read_rows, write_rows

    before = _computed_from_the_figures()
    rows = read_rows(data_copy / "claims.csv")
    header = rows[0]
    for row in rows[1:]:
        for column in schema.CLAIM_PROSE:
            row[header.index(column)] = f"{row[header.index(column)]} (edited prose)".strip()
    write_rows(data_copy / "claims.csv", rows)
    monkeypatch.setattr(paths, "DATA", data_copy)
    assert Sector("roads").frame["quote_en"].str.endswith("(edited prose)").all()  # the edit is read
    assert _computed_from_the_figures() == before


def test_the_build_hashes_a_claims_figures_apart_from_its_prose():
    from helpers.ledger import paths
    from helpers.publish.buildcache import _row_hashes

    text = (paths.DATA / "claims.csv").read_text(encoding="utf-8")
    header, first = text.split("\n", 2)[:2]
    claim_id = first.split(",", 1)[0]
    base = _row_hashes(text.encode(), "claims.csv")
    prose = _row_hashes(text.replace(first, first + " ", 1).encode(), "claims.csv")  # the last column: note_zh
    assert header.split(",")[-1] in schema.CLAIM_PROSE
    assert prose[claim_id] != base[claim_id] and prose["*|figures"] == base["*|figures"]
    assert prose[f"{claim_id}|figures"] == base[f"{claim_id}|figures"]
    figure = text.replace(first, first.replace(",", ",x", 2), 1)  # its sector and kind changed, its id kept
    changed = _row_hashes(figure.encode(), "claims.csv")
    assert changed["*|figures"] != base["*|figures"] and changed[f"{claim_id}|figures"] != base[f"{claim_id}|figures"]
