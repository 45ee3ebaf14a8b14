"""The real data: every loader accepts it, it covers every number of the article, the codebook documents it,
periods parse as the codebook says, lookups fail helpfully, and no test changes a byte of data/."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

import helpers
import helpers.ledger.checks
import helpers.ledger.data
import helpers.ledger.grades
import helpers.ledger.source
from helpers.ledger import paths, schema, source
from helpers.ledger.errors import LookupProblem
from helpers.ledger.schema import Period, parse_period

from datafiles import read_rows, write_rows

EXPECTED_SHA256 = "7bc8bcd7cea46024d2ab9ebf2fbe69ab1fa5baed8c51b5d97798a8d698bf7c2d"
SPECS = (
    schema.PLACES,
    schema.CLAIMS,
    schema.NON_CLAIMS,
    schema.GLOSSARY,
    schema.CONTEXT,
    schema.CHECKS,
    schema.SEARCHES,
    schema.REPORTS,
)


# --- the real data/ is never written ------------------------------------------------------------------------------


def fingerprint(folder: Path = paths.DATA) -> dict[str, str]:
    """The sha256 of every file under ``folder``, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module", autouse=True)
def real_data_untouched():
    """Every file under data/ has the same bytes after the module's tests as before (also imported by the
    other data test modules, so it guards each of them)."""
    before = fingerprint()
    yield
    after = fingerprint()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not changed, f"a test changed, added or removed files of the real data/: {changed}"


def test_fingerprint_sees_a_one_byte_change(data_copy):
    """The guard above is only worth something if a changed byte changes the fingerprint."""
    before = fingerprint(data_copy)
    path = data_copy / "claims.csv"
    path.write_bytes(path.read_bytes().replace(b"4836", b"4837", 1))
    after = fingerprint(data_copy)
    assert {k for k in before if before[k] != after[k]} == {"claims.csv"}


# --- the archived article -----------------------------------------------------------------------------------------


def test_article_is_the_archived_original():
    raw = (paths.RAW / "article.txt").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == EXPECTED_SHA256
    assert helpers.ledger.source.source_card().sha256 == EXPECTED_SHA256


def test_article_body_has_no_boilerplate():
    body = helpers.ledger.source.article_body()
    assert body.startswith("近年来,昆明市拿出最大决心")
    assert body.endswith("全市共发放创业贷款4.5亿元。")
    for boilerplate in ("微信图片_", "滇ICP备", "分享到", "来源:云南日报", "12345"):
        assert boilerplate not in body
    headings = [h for h, _ in helpers.ledger.source.article_sections()]
    assert headings == ["", "织牢保障之网", "夯实幸福之基", "拓宽富民之路"]


def test_sentence_of_returns_the_whole_sentence():
    sentence = helpers.ledger.source.sentence_of("惠及学生198.69万人次")
    assert sentence.startswith("2017年至2019年,全市共下拨") and sentence.endswith("惠及学生198.69万人次。")


def test_spam_and_typo_are_recorded_and_never_quoted_as_claims():
    card = helpers.ledger.source.source_card()
    kinds = {d["kind"]: d for d in card.defects}
    assert kinds["injected_spam"]["text"] == "bet356体育在线"
    assert kinds["typo"]["text"] == "普坨区" and kinds["typo"]["correct"] == "普陀区"
    non_claims = helpers.ledger.data.load_non_claims()
    spam = non_claims["quote"].str.contains("bet356")
    assert (non_claims.loc[spam, "reason"] == "injected_spam").all()
    assert non_claims.loc[spam, "occurrences"].sum() == source.occurrences("bet356")
    spam = "bet356体育在线"
    for quote, as_written in helpers.ledger.data.load_claims()[["quote", "as_written"]].itertuples(index=False):
        if spam in quote:  # a claim's quote may run through the spam, but its figure lies outside it
            start, at = quote.index(as_written), quote.index(spam)
            assert start + len(as_written) <= at or start >= at + len(spam), as_written


# --- every loader accepts the real data ---------------------------------------------------------------------------


def records_in(filename: str) -> int:
    """Data rows of a CSV file, counted without the helpers (header and blank lines left out)."""
    return sum(1 for row in read_rows(paths.DATA / filename)[1:] if any(cell.strip() for cell in row))


