"""A result short of its target, or a monitored indicator at risk, with no reason given (偏差原因)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.i18n import _
from jixiao.model.document import Indicator
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import fmt
from jixiao.review.registry import rule
from jixiao.review.scoring.indicator import score_indicator
from jixiao.review.scoring.profiles import get_profile

_NO_REASON = {"", "无", "/", "-", "—", "／"}
#: 完成可能性 answers that mean the target is at risk (双监控: 能 / 可能 / 不能; Hubei: 确定能 / 有可能
#: / 不可能).
AT_RISK = {"不能": "error", "不可能": "error", "完全不可能": "error", "可能": "warning", "有可能": "warning",
           "基本能": "warning"}
_HUNDRED = Decimal(100)


def has_reason(ind: Indicator) -> bool:
    return "".join((ind.deviation or "").split()) not in _NO_REASON


def likelihood(ind: Indicator) -> str:
    return "".join(ind.extra.get("完成可能性", "").split()).rstrip("。.")


def shortfall(ind: Indicator, ctx: RuleContext) -> tuple[Decimal, str] | None:
    """(share of the target reached in %, the engine's working) when an actual misses its target."""
    if ind.actual is None:
        return None
    result = score_indicator(ind, _HUNDRED, get_profile(str(ctx.params.get("profile") or "czy2020-10")),
                             ctx.year)
    if result.score is None or result.score >= _HUNDRED:
        return None
    return result.score, result.working


@rule("DEV001", "missing-deviation-reason", "warning", "scoring", title="缺少偏差原因",
      params={"profile": "czy2020-10"})
def missing_deviation_reason(ctx: RuleContext) -> Iterator[Finding]:
    """扣了分、没有达到目标或监控中可能完不成的指标没有说明偏差原因。

    财预〔2020〕10号 requires the deviation analysis and corrective measures (偏差原因分析及改进措施)
    whenever a target was not fully met; 双监控 (运行监控) requires the reason whenever 完成可能性 is
    不能 or 可能. Reported: a self-evaluation row scored below its weight; a row with no score whose
    actual the scoring engine finds short of the target (profile ``profile``, e.g. 164 of ≥180); a
    monitored indicator marked 不能 (error) or 可能/有可能 (warning). A reason of "无", "/" or "-"
    counts as none.

    Fails: weight 10, score 7, no 偏差原因 (永德县明朗中学 资金到位及时率, 037);
    发放残疾人机动轮椅车燃油补贴人次数 ≥180人, actual 164人, no reason (镜湖区残联 自评, 025);
    完成可能性 不能 with no 偏差原因.
    Passes: weight 10, score 7, 偏差原因 "采购延期，已调整计划"; 025 with 182人;
    完成可能性 确定能 (黄石市 申遗经费 监控表, found 154).
    """
    if not (ctx.facts.scores or ctx.facts.extras or ctx.facts.actuals):
        return  # no score, 完成可能性 or actual anywhere: nothing below can be reported
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if has_reason(ind):
                continue
            if ind.score is not None and ind.weight is not None:
                if ind.score >= ind.weight:
                    continue
                yield ctx.finding(
                    _("指标“{name}”得分 {score}（满分 {weight}），但没有说明偏差原因", name=ind.name,
                      score=fmt(ind.score),
                      weight=fmt(ind.weight)),
                    project=project,
                    indicator=ind,
                    expected=_("偏差原因分析及改进措施"),
                    context={"score": fmt(ind.score), "weight": fmt(ind.weight)},
                )
                continue
            risk = likelihood(ind)
            if risk in AT_RISK:
                yield ctx.finding(
                    _("指标“{name}”完成可能性为“{risk}”，但没有说明偏差原因", name=ind.name, risk=risk),
                    project=project,
                    indicator=ind,
                    evidence=f"{ind.raw} | 完成可能性 {risk}",
                    expected=_("偏差原因（经费/制度/人员/硬件/政策/其他）及说明"),
                    severity="error" if AT_RISK[risk] == "error" else None,
                    context={"likelihood": risk},
                )
                continue
            short = shortfall(ind, ctx)
            if short is None:
                continue
            share, working = short
            yield ctx.finding(
                _("指标“{name}”完成 {actual}，只达到目标的 {share}%，但没有说明偏差原因", name=ind.name,
                  actual=ind.actual or "", share=fmt(share)),
                project=project,
                indicator=ind,
                evidence=f"{ind.raw} | 完成值 {ind.actual} | 重算：{working}",
                expected=_("偏差原因分析及改进措施"),
                context={"share": fmt(share), "working": working},
            )
