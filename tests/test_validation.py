"""Broken copies of the data files give one clear error naming file, row, column and expectation.

Each test breaks a copy in a temporary folder (the ``data_copy`` fixture); the real data/ is never written
(``real_data_untouched`` hashes it before and after this module).
"""

from __future__ import annotations

import pytest
from test_data import real_data_untouched  # noqa: F401  (module-wide guard on the real data/)

import helpers
import helpers.ledger.checks
import helpers.ledger.data
from helpers.ledger.errors import DataValidationError, SourceChangedError

from datafiles import get_cell, read_rows, row_where, set_cell, write_rows

LOADERS = {
    "places.csv": helpers.ledger.data.load_places,
    "claims.csv": helpers.ledger.data.load_claims,
    "non_claims.csv": helpers.ledger.data.load_non_claims,
    "glossary.csv": helpers.ledger.data.load_glossary,
    "context.csv": helpers.ledger.data.load_context,
    "checks.csv": helpers.ledger.checks.load_checks,
    "searches.csv": helpers.ledger.data.load_searches,
    "reports.csv": helpers.ledger.data.load_reports,
}


def problems_of(loader, folder):
    with pytest.raises(DataValidationError) as info:
        loader(folder)
    return info.value.problems, str(info.value)


def only(problems):
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def expect_problem(loader, folder, filename, row, column, expected):
    """Loading fails with a problem at ``filename``/``row``/``column`` whose expectation contains ``expected``,
    and the error message has the line ``data/<file>, row <n>, column '<c>': … expected …<expected>…``."""
    problems, message = problems_of(loader, folder)
    hits = [
        p for p in problems if (p.file, p.row, p.column) == (f"data/{filename}", row, column) and expected in p.expected
    ]
    assert hits, f"no problem at data/{filename} row {row} column {column!r} expecting {expected!r}; got:\n{message}"
    where = (
        f"data/{filename}, row {row}, column '{column}': "
        if row is not None
        else f"data/{filename}, column '{column}': "
    )
    lines = [line.strip() for line in message.splitlines()]
    assert any(line.startswith(f"- {where}") and "expected " in line and expected in line for line in lines), message
    return hits[0]


def row_of(folder, filename, key):
    spec_key = "slug" if filename == "places.csv" else "id"
    return row_where(folder / filename, spec_key, key)


# --- whole files: missing, extra or repeated columns, encodings ---------------------------------------------------


@pytest.mark.parametrize("filename", sorted(LOADERS))
def test_missing_file(data_copy, filename):
    (data_copy / filename).unlink()
    problems, message = problems_of(LOADERS[filename], data_copy)
    problem = next(p for p in problems if p.file == f"data/{filename}" and p.row is None and p.column is None)
    assert "the file to exist" in problem.expected and str(data_copy / filename) in problem.expected
    assert f"data/{filename}: expected the file to exist" in message


@pytest.mark.parametrize(
    "filename, column",
    [
        ("claims.csv", "unit"),
        ("non_claims.csv", "reason"),
        ("glossary.csv", "term_en"),
        ("context.csv", "source"),
        ("checks.csv", "question"),
        ("reports.csv", "excerpt"),
    ],
)
def test_missing_column(data_copy, filename, column):
    path = data_copy / filename
    rows = read_rows(path)
    index = rows[0].index(column)
    write_rows(path, [r[:index] + r[index + 1 :] for r in rows])
    problem = expect_problem(LOADERS[filename], data_copy, filename, 1, column, "this column in the header")
    assert problem.value is None


