"""Timeliness (时效): deadlines must fall inside the budget year."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from jixiao.i18n import _
from jixiao.model.document import Indicator
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import l2
from jixiao.review.registry import rule

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _deadline(ind: Indicator) -> tuple[int, str] | None:
    """(year, as written) of a deadline-like value, or None."""
    if isinstance(ind.value, dt.date):
        return ind.value.year, ind.value.isoformat()
    if l2(ind) != "时效" and "时限" not in ind.name and "时间" not in ind.name:
        return None
    text = ind.value if isinstance(ind.value, str) else ind.raw[len(ind.name) :] if ind.raw else ""
    match = _YEAR.search(text or "")
    return (int(match.group(1)), match.group(0)) if match else None


@rule(
    "TIM001", "deadline-outside-budget-year", "error", "timeliness", title="完成时限不在预算年度内",
    params={"max_years_after": 1},
)
def deadline_outside_budget_year(ctx: RuleContext) -> Iterator[Finding]:
    """完成时限早于预算年度，或晚于预算年度太多。

    An annual target's dates must lie in its budget year (``Document.year``, or ``year`` in the
    config). A date in an earlier year is almost always a copy-paste left-over from an older table
    (error). A date more than ``max_years_after`` years after the budget year is implausible for an
    annual target (warning). Dates are taken from date values, and from a "YYYY年" in the value of a
    时效 indicator. When the budget year is unknown, one info finding says the check was skipped.

    Fails: 工作完成时限 2021年12月28日 in the 2023 table.
    Passes: 工作完成时限 2023年12月28日 in the 2023 table.
    """
    year = ctx.year
    if year is None:
        dated = [(p, i) for p in ctx.doc.projects for i in p.indicators if _deadline(i) is not None]
        if dated:
            project, ind = dated[0]
            yield ctx.finding(
                _("未能确定预算年度，{count} 个时限指标没有检查（可用 --year 或配置 year 指定）",
                  count=len(dated)),
                evidence=ind.raw or ind.name,
                location=ind.location,
                expected=_("标题中的预算年度、--year 或配置中的 year"),
                severity="info",
                context={"dated_indicators": str(len(dated))},
            )
        return
    after = ctx.param_int("max_years_after")
    for project in ctx.doc.projects:
        for ind in project.indicators:
            found = _deadline(ind)
            if found is None:
                continue
            when, written = found
            if when < year:
                yield ctx.finding(
                    _("{name} {written} 早于预算年度 {year}（可能沿用了往年的表格）",
                      name=ind.name, written=written,
                      year=year),
                    project=project,
                    indicator=ind,
                    expected=_("{year} 年内的日期", year=year),
                    context={"date": written, "budget_year": str(year)},
                )
            elif when > year + after:
                yield ctx.finding(
                    _("{name} {written} 远晚于预算年度 {year}，不像年度目标的时限",
                      name=ind.name, written=written,
                      year=year),
                    project=project,
                    indicator=ind,
                    expected=(_("{year}–{last} 年内的日期", year=year, last=year + after) if after
                              else _("{year} 年内的日期", year=year)),
                    severity="warning",
                    context={"date": written, "budget_year": str(year)},
                )


_BARE = re.compile(
    r"^(?:及时|按时|按期|准时|按月|按季|按季度|按年|按要求|按计划|按规定|全年|年内|当年|及时完成|按时完成)$"
)


@rule("TIM002", "deadline-not-measurable", "error", "timeliness", title="时效指标无法衡量")
def deadline_not_measurable(ctx: RuleContext) -> Iterator[Finding]:
    """时效指标的指标值只是一个词（及时、按时、按月），而不是日期或比率。

    A timeliness target is either a deadline ("2023年12月31日前", "11月底前") or a timeliness rate
    ("按时完成率 ≥95%"). "及时" or "按计划" cannot be checked at the end of the year.

    Fails: 工作完成时间 — 按时.
    Passes: 工作完成时间 — 2023年11月30日前.
    """
    for project in ctx.doc.projects:
        for ind in project.indicators:
            if l2(ind) != "时效" or not isinstance(ind.value, str):
                continue
            text = "".join(ind.value.split())
            if _BARE.match(text):
                yield ctx.finding(
                    _("时效指标“{name}”的目标值“{value}”不是日期或比率，无法考核", name=ind.name,
                      value=ind.value),
                    project=project,
                    indicator=ind,
                    expected=_("完成时限（如 2023年11月30日前）或比率（如 按时完成率 ≥95%）"),
                    context={"value": ind.value},
                )
