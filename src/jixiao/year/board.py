"""The region's traffic-light board: every approved project with its light from its latest monitoring
round — red/yellow/green by how far execution lags the time schedule (MON001's gaps) and by the
round's target risk (不能 red; 可能 or lagging yellow; a target changed with no approved adjustment,
MON004, red — counted per project in ``unapproved``) — its pending adjustments and its
self-evaluation. One query (latest round per project, joined), then :func:`build_board`, a pure
function over plain tuples (``benchmarks/year_board.py`` times it on 100,000 projects)."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select, union
from sqlalchemy.orm import Session

from jixiao.store.access import Viewer
from jixiao.store.schema import IndicatorRow, ProjectRow
from jixiao.store.year_schema import (
    MonitoringRoundRow,
    PerformanceYearRow,
    SelfEvaluationRow,
    TargetAdjustmentRow,
    TargetVersionRow,
)
from jixiao.year.year_checks import DEFAULT_GAPS, Gaps, execution_light, execution_rate, pct

SORTS = ("light", "lag", "unit", "name", "amount", "unapproved")
_RANK = {"red": 0, "yellow": 1, "green": 2, "none": 3}


@dataclass(frozen=True, slots=True)
class Record:
    """One project as the board query gives it."""

    id: int
    seq: str
    name: str
    unit_code: str | None
    unit_name: str | None
    amount: Decimal | None
    as_of: dt.date | None
    budget: Decimal | None
    executed: Decimal | None
    target_risk: str | None
    pending: int
    locked: bool
    self_evaluation: str | None
    grade: str | None
    #: indicators whose target changed with no approved adjustment (MON004): target risk red
    unapproved: int = 0


def build_board(records: Iterable[Record], gaps: Gaps = DEFAULT_GAPS, sort: str = "light",
                unit: str | None = None, limit: int = 500, offset: int = 0) -> dict[str, Any]:
    """Light every project, count the lights, sort, and draw the rows of one page (``limit`` rows
    from ``offset``): the whole region is lit and sorted, only the page shown is formatted."""
    lit = []
    counts = {"red": 0, "yellow": 0, "green": 0, "none": 0}
    unapproved = 0
    for r in records:
        if unit and r.unit_code != unit:
            continue
        risk = "red" if r.unapproved else (r.target_risk or "green")
        if r.as_of is None:
            light, lag, execution = ("red" if r.unapproved else "none"), None, "none"
        else:
            execution, lag = execution_light(r.as_of, r.budget, r.executed, gaps)
            light = risk if _RANK[risk] < _RANK[execution] else execution
        counts[light] += 1
        unapproved += r.unapproved > 0
        lit.append((r, light, execution, lag))
    low = Decimal(-2)
    keys = {
        "light": lambda x: (_RANK[x[1]], -(x[3] if x[3] is not None else low), x[0].unit_code or "", x[0].id),
        "lag": lambda x: (-(x[3] if x[3] is not None else low), x[0].unit_code or "", x[0].id),
        "unit": lambda x: (x[0].unit_code or "", _RANK[x[1]], x[0].id),
        "name": lambda x: (x[0].name, x[0].id),
        "amount": lambda x: (-(x[0].amount or 0), x[0].id),
        "unapproved": lambda x: (-x[0].unapproved, _RANK[x[1]], x[0].unit_code or "", x[0].id),
    }
    key = keys.get(sort, keys["light"])
    # only the page is needed: a partial sort (heap) when it is a small part of the region
    wanted = offset + limit
    page = heapq.nsmallest(wanted, lit, key=key) if wanted * 4 < len(lit) else sorted(lit, key=key)
    rows = [_row(r, light, execution, lag) for r, light, execution, lag in page[offset:wanted]]
    return {"projects": rows, "total": len(lit), "limit": limit, "offset": offset, "counts": counts,
            "unapproved_projects": unapproved, "gaps": {"yellow": pct(gaps.yellow), "red": pct(gaps.red)},
            "sort": sort if sort in keys else "light", "unit": unit}


def _row(r: Record, light: str, execution: str, lag: Decimal | None) -> dict[str, Any]:
    rate = execution_rate(r.budget, r.executed)
    return {
        "id": r.id, "seq": r.seq, "name": r.name, "unit": r.unit_code, "unit_name": r.unit_name,
        "amount": None if r.amount is None else str(r.amount), "light": light, "execution_light": execution,
        "target_risk": "red" if r.unapproved else (r.target_risk or "none"),
        "as_of": None if r.as_of is None else r.as_of.isoformat(),
        "rate": None if rate is None else pct(rate), "lag": None if lag is None else pct(lag),
        "pending_adjustments": r.pending, "locked": r.locked, "self_evaluation": r.self_evaluation,
        "grade": r.grade, "unapproved_changes": r.unapproved,
    }


def _unapproved() -> Any:
    """Per project, the indicators MON004 finds in SQL (as ``year_checks.check_targets`` does in
    Python): a version after the first whose target differs from the one before with no approved
    adjustment, or a current target that differs from the last version."""
    before, after = TargetVersionRow.__table__.alias("before"), TargetVersionRow.__table__.alias("after")
    adjustment = TargetAdjustmentRow.__table__.alias("adjustment")
    stepped = (select(after.c.indicator_id.label("indicator_id"))
               .join(before, and_(before.c.indicator_id == after.c.indicator_id,
                                  before.c.number == after.c.number - 1))
               .outerjoin(adjustment, adjustment.c.id == after.c.adjustment_id)
               .where(or_(after.c.operator.is_distinct_from(before.c.operator),
                          after.c.value.is_distinct_from(before.c.value),
                          after.c.unit.is_distinct_from(before.c.unit)),
                      or_(adjustment.c.status.is_(None), adjustment.c.status != "approved")))
    last = (select(TargetVersionRow.indicator_id, func.max(TargetVersionRow.number).label("number"))
            .group_by(TargetVersionRow.indicator_id).subquery())
    version = TargetVersionRow.__table__.alias("version")
    drifted = (select(IndicatorRow.id.label("indicator_id"))
               .join(last, last.c.indicator_id == IndicatorRow.id)
               .join(version, and_(version.c.indicator_id == IndicatorRow.id,
                                   version.c.number == last.c.number))
               .where(or_(version.c.operator.is_distinct_from(IndicatorRow.operator),
                          version.c.value.is_distinct_from(IndicatorRow.value),
                          version.c.unit.is_distinct_from(IndicatorRow.unit))))
    changed = union(stepped, drifted).subquery()
    return (select(IndicatorRow.project_id, func.count().label("n"))
            .join(changed, changed.c.indicator_id == IndicatorRow.id)
            .group_by(IndicatorRow.project_id).subquery())


def records(session: Session, viewer: Viewer, year: int | None = None) -> list[Record]:
    """Approved projects this viewer's board shows: a reviewer's region, a unit's own, all for admin."""
    latest = (select(MonitoringRoundRow.project_id, func.max(MonitoringRoundRow.as_of).label("as_of"))
              .group_by(MonitoringRoundRow.project_id).subquery())
    pending = (select(TargetAdjustmentRow.project_id, func.count().label("n"))
               .where(TargetAdjustmentRow.status == "pending")
               .group_by(TargetAdjustmentRow.project_id).subquery())
    unapproved = _unapproved()
    query = (
        select(ProjectRow.id, ProjectRow.seq, ProjectRow.name, ProjectRow.unit_code, ProjectRow.unit_name,
               ProjectRow.amount, MonitoringRoundRow.as_of, MonitoringRoundRow.budget_full,
               MonitoringRoundRow.executed, MonitoringRoundRow.target_risk, pending.c.n,
               PerformanceYearRow.locked, SelfEvaluationRow.status, SelfEvaluationRow.grade, unapproved.c.n)
        .outerjoin(latest, latest.c.project_id == ProjectRow.id)
        .outerjoin(MonitoringRoundRow, and_(MonitoringRoundRow.project_id == ProjectRow.id,
                                            MonitoringRoundRow.as_of == latest.c.as_of))
        .outerjoin(pending, pending.c.project_id == ProjectRow.id)
        .outerjoin(unapproved, unapproved.c.project_id == ProjectRow.id)
        .outerjoin(PerformanceYearRow, PerformanceYearRow.project_id == ProjectRow.id)
        .outerjoin(SelfEvaluationRow, SelfEvaluationRow.project_id == ProjectRow.id)
        .where(ProjectRow.status == "approved")
    )
    if viewer.role == "reviewer":
        query = query.where(ProjectRow.region == viewer.region)
    elif viewer.role == "unit":
        query = query.where(ProjectRow.unit_code == viewer.unit_code)
    if year is not None:
        query = query.where(ProjectRow.year == year)
    return [Record(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], int(r[10] or 0), bool(r[11]),
                   r[12], r[13], int(r[14] or 0))
            for r in session.connection().execute(query)]  # Core: no ORM rows


def board(session: Session, viewer: Viewer, gaps: Gaps = DEFAULT_GAPS, sort: str = "light",
          unit: str | None = None, year: int | None = None, limit: int = 500,
          offset: int = 0) -> dict[str, Any]:
    found = records(session, viewer, year)
    out = build_board(found, gaps, sort, unit, limit, offset)
    out["units"] = units(found)
    return out


def units(found: Sequence[Record]) -> list[dict[str, str | None]]:
    """The units on the board (for its filter), by code."""
    seen: dict[str, str | None] = {}
    for r in found:
        if r.unit_code and r.unit_code not in seen:
            seen[r.unit_code] = r.unit_name
    return [{"code": code, "name": seen[code]} for code in sorted(seen)]
