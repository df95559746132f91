"""Export downloads: ``GET /projects/{id}/export``, ``/documents/{id}/export`` and ``/export``
(a filtered list, or search results with ``q``), each with ``format`` and ``layout``.

The same handlers serve the pages (no prefix; errors as an HTML page) and the API (``/api/v1``;
errors in the JSON envelope): the bytes are those of ``jixiao export``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from jixiao.i18n import _
from jixiao.store.queries import ProjectFilter
from jixiao.store.schema import STATUSES
from jixiao.web import exporting
from jixiao.web.deps import DB, ViewerDep
from jixiao.web.errors import ApiError
from jixiao.web.hardening import Id, Year

Format = Annotated[str, Query(alias="format", min_length=1, max_length=10,
                              description="xlsx, pdf, html, csv or json")]
LAYOUT_HELP = "list, grid, findings, flat or document (default: grid for a project, list otherwise)"
Layout = Annotated[str | None, Query(max_length=10, description=LAYOUT_HELP)]
FILE_RESPONSES: dict[int | str, dict[str, object]] = {200: {"description": "the exported file", "content": {
    media: {} for media in exporting.MEDIA_TYPES.values()}}}

router = APIRouter(tags=["export"])


def export_project(request: Request, project_id: Id, db: DB, viewer: ViewerDep, fmt: Format = "xlsx",
                   layout: Layout = None) -> Response:
    """One project (default layout: its 项目支出绩效目标表), if the caller may see it."""
    return exporting.download(db, exporting.project_scope(db, viewer, project_id), fmt, layout, "grid",
                              request.app.state.pdf_exports, viewer,
                              request.app.state.settings.anonymous_findings)


def export_document(request: Request, document_id: Id, db: DB, viewer: ViewerDep, fmt: Format = "xlsx",
                    layout: Layout = None) -> Response:
    """The projects of one document the caller may see (default layout: the 公开表)."""
    return exporting.download(db, exporting.document_scope(db, viewer, document_id), fmt, layout, "list",
                              request.app.state.pdf_exports, viewer,
                              request.app.state.settings.anonymous_findings)


def export_list(request: Request, db: DB, viewer: ViewerDep, fmt: Format = "xlsx", layout: Layout = None,
                region: Annotated[str | None, Query(max_length=200)] = None, year: Year = None,
                unit: Annotated[str | None, Query(max_length=200)] = None,
                status: Annotated[str | None, Query(max_length=20)] = None,
                q: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    """Every visible project of the browse list with these filters, or of the search for ``q``."""
    if status and status not in STATUSES:
        raise ApiError(422, _("状态须为 {allowed} 之一", allowed=", ".join(STATUSES)),
                       [{"field": "query.status", "message": _("未知的状态 {status}", status=repr(status))}])
    filters = ProjectFilter(region or None, year, unit or None, status or None)
    return exporting.download(db, exporting.list_scope(db, viewer, filters, q), fmt, layout, "list",
                              request.app.state.pdf_exports, viewer,
                              request.app.state.settings.anonymous_findings)


def register(target: APIRouter, include_in_schema: bool = True) -> None:
    for path, handler in (("/projects/{project_id}/export", export_project),
                          ("/documents/{document_id}/export", export_document),
                          ("/export", export_list)):
        target.add_api_route(path, handler, methods=["GET"], response_class=Response,
                             responses=FILE_RESPONSES, include_in_schema=include_in_schema)


register(router)
