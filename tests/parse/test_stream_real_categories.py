"""Category words in real published tables that are not categories (tests/corpus): a 三级指标 written
like a category name, in the row of the category it belongs to."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model.document import Indicator
from jixiao.services import parse_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _indicators(prefix: str) -> list[Indicator]:
    (path,) = [p for folder in ("published", "found") for p in (CORPUS / folder).glob(f"{prefix}_*.txt")]
    return [i for p in parse_file(path).projects for i in p.indicators]


def test_category_named_indicator_before_its_nature_cell() -> None:
    """104: "成本指标 | 社会成本指标 | 定量 | 100 | %": 社会成本指标 stands in the 三级指标 column (定量
    follows it), so it is the indicator 社会成本指标 ≥… 100%, under 成本指标."""
    found = [i for i in _indicators("104") if i.name == "社会成本指标"]
    assert len(found) == 1
    assert (found[0].level2, found[0].value, found[0].unit) == ("成本指标", Decimal(100), "%")


def test_category_named_indicator_before_its_value() -> None:
    """111: "服务对象满意度指标 | 满意度 | 90% | 计划标准": 满意度 is the row's indicator, target 90%."""
    found = [i for i in _indicators("111") if i.name == "满意度"]
    assert len(found) == 1
    assert (found[0].value, found[0].unit, found[0].level1) == (Decimal(90), "%", "服务对象满意度指标")


def test_category_followed_by_its_points_stays_a_category() -> None:
    """169: "数量指标 (10分)" and 173: "效果指标 35 经济效益指标": a category's points after it do not
    make the category a name."""
    names = {i.name for i in _indicators("169")} | {i.name for i in _indicators("173")}
    assert not names & {"数量指标", "质量指标", "经济效益指标", "效果指标"}


def test_category_named_indicator_after_a_template_hint() -> None:
    """122 (a tree export, no header): "服务对象满意度指标(必填)" / "服务对象满意度" / "100%": the
    hint "(必填)" after the category cell does not hide that 服务对象满意度 is the row's name."""
    found = [i for i in _indicators("122") if i.name == "服务对象满意度"]
    assert len(found) == 1
    assert (found[0].value, found[0].unit, found[0].level2) == (Decimal(100), "%", "服务对象满意度指标")


def test_level2_written_with_its_level1_and_no_zhibiao_is_a_category() -> None:
    """153: "产出指标 | 产出数量 | …", "| 产出质量 | 培训对象符合…规定 | 18—54周岁 | 存在18岁以下…":
    产出数量 / 产出质量 / 产出时效 are the 二级 categories, not indicators, so the 产出质量 row is read
    with its target (its actual, a sentence, is still read as a row of its own)."""
    inds = _indicators("153")
    assert not {"产出数量", "产出质量", "产出时效"} & {i.name for i in inds}
    rule = [i for i in inds if i.name == "培训对象符合吕梁山护工培训招生计划规定"]
    assert len(rule) == 1
    assert (rule[0].value, rule[0].level2) == ("18—54周岁", "质量指标")
