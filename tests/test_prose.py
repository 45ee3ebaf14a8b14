"""Prose and tables rendered from data: fields from the caller's variables, plurals, and escaping of every value.

The escaping tests render the Markdown with mistune (installed with nbconvert) in its raw-HTML-passing mode, as a
notebook front end does, so a value that slipped through unescaped would appear as a live tag.
"""

from __future__ import annotations

import re
from dataclasses import replace

import mistune
import pandas as pd
import pytest

from helpers import ALL, claim, say, table
from helpers.notebook import display
from helpers.notebook.prose import Text, escape_markdown

EVIL = '<img src=x onerror="alert(1)"> <script>alert(2)</script>'
RAW_TAG = re.compile(r"<\s*(script|img)\b", re.IGNORECASE)
#: Renders Markdown to HTML passing raw HTML through, as Jupyter does: only escaping keeps a tag out.
render = mistune.create_markdown(escape=False)

MODULE_LEVEL = claim("water.pipelines")  # 4836千米


def no_live_tags(text: str) -> bool:
    return RAW_TAG.search(text) is None


# --- where fields come from -------------------------------------------------------------------------------------------


def test_fields_come_from_the_callers_locals():
    def inner():
        people = claim("overview.registered_poor_people")  # noqa: F841  (read by say() from this frame)
        count = 3  # noqa: F841
        return say("{people:zh}, {people:en}; {count} counties")

    assert str(inner()) == "35.06万名, 350,600 people; 3 counties"


def test_fields_come_from_the_callers_globals_and_keywords_win():
    assert str(say("{MODULE_LEVEL:zh}")) == "4836千米"
    local_text = "local"  # noqa: F841  (read by say() from this frame)
    # the keyword MODULE_LEVEL replaces the global of the same name
    text = say("{local_text} {MODULE_LEVEL:n}", MODULE_LEVEL=claim("water.pumping_stations"))
    assert str(text) == "local 871"


def test_fields_read_attributes_and_properties():
    surfaced = claim("roads.village_road_surfacing")  # 2016/2020-08: 56 months
    text = say("{surfaced.indicator_zh} over {surfaced.months:en}, {surfaced.period_label}")
    assert str(text) == f"{surfaced.indicator_zh} over 56 months, {surfaced.period_label}"


@pytest.mark.parametrize(
    "template",
    [
        '{surfaced.per_year("x", "km")}',
        "{surfaced.window.start.isoformat()}",
        "{numbers[0]}",
        "{lookup[key]}",
    ],
)
def test_a_field_that_calls_or_indexes_raises(template):
    surfaced = claim("roads.village_road_surfacing")  # noqa: F841
    numbers, lookup = [1], {"key": 1}  # noqa: F841
    with pytest.raises(ValueError, match=r"a field names a variable or its attribute; compute the value in code first"):
        say(template)


def test_the_error_names_the_offending_field():
    surfaced = claim("roads.village_road_surfacing")  # noqa: F841
    with pytest.raises(ValueError, match=re.escape('{surfaced.per_year("x", "km")}')):
        say('Pace: {surfaced.per_year("x", "km")}')


def test_an_unknown_name_raises_naming_it():
    with pytest.raises(NameError, match=r"say\(\): the template names 'no_such_figure', which is not a variable"):
        say("{no_such_figure}")


# --- numbers and plurals ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n, text", [(0, "0 claims"), (1, "1 claim"), (2, "2 claims"), (1200, "1,200 claims")])
def test_plural_spec_picks_the_noun(n, text):
    assert str(say("{n:claim|claims}")) == text


def test_plural_spec_with_several_words():
    missing = 1  # noqa: F841
    found = 4  # noqa: F841
    assert (
        str(say("{missing:figure appears|figures appear}; {found:figure appears|figures appear}"))
        == "1 figure appears; 4 figures appear"
    )


def test_a_bare_integer_gets_thousands_separators():
    assert str(say("{n}", n=350600)) == "350,600"


def test_plural_spec_on_a_figure_is_not_a_format():
    people = claim("overview.registered_poor_people")  # noqa: F841  (a Value, not an int)
    with pytest.raises(ValueError, match="unknown format 'person|people'"):
        say("{people:person|people}")


def test_values_format_with_their_spec():
    share = (ALL - claim("health.in_county_treatment_rate")).named("Outside the county", "percent", 1)  # noqa: F841
    assert str(say("{share} ({share:.2}) of bills")) == "3.7% (3.66%) of bills"  # 100 − 96.34 = 3.66


# --- Markdown in, text out --------------------------------------------------------------------------------------------


def test_text_displays_as_markdown_and_compares_as_plain_text():
    text = say("A **bold** claim about {n}", n=3)
    assert isinstance(text, Text)
    assert text._repr_mimebundle_() == {
        "text/markdown": "A **bold** claim about 3",
        "text/plain": "A **bold** claim about 3",
    }
    assert str(text) == text.plain


def test_the_template_is_markdown_but_a_value_is_text():
    label = "**not bold**"  # noqa: F841
    text = say("**bold** {label}")
    assert render(text.markdown).strip() == "<p><strong>bold</strong> **not bold**</p>"


def test_html_in_a_string_variable_shows_as_text():
    note = EVIL  # noqa: F841
    text = say("Note: {note}")
    bundle = text._repr_mimebundle_()
    assert no_live_tags(bundle["text/markdown"]), bundle["text/markdown"]
    html = render(bundle["text/markdown"])
    assert no_live_tags(html), html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html  # shown, as text
    assert bundle["text/plain"] == f"Note: {EVIL}"  # the plain text is the value itself


