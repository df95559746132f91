"""Checks on a project's stored performance year (monitoring rounds, target versions), MON001–MON004.

These look at what a unit entered in jixiao, not at a parsed document (the document rules live in
``review/rules``), so they are plain functions here; their findings have the same shape and codes
that never change. The codes MON001–MON099 are this module's; document rules on monitoring tables
use MON1xx.

| code | name | severity |
| --- | --- | --- |
| MON001 | execution-behind-schedule | warning (yellow) / error (red) |
| MON002 | risk-without-correction | error (不能) / warning (lagging) |
| MON003 | risk-without-cause | warning |
| MON004 | target-changed-without-adjustment | error |

序时进度 (the time schedule) is the elapsed share of the year on the as-of date: 31 July is day
212 of 365, 58.08%. Execution lags by ``序时进度 − 执行数 / 全年预算数``; the yellow and red gaps are
settings (:class:`Gaps`, default 10 and 20 percentage points: practice differs by locality,
domain.md §4).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao.i18n import N_, _
from jixiao.model.document import ValueKind
from jixiao.model.jsonify import value_from_json
from jixiao.model.year import MonitoringEntry, MonitoringRound
from jixiao.review.finding import Finding
from jixiao.review.scoring.actual import convert, read_actual
from jixiao.review.scoring.indicator import n, q
from jixiao.store.schema import IndicatorRow

LIGHTS = ("red", "yellow", "green")
#: each light as a reader sees it (catalogue ids)
LIGHT_NAMES = {"red": N_("红灯"), "yellow": N_("黄灯"), "green": N_("绿灯"), "none": N_("未监控")}
#: each check's short Chinese title (a catalogue id), as a finding list shows it next to the code
TITLES = {"MON001": N_("预算执行落后序时进度"), "MON002": N_("有风险的指标未填纠偏措施"),
          "MON003": N_("有风险的指标未选偏差原因"), "MON004": N_("目标变更未经审批")}
_RANK = {"red": 0, "yellow": 1, "green": 2, "none": 3}
DOCS = "docs/performance-year.md#"


@dataclass(frozen=True, slots=True)
class Gaps:
    """How far execution may lag the time schedule (shares, 0.10 = 10 percentage points)."""

    yellow: Decimal = Decimal("0.10")
    red: Decimal = Decimal("0.20")


DEFAULT_GAPS = Gaps()


def pct(share: Decimal) -> str:
    """0.580822 -> "58.08" (percent, to 0.01)."""
    return n(q(share * 100))


@lru_cache(maxsize=2048)
def schedule(as_of: dt.date) -> Decimal:
    """序时进度: the share of the year elapsed at the end of ``as_of``."""
    days = (dt.date(as_of.year, 12, 31) - dt.date(as_of.year, 1, 1)).days + 1
    return Decimal(as_of.timetuple().tm_yday) / Decimal(days)


def execution_rate(budget: Decimal | None, executed: Decimal | None) -> Decimal | None:
    if budget is None or executed is None or budget <= 0:
        return None
    return executed / budget


def execution_light(as_of: dt.date, budget: Decimal | None, executed: Decimal | None,
                    gaps: Gaps = DEFAULT_GAPS) -> tuple[str, Decimal | None]:
    """(light, lag): lag is 序时进度 − 执行率 (None when there is no rate)."""
    rate = execution_rate(budget, executed)
    if rate is None:
        return "none", None
    lag = schedule(as_of) - rate
    return ("red" if lag > gaps.red else "yellow" if lag > gaps.yellow else "green"), lag


def lagging(ind: IndicatorRow, entry: MonitoringEntry, as_of: dt.date,
            gaps: Gaps = DEFAULT_GAPS) -> str | None:
    """Why the indicator's progress to date is behind the time schedule, or None. Only
    higher-is-better numbers (≥ > =, or no operator written) and dates are judged (a ≤ target such as
    a cost cannot lag)."""
    kind = ValueKind(ind.value_kind)
    target = value_from_json(ind.value, kind)
    read = read_actual(entry.actual, as_of.year)
    if isinstance(target, dt.date):
        if as_of > target and read.kind == "missing":
            return _("完成时限 {date} 已过，尚无完成值", date=target.isoformat())
        return None
    if not isinstance(target, Decimal) or ind.operator not in ("≥", ">", "=", "") or target <= 0:
        return None
    if read.kind != "number" or read.number is None:
        return None
    number, _note = convert(read.number, read.unit, ind.unit)
    progress, due = number / target, schedule(as_of)
    if progress < due - gaps.yellow:
        return _("完成 {progress}%，低于序时进度 {due}%", progress=pct(progress), due=pct(due))
    return None


def target_risk(entries: Sequence[MonitoringEntry], indicators: Mapping[int, IndicatorRow], as_of: dt.date,
                gaps: Gaps = DEFAULT_GAPS) -> str:
    """red when an indicator is marked 不能, yellow when one is 可能 or lagging, else green."""
    worst = "green"
    for entry in entries:
        ind = indicators.get(entry.indicator_id)
        if entry.likelihood == "不能":
            return "red"
        if entry.likelihood == "可能" or (ind is not None and lagging(ind, entry, as_of, gaps)):
            worst = "yellow"
    return worst


def check_label(code: str) -> str | None:
    """"MON001 预算执行落后序时进度" (in the current language), or None for another code."""
    return f"{code} {_(TITLES[code])}" if code in TITLES else None


def worst(*lights: str) -> str:
    return min(lights, key=lambda light: _RANK.get(light, 3))


def _finding(code: str, name: str, severity: str, message: str, seq: str, indicator: str | None = None,
             evidence: str = "", expected: str = "", **context: str) -> Finding:
    return Finding(code, name, severity, message, seq, indicator, None, evidence, expected,  # type: ignore[arg-type]
                   dict(context), DOCS + code.lower())


def check_round(rnd: MonitoringRound, indicators: Sequence[IndicatorRow], seq: str,
                gaps: Gaps = DEFAULT_GAPS) -> list[Finding]:
    """MON001–MON003 on one monitoring round."""
    out: list[Finding] = []
    light, lag = execution_light(rnd.as_of, rnd.budget_full, rnd.executed, gaps)
    rate = execution_rate(rnd.budget_full, rnd.executed)
    if lag is not None and rate is not None and light in ("red", "yellow"):
        due = schedule(rnd.as_of)
        out.append(_finding(
            "MON001", "execution-behind-schedule", "error" if light == "red" else "warning",
            _("截至 {date} 预算执行率 {rate}%，落后序时进度 {due}% 达 {lag} 个百分点（{light}）",
              date=rnd.as_of.isoformat(), rate=pct(rate), due=pct(due), lag=pct(lag),
              light=_("红灯") if light == "red" else _("黄灯")),
            seq, None, f"{rnd.executed} / {rnd.budget_full}",
            _("落后不超过 {gap} 个百分点", gap=pct(gaps.yellow)), light=light, lag=pct(lag)))
    by_id = {i.id: i for i in indicators}
    for entry in rnd.entries:
        ind = by_id.get(entry.indicator_id)
        if ind is None:
            continue
        behind = lagging(ind, entry, rnd.as_of, gaps)
        risk = _("完成可能性为“不能”") if entry.likelihood == "不能" else behind
        if risk and not entry.correction:
            out.append(_finding(
                "MON002", "risk-without-correction", "error" if entry.likelihood == "不能" else "warning",
                _("指标“{name}”{risk}，但没有填写纠偏措施", name=ind.name, risk=risk), seq, ind.name,
                entry.actual, _("填写纠偏措施")))
        doubtful = _("完成可能性为“{likelihood}”", likelihood=entry.likelihood) \
            if entry.likelihood in ("可能", "不能") else behind
        if doubtful and not entry.cause:
            out.append(_finding(
                "MON003", "risk-without-cause", "warning",
                _("指标“{name}”{risk}，但没有选择偏差原因", name=ind.name, risk=doubtful), seq, ind.name,
                entry.actual, _("偏差原因：经费/制度/人员/硬件/政策/其他")))
    return out


@dataclass(frozen=True, slots=True)
class Version:
    """One stored target version (``approved``: made by an approved adjustment, or the baseline)."""

    number: int
    raw: str
    key: tuple[str, str | None, str | None]  # operator, value, unit
    approved: bool


def check_targets(indicators: Sequence[IndicatorRow], versions: Mapping[int, Sequence[Version]],
                  seq: str) -> list[Finding]:
    """MON004: a target that differs from its previous version with no approved adjustment, or an
    indicator whose current target is not its last recorded version."""
    out: list[Finding] = []
    for ind in indicators:
        history = list(versions.get(ind.id, ()))
        for before, after in itertools.pairwise(history):
            if after.key != before.key and not after.approved:
                where = f"v{before.number}→v{after.number}"
                out.append(_changed(ind.name, before.raw, after.raw, seq, where))
        current = (ind.operator, ind.value, ind.unit)
        if history and current != history[-1].key:
            out.append(_changed(ind.name, history[-1].raw, ind.raw, seq, _("当前")))
    return out


def _changed(name: str, old: str, new: str, seq: str, where: str) -> Finding:
    return _finding("MON004", "target-changed-without-adjustment", "error",
                    _("指标“{name}”的目标由“{old}”改为“{new}”（{where}），没有经批准的调整申请", name=name,
                      old=old, new=new, where=where), seq, name, new, _("目标调整须经审批"))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key())
