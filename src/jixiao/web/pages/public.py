"""Reading pages: home, browse by region / year / unit, project page, documents, search, dashboard."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from jixiao.i18n import _
from jixiao.store.access import can_review, can_see, visibility_scope, visible_clause
from jixiao.store.finding_visibility import document_findings_shown, findings_shown_when
from jixiao.store.page_views import load_project_page
from jixiao.store.queries import ProjectFilter, list_projects, visible_documents
from jixiao.store.repository import document_findings
from jixiao.store.review_comments import timeline
from jixiao.store.schema import STATUSES
from jixiao.store.search import COUNT_CAP, search_projects
from jixiao.store.workflow import GUARDED, allowed_actions, open_errors
from jixiao.web.deps import DB, ViewerDep
from jixiao.web.errors import ApiError
from jixiao.web.hardening import Id, PageNo
from jixiao.web.pages.render import page
from jixiao.web.public_cache import public_documents, public_facets, public_stats

router = APIRouter()


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() and len(value.strip()) <= 4 else None


@router.get("/", response_class=HTMLResponse)
def home(request: Request, db: DB, viewer: ViewerDep) -> HTMLResponse:
    return page(request, "home.html", viewer, facets=public_facets(request, db, viewer, ProjectFilter()),
                documents=public_documents(request, db, viewer)[:20])


@router.get("/projects", response_class=HTMLResponse)
def browse(request: Request, db: DB, viewer: ViewerDep, region: str | None = None, year: str | None = None,
           unit: str | None = None, status: str | None = None,
           page_no: PageNo = 1) -> HTMLResponse:
    size = request.app.state.settings.page_size
    filters = ProjectFilter(region or None, _int(year), unit or None,
                            status if status in STATUSES else None)
    where = visible_clause(viewer)
    rows, total = list_projects(db, where, filters, size, (page_no - 1) * size,
                                index=request.app.state.list_index, scope=visibility_scope(viewer),
                                version=getattr(request.state, "data_version", None))
    return page(request, "browse.html", viewer, rows=rows, total=total, filters=filters,
                facets=public_facets(request, db, viewer, filters), page_no=page_no,
                pages=max(1, -(-total // size)), statuses=STATUSES)


@cache
def min_confidence() -> Decimal:
    """Below this a project's banner says it is partly a guess: PRS003's default threshold."""
    from jixiao.review.registry import get_rule

    spec = get_rule("low-confidence-project")
    return Decimal(str(spec.params["min_confidence"])) if spec is not None else Decimal("0.8")


@router.get("/projects/{project_id}", response_class=HTMLResponse)
def project(request: Request, project_id: Id, db: DB, viewer: ViewerDep) -> HTMLResponse:
    view = load_project_page(db, project_id)
    if view is None or not can_see(viewer, view):
        raise ApiError(404, _("项目 {id} 不存在", id=project_id))
    shown = findings_shown_when(viewer, request.app.state.settings.anonymous_findings, view.managed)
    findings = view.findings if shown else []
    actions = allowed_actions(viewer, view)
    return page(request, "project.html", viewer, project=view, findings=findings,
                min_confidence=min_confidence(), findings_hidden=not shown and bool(view.findings),
                loose=[f for f in findings if f.indicator_id is None], actions=actions,
                open_errors=open_errors(db, view.id) if set(actions) & set(GUARDED) else [],
                may_comment=can_review(viewer, view),
                history=timeline(db, viewer, view, view.id) if viewer else [])


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document(request: Request, document_id: Id, db: DB, viewer: ViewerDep) -> HTMLResponse:
    where = visible_clause(viewer)
    found = [(d, n) for d, n in visible_documents(db, where) if d.id == document_id]
    if not found:
        raise ApiError(404, _("文件 {id} 不存在", id=document_id))
    rows, total = list_projects(db, where, ProjectFilter(document_id=document_id), 10000)
    shown = document_findings_shown(db, viewer, request.app.state.settings.anonymous_findings, document_id)
    return page(request, "document.html", viewer, document=found[0][0], rows=rows, total=total,
                findings=document_findings(db, document_id) if shown else [])


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, db: DB, viewer: ViewerDep, q: str = "",
           page_no: PageNo = 1) -> HTMLResponse:
    size = request.app.state.settings.page_size
    rows, total = search_projects(db, q[:200], visible_clause(viewer), size, (page_no - 1) * size) \
        if q.strip() else ([], 0)
    shown: dict[str, Any] = {"rows": rows, "total": min(total, COUNT_CAP), "more": total > COUNT_CAP, "q": q}
    if request.headers.get("HX-Request"):
        return page(request, "_results.html", viewer, **shown)
    return page(request, "search.html", viewer, page_no=page_no, pages=max(1, -(-total // size)), **shown)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, db: DB, viewer: ViewerDep) -> HTMLResponse:
    return page(request, "dashboard.html", viewer, stats=public_stats(request, db, viewer))
