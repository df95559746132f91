"""The review workflow: draft → submitted → approved, or submitted → returned (with comments) → submitted.

Every transition is checked against the acting user's role, recorded as a review action and in the
audit log. Only approved projects are published.

A transition is a compare-and-set in the database (``UPDATE projects … WHERE id = :id AND status =
:expected``): when two requests race (a reviewer approves while another returns, a unit submits
twice), exactly one UPDATE matches a row and the other gets a 409 ``WorkflowError``, so the history
never records a transition twice.

Submitting or approving a project that still has open 错误 findings is guarded: it is refused (409,
the errors listed in ``WorkflowError.details``) unless the caller confirms (``confirm=True``) and
gives a reason, which the history keeps with the rule codes it was confirmed over.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from jixiao.i18n import N_, _, join
from jixiao.store import audit, text_rules
from jixiao.store.access import Scoped, Viewer, can_review, can_see, can_submit
from jixiao.store.schema import FindingRow, ProjectRow, ReviewActionRow, ReviewCommentRow

#: action -> (statuses it starts from, status it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": (("draft", "returned"), "submitted"),
    "approve": (("submitted",), "approved"),
    "return": (("submitted",), "returned"),
}
#: actions that need a confirmation and a reason while the project has open 错误 findings
GUARDED = ("submit", "approve")


ACTION_LABELS = {"submit": N_("提交"), "approve": N_("批准"), "return": N_("退回")}
STATUS_LABELS = {"draft": N_("草稿"), "submitted": N_("已提交"), "approved": N_("已批准"),
                             "returned": N_("已退回")}


class WorkflowError(Exception):
    """A transition that is not allowed; ``status`` is the HTTP status it maps to, ``details`` the
    open errors an unconfirmed submit or approval was refused for."""

    def __init__(self, message: str, status: int, details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.details = details or []


@dataclass(frozen=True, slots=True)
class Transition:
    project_id: int
    action: str
    from_status: str
    to_status: str


def allowed_actions(viewer: Viewer | None, project: Scoped) -> list[str]:
    actions = []
    if can_submit(viewer, project):
        actions.append("submit")
    if can_review(viewer, project):
        actions += ["approve", "return"]
    return actions


def open_errors(session: Session, project_id: int) -> list[FindingRow]:
    """The project's findings of severity 错误 (those a submit or approval must be confirmed over)."""
    return list(session.scalars(select(FindingRow).where(FindingRow.project_id == project_id,
                                                         FindingRow.severity == "error")
                                .order_by(FindingRow.id)))


def error_details(rows: list[FindingRow]) -> list[dict[str, Any]]:
    return [{"field": "confirm", "rule": f.rule, "indicator": f.indicator, "message": f.message}
            for f in rows]


def _guard(session: Session, project: ProjectRow, action: str, confirm: bool,
           reason: str | None) -> list[str] | None:
    """The rule codes of the open errors a guarded action is confirmed over (None: there are none);
    WorkflowError when it is not confirmed or the reason is missing."""
    if action not in GUARDED:
        return None
    errors = open_errors(session, project.id)
    if not errors:
        return None
    codes = sorted({f.rule for f in errors})
    if not confirm:
        raise WorkflowError(_("项目有 {n} 个未解决的错误（{codes}），须确认并填写理由后才能{action}",
                              n=len(errors), codes=join(codes), action=_(ACTION_LABELS[action])),
                            409, error_details(errors))
    if reason is None:
        raise WorkflowError(_("确认带错误{action}须填写理由", action=_(ACTION_LABELS[action])), 422,
                            error_details(errors))
    return codes


def transition(session: Session, viewer: Viewer | None, project: ProjectRow, action: str,
               comment: str | None = None, *, confirm: bool = False) -> Transition:
    if action not in TRANSITIONS:
        raise WorkflowError(_("未知的流程操作 {action}", action=repr(action)), 400)
    if viewer is None:
        raise WorkflowError(_("请先登录"), 401)
    if not can_see(viewer, project):
        raise WorkflowError(_("项目不存在"), 404)
    sources, target = TRANSITIONS[action]
    if project.status not in sources:
        raise WorkflowError(_("项目当前为{status}，不能{action}", status=_label(project.status),
                              action=_(ACTION_LABELS[action])), 409)
    if action not in allowed_actions(viewer, project):
        raise WorkflowError(_("用户 {user}（{role}）无权{action}此项目", user=viewer.username,
                              role=viewer.role,
                              action=_(ACTION_LABELS[action])), 403)
    problem = text_rules.refusal(comment or "")
    if problem:
        raise WorkflowError(_("修改意见{problem}", problem=problem), 422)
    comment = text_rules.clean(comment or "").strip() or None
    if action == "return" and comment is None:
        raise WorkflowError(_("退回项目须填写修改意见"), 422)
    confirmed = _guard(session, project, action, confirm, comment)
    before = audit.project_snapshot(project)
    previous = project.status
    review_comment = comment if action == "return" else (None if action == "submit" else comment)
    claimed = session.execute(
        update(ProjectRow).where(ProjectRow.id == project.id, ProjectRow.status == previous)
        .values(status=target, review_comment=review_comment)
        .execution_options(synchronize_session=False))
    if getattr(claimed, "rowcount", 0) != 1:
        raise WorkflowError(_("项目状态已被他人更改，未能{action}：请刷新页面后重试",
                              action=_(ACTION_LABELS[action])), 409)
    set_committed_value(project, "status", target)
    set_committed_value(project, "review_comment", review_comment)
    done = ReviewActionRow(project_id=project.id, username=viewer.username, action=action,
                           from_status=previous, to_status=target, comment=comment,
                           confirmed_errors=confirmed)
    session.add(done)
    session.flush()
    after = audit.project_snapshot(project)
    if confirmed is not None:
        after.update(confirmed_errors=confirmed, reason=comment)
    if action == "return":  # the reviewers' pending 批注 go to the unit with this return
        sent = session.execute(update(ReviewCommentRow)
                               .where(ReviewCommentRow.project_id == project.id,
                                      ReviewCommentRow.return_action_id.is_(None))
                               .values(return_action_id=done.id)
                               .execution_options(synchronize_session="fetch"))
        after["comments_sent"] = getattr(sent, "rowcount", 0)
    audit.record(session, viewer.username, action, "project", project.id, before, after)
    return Transition(project.id, action, previous, target)


def _label(status: str) -> str:
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status


def review_history(session: Session, project_id: int) -> list[ReviewActionRow]:
    return list(session.scalars(select(ReviewActionRow).where(ReviewActionRow.project_id == project_id)
                                .order_by(ReviewActionRow.id)))
