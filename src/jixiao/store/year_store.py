"""Storing the performance year: monitoring rounds, target adjustments (and target versions); the
self-evaluation and the lock are in :mod:`jixiao.store.year_self_evaluation`. Every change is
access-checked and recorded in the audit log.

Who does what: the project's own ``unit`` enters monitoring rounds and the self-evaluation and asks
for target adjustments; the region's ``reviewer`` approves or refuses adjustments and confirms or
returns a submitted self-evaluation; an ``admin`` unlocks a locked year (with a reason). All of it
only once the project's targets are approved.

**The lock.** Confirming a self-evaluation locks the project's year (``performance_years.locked``).
Every change first claims the year row with ``UPDATE … WHERE project_id = :id AND locked = false``:
the UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite), so a change racing a confirm
either commits before it or is refused, never lands in a locked year.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jixiao.i18n import _
from jixiao.model.document import Indicator
from jixiao.model.jsonify import value_to_json
from jixiao.model.year import MonitoringRound
from jixiao.store import audit
from jixiao.store.access import Viewer, can_see
from jixiao.store.editing import EditError
from jixiao.store.schema import IndicatorRow, ProjectRow, utcnow
from jixiao.store.year_codec import round_json
from jixiao.store.year_schema import (
    MonitoringRoundRow,
    PerformanceYearRow,
    TargetAdjustmentRow,
    TargetVersionRow,
)


class YearError(EditError):
    """A refused change of the performance year; ``status`` is the HTTP status it maps to."""


def who(viewer: Viewer | None, project: ProjectRow, role: str) -> Viewer:
    if viewer is None:
        raise YearError(_("请先登录"), 401)
    if not can_see(viewer, project):
        raise YearError(_("项目 {id} 不存在", id=project.id), 404)
    allowed = {
        "unit": viewer.role == "unit" and viewer.unit_code is not None
        and viewer.unit_code == project.unit_code,
        "reviewer": viewer.role == "reviewer" and viewer.region is not None
        and viewer.region == project.region,
        "admin": viewer.role == "admin",
    }[role]
    if not allowed:
        what = {"unit": _("本单位用户"), "reviewer": _("本地区审核人员"), "admin": _("管理员")}[role]
        raise YearError(_("只有{who}可以进行此操作", who=what), 403)
    if project.status != "approved":
        raise YearError(_("项目绩效目标尚未批准，不能开始执行监控与自评"), 409)
    return viewer


def year_row(session: Session, project: ProjectRow) -> PerformanceYearRow:
    """The project's year row, created (unlocked) on first use; safe when two requests race."""
    row = session.scalar(select(PerformanceYearRow).where(PerformanceYearRow.project_id == project.id))
    if row is not None:
        return row
    try:
        with session.begin_nested():
            row = PerformanceYearRow(project_id=project.id, locked=False)
            session.add(row)
    except IntegrityError:
        row = session.scalars(select(PerformanceYearRow)
                              .where(PerformanceYearRow.project_id == project.id)).one()
    return row


def is_locked(session: Session, project_id: int) -> bool:
    return bool(session.scalar(select(PerformanceYearRow.locked)
                               .where(PerformanceYearRow.project_id == project_id)))


def claim_open(session: Session, project: ProjectRow) -> None:
    """Refuse (422) when the year is locked; otherwise hold the year row until commit."""
    year_row(session, project)
    claimed = session.execute(
        update(PerformanceYearRow).where(PerformanceYearRow.project_id == project.id,
                                         PerformanceYearRow.locked.is_(False))
        .values(locked=False).execution_options(synchronize_session=False))
    if getattr(claimed, "rowcount", 0) != 1:
        raise YearError(_("{year} 年度已锁定（自评已确认），不能再修改；须由管理员解锁",
                          year=project.year or ""), 422)


def ensure_baseline(session: Session, project: ProjectRow, username: str) -> None:
    """Record each indicator's approved target as its version 1 (once)."""
    have = set(session.scalars(select(TargetVersionRow.indicator_id).where(
        TargetVersionRow.indicator_id.in_([i.id for i in project.indicators]))))
    for ind in project.indicators:
        if ind.id not in have:
            session.add(TargetVersionRow(indicator_id=ind.id, number=1, operator=ind.operator,
                                         value=ind.value, value_kind=ind.value_kind, unit=ind.unit,
                                         raw=ind.raw, created_by=username))
    session.flush()


def check_version(current: int, sent: int | None, what: str) -> None:
    if sent is not None and sent != current:
        raise YearError(_("{what}已被他人修改：你编辑的是版本 {sent}，当前为版本 {current}，请刷新后重新编辑",
                          what=what, sent=sent, current=current), 409)


# --- monitoring rounds ----------------------------------------------------------------------------


def save_round(session: Session, viewer: Viewer | None, project: ProjectRow, rnd: MonitoringRound,
               target_risk: str, version: int | None = None) -> MonitoringRoundRow:
    """Store the round for its as-of date (a new round, or the one of that date replaced)."""
    user = who(viewer, project, "unit")
    claim_open(session, project)
    ensure_baseline(session, project, user.username)
    row = session.scalar(select(MonitoringRoundRow).where(MonitoringRoundRow.project_id == project.id,
                                                          MonitoringRoundRow.as_of == rnd.as_of))
    before = None if row is None else round_snapshot(row)
    if row is None:
        row = MonitoringRoundRow(project_id=project.id, as_of=rnd.as_of, version=0)
        session.add(row)
    else:
        check_version(row.version, version, _("监控记录"))
        row.version += 1
    row.budget_initial, row.budget_full, row.executed = rnd.budget_initial, rnd.budget_full, rnd.executed
    row.entries, row.target_risk = round_json(rnd), target_risk
    row.updated_by, row.updated_at = user.username, utcnow()
    session.flush()
    audit.record(session, user.username, "save" if before else "add", "monitoring", row.id, before,
                 round_snapshot(row))
    return row


