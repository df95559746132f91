"""Money that must add up: the document total, each unit, each unit's projects."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.i18n import _
from jixiao.model.document import Project, Unit
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import fmt
from jixiao.review.registry import rule


def _differs(a: Decimal, b: Decimal, tolerance: Decimal) -> bool:
    return abs(a - b) > tolerance


@rule("SUM001", "amounts-do-not-add-up", "error", "amounts", title="金额合计不符",
      params={"tolerance": "0.005"})
def amounts_do_not_add_up(ctx: RuleContext) -> Iterator[Finding]:
    """合计不等于各单位之和，或单位金额不等于其下属单位或项目之和。

    Amounts are compared as written (in the document's money unit, usually 万元) with an absolute
    ``tolerance`` for rounding. Checked: the document total against the top-level units (or the
    projects when there are no units); each unit against its sub-units plus the projects filed under
    it. A unit with neither is not checked. In grid layouts, a project's amount must equal its
    年度资金总额, and the listed sources (财政拨款, 其他资金 …) must add up to it (an error when they
    exceed it, a warning when part of the money has no stated source). When one part equals the whole
    while others are non-zero, the message says so: the total was most likely copied into a part's cell.

    Fails: 合计 435.21 over projects of 30 + 4 + 400 + 1 = 435; 黄石市委党校 主体班 (019): 项目金额 164
    but 当年市级财政资金 132 (32 unexplained, warning); 宁德市党史和地方志研究室 (005): 资金总额 171.41
    but 履职 rows 49.8 + 11 + 171.41 (基本支出 repeats the whole).
    Passes: 合计 435.21 = 30 + 4 + 400 + 1 + 0.21; 宁德 (005) 资金总额 171.41 = 项目支出 60.8 + 基本支出
    110.61.
    """
    doc = ctx.doc
    tol = ctx.param_decimal("tolerance")
    codes = {u.code for u in doc.units}
    roots = [u for u in doc.units if u.parent is None or u.parent not in codes]
    if doc.total is not None:
        labelled: dict[str, Decimal] = {}
        if roots and all(u.amount is not None for u in roots):
            labelled = {f"{u.code} {u.name}": u.amount for u in roots if u.amount is not None}
            what = _("各单位金额")
        elif doc.projects and all(p.amount is not None for p in doc.projects):
            labelled = {f"项目{p.seq} {p.name}": p.amount for p in doc.projects if p.amount is not None}
            what = _("各项目金额")
        else:
            what = ""
        parts = list(labelled.values())
        if parts and _differs(doc.total, sum(parts, Decimal(0)), tol):
            total = sum(parts, Decimal(0))
            yield ctx.finding(
                _("合计 {total} 与{what}之和 {sum} 不符（差 {diff}）", total=fmt(doc.total), what=what,
                  sum=fmt(total),
                  diff=fmt(doc.total - total))
                + _whole_as_part(doc.total, labelled, tol),
                evidence=f"合计 {fmt(doc.total)}; " + " + ".join(fmt(p) for p in parts),
                expected=_("合计 = {sum}", sum=fmt(total)),
                context={"total": str(doc.total), "sum": str(total)},
            )
    for unit in doc.units:
        yield from _check_unit(ctx, unit, tol)
    for project in doc.projects:
        yield from _check_funds(ctx, project, tol)





def _whole_as_part(total: Decimal, parts: dict[str, Decimal], tol: Decimal) -> str:
    """"，其中“基本支出”171.41 就是合计本身" when one part repeats the whole while others are non-zero."""
    same = [k for k, v in parts.items() if not _differs(v, total, tol)]
    others = [v for k, v in parts.items() if k not in same and v != 0]
    if len(same) == 1 and others and total != 0:
        return _("，其中“{part}”{total} 就是合计本身，可能误填了总额", part=same[0], total=fmt(total))
    return ""


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
        _("单位 {code} {name} 金额 {amount} 与其下属之和 {sum} 不符（差 {diff}）", code=unit.code,
          name=unit.name,
          amount=fmt(unit.amount), sum=fmt(total), diff=fmt(unit.amount - total)),
        evidence=f"{unit.code} {unit.name} {fmt(unit.amount)}; " + " + ".join(labels),
        expected=f"{fmt(total)}",
        location=unit.location,
        context={"unit": unit.code, "amount": str(unit.amount), "sum": str(total)},
    )


_TOTAL_KEYS = ("资金总额", "总额", "合计", "总计", "总金额")
#: Columns of a self-evaluation funds block that are not money.
_NOT_MONEY = ("分值", "得分", "权重", "执行率", "比例", "%")


def _fund_columns(funds: dict[str, Decimal]) -> dict[str, dict[str, Decimal]]:
    """``{"年度资金总额/年初预算数": x}`` -> ``{"年初预算数": {"年度资金总额": x}}``; "" = a single column."""
    columns: dict[str, dict[str, Decimal]] = {}
    for key, value in funds.items():
        row, _, column = key.partition("/")
        if any(word in column for word in _NOT_MONEY):
            continue
        columns.setdefault(column, {})[row] = value
    return columns


def _check_funds(ctx: RuleContext, project: Project, tol: Decimal) -> Iterator[Finding]:
    """A project's 年度资金总额 against its amount and its sources (财政拨款, 其他资金 …), per column."""
    totals: list[tuple[str, Decimal]] = []
    for column, rows in sorted(_fund_columns(project.funds).items()):
        total_row = next((r for r in rows if any(t in r for t in _TOTAL_KEYS)), None)
        if total_row is None:
            continue
        label = f"{total_row}/{column}" if column else total_row
        total = rows[total_row]
        totals.append((label, total))
        parts = {r: v for r, v in rows.items() if r != total_row}
        if parts:
            yield from _check_sources(ctx, project, label, total, parts, tol)
    if project.amount is not None and totals and all(_differs(project.amount, t, tol) for _, t in totals):
        label, total = totals[0]
        yield ctx.finding(
            _("项目金额 {amount} 与{label} {total} 不符", amount=fmt(project.amount), label=label,
              total=fmt(total)),
            project=project,
            evidence=f"金额 {fmt(project.amount)}; " + "; ".join(f"{k} {fmt(v)}" for k, v in totals),
            expected=fmt(total),
            context={"amount": str(project.amount), "funds_total": str(total)},
        )


def _check_sources(
    ctx: RuleContext, project: Project, label: str, total: Decimal, parts: dict[str, Decimal], tol: Decimal
) -> Iterator[Finding]:
    summed = sum(parts.values(), Decimal(0))
    listed = "; ".join(f"{k} {fmt(v)}" for k, v in parts.items())
    if summed > total + tol:
        yield ctx.finding(
            _("资金来源之和 {sum} 超过{label} {total}", sum=fmt(summed), label=label, total=fmt(total))
            + _whole_as_part(total, parts, tol),
            project=project,
            evidence=f"{label} {fmt(total)}; {listed}",
            expected=_("资金来源合计 {total}", total=fmt(total)),
            context={"funds_total": str(total), "sources": str(summed)},
        )
    elif summed < total - tol:
        yield ctx.finding(
            _("资金来源之和 {sum} 少于{label} {total}，有 {diff} 没有说明来源", sum=fmt(summed), label=label,
              total=fmt(total), diff=fmt(total - summed)),
            project=project,
            evidence=f"{label} {fmt(total)}; {listed}",
            expected=_("资金来源合计 {total}（写明其他资金）", total=fmt(total)),
            severity="warning",
            context={"funds_total": str(total), "sources": str(summed)},
        )
