"""Review pages: the workflow form (with the confirmation over open errors), reviewers' comments
(批注) and the reviewer's queue. They call the same store functions as the JSON API."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from jixiao.i18n import N_, _
from jixiao.store.review_comments import add_comment
from jixiao.store.review_queue import SORTS, review_queue
from jixiao.store.workflow import WorkflowError, transition
from jixiao.web.deps import DB, ViewerDep, require_user, visible_project
from jixiao.web.hardening import Id
from jixiao.web.pages.render import page, redirect
from jixiao.web.security import check_csrf

router = APIRouter()
_DONE = {"submit": N_("已提交审核"), "approve": N_("已批准并公开"), "return": N_("已退回修改")}


@router.post("/projects/{project_id}/workflow", dependencies=[Depends(check_csrf)])
def workflow(request: Request, project_id: Id, db: DB, viewer: ViewerDep, action: str = Form(...),
             comment: str = Form(""), confirm: str = Form("")) -> RedirectResponse:
    """Submit, approve or return; over open errors only with ``confirm`` and a reason (the page's
    dialog sends both), else back to the project with the refusal."""
    project = visible_project(db, viewer, project_id)
    try:
        done = transition(db, viewer, project, action, comment, confirm=confirm == "1")
    except WorkflowError as exc:
        if exc.status in (409, 422):
            return redirect(request, f"/projects/{project_id}", _("未完成：{why}", why=exc.message))
        raise
    db.commit()
    request.app.state.public_cache.clear()
    return redirect(request, f"/projects/{project_id}", _(_DONE[done.action]))


@router.post("/projects/{project_id}/comments", dependencies=[Depends(check_csrf)])
def comment(request: Request, project_id: Id, db: DB, viewer: ViewerDep, text: str = Form(""),
            indicator_id: str = Form("")) -> RedirectResponse:
    """A reviewer's comment on the project or one indicator; shown to the unit once returned."""
    project = visible_project(db, viewer, project_id)
    digits = indicator_id.isascii() and indicator_id.isdigit() and len(indicator_id) < 10
    target = int(indicator_id) if digits else None
    anchor = f"#ind-{target}" if target else "#comments"
    try:
        add_comment(db, viewer, project, text, target)
    except WorkflowError as exc:
        if exc.status in (404, 422):
            return redirect(request, f"/projects/{project_id}{anchor}",
                            _("未添加批注：{why}", why=exc.message))
        raise
    db.commit()
    return redirect(request, f"/projects/{project_id}{anchor}", _("已添加批注"))


@router.get("/queue", response_class=HTMLResponse)
def queue(request: Request, db: DB, viewer: ViewerDep, sort: str = "submitted",
          order: str = "asc") -> HTMLResponse:
    """The reviewer's queue: submitted projects with their error and warning counts, sortable."""
    user = require_user(viewer)
    sort = sort if sort in SORTS else "submitted"
    descending = order == "desc"
    items = review_queue(db, user, sort, descending)
    return page(request, "queue.html", user, items=items, sort=sort, descending=descending)