def rounds(session: Session, project_id: int) -> list[MonitoringRoundRow]:
    return list(session.scalars(select(MonitoringRoundRow).where(MonitoringRoundRow.project_id == project_id)
                                .order_by(MonitoringRoundRow.as_of)))


def round_snapshot(row: MonitoringRoundRow) -> dict[str, Any]:
    return {"as_of": row.as_of.isoformat(), "budget_initial": _s(row.budget_initial),
            "budget_full": _s(row.budget_full), "executed": _s(row.executed), "entries": row.entries,
            "target_risk": row.target_risk}


def _s(value: object) -> str | None:
    return None if value is None else str(value)


# --- target adjustments ---------------------------------------------------------------------------


def request_adjustment(session: Session, viewer: Viewer | None, project: ProjectRow, indicator: IndicatorRow,
                       new: Indicator, value: str, reason: str) -> TargetAdjustmentRow:
    user = who(viewer, project, "unit")
    claim_open(session, project)
    ensure_baseline(session, project, user.username)
    pending = session.scalar(select(TargetAdjustmentRow.id).where(
        TargetAdjustmentRow.indicator_id == indicator.id, TargetAdjustmentRow.status == "pending"))
    if pending is not None:
        raise YearError(_("指标“{name}”已有待审批的调整申请", name=indicator.name), 409)
    row = TargetAdjustmentRow(project_id=project.id, indicator_id=indicator.id, indicator_name=indicator.name,
                              old_target=indicator.raw, new_operator=new.operator, new_value=value,
                              new_unit=new.unit, new_target=new.raw, reason=reason, status="pending",
                              requested_by=user.username)
    session.add(row)
    session.flush()
    audit.record(session, user.username, "request", "adjustment", row.id, None, adjustment_snapshot(row))
    return row


def decide_adjustment(session: Session, viewer: Viewer | None, project: ProjectRow, row: TargetAdjustmentRow,
                      approve: bool, new: Indicator | None, comment: str | None) -> None:
    """Approve (the target becomes a new version of the indicator) or refuse a pending request."""
    user = who(viewer, project, "reviewer")
    claim_open(session, project)
    if not approve and not comment:
        raise YearError(_("驳回调整申请须填写理由"), 422)
    target = "approved" if approve else "refused"
    claimed = session.execute(
        update(TargetAdjustmentRow)
        .where(TargetAdjustmentRow.id == row.id, TargetAdjustmentRow.status == "pending")
        .values(status=target, decided_by=user.username, decided_at=utcnow(), decision_comment=comment)
        .execution_options(synchronize_session=False))
    if getattr(claimed, "rowcount", 0) != 1:
        raise YearError(_("该调整申请已处理，不能再审批"), 409)
    session.refresh(row)
    indicator = session.get(IndicatorRow, row.indicator_id) if row.indicator_id is not None else None
    if approve and indicator is not None and new is not None:
        before = audit.indicator_snapshot(indicator)
        ensure_baseline(session, project, user.username)
        last = session.scalar(select(func.max(TargetVersionRow.number))
                              .where(TargetVersionRow.indicator_id == indicator.id)) or 0
        indicator.operator, indicator.value = new.operator, value_to_json(new.value)
        indicator.value_kind, indicator.unit, indicator.raw = new.value_kind.value, new.unit, new.raw
        indicator.version += 1
        session.add(TargetVersionRow(indicator_id=indicator.id, number=last + 1, operator=new.operator,
                                     value=indicator.value, value_kind=indicator.value_kind, unit=new.unit,
                                     raw=new.raw, adjustment_id=row.id, created_by=user.username))
        session.flush()
        audit.record(session, user.username, "adjust", "indicator", indicator.id, before,
                     audit.indicator_snapshot(indicator))
    audit.record(session, user.username, "approve" if approve else "refuse", "adjustment", row.id, None,
                 adjustment_snapshot(row))


def adjustments(session: Session, project_id: int) -> list[TargetAdjustmentRow]:
    return list(session.scalars(select(TargetAdjustmentRow)
                                .where(TargetAdjustmentRow.project_id == project_id)
                                .order_by(TargetAdjustmentRow.id)))


def target_versions(session: Session, indicator_ids: list[int]) -> dict[int, list[TargetVersionRow]]:
    out: dict[int, list[TargetVersionRow]] = {i: [] for i in indicator_ids}
    for row in session.scalars(select(TargetVersionRow)
                               .where(TargetVersionRow.indicator_id.in_(indicator_ids))
                               .order_by(TargetVersionRow.indicator_id, TargetVersionRow.number)):
        out[row.indicator_id].append(row)
    return out


def adjustment_snapshot(row: TargetAdjustmentRow) -> dict[str, Any]:
    return {"indicator": row.indicator_name, "old": row.old_target, "new": row.new_target,
            "reason": row.reason, "status": row.status, "requested_by": row.requested_by,
            "decided_by": row.decided_by, "comment": row.decision_comment}
