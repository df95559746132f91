"""Reading: documents, projects, indicators, findings, search and dashboard statistics."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import select

from jixiao.i18n import _
from jixiao.store import audit
from jixiao.store.access import Viewer, visibility_scope, visible_clause
from jixiao.store.finding_visibility import document_findings_shown, findings_shown, findings_shown_clause
from jixiao.store.queries import ProjectFilter, list_projects, visible_documents
from jixiao.store.repository import document_findings, finding_dict, project_findings
from jixiao.store.review_comments import project_comments
from jixiao.store.schema import STATUSES, FindingRow, ProjectRow
from jixiao.store.search import COUNT_CAP, search_projects
from jixiao.store.workflow import review_history
from jixiao.web.deps import DB, ViewerDep, require_user, visible_project
from jixiao.web.errors import ApiError
from jixiao.web.hardening import Id, Limit, Offset, OptId, Year
from jixiao.web.public_cache import public_stats
from jixiao.web.serialize import document_summary, indicator_json, project_detail, project_summary

router = APIRouter(tags=["browse"])


@router.get("/documents")
def documents(db: DB, viewer: ViewerDep) -> dict[str, Any]:
    """Documents with at least one project this caller may see (published ones for visitors)."""
    items = [document_summary(row, n) for row, n in visible_documents(db, visible_clause(viewer))]
    return {"ok": True, "items": items, "total": len(items)}


@router.get("/documents/{document_id}")
def document(request: Request, document_id: Id, db: DB, viewer: ViewerDep) -> dict[str, Any]:
    found = [(row, n) for row, n in visible_documents(db, visible_clause(viewer)) if row.id == document_id]
    if not found:
        raise ApiError(404, _("文件 {id} 不存在", id=document_id))
    row, n = found[0]
    projects, _n = list_projects(db, visible_clause(viewer), ProjectFilter(document_id=document_id), 10000)
    shown = document_findings_shown(db, viewer, _mode(request), document_id)
    return {"ok": True, "document": document_summary(row, n),
            "projects": [project_summary(p) for p in projects],
            "findings": [finding_dict(f) for f in document_findings(db, document_id)] if shown else []}


@router.get("/projects")
def projects(request: Request, db: DB, viewer: ViewerDep, region: str | None = None, year: Year = None,
             unit: str | None = None, status: str | None = None, document_id: OptId = None,
             limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Projects this caller may see, filtered by region / year / unit code / status / document."""
    if status is not None and status not in STATUSES:
        raise ApiError(422, _("状态须为 {allowed} 之一", allowed=", ".join(STATUSES)),
                       [{"field": "query.status", "message": _("未知的状态 {status}", status=repr(status))}])
    filters = ProjectFilter(region, year, unit, status, document_id)
    rows, total = list_projects(db, visible_clause(viewer), filters, limit, offset,
                                index=request.app.state.list_index, scope=visibility_scope(viewer),
                                version=getattr(request.state, "data_version", None))
    return {"ok": True, "items": [project_summary(r) for r in rows], "total": total, "limit": limit,
            "offset": offset}


@router.get("/projects/{project_id}")
def project(request: Request, project_id: Id, db: DB, viewer: ViewerDep) -> dict[str, Any]:
    """A project with goals, indicators (each with its findings), workflow state and the review
    comments the caller may read. Visitors get findings only as the deployment allows
    (``JIXIAO_ANONYMOUS_FINDINGS``)."""
    row = visible_project(db, viewer, project_id)
    found = project_findings(db, row.id) if findings_shown(db, viewer, _mode(request), row.id) else []
    detail = project_detail(row, found, viewer, review_history(db, row.id))
    detail["comments"] = project_comments(db, viewer, row, row.id).to_list()
    return {"ok": True, "project": detail}


def _mode(request: Request) -> str:
    mode: str = request.app.state.settings.anonymous_findings
    return mode


@router.get("/projects/{project_id}/indicators")
def indicators(project_id: Id, db: DB, viewer: ViewerDep) -> dict[str, Any]:
    row = visible_project(db, viewer, project_id)
    return {"ok": True, "items": [indicator_json(i) for i in row.indicators]}


@router.get("/findings")
def findings(request: Request, db: DB, viewer: ViewerDep, project_id: OptId = None,
             document_id: OptId = None, rule: str | None = None, severity: str | None = None,
             limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Findings on projects this caller may see (for visitors: as the deployment allows)."""
    stmt = select(FindingRow).join(ProjectRow, ProjectRow.id == FindingRow.project_id).where(
        visible_clause(viewer), findings_shown_clause(viewer, _mode(request)))
    for column, value in ((FindingRow.project_id, project_id), (FindingRow.document_id, document_id),
                          (FindingRow.rule, rule), (FindingRow.severity, severity)):
        if value is not None:
            stmt = stmt.where(column == value)
    rows = db.scalars(stmt.order_by(FindingRow.id).limit(limit).offset(offset))
    return {"ok": True, "items": [finding_dict(f) for f in rows], "limit": limit, "offset": offset}


@router.get("/search")
def search(db: DB, viewer: ViewerDep, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Full-text search over project names, goals and indicators (Chinese is word-segmented).
    ``total`` counts matches up to 200; ``more`` says there are more than that."""
    rows, total = search_projects(db, q, visible_clause(viewer), limit, offset)
    return {"ok": True, "query": q, "items": [project_summary(r) for r in rows],
            "total": min(total, COUNT_CAP), "more": total > COUNT_CAP, "limit": limit, "offset": offset}


@router.get("/stats")
def dashboard_stats(request: Request, db: DB, viewer: ViewerDep) -> dict[str, Any]:
    """Findings by rule and by unit, indicators by category: the dashboard's figures."""
    return {"ok": True, **public_stats(request, db, viewer)}


@router.get("/projects/{project_id}/audit")
def project_audit(project_id: Id, db: DB,
                  viewer: Annotated[Viewer, Depends(require_user)]) -> dict[str, Any]:
    """Every recorded change to the project, its goals and its indicators, newest first."""
    project = visible_project(db, viewer, project_id)
    entries = audit.history(db, "project", project.id)
    for row in project.indicators:
        entries += audit.history(db, "indicator", row.id)
    for goal in project.goals:
        entries += audit.history(db, "goal", goal.id)
    entries.sort(key=lambda e: e.id, reverse=True)
    return {"ok": True, "items": [audit.audit_dict(e) for e in entries]}
