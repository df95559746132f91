"""Pages of the performance year (issue 10): the project's year (rounds, adjustments, target versions,
self-evaluation, lock), the monitoring and self-evaluation forms with their live check (HTMX, the same
service functions and messages as the API), the reviewer's decisions, the admin's unlock, the
region's traffic-light board and the downloads. A refused form answers with its status (422 for bad
input or a locked year) and the form as it was sent, with the messages."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from jixiao import services
from jixiao.export import ExportError
from jixiao.i18n import N_, _
from jixiao.model.year import CAUSES, LIKELIHOODS
from jixiao.store import year_store
from jixiao.store.access import Viewer
from jixiao.store.schema import ProjectRow
from jixiao.store.year_store import YearError
from jixiao.web.api.year import gaps
from jixiao.web.deps import DB, ViewerDep, require_user, visible_project
from jixiao.web.errors import ApiError
from jixiao.web.exporting import MEDIA_TYPES, content_disposition, safe_name
from jixiao.web.hardening import Id, Offset, Year
from jixiao.web.pages.render import page, redirect
from jixiao.web.security import check_csrf
from jixiao.year import board as year_board
from jixiao.year import fields, service
from jixiao.year.fields import BANDS

router = APIRouter()
CSRF = [Depends(check_csrf)]
TOP = {"monitoring": ("as_of", "budget_initial", "budget_full", "executed"),
       "selfeval": ("budget_initial", "budget_full", "executed", "conclusion", "profile")}
ENTRY = {"monitoring": ("actual", "likelihood", "cause", "cause_text", "correction"),
         "selfeval": ("actual", "weight", "score", "band", "deviation")}
FORMATS = ("xlsx", "pdf", "html", "json", "csv")
#: The templates' own words that go through the catalogue (``{{ _("…") }}`` in year*.html).
N_("指标目标未经批准的调整即被改变（MON004）也算指标风险，亮红灯。")
N_("评分口径"), N_("依据"), N_("评价档次"), N_("算式"), N_("目标变更未批"), N_("目标变更")
N_("输入时即按所选评分口径重算得分（默认财预〔2020〕10号：预算执行率 10 分），"
   "各指标按完成值与目标比较；定性指标请选择评价档次。")


async def _form(request: Request, kind: str) -> tuple[dict[str, Any], int | None]:
    """The form's values in the service's shape (``entries`` by indicator id) and its version."""
    form = await request.form()
    data: dict[str, Any] = {k: str(form.get(k, "")) for k in TOP[kind]}
    entries: dict[str, dict[str, str]] = {}
    for key, value in form.multi_items():
        parts = key.split("-")
        if len(parts) == 3 and parts[0] == "e" and parts[1].isdigit() and parts[2] in ENTRY[kind]:
            entries.setdefault(parts[1], {})[parts[2]] = str(value)
    data["entries"] = entries
    version = str(form.get("version", "")).strip()
    return data, int(version) if version.isascii() and version.isdigit() and len(version) <= 9 else None


def _stored(session: DB, project: ProjectRow, kind: str) -> tuple[dict[str, Any], int | None]:
    """The stored round (latest) or self-evaluation as form values."""
    year = service.project_year(session, project)
    latest = year["rounds"][-1] if year["rounds"] else None
    stored = latest if kind == "monitoring" else year["self_evaluation"]
    if stored is None:
        return {"entries": {}}, None
    data = {k: stored.get(k) or "" for k in TOP[kind]}
    if kind == "selfeval":
        data["profile"] = stored["profile"]["name"]
    data["entries"] = {str(e["indicator_id"]): {k: e.get(k) or "" for k in ENTRY[kind]}
                       for e in stored["entries"]}
    return data, stored["version"]


def _form_page(request: Request, db: DB, viewer: Viewer | None, project: ProjectRow, kind: str,
               values: dict[str, Any], version: int | None, errors: dict[str, str] | None = None,
               status_code: int = 200, error: str | None = None) -> HTMLResponse:
    template = "year_monitoring.html" if kind == "monitoring" else "year_selfeval.html"
    return page(request, template, viewer, status_code, project=project, values=values, version=version,
                errors=errors or {}, error=error, likelihoods=LIKELIHOODS, causes=CAUSES, bands=BANDS,
                profiles=fields.profile_choices(), default_profile=service.DEFAULT_PROFILE,
                locked=year_store.is_locked(db, project.id))


def _year_page(request: Request, db: DB, viewer: Viewer | None, project: ProjectRow, status_code: int = 200,
               error: str | None = None) -> HTMLResponse:
    year = service.project_year(db, project, gaps(request))
    names = {i.id: i.name for i in project.indicators}
    return page(request, "year.html", viewer, status_code, project=project, year=year, names=names,
                error=error, formats=FORMATS)


@router.get("/projects/{project_id}/year", response_class=HTMLResponse)
def year_page(request: Request, project_id: Id, db: DB, viewer: ViewerDep) -> HTMLResponse:
    return _year_page(request, db, viewer, visible_project(db, viewer, project_id))


@router.get("/projects/{project_id}/year/{kind}.{fmt}")
def download(project_id: Id, kind: Literal["monitoring", "selfeval"],
             fmt: Literal["xlsx", "pdf", "html", "json", "csv"], db: DB, viewer: ViewerDep) -> Response:
    """The latest monitoring round or the self-evaluation drawn by ``services.export_document``: xlsx,
    pdf and html in the official 项目支出绩效目标执行监控表 / 项目支出绩效自评表 layout, csv and json as
    open data (every column kept)."""
    project = visible_project(db, viewer, project_id)
    doc = service.year_document(db, project, kind)
    layout = kind if fmt in ("xlsx", "pdf", "html") else None
    try:
        data = services.export_document(doc, fmt, layout)
    except ExportError as exc:
        raise ApiError(422, str(exc)) from exc
    title = _("项目支出绩效目标执行监控表") if kind == "monitoring" else _("项目支出绩效自评表")
    name = f"{safe_name(f'{project.name}-{title}')}.{fmt}"
    return Response(data, media_type=MEDIA_TYPES[fmt], headers={
        "Content-Disposition": content_disposition(name, f"project-{project.id}-{kind}.{fmt}")})


@router.get("/projects/{project_id}/year/{kind}", response_class=HTMLResponse)
def form_page(request: Request, project_id: Id, kind: Literal["monitoring", "self-evaluation"], db: DB,
              viewer: Annotated[Viewer, Depends(require_user)]) -> HTMLResponse:
    project = visible_project(db, viewer, project_id)
    key = "monitoring" if kind == "monitoring" else "selfeval"
    values, version = _stored(db, project, key)
    return _form_page(request, db, viewer, project, key, values, version)


@router.post("/projects/{project_id}/year/{kind}/check", response_class=HTMLResponse, dependencies=CSRF)
async def check(request: Request, project_id: Id, kind: Literal["monitoring", "self-evaluation"], db: DB,
                viewer: Annotated[Viewer, Depends(require_user)]) -> HTMLResponse:
    """HTMX: the live check of the form as typed (nothing is stored)."""
    project = visible_project(db, viewer, project_id)
    wait = request.app.state.validate_limit.hit(viewer.username)
    if wait:
        raise ApiError(429, _("检查过于频繁，请 {wait} 秒后再试", wait=wait),
                       headers={"Retry-After": str(wait)})
    if kind == "monitoring":
        data, _version = await _form(request, "monitoring")
        return page(request, "_year_check.html", viewer, result=service.check_monitoring(project, data,
                                                                                          gaps(request)))
    data, _version = await _form(request, "selfeval")
    return page(request, "_year_score.html", viewer,
                result=service.preview_self_evaluation(project, data, data.get("profile")))


async def _act(request: Request, db: DB, viewer: Viewer | None, project: ProjectRow, action: Any,
               done: str) -> Response:
    try:
        action()
    except YearError as exc:
        db.rollback()
        return _year_page(request, db, viewer, project, exc.status, exc.message)
    db.commit()
    return redirect(request, f"/projects/{project.id}/year", done)


@router.post("/projects/{project_id}/year/adjustments", dependencies=CSRF, response_model=None)
async def request_adjustment(request: Request, project_id: Id, db: DB,
                             viewer: Annotated[Viewer, Depends(require_user)]) -> Response:
    project = visible_project(db, viewer, project_id)
    form = await request.form()
    data = {k: str(form.get(k, "")) for k in ("indicator_id", "operator", "value", "unit", "reason")}
    return await _act(request, db, viewer, project,
                      lambda: service.request_adjustment(db, viewer, project, data), _("已提交目标调整申请"))


@router.post("/projects/{project_id}/year/adjustments/{adjustment_id}", dependencies=CSRF,
             response_model=None)
async def decide_adjustment(request: Request, project_id: Id, adjustment_id: Id, db: DB,
                            viewer: Annotated[Viewer, Depends(require_user)],
                            decision: Annotated[str, Form(max_length=10)] = "",
                            comment: Annotated[str, Form()] = "") -> Response:
    project = visible_project(db, viewer, project_id)
    approve = decision == "approve"
    return await _act(request, db, viewer, project,
                      lambda: service.decide_adjustment(db, viewer, project, adjustment_id, approve, comment),
                      _("已批准目标调整，指标目标已更新") if approve else _("已驳回目标调整申请"))


@router.post("/projects/{project_id}/year/self-evaluation-action", dependencies=CSRF, response_model=None)
async def self_evaluation_action(request: Request, project_id: Id, db: DB,
                                 viewer: Annotated[Viewer, Depends(require_user)],
                                 action: Annotated[str, Form(max_length=20)] = "",
                                 comment: Annotated[str, Form()] = "") -> Response:
    project = visible_project(db, viewer, project_id)
    labels = {"submit": _("已提交自评"), "confirm": _("已确认自评，本年度已锁定"), "return": _("已退回自评")}
    return await _act(request, db, viewer, project,
                      lambda: service.self_evaluation_action(db, viewer, project, action, comment),
                      labels.get(action, ""))


@router.post("/projects/{project_id}/year/unlock", dependencies=CSRF, response_model=None)
async def unlock(request: Request, project_id: Id, db: DB, viewer: Annotated[Viewer, Depends(require_user)],
                 reason: Annotated[str, Form()] = "") -> Response:
    project = visible_project(db, viewer, project_id)
    return await _act(request, db, viewer, project, lambda: service.unlock(db, viewer, project, reason),
                      _("已解锁本年度"))


@router.post("/projects/{project_id}/year/{kind}", dependencies=CSRF, response_model=None)
async def save(request: Request, project_id: Id, kind: Literal["monitoring", "self-evaluation"], db: DB,
               viewer: Annotated[Viewer, Depends(require_user)]) -> Response:
    project = visible_project(db, viewer, project_id)
    key = "monitoring" if kind == "monitoring" else "selfeval"
    data, version = await _form(request, key)
    try:
        if key == "monitoring":
            service.save_monitoring(db, viewer, project, data, version, gaps(request))
        else:
            service.save_self_evaluation(db, viewer, project, data, version, data.get("profile"))
    except YearError as exc:
        db.rollback()
        errors = {d["field"]: d["message"] for d in exc.details}
        return _form_page(request, db, viewer, project, key, data, version, errors, exc.status, exc.message)
    db.commit()
    done = _("已保存执行监控记录") if key == "monitoring" else _("已保存自评，得分已重算")
    return redirect(request, f"/projects/{project_id}/year", done)


@router.get("/year/board", response_class=HTMLResponse)
def board_page(request: Request, db: DB, viewer: Annotated[Viewer, Depends(require_user)],
               unit: Annotated[str | None, Query(max_length=100)] = None,
               sort: Literal["light", "lag", "unit", "name", "amount", "unapproved"] = "light",
               year: Year = None, offset: Offset = 0) -> HTMLResponse:
    result = year_board.board(db, viewer, gaps(request), sort, unit or None, year, 500, offset)
    return page(request, "year_board.html", viewer, board=result, year=year)
