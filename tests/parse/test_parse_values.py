"""parse_value and parse_amount: every written form the published tables use."""

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.model import OPERATORS, ValueKind
from jixiao.parse.numbers import normalise, parse_amount
from jixiao.parse.values import parse_value

D = Decimal
N, P, T, DATE = ValueKind.NUMBER, ValueKind.PERCENT, ValueKind.TEXT, ValueKind.DATE


@pytest.mark.parametrize(("text", "op", "value", "kind", "unit"), [
    ("≥95%", "≥", D("95"), P, "%"),
    ("≤ 120万元", "≤", D("120"), N, "万元"),
    ("＞＝90", "≥", D("90"), N, None),
    (">=85", "≥", D("85"), N, None),
    ("<=5", "≤", D("5"), N, None),
    ("＞3", ">", D("3"), N, None),
    ("不低于10个", "≥", D("10"), N, "个"),
    ("不高于20万元", "≤", D("20"), N, "万元"),
    ("不少于2次", "≥", D("2"), N, "次"),
    ("达80%", "=", D("80"), P, "%"),
    ("2025年12月31日前", "≤", dt.date(2025, 12, 31), DATE, None),
    ("2022年12月28日", "", dt.date(2022, 12, 28), DATE, None),
    ("2023-06-30", "", dt.date(2023, 6, 30), DATE, None),
    ("2023年12月底", "≤", dt.date(2023, 12, 31), DATE, None),
    ("2024年2月", "", dt.date(2024, 2, 29), DATE, None),
    ("健全", "定性", "健全", T, None),
    ("及时", "定性", "及时", T, None),
    ("100%", "", D("100"), P, "%"),
    ("30天", "", D("30"), N, "天"),
    ("30 天", "", D("30"), N, "天"),
    ("0.21万元", "", D("0.21"), N, "万元"),
    ("44561", "", D("44561"), N, None),
    ("44,561", "", D("44561"), N, None),
    ("≤28.40/株", "≤", D("28.40"), N, "/株"),
    ("≧90%", "≥", D("90"), P, "%"),
    ("═100%", "=", D("100"), P, "%"),
    ("３０人次", "", D("30"), N, "人次"),
    ("10个以上", "≥", D("10"), N, "个"),
    ("5万元以内", "≤", D("5"), N, "万元"),
    ("≥ 2000份", "≥", D("2000"), N, "份"),
    ("1批", "", D("1"), N, "批"),
])
def test_parse_value(text: str, op: str, value: object, kind: ValueKind, unit: str | None) -> None:
    parsed = parse_value(text)
    assert parsed.ok
    assert (parsed.operator, parsed.value, parsed.kind, parsed.unit) == (op, value, kind, unit)
    assert parsed.operator in OPERATORS


@pytest.mark.parametrize("text", ["2023年13月1日", "1:1", "80%-100%", "-", "", "30天前", "约10左右个"])
def test_parse_value_not_understood(text: str) -> None:
    parsed = parse_value(text)
    assert not parsed.ok
    assert parsed.kind is T and parsed.operator == "定性" and parsed.value == text.strip()


def test_trailing_zeros_are_kept() -> None:
    assert str(parse_value("4.00万元").value) == "4.00"


@pytest.mark.parametrize(("text", "amount"), [
    ("435.21", D("435.21")), ("1,234.50", D("1234.50")), ("30", D("30")), ("４.００", D("4.00")),
    (" 0.21 ", D("0.21")), ("-3", D("-3")),
])
def test_parse_amount(text: str, amount: Decimal) -> None:
    assert parse_amount(text) == amount
    assert str(parse_amount(text)) == str(amount)


@pytest.mark.parametrize("text", ["", "  ", "合计", "30万元", "1,23", "1.2.3", "NaN", "Infinity"])
def test_parse_amount_rejects(text: str) -> None:
    assert parse_amount(text) is None


def test_normalise_preserves_length() -> None:
    text = "（一）数量指标：≧９０％　＞＝"
    assert len(normalise(text)) == len(text)
    assert normalise(text) == "(一)数量指标:≥90% >="


@pytest.mark.parametrize(("text", "year", "op", "value", "kind"), [
    ("12月底前", 2024, "≤", dt.date(2024, 12, 31), DATE),
    ("12月31日前", 2024, "≤", dt.date(2024, 12, 31), DATE),
    ("6月30日", 2023, "", dt.date(2023, 6, 30), DATE),
    ("2月底", 2024, "≤", dt.date(2024, 2, 29), DATE),
    ("12月底前", None, "≤", "12月底前", T),
    ("13月1日", 2024, "定性", "13月1日", T),
    ("3个月", 2024, "", D(3), N),
])
def test_dates_without_a_year(text: str, year: int | None, op: str, value: object, kind: ValueKind) -> None:
    parsed = parse_value(text, year)
    assert (parsed.operator, parsed.value, parsed.kind) == (op, value, kind)
    assert parsed.ok is (value != "13月1日")


def test_long_text_is_not_kept_in_the_cache() -> None:
    from jixiao.parse.values import parse_normalised

    before = parse_normalised.cache_info().currsize
    assert parse_value("很长的说明" * 100).kind is T
    assert parse_normalised.cache_info().currsize == before


@pytest.mark.parametrize(("text", "op"), [("1天", ""), ("=1天", "="), ("等于1天", "="), ("达到1天", "="),
                                          ("1天以内", "≤")])
def test_not_written_is_not_equals(text: str, op: str) -> None:
    """Issue 13: "1天" with no operator is NO_OPERATOR, never an invented "="; a written one stays."""
    assert parse_value(text).operator == op
