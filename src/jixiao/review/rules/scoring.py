"""Self-evaluation scores against weights and results (grid and 自评 layouts, where the parser fills them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.i18n import _
from jixiao.model.document import Indicator, ValueKind
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import fmt
from jixiao.review.registry import rule
from jixiao.review.scoring.indicator import IndicatorScore, direction, score_indicator, target_text
from jixiao.review.scoring.profiles import get_profile


@rule("SCR001", "score-exceeds-weight", "error", "scoring", title="得分超过分值")
def score_exceeds_weight(ctx: RuleContext) -> Iterator[Finding]:
    """自评得分高于指标分值，或为负数。

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
                    _("指标“{name}”得分 {score} 不在 {limit} 之间", name=ind.name, score=fmt(ind.score),
                      limit=limit),
                    project=project,
                    indicator=ind,
                    expected=limit,
                    context={"score": fmt(ind.score), "weight": fmt(ind.weight) if ind.weight else ""},
                )


_MERGED = re.compile(r"^\s*0\d")  # "0100%": two cells run together (0 and 100%), not a number


def _actual_number(text: str | None, year: int | None) -> Decimal | None:
    if not text or not text.strip() or _MERGED.match(text):
        return None
    from jixiao.parse.values import parse_value  # the parser's own reading of a written value

    parsed = parse_value(text, year)
    if parsed.kind in (ValueKind.NUMBER, ValueKind.PERCENT) and isinstance(parsed.value, Decimal):
        return parsed.value
    return None


actual_number = _actual_number

_WRITTEN_EQUAL = re.compile(r"[=＝═]|等于")
_LOWER_BETTER = re.compile(
    r"投诉|事故|差错|超支|发生率|损失|违规|违纪|失误|返工|逾期|不合格|死亡|伤亡|缺陷|误差|控制率|调整率|变动率|结余率|结转"
)


def scoring_operator(ind: Indicator) -> str:
    """The operator the score follows: as written (≥ ≤ > <, or an "=" actually written), else the
    direction of 指标性质/指标方向 (正向 ≥, 反向 ≤), else ≤ for a lower-is-better name and ≥ otherwise
    (a bare "26次" is a floor, not an exact value)."""
    if ind.operator in {"≥", "≤", ">", "<"}:
        return ind.operator
    direction = " ".join([ind.nature or "", *ind.extra.values()])
    if "反向" in direction:
        return "≤"
    if "正向" in direction:
        return "≥"
    after = ind.raw.split(ind.name, 1)[-1] if ind.name else ind.raw
    if ind.operator == "=" and _WRITTEN_EQUAL.search(after):
        return "="
    return "≤" if _LOWER_BETTER.search(ind.name) else "≥"


def reported_score(ind: Indicator) -> Decimal | None:
    """得分, or 分值 × 得分系数 when the form gives the coefficient instead (重庆 整体自评 "100%")."""
    if ind.score is not None or ind.weight is None:
        return ind.score
    coefficient = next((v for k, v in ind.extra.items() if "得分系数" in k), "")
    number = _actual_number(coefficient, None)
    return None if number is None else (ind.weight * number / 100).quantize(Decimal("0.01"))


def _engine_score(ind: Indicator, weight: Decimal, score: Decimal, ctx: RuleContext) -> IndicatorScore | None:
    """The scoring engine's score for a row (the profile of the ``profile`` parameter), or None when
    the engine cannot recompute it or the actual is two cells run together ("0100%")."""
    if ind.actual and _MERGED.match(ind.actual):
        return None
    result = score_indicator(ind, weight, get_profile(str(ctx.params.get("profile") or "czy2020-10")),
                             ctx.year, None, score)
    return result if result.score is not None else None


_SIGN = {"higher": "≥", "lower": "≤", "equals": "="}


def _shown_target(ind: Indicator) -> str:
    """The target with the sign the engine scored it by ("26次" written bare is shown "≥26次")."""
    if not isinstance(ind.value, Decimal):
        return target_text(ind)
    unit = "%" if ind.value_kind is ValueKind.PERCENT else ind.unit or ""
    return f"{_SIGN[direction(ind)[0]]}{fmt(ind.value)}{unit}"


