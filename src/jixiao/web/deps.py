"""Request dependencies: a database session per request and the logged-in viewer (or None)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from jixiao.i18n import _
from jixiao.store.access import Viewer, can_edit, can_see
from jixiao.store.repository import get_project_row
from jixiao.store.schema import ProjectRow
from jixiao.store.users import viewer_of
from jixiao.web.errors import ApiError
from jixiao.web.sessions import session_user


# The dependencies are ``async`` so FastAPI runs them on the event loop instead of handing each to
# the thread pool (a request then costs one thread hop, for the route, not three). They do no I/O
# for visitors; for a logged-in user ``get_viewer`` reads one row by its unique key.
async def get_db(request: Request) -> AsyncIterator[Session]:
    with request.app.state.sessions() as session:
        yield session


DB = Annotated[Session, Depends(get_db)]


async def get_viewer(request: Request, db: DB) -> Viewer | None:
    """The logged-in user, or None (also when the session was ended: see ``web.sessions``)."""
    row = session_user(request, db)
    return None if row is None else viewer_of(row)


ViewerDep = Annotated[Viewer | None, Depends(get_viewer)]


def require_user(viewer: ViewerDep) -> Viewer:
    if viewer is None:
        raise ApiError(401, _("请先登录"))
    return viewer


def require_admin(viewer: ViewerDep) -> Viewer:
    user = require_user(viewer)
    if user.role != "admin":
        raise ApiError(403, _("只有管理员可以管理用户"))
    return user


def editable_project(request: Request, db: Session, viewer: Viewer | None, project_id: int) -> ProjectRow:
    """For the editor's validate calls: a logged-in user who may edit the project, within the
    per-user rate limit (each call reviews the project)."""
    user = require_user(viewer)
    row = visible_project(db, user, project_id)
    if not can_edit(user, row):
        raise ApiError(403, _("你不能编辑这个项目"))
    wait = request.app.state.validate_limit.hit(user.username)
    if wait:
        raise ApiError(429, _("检查过于频繁，请 {wait} 秒后再试", wait=wait),
                       headers={"Retry-After": str(wait)})
    return row


def visible_project(db: Session, viewer: Viewer | None, project_id: int) -> ProjectRow:
    """The project if this viewer may see it; 404 otherwise (drafts do not reveal they exist)."""
    row = get_project_row(db, project_id)
    if row is None or not can_see(viewer, row):
        raise ApiError(404, _("项目 {id} 不存在", id=project_id))
    return row
