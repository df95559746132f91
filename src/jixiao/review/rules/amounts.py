"""Money that must add up: the document total, each unit, each unit's projects."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.document import Project, Unit
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import fmt
from jixiao.review.registry import rule


def _differs(a: Decimal, b: Decimal, tolerance: Decimal) -> bool:
    return abs(a - b) > tolerance


@rule("SUM001", "amounts-do-not-add-up", "error", "amounts", params={"tolerance": "0.005"})
def amounts_do_not_add_up(ctx: RuleContext) -> Iterator[Finding]:
    """The 合计 is not the sum of its units, or a unit is not the sum of its sub-units or projects.

    Amounts are compared as written (in the document's money unit, usually 万元) with an absolute
    ``tolerance`` for rounding. Checked: the document total against the top-level units (or the
    projects when there are no units); each unit against its sub-units plus the projects filed under
    it. A unit with neither is not checked. In grid layouts, a project's amount must equal its
    年度资金总额, and the listed sources (财政拨款, 其他资金 …) must add up to it (an error when they
    exceed it, a warning when part of the money has no stated source).

    Fails: 合计 435.21 over projects of 30 + 4 + 400 + 1 = 435.
    Passes: 合计 435.21 = 30 + 4 + 400 + 1 + 0.21.
    """
    doc = ctx.doc
    tol = ctx.param_decimal("tolerance")
    codes = {u.code for u in doc.units}
    roots = [u for u in doc.units if u.parent is None or u.parent not in codes]
    if doc.total is not None:
        if roots and all(u.amount is not None for u in roots):
            parts = [u.amount for u in roots if u.amount is not None]
            what = "各单位金额"
        elif doc.projects and all(p.amount is not None for p in doc.projects):
            parts = [p.amount for p in doc.projects if p.amount is not None]
            what = "各项目金额"
        else:
            parts = []
            what = ""
        if parts and _differs(doc.total, sum(parts, Decimal(0)), tol):
            total = sum(parts, Decimal(0))
            yield ctx.finding(
                f"合计 {fmt(doc.total)} 与{what}之和 {fmt(total)} 不符（差 {fmt(doc.total - total)}）",
                evidence=f"合计 {fmt(doc.total)}; " + " + ".join(fmt(p) for p in parts),
                expected=f"合计 = {fmt(total)}",
                context={"total": str(doc.total), "sum": str(total)},
            )
    for unit in doc.units:
        yield from _check_unit(ctx, unit, tol)
    for project in doc.projects:
        yield from _check_funds(ctx, project, tol)


_TOTAL_KEYS = ("资金总额", "总额", "合计", "总计", "总金额")


def _check_funds(ctx: RuleContext, project: Project, tol: Decimal) -> Iterator[Finding]:
    """A project's 年度资金总额 against its amount and its sources (财政拨款, 其他资金 …)."""
    total_key = next((k for k in project.funds if any(t in k for t in _TOTAL_KEYS)), None)
    if total_key is None:
        return
    total = project.funds[total_key]
    if project.amount is not None and _differs(project.amount, total, tol):
        yield ctx.finding(
            f"项目金额 {fmt(project.amount)} 与{total_key} {fmt(total)} 不符",
            project=project,
            evidence=f"金额 {fmt(project.amount)}; {total_key} {fmt(total)}",
            expected=fmt(total),
            context={"amount": str(project.amount), "funds_total": str(total)},
        )
    parts = {k: v for k, v in project.funds.items() if k != total_key}
    if not parts:
        return
    summed = sum(parts.values(), Decimal(0))
    listed = "; ".join(f"{k} {fmt(v)}" for k, v in parts.items())
    if summed > total + tol:
        yield ctx.finding(
            f"资金来源之和 {fmt(summed)} 超过{total_key} {fmt(total)}",
            project=project,
            evidence=f"{total_key} {fmt(total)}; {listed}",
            expected=f"sources adding up to {fmt(total)}",
            context={"funds_total": str(total), "sources": str(summed)},
        )
    elif summed < total - tol:
        yield ctx.finding(
            f"资金来源之和 {fmt(summed)} 少于{total_key} {fmt(total)}，"
            f"有 {fmt(total - summed)} 没有说明来源",
            project=project,
            evidence=f"{total_key} {fmt(total)}; {listed}",
            expected=f"sources adding up to {fmt(total)} (其他资金 stated)",
            severity="warning",
            context={"funds_total": str(total), "sources": str(summed)},
        )


def _check_unit(ctx: RuleContext, unit: Unit, tol: Decimal) -> Iterator[Finding]:
    doc = ctx.doc
    if unit.amount is None:
        return
    children = [u for u in doc.units if u.parent == unit.code and u is not unit]
    projects = [p for p in doc.projects if p.unit_code == unit.code]
    if not children and not projects:
        return
    amounts = [u.amount for u in children] + [p.amount for p in projects]
    if any(a is None for a in amounts):
        return
    parts = [a for a in amounts if a is not None]
    total = sum(parts, Decimal(0))
    if not _differs(unit.amount, total, tol):
        return
    labels = [f"{u.code} {fmt(u.amount)}" for u in children if u.amount is not None]
    labels += [f"项目{p.seq} {fmt(p.amount)}" for p in projects if p.amount is not None]
    yield ctx.finding(
        f"单位 {unit.code} {unit.name} 金额 {fmt(unit.amount)} 与其下属之和 {fmt(total)} 不符"
        f"（差 {fmt(unit.amount - total)}）",
        evidence=f"{unit.code} {unit.name} {fmt(unit.amount)}; " + " + ".join(labels),
        expected=f"{fmt(total)}",
        location=unit.location,
        context={"unit": unit.code, "amount": str(unit.amount), "sum": str(total)},
    )
