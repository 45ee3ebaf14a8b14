"""Broken copies of the data files give one clear error naming file, row, column and expectation.

Each test breaks a copy in a temporary folder (the ``data_copy`` fixture); the real data/ is never written.
"""

from __future__ import annotations

import pytest

import helpers
from helpers.errors import DataValidationError, SourceChangedError
from datafiles import get_cell, read_rows, row_where, set_cell, write_rows

LOADERS = {
    "claims.csv": helpers.load_claims,
    "non_claims.csv": helpers.load_non_claims,
    "glossary.csv": helpers.load_glossary,
    "context.csv": helpers.load_context,
}


def problems_of(loader, data_dir):
    with pytest.raises(DataValidationError) as info:
        loader(data_dir)
    return info.value.problems, str(info.value)


def only(problems):
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


@pytest.mark.parametrize("filename", sorted(LOADERS))
def test_missing_file(data_copy, filename):
    (data_copy / filename).unlink()
    problem = only(problems_of(LOADERS[filename], data_copy)[0])
    assert problem.file == f"data/{filename}" and problem.row is None and "exist" in problem.expected


@pytest.mark.parametrize("filename, column", [("claims.csv", "unit"), ("non_claims.csv", "reason"), ("glossary.csv", "term_en"), ("context.csv", "source")])
def test_missing_column(data_copy, filename, column):
    path = data_copy / filename
    rows = read_rows(path)
    index = rows[0].index(column)
    write_rows(path, [r[:index] + r[index + 1 :] for r in rows])
    problems, message = problems_of(LOADERS[filename], data_copy)
    assert any(p.row == 1 and p.column == column and "header" in p.expected for p in problems)
    assert f"data/{filename}, row 1, column '{column}'" in message


@pytest.mark.parametrize("filename", sorted(LOADERS))
def test_unknown_column(data_copy, filename):
    path = data_copy / filename
    rows = read_rows(path)
    write_rows(path, [r + (["extra"] if i == 0 else ["x"]) for i, r in enumerate(rows)])
    problem = only(problems_of(LOADERS[filename], data_copy)[0])
    assert (problem.row, problem.column) == (1, "extra") and "only the columns" in problem.expected


@pytest.mark.parametrize("filename, column", [("claims.csv", "quote_en"), ("non_claims.csv", "reason"), ("glossary.csv", "explanation"), ("context.csv", "snippet")])
def test_empty_required_cell(data_copy, filename, column):
    set_cell(data_copy / filename, 3, column, "")
    problem = only(problems_of(LOADERS[filename], data_copy)[0])
    assert (problem.file, problem.row, problem.column) == (f"data/{filename}", 3, column)
    assert "required" in problem.expected


@pytest.mark.parametrize("filename", ["claims.csv", "context.csv"])
def test_non_numeric_value(data_copy, filename):
    set_cell(data_copy / filename, 4, "value", "9.6万")
    problems, message = problems_of(LOADERS[filename], data_copy)
    problem = next(p for p in problems if p.column == "value")
    assert problem.row == 4 and problem.value == "9.6万" and "plain number" in problem.expected
    assert f"data/{filename}, row 4, column 'value': found '9.6万'" in message


def test_duplicate_id(data_copy):
    path = data_copy / "claims.csv"
    set_cell(path, 5, "id", get_cell(path, 2, "id"))
    problems, _ = problems_of(helpers.load_claims, data_copy)
    problem = next(p for p in problems if "unique" in p.expected)
    assert (problem.row, problem.column) == (5, "id") and "row 2" in problem.expected


@pytest.mark.parametrize("column, bad", [("sector", "tourism"), ("unit", "cattle"), ("geography", "mars"), ("qualifier", "roughly"), ("kind", "guess")])
def test_unknown_controlled_value(data_copy, column, bad):
    set_cell(data_copy / "claims.csv", 6, column, bad)
    problems, _ = problems_of(helpers.load_claims, data_copy)
    problem = next(p for p in problems if p.column == column)
    assert problem.row == 6 and problem.value == bad and problem.expected.startswith("one of")


def test_quote_not_in_article(data_copy):
    path = data_copy / "claims.csv"
    set_cell(path, 7, "quote", "昆明" + get_cell(path, 7, "quote"))
    problems, _ = problems_of(helpers.load_claims, data_copy)
    problem = next(p for p in problems if p.column == "quote")
    assert problem.row == 7 and "not found" in problem.expected


def test_quote_found_twice(data_copy):
    path = data_copy / "claims.csv"
    row = row_where(path, "as_written", "99.7%", quote="救治")
    set_cell(path, row, "quote", "99.7%")
    set_cell(path, row, "as_written", "99.7%")
    problem = only(problems_of(helpers.load_claims, data_copy)[0])
    assert (problem.row, problem.column) == (row, "quote") and "found 2 times" in problem.expected


