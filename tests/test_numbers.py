"""The figure parser and formatter: the article's own figures, edge cases, and round trips."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.ledger.numbers import (
    FigureParseError,
    chinese_numeral_value,
    format_number,
    format_wan,
    parse_decimal,
    parse_figure,
)


@pytest.mark.parametrize(
    "text, value, qualifier, unit_text, percent",
    [
        ("9.6万户", "96000", "exact", "户", False),
        ("35.06万名", "350600", "exact", "名", False),
        ("21.28亿元", "2128000000", "exact", "元", False),
        ("19.75亿", "1975000000", "exact", "", False),
        ("198.69万人次", "1986900", "exact", "人次", False),
        ("4000余座", "4000", "at_least", "座", False),
        ("10万余人", "100000", "at_least", "人", False),
        ("超过60万元", "600000", "at_least", "元", False),
        ("300多个", "300", "at_least", "个", False),
        ("50万人以上", "500000", "at_least", "人", False),
        ("近5万人", "50000", "approximately", "人", False),
        ("约3.2亿元", "320000000", "approximately", "元", False),
        ("100人左右", "100", "approximately", "人", False),
        ("96.34%", "96.34", "exact", "", True),
        ("100%", "100", "exact", "", True),
        ("4836千米", "4836", "exact", "千米", False),
        ("2.23千伏安", "2.23", "exact", "千伏安", False),
        ("130MW", "130", "exact", "MW", False),
        ("4920元/人", "4920", "exact", "元/人", False),
        ("9.65432万", "96543.2", "exact", "", False),
        ("负3.5万", "-35000", "exact", "", False),
        ("四类", "4", "exact", "类", False),
        ("三个", "3", "exact", "个", False),
        ("两", "2", "exact", "", False),
        ("十", "10", "exact", "", False),
    ],
)
def test_parse_figure_examples(text, value, qualifier, unit_text, percent):
    figure = parse_figure(text)
    assert figure.value == Decimal(value)
    assert str(figure.value) == value  # no exponent, no trailing zeros
    assert figure.qualifier == qualifier
    assert figure.unit_text == unit_text
    assert figure.percent is percent


def test_wan_is_exact_not_float():
    # 35.06 * 10000 in binary floating point is 350599.99999999994
    assert parse_figure("35.06万").value == 350600
    assert parse_figure("0.1万").value + parse_figure("0.2万").value == 3000


@pytest.mark.parametrize("text", ["", "全面清零", "万", "abc", "十十", "四四", "百县百品", "约超过5万"])
def test_parse_figure_rejects(text):
    with pytest.raises(FigureParseError):
        parse_figure(text)


@pytest.mark.parametrize(
    "text, value",
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("九十九", 99),
        ("一百", 100),
        ("两百零五", 205),
        ("三千四百", 3400),
    ],
)
def test_chinese_numerals(text, value):
    assert chinese_numeral_value(text) == value


@pytest.mark.parametrize("text", ["1,000", "1e5", "NaN", "", " ", "5万", "12.", ".5"])
def test_parse_decimal_rejects_non_plain_numbers(text):
    with pytest.raises(FigureParseError):
        parse_decimal(text)


def test_format_wan_examples():
    assert format_wan(350600) == "35.06万"
    assert format_wan(2128000000) == "21.28亿"
    assert format_wan(96000, "户") == "9.6万户"
    assert format_wan(4920) == "4920"
    assert format_wan(Decimal("-35000")) == "-3.5万"
    assert format_wan(0) == "0"
    assert format_wan(10000) == "1万"  # the smallest 万
    assert format_wan(99999999) == "9999.9999万"  # one below 1亿 stays in 万, exactly
    assert format_wan(100000000) == "1亿"
    assert format_wan(Decimal("1.0E+4")) == "1万"  # an exponent form is written out


def test_format_number():
    assert format_number(350600) == "350,600"
    assert format_number(Decimal("2653.85")) == "2,653.85"
    assert format_number(3.645833) == "3.65"
    assert format_number(99.0) == "99"
    assert format_number(3.64, 1) == "3.6"


@pytest.mark.parametrize(
    "value, decimals, text",
    [
        # an int or Decimal keeps exactly its decimals, without trailing zeros and never in exponent form
        (Decimal("2653.850"), None, "2,653.85"),
        (Decimal("0.10"), None, "0.1"),
        (Decimal("1E+3"), None, "1,000"),
        (Decimal("350600.00"), None, "350,600"),
        (-350600, None, "-350,600"),
        (Decimal("-2653.85"), None, "-2,653.85"),
        # decimals given: padded with zeros, or rounded
        (5, 2, "5.00"),
        (Decimal("96.34"), 0, "96"),
        (1234.56, 0, "1,235"),
        # a float is rounded to two decimals at most, as its shortest decimal form reads
        (0.1 + 0.2, None, "0.3"),  # 0.30000000000000004
        (2.675, None, "2.68"),  # binary 2.67499999…; round(2.675, 2) would give 2.67
        (99.995, None, "100"),  # 100.00, trailing zeros dropped
        (1e-7, None, "0"),
        (1e20, None, "100,000,000,000,000,000,000"),  # every digit, never 1e+20
        # a figure that rounds to zero has no sign: never "-0"
        (-0.001, None, "0"),
        (-0.0, None, "0"),
        (-0.004, 2, "0.00"),
        (-0.006, 2, "-0.01"),  # rounds away from zero: the sign stays
        (0.3 - 0.1 - 0.2, None, "0"),  # −2.8e-17, float noise in a difference
        (True, None, "1"),
    ],
)
def test_format_number_edge_cases(value, decimals, text):
    assert format_number(value, decimals) == text


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_number_of_an_integer_is_every_digit_grouped_by_three(number):
    text = format_number(number)
    assert int(text.replace(",", "")) == number
    assert all(len(group) == 3 for group in text.lstrip("-").split(",")[1:])


decimals = st.decimals(
    min_value=Decimal("-1e13"), max_value=Decimal("1e13"), places=4, allow_nan=False, allow_infinity=False
)


@given(decimals)
def test_format_wan_round_trips(value):
    assert parse_figure(format_wan(value)).value == value


@given(st.integers(min_value=0, max_value=9999))
def test_chinese_numeral_round_trip(number):
    digits = "零一二三四五六七八九"
    text, zero = "", False
    for power, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = number // power % 10
        if d:
            if zero and text:
                text += "零"
            text += digits[d] + unit
            zero = False
        elif text:
            zero = True
    assert chinese_numeral_value(text or "零") == number
