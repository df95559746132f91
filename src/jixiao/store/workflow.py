"""The review workflow: draft → submitted → approved, or submitted → returned (with comments) → submitted.

Every transition is checked against the acting user's role, recorded as a review action and in the
audit log. Only approved projects are published.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.store import audit
from jixiao.store.access import Scoped, Viewer, can_review, can_see, can_submit
from jixiao.store.schema import ProjectRow, ReviewActionRow

#: action -> (statuses it starts from, status it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": (("draft", "returned"), "submitted"),
    "approve": (("submitted",), "approved"),
    "return": (("submitted",), "returned"),
}


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
        raise WorkflowError(f"unknown workflow action {action!r}", 400)
    if viewer is None:
        raise WorkflowError("login required", 401)
    if not can_see(viewer, project):
        raise WorkflowError("project not found", 404)
    sources, target = TRANSITIONS[action]
    if project.status not in sources:
        raise WorkflowError(f"cannot {action} a project that is {project.status}", 409)
    if action not in allowed_actions(viewer, project):
        raise WorkflowError(f"{viewer.role} user {viewer.username} may not {action} this project", 403)
    comment = (comment or "").strip() or None
    if action == "return" and comment is None:
        raise WorkflowError("returning a project needs a comment saying what to fix", 422)
    before = audit.project_snapshot(project)
    previous = project.status
    project.status = target
    project.review_comment = comment if action == "return" else (None if action == "submit" else comment)
    session.add(ReviewActionRow(project_id=project.id, username=viewer.username, action=action,
                                from_status=previous, to_status=target, comment=comment))
    audit.record(session, viewer.username, action, "project", project.id, before,
                 audit.project_snapshot(project))
    return Transition(project.id, action, previous, target)


def review_history(session: Session, project_id: int) -> list[ReviewActionRow]:
    return list(session.scalars(select(ReviewActionRow).where(ReviewActionRow.project_id == project_id)
                                .order_by(ReviewActionRow.id)))
