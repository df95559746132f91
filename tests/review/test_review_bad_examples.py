"""A published bad example (shared/domain.md §6) rebuilt as a document: each noted defect is reported.

岳阳楼区 2023 project target table, as described at
http://monopolymediamarketing.com/21487/21535/21748/21750/21907/content_2062100.html (a mirror of a
岳阳楼区 government page); the rows below are transcribed from those notes (2026-11-25).
"""

from __future__ import annotations

from jixiao.model.document import Indicator
from jixiao.review.engine import review
from review.builders import document, goal, ind, project


def _row(level2: str, name: str, nature: str, value: str, unit: str | None, op: str = "≥") -> Indicator:
    level1 = "成本指标" if "成本" in level2 else None
    indicator = ind(level2, name, value, unit, op, level1=level1,
                    raw=f"{level2} | {name} | {nature} | {value} | {unit or ''}")
    indicator.nature = nature
    indicator.note = "未达指标值酌情扣分"
    return indicator


def test_yueyanglou_2023_defects_are_reported() -> None:
    doc = document(project([
        _row("数量指标", "业务工作支出安排金额", "定量", "28.8", "万元", "="),
        _row("质量指标", "业务工作完成率", "定量", "100", "%"),
        _row("时效指标", "工作安排时间", "定量", "按月安排", None),
        _row("社会成本指标", "社会成本指标", "定量", "100", "%", "="),
        _row("社会效益指标", "保证单位正常运转", "定性", "应保尽保", "%"),
        _row("服务对象满意度指标", "服务对象满意度", "定量", "90", "%"),
    ], name="单位业务工作经费", amount="28.8",
        goals=[goal("保障单位业务工作正常开展，按时完成年度各项工作任务")]), year=2023)
    report = review(doc)
    found = {(f.name, f.indicator) for f in report.findings}
    expected = {
        ("input-as-output", "业务工作支出安排金额"),  # money put in, used as an output
        ("quantitative-value-not-number", "工作安排时间"),  # marked 定量, value "按月安排"
        ("missing-indicator-category", "社会成本指标"),  # the level-2 name reused as the level-3 name
        ("qualitative-value-with-unit", "保证单位正常运转"),  # 定性 "应保尽保" with unit %
        ("boilerplate-scoring-rule", "业务工作完成率"),  # every scoring rule is "未达指标值酌情扣分"
    }
    assert expected <= found, expected - found
    assert report.summary["framework"] == "MOF2021"  # 社会成本 under 成本: the 2021 framework
    assert len([f for f in report.findings if f.name == "boilerplate-scoring-rule"]) == 6
