# ruff: noqa: E501  (strategy alphabets and option lists read better on one line)
"""Property: whatever the parser hands over, the rules never crash and the report is deterministic."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.model.document import Commitment, Document, Goal, Indicator, Project, Unit, ValueKind
from jixiao.model.taxonomy import Framework
from jixiao.review.config import ReviewConfig, preset
from jixiao.review.engine import review

_TEXT = st.text(alphabet="职工之家建设成本单次培训率满意度提升改善元万%≥≤=（）一、产出效益数量质量时效 2023年", max_size=14)
_LEVEL1 = st.sampled_from([None, "", "产出指标", "一、效益指标", "成本指标", "满意度指标", "其他", "项目完成指标"])
_LEVEL2 = st.sampled_from([None, "", "(一)数量指标:", "质量指标", "时效指标", "成本指标", "经济成本指标",
                           "可持续影响指标", "社会效益指标", "服务对象满意度指标", "未知"])
_UNIT = st.sampled_from([None, "", "%", "万元", "元", "个", "次", "万元/个", "亿元", "人次", "天"])
_OP = st.sampled_from(["≥", "≤", "=", ">", "<", "定性", ""])
_DEC = st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def indicators(draw: st.DrawFn) -> Indicator:
    kind = draw(st.sampled_from(list(ValueKind)))
    value: Decimal | dt.date | str | None
    if kind in (ValueKind.NUMBER, ValueKind.PERCENT):
        value = draw(st.one_of(st.none(), _DEC))
    elif kind is ValueKind.DATE:
        value = draw(st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))))
    else:
        value = draw(st.one_of(st.none(), _TEXT))
    ind = Indicator(draw(_LEVEL1), draw(_LEVEL2), draw(_TEXT), draw(_OP), value, kind, draw(_UNIT), draw(_TEXT))
    if draw(st.booleans()):  # a self-evaluation row
        ind.weight, ind.score = draw(st.one_of(st.none(), _DEC)), draw(st.one_of(st.none(), _DEC))
        ind.actual = draw(st.one_of(st.none(), _TEXT, st.sampled_from(["100%", "98", "0", "-5", "12次", "1e9"])))
        ind.deviation = draw(st.one_of(st.none(), _TEXT))
    return ind


@st.composite
def projects(draw: st.DrawFn) -> Project:
    commitments = draw(st.lists(st.builds(
        Commitment, _TEXT, _OP, _DEC, _UNIT, _TEXT,
        st.one_of(st.none(), st.tuples(st.integers(0, 20), st.integers(0, 20)))), max_size=3))
    return Project(
        seq=draw(st.sampled_from(["1", "2", "10", "a", ""])), name=draw(_TEXT),
        amount=draw(st.one_of(st.none(), _DEC)), unit_code=draw(st.sampled_from([None, "003", "003006"])),
        goals=[Goal(draw(_TEXT), commitments=commitments)],
        indicators=draw(st.lists(indicators(), max_size=8)),
    )


@st.composite
def documents(draw: st.DrawFn) -> Document:
    units = [Unit("003", "总工会", draw(st.one_of(st.none(), _DEC))),
             Unit("003006", "本级", draw(st.one_of(st.none(), _DEC)), "003")]
    return Document(
        year=draw(st.one_of(st.none(), st.integers(1990, 2100))), total=draw(st.one_of(st.none(), _DEC)),
        units=draw(st.sampled_from([[], units])), projects=draw(st.lists(projects(), max_size=4)),
        organisation=draw(st.one_of(st.none(), _TEXT)),
    )


SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "src" / "jixiao" / "review" / "report.schema.json")
                    .read_text(encoding="utf-8"))


CONFIGS = {
    "default": ReviewConfig(),
    "strict": preset("strict"),
    "MOF2021": ReviewConfig(framework=Framework.MOF2021),
    "year-2030": ReviewConfig(year=2030, max_findings_per_rule=2),
}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(sorted(CONFIGS)))
def test_rules_never_crash(doc: Document, profile: str) -> None:
    config = CONFIGS[profile]
    report = review(doc, config)
    crashed = [f.message for f in report.findings if f.name == "rule-crashed"]
    assert crashed == []
    data = report.to_dict()
    assert data == review(doc, config).to_dict()
    jsonschema.validate(json.loads(json.dumps(data)), SCHEMA, cls=jsonschema.Draft202012Validator)
