"""The 绩效指标 cell grammar: headings, numbering, colons, markup, values, unparsed leftovers."""

import datetime as dt
import itertools
import re
from decimal import Decimal

import pytest

from jixiao.model import Location, ValueKind
from jixiao.parse.indicator_scan import Segment, scan
from jixiao.parse.indicators import parse_indicator_text


def rows(text: str) -> list[tuple[object, ...]]:
    found, rest = parse_indicator_text(text)
    assert rest == []
    return [(i.level1, i.level2, i.name, i.operator, i.value, i.unit) for i in found]


def test_inline_headings_and_numbered_items() -> None:
    text = "一、产出指标 (一)数量指标: 1.举办活动天数 30天 2.举办场次 1次 (四)成本指标: 1.爱心早餐成本≤30万元"
    assert rows(text) == [
        ("产出指标", "数量指标", "举办活动天数", "", Decimal(30), "天"),
        ("产出指标", "数量指标", "举办场次", "", Decimal(1), "次"),
        ("产出指标", "成本指标", "爱心早餐成本", "≤", Decimal(30), "万元"),
    ]


def test_html_paragraphs_colon_values_and_missing_level2() -> None:
    text = ("<p>一、产出指标</p> <p>(一)数量指标:</p> <p>1.补贴人数: 7名</p> <p>(四)成本指标</p> "
            "<p>公用及慰问金额: 0.21万元</p> <p>三、满意度指标</p> <p>职工群众满意度 95%</p>")
    assert rows(text) == [
        ("产出指标", "数量指标", "补贴人数", "", Decimal(7), "名"),
        ("产出指标", "成本指标", "公用及慰问金额", "", Decimal("0.21"), "万元"),
        ("满意度指标", None, "职工群众满意度", "", Decimal(95), "%"),
    ]


def test_operators_dates_and_qualitative_values() -> None:
    text = ("二、效益指标 (一)社会效益指标: 1.政策知晓率≥98% 2.覆盖率 >= 80% 3.完成时限 2022年12月28日 "
            "(二)可持续影响指标: 1.宣传机制健全性 健全 2.服务质量 提升 3.成本 不高于5万元 4.场次 ＞3场")
    assert rows(text) == [
        ("效益指标", "社会效益指标", "政策知晓率", "≥", Decimal(98), "%"),
        ("效益指标", "社会效益指标", "覆盖率", "≥", Decimal(80), "%"),
        ("效益指标", "社会效益指标", "完成时限", "", dt.date(2022, 12, 28), None),
        ("效益指标", "可持续影响指标", "宣传机制健全性", "定性", "健全", None),
        ("效益指标", "可持续影响指标", "服务质量", "定性", "提升", None),
        ("效益指标", "可持续影响指标", "成本", "≤", Decimal(5), "万元"),
        ("效益指标", "可持续影响指标", "场次", ">", Decimal(3), "场"),
    ]


def test_2021_framework_cost_as_level1_and_bare_headings() -> None:
    text = ("产出指标: 数量指标: 培训人数 ≥100人 成本指标: 经济成本指标: 人均成本 ≤500元 "
            "满意度指标: 满意度 ≥90%")
    assert rows(text) == [
        ("产出指标", "数量指标", "培训人数", "≥", Decimal(100), "人"),
        ("成本指标", "经济成本指标", "人均成本", "≤", Decimal(500), "元"),
        ("满意度指标", None, "满意度", "≥", Decimal(90), "%"),
    ]


def test_cost_under_output_in_the_older_framework() -> None:
    text = "一、产出指标 成本指标: 单价 ≤5元"
    assert rows(text) == [("产出指标", "成本指标", "单价", "≤", Decimal(5), "元")]


def test_template_placeholders_are_left_out_of_names() -> None:
    found, rest = parse_indicator_text("数量指标:黄金蜜(葡萄)种植数量(≥**株)>=17600株;成活率(≥**%)>=85")
    assert rest == []
    assert [(i.name, i.operator, i.value, i.unit) for i in found] == [
        ("黄金蜜(葡萄)种植数量", "≥", Decimal(17600), "株"), ("成活率", "≥", Decimal(85), None)]
    assert found[0].raw == "黄金蜜(葡萄)种植数量(≥**株)>=17600株"


def test_unplaceable_text_is_kept_with_location() -> None:
    text = "一、产出指标 (一)数量指标: 1.举办活动 若干 2.场次 约3-5场 (二)质量指标: 3.合格率 100%"
    base = Location("a.txt", line=7, column=5, span=(100, 100 + len(text)))
    found, rest = parse_indicator_text(text, base)
    assert [i.name for i in found] == ["举办活动", "合格率"]
    assert [(u.text, u.reason) for u in rest] == [("2.场次 约3-5场", "indicator without a readable value")]
    assert rest[0].location is not None and rest[0].location.span is not None
    a, b = rest[0].location.span
    assert text[a - 100 : b - 100] == "2.场次 约3-5场"
    assert rest[0].location.line == 7
    span = found[1].location.span if found[1].location else None
    assert span is not None and text[span[0] - 100 : span[1] - 100] == found[1].raw


def test_heading_without_indicators_is_reported() -> None:
    text = "一、产出指标 (一)数量指标: 1.人数 5人 (二)生态效益指标: 二、满意度指标 满意度 90%"
    found, rest = parse_indicator_text(text)
    assert len(found) == 2
    assert [(u.text, u.reason) for u in rest] == [("(二)生态效益指标:", "heading with no indicators")]


