"""In-year monitoring (运行监控, 双监控) of a 项目支出绩效目标执行监控表: spending behind the time schedule
(序时进度), and indicators at risk with no corrective measures (纠偏措施). Codes MON101+ (document
rules; MON001–MON009 belong to the store's monitoring rounds)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

from jixiao.i18n import _
from jixiao.model.document import Indicator, Project, ValueKind
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import fmt
from jixiao.review.registry import rule
from jixiao.review.rules.deviation import AT_RISK, likelihood
from jixiao.review.rules.scoring import actual_number

_PERIOD = re.compile(r"^年度资金总额/(\d{1,2})-(\d{1,2})月执行数$")
_BUDGET = ("全年预算数", "调整后预算数", "全年(调整)预算数", "年初预算数")
_AS_OF = ("截至日期", "监控时点", "as_of")
_DATE = re.compile(r"((?:19|20)\d{2})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})")
_HUNDRED = Decimal(100)
_NO_MEASURES = {"", "无", "/", "-", "—"}


def schedule(project: Project) -> tuple[Decimal, Decimal, str] | None:
    """(executed, time-schedule share in %, how it was read) from a "1-6月执行数" column (6 / 12) or an
    as-of date in ``extra`` (截至日期 2023-07-31: day 212 of 365) with an 执行数; None otherwise."""
    for key, value in project.funds.items():
        m = _PERIOD.match(key)
        if m and 1 <= int(m.group(2)) <= 12:
            month = int(m.group(2))
            return value, Decimal(month) * _HUNDRED / 12, f"{m.group(1)}-{month}月"
    executed = project.funds.get("年度资金总额/执行数")
    text = next((project.extra[k] for k in _AS_OF if project.extra.get(k)), "")
    m = _DATE.search(text)
    if executed is None or m is None:
        return None
    try:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    days = 366 if calendar.isleap(day.year) else 365
    return executed, Decimal(day.timetuple().tm_yday) * _HUNDRED / days, f"截至{day.isoformat()}"


def budget_of(project: Project) -> tuple[Decimal, str] | None:
    for label in _BUDGET:
        value = project.funds.get(f"年度资金总额/{label}")
        if value is not None and value > 0:
            return value, label
    return None


def _percent(value: Decimal) -> str:
    return fmt(value.quantize(Decimal("0.01")))


@rule("MON101", "execution-behind-schedule", "warning", "monitoring", title="预算执行慢于序时进度",
      params={"yellow_gap": "10", "red_gap": "20"})
def execution_behind_schedule(ctx: RuleContext) -> Iterator[Finding]:
    """监控期的预算执行率低于序时进度超过规定差距（黄灯/红灯）。

    双监控 compares spending to date with the time elapsed (序时进度: a "1-6月执行数" column is 6 / 12
    = 50%; an as-of date 截至日期 is its day of the year): an execution rate (执行数 ÷ 全年预算数, or
    调整后/年初预算数) more than ``yellow_gap`` percentage points behind is a yellow light (warning),
    more than ``red_gap`` a red light (error). Local rules set their own gaps, hence parameters.

    Fails: 黄石市 申遗经费 监控表 (found 154): 1-6月执行数 87.57 of 年初预算数 220 = 39.80%, 序时进度
    50%, 10.20 points behind (yellow).
    Passes: the same form with 110 spent by June (50%).
    """
    yellow, red = ctx.param_decimal("yellow_gap"), ctx.param_decimal("red_gap")
    for project in ctx.doc.projects:
        when = schedule(project)
        budget = budget_of(project)
        if when is None or budget is None:
            continue
        executed, due, period = when
        amount, label = budget
        rate = executed * _HUNDRED / amount
        gap = due - rate
        if gap <= yellow:
            continue
        light = "red" if gap > red else "yellow"
        yield ctx.finding(
            _("{period}执行 {executed} / {label} {budget} = {rate}%，低于序时进度 {due}% 达 {gap} 个百分点"
              "（{light}）", period=period, executed=fmt(executed), label=label, budget=fmt(amount),
              rate=_percent(rate), due=_percent(due), gap=_percent(gap),
              light=_("红灯") if light == "red" else _("黄灯")),
            project=project,
            evidence=f"年度资金总额 {label} {fmt(amount)}，{period}执行数 {fmt(executed)}",
            expected=_("执行率不低于序时进度 {due}% 减 {limit} 个百分点", due=_percent(due),
                       limit=fmt(yellow)),
            severity="error" if light == "red" else None,
            context={"light": light, "rate": _percent(rate), "schedule": _percent(due), "gap": _percent(gap)},
        )


def _measures(project: Project, ind: Indicator) -> str:
    text = (ind.extra.get("纠偏措施") or project.extra.get("纠偏措施") or project.extra.get("相关建议或举措")
            or "")
    return "".join(text.split())


def _lagging(ind: Indicator, due: Decimal, gap: Decimal, year: int | None) -> Decimal | None:
    """The share of a ≥ quantity target reached so far, when it lags the schedule by more than ``gap``
    points (a rate such as 满意度 ≥90% is not cumulative and is never lagging)."""
    if ind.operator not in ("≥", ">") or ind.value_kind is not ValueKind.NUMBER:
        return None
    if not isinstance(ind.value, Decimal) or ind.value <= 0:
        return None
    actual = actual_number(ind.actual, year)
    if actual is None:
        return None
    share = actual * _HUNDRED / ind.value
    return share if due - share > gap else None


@rule("MON102", "risk-without-corrective-measures", "warning", "monitoring", title="有风险的指标没有纠偏措施",
      params={"gap": "10"})
def risk_without_corrective_measures(ctx: RuleContext) -> Iterator[Finding]:
    """监控中完成可能性为“不能/可能”或进度滞后的指标没有填写纠偏措施。

    An indicator whose 完成可能性 is 不能 (error) or 可能/有可能 (warning), or whose quantity reached
    so far lags the time schedule by more than ``gap`` percentage points (45 of ≥120公里 by June:
    37.5% against 50%), needs corrective measures (纠偏措施, 相关建议或举措): the point of 双监控 is to
    correct course before the year ends. The monitoring form asks for them in exactly these cases.

    Fails: 完成可能性 不能, 纠偏措施 blank; 养护里程 ≥120公里, 1-6月 完成 45公里, no 纠偏措施.
    Passes: 黄石市 申遗经费 监控表 (found 154): 完成可能性 确定能; 完成可能性 可能 with 纠偏措施
    "8月底前完成招标".
    """
    gap = ctx.param_decimal("gap")
    if not (ctx.facts.extras or ctx.facts.actuals):
        return  # no 完成可能性 and no actual anywhere: no risk can be read
    for project in ctx.doc.projects:
        when = schedule(project)
        for ind in project.indicators:
            if _measures(project, ind) not in _NO_MEASURES:
                continue
            risk = likelihood(ind)
            lag = None if when is None else _lagging(ind, when[1], gap, ctx.year)
            severity: Literal["error"] | None
            if risk in AT_RISK:
                message = _("指标“{name}”完成可能性为“{risk}”，但没有纠偏措施", name=ind.name, risk=risk)
                severity = "error" if AT_RISK[risk] == "error" else None
            elif lag is not None and when is not None:
                message = _("指标“{name}”{period}完成 {actual}，只达到目标的 {share}%（序时进度 {due}%），"
                            "但没有纠偏措施", name=ind.name, period=when[2], actual=ind.actual or "",
                            share=_percent(lag), due=_percent(when[1]))
                severity = None
            else:
                continue
            yield ctx.finding(
                message,
                project=project,
                indicator=ind,
                evidence=f"{ind.raw} | 完成可能性 {risk or '—'} | 完成值 {ind.actual or '—'}",
                expected=_("纠偏措施（调整实施计划、加快支出、申请调整目标等）"),
                severity=severity,
                context={"likelihood": risk, "share": _percent(lag) if lag is not None else ""},
            )
