"""Downloads of what a page shows: a project, a document, a filtered list or search results, in any
format and layout of ``jixiao export`` (the same ``services.export_document``).

The pages (``/projects/{id}/export``, ``/documents/{id}/export``, ``/export``) and the API
(``/api/v1/…`` at the same paths) share these functions; only the error rendering differs (by
path, ``web.errors``). Visibility is exactly the pages': the projects come from the same queries
with the viewer's ``visible_clause``, so a visitor gets published projects only and a unit its
own and the published ones. Findings are those the pages show beside those projects.
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.export.registry import ExportError, exporters
from jixiao.i18n import N_, _
from jixiao.store.access import Viewer, can_see, visible_clause
from jixiao.store.export_views import Selection, load_selection
from jixiao.store.queries import ProjectFilter, list_projects, visible_documents
from jixiao.store.schema import ProjectRow
from jixiao.store.search import search_projects
from jixiao.web.errors import ApiError
from jixiao.web.limiter import PasswordChecks
from jixiao.web.view_helpers import STATUS_LABELS

MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
#: the most projects one download may hold (a PDF is laid out at ~0.05 s of CPU a page)
MAX_PROJECTS = {"pdf": 200}
MAX_PROJECTS_DEFAULT = 10_000
#: words for a layout in a file name
LAYOUT_NAMES = {"list": N_("公开表"), "grid": N_("绩效目标表"), "findings": N_("审核意见"),
                "flat": N_("指标数据"), "document": N_("文档")}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


@dataclass(frozen=True, slots=True)
class Scope:
    """What is downloaded: the visible projects' ids (in page order), a human file name stem, an
    ASCII fallback stem, the title of a list, and whether document-level findings belong to it."""

    ids: list[int]
    stem: str
    fallback: str
    title: str | None = None
    document_level: bool = False

    def load(self, db: Session, viewer: Viewer | None = None, anonymous_findings: str = "all") -> Selection:
        return load_selection(db, self.ids, self.title, self.document_level, viewer, anonymous_findings)


def choose(fmt: str, layout: str | None, default_layout: str) -> tuple[str, str]:
    """The format and the layout to draw; 422 with a Chinese message for what the registry lacks."""
    specs = {s.name: s for s in exporters()}
    spec = specs.get(fmt.lower())
    if spec is None:
        raise ApiError(422, _("未知的导出格式 {fmt}（可用：{known}）", fmt=repr(fmt), known=", ".join(specs)),
                       [{"field": "query.format", "message": _("未知的导出格式")}])
    chosen = layout or (default_layout if default_layout in spec.layouts else spec.layouts[0])
    if chosen not in spec.layouts:
        raise ApiError(422, _("{fmt} 格式不能输出 {layout} 版式（可用：{known}）", fmt=spec.name,
                              layout=repr(chosen), known=", ".join(spec.layouts)),
                       [{"field": "query.layout", "message": _("该格式不支持此版式")}])
    return spec.name, chosen


def safe_name(text: str, limit: int = 80) -> str:
    """A file name stem without path separators, control or reserved characters."""
    cleaned = re.sub(r"\s+", " ", _UNSAFE.sub("_", text)).strip(" ._")
    return cleaned[:limit] or "jixiao"


def content_disposition(filename: str, fallback: str) -> str:
    """``attachment`` with an ASCII ``filename`` and the real name as RFC 5987 ``filename*``."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download(db: Session, scope: Scope, fmt: str, layout: str | None, default_layout: str,
             pdf_slots: PasswordChecks | None = None, viewer: Viewer | None = None,
             anonymous_findings: str = "all") -> Response:
    """The file of ``scope`` (checked against the size limit before anything is loaded), with the
    findings ``viewer`` may see. A PDF waits for one of ``pdf_slots`` (503 when none comes free in
    time)."""
    name, chosen = choose(fmt, layout, default_layout)
    limit = MAX_PROJECTS.get(name, MAX_PROJECTS_DEFAULT)
    if len(scope.ids) > limit:
        raise ApiError(413, _("共 {n} 个项目，超过 {fmt} 导出上限 {limit} 个：请缩小筛选范围",
                              n=len(scope.ids), fmt=name, limit=limit))
    selection = scope.load(db, viewer, anonymous_findings)
    slots = pdf_slots if name == "pdf" else None
    with slots.slot() if slots is not None else nullcontext(True) as turn:
        if not turn:
            raise ApiError(503, _("正在生成的 PDF 过多，请稍后重试"), headers={"Retry-After": "10"})
        try:
            data = services.export_document(selection.doc, name, chosen, selection.findings)
        except ExportError as exc:  # checked by choose(); kept as a clear refusal all the same
            raise ApiError(422, str(exc)) from exc
    label = _(LAYOUT_NAMES[chosen])
    filename = f"{safe_name(f'{scope.stem}-{label}')}.{name}"
    fallback = f"{scope.fallback}-{chosen}.{name}"
    return Response(data, media_type=MEDIA_TYPES.get(name, "application/octet-stream"),
                    headers={"Content-Disposition": content_disposition(filename, fallback),
                             "Cache-Control": "private, no-store"})


def project_scope(db: Session, viewer: Viewer | None, project_id: int) -> Scope:
    row = db.get(ProjectRow, project_id)
    if row is None or not can_see(viewer, row):
        raise ApiError(404, _("项目 {id} 不存在", id=project_id))
    return Scope([row.id], row.name, f"jixiao-project-{row.id}")


def document_scope(db: Session, viewer: Viewer | None, document_id: int) -> Scope:
    where = visible_clause(viewer)
    found = [d for d, _n in visible_documents(db, where) if d.id == document_id]
    if not found:
        raise ApiError(404, _("文件 {id} 不存在", id=document_id))
    ids = list(db.scalars(select(ProjectRow.id).where(where, ProjectRow.document_id == document_id)
                          .order_by(ProjectRow.id)))
    row = found[0]
    stem = row.title or re.sub(r"\.[A-Za-z0-9]{1,5}$", "", row.source or "") or f"document-{row.id}"
    return Scope(ids, stem, f"jixiao-document-{row.id}", document_level=True)


def list_scope(db: Session, viewer: Viewer | None, filters: ProjectFilter, q: str | None) -> Scope:
    """The browse list with its filters, or the search results for ``q`` (every page of them; a
    blank ``q`` finds nothing, as on the search page)."""
    where = visible_clause(viewer)
    cap = MAX_PROJECTS_DEFAULT + 1
    if q is not None:
        rows, _total = search_projects(db, q[:200], where, cap, 0)
        title = _("搜索“{q}”的结果", q=q.strip()[:40])
    else:
        rows, _total = list_projects(db, where, filters, cap, 0)
        parts = [filters.region, str(filters.year) if filters.year else None, filters.unit,
                 _(STATUS_LABELS[filters.status]) if filters.status in STATUS_LABELS else None]
        title = "-".join([_("项目列表"), *(p for p in parts if p)])
    return Scope([r.id for r in rows], title, "jixiao-projects", title)


def list_query(filters: ProjectFilter | None = None, q: str | None = None) -> str:
    """The query string that repeats a list page's filters (or its search) on the export link."""
    if q:
        return urlencode({"q": q})
    f = filters or ProjectFilter()
    pairs = {"region": f.region, "year": f.year, "unit": f.unit, "status": f.status}
    return urlencode({k: v for k, v in pairs.items() if v not in (None, "")})
