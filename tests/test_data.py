"""The real data: it validates, covers every number of the article, and agrees with the source."""

from __future__ import annotations

import hashlib
import re

import helpers
from helpers import paths, schema, source

EXPECTED_SHA256 = "7bc8bcd7cea46024d2ab9ebf2fbe69ab1fa5baed8c51b5d97798a8d698bf7c2d"


def test_article_is_the_archived_original():
    raw = (paths.RAW / "article.txt").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == EXPECTED_SHA256
    assert helpers.source_card().sha256 == EXPECTED_SHA256


def test_shared_source_is_byte_identical_when_present():
    shared = paths.ROOT.parent / "shared" / "source" / "article.txt"
    if shared.exists():
        assert shared.read_bytes() == (paths.RAW / "article.txt").read_bytes()


def test_every_file_loads_and_validates():
    assert len(helpers.load_claims()) > 80
    assert len(helpers.load_non_claims()) > 10
    assert len(helpers.load_glossary()) > 10
    assert len(helpers.load_context()) > 10


def test_every_arabic_number_is_a_claim_or_a_non_claim():
    gaps = helpers.coverage_gaps()
    assert not gaps, "numbers in the article that neither data/claims.csv nor data/non_claims.csv accounts for:\n" + "\n".join(
        f"  offset {offset}: {digits!r} in …{around}…" for offset, digits, around in gaps
    )


def test_coverage_detects_a_missing_claim(data_copy):
    from datafiles import read_rows, write_rows

    rows = read_rows(data_copy / "claims.csv")
    header = rows[0]
    victim = next(r for r in rows[1:] if r[header.index("as_written")] == "38044人")
    rows.remove(victim)
    write_rows(data_copy / "claims.csv", rows)
    gaps = helpers.coverage_gaps(data_copy)
    assert [digits for _, digits, _ in gaps] == ["38044"]


def test_every_sector_has_claims_and_ids_are_prefixed():
    frame = helpers.load_claims()
    assert set(frame["sector"]) == {s.slug for s in schema.SECTORS}
    assert all(i.startswith(s + ".") for i, s in zip(frame["id"], frame["sector"]))


def test_headline_figures_are_expanded_exactly():
    frame = helpers.load_claims().set_index("as_written")
    assert frame.loc["9.6万户", "exact"] == 96000
    assert frame.loc["35.06万名", "exact"] == 350600
    assert frame.loc["21.28亿元", "exact"] == 2128000000
    assert frame.loc["4000余座", "qualifier"] == "at_least"
    assert frame.loc["超过60万元", "qualifier"] == "at_least"


def test_chinese_numerals_and_word_claims_are_flagged():
    frame = helpers.load_claims()
    numerals = frame[frame["kind"] == "chinese_numeral"]
    words = frame[frame["kind"] == "word"]
    assert {"四类", "四项"} <= set(numerals["as_written"])
    assert any("三个贫困县区" in q for q in numerals["quote"])
    assert any(w == "全面清零" for w in words["as_written"]) and any("全覆盖" in w for w in words["as_written"])
    assert set(words.loc[words["as_written"] == "全面清零", "value"]) == {0.0}


def test_spam_and_typo_are_recorded_and_never_quoted_as_claims():
    card = helpers.source_card()
    kinds = {d["kind"]: d for d in card.defects}
    assert kinds["injected_spam"]["text"] == "bet356体育在线"
    assert kinds["typo"]["text"] == "普坨区" and kinds["typo"]["correct"] == "普陀区"
    non_claims = helpers.load_non_claims()
    assert (non_claims.loc[non_claims["quote"].str.contains("bet356"), "reason"] == "injected_spam").all()
    assert non_claims.loc[non_claims["quote"].str.contains("bet356"), "occurrences"].sum() == source.occurrences("bet356")


def test_article_body_has_no_boilerplate():
    body = helpers.article_body()
    assert body.startswith("近年来,昆明市拿出最大决心")
    assert body.endswith("全市共发放创业贷款4.5亿元。")
    for boilerplate in ("微信图片_", "滇ICP备", "分享到", "来源:云南日报", "12345"):
        assert boilerplate not in body
    headings = [h for h, _ in helpers.article_sections()]
    assert headings == ["", "织牢保障之网", "夯实幸福之基", "拓宽富民之路"]


def test_sentence_of_returns_the_whole_sentence():
    sentence = helpers.sentence_of("惠及学生198.69万人次")
    assert sentence.startswith("2017年至2019年,全市共下拨") and sentence.endswith("惠及学生198.69万人次。")


def test_claim_lookup():
    item = helpers.claim(helpers.claims("relocation").index[0])
    assert item.sector == "relocation" and item.quote in helpers.article_text()
    try:
        helpers.claim("water.no_such_claim")
    except KeyError as exc:
        assert "water." in str(exc)
    else:  # pragma: no cover
        raise AssertionError("unknown id did not raise")


def test_glossary_covers_the_shared_sources():
    glossary = helpers.load_glossary()
    for term in ("两不愁三保障", "建档立卡", "控辍保学", "易地扶贫搬迁", "扶贫车间", "生态护林员", "双绑", "百县百品"):
        assert glossary["term_zh"].str.contains(term, regex=False).any(), term
    assert set(glossary["rendering"]) == {"sourced", "plain_translation"}


def test_context_keeps_citations():
    context = helpers.load_context()
    assert {"source", "source_date", "snippet", "reliability"} <= set(context.columns)
    assert context.loc[context["id"] == "yn.rural_poor_lifted", "value"].item() == 9330000


def test_codebook_documents_every_column_and_unit():
    codebook = (paths.DATA / "README.md").read_text(encoding="utf-8")
    for spec in (schema.CLAIMS, schema.NON_CLAIMS, schema.GLOSSARY, schema.CONTEXT):
        assert spec.filename in codebook
        for column in spec.names:
            assert re.search(rf"`{re.escape(column)}`", codebook), f"{spec.filename}: column {column} undocumented"
    for unit in schema.UNITS:
        assert f"`{unit}`" in codebook, f"unit {unit} undocumented"
    for slug in schema.GEOGRAPHIES:
        assert f"`{slug}`" in codebook, f"geography {slug} undocumented"