def test_html_in_a_figure_shows_as_text():
    """A claim whose Chinese and indicator carry markup, formatted through its own __format__ and attributes."""
    bad = replace(claim("water.pipelines"), as_written=EVIL, indicator=f"pipes {EVIL}")  # noqa: F841
    text = say("{bad:zh}, {bad}, {bad.indicator}")
    markdown = text._repr_mimebundle_()["text/markdown"]
    assert no_live_tags(markdown), markdown
    assert no_live_tags(render(markdown))


def test_html_from_a_value_like_object_shows_as_text():
    class Figure:
        def __format__(self, spec):
            return f"{EVIL} [{spec}]"

    figure = Figure()  # noqa: F841
    text = say("{figure:zh}")
    assert no_live_tags(text.markdown) and no_live_tags(render(text.markdown))
    assert text.plain == f"{EVIL} [zh]"


@pytest.mark.parametrize(
    "value, forbidden",
    [
        ("*emphasis* and __strong__", r"<(em|strong)>"),
        ("[click](javascript:alert(1))", r"<a\b"),
        ("![pic](http://example.com/x.png)", r"<img\b"),
        ("`code`", r"<code>"),
        ("# heading", r"<h\d"),
        ("---", r"<h\d|<hr"),  # under a line of text, --- would make it a heading
        ("===", r"<h\d"),
        ("- item", r"<ul|<li"),
        ("+ item", r"<ul|<li"),
        ("1. item", r"<ol|<li"),
        ("3) item", r"<ol|<li"),
        ("> quoted", r"<blockquote"),
        ("line\n\n- item\n# title", r"<ul|<li|<h\d|<p>.*<p>"),
        ("a | b\n--- | ---\nc | d", r"<table"),
        ("<b>bold</b>", r"<b>"),
    ],
)
def test_markdown_in_a_value_shows_as_text(value, forbidden):
    """A value never becomes markup, even when it starts a line or the whole template."""
    for template in ("Before\n{value}\nafter", "{value}"):
        html = render(say(template).markdown)
        assert not re.search(forbidden, html, re.DOTALL), (template, html)


def test_escaping_keeps_numbers_and_words_unchanged():
    """Ordinary values are not cluttered: a negative number or a decimal is left as it is."""
    for plain in ("-5 people", "3.65 people", "2016–2020", "+5", "35.06万名"):
        assert escape_markdown(plain) == plain
    assert render(say("Before\n{x}", x="-5 people").markdown).strip() == "<p>Before\n-5 people</p>"


# --- tables -----------------------------------------------------------------------------------------------------------


def test_table_of_a_dataframe_escapes_every_cell():
    frame = pd.DataFrame({"Note": [EVIL, "plain"], EVIL: ["column name", "too"], "Count": [1, 2]})
    bundle = table(frame)._repr_mimebundle_()
    html = bundle["text/html"]
    assert no_live_tags(html), html
    assert html.count("&lt;script&gt;alert(2)&lt;/script&gt;") == 2  # the cell and the column name
    assert EVIL in bundle["text/plain"]  # the plain text is the data as it is


def test_table_aligns_text_left_and_numbers_right():
    frame = pd.DataFrame({"Place": ["Kunming", "Yunnan"], "People": [38044, 996000]})
    html = table(frame).html()
    assert '<td class="text" style="text-align: left">Kunming</td>' in html
    assert '<td class="num" style="text-align: right">38044</td>' in html
    assert '<th style="text-align: right">People</th>' in html
    assert list(table(frame).frame.index) == [1, 2]  # rows are numbered from 1


def test_table_of_derived_metrics_shows_formula_and_ids():
    people, households = claim("overview.registered_poor_people"), claim("overview.registered_poor_households")
    per_household = (people / households).named("People per household", "people", 2)  # 350,600 ÷ 96,000 = 3.65
    shown = table([per_household]).frame
    assert list(shown.columns) == ["Metric", "Value", "Formula", "From"]
    assert shown.iloc[0].to_dict() == {
        "Metric": "People per household",
        "Value": "3.65 people",
        "Formula": "35.06万名 ÷ 9.6万户",
        "From": "overview.registered_poor_people, overview.registered_poor_households",
    }


def test_table_of_dicts_and_of_other_things():
    assert list(table([{"a": 1, "b": "x"}]).numeric) == ["a"]
    with pytest.raises(TypeError, match="table\\(\\) shows derived metrics"):
        table([1, 2])


# --- the section texts built from the ledger --------------------------------------------------------------------------


def test_quotes_are_verbatim_and_grouped():
    text = display.quotes_text("overview").plain
    quote = claim("overview.registered_poor_people").quote
    assert text.count(quote) == 1  # three claims share this quote; it is shown once
    assert (
        "Figures: 9.6万户 (overview.registered_poor_households); 35.06万名 (overview.registered_poor_people); "
        "全部脱贫 (overview.registered_poor_lifted_share)"
    ) in text


def test_figures_table_shows_every_claim_of_the_sector():
    from helpers.ledger.data import claims

    shown = display.figures_table("relocation").frame
    assert list(shown["id"]) == list(claims("relocation")["id"])
    assert "38,044 people" in list(shown["Value"])  # written in digits in the article: no 万 form
    assert shown.index[0] == 1


def test_contents_links_every_other_notebook():
    text = display.contents_text("water").markdown
    assert "- **05 · Drinking water (饮水安全)** (this notebook)" in text
    assert "(14_synthesis.ipynb)" in text and text.count("](") == 14  # 15 notebooks, this one unlinked