def test_as_written_disagrees_with_value(data_copy):
    path = data_copy / "claims.csv"
    row = row_where(path, "as_written", "35.06万名")
    set_cell(path, row, "value", "35.06")
    problem = only(problems_of(helpers.load_claims, data_copy)[0])
    assert (problem.row, problem.column) == (row, "value") and "350600" in problem.expected


def test_qualifier_disagrees_with_as_written(data_copy):
    path = data_copy / "claims.csv"
    row = row_where(path, "as_written", "4000余座")
    set_cell(path, row, "qualifier", "exact")
    problem = only(problems_of(helpers.load_claims, data_copy)[0])
    assert (problem.row, problem.column) == (row, "qualifier") and "at_least" in problem.expected


def test_all_problems_of_a_file_are_reported_together(data_copy):
    path = data_copy / "claims.csv"
    set_cell(path, 2, "unit", "cattle")
    set_cell(path, 9, "sector", "tourism")
    set_cell(path, 12, "value", "many")
    problems, message = problems_of(helpers.load_claims, data_copy)
    assert {(p.row, p.column) for p in problems} >= {(2, "unit"), (9, "sector"), (12, "value")}
    assert message.startswith(f"{len(problems)} problems in data/claims.csv")


def test_non_claim_occurrences_must_match(data_copy):
    path = data_copy / "non_claims.csv"
    set_cell(path, 2, "occurrences", str(int(get_cell(path, 2, "occurrences")) + 1))
    problem = only(problems_of(helpers.load_non_claims, data_copy)[0])
    assert (problem.row, problem.column) == (2, "quote") and "exactly" in problem.expected


def test_glossary_term_must_be_in_article(data_copy):
    set_cell(data_copy / "glossary.csv", 2, "term_zh", "共同富裕示范区")
    problem = only(problems_of(helpers.load_glossary, data_copy)[0])
    assert (problem.row, problem.column) == (2, "term_zh")


def test_context_bad_date_and_reliability(data_copy):
    set_cell(data_copy / "context.csv", 2, "source_date", "25/02/2021")
    set_cell(data_copy / "context.csv", 3, "reliability", "solid")
    problems, _ = problems_of(helpers.load_context, data_copy)
    assert {(p.row, p.column) for p in problems} == {(2, "source_date"), (3, "reliability")}


def test_ragged_row(data_copy):
    path = data_copy / "non_claims.csv"
    rows = read_rows(path)
    rows[3] = rows[3][:-2]
    write_rows(path, rows)
    problem = only(problems_of(helpers.load_non_claims, data_copy)[0])
    assert problem.row == 4 and "cells" in problem.expected


@pytest.mark.parametrize("filename", sorted(LOADERS))
def test_bom_and_crlf_are_accepted(data_copy, filename):
    path = data_copy / filename
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert LOADERS[filename](data_copy).equals(LOADERS[filename]())


@pytest.mark.parametrize("filename", sorted(LOADERS))
def test_gbk_file_is_named_as_wrong_encoding(data_copy, filename):
    path = data_copy / filename
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    problem = only(problems_of(LOADERS[filename], data_copy)[0])
    assert problem.file == f"data/{filename}" and "UTF-8" in problem.expected and problem.row >= 1


def test_changed_article_stops_loading(data_copy):
    article = data_copy / "raw" / "article.txt"
    article.chmod(0o644)
    article.write_bytes(article.read_bytes().replace("9.6万户".encode(), "9.7万户".encode()))
    with pytest.raises(SourceChangedError, match="no longer matches its recorded sha256"):
        helpers.load_claims(data_copy)


def test_real_data_folder_is_untouched_by_these_tests():
    # every test above wrote only to its temporary copy; the real files still validate
    assert len(helpers.load_claims()) == len(read_rows(helpers.paths.DATA / "claims.csv")) - 1


def test_grades_cover_every_claim_and_render_placeholders():
    grades = helpers.load_grades()
    assert set(grades["id"]) == set(helpers.load_claims()["id"])
    row = grades[grades["reason"].str.contains("{industry.households_linked_to_enterprises}", regex=False)].iloc[0]
    assert "{" not in row["reason_text"] and helpers.claim("industry.households_linked_to_enterprises").as_written in row["reason_text"]


def test_grades_missing_claim_unknown_grade_and_bad_placeholder(data_copy):
    path = data_copy / "grades.csv"
    rows = read_rows(path)
    dropped = rows.pop(5)
    write_rows(path, rows)
    set_cell(path, 2, "grade", "plausible")
    set_cell(path, 3, "reason", "See {water.no_such_claim}.")
    problems, _ = problems_of(helpers.load_grades, data_copy)
    found = {(p.row, p.column) for p in problems}
    assert (2, "grade") in found and (3, "reason") in found
    assert any(p.row is None and p.value == dropped[0] and "every claim" in p.expected for p in problems)


def test_context_qualifier_is_checked(data_copy):
    set_cell(data_copy / "context.csv", 2, "qualifier", "roughly")
    problem = only(problems_of(helpers.load_context, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (2, "qualifier", "roughly")