@pytest.mark.parametrize("filename", sorted(LOADERS))
def test_unknown_column(data_copy, filename):
    path = data_copy / filename
    rows = read_rows(path)
    write_rows(path, [r + (["extra"] if i == 0 else ["x"]) for i, r in enumerate(rows)])
    problem = only(problems_of(LOADERS[filename], data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (
        1,
        "extra",
        "extra",
    ) and "only the columns" in problem.expected


def test_duplicate_header(data_copy):
    path = data_copy / "claims.csv"
    write_rows(path, [r + (["note"] if i == 0 else [""]) for i, r in enumerate(read_rows(path))])
    expect_problem(helpers.ledger.data.load_claims, data_copy, "claims.csv", 1, "note", "each column once")
    assert only(problems_of(helpers.ledger.data.load_claims, data_copy)[0]).value == "note"


def test_ragged_row(data_copy):
    path = data_copy / "non_claims.csv"
    rows = read_rows(path)
    width = len(rows[0])
    rows[3] = rows[3][:-2]
    write_rows(path, rows)
    problem = only(problems_of(helpers.ledger.data.load_non_claims, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (4, None, f"{width - 2} cells")
    assert problem.expected == f"{width} cells, one per header column"


@pytest.mark.parametrize(
    "filename", ["places.csv", "claims.csv", "non_claims.csv", "glossary.csv", "context.csv", "reports.csv"]
)
def test_bom_and_crlf_are_accepted(data_copy, filename):
    path = data_copy / filename
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    frame = LOADERS[filename](data_copy)
    assert frame.drop(columns=["row"]).equals(LOADERS[filename]().drop(columns=["row"]))


@pytest.mark.parametrize("filename", sorted(LOADERS))
def test_gbk_file_is_named_as_wrong_encoding(data_copy, filename):
    path = data_copy / filename
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk", errors="replace"))
    problems, message = problems_of(LOADERS[filename], data_copy)
    problem = next(p for p in problems if p.file == f"data/{filename}")
    assert "UTF-8" in problem.expected and "GBK" in problem.expected and problem.row >= 1
    assert f"data/{filename}, row {problem.row}: found 'bytes " in message


def test_changed_article_stops_loading(data_copy):
    article = data_copy / "raw" / "article.txt"
    article.chmod(0o644)
    article.write_bytes(article.read_bytes().replace("9.6万户".encode(), "9.7万户".encode()))
    with pytest.raises(SourceChangedError, match="no longer matches its recorded sha256"):
        helpers.ledger.data.load_claims(data_copy)


# --- cell rules of the reader ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filename, key, column, bad, expected",
    [
        # surrounding spaces
        ("claims.csv", "water.pipelines", "unit", " km", "no leading or trailing spaces"),
        ("context.csv", "cn.rural_centralized_water_2020", "value", "88 ", "no leading or trailing spaces"),
        # empty required cells
        ("claims.csv", "water.pipelines", "quote_en", "", "a value (this column is required)"),
        ("context.csv", "cn.rural_centralized_water_2020", "snippet", "", "a value (this column is required)"),
        # bad integers
        ("non_claims.csv", "nc.publication_timestamp", "occurrences", "0", "a whole number of 1 or more"),
        ("non_claims.csv", "nc.publication_timestamp", "occurrences", "1.0", "a whole number of 1 or more"),
        ("non_claims.csv", "nc.publication_timestamp", "occurrences", "two", "a whole number of 1 or more"),
        # bad decimals
        ("claims.csv", "water.pipelines", "value", "4836千米", "a plain number such as 350600"),
        ("claims.csv", "water.pipelines", "value", "4,836", "a plain number such as 350600"),
        ("context.csv", "cn.rural_centralized_water_2020", "value", "88%", "a plain number such as 350600"),
        # bad slugs
        ("claims.csv", "water.pipelines", "id", "Water.Pipelines", r"an id matching ^[a-z_]+\.[a-z0-9_]+$"),
        ("claims.csv", "water.pipelines", "geography", "Kunming", "an id matching ^[a-z][a-z0-9_]*$"),
        (
            "non_claims.csv",
            "nc.publication_timestamp",
            "id",
            "publication_timestamp",
            r"an id matching ^nc\.[a-z0-9_]+$",
        ),
        ("places.csv", "kunming", "slug", "kun-ming", "an id matching ^[a-z][a-z0-9_]*$"),
        # bad dates
        ("context.csv", "cn.rural_centralized_water_2020", "source_date", "15/01/2021", "a date written YYYY-MM-DD"),
        ("context.csv", "cn.rural_centralized_water_2020", "source_date", "20210115", "a date written YYYY-MM-DD"),
        ("context.csv", "cn.rural_centralized_water_2020", "source_date", "2021-02-30", "a date written YYYY-MM-DD"),
        ("searches.csv", "s001", "searched", "2026-12", "a date written YYYY-MM-DD"),
        ("reports.csv", "r001", "published", "2020-10-17T08:00", "a date written YYYY-MM-DD"),
        # bad urls
        (
            "reports.csv",
            "r001",
            "url",
            "m.kunming.cn/news/c/2020-10-17/13068533.shtml",
            "a web address starting with http://",
        ),
        (
            "reports.csv",
            "r001",
            "url",
            "https://m.kunming.cn/news 13068533.shtml",
            "a web address starting with http://",
        ),
        ("reports.csv", "r001", "url", "ftp://m.kunming.cn/x", "a web address starting with http://"),
        # bad periods
        ("claims.csv", "water.pipelines", "period", "2016-2020", "a period such as 2015"),
        # unknown enum values
        ("claims.csv", "water.pipelines", "unit", "cattle", "one of people, households, person-times"),
        ("claims.csv", "water.pipelines", "status", "rumour", "one of result, level, plan, slogan"),
        ("claims.csv", "water.pipelines", "sector", "tourism", "one of overview, education"),
        ("claims.csv", "water.pipelines", "qualifier", "roughly", "one of exact, at_least"),
        ("claims.csv", "water.pipelines", "kind", "guess", "one of figure, chinese_numeral, word"),
        ("context.csv", "cn.rural_centralized_water_2020", "reliability", "solid", "one of high, medium, low"),
        ("context.csv", "cn.rural_centralized_water_2020", "qualifier", "roughly", "one of exact, at_least"),
        (
            "non_claims.csv",
            "nc.publication_timestamp",
            "reason",
            "boring",
            "one of publication_timestamp, image_filename",
        ),
        ("searches.csv", "s001", "outcome", "some", "one of found, nothing, only copies"),
        ("reports.csv", "r001", "relation", "similar", "one of same, different, related, copy"),
        ("reports.csv", "r001", "origin", "blog", "one of kunming_government, kunming_media"),
    ],
)
def test_cell_rules(data_copy, filename, key, column, bad, expected):
    path = data_copy / filename
    row = row_of(data_copy, filename, key)
    set_cell(path, row, column, bad)
    problem = expect_problem(LOADERS[filename], data_copy, filename, row, column, expected)
    assert problem.value == bad


def test_glossary_cell_rules(data_copy):
    path = data_copy / "glossary.csv"
    set_cell(path, 3, "rendering", "literal")
    set_cell(path, 4, "explanation", "")
    problems, _ = problems_of(helpers.ledger.data.load_glossary, data_copy)
    assert {(p.row, p.column) for p in problems} == {(3, "rendering"), (4, "explanation")}


def test_duplicate_id(data_copy):
    path = data_copy / "claims.csv"
    first = get_cell(path, 2, "id")
    set_cell(path, 5, "id", first)
    expect_problem(
        helpers.ledger.data.load_claims, data_copy, "claims.csv", 5, "id", "a unique id (also used in row 2)"
    )


def test_all_problems_of_a_file_are_reported_together(data_copy):
    path = data_copy / "claims.csv"
    set_cell(path, 2, "unit", "cattle")
    set_cell(path, 9, "status", "rumour")
    set_cell(path, 12, "value", "many")
    problems, message = problems_of(helpers.ledger.data.load_claims, data_copy)
    assert {(p.row, p.column) for p in problems} >= {(2, "unit"), (9, "status"), (12, "value")}
    assert message.startswith(f"{len(problems)} problems in data/claims.csv (see data/README.md):")


# --- cross-field rules of the ledger --------------------------------------------------------------------------------


def test_geography_must_be_a_place(data_copy):
    """A geography that is a well-formed slug but not in places.csv is rejected, with the places listed."""
    row = row_of(data_copy, "claims.csv", "water.pipelines")
    set_cell(data_copy / "claims.csv", row, "geography", "mars")
    problem = expect_problem(
        helpers.ledger.data.load_claims, data_copy, "claims.csv", row, "geography", "the slug of a place in places.csv"
    )
    assert "kunming" in problem.expected and "poor_counties" in problem.expected


def test_id_prefix_must_be_its_sector(data_copy):
    row = row_of(data_copy, "claims.csv", "water.pipelines")
    set_cell(data_copy / "claims.csv", row, "sector", "roads")
    problem = only(problems_of(helpers.ledger.data.load_claims, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (row, "id", "water.pipelines")
    assert problem.expected == "an id starting with its sector, 'roads.'"


def test_as_written_must_be_inside_the_quote(data_copy):
    path = data_copy / "claims.csv"
    row = row_of(data_copy, "claims.csv", "water.pipelines")
    set_cell(path, row, "as_written", "4836公里")  # the quote says 4836千米
    problem = only(problems_of(helpers.ledger.data.load_claims, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (row, "as_written", "4836公里")
    assert problem.expected == "the figure exactly as it appears inside the quote"


def test_claims_quoting_the_same_words_give_them_one_translation(data_copy):
    """A sector lists each quote once with one translation, so two claims on one quote may not translate it apart."""
    path = data_copy / "claims.csv"
    first = row_of(data_copy, "claims.csv", "relocation.households_relocated")
    second = row_of(data_copy, "claims.csv", "relocation.people_relocated")
    assert get_cell(path, first, "quote") == get_cell(path, second, "quote") and first < second
    translation = get_cell(path, first, "quote_en")
    set_cell(path, second, "quote_en", translation + " (another wording)")
    problem = only(problems_of(helpers.ledger.data.load_claims, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (second, "quote_en", translation + " (another wording)")
    assert problem.expected == (
        f"the translation of row {first} (relocation.households_relocated), which quotes the same words: "
        f"{translation!r}"
    )


@pytest.mark.parametrize("kind", ["chinese_numeral", "word"])
def test_digits_against_kind(data_copy, kind):
    row = row_of(data_copy, "claims.csv", "water.pipelines")
    set_cell(data_copy / "claims.csv", row, "kind", kind)
    expect_problem(
        helpers.ledger.data.load_claims,
        data_copy,
        "claims.csv",
        row,
        "as_written",
        f"no Arabic digits, since kind is '{kind}'",
    )


def test_figure_kind_needs_digits(data_copy):
    row = row_of(data_copy, "claims.csv", "electricity.smart_meter_coverage")  # 全覆盖, a word claim
    set_cell(data_copy / "claims.csv", row, "kind", "figure")
    expect_problem(
        helpers.ledger.data.load_claims,
        data_copy,
        "claims.csv",
        row,
        "as_written",
        "Arabic digits, since kind is 'figure'",
    )


def test_word_claim_value_is_zero_or_hundred(data_copy):
    row = row_of(data_copy, "claims.csv", "electricity.smart_meter_coverage")
    set_cell(data_copy / "claims.csv", row, "value", "99")
    expect_problem(
        helpers.ledger.data.load_claims, data_copy, "claims.csv", row, "value", "0 or 100, since kind is 'word'"
    )


def test_unparsable_as_written(data_copy):
    row = row_of(data_copy, "claims.csv", "water.pipelines")
    set_cell(data_copy / "claims.csv", row, "as_written", "支管道4836")  # inside the quote, but no figure at its end
    problem = only(problems_of(helpers.ledger.data.load_claims, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (row, "as_written", "支管道4836")
    assert problem.expected.startswith("a figure the parser understands")


def test_percent_as_written_needs_percent_unit(data_copy):
    row = row_of(data_copy, "claims.csv", "water.centralized_supply_rate_2015")  # 89%
    set_cell(data_copy / "claims.csv", row, "unit", "people")
    problem = only(problems_of(helpers.ledger.data.load_claims, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (row, "unit", "people")
    assert problem.expected == "'percent' exactly when as_written ends in %"


def test_percent_unit_needs_percent_as_written(data_copy):
    row = row_of(data_copy, "claims.csv", "relocation.resettlement_sites")  # 57个
    set_cell(data_copy / "claims.csv", row, "unit", "percent")
    expect_problem(
        helpers.ledger.data.load_claims,
        data_copy,
        "claims.csv",
        row,
        "unit",
        "'percent' exactly when as_written ends in %",
    )


def test_unit_word_pins_the_unit(data_copy):
    row = row_of(data_copy, "claims.csv", "water.pipelines")  # 4836千米
    set_cell(data_copy / "claims.csv", row, "unit", "m3")
    expect_problem(
        helpers.ledger.data.load_claims, data_copy, "claims.csv", row, "unit", "one of km, as as_written says '千米'"
    )


def test_as_written_disagrees_with_value(data_copy):
    path = data_copy / "claims.csv"
    row = row_where(path, "as_written", "35.06万名")
    set_cell(path, row, "value", "35.06")
    problem = only(problems_of(helpers.ledger.data.load_claims, data_copy)[0])
    assert (problem.row, problem.column) == (row, "value")
    assert problem.expected.startswith("350600, the value of as_written '35.06万名'")  # 35.06 × 10,000


def test_qualifier_disagrees_with_as_written(data_copy):
    path = data_copy / "claims.csv"
    row = row_where(path, "as_written", "4000余座")
    set_cell(path, row, "qualifier", "exact")
    problem = only(problems_of(helpers.ledger.data.load_claims, data_copy)[0])
    assert (problem.row, problem.column) == (row, "qualifier") and "'at_least'" in problem.expected


def test_quote_not_in_article(data_copy):
    path = data_copy / "claims.csv"
    row = row_of(data_copy, "claims.csv", "water.pipelines")
    set_cell(path, row, "quote", "昆明" + get_cell(path, row, "quote"))
    problem = expect_problem(
        helpers.ledger.data.load_claims, data_copy, "claims.csv", row, "quote", "a verbatim substring of the article"
    )
    assert "not found" in problem.expected and "byte for byte" in problem.expected


def test_quote_found_twice(data_copy):
    path = data_copy / "claims.csv"
    row = row_where(path, "as_written", "99.7%", quote="救治")
    set_cell(path, row, "quote", "99.7%")
    set_cell(path, row, "as_written", "99.7%")
    problem = only(problems_of(helpers.ledger.data.load_claims, data_copy)[0])
    assert (problem.row, problem.column) == (row, "quote") and "found 2 times" in problem.expected


def test_non_claim_occurrences_must_match(data_copy):
    path = data_copy / "non_claims.csv"
    set_cell(path, 2, "occurrences", str(int(get_cell(path, 2, "occurrences")) + 1))
    problem = only(problems_of(helpers.ledger.data.load_non_claims, data_copy)[0])
    assert (problem.row, problem.column) == (2, "quote") and "occurs exactly 2 time(s)" in problem.expected


def test_glossary_term_must_be_in_article(data_copy):
    set_cell(data_copy / "glossary.csv", 2, "term_zh", "共同富裕示范区")
    problem = only(problems_of(helpers.ledger.data.load_glossary, data_copy)[0])
    assert (problem.row, problem.column) == (
        2,
        "term_zh",
    ) and problem.expected == "a term that occurs in the article as written"


def test_sourced_glossary_term_needs_a_source(data_copy):
    path = data_copy / "glossary.csv"
    row = row_where(path, "rendering", "sourced")
    set_cell(path, row, "source", "—")
    expect_problem(
        helpers.ledger.data.load_glossary,
        data_copy,
        "glossary.csv",
        row,
        "source",
        "a citation, since rendering is 'sourced'",
    )


# --- places and context -----------------------------------------------------------------------------------------------


def test_place_kind_must_be_known(data_copy):
    row = row_of(data_copy, "places.csv", "luquan")
    set_cell(data_copy / "places.csv", row, "kind", "village")
    problem = only(problems_of(helpers.ledger.data.load_places, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (row, "kind", "village")
    assert problem.expected == "one of " + ", ".join(helpers.ledger.schema.PLACE_KINDS)


def test_group_member_must_be_a_place(data_copy):
    row = row_of(data_copy, "places.csv", "poor_counties")
    set_cell(data_copy / "places.csv", row, "members", "dongchuan luquan tokyo")
    problem = only(problems_of(helpers.ledger.data.load_places, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (row, "members", "tokyo")
    assert problem.expected == "slugs of other rows of places.csv, space-separated"


def test_context_id_prefix_must_be_a_scope(data_copy):
    row = row_of(data_copy, "context.csv", "cn.rural_centralized_water_2020")
    set_cell(data_copy / "context.csv", row, "id", "us.rural_centralized_water_2020")
    expect_problem(
        helpers.ledger.data.load_context,
        data_copy,
        "context.csv",
        row,
        "id",
        r"an id matching ^(cn|yn|km)\.[a-z0-9_]+$",
    )


def test_context_id_prefix_must_match_its_place(data_copy):
    row = row_of(data_copy, "context.csv", "cn.rural_centralized_water_2020")
    set_cell(data_copy / "context.csv", row, "place", "yunnan")
    problem = only(problems_of(helpers.ledger.data.load_context, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (row, "id", "cn.rural_centralized_water_2020")
    assert problem.expected == "an id starting with 'yn.', the scope of its place 'yunnan' (Yunnan Province)"


def test_context_place_must_be_known(data_copy):
    row = row_of(data_copy, "context.csv", "cn.rural_centralized_water_2020")
    set_cell(data_copy / "context.csv", row, "place", "mars")
    problem = only(problems_of(helpers.ledger.data.load_context, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (row, "place", "mars")
    assert problem.expected.startswith("the slug of a place in places.csv: china, yunnan, kunming")


@pytest.mark.parametrize(
    "bad, reason",
    [
        ("2016-2020", "is not a period"),
        ("2021/2020", "starts after it ends"),
        ("2020-13", "names a date that does not exist"),
    ],
)
def test_context_period_follows_the_ledger_grammar(data_copy, bad, reason):
    row = row_of(data_copy, "context.csv", "cn.rural_centralized_water_2020")
    set_cell(data_copy / "context.csv", row, "period", bad)
    problem = only(problems_of(helpers.ledger.data.load_context, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (row, "period", bad)
    assert problem.expected.startswith("a period such as 2015, 2019-12-31, 2017/2019")
    assert problem.expected.endswith(f"({bad!r} {reason})")


# --- searches and reports -------------------------------------------------------------------------------------------


def test_search_names_an_unknown_claim(data_copy):
    path = data_copy / "searches.csv"
    set_cell(path, 2, "claims", get_cell(path, 2, "claims") + " water.pipeline")
    problem = only(problems_of(helpers.ledger.data.load_searches, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (2, "claims", "water.pipeline")
    assert problem.expected == "ids of claims in claims.csv, space-separated"


def test_every_claim_must_be_searched(data_copy):
    """Drop one claim from every search: the loader names the claim that is never searched for."""
    path = data_copy / "searches.csv"
    rows = read_rows(path)
    column = rows[0].index("claims")
    for row in rows[1:]:
        row[column] = " ".join(i for i in row[column].split() if i != "water.pipelines")
    write_rows(path, rows)
    problem = only(problems_of(helpers.ledger.data.load_searches, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (None, "claims", "water.pipelines")
    assert "every claim of the ledger searched for at least once" in problem.expected
    assert "data/searches.csv, column 'claims': found 'water.pipelines'; expected every claim" in str(problem)


@pytest.mark.parametrize(
    "column, bad, expected",
    [
        ("claim", "overview.poor_counties_exit", "the id of a claim in claims.csv"),
        ("search", "s999", "the id of the search in searches.csv"),
        ("as_stated", "三个", "the figure exactly as it appears inside the excerpt"),
    ],
)
def test_report_cross_references(data_copy, column, bad, expected):
    row = row_of(data_copy, "reports.csv", "r001")
    set_cell(data_copy / "reports.csv", row, column, bad)
    problem = only(problems_of(helpers.ledger.data.load_reports, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (row, column, bad)
    assert problem.expected.startswith(expected)


@pytest.mark.parametrize(
    "report, column, value",
    [
        ("r001", "origin", "copy"),  # a 'same' report may not have origin 'copy'
        ("r011", "origin", "other_media"),  # a reprint must have origin 'copy'
        ("r011", "relation", "same"),  # relation 'same' with origin 'copy'
    ],
)
def test_copy_relation_and_origin_go_together(data_copy, report, column, value):
    row = row_of(data_copy, "reports.csv", report)
    set_cell(data_copy / "reports.csv", row, column, value)
    expect_problem(
        helpers.ledger.data.load_reports,
        data_copy,
        "reports.csv",
        row,
        "origin",
        "'copy' exactly when relation is 'copy'",
    )


@pytest.mark.parametrize("column", ["published", "as_stated", "value_stated"])
def test_independent_report_needs_date_and_figure(data_copy, column):
    row = row_of(data_copy, "reports.csv", "r001")
    set_cell(data_copy / "reports.csv", row, column, "")
    problem = only(problems_of(helpers.ledger.data.load_reports, data_copy)[0])
    assert (problem.row, problem.column, problem.value) == (row, column, "")
    assert problem.expected == "a value (required unless relation is 'copy')"


def test_copy_report_needs_no_date(data_copy):
    row = row_of(data_copy, "reports.csv", "r011")
    set_cell(data_copy / "reports.csv", row, "published", "")
    assert "r011" in set(helpers.ledger.data.load_reports(data_copy)["id"])


# --- the cache follows edits ------------------------------------------------------------------------------------------


def test_edited_cell_is_seen_on_reload(data_copy):
    """Loaders cache on path, size and mtime: an edit of the same length is seen at once, by tables and lookups."""
    path = data_copy / "context.csv"
    row = row_of(data_copy, "context.csv", "cn.rural_centralized_water_2020")
    assert helpers.ref("cn.rural_centralized_water_2020", data_copy).value == 88
    assert (
        helpers.ledger.data.load_context(data_copy).set_index("id").loc["cn.rural_centralized_water_2020", "value"]
        == 88
    )
    for value in ("77", "66", "88"):  # same length each time
        set_cell(path, row, "value", value)
        assert helpers.ref("cn.rural_centralized_water_2020", data_copy).value == float(value)
        assert helpers.ledger.data.load_context(data_copy).set_index("id").loc[
            "cn.rural_centralized_water_2020", "value"
        ] == float(value)


def test_edited_claim_is_seen_on_reload(data_copy):
    path = data_copy / "claims.csv"
    row = row_of(data_copy, "claims.csv", "water.pipelines")
    assert helpers.claim("water.pipelines", data_copy).note == get_cell(path, row, "note") != "edited"
    set_cell(path, row, "note", "edited")
    assert helpers.claim("water.pipelines", data_copy).note == "edited"
    assert helpers.ledger.data.load_claims(data_copy).set_index("id").loc["water.pipelines", "note"] == "edited"


def test_a_fixed_file_loads_again(data_copy):
    """A failed load is not cached: once the cell is fixed, the same folder loads."""
    path = data_copy / "claims.csv"
    row = row_of(data_copy, "claims.csv", "water.pipelines")
    set_cell(path, row, "unit", "cattle")
    problems_of(helpers.ledger.data.load_claims, data_copy)
    set_cell(path, row, "unit", "km")
    assert helpers.claim("water.pipelines", data_copy).unit == "km"


def test_copy_does_not_leak_into_the_real_data(data_copy):
    set_cell(
        data_copy / "context.csv", row_of(data_copy, "context.csv", "cn.rural_centralized_water_2020"), "value", "99.9"
    )
    assert helpers.ref("cn.rural_centralized_water_2020", data_copy).value == 99.9
    assert helpers.ref("cn.rural_centralized_water_2020").value == 88


@pytest.mark.parametrize(
    "filename, key, column, value, expected",
    [
        ("claims.csv", "overview.poor_villages_exited", "value", "４０４", "a plain number"),
        ("context.csv", "cn.poor_counties_delisted", "value", "８３２", "a plain number"),
        ("reports.csv", "r001", "published", "２０２０-10-17", "a date written YYYY-MM-DD"),
        ("searches.csv", "s001", "id", "s００1", "an id matching"),
        ("claims.csv", "overview.poor_villages_exited", "period", "２０１９", "a period such as"),
    ],
)
def test_full_width_digits_are_not_plain_numbers(data_copy, filename, key, column, value, expected):
    """float() and \\d read full-width digits (１３１６); the codebook asks for ASCII, and so does the loader."""
    row = row_of(data_copy, filename, key)
    set_cell(data_copy / filename, row, column, value)
    expect_problem(LOADERS[filename], data_copy, filename, row, column, expected)