def test_indicator_value_kinds() -> None:
    found, _ = parse_indicator_text("1.完成率 100% 2.时限 2023年6月30日前 3.人数 5人 4.机制 健全")
    kinds = [ValueKind.PERCENT, ValueKind.DATE, ValueKind.NUMBER, ValueKind.TEXT]
    assert [i.value_kind for i in found] == kinds
    assert found[1].operator == "≤"


@pytest.mark.parametrize("text", [
    "", "   ", "<p></p>", "一、产出指标", "1.", "(一)", "≥", "1.2.3.4", "<p>1.x</p><p>", "指标指标: :",
])
def test_scan_leaves_only_markup_between_segments(text: str) -> None:
    segments = scan(text)
    bounded = [Segment("item", 0, 0), *segments, Segment("item", len(text), len(text))]
    rest = "".join(text[a.end : b.start] for a, b in itertools.pairwise(bounded))
    assert not re.sub(r"<[^<>]*>|[;。\s]", "", rest)
    assert sum(s.end - s.start for s in segments) + len(rest) == len(text)


def test_unit_written_in_the_name() -> None:
    assert rows("1.满意度(%) ≥90 2.人均成本（元） ≤500 3.项目(工程)验收合格率 100%") == [
        (None, None, "满意度(%)", "≥", Decimal(90), "%"),
        (None, None, "人均成本（元）", "≤", Decimal(500), "元"),
        (None, None, "项目(工程)验收合格率", "", Decimal(100), "%"),
    ]
    found, _ = parse_indicator_text("满意度(%) ≥90")
    assert found[0].value_kind is ValueKind.PERCENT
    found, _ = parse_indicator_text("1.种植黄金蜜(葡萄) 1760 2.补助标准(元/株) ≤28.4")
    assert [(i.unit, i.value_kind) for i in found] == [(None, ValueKind.NUMBER), ("元/株", ValueKind.NUMBER)]


def test_dates_without_a_year_take_the_budget_year() -> None:
    text = "(三)时效指标: 1.完成时限 12月底前 2.拨付时间 6月30日"
    found, rest = parse_indicator_text(text, year=2024)
    assert rest == []
    assert [(i.operator, i.value, i.value_kind) for i in found] == [
        ("≤", dt.date(2024, 12, 31), ValueKind.DATE), ("", dt.date(2024, 6, 30), ValueKind.DATE)]
    found, rest = parse_indicator_text(text)
    assert [(i.operator, i.value, i.value_kind) for i in found] == [
        ("≤", "12月底前", ValueKind.TEXT), ("", "6月30日", ValueKind.TEXT)]


def test_numbering_styles() -> None:
    text = "（1）培训人次 ≥500人次（2）合格率≥95% ③人数 5人 １．场次 2场 4、天数 3天"
    assert [(i.name, i.value) for i in parse_indicator_text(text)[0]] == [
        ("培训人次", Decimal(500)), ("合格率", Decimal(95)), ("人数", Decimal(5)), ("场次", Decimal(2)),
        ("天数", Decimal(3))]


def test_semicolon_separated_bare_headings() -> None:
    text = ("产出指标：数量指标：培训人次≥500人次；质量指标：培训合格率≥95%；"
            "满意度指标：服务对象满意度指标：满意度≥95%。")
    assert rows(text) == [
        ("产出指标", "数量指标", "培训人次", "≥", Decimal(500), "人次"),
        ("产出指标", "质量指标", "培训合格率", "≥", Decimal(95), "%"),
        ("满意度指标", "服务对象满意度指标", "满意度", "≥", Decimal(95), "%"),
    ]


def test_a_name_wrapped_in_its_cell_is_joined() -> None:
    text = "(一)社会效益指标:\n1.保障环卫工人日常工作顺\n利运行 100%\n2.知晓率 90%"
    found, rest = parse_indicator_text(text)
    assert rest == []
    assert [i.name for i in found] == ["保障环卫工人日常工作顺利运行", "知晓率"]
    assert found[0].raw == "1.保障环卫工人日常工作顺\n利运行 100%"


def test_qualitative_target_word_glued_to_the_name() -> None:
    found, rest = parse_indicator_text("1.服务质量明显提升 2.机制健全。 3.合格 4.人数 5")
    assert [(i.name, i.operator, i.value) for i in found] == [
        ("服务质量", "定性", "明显提升"), ("机制", "定性", "健全"), ("人数", "", Decimal(5))]
    assert [u.text for u in rest] == ["3.合格"]  # no name left


def test_the_item_memos_of_several_years_share_one_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """An import worker meets tables of many years: the years' memos together stay within the size
    one year had (they once held the size per year: ~24 MB a year and worker at the million), and
    what is read from them is what is read afresh."""
    from jixiao.parse.item_memo import ItemMemo

    monkeypatch.setattr(ItemMemo, "size", 60)
    ItemMemo.cache_clear()
    texts = [f"1.完成时限 12月{d}日 2.培训人次 {n}人次" for d in range(1, 29) for n in range(3)]
    try:
        first = {year: [parse_indicator_text(t, year=year)[0] for t in texts] for year in range(2019, 2025)}
        for memo in (ItemMemo.by_year, ItemMemo.bodies):
            assert len(memo) == 6 and sum(len(d) for d in memo.values()) <= 60
        ItemMemo.cache_clear()
        again = {year: [parse_indicator_text(t, year=year)[0] for t in texts] for year in range(2019, 2025)}
        assert again == first
        assert first[2019][0][0].value != first[2024][0][0].value  # the year completes the date
    finally:
        ItemMemo.cache_clear()