@pytest.mark.parametrize(
    "spec, loader",
    [
        (schema.PLACES, "load_places"),
        (schema.CLAIMS, "load_claims"),
        (schema.NON_CLAIMS, "load_non_claims"),
        (schema.GLOSSARY, "load_glossary"),
        (schema.CONTEXT, "load_context"),
        (schema.SEARCHES, "load_searches"),
        (schema.REPORTS, "load_reports"),
    ],
)
def test_every_table_loads_whole(spec, loader):
    """Each loader accepts its real file and returns every row with every column of the spec."""
    frame = getattr(helpers.ledger.data, loader)()
    assert len(frame) == records_in(spec.filename)
    assert set(spec.names) <= set(frame.columns)
    if spec.key:
        assert frame[spec.key].is_unique


def test_checks_load_with_a_verdict_each():
    checks = helpers.ledger.checks.load_checks()
    assert len(checks) == records_in("checks.csv")
    assert {c.rule for c in checks} <= set(schema.RULES)
    assert all(c.verdict in schema.VERDICTS for c in checks)
    claims = set(helpers.ledger.data.load_claims()["id"])
    assert all(c.about and set(c.about) <= claims for c in checks)
    assert all("{" not in c.evidence for c in checks), "a placeholder was left unrendered"


def test_grades_load_one_per_claim():
    grades = helpers.ledger.grades.load_grades()
    assert sorted(grades["id"]) == sorted(helpers.ledger.data.load_claims()["id"])
    assert set(grades["grade"]) <= set(schema.GRADES)


def test_validated_claims_loads_everything():
    """The notebooks' entry point validates every file and hands over the whole ledger."""
    ledger = helpers.validated_claims()
    assert len(ledger) == records_in("claims.csv")
    water = helpers.validated_claims("water")
    assert water.pipelines.id == "water.pipelines" and water.pipelines.value == 4836  # 4836千米


def test_every_claim_is_searched_at_least_once():
    """Counted from searches.csv directly, not through the loader (which enforces the same rule)."""
    rows = read_rows(paths.DATA / "searches.csv")
    column = rows[0].index("claims")
    searched = {claim_id for row in rows[1:] for claim_id in row[column].split()}
    never = set(helpers.ledger.data.load_claims()["id"]) - searched
    assert not never, f"claims never searched for: {sorted(never)}"


def test_every_arabic_number_is_a_claim_or_a_non_claim():
    gaps = helpers.ledger.data.coverage_gaps()
    assert not gaps, (
        "numbers in the article that neither data/claims.csv nor data/non_claims.csv accounts for:\n"
        + "\n".join(f"  offset {offset}: {digits!r} in …{around}…" for offset, digits, around in gaps)
    )


def test_coverage_detects_a_missing_claim(data_copy):
    rows = read_rows(data_copy / "claims.csv")
    header = rows[0]
    victim = next(r for r in rows[1:] if r[header.index("as_written")] == "38044人")
    rows.remove(victim)
    write_rows(data_copy / "claims.csv", rows)
    gaps = helpers.ledger.data.coverage_gaps(data_copy)
    assert [digits for _, digits, _ in gaps] == ["38044"]


def test_every_sector_has_claims_and_ids_are_prefixed():
    frame = helpers.ledger.data.load_claims()
    assert set(frame["sector"]) == {s.slug for s in schema.SECTORS}
    assert all(i.startswith(s + ".") for i, s in zip(frame["id"], frame["sector"]))


def test_headline_figures_are_expanded_exactly():
    frame = helpers.ledger.data.load_claims().set_index("as_written")
    assert frame.loc["9.6万户", "exact"] == 96000  # 9.6 × 10,000
    assert frame.loc["35.06万名", "exact"] == 350600  # 35.06 × 10,000
    assert frame.loc["21.28亿元", "exact"] == 2128000000  # 21.28 × 100,000,000
    assert frame.loc["4000余座", "qualifier"] == "at_least"  # 余 = more than
    assert frame.loc["超过60万元", "qualifier"] == "at_least"  # 超过 = exceeding


