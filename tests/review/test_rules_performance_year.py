# ruff: noqa: E501  (one table row per line reads better than wrapped rows)
"""Rules on self-evaluation and monitoring documents (issue 10), table-driven: each with its real failing
case where the corpus has one (037 永德县明朗中学 自评表, 025 镜湖区残联 自评, found 154 黄石市 申遗经费 监控表,
built by hand in ``review.real_documents`` style from the published values) and a passing case.

MON102 and DEV001's 完成可能性 branch have no real failing case: the one monitoring table found (154)
marks its indicators 确定能; they fail on a monitoring round as jixiao's readers keep one."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from jixiao.model.document import Document
from jixiao.review.config import ReviewConfig
from jixiao.review.engine import review
from jixiao.review.finding import Finding
from jixiao.review.registry import all_rules
from review.builders import document, ind, project
from review.real_documents import extra, jinghu, kind, yongde, yongde_doc, yongde_with

CaseFn = Callable[[], Document]


def huangshi_monitoring(executed: str = "87.57", likelihood: str = "确定能", measures: str | None = None) -> Document:
    """found 154 黄石市 申遗经费 监控表 (2019): 年初预算数 220, 1-6月执行数 87.57 (lines 17-18); the 成本 row
    年度预算220万元, 半年度执行 "按进度执行,已使用约40%", 完成目标可能性 确定能 (line 27); 相关建议或举措 blank."""
    row = ind("成本", "年度预算", "220", "万元", "=", level1="产出指标", raw="年度预算220万元 | 按进度执行,已使用约40% | 确定能")
    row.actual, row.extra = "按进度执行,已使用约40%", {"完成可能性": likelihood}
    if measures:
        row.extra["纠偏措施"] = measures
    p = project([row], name="申遗经费", amount="220",
                funds={"年度资金总额/年初预算数": "220", "年度资金总额/1-6月执行数": executed})
    return kind(document(p, year=2019), "monitoring")


def road_monitoring(likelihood: str = "", measures: str = "", actual: str = "45公里", reason: str = "") -> Document:
    """A July round of a county road project as the readers keep one (the export test's monitoring table)."""
    row = ind("数量指标", "养护里程", "120", "公里", level1="产出指标", raw="养护里程 ≥120公里")
    row.actual, row.deviation = actual, reason or None
    row.extra = {k: v for k, v in (("完成可能性", likelihood), ("纠偏措施", measures)) if v}
    p = project([row], name="农村公路养护", amount="130",
                funds={"年度资金总额/全年预算数": "130", "年度资金总额/1-6月执行数": "62"})
    return kind(document(p, year=2023), "monitoring")


def yongde_consistent() -> Document:
    """037 with each row scored as the engine scores it: 资金到位及时率 10, 政策知晓率 0; 总分 100 | 90 | 优."""
    doc = yongde_doc()
    rows = {i.name: i for i in doc.projects[0].indicators}
    rows["资金到位及时率"].score, rows["政策知晓率"].score = Decimal(10), Decimal(0)
    extra(doc.projects[0], 总分="100 | 90 | 优")
    return doc


def _reason(doc: Document, name: str, text: str) -> Document:
    for i in doc.projects[0].indicators:
        if i.name == name:
            i.deviation = text
    return doc


# (rule name, case id, document, findings of that rule; 0 = the passing case)
CASES: list[tuple[str, str, CaseFn, int]] = [
    # a published score that differs from the recomputed one, a miss scored (nearly) full marks: SCR002 on the engine
    ("score-does-not-match-result", "037-two-rows", yongde_doc, 2),
    ("score-does-not-match-result", "037-rows-as-recomputed", yongde_consistent, 0),
    # a total or grade that does not follow from the rows
    ("total-or-grade-does-not-follow", "037-total-96-rows-90", lambda: yongde_with(lambda p: extra(p, 总分="100 | 96 | 优")), 1),
    ("total-or-grade-does-not-follow", "037-86-graded-优", lambda: yongde_with(lambda p: extra(p, 总分="100 | 86 | 优")), 1),
    ("total-or-grade-does-not-follow", "037-rows-as-recomputed-90", yongde_consistent, 0),
    # a deviation with no reason (DEV001 extended)
    ("missing-deviation-reason", "037-scored-7-no-reason", lambda: kind(document(project(yongde()[2:3]), year=2022), "selfeval"), 1),
    ("missing-deviation-reason", "025-fuel-164-of-180-no-reason", lambda: jinghu(), 1),
    ("missing-deviation-reason", "025-fuel-164-with-reason", lambda: _reason(jinghu(), "发放残疾人机动轮椅车燃油补贴人次数", "部分车主当年报废车辆"), 0),
    ("missing-deviation-reason", "025-all-met", lambda: jinghu(fuel_actual="182人"), 0),
    ("missing-deviation-reason", "monitoring-cannot-no-reason", lambda: road_monitoring("不能"), 1),
    ("missing-deviation-reason", "monitoring-cannot-with-reason", lambda: road_monitoring("不能", reason="经费未到位"), 0),
    ("missing-deviation-reason", "154-certain", huangshi_monitoring, 0),
    # execution lagging the time schedule
    ("execution-behind-schedule", "154-39.80%-of-50%", huangshi_monitoring, 1),
    ("execution-behind-schedule", "154-on-schedule", lambda: huangshi_monitoring(executed="110"), 0),
    ("execution-behind-schedule", "road-47.69%-of-50%", road_monitoring, 0),
    # an indicator marked 不能 or lagging with no 纠偏措施
    ("risk-without-corrective-measures", "cannot-no-measures", lambda: road_monitoring("不能", actual="100公里"), 1),
    ("risk-without-corrective-measures", "lagging-45-of-120-no-measures", lambda: road_monitoring(), 1),
    ("risk-without-corrective-measures", "may-with-measures", lambda: road_monitoring("可能", "8月底前完成招标"), 0),
    ("risk-without-corrective-measures", "on-track", lambda: road_monitoring("能", actual="70公里"), 0),
    ("risk-without-corrective-measures", "154-certain", huangshi_monitoring, 0),
]


def _run(name: str, doc: Document, **params: dict[str, str]) -> list[Finding]:
    config = ReviewConfig(select=(name,), params=params) if params else ReviewConfig(select=(name,))
    return [f for f in review(doc, config).findings if f.name == name]


@pytest.mark.parametrize(("name", "case", "make", "expected"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_case(name: str, case: str, make: CaseFn, expected: int) -> None:
    found = _run(name, make())
    assert len(found) == expected, [f.message for f in found]
    for f in found:
        assert f.message and f.evidence and f.project is not None


def test_new_codes_do_not_collide() -> None:
    codes = [r.code for r in all_rules()]
    assert len(codes) == len(set(codes))
    mine = {r.code: r.name for r in all_rules() if r.code in ("MON101", "MON102", "SCR009")}
    assert mine == {"MON101": "execution-behind-schedule", "MON102": "risk-without-corrective-measures",
                    "SCR009": "total-or-grade-does-not-follow"}
    assert not any(c.startswith("MON0") for c in codes)  # MON001–MON009: the store's monitoring rounds


def test_the_findings_say_what_was_recomputed() -> None:
    missed = {f.indicator: f for f in _run("score-does-not-match-result", yongde_doc())}["政策知晓率"]
    assert missed.indicator == "政策知晓率" and "目标 =100%、完成 98%" in missed.message
    assert missed.context["working"] == "98 ≠ 100，未达到 → 0.00"
    (total,) = _run("total-or-grade-does-not-follow", yongde_with(lambda p: extra(p, 总分="100 | 96 | 优")))
    assert total.message == "公布总分 96 与按各行重算的总分 90 不符" and total.severity == "warning"
    assert total.evidence.startswith("重算：10(公布) + 10.00 + 10.00 + 10.00 + 10.00 + 10(公布) + 0.00")
    (grade,) = _run("total-or-grade-does-not-follow", yongde_with(lambda p: extra(p, 总分="100 | 86 | 优")))
    assert grade.severity == "error" and "应评“良”" in grade.message
    (fuel,) = _run("missing-deviation-reason", jinghu())
    assert "只达到目标的 91.11%" in fuel.message and "164 / 180 × 100 = 91.11" in fuel.evidence


@pytest.mark.parametrize(("executed", "light", "severity"), [("87.57", "yellow", "warning"), ("40", "red", "error")])
def test_the_traffic_light_of_154(executed: str, light: str, severity: str) -> None:
    (f,) = _run("execution-behind-schedule", huangshi_monitoring(executed=executed))
    assert (f.context["light"], f.severity) == (light, severity)
    if executed == "87.57":
        assert f.message == "1-6月执行 87.57 / 年初预算数 220 = 39.8%，低于序时进度 50% 达 10.2 个百分点（黄灯）"


def test_the_gaps_are_parameters() -> None:
    assert _run("execution-behind-schedule", huangshi_monitoring(), **{"execution-behind-schedule": {"yellow_gap": "15"}}) == []
    assert len(_run("risk-without-corrective-measures", road_monitoring(actual="55公里"),
                    **{"risk-without-corrective-measures": {"gap": "0"}})) == 1


def test_an_as_of_date_sets_the_schedule() -> None:
    doc = road_monitoring()
    p = doc.projects[0]
    p.funds = {"年度资金总额/全年预算数": Decimal(100), "年度资金总额/执行数": Decimal(30)}
    p.extra["截至日期"] = "2023年7月31日"  # day 212 of 365: 58.08%
    (f,) = _run("execution-behind-schedule", doc)
    assert f.context == {"light": "red", "rate": "30", "schedule": "58.08", "gap": "28.08"}


def test_monitoring_severity_follows_the_likelihood() -> None:
    (cannot,) = _run("risk-without-corrective-measures", road_monitoring("不能", actual="100公里"))
    (may,) = _run("risk-without-corrective-measures", road_monitoring("有可能", actual="100公里"))
    assert (cannot.severity, may.severity) == ("error", "warning")
