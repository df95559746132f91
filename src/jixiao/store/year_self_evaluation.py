"""The self-evaluation and the year lock: the unit saves and submits, the region's reviewer confirms
(the year is locked) or returns it, an admin unlocks with a reason (in the audit log). The checks of
who may act and the lock claim are :mod:`jixiao.store.year_store`'s."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jixiao.i18n import _
from jixiao.model.year import SelfEvaluation
from jixiao.store import audit
from jixiao.store.access import Viewer
from jixiao.store.schema import ProjectRow, utcnow
from jixiao.store.year_codec import self_evaluation_json
from jixiao.store.year_schema import PerformanceYearRow, SelfEvaluationRow
from jixiao.store.year_store import YearError, check_version, claim_open, who


def _s(value: object) -> str | None:
    return None if value is None else str(value)




def self_evaluation_row(session: Session, project_id: int) -> SelfEvaluationRow | None:
    return session.scalar(select(SelfEvaluationRow).where(SelfEvaluationRow.project_id == project_id))


def save_self_evaluation(session: Session, viewer: Viewer | None, project: ProjectRow, se: SelfEvaluation,
                         scores: dict[int, str | None], total: Any, grade: str | None, profile: str,
                         version: int | None = None) -> SelfEvaluationRow:
    """Store the unit's self-evaluation with the engine's recomputed ``scores`` (by indicator id),
    ``total`` and ``grade``; only while it is a draft and the year is open."""
    user = who(viewer, project, "unit")
    claim_open(session, project)
    row = self_evaluation_row(session, project.id)
    before = None if row is None else self_evaluation_snapshot(row)
    if row is None:
        row = SelfEvaluationRow(project_id=project.id, status="draft", version=0)
        session.add(row)
    else:
        if row.status != "draft":
            raise YearError(_("自评已提交，不能再修改（可由审核人员退回）"), 409)
        check_version(row.version, version, _("自评"))
        row.version += 1
    row.budget_initial, row.budget_full, row.executed = se.budget_initial, se.budget_full, se.executed
    row.conclusion, row.entries = se.conclusion, self_evaluation_json(se, scores)
    row.total, row.grade, row.profile = total, grade or None, profile
    row.updated_by, row.updated_at = user.username, utcnow()
    session.flush()
    audit.record(session, user.username, "save" if before else "add", "self_evaluation", row.id, before,
                 self_evaluation_snapshot(row))
    return row


#: action -> (role, from status, to status)
SELF_EVALUATION_ACTIONS = {"submit": ("unit", "draft", "submitted"),
                           "confirm": ("reviewer", "submitted", "confirmed"),
                           "return": ("reviewer", "submitted", "draft")}


def self_evaluation_action(session: Session, viewer: Viewer | None, project: ProjectRow, action: str,
                           comment: str | None = None) -> SelfEvaluationRow:
    """submit (unit), confirm (reviewer: locks the year) or return (reviewer, with a comment)."""
    if action not in SELF_EVALUATION_ACTIONS:
        raise YearError(_("未知的自评操作 {action}", action=repr(action)), 400)
    role, source, target = SELF_EVALUATION_ACTIONS[action]
    user = who(viewer, project, role)
    claim_open(session, project)
    row = self_evaluation_row(session, project.id)
    if row is None:
        raise YearError(_("尚未填写自评"), 409)
    if action == "return" and not comment:
        raise YearError(_("退回自评须填写修改意见"), 422)
    if action == "submit" and row.total is None:
        raise YearError(_("自评尚无得分，请先填写并保存"), 422)
    before = self_evaluation_snapshot(row)
    claimed = session.execute(
        update(SelfEvaluationRow).where(SelfEvaluationRow.id == row.id, SelfEvaluationRow.status == source)
        .values(status=target, review_comment=comment if action == "return" else None)
        .execution_options(synchronize_session=False))
    if getattr(claimed, "rowcount", 0) != 1:
        raise YearError(_("自评当前状态不能进行此操作，请刷新页面"), 409)
    if action == "confirm":
        session.execute(update(SelfEvaluationRow).where(SelfEvaluationRow.id == row.id)
                        .values(confirmed_by=user.username, confirmed_at=utcnow())
                        .execution_options(synchronize_session=False))
        session.execute(update(PerformanceYearRow).where(PerformanceYearRow.project_id == project.id)
                        .values(locked=True, locked_by=user.username, locked_at=utcnow())
                        .execution_options(synchronize_session=False))
    session.flush()
    session.expire_all()
    row = self_evaluation_row(session, project.id)
    assert row is not None
    audit.record(session, user.username, action, "self_evaluation", row.id, before,
                 self_evaluation_snapshot(row))
    if action == "confirm":
        audit.record(session, user.username, "lock", "performance_year", project.id, {"locked": False},
                     {"locked": True})
    return row


def unlock(session: Session, viewer: Viewer | None, project: ProjectRow, reason: str) -> None:
    """Admin only, with a reason (in the audit log); the self-evaluation goes back to draft."""
    user = who(viewer, project, "admin")
    if not reason:
        raise YearError(_("解锁须填写理由"), 422)
    claimed = session.execute(
        update(PerformanceYearRow).where(PerformanceYearRow.project_id == project.id,
                                         PerformanceYearRow.locked.is_(True))
        .values(locked=False, locked_by=None, locked_at=None).execution_options(synchronize_session=False))
    if getattr(claimed, "rowcount", 0) != 1:
        raise YearError(_("该项目年度未锁定"), 409)
    session.execute(update(SelfEvaluationRow).where(SelfEvaluationRow.project_id == project.id)
                    .values(status="draft", confirmed_by=None, confirmed_at=None)
                    .execution_options(synchronize_session=False))
    session.expire_all()
    audit.record(session, user.username, "unlock", "performance_year", project.id, {"locked": True},
                 {"locked": False, "reason": reason})


def self_evaluation_snapshot(row: SelfEvaluationRow) -> dict[str, Any]:
    return {"status": row.status, "total": _s(row.total), "grade": row.grade, "executed": _s(row.executed),
            "budget_full": _s(row.budget_full), "conclusion": row.conclusion, "profile": row.profile,
            "entries": row.entries}
