"""The indicator grammar on real published inline text, checked by hand against the document."""

from decimal import Decimal
from pathlib import Path

from jixiao.parse.indicators import parse_indicator_text

FIXTURES = Path(__file__).parent.parent / "fixtures" / "list"
FIXTURE = FIXTURES / "027_tongxin-xiamaguan-2023-grape-target-prose.txt"


def test_tongxin_inline_indicators() -> None:
    text = FIXTURE.read_text("utf-8")
    start = text.index("一、 产出指标")
    section = text[start : text.index("附件:")]
    found, rest = parse_indicator_text(section)
    assert [(i.level1, i.level2, i.operator, i.value, i.unit) for i in found] == [
        ("产出指标", "数量指标", "≥", Decimal(17600), "株"),
        ("产出指标", "数量指标", "≥", Decimal(85), None),  # "成活率 >=85": the document gives no %
        ("产出指标", "时效指标", "≥", Decimal(100), "%"),
        ("产出指标", "成本指标", "≤", Decimal("28.40"), "/株"),  # "≤28.40/株": no 元 in the document
        ("效益指标", "经济效益指标", "≥", Decimal(80), "万元"),
        ("效益指标", "经济效益指标", "≥", Decimal(80), "万元"),
        ("效益指标", "社会效益目标", "≥", Decimal(10), "户"),
        ("效益指标", "生态效益指标", "定性", "提高", None),  # "生态修复功能提高。"
        ("满意度指标", "服务对象满意度指标", "≥", Decimal(95), "%"),
    ]
    assert [i.name for i in found][4:] == [
        "脱贫地区特色产业产值", "促使脱贫户、监测户增加收入", "受益脱贫户、监测户人口数", "生态修复功能",
        "受益脱贫户满意度"]
    assert found[1].raw == "种植作物成活率(≥**%)>=85"
    # a statement with no name/value split ("持续发展") and its heading are kept
    leftovers = ["持续发展", "可持续影响指标,"]
    assert sorted(u.text for u in rest) == sorted(leftovers)
    kept = sum(len(i.raw) for i in found) + sum(len(u.text) for u in rest)
    assert kept / len("".join(section.split())) > 0.6
