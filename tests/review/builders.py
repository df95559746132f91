"""Small hand-made documents for rule tests (no parser involved)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.model.document import Commitment, Document, Goal, Indicator, Project, Unit, Unparsed, ValueKind
from jixiao.model.location import Location

L2_PARENT = {
    "数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "成本指标": "产出指标",
    "社会效益指标": "效益指标", "经济效益指标": "效益指标", "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}


def ind(level2: str, name: str, value: str, unit: str | None = None, op: str = "≥",
        level1: str | None = None, raw: str | None = None) -> Indicator:
    """``ind("数量指标", "开展专项培训", "3", "次")``; value "2023-12-28" is a date, "%" a percent."""
    kind = ValueKind.NUMBER
    val: Decimal | dt.date | str
    if unit == "%" and value[:1].isdigit():
        kind, val = ValueKind.PERCENT, Decimal(value)
    elif unit == "date":
        kind, val, unit = ValueKind.DATE, dt.date.fromisoformat(value), None
    elif unit is None or not value[:1].lstrip("-").isdigit():
        kind, val = ValueKind.TEXT, value
        op = "定性" if op == "≥" else op  # the default operator means "not given" for text
    else:
        val = Decimal(value)
    shown_op = "" if op in {"定性", "", "="} else op  # "=" is how the parser reads a bare value
    return Indicator(
        level1=level1 if level1 is not None else L2_PARENT.get(level2, "产出指标"),
        level2=level2 or None,
        name=name,
        operator=op or "=",
        value=val,
        value_kind=kind,
        unit=unit,
        raw=raw if raw is not None else f"{name} {shown_op}{value}{unit or ''}",
        location=Location("test.txt", line=1),
    )


def complete_set() -> list[Indicator]:
    """A small indicator set that satisfies every structural rule (MOF2015)."""
    return [
        ind("数量指标", "开展专项培训", "3", "次"),
        ind("质量指标", "专项培训考核达标率", "90", "%"),
        ind("时效指标", "专项培训完成时限", "2023-11-30", "date"),
        ind("成本指标", "单次专项培训成本", "1", "万元", "≤"),
        ind("社会效益指标", "参训职工技能考核通过率", "85", "%"),
        ind("服务对象满意度指标", "参训职工满意度", "90", "%"),
    ]


def goal(text: str, *commitments: tuple[str, str, str, str | None, str]) -> Goal:
    """``goal("培训不低于3次", ("不低于3次", "≥", "3", "次", "培训"))``."""
    return Goal(text, commitments=[Commitment(t, op, Decimal(v), u, s) for t, op, v, u, s in commitments])


def project(indicators: list[Indicator], *, seq: str = "1", name: str = "职工专项培训",
            amount: str | None = "10", goals: list[Goal] | None = None, unit_code: str | None = "003006",
            unparsed: list[str] | None = None, funds: dict[str, str] | None = None) -> Project:
    return Project(
        seq=seq, name=name, amount=None if amount is None else Decimal(amount), unit_code=unit_code,
        goals=goals if goals is not None else [goal("开展职工专项培训，提升职工专业技能")],
        indicators=indicators,
        unparsed=[Unparsed(t, Location("test.txt", line=9), "no grammar") for t in unparsed or []],
        location=Location("test.txt", line=1),
        funds={k: Decimal(v) for k, v in (funds or {}).items()},
    )


def document(*projects: Project, year: int | None = 2023, total: str | None = None,
             units: list[Unit] | None = None) -> Document:
    return Document(
        title="测试表", year=year, total=None if total is None else Decimal(total),
        units=units or [], projects=list(projects), source="test.txt", layout="list",
        organisation="门源县总工会",
    )


def scored(indicator: Indicator, weight: str | None, score: str | None = None,
           deviation: str | None = None) -> Indicator:
    """The indicator with a weight (分值), a self-evaluation score and a deviation note."""
    indicator.weight = None if weight is None else Decimal(weight)
    indicator.score = None if score is None else Decimal(score)
    indicator.deviation = deviation
    return indicator


def weighted_set(*weights: str) -> list[Indicator]:
    """complete_set() with the given weights, in order (missing ones left without a weight)."""
    inds = complete_set()
    for indicator, weight in zip(inds, weights, strict=False):
        scored(indicator, weight)
    return inds
