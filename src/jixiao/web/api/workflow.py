"""Workflow actions: submit (unit), approve and return-with-comments (reviewer of the region), the
reviewers' per-indicator comments (批注) and the review queue."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from jixiao.i18n import _
from jixiao.store.access import Viewer
from jixiao.store.review_comments import add_comment, comment_dict, project_comments
from jixiao.store.review_queue import SORTS, review_queue
from jixiao.store.workflow import open_errors, transition
from jixiao.web.deps import DB, ViewerDep, require_user, visible_project
from jixiao.web.errors import ApiError
from jixiao.web.hardening import Id, Text
from jixiao.web.security import check_csrf
from jixiao.web.serialize import project_summary

router = APIRouter(tags=["workflow"])


class Comment(BaseModel):
    #: the return comment, or the reason for submitting/approving over open errors
    comment: Text | None = None
    #: ``true`` confirms a submit or approval although the project has open 错误 findings
    confirm: bool = False


class NewComment(BaseModel):
    text: Text
    #: None: a comment on the project as a whole
    indicator_id: int | None = None


@router.get("/projects/{project_id}/open-errors")
def project_open_errors(project_id: Id, db: DB,
                        viewer: Annotated[Viewer, Depends(require_user)]) -> dict[str, Any]:
    """The project's open 错误 findings: what a submit or approval must be confirmed over."""
    project = visible_project(db, viewer, project_id)
    items = [{"rule": f.rule, "indicator": f.indicator, "message": f.message}
             for f in open_errors(db, project.id)]
    return {"ok": True, "items": items, "total": len(items)}


@router.get("/projects/{project_id}/comments")
def comments(project_id: Id, db: DB, viewer: ViewerDep) -> dict[str, Any]:
    """The review comments the caller may read: reviewers of the region and admins all of them, the
    project's unit those sent with a return, everyone else none."""
    project = visible_project(db, viewer, project_id)
    return {"ok": True, "items": project_comments(db, viewer, project, project.id).to_list()}


@router.post("/projects/{project_id}/comments", status_code=201, dependencies=[Depends(check_csrf)])
def new_comment(project_id: Id, body: NewComment, db: DB, viewer: ViewerDep) -> dict[str, Any]:
    """A reviewer's comment on a submitted project or one of its indicators (sent with the return)."""
    project = visible_project(db, viewer, project_id)
    row = add_comment(db, viewer, project, body.text, body.indicator_id)
    db.commit()
    return {"ok": True, "comment": comment_dict(row)}


@router.get("/queue")
def queue(db: DB, viewer: Annotated[Viewer, Depends(require_user)], sort: str = "submitted",
          order: Literal["asc", "desc"] = "asc") -> dict[str, Any]:
    """Submitted projects the caller reviews, with open error and warning counts, sorted by a column."""
    if sort not in SORTS:
        raise ApiError(422, _("排序列须为 {allowed} 之一", allowed=", ".join(SORTS)),
                       [{"field": "query.sort", "message": _("未知的排序列 {sort}", sort=repr(sort))}])
    items = review_queue(db, viewer, sort, order == "desc")
    return {"ok": True, "items": [i.to_dict() for i in items], "total": len(items), "sort": sort,
            "order": order}


# last: "/projects/{id}/comments" must match its own route before this one
@router.post("/projects/{project_id}/{action}", dependencies=[Depends(check_csrf)])
def act(request: Request, project_id: Id, action: Literal["submit", "approve", "return"], db: DB,
        viewer: ViewerDep, body: Comment | None = None) -> dict[str, Any]:
    """Move a project through draft → submitted → approved, or submitted → returned (comment required).

    With open 错误 findings, submit and approve answer 409 (the errors in ``errors``) unless the body
    has ``"confirm": true`` and the reason in ``comment``."""
    if viewer is None:
        raise ApiError(401, _("请先登录"))
    project = visible_project(db, viewer, project_id)
    done = transition(db, viewer, project, action, body.comment if body else None,
                      confirm=bool(body and body.confirm))
    db.commit()
    request.app.state.public_cache.clear()
    return {"ok": True, "project": project_summary(project), "from": done.from_status, "to": done.to_status}
