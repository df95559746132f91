"""Documents for the export tests: the parsed seed, a hand-built one with every field the layouts
draw, a generator of many projects, and :func:`essence` — what a round trip must give back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.model import Document, Goal, Indicator, Project, Unit, ValueKind

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "menyuan-2023.txt"


def ind(l1: str | None, l2: str | None, name: str, op: str, value: Any, kind: ValueKind,
        unit: str | None = None) -> Indicator:
    return Indicator(l1, l2, name, op, value, kind, unit, raw=name)


def sample_document() -> Document:
    """Two units (parent and child), a grid-style project with funds, one without indicators."""
    n, p, d, t = ValueKind.NUMBER, ValueKind.PERCENT, ValueKind.DATE, ValueKind.TEXT
    return Document(
        title="示例县教育局2024年部门预算项目支出绩效目标公开表", region="示例县", year=2024,
        total=Decimal("128.50"), organisation="示例县教育局",
        units=[Unit("201", "示例县教育局", Decimal("128.50")),
               Unit("201001", "示例县教育局本级", Decimal("128.50"), parent="201")],
        projects=[
            Project("1", "学生资助<补助>&营养餐", Decimal("120.5"), "201001",
                    [Goal("目标一：资助家庭经济困难学生不少于300人。"), Goal("目标二：按时足额发放。")], [
                        ind("产出指标", "数量指标", "资助学生人数", "≥", Decimal("300"), n, "人"),
                        ind("产出指标", "数量指标", "营养餐供应天数", "", Decimal("180"), n, "天"),
                        ind("产出指标", "质量指标", "资金发放准确率", "", Decimal("100"), p, "%"),
                        ind("产出指标", "时效指标", "资金发放时限", "", dt.date(2024, 12, 31), d),
                        ind("产出指标", "成本指标", "人均资助标准", "≤", Decimal("0.25"), n, "万元"),
                        ind("效益指标", "社会效益指标", "因贫辍学率", "≤", Decimal("0.5"), p, "%"),
                        ind("效益指标", "可持续影响指标", "资助机制健全性", "定性", "健全", t),
                        ind("满意度指标", "服务对象满意度指标", "学生家长满意度", "≥", Decimal("95"), p, "%"),
                    ], department="示例县教育局", implementer="示例县学生资助管理中心",
                    funds={"其中：财政拨款": Decimal("100"), "其他资金": Decimal("20.5")}),
            Project("2", "教师培训经费", Decimal("8.00"), "201001", [Goal("开展教师培训。")], []),
        ],
    )


def many_projects(count: int, indicators: int = 12) -> Document:
    """A large list-layout document: ``count`` projects of ``indicators`` indicators each."""
    kinds = [("产出指标", "数量指标", "≥", ValueKind.NUMBER, "次"),
             ("产出指标", "质量指标", "", ValueKind.PERCENT, "%"),
             ("产出指标", "成本指标", "≤", ValueKind.NUMBER, "万元"),
             ("效益指标", "社会效益指标", "≥", ValueKind.PERCENT, "%"),
             ("满意度指标", "服务对象满意度指标", "≥", ValueKind.PERCENT, "%")]
    projects = []
    for i in range(1, count + 1):
        inds = []
        for j in range(indicators):
            l1, l2, op, kind, unit = kinds[min(j * len(kinds) // indicators, len(kinds) - 1)]
            inds.append(ind(l1, l2, f"项目{i}指标{j + 1}", op, Decimal(10 + (i * 7 + j) % 90), kind, unit))
        goal = Goal(f"目标一：完成第{i}号项目年度任务，服务群众不少于{i % 50 + 1}次。")
        projects.append(Project(str(i), f"第{i}号项目经费", Decimal(i % 997) + Decimal("0.25"), "900001",
                                [goal], inds))
    total = sum((p.amount for p in projects if p.amount is not None), Decimal(0))
    return Document(title="生成示例单位2024年部门预算项目支出绩效目标公开表", year=2024, total=total,
                    units=[Unit("900001", "生成示例单位", total)], projects=projects)


def essence(doc: Document) -> dict[str, Any]:
    """What every export must give back: units, projects, amounts and indicator tuples."""
    return {
        "total": doc.total,
        "units": [(u.code, u.name, u.amount) for u in doc.units],
        "projects": [
            (p.seq, p.name, p.amount, p.unit_code,
             [(i.level1, i.level2, i.name, i.operator, i.value, i.value_kind, i.unit) for i in p.indicators])
            for p in doc.projects
        ],
    }


def goal_texts(doc: Document, squeeze: bool = False) -> list[list[str]]:
    """Goal texts per project; ``squeeze`` drops whitespace (PDF text wraps lines inside cells)."""
    return [["".join(g.text.split()) if squeeze else g.text for g in p.goals] for p in doc.projects]
