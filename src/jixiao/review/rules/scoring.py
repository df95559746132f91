"""Weights and self-evaluation scores (grid and 自评 layouts, where the parser fills them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.document import ValueKind
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


def _actual_number(text: str | None, year: int | None) -> Decimal | None:
    if not text or not text.strip():
        return None
    from jixiao.parse.values import parse_value  # the parser's own reading of a written value

    parsed = parse_value(text, year)
    if parsed.kind in (ValueKind.NUMBER, ValueKind.PERCENT) and isinstance(parsed.value, Decimal):
        return parsed.value
    return None


def _completion(operator: str, target: Decimal, actual: Decimal) -> Decimal | None:
    """Share of the target met (0–1) under 财预〔2020〕10号's proportional scoring."""
    if operator in {"≥", ">"}:
        return Decimal(1) if actual >= target or target <= 0 else max(actual, Decimal(0)) / target
    if operator in {"≤", "<"}:
        if actual <= target:
            return Decimal(1)
        return target / actual if actual > 0 and target > 0 else Decimal(0)
    if operator == "=":
        if actual == target:
            return Decimal(1)
        high = max(actual, target)
        return min(actual, target) / high if high > 0 and min(actual, target) >= 0 else Decimal(0)
    return None


@rule("SCR002", "score-does-not-match-result", "warning", "scoring", params={"tolerance": "1"})
def score_does_not_match_result(ctx: RuleContext) -> Iterator[Finding]:
    """A quantitative self-evaluation score differs from what the actual result earns.

    财预〔2020〕10号 scores a quantitative indicator in proportion to completion: a higher-is-better
    indicator earns weight × min(1, actual ÷ target), a lower-is-better one weight × min(1, target ÷
    actual), an "=" target full marks only when met. A reported score more than ``tolerance``
    points away from that is reported: a target met in full but marked down, or points given for a
    miss. Local systems vary the formula, hence a warning.

    Fails: 资金到位及时率 target ≥100%, actual 100%, weight 10, score 7.
    Passes: 学生受资助人数 target ≥735人次, actual 735, weight 10, score 10.
    """
    tolerance = ctx.param_decimal("tolerance")
    for project in ctx.doc.projects:
        for ind in project.indicators:
            target = ind.number
            if ind.weight is None or ind.score is None or target is None:
                continue
            actual = _actual_number(ind.actual, ctx.year)
            share = None if actual is None else _completion(ind.operator, target, actual)
            if actual is None or share is None:
                continue
            earned = (ind.weight * share).quantize(Decimal("0.01"))
            if abs(earned - ind.score) <= tolerance:
                continue
            unit = "%" if ind.value_kind is ValueKind.PERCENT else ind.unit or ""
            yield ctx.finding(
                f"指标“{ind.name}”目标 {ind.operator}{fmt(target)}{unit}、完成 {fmt(actual)}{unit}，"
                f"按完成比例应得 {fmt(earned)} 分（满分 {fmt(ind.weight)}），报告得分 {fmt(ind.score)}",
                project=project,
                indicator=ind,
                expected=f"{fmt(earned)} points",
                context={"earned": fmt(earned), "score": fmt(ind.score), "actual": ind.actual or ""},
            )


@rule("DEV002", "target-set-too-low", "warning", "scoring", params={"ratio": "1.5"})
def target_set_too_low(ctx: RuleContext) -> Iterator[Finding]:
    """The actual result is far above a higher-is-better target: the target was probably set too low.

    A large positive deviation loses points in evaluation just as a miss does, and it means next
    year's target should rise (历史标准: "在可实现的条件下应当确定相对较高的评价标准"). Reported when
    the actual reaches ``ratio`` times a ≥ target.

    Fails: 培训人次 target ≥100, actual 340.
    Passes: 培训人次 target ≥100, actual 120.
    """
    ratio = ctx.param_decimal("ratio")
    for project in ctx.doc.projects:
        for ind in project.indicators:
            target = ind.number
            if target is None or target <= 0 or ind.operator not in {"≥", ">"}:
                continue
            actual = _actual_number(ind.actual, ctx.year)
            if actual is None or actual < target * ratio:
                continue
            unit = "%" if ind.value_kind is ValueKind.PERCENT else ind.unit or ""
            yield ctx.finding(
                f"指标“{ind.name}”完成 {fmt(actual)}{unit}，是目标 {ind.operator}{fmt(target)}{unit} 的 "
                f"{fmt((actual / target).quantize(Decimal('0.1')))} 倍，目标可能定得过低",
                project=project,
                indicator=ind,
                expected=f"a target closer to the expected result (below {fmt(target * ratio)}{unit} actual)",
                context={"actual": ind.actual or "", "target": fmt(target)},
            )


_BOILERPLATE = re.compile(
    r"酌情(?:扣分|打分|评分|给分)|视情况(?:扣分|打分|评分)|根据(?:实际)?情况(?:扣分|打分|评分)"
)


@rule("SCR003", "boilerplate-scoring-rule", "warning", "scoring")
def boilerplate_scoring_rule(ctx: RuleContext) -> Iterator[Finding]:
    """The scoring rule (评(扣)分标准) is boilerplate such as "未达指标值酌情扣分".

    Every indicator needs a scoring rule a second reviewer would apply the same way (data standard
    KPI_EVALSTD); "deduct at discretion" leaves the score to whoever fills in the form, which is the
    "形式化" problem local review lists warn about.

    Fails: 评分标准 "未达指标值酌情扣分".
    Passes: 评分标准 "完成率×分值，未达90%不得分".
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            note = "".join((ind.note or "").split())
            match = _BOILERPLATE.search(note)
            if match is None:
                continue
            yield ctx.finding(
                f"指标“{ind.name}”的评分标准“{ind.note}”是套话，无法据以打分",
                project=project,
                indicator=ind,
                evidence=f"{ind.raw} | {ind.note}" if ind.note and ind.note not in ind.raw else ind.raw,
                expected="a rule that fixes the score (e.g. 完成率×分值; 每少1次扣1分)",
                context={"note": ind.note or ""},
            )