def test_word_claims_read_as_zero_or_all():
    frame = helpers.ledger.data.load_claims()
    words = frame[frame["kind"] == "word"].set_index("id")
    assert not words["as_written"].str.contains(r"\d").any()
    assert words.loc["education.compulsory_dropouts", ["as_written", "value"]].tolist() == ["全面清零", 0.0]
    assert set(words.loc[words["as_written"] == "全覆盖", "value"]) == {100.0}
    assert set(words["value"]) <= {0.0, 100.0}


def test_glossary_covers_the_shared_sources():
    glossary = helpers.ledger.data.load_glossary()
    for term in ("两不愁三保障", "建档立卡", "控辍保学", "易地扶贫搬迁", "扶贫车间", "生态护林员", "双绑", "百县百品"):
        assert glossary["term_zh"].str.contains(term, regex=False).any(), term
    assert set(glossary["rendering"]) == {"sourced", "plain_translation"}


def test_context_keeps_citations_and_scopes():
    context = helpers.ledger.data.load_context().set_index("id")
    assert {"source", "source_date", "snippet", "reliability"} <= set(context.columns)
    assert context.loc["yn.rural_poor_lifted", "value"] == 9330000
    places = helpers.ledger.data.load_places().set_index("slug")
    for context_id, slug in context["place"].items():
        assert context_id.split(".")[0] == places.loc[slug, "scope"], context_id


# --- the codebook documents every file and column -------------------------------------------------------------------


def codebook() -> str:
    return (paths.DATA / "README.md").read_text(encoding="utf-8")


def codebook_section(filename: str) -> str:
    """The text of the codebook's section headed ``## <filename>`` (empty if there is none)."""
    match = re.search(rf"^## {re.escape(filename)}\b.*?(?=^## |\Z)", codebook(), re.MULTILINE | re.DOTALL)
    return match.group(0) if match else ""


def data_files() -> list[str]:
    return sorted(
        p.relative_to(paths.DATA).as_posix() for p in paths.DATA.rglob("*") if p.is_file() and p.name != "README.md"
    )


def test_codebook_names_every_data_file():
    text = codebook()
    missing = [name for name in data_files() if f"`{name}`" not in text]
    assert not missing, f"data/README.md does not mention these files of data/: {missing}"


def test_codebook_names_no_file_that_is_gone():
    """A file the codebook lists in its Files table must exist (grades are derived now, not stored)."""
    listed = re.findall(r"^\| `([^`]+)` \|", codebook().split("## Files", 1)[1].split("\n---", 1)[0], re.MULTILINE)
    gone = [name for name in listed if not (paths.DATA / name).exists()]
    assert not gone, f"data/README.md lists files that data/ no longer has: {gone}"


def documented_columns(section: str) -> set[str]:
    """The names in backticks in the first cell of each table row of a section: ``| `a`, `b` | …`` gives a and b."""
    first_cells = re.findall(r"^\|([^|\n]*)\|", section, re.MULTILINE)
    return {name for cell in first_cells for name in re.findall(r"`([^`]+)`", cell)}


def test_codebook_documents_every_column_of_every_table():
    """Each table spec has a section ``## <file>`` whose table has a row for each of its columns."""
    missing = []
    for spec in SPECS:
        section = codebook_section(spec.filename)
        if not section:
            missing.append(f"{spec.filename}: no section")
            continue
        documented = documented_columns(section)
        missing += [f"{spec.filename}: {column}" for column in spec.names if column not in documented]
    assert not missing, "data/README.md does not document:\n  " + "\n  ".join(missing)


def test_codebook_documents_every_unit():
    text = codebook()
    assert [u for u in schema.UNITS if f"`{u}`" not in text] == []


# --- periods: the grammar of the codebook -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2015", date(2015, 1, 1), date(2015, 12, 31)),  # a year: its first to its last day
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),  # a month: 2020 is a leap year
        ("2019-02", date(2019, 2, 1), date(2019, 2, 28)),
        ("2019-12-31", date(2019, 12, 31), date(2019, 12, 31)),  # a day
        ("2017/2019", date(2017, 1, 1), date(2019, 12, 31)),  # a window of years
        ("2016/2020-08", date(2016, 1, 1), date(2020, 8, 31)),  # since 2016, to the publication month
        ("2018-01/2020-06", date(2018, 1, 1), date(2020, 6, 30)),  # 2018 to the first half of 2020
        ("2017-08-11/2020-08-11", date(2017, 8, 11), date(2020, 8, 11)),
        ("2020-08-11/2020-08-11", date(2020, 8, 11), date(2020, 8, 11)),  # a one-day window is allowed
    ],
)
def test_parse_period_windows(text, start, end):
    assert parse_period(text) == Period(start, end)


