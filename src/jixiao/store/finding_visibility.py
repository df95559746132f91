"""Whether anonymous visitors see the review findings of a published project.

Findings are the finance bureau's internal review; a deployment decides what visitors see
(``Settings.anonymous_findings``, env ``JIXIAO_ANONYMOUS_FINDINGS``):

* ``unmanaged`` (default): findings only on projects never handled in the workflow (imported as
  already published, e.g. a review of the public corpus); a project that was submitted, returned or
  approved here shows visitors no findings;
* ``all``: visitors see the findings of every published project;
* ``none``: visitors see no findings at all.

Logged-in users see the findings of every project they may see.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, false, select, true
from sqlalchemy.orm import Session

from jixiao.store.access import Viewer
from jixiao.store.schema import ProjectRow, ReviewActionRow

MODES = ("unmanaged", "all", "none")
DEFAULT_MODE = "unmanaged"


def managed_clause() -> ColumnElement[bool]:
    """A project handled in the workflow: it has at least one review action."""
    return exists(select(ReviewActionRow.id).where(ReviewActionRow.project_id == ProjectRow.id))


def findings_shown_clause(viewer: Viewer | None, mode: str) -> ColumnElement[bool]:
    """Over ``ProjectRow``: the projects whose findings ``viewer`` sees (within those it may see)."""
    if viewer is not None or mode == "all":
        return true()
    if mode == "none":
        return false()
    return ~managed_clause()


def findings_shown(session: Session, viewer: Viewer | None, mode: str, project_id: int) -> bool:
    """Whether ``viewer`` sees the findings of the project ``project_id`` (which it may see)."""
    if viewer is not None or mode == "all":
        return True
    if mode == "none":
        return False
    return session.scalar(select(ReviewActionRow.id).where(ReviewActionRow.project_id == project_id)
                          .limit(1)) is None


def findings_shown_when(viewer: Viewer | None, mode: str, managed: bool) -> bool:
    """:func:`findings_shown` for a project already known to be ``managed`` or not (the project
    page reads that with the project: ``store.page_views``)."""
    if viewer is not None or mode == "all":
        return True
    return mode != "none" and not managed


def document_findings_shown(session: Session, viewer: Viewer | None, mode: str, document_id: int) -> bool:
    """Document-level findings: shown to visitors unless a project of the document is managed (or
    the mode is ``none``)."""
    if viewer is not None or mode == "all":
        return True
    if mode == "none":
        return False
    return session.scalar(select(ProjectRow.id).where(ProjectRow.document_id == document_id, managed_clause())
                          .limit(1)) is None
