"""The upload page (drag and drop or a file picker; ``static/upload.js`` sends each file to
``/api/v1/uploads`` with a progress bar, a plain form post works without scripts) and the
download routes of the pages (``web.api.downloads``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from jixiao.web.api.downloads import register
from jixiao.web.api.uploads import receive_uploads
from jixiao.web.deps import DB, ViewerDep
from jixiao.web.pages.render import page
from jixiao.web.security import check_csrf
from jixiao.web.uploading import require_uploader

router = APIRouter()
register(router, include_in_schema=False)


def _mb(request: Request) -> int:
    return int(request.app.state.settings.max_upload_bytes // (1024 * 1024))


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, viewer: ViewerDep) -> HTMLResponse:
    user = require_uploader(viewer)
    return page(request, "upload.html", user, results=None, mb=_mb(request))


@router.post("/upload", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
async def upload_form(request: Request, db: DB, viewer: ViewerDep) -> HTMLResponse:
    """Without scripts: the form posts every file at once and gets the result page back."""
    results = await receive_uploads(request, db, viewer)
    return page(request, "upload.html", viewer, results=results, mb=_mb(request))
