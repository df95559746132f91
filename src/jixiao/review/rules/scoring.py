"""Weights and self-evaluation scores (grid and 自评 layouts, where the parser fills them)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import fmt
from jixiao.review.registry import rule


@rule("WGT001", "weights-do-not-add-up", "error", "scoring", params={"totals": ["100", "90"]})
def weights_do_not_add_up(ctx: RuleContext) -> Iterator[Finding]:
    """Indicator weights (分值/权重) do not add up to the form's total, or some are missing.

    When a project's indicators carry weights, every level-3 indicator needs one, each must be
    positive, and together they make one of ``totals`` (100, or 90 when 预算执行率's 10 points are
    scored outside the indicator table, 财预〔2020〕10号).

    Fails: weights 50 + 30 + 10 + 5 = 95.
    Passes: weights 50 + 30 + 10 + 10 = 100.
    """
    totals = {Decimal(str(t)) for t in ctx.param_words("totals")}
    for project in ctx.doc.projects:
        weighted = [i for i in project.indicators if i.weight is not None]
        if not weighted:
            continue
        missing = [i for i in project.indicators if i.weight is None]
        if missing:
            yield ctx.finding(
                f"{len(missing)} 个指标没有分值，其余 {len(weighted)} 个有",
                project=project,
                indicator=missing[0],
                evidence="、".join(i.name for i in missing[:10]),
                expected="a weight for every indicator",
                severity="warning",
            )
        for ind in weighted:
            if ind.weight is not None and ind.weight <= 0:
                yield ctx.finding(
                    f"指标“{ind.name}”的分值为 {fmt(ind.weight)}",
                    project=project,
                    indicator=ind,
                    expected="a positive weight",
                    severity="warning",
                )
        total = sum((i.weight for i in weighted if i.weight is not None), Decimal(0))
        if not missing and total not in totals:
            allowed = [fmt(t) for t in sorted(totals, reverse=True)]
            yield ctx.finding(
                f"指标分值合计 {fmt(total)}，应为 {' 或 '.join(allowed)}",
                project=project,
                evidence=" + ".join(f"{i.name} {fmt(i.weight)}" for i in weighted if i.weight is not None),
                expected=" or ".join(allowed),
                context={"total": fmt(total)},
            )


@rule("SCR001", "score-exceeds-weight", "error", "scoring")
def score_exceeds_weight(ctx: RuleContext) -> Iterator[Finding]:
    """A self-evaluation score is above the indicator's weight, or negative.

    An indicator scores at most its weight (财预〔2020〕10号: 得分 = min(1, 实际/目标) × 分值 for a
    higher-is-better indicator). A higher or negative score is an arithmetic or typing error.

    Fails: weight 10, score 12.
    Passes: weight 10, score 9.5.
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if ind.score is None:
                continue
            if ind.score < 0 or (ind.weight is not None and ind.score > ind.weight):
                limit = f"0–{fmt(ind.weight)}" if ind.weight is not None else "≥ 0"
                yield ctx.finding(
                    f"指标“{ind.name}”得分 {fmt(ind.score)} 不在 {limit} 之间",
                    project=project,
                    indicator=ind,
                    expected=limit,
                    context={"score": fmt(ind.score), "weight": fmt(ind.weight) if ind.weight else ""},
                )


@rule("DEV001", "missing-deviation-reason", "warning", "scoring")
def missing_deviation_reason(ctx: RuleContext) -> Iterator[Finding]:
    """A self-evaluation indicator lost points but gives no reason (偏差原因分析及改进措施).

    财预〔2020〕10号 requires the deviation analysis and corrective measures whenever a target was
    not fully met, i.e. whenever the score is below the weight.

    Fails: weight 10, score 7, no 偏差原因.
    Passes: weight 10, score 7, 偏差原因 "采购延期，已调整计划".
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if ind.score is None or ind.weight is None or ind.score >= ind.weight:
                continue
            if (ind.deviation or "").strip() not in {"", "无", "/", "-"}:
                continue
            yield ctx.finding(
                f"指标“{ind.name}”得分 {fmt(ind.score)}（满分 {fmt(ind.weight)}），但没有说明偏差原因",
                project=project,
                indicator=ind,
                expected="偏差原因分析及改进措施",
                context={"score": fmt(ind.score), "weight": fmt(ind.weight)},
            )
