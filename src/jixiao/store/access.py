"""Who may see and change what.

* anonymous visitors see approved (published) projects only;
* ``unit`` users also see their own unit's projects and edit them while draft or returned;
* ``reviewer`` users see every project in their region and approve or return submitted ones;
* ``admin`` users see everything and manage accounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import ColumnElement, or_, true

from jixiao.store.schema import ProjectRow

EDITABLE = ("draft", "returned")


class Scoped(Protocol):
    """What access decisions look at: a stored project row or a read-only page view of one."""

    @property
    def status(self) -> str: ...
    @property
    def unit_code(self) -> str | None: ...
    @property
    def region(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Viewer:
    username: str
    role: str
    unit_code: str | None = None
    region: str | None = None


def visible_clause(viewer: Viewer | None) -> ColumnElement[bool]:
    published = ProjectRow.status == "approved"
    if viewer is None:
        return published
    if viewer.role == "admin":
        return true()
    if viewer.role == "unit":
        return or_(published, ProjectRow.unit_code == viewer.unit_code)
    if viewer.role == "reviewer":
        return or_(published, ProjectRow.region == viewer.region)
    return published


def visibility_scope(viewer: Viewer | None) -> tuple[str | None, ...]:
    """Names what :func:`visible_clause` selects for this viewer (viewers with equal scopes see alike)."""
    if viewer is None or viewer.role not in ("admin", "unit", "reviewer"):
        return ("published",)
    if viewer.role == "admin":
        return ("all",)
    return (viewer.role, viewer.unit_code if viewer.role == "unit" else viewer.region)


def can_see(viewer: Viewer | None, project: Scoped) -> bool:
    if project.status == "approved":
        return True
    if viewer is None:
        return False
    if viewer.role == "admin":
        return True
    if viewer.role == "unit":
        return viewer.unit_code is not None and project.unit_code == viewer.unit_code
    if viewer.role == "reviewer":
        return viewer.region is not None and project.region == viewer.region
    return False


def can_edit(viewer: Viewer | None, project: Scoped) -> bool:
    return (viewer is not None and viewer.role == "unit" and viewer.unit_code is not None
            and project.unit_code == viewer.unit_code and project.status in EDITABLE)


def can_submit(viewer: Viewer | None, project: Scoped) -> bool:
    return can_edit(viewer, project)


def can_review(viewer: Viewer | None, project: Scoped) -> bool:
    return (viewer is not None and viewer.role == "reviewer" and viewer.region is not None
            and project.region == viewer.region and project.status == "submitted")
