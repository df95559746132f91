"""``POST /api/v1/uploads``: store uploaded documents (multipart, field ``files``, one or more),
as ``jixiao import`` does; the answer lists each file's outcome. Admins and unit users only
(``web.uploading``), CSRF token in ``X-CSRF-Token``, at most ``Settings.max_upload_bytes`` a request."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from jixiao.i18n import _
from jixiao.web.deps import DB, ViewerDep
from jixiao.web.errors import ApiError
from jixiao.web.security import check_csrf
from jixiao.web.uploading import UploadResult, require_uploader, store_upload, upload_status

router = APIRouter(tags=["upload"])


async def receive_uploads(request: Request, db: DB, viewer: ViewerDep) -> list[UploadResult]:
    """Every file of the multipart request, stored one after the other (page and API alike)."""
    user = require_uploader(viewer)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise ApiError(415, _("请以 multipart/form-data 上传文件（字段名 files）"))
    form = await request.form()
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    status = upload_status(user, str(form.get("status") or "draft"))
    if not files:
        raise ApiError(422, _("没有选择文件"), [{"field": "body.files", "message": _("没有选择文件")}])
    limit = request.app.state.settings.max_upload_bytes
    results = []
    for upload in files:
        data = await upload.read()
        results.append(await run_in_threadpool(store_upload, db, user, upload.filename or "", data, limit,
                                                 status))
    request.app.state.public_cache.clear()
    return results


@router.post("/uploads", dependencies=[Depends(check_csrf)],
             openapi_extra={"requestBody": {"content": {"multipart/form-data": {"schema": {
                 "type": "object", "required": ["files"], "properties": {"files": {
                     "type": "array", "items": {"type": "string", "format": "binary"}},
                     "status": {"type": "string", "enum": ["draft", "approved"], "default": "draft"}}}}}}})
async def upload(request: Request, db: DB, viewer: ViewerDep) -> dict[str, Any]:
    """Each file: ``state`` stored / already / refused (with the Chinese ``reason``), its
    ``document_id``, ``projects`` and ``findings``. ``status=approved`` (admins only) publishes the
    stored projects at once, as ``jixiao import --status approved``."""
    results = await receive_uploads(request, db, viewer)
    items = [r.to_dict() for r in results]
    return {"ok": True, "items": items, "stored": sum(r.state == "stored" for r in results),
            "refused": sum(r.state == "refused" for r in results)}