@rule(
    "SCR002", "score-does-not-match-result", "warning", "scoring", title="得分与完成值不符",
    params={"tolerance": "1", "min_shortfall": "0.05", "profile": "czy2020-10"},
)
def score_does_not_match_result(ctx: RuleContext) -> Iterator[Finding]:
    """自评得分与按实际完成值重算的得分不同（重算见 jixiao score）。

    The row is recomputed by the scoring engine (``jixiao.review.scoring``, the same as `jixiao
    score`, profile ``profile``): under 财预〔2020〕10号 a higher-is-better indicator earns weight ×
    min(1, actual ÷ target), a lower-is-better one weight × min(1, target ÷ actual), an "=" written
    as a sign full marks only when met, a date on or before its deadline full marks. A reported
    score more than ``tolerance`` points from that is reported with the engine's working as
    evidence: a target met in full but marked down, or points given for a miss. Full marks (得分 =
    分值, or 得分系数 100%) for a result more than ``min_shortfall`` short of its target is an error
    under any formula. Rows the engine cannot recompute (no actual, a qualitative row without a
    band) are left alone.

    Fails: 资金到位及时率 target ≥100%, actual 100%, weight 10, score 7; 政策知晓率 target ═100%,
    actual 98%, score 9 (永德县明朗中学 自评表, 037); 党性教育培训次数 26次, actual 12次, 得分系数 100%
    (重庆科学城融媒体中心 整体自评表, 031).
    Passes: 学生受资助人数 target ≥735人次, actual 735, weight 10, score 10.
    """
    tolerance = ctx.param_decimal("tolerance")
    shortfall = ctx.param_decimal("min_shortfall")
    for project in ctx.doc.projects:
        for ind in project.indicators:
            score = reported_score(ind)
            if ind.weight is None or ind.weight <= 0 or score is None:
                continue
            result = _engine_score(ind, ind.weight, score, ctx)
            if result is None or result.score is None:
                continue
            earned = result.score
            full_on_miss = score >= ind.weight and earned < ind.weight * (1 - shortfall)
            if abs(earned - score) <= tolerance and not full_on_miss:
                continue
            head = _("指标“{name}”目标 {target}、完成 {actual}，", name=ind.name, target=_shown_target(ind),
                     actual=ind.actual or "")
            if full_on_miss:
                message = head + _("没有完成目标却得了满分 {score}（按完成比例应得 {earned} 分）",
                                   score=fmt(score),
                                   earned=fmt(earned))
            else:
                message = head + _("按完成比例应得 {earned} 分（满分 {weight}），报告得分 {score}",
                                   earned=fmt(earned), weight=fmt(ind.weight), score=fmt(score))
            yield ctx.finding(
                message,
                project=project,
                indicator=ind,
                evidence=f"{ind.raw} | 重算：{result.working}",
                expected=_("{earned} 分", earned=fmt(earned)),
                severity="error" if full_on_miss else None,
                context={"earned": fmt(earned), "score": fmt(score), "actual": ind.actual or "",
                         "working": result.working},
            )


@rule("DEV002", "target-set-too-low", "warning", "scoring", title="指标值定得过低", params={"ratio": "1.5"})
def target_set_too_low(ctx: RuleContext) -> Iterator[Finding]:
    """实际完成值远高于“越高越好”的指标值：指标值可能定得过低。

    A large positive deviation loses points in evaluation just as a miss does, and it means next
    year's target should rise (历史标准: "在可实现的条件下应当确定相对较高的评价标准"). Reported when
    the actual reaches ``ratio`` times a ≥ target.

    Fails: 培训人次 target ≥100, actual 340.
    Passes: 培训人次 target ≥100, actual 120.
    """
    ratio = ctx.param_decimal("ratio")
    if not ctx.facts.actuals:
        return  # a declaration: no actual to compare
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
                _("指标“{name}”完成 {actual}，是目标 {target} 的 {times} 倍，目标可能定得过低", name=ind.name,
                  actual=f"{fmt(actual)}{unit}", target=f"{ind.operator}{fmt(target)}{unit}",
                  times=fmt((actual / target).quantize(Decimal("0.1")))),
                project=project,
                indicator=ind,
                expected=_("更接近预期结果的目标值（使实际完成低于 {limit}）",
                           limit=f"{fmt(target * ratio)}{unit}"),
                context={"actual": ind.actual or "", "target": fmt(target)},
            )


_BOILERPLATE = re.compile(
    r"酌情(?:扣分|打分|评分|给分)|视情况(?:扣分|打分|评分)|根据(?:实际)?情况(?:扣分|打分|评分)"
)


@rule("SCR003", "boilerplate-scoring-rule", "warning", "scoring", title="评分标准是套话")
def boilerplate_scoring_rule(ctx: RuleContext) -> Iterator[Finding]:
    """评(扣)分标准是“未达指标值酌情扣分”之类的套话。

    Every indicator needs a scoring rule a second reviewer would apply the same way (data standard
    KPI_EVALSTD); "deduct at discretion" leaves the score to whoever fills in the form, which is the
    "形式化" problem local review lists warn about.

    Fails: 评分标准 "未达指标值酌情扣分".
    Passes: 评分标准 "完成率×分值，未达90%不得分".
    """
    if not ctx.facts.notes:
        return  # no 评分标准 anywhere
    for project in ctx.doc.projects:
        for ind in project.indicators:
            note = "".join((ind.note or "").split())
            match = _BOILERPLATE.search(note)
            if match is None:
                continue
            yield ctx.finding(
                _("指标“{name}”的评分标准“{note}”是套话，无法据以打分", name=ind.name, note=ind.note),
                project=project,
                indicator=ind,
                evidence=f"{ind.raw} | {ind.note}" if ind.note and ind.note not in ind.raw else ind.raw,
                expected=_("能确定得分的评分标准（如 完成率×分值；每少1次扣1分）"),
                context={"note": ind.note or ""},
            )