def test_parse_period_unstated():
    assert parse_period("unstated") == Period(None, None)


@pytest.mark.parametrize(
    "text, says",
    [
        ("2019/2017", "starts after it ends"),
        ("2020-08/2020-07", "starts after it ends"),
        ("2020-13", "names a date that does not exist"),
        ("2020-00", "names a date that does not exist"),
        ("2019-02-29", "names a date that does not exist"),  # 2019 is not a leap year
        ("2016/2020-13", "names a date that does not exist"),
        ("2016-2020", "is not a period"),  # a span with a dash, not a slash
        ("20", "is not a period"),
        ("2020-8", "is not a period"),
        ("Unstated", "is not a period"),
        (" 2015", "is not a period"),
        ("", "is not a period"),
        ("since 2016", "is not a period"),
    ],
)
def test_parse_period_rejects(text, says):
    with pytest.raises(ValueError) as info:
        parse_period(text)
    assert str(info.value) == f"{text!r} {says}"


def test_every_ledger_period_parses_to_its_window():
    frame = helpers.ledger.data.load_claims()
    for period, start, end in frame[["period", "period_start", "period_end"]].itertuples(index=False):
        window = parse_period(period)
        if window.start is None:
            assert period == "unstated"
        else:
            assert (start.date(), end.date()) == (window.start, window.end), period


# --- lookups that fail say what to do -------------------------------------------------------------------------------


def lookup_error(function, *args) -> str:
    with pytest.raises(LookupProblem) as info:
        function(*args)
    assert isinstance(info.value, KeyError)
    return str(info.value)


def test_claim_lookup_finds_a_claim():
    item = helpers.claim("water.pipelines")
    assert (item.sector, item.as_written, item.value, item.unit) == ("water", "4836千米", 4836, "km")
    assert item.quote in helpers.ledger.source.article_text()


def test_claim_typo_names_the_file_and_the_nearest_ids():
    message = lookup_error(helpers.claim, "water.pipeline")
    assert message.startswith("no claim 'water.pipeline' in data/claims.csv")
    assert "did you mean 'water.pipelines'" in message


def test_context_id_passed_to_claim_says_use_ref():
    message = lookup_error(helpers.claim, "cn.rural_centralized_water_2020")
    assert "is a context id" in message and "ref('cn.rural_centralized_water_2020')" in message


def test_unknown_sector_prefix_is_named():
    message = lookup_error(helpers.claim, "tourism.hotels")
    assert "no claim 'tourism.hotels' in data/claims.csv: 'tourism' is not a sector" in message
    assert "water" in message.split("sectors:", 1)[1]


def test_id_without_sector_is_explained():
    message = lookup_error(helpers.claim, "pipelines")
    assert "'pipelines' is not a claim id" in message and "<sector>.<name>" in message


def test_claim_id_passed_to_ref_says_use_claim():
    message = lookup_error(helpers.ref, "water.pipelines")
    assert "is a claim id" in message and "claim('water.pipelines')" in message


def test_ref_typo_and_unknown_scope():
    message = lookup_error(helpers.ref, "cn.rural_centralised_water_2020")
    assert message.startswith("no context figure 'cn.rural_centralised_water_2020' in data/context.csv")
    assert "did you mean 'cn.rural_centralized_water_2020'" in message
    message = lookup_error(helpers.ref, "us.rural_water")
    assert "context ids start with 'cn.' (China), 'yn.' (Yunnan Province), 'km.'" in message


def test_unknown_report_names_the_file():
    message = lookup_error(helpers.reported, "r0001")
    assert message.startswith("no report 'r0001' in data/reports.csv") and "did you mean" in message


def test_lookup_in_a_copy_names_the_copy_file(data_copy):
    message = lookup_error(helpers.claim, "water.pipeline", data_copy)
    assert "in data/claims.csv" in message
