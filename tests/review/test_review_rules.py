# ruff: noqa: E501  (one table row per line reads better than wrapped rows)
"""Table-driven rule tests: every registered rule has at least one failing and one passing case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from jixiao.model.document import Document, Indicator, Unit, ValueKind
from jixiao.review.config import ReviewConfig
from jixiao.review.engine import review
from jixiao.review.registry import all_rules
from review.builders import complete_set, document, goal, ind, project, scored, weighted_set
from review.test_rules_performance_year import CASES as PERFORMANCE_YEAR_CASES
from review.test_rules_real_defects import REAL_CASES as DEFECT_CASES


def _replace(name: str, new: Indicator) -> list[Indicator]:
    return [new if i.name == name else i for i in complete_set()]


def _without(level1: str) -> list[Indicator]:
    return [i for i in complete_set() if i.level1 != level1]


def _note(indicator: Indicator, note: str) -> Indicator:
    indicator.note = note
    return indicator


def _nature(indicator: Indicator, nature: str) -> Indicator:
    indicator.nature = nature
    return indicator


def _actual(indicator: Indicator, actual: str, score: str) -> Indicator:
    indicator.actual = actual
    return scored(indicator, "10", score, "见说明")


def _empty(level2: str, name: str) -> Indicator:
    empty = ind(level2, name, "0", "%")
    empty.value, empty.raw = None, name
    return empty


def _nameless() -> Document:
    broken = ind("数量指标", "开展专项培训", "3", "次")
    broken.name = None  # type: ignore[assignment]  # a malformed document from a buggy producer
    return document(project([*complete_set(), broken]))


def _p3_goal() -> Any:
    return goal(
        "通过控制成本，保证职工之家建设经费不高于20万元，职工活动费不高于10万元",
        ("不高于20万元", "≤", "20", "万元", "保证职工之家建设经费"),
        ("不高于10万元", "≤", "10", "万元", "职工活动费"),
    )


def _p3(cost: str, activities: str) -> Document:
    return document(project([
        *complete_set(),
        ind("数量指标", "建设职工之家", "10", "个"),
        ind("数量指标", "开展职工活动", activities, "次"),
        ind("成本指标", "职工之家平均建设成本", cost, "万元", "≤"),
        ind("成本指标", "单次组织职工活动成本", "5", "万元", "≤"),
    ], name="工会经费", amount="400", goals=[_p3_goal()]))


_DUP_SET = [
    ind("数量指标", "开展厂务公开宣传", "2", "次"), ind("数量指标", "印刷宣传资料", "2000", "份"),
    ind("质量指标", "印刷宣传资料合格率", "100", "%"), ind("时效指标", "工作完成时限", "2023-12-28", "date"),
    ind("成本指标", "单次宣传成本", "0.2", "万元", "≤"), ind("社会效益指标", "厂务公开覆盖率", "80", "%"),
]
_OTHER_SET = [
    ind("数量指标", "环卫工人早餐供应天数", "30", "天"), ind("质量指标", "早餐食品抽检合格率", "100", "%"),
    ind("时效指标", "早餐送达及时率", "95", "%"), ind("成本指标", "人均早餐成本", "15", "元", "≤"),
    ind("社会效益指标", "环卫工人出勤率", "95", "%"), ind("服务对象满意度指标", "环卫工人满意度", "90", "%"),
]

_SELFEVAL_FUNDS = {
    "年度资金总额/年初预算": "238.93", "年度资金总额/调整后预算数": "251.89", "年度资金总额/权重": "10",
    "其中财政拨款/年初预算": "238.93", "其中财政拨款/调整后预算数": "251.89", "单位资金/年初预算": "0",
}

def _partial(where: str | None) -> Document:
    doc = document(project(complete_set()))
    doc.partial = where
    return doc


def _confident(*confidences: str | None) -> Document:
    projects = [project(complete_set(), seq=str(n), name=f"职工专项培训{n}") for n in range(1, len(confidences) + 1)]
    for p, value in zip(projects, confidences, strict=True):
        p.confidence = None if value is None else Decimal(value)
    return document(*projects)


CaseFn = Callable[[], Document]
# (rule name, case id, document, expected number of findings of that rule; 0 = the passing case)
CASES: list[tuple[str, str, CaseFn, int]] = [
    ("amounts-do-not-add-up", "total-mismatch",
     lambda: document(project(complete_set(), amount="10"), project(complete_set(), seq="2", amount="5"),
                      total="20"), 1),
    ("amounts-do-not-add-up", "unit-mismatch",
     lambda: document(project(complete_set(), amount="10"), total="16",
                      units=[Unit("003", "总工会", Decimal(16)), Unit("003006", "总工会本级", Decimal(16), "003")]), 1),
    ("amounts-do-not-add-up", "funds-source-unexplained",
     lambda: document(project(complete_set(), amount="164", funds={"年度资金总额": "164", "其中财政拨款": "132"})), 1),
    ("amounts-do-not-add-up", "amount-vs-funds-total",
     lambda: document(project(complete_set(), amount="160", funds={"年度资金总额": "164", "其中财政拨款": "164"})), 1),
    ("amounts-do-not-add-up", "funds-add-up",
     lambda: document(project(complete_set(), amount="164", funds={"年度资金总额": "164", "其中财政拨款": "132", "其他资金": "32"})), 0),
    ("amounts-do-not-add-up", "selfeval-columns-add-up",
     lambda: document(project(complete_set(), amount="251.89", funds=_SELFEVAL_FUNDS)), 0),
    ("amounts-do-not-add-up", "selfeval-column-exceeds",
     lambda: document(project(complete_set(), amount="251.89", funds={**_SELFEVAL_FUNDS, "其他资金/年初预算": "5"})), 1),
    ("amounts-do-not-add-up", "adds-up",
     lambda: document(project(complete_set(), amount="10"), project(complete_set(), seq="2", amount="5.21"),
                      total="15.21", units=[Unit("003006", "总工会本级", Decimal("15.21"))]), 0),
    ("missing-indicator-category", "no-benefit", lambda: document(project(_without("效益指标"))), 1),
    ("missing-indicator-category", "no-indicators", lambda: document(project([])), 1),
    ("missing-indicator-category", "wrong-parent",
     lambda: document(project([*complete_set(), ind("成本指标", "宣传成本", "1", "万元", "≤", level1="效益指标")])), 1),
    ("missing-indicator-category", "framework-mix-is-a-warning",
     lambda: document(project([*_replace("单次专项培训成本", ind("经济成本指标", "单次专项培训成本", "1", "万元", "≤", level1="成本指标")),
                               ind("可持续影响指标", "培训机制健全性", "健全")])), 1),
    ("missing-indicator-category", "category-as-name",
     lambda: document(project([*complete_set(), ind("社会效益指标", "社会效益指标", "100", "%")])), 1),
    ("missing-indicator-category", "complete", lambda: document(project(complete_set())), 0),
    ("deadline-outside-budget-year", "stale-date",
     lambda: document(project(_replace("专项培训完成时限", ind("时效指标", "工作完成时限", "2021-12-28", "date")))), 1),
    ("deadline-outside-budget-year", "stale-text",
     lambda: document(project([*complete_set(), ind("时效指标", "资料发放时间", "2022年底前")])), 1),
    ("deadline-outside-budget-year", "far-future",
     lambda: document(project([*complete_set(), ind("时效指标", "工作完成时限", "2030-12-31", "date")])), 1),
    ("deadline-outside-budget-year", "in-year", lambda: document(project(complete_set())), 0),
    ("cost-exceeds-project-amount", "single-cost",
     lambda: document(project([*complete_set(), ind("成本指标", "单次印刷宣传资料成本", "5", "万元", "≤")],
                              amount="4")), 1),
    ("cost-exceeds-project-amount", "unit-times-quantity",
     lambda: document(project(complete_set(), amount="2")), 1),  # 3次 × 1万元 > 2万元
    ("cost-exceeds-project-amount", "in-yuan",
     lambda: document(project([*complete_set(), ind("成本指标", "设备购置成本", "50000", "元", "≤")],
                              amount="4")), 1),
    ("cost-exceeds-project-amount", "within", lambda: document(project(complete_set(), amount="4")), 0),
    ("goal-indicator-cost-conflict", "unit-cost-times-count", lambda: _p3("5", "2"), 1),
    ("goal-indicator-cost-conflict", "count-below-goal",
     lambda: document(project([*complete_set()], goals=[goal("举办专项培训不低于5次", ("不低于5次", "≥", "5", "次", "举办专项培训"))])), 1),
    ("goal-indicator-cost-conflict", "consistent", lambda: _p3("2", "2"), 0),
    ("goal-commitment-without-indicator", "unmeasured",
     lambda: document(project(complete_set(), goals=[goal("安排疗休养工作不低于2次", ("不低于2次", "≥", "2", "次", "安排疗休养工作"))])), 1),
    ("goal-commitment-without-indicator", "measured",
     lambda: document(project(complete_set(), goals=[goal("举办专项培训不低于3次", ("不低于3次", "≥", "3", "次", "举办专项培训"))])), 0),
    ("conflicting-duplicate-indicator", "different-targets",
     lambda: document(project([*complete_set(), ind("社会效益指标", "厂务公开覆盖率", "80", "%"),
                               ind("社会效益指标", "厂务公开覆盖率", "100", "%", "=")])), 1),
    ("conflicting-duplicate-indicator", "distinct-names",
     lambda: document(project([*complete_set(), ind("社会效益指标", "厂务公开覆盖率", "80", "%")])), 0),
    ("indicator-unrelated-to-project", "copied",
     lambda: document(project([*_OTHER_SET, ind("质量指标", "展品安全保障率", "100", "%")], name="环卫工人爱心早餐",
                              goals=[goal("向一线环卫工人开展送爱心早餐活动")])), 1),
    ("indicator-unrelated-to-project", "related",
     lambda: document(project([*_OTHER_SET, ind("质量指标", "环卫工人覆盖率", "100", "%")], name="环卫工人爱心早餐",
                              goals=[goal("向一线环卫工人开展送爱心早餐活动")])), 0),
    ("vague-target-value", "vague-words",
     lambda: document(project([*complete_set(), ind("社会效益指标", "基层工会办公条件改善", "改善")])), 1),
    ("vague-target-value", "rate-as-words",
     lambda: document(project([*complete_set(), ind("社会效益指标", "服务退休人员及时率", "及时")])), 1),
    ("vague-target-value", "graded", lambda: document(project([*complete_set(), ind("社会效益指标", "宣传机制健全性", "健全")])), 0),
    ("percent-out-of-range", "over-100",
     lambda: document(project(_replace("专项培训考核达标率", ind("质量指标", "专项培训考核达标率", "120", "%")))), 1),
    ("percent-out-of-range", "low-satisfaction",
     lambda: document(project(_replace("参训职工满意度", ind("服务对象满意度指标", "参训职工满意度", "30", "%")))), 1),
    ("percent-out-of-range", "growth-over-100",
     lambda: document(project([*complete_set(), ind("经济效益指标", "村集体收入增长率", "150", "%")])), 0),
    ("missing-operator", "bare-number",
     lambda: document(project([*complete_set(), ind("数量指标", "举办活动天数", "30", "天", "=")])), 1),
    ("missing-operator", "bare-satisfaction-info",
     lambda: document(project(_replace("参训职工满意度", ind("服务对象满意度指标", "参训职工满意度", "98", "%", "=")))), 1),
    ("missing-operator", "with-operator", lambda: document(project(complete_set())), 0),
    ("unit-name-mismatch", "rate-in-money",
     lambda: document(project([*complete_set(), ind("质量指标", "宣传资料发放率", "28.8", "万元", "=")])), 1),
    ("unit-name-mismatch", "cost-in-percent",
     lambda: document(project([*complete_set(), ind("成本指标", "培训成本", "5", "%", "≤")])), 1),
    ("unit-name-mismatch", "fits", lambda: document(project(complete_set())), 0),
    ("input-as-output", "funds-arrival",
     lambda: document(project([*complete_set(), ind("质量指标", "补贴资金到位率", "100", "%", "=")])), 1),
    ("input-as-output", "execution-rate-benefit",
     lambda: document(project([*complete_set(), ind("经济效益指标", "预算执行率", "100", "%", "=")])), 1),
    ("input-as-output", "real-output",
     lambda: document(project([*complete_set(), ind("质量指标", "补贴发放准确率", "100", "%", "=")])), 0),
    ("near-duplicate-project", "copied-set",
     lambda: document(project(_DUP_SET), project([*_DUP_SET[:5], ind("社会效益指标", "维权覆盖率", "80", "%")], seq="2")), 1),
    ("near-duplicate-project", "different-sets",
     lambda: document(project(_DUP_SET), project(_OTHER_SET, seq="2")), 0),
    ("unparsed-text", "kept-verbatim", lambda: document(project(complete_set(), unparsed=["1.展品安全保障率"])), 1),
    ("unparsed-text", "all-parsed", lambda: document(project(complete_set())), 0),
    ("partial-document", "cut-off", lambda: _partial("第 3 页第 12 行"), 1),
    ("partial-document", "complete", lambda: _partial(None), 0),
    ("partial-document", "blank-is-complete", lambda: _partial("  "), 0),
    ("low-confidence-project", "guessed", lambda: _confident("0.6", "0.95"), 1),
    ("low-confidence-project", "at-threshold", lambda: _confident("0.8"), 0),
    ("low-confidence-project", "sure-or-unscored", lambda: _confident("0.95", None), 0),
    ("placeholder-or-empty-value", "xx", lambda: document(project([*complete_set(), ind("数量指标", "培训人次", "XX")])), 1),
    ("placeholder-or-empty-value", "template-stars", lambda: document(project([*complete_set(), ind("数量指标", "种植株数", "(≥**株)")])), 1),
    ("placeholder-or-empty-value", "empty", lambda: document(project([*complete_set(), _empty("质量指标", "验收合格率")])), 1),
    ("placeholder-or-empty-value", "filled", lambda: document(project([*complete_set(), ind("数量指标", "培训人次", "300", "人次")])), 0),
    ("qualitative-value-with-unit", "text-with-percent",
     lambda: document(project([*complete_set(), ind("社会效益指标", "保证单位正常运转", "应保尽保", "%")])), 1),
    ("qualitative-value-with-unit", "text-without-unit",
     lambda: document(project([*complete_set(), ind("社会效益指标", "保证单位正常运转", "应保尽保")])), 0),
    ("operator-against-direction", "accidents-floor",
     lambda: document(project([*complete_set(), ind("质量指标", "安全事故发生次数", "1", "次", "≥")])), 1),
    ("operator-against-direction", "pass-rate-ceiling",
     lambda: document(project([*complete_set(), ind("质量指标", "设备验收合格率", "90", "%", "≤")])), 1),
    ("operator-against-direction", "cost-floor",
     lambda: document(project(_replace("单次专项培训成本", ind("成本指标", "单次专项培训成本", "1", "万元", "≥")))), 1),
    ("operator-against-direction", "right-way", lambda: document(project([*complete_set(), ind("质量指标", "安全事故发生次数", "0", "次", "≤")])), 0),
    ("satisfaction-target-100", "equals-100",
     lambda: document(project(_replace("参训职工满意度", ind("服务对象满意度指标", "参训职工满意度", "100", "%", "=")))), 1),
    ("satisfaction-target-100", "realistic", lambda: document(project(complete_set())), 0),
    ("deadline-not-measurable", "bare-word",
     lambda: document(project(_replace("专项培训完成时限", ind("时效指标", "专项培训完成时间", "按时")))), 1),
    ("deadline-not-measurable", "date", lambda: document(project(complete_set())), 0),
    ("missing-goal-text", "no-goal", lambda: document(project(complete_set(), goals=[])), 1),
    ("missing-goal-text", "trivial-goal", lambda: document(project(complete_set(), goals=[goal("为退休干部提供服务")])), 1),
    ("missing-goal-text", "real-goal", lambda: document(project(complete_set())), 0),
    ("misplaced-indicator", "pass-rate-under-quantity",
     lambda: document(project([*complete_set(), ind("数量指标", "设备验收合格率", "95", "%")])), 1),
    ("misplaced-indicator", "satisfaction-under-benefit",
     lambda: document(project([*complete_set(), ind("社会效益指标", "群众满意度", "90", "%")])), 1),
    ("misplaced-indicator", "in-place", lambda: document(project([*complete_set(), ind("质量指标", "设备验收合格率", "95", "%")])), 0),
    ("weights-do-not-add-up", "sum-95", lambda: document(project(weighted_set("20", "15", "15", "15", "20", "10"))), 1),
    ("weights-do-not-add-up", "some-missing", lambda: document(project(weighted_set("20", "15", "15"))), 1),
    ("weights-do-not-add-up", "sum-100", lambda: document(project(weighted_set("20", "15", "15", "15", "25", "10"))), 0),
    ("weights-do-not-add-up", "sum-90", lambda: document(project(weighted_set("20", "15", "15", "15", "15", "10"))), 0),
    ("score-exceeds-weight", "over",
     lambda: document(project([*complete_set(), scored(ind("质量指标", "设备验收合格率", "95", "%"), "10", "12")])), 1),
    ("score-exceeds-weight", "negative",
     lambda: document(project([*complete_set(), scored(ind("质量指标", "设备验收合格率", "95", "%"), "10", "-1", "x")])), 1),
    ("score-exceeds-weight", "within",
     lambda: document(project([*complete_set(), scored(ind("质量指标", "设备验收合格率", "95", "%"), "10", "9.5", "x")])), 0),
    ("score-does-not-match-result", "met-but-marked-down",
     lambda: document(project([*complete_set(), _actual(ind("时效指标", "资金到位及时率", "100", "%"), "100%", "7")])), 1),
    ("score-does-not-match-result", "missed-but-full-marks",
     lambda: document(project([*complete_set(), _actual(ind("数量指标", "党性教育培训", "26", "次"), "12次", "10")])), 1),
    ("score-does-not-match-result", "proportional",
     lambda: document(project([*complete_set(), _actual(ind("数量指标", "学生受资助人数", "735", "人次"), "735", "10"),
                               _actual(ind("质量指标", "政策知晓率", "100", "%", "="), "98%", "9.8")])), 0),
    ("missing-deviation-reason", "lost-points-no-reason",
     lambda: document(project([*complete_set(), scored(ind("质量指标", "设备验收合格率", "95", "%"), "10", "7")])), 1),
    ("missing-deviation-reason", "explained",
     lambda: document(project([*complete_set(), scored(ind("质量指标", "设备验收合格率", "95", "%"), "10", "7", "采购延期，已调整计划")])), 0),
    ("quantitative-value-not-number", "nature-quantitative",
     lambda: document(project([*complete_set(), _nature(ind("时效指标", "工作安排时间", "按月安排"), "定量")])), 1),
    ("quantitative-value-not-number", "operator-with-text",
     lambda: document(project([*complete_set(), ind("效益指标", "成本控制率", "不超预算", None, "≤", raw="成本控制率 ≤不超预算")])), 1),
    ("quantitative-value-not-number", "qualitative",
     lambda: document(project([*complete_set(), _nature(ind("社会效益指标", "宣传机制健全性", "健全"), "定性")])), 0),
    ("too-few-indicators", "two", lambda: document(project(complete_set()[:2])), 1),
    ("too-few-indicators", "six", lambda: document(project(complete_set())), 0),
    ("target-set-too-low", "far-above",
     lambda: document(project([*complete_set(), _actual(ind("数量指标", "培训人次", "100", "人次"), "340人次", "10")])), 1),
    ("target-set-too-low", "close",
     lambda: document(project([*complete_set(), _actual(ind("数量指标", "培训人次", "100", "人次"), "120人次", "10")])), 0),
    ("missing-unit", "bare-number", lambda: document(project([*complete_set(), ind("数量指标", "开设课程数量", "220", "")])), 1),
    ("missing-unit", "with-unit", lambda: document(project([*complete_set(), ind("数量指标", "开设课程数量", "220", "门")])), 0),
    ("boilerplate-scoring-rule", "discretion",
     lambda: document(project([*complete_set(), _note(ind("质量指标", "设备验收合格率", "95", "%"), "未达指标值酌情扣分")])), 1),
    ("boilerplate-scoring-rule", "fixed-rule",
     lambda: document(project([*complete_set(), _note(ind("质量指标", "设备验收合格率", "95", "%"), "完成率×分值，未达90%不得分")])), 0),
    ("rule-crashed", "malformed-indicator", _nameless, 1),
    ("rule-crashed", "well-formed", lambda: document(project(complete_set())), 0),
]


#: the rules for real-document defects and for the performance year (issue 10) keep theirs in their own tables
REAL_CASES = [*DEFECT_CASES, *PERFORMANCE_YEAR_CASES]

CASES_BY_ID = {case: make for _, case, make, _ in CASES}


def _run(name: str, doc: Document) -> list[Any]:
    # rule-crashed is emitted by the engine: run one rule that the malformed document breaks
    config = ReviewConfig(select=("deadline-outside-budget-year" if name == "rule-crashed" else name,))
    return [f for f in review(doc, config).findings if f.name == name]


@pytest.mark.parametrize(("name", "case", "make", "expected"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_rule_case(name: str, case: str, make: CaseFn, expected: int) -> None:
    found = _run(name, make())
    assert len(found) == expected, [f.message for f in found]
    for f in found:
        assert f.message and f.docs == f"docs/rules.md#{f.rule.lower()}"
        assert f.evidence, f"{name}:{case} finding without evidence"


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    names = {spec.name for spec in all_rules()}
    cases = [*CASES, *REAL_CASES]  # the rules for real-document defects keep theirs in their own table
    failing = {c[0] for c in cases if c[3] > 0}
    passing = {c[0] for c in cases if c[3] == 0}
    assert names - failing == set(), "rules without a failing case"
    assert names - passing == set(), "rules without a passing case"
    assert {c[0] for c in cases} <= names, "cases for rules that do not exist"


def test_framework_mix_is_a_warning_and_a_wrong_parent_an_error() -> None:
    mixed = [f for f in _run("missing-indicator-category", CASES_BY_ID["framework-mix-is-a-warning"]())]
    assert [f.severity for f in mixed] == ["warning"] and "MOF2015" in mixed[0].message
    wrong = _run("missing-indicator-category", CASES_BY_ID["wrong-parent"]())
    assert [f.severity for f in wrong] == ["error"]


def test_partial_and_low_confidence_messages() -> None:
    (cut,) = _run("partial-document", _partial("第 3 页第 12 行"))
    assert (cut.rule, cut.severity, cut.project) == ("PRS002", "warning", None)
    assert cut.message == "文件在第 3 页第 12 行处中断，此后内容未收录"
    (low,) = _run("low-confidence-project", _confident("0.6", "0.95"))
    assert (low.rule, low.severity, low.project) == ("PRS003", "warning", "1")
    assert low.message == "该项目识别置信度 0.6，部分内容为推测，请核对原件"
    assert low.context == {"confidence": "0.6", "min_confidence": "0.8"}
    stricter = review(_confident("0.6", "0.95"), ReviewConfig(select=("PRS003",),
                                                             params={"PRS003": {"min_confidence": 0.99}}))
    assert [f.project for f in stricter.findings] == ["1", "2"]


def test_satisfaction_without_operator_is_info() -> None:
    doc = document(project(_replace("参训职工满意度", ind("服务对象满意度指标", "参训职工满意度", "98", "%", "="))))
    (found,) = _run("missing-operator", doc)
    assert found.severity == "info"


def test_deadline_far_future_is_a_warning_and_stale_an_error() -> None:
    doc = document(project([*complete_set(), ind("时效指标", "工作完成时限", "2030-12-31", "date"),
                            ind("时效指标", "资料发放时限", "2022-06-30", "date")]))
    severities = sorted(f.severity for f in _run("deadline-outside-budget-year", doc))
    assert severities == ["error", "warning"]


def test_deadline_uses_config_year_over_document_year() -> None:
    doc = document(project(complete_set()), year=None)
    (skipped,) = _run("deadline-outside-budget-year", doc)
    assert skipped.severity == "info" and skipped.project is None and "预算年度" in skipped.message
    later = review(doc, ReviewConfig(select=("TIM001",), year=2024)).findings
    assert [f.context["budget_year"] for f in later] == ["2024"]


def test_profile_mof2021_wants_cost_as_level1() -> None:
    doc = document(project(complete_set()))
    from jixiao.model.taxonomy import Framework

    found = review(doc, ReviewConfig(select=("STR001",), framework=Framework.MOF2021)).findings
    messages = " ".join(f.message for f in found)
    assert "MOF2021" in messages and "成本" in messages


def test_text_value_dates_parse() -> None:
    value = ind("时效指标", "工作完成时限", "2021-12-28", "date")
    assert value.value == dt.date(2021, 12, 28) and value.value_kind is ValueKind.DATE
