"""Workflow actions: submit (unit), approve and return-with-comments (reviewer of the region)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from jixiao.i18n import _
from jixiao.store.workflow import transition
from jixiao.web.deps import DB, ViewerDep, visible_project
from jixiao.web.errors import ApiError
from jixiao.web.hardening import Id, Text
from jixiao.web.security import check_csrf
from jixiao.web.serialize import project_summary

router = APIRouter(tags=["workflow"], dependencies=[Depends(check_csrf)])


class Comment(BaseModel):
    comment: Text | None = None


@router.post("/projects/{project_id}/{action}")
def act(request: Request, project_id: Id, action: Literal["submit", "approve", "return"], db: DB,
        viewer: ViewerDep, body: Comment | None = None) -> dict[str, Any]:
    """Move a project through draft → submitted → approved, or submitted → returned (comment required)."""
    if viewer is None:
        raise ApiError(401, _("请先登录"))
    project = visible_project(db, viewer, project_id)
    done = transition(db, viewer, project, action, body.comment if body else None)
    db.commit()
    request.app.state.public_cache.clear()
    return {"ok": True, "project": project_summary(project), "from": done.from_status, "to": done.to_status}
