"""Model basics: JSON round trip and the taxonomy's loose name matching."""

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.model import Document, Goal, Indicator, Location, Project, Unit, Unparsed, ValueKind
from jixiao.model.jsonify import document_from_dict, document_to_dict
from jixiao.model.taxonomy import Framework, allowed_parents, canonical_level1, canonical_level2


def test_round_trip() -> None:
    doc = Document(
        title="t", region="门源县", year=2023, total=Decimal("4.00"),
        units=[Unit("003", "总工会", Decimal("4.00"))],
        projects=[Project("1", "p", Decimal("4.00"), "003", [Goal("目标一：x")], [
            Indicator("产出指标", "时效指标", "工作完成时限", "=", dt.date(2023, 12, 28),
                      ValueKind.DATE, None, "1.工作完成时限 2023年12月28日", Location("a.txt", line=3)),
            Indicator("产出指标", None, "合格率", "≥", Decimal("95"), ValueKind.PERCENT, "%", "合格率≥95%"),
        ], [Unparsed("??", Location("a.txt", line=4), "x")])],
    )
    assert document_from_dict(document_to_dict(doc)) == doc


@pytest.mark.parametrize(("written", "canonical"), [
    ("一、产出指标", "产出"), ("产出指标", "产出"), ("项目完成指标", "产出"), ("成本指标", "成本"),
    ("三、满意度指标", "满意度"), ("（一）数量指标:", None),
])
def test_level1(written: str, canonical: str | None) -> None:
    assert canonical_level1(written) == canonical


@pytest.mark.parametrize(("written", "canonical"), [
    ("(一)数量指标:", "数量"), ("(四)成本指标", "成本"), ("进度指标", "时效"),
    ("社会公众或服务对象满意度指标", "服务对象满意度"), ("可持续影响指标", "可持续影响"), ("举办场次", None),
])
def test_level2(written: str, canonical: str | None) -> None:
    assert canonical_level2(written) == canonical


def test_frameworks() -> None:
    assert allowed_parents("成本", Framework.MOF2015) == ("产出",)
    assert allowed_parents("成本", Framework.MOF2021) == ()
    assert allowed_parents("经济成本", Framework.MOF2021) == ("成本",)
    assert allowed_parents("可持续影响", Framework.MOF2021) == ()
