"""The review workflow: draft → submitted → approved, or submitted → returned (with comments) → submitted.

Every transition is checked against the acting user's role, recorded as a review action and in the
audit log. Only approved projects are published.

A transition is a compare-and-set in the database (``UPDATE projects … WHERE id = :id AND status =
:expected``): when two requests race (a reviewer approves while another returns, a unit submits
twice), exactly one UPDATE matches a row and the other gets a 409 ``WorkflowError``, so the history
never records a transition twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from jixiao.i18n import N_, _
from jixiao.store import audit, text_rules
from jixiao.store.access import Scoped, Viewer, can_review, can_see, can_submit
from jixiao.store.schema import ProjectRow, ReviewActionRow

#: action -> (statuses it starts from, status it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": (("draft", "returned"), "submitted"),
    "approve": (("submitted",), "approved"),
    "return": (("submitted",), "returned"),
}


ACTION_LABELS = {"submit": N_("提交"), "approve": N_("批准"), "return": N_("退回")}
STATUS_LABELS = {"draft": N_("草稿"), "submitted": N_("已提交"), "approved": N_("已批准"),
                             "returned": N_("已退回")}


class WorkflowError(Exception):
    """A transition that is not allowed; ``status`` is the HTTP status it maps to."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


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


def transition(session: Session, viewer: Viewer | None, project: ProjectRow, action: str,
               comment: str | None = None) -> Transition:
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
    session.add(ReviewActionRow(project_id=project.id, username=viewer.username, action=action,
                                from_status=previous, to_status=target, comment=comment))
    audit.record(session, viewer.username, action, "project", project.id, before,
                 audit.project_snapshot(project))
    return Transition(project.id, action, previous, target)


def _label(status: str) -> str:
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status


def review_history(session: Session, project_id: int) -> list[ReviewActionRow]:
    return list(session.scalars(select(ReviewActionRow).where(ReviewActionRow.project_id == project_id)
                                .order_by(ReviewActionRow.id)))
