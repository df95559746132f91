"""Indicator weights (分值/权重): complete, positive, adding up to the form's total, not one indicator
carrying most of it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.i18n import _
from jixiao.model.document import Project
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import fmt
from jixiao.review.registry import rule

#: Columns of the funds block that hold the points of 预算执行率 in a self-evaluation.
_BUDGET_POINTS = ("分值", "权重")


def budget_points(project: Project) -> Decimal | None:
    """The points the self-evaluation gives 预算执行率 (the 总额 row's 分值/权重 cell), if any."""
    for key, value in project.funds.items():
        row, _, column = key.partition("/")
        if column in _BUDGET_POINTS and ("总额" in row or "合计" in row):
            return value
    return None


@rule(
    "WGT001", "weights-do-not-add-up", "error", "scoring", title="分值合计不符",
    params={"totals": ["100", "90"], "max_share": "0.5"},
)
def weights_do_not_add_up(ctx: RuleContext) -> Iterator[Finding]:
    """指标分值（分值/权重）之和不等于表格总分，或有指标缺少分值。

    When a project's indicators carry weights, every level-3 indicator needs one, each must be
    positive, and together they make one of ``totals`` (100, or 90 when 预算执行率's 10 points are
    scored outside the indicator table, 财预〔2020〕10号). When the self-evaluation's funds block gives
    预算执行率 its own points (分值/权重 on the 年度资金总额 row), the indicators must make 100 minus
    those points: 90 + 10 is right, 100 + 10 is not. A table cut short (``Document.partial``) is not
    summed unless what is visible already exceeds every total. One indicator carrying more than
    ``max_share`` of the total is a warning: the score then hangs on a single number.

    Fails: weights 50 + 30 + 10 + 5 = 95; 青神县发改局 自评表 (017): 发放(缴纳)覆盖率 60 of 90.
    Passes: 永德县明朗中学 自评表 (037): nine indicators × 10 = 90, with 预算执行率 分值 10.
    """
    totals = {Decimal(str(t)) for t in ctx.param_words("totals")}
    max_share = ctx.param_decimal("max_share")
    for project in ctx.doc.projects:
        weighted = [i for i in project.indicators if i.weight is not None]
        if not weighted:
            continue
        missing = [i for i in project.indicators if i.weight is None]
        if missing:
            yield ctx.finding(
                _("{missing} 个指标没有分值，其余 {weighted} 个有", missing=len(missing),
                  weighted=len(weighted)),
                project=project,
                indicator=missing[0],
                evidence="、".join(i.name for i in missing[:10]),
                expected=_("每个指标都有分值"),
                severity="warning",
            )
        for ind in weighted:
            if ind.weight is not None and ind.weight <= 0:
                yield ctx.finding(
                    _("指标“{name}”的分值为 {weight}", name=ind.name, weight=fmt(ind.weight)),
                    project=project,
                    indicator=ind,
                    expected=_("大于 0 的分值"),
                    severity="warning",
                )
        total = sum((i.weight for i in weighted if i.weight is not None), Decimal(0))
        budget = budget_points(project)
        wanted = {Decimal(100) - budget} if budget is not None and 0 < budget < 100 else totals
        listed = " + ".join(f"{i.name} {fmt(i.weight)}" for i in weighted if i.weight is not None)
        cut = ctx.doc.partial is not None and total < max(wanted)
        if not missing and total not in wanted and not cut:
            allowed = [fmt(t) for t in sorted(wanted, reverse=True)]
            why = _("（预算执行率另占 {points} 分）",
                    points=fmt(budget)) if budget is not None and wanted != totals else ""
            yield ctx.finding(
                _("指标分值合计 {total}，应为 {allowed}{why}",
                  total=fmt(total), allowed=_(" 或 ").join(allowed),
                  why=why),
                project=project,
                evidence=listed + (f"; 预算执行率 {fmt(budget)}" if budget is not None else ""),
                expected=_(" 或 ").join(allowed),
                context={"total": fmt(total)},
            )
        heavy = max(weighted, key=lambda i: i.weight or Decimal(0))
        if heavy.weight is not None and total > 0 and len(weighted) > 1 and heavy.weight > total * max_share:
            share = (heavy.weight / total * 100).quantize(Decimal(1))
            yield ctx.finding(
                _("指标“{name}”一项占 {weight} 分（指标总分 {total} 的 {share}%），评分几乎取决于这一个指标",
                  name=heavy.name, weight=fmt(heavy.weight), total=fmt(total), share=share),
                project=project,
                indicator=heavy,
                evidence=listed,
                expected=_("没有指标超过总分的 {share}%", share=fmt(max_share * 100)),
                severity="warning",
                context={"weight": fmt(heavy.weight), "total": fmt(total)},
            )
