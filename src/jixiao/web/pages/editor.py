"""The editor for a project's goals and indicators and the HTMX check-as-you-type (the workflow
form is in ``pages.review``).

Forms post back with the CSRF token; every save goes through the same store functions as the API
(access checked, audit recorded) and re-runs the review rules on the project.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jixiao import services
from jixiao.i18n import _
from jixiao.model.document import OPERATORS
from jixiao.store import audit
from jixiao.store.access import can_edit
from jixiao.store.editing import (
    EditError,
    VersionConflict,
    add_indicator,
    delete_indicator,
    indicator_from_fields,
    update_goal,
    update_indicator,
)
from jixiao.store.repository import project_findings
from jixiao.store.schema import GoalRow, IndicatorRow
from jixiao.web.deps import DB, ViewerDep, editable_project, visible_project
from jixiao.web.errors import ApiError
from jixiao.web.hardening import Id, OptId
from jixiao.web.pages.render import page, redirect
from jixiao.web.security import check_csrf

router = APIRouter()
FIELDS = ("level1", "level2", "name", "operator", "value", "unit")


async def _fields(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: str(form.get(k, "")) for k in FIELDS}


async def _version(request: Request) -> int | None:
    """The version the form was rendered with (a hidden field); None when missing or not a number."""
    text = str((await request.form()).get("version", "")).strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def _conflict(request: Request, project_id: int, anchor: str, exc: EditError) -> RedirectResponse:
    """A stale save: back to the editor (now showing the stored text) with both versions named."""
    return redirect(request, f"/projects/{project_id}/edit{anchor}", f"未保存：{exc.message}")


@router.get("/projects/{project_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, project_id: Id, db: DB, viewer: ViewerDep) -> HTMLResponse:
    row = visible_project(db, viewer, project_id)
    if not can_edit(viewer, row):
        raise ApiError(403, _("你不能编辑这个项目（只有本单位用户可以编辑草稿或退回的项目）"))
    changes = [e for i in row.indicators for e in audit.history(db, "indicator", i.id, 20)]
    changes += [e for g in row.goals for e in audit.history(db, "goal", g.id, 20)]
    changes.sort(key=lambda e: e.id, reverse=True)
    return page(request, "edit.html", viewer, project=row, findings=project_findings(db, row.id),
                operators=OPERATORS, changes=changes[:30], errors={}, values={})


@router.post("/projects/{project_id}/check", response_class=HTMLResponse,
             dependencies=[Depends(check_csrf)])
async def check(request: Request, project_id: Id, db: DB, viewer: ViewerDep,
                indicator_id: OptId = None) -> HTMLResponse:
    """HTMX: what the rules say about the indicator as typed so far (nothing is stored)."""
    row = editable_project(request, db, viewer, project_id)
    result = services.validate_indicator(row, indicator_id, await _fields(request))
    return page(request, "_check.html", viewer, result=result)


@router.post("/projects/{project_id}/indicators/{indicator_id}", dependencies=[Depends(check_csrf)])
async def save_indicator(request: Request, project_id: Id, indicator_id: Id, db: DB,
                         viewer: ViewerDep) -> Response:
    row = db.get(IndicatorRow, indicator_id)
    if row is None or row.project_id != project_id:
        raise ApiError(404, _("指标 {id} 不存在", id=indicator_id))
    visible_project(db, viewer, project_id)
    parsed = indicator_from_fields(**await _fields(request))
    if parsed.indicator is None:
        return redirect(request, f"/projects/{project_id}/edit#ind-{indicator_id}",
                        _("未保存：{why}", why=_("；").join(parsed.errors.values())))
    try:
        update_indicator(db, viewer, row, parsed.indicator, await _version(request))
    except VersionConflict as exc:
        db.rollback()
        return _conflict(request, project_id, f"#ind-{indicator_id}", exc)
    review = services.review_stored_project(db, row.project)
    db.commit()
    saved = _("已保存指标：{name}", name=row.name)
    return redirect(request, f"/projects/{project_id}/edit#ind-{indicator_id}",
                    saved + (f"；{review.note}" if review.note else ""))


@router.post("/projects/{project_id}/indicators/{indicator_id}/delete", dependencies=[Depends(check_csrf)])
def remove_indicator(request: Request, project_id: Id, indicator_id: Id, db: DB,
                     viewer: ViewerDep) -> RedirectResponse:
    row = db.get(IndicatorRow, indicator_id)
    if row is None or row.project_id != project_id:
        raise ApiError(404, _("指标 {id} 不存在", id=indicator_id))
    project = visible_project(db, viewer, project_id)
    name = row.name
    delete_indicator(db, viewer, row)
    services.review_stored_project(db, project)
    db.commit()
    return redirect(request, f"/projects/{project_id}/edit", _("已删除指标：{name}", name=name))


@router.post("/projects/{project_id}/indicators", dependencies=[Depends(check_csrf)])
async def new_indicator(request: Request, project_id: Id, db: DB, viewer: ViewerDep) -> RedirectResponse:
    project = visible_project(db, viewer, project_id)
    parsed = indicator_from_fields(**await _fields(request))
    if parsed.indicator is None:
        return redirect(request, f"/projects/{project_id}/edit#new",
                        _("未添加：{why}", why=_("；").join(parsed.errors.values())))
    add_indicator(db, viewer, project, parsed.indicator)
    services.review_stored_project(db, project)
    db.commit()
    return redirect(request, f"/projects/{project_id}/edit", _("已添加指标：{name}",
                                                               name=parsed.indicator.name))


@router.post("/projects/{project_id}/goals/{goal_id}", dependencies=[Depends(check_csrf)])
def save_goal(request: Request, project_id: Id, goal_id: Id, db: DB, viewer: ViewerDep,
              text: str = Form(""), version: str = Form("", max_length=12)) -> RedirectResponse:
    row = db.get(GoalRow, goal_id)
    if row is None or row.project_id != project_id:
        raise ApiError(404, _("绩效目标 {id} 不存在", id=goal_id))
    visible_project(db, viewer, project_id)
    try:
        update_goal(db, viewer, row, text, int(version) if version.isascii() and version.isdigit() else None)
    except VersionConflict as exc:
        db.rollback()
        return _conflict(request, project_id, "", exc)
    except EditError as exc:
        if exc.status == 422:
            return redirect(request, f"/projects/{project_id}/edit", _("未保存：{why}", why=exc.message))
        raise
    services.review_stored_project(db, row.project)
    db.commit()
    return redirect(request, f"/projects/{project_id}/edit", _("已保存绩效目标"))
