"""Reviewers' comments (批注) on a submitted project or on one of its indicators.

A reviewer who may approve or return the project writes them while it is submitted; they stay
with the reviewers until the project is returned, when the return takes them along
(``ReviewCommentRow.return_action_id``) and the unit sees each beside its indicator. Every comment
is audit-logged and listed in the project's history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.i18n import _
from jixiao.store import audit, text_rules
from jixiao.store.access import Scoped, Viewer, can_review, can_see
from jixiao.store.schema import IndicatorRow, ProjectRow, ReviewCommentRow
from jixiao.store.workflow import WorkflowError, review_history

#: a comment is a remark, not a document
MAX_COMMENT = 2_000


@dataclass(slots=True)
class Comments:
    """The comments a viewer may read on one project: on the whole project and per indicator id."""

    project: list[ReviewCommentRow] = field(default_factory=list)
    by_indicator: dict[int, list[ReviewCommentRow]] = field(default_factory=lambda: defaultdict(list))

    def __len__(self) -> int:
        return len(self.project) + sum(len(v) for v in self.by_indicator.values())

    def on(self, indicator_id: int) -> list[ReviewCommentRow]:
        return self.by_indicator.get(indicator_id, [])

    def to_list(self) -> list[dict[str, Any]]:
        rows = self.project + [c for v in self.by_indicator.values() for c in v]
        return [comment_dict(c) for c in sorted(rows, key=lambda c: c.id)]


def add_comment(session: Session, viewer: Viewer | None, project: ProjectRow, text: str,
                indicator_id: int | None = None) -> ReviewCommentRow:
    """Attach a comment; only a reviewer who may review the (submitted) project can."""
    if viewer is None:
        raise WorkflowError(_("请先登录"), 401)
    if not can_see(viewer, project):
        raise WorkflowError(_("项目不存在"), 404)
    if not can_review(viewer, project):
        raise WorkflowError(_("只有本地区的审核人员可以在项目提交后添加批注"), 403)
    problem = text_rules.refusal(text, MAX_COMMENT)
    if problem:
        raise WorkflowError(_("批注{problem}", problem=problem), 422)
    text = text_rules.clean(text, MAX_COMMENT).strip()
    if not text:
        raise WorkflowError(_("批注不能为空"), 422)
    name = None
    if indicator_id is not None:
        indicator = session.get(IndicatorRow, indicator_id)
        if indicator is None or indicator.project_id != project.id:
            raise WorkflowError(_("指标 {id} 不属于该项目", id=indicator_id), 404)
        name = indicator.name
    row = ReviewCommentRow(project_id=project.id, indicator_id=indicator_id, indicator_name=name,
                           username=viewer.username, text=text)
    session.add(row)
    session.flush()
    audit.record(session, viewer.username, "comment", "project", project.id, None,
                 {"comment_id": row.id, "indicator_id": indicator_id, "indicator": name, "text": text})
    return row


def readable(viewer: Viewer | None, project: Scoped) -> str:
    """Which comments ``viewer`` may read: ``all`` (reviewers of the region, admins), ``sent``
    (the project's unit: those a return sent), or ``none`` (everyone else, visitors included)."""
    if viewer is None or not can_see(viewer, project):
        return "none"
    if viewer.role == "admin" or (viewer.role == "reviewer" and viewer.region == project.region):
        return "all"
    if viewer.role == "unit" and viewer.unit_code == project.unit_code:
        return "sent"
    return "none"


def project_comments(session: Session, viewer: Viewer | None, project: Scoped,
                     project_id: int) -> Comments:
    out = Comments()
    scope = readable(viewer, project)
    if scope == "none":
        return out
    query = select(ReviewCommentRow).where(ReviewCommentRow.project_id == project_id)
    if scope == "sent":
        query = query.where(ReviewCommentRow.return_action_id.is_not(None))
    for row in session.scalars(query.order_by(ReviewCommentRow.id)):
        if row.indicator_id is None:
            out.project.append(row)
        else:
            out.by_indicator[row.indicator_id].append(row)
    return out


def comment_dict(row: ReviewCommentRow) -> dict[str, Any]:
    return {"id": row.id, "project_id": row.project_id, "indicator_id": row.indicator_id,
            "indicator": row.indicator_name, "user": row.username, "text": row.text,
            "at": row.at.isoformat(), "sent": row.return_action_id is not None}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of a project's review history: a transition or a comment."""

    at: datetime
    username: str
    kind: str  # "action" or "comment"
    from_status: str | None = None
    to_status: str | None = None
    text: str | None = None
    confirmed_errors: list[str] | None = None
    indicator: str | None = None


def timeline(session: Session, viewer: Viewer | None, project: Scoped, project_id: int) -> list[HistoryEntry]:
    """The project's transitions (with the reasons of confirmed ones) and the comments the viewer
    may read, oldest first."""
    out = [HistoryEntry(a.at, a.username, "action", a.from_status, a.to_status, a.comment,
                        list(a.confirmed_errors) if a.confirmed_errors else None)
           for a in review_history(session, project_id)]
    comments = project_comments(session, viewer, project, project_id)
    rows = comments.project + [c for v in comments.by_indicator.values() for c in v]
    out += [HistoryEntry(c.at, c.username, "comment", text=c.text, indicator=c.indicator_name) for c in rows]
    out.sort(key=lambda e: e.at)
    return out
