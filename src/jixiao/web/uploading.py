"""Uploads from the web: each file goes through ``services.import_file``, as with ``jixiao import``.

Who may upload: admins and unit users. A unit user's upload may hold only its own unit's projects:
projects without a unit code are recorded as the user's unit (a single project's 目标表 often
names no code), and a file naming any other unit code is refused as a whole with the codes it
names, so a unit never stores projects it could not see or edit afterwards. Bytes that are stored
already are not stored again (``already``), whoever stored them. Each file gets an audit entry:
``import`` (written by the store) when stored, ``upload`` with the outcome otherwise.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from jixiao import services
from jixiao.i18n import _
from jixiao.model.document import Document
from jixiao.readers.base import UnreadableInput
from jixiao.store import audit
from jixiao.store.access import Viewer, visible_clause
from jixiao.store.queries import visible_documents
from jixiao.web.errors import ApiError
from jixiao.web.exporting import safe_name

UPLOAD_ROLES = ("admin", "unit")


@dataclass(frozen=True, slots=True)
class UploadResult:
    """One uploaded file: ``state`` is stored, already (stored before) or refused (``reason``)."""

    name: str
    state: str
    size: int
    document_id: int | None = None
    projects: int = 0
    findings: int = 0
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "state": self.state, "size": self.size, "document_id": self.document_id,
                "projects": self.projects, "findings": self.findings, "reason": self.reason}


def require_uploader(viewer: Viewer | None) -> Viewer:
    if viewer is None:
        raise ApiError(401, _("请先登录"))
    if viewer.role not in UPLOAD_ROLES:
        raise ApiError(403, _("只有管理员和预算单位用户可以上传文件"))
    return viewer


def unit_check(unit_code: str | None) -> Callable[[Document], Document]:
    """``prepare`` for a unit user's import: refuse other units' projects, adopt unnamed ones."""

    def prepare(doc: Document) -> Document:
        others = sorted({p.unit_code for p in doc.projects if p.unit_code and p.unit_code != unit_code})
        if unit_code is None or others:
            codes = "、".join(others[:10]) or "-"
            raise UnreadableInput(_(
                "文件中有其他单位的项目（单位编码 {codes}）：只能上传本单位（{unit}）的项目",
                codes=codes, unit=unit_code or "-"))
        projects = [p if p.unit_code else replace(p, unit_code=unit_code) for p in doc.projects]
        return replace(doc, projects=projects)

    return prepare


def _visible(db: Session, viewer: Viewer, document_id: int | None) -> bool:
    return document_id is not None and any(d.id == document_id
                                           for d, _n in visible_documents(db, visible_clause(viewer)))


def upload_status(viewer: Viewer, status: str) -> str:
    """The workflow status to store with: draft, or approved (published at once) for an admin, as
    ``jixiao import --status approved``."""
    if status not in ("draft", "approved"):
        raise ApiError(422, _("状态须为 {allowed} 之一", allowed="draft, approved"),
                       [{"field": "body.status", "message": _("未知的状态 {status}", status=repr(status))}])
    if status == "approved" and viewer.role != "admin":
        raise ApiError(403, _("只有管理员可以直接公开上传的文件"))
    return status


def store_upload(db: Session, viewer: Viewer, filename: str, data: bytes, limit: int,
                 status: str = "draft") -> UploadResult:
    """Store one uploaded file for ``viewer`` and commit; never raises for bad input."""
    raw = Path(filename.replace("\\", "/")).name
    suffix = Path(raw).suffix.lower()[:8]
    name = safe_name(Path(raw).stem, 120) + suffix
    if len(data) > limit:
        return _refused(db, viewer, name, len(data), _("文件超过 {mb} MB 上限", mb=limit // (1024 * 1024)))
    if not data:
        return _refused(db, viewer, name, 0, _("文件是空的"))
    prepare = unit_check(viewer.unit_code) if viewer.role == "unit" else None
    with tempfile.TemporaryDirectory(prefix="jixiao-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        outcome = services.import_file(db, path, status=status, username=viewer.username, prepare=prepare)
        reason = outcome.error.replace(f"{tmp}/", "").replace(tmp, "") if outcome.error else None
    reason = reason.removeprefix(f"{name}: ") if reason else reason
    if reason and not any("\u4e00" <= ch <= "\u9fff" for ch in reason):  # a reader's English words
        reason = _("无法读取文件（{why}）", why=reason)
    if reason is not None or outcome.document_id is None:
        db.rollback()
        return _refused(db, viewer, name, len(data), reason or _("未能存储"))
    if outcome.created:
        db.commit()
        return UploadResult(name, "stored", len(data), outcome.document_id, outcome.projects,
                            outcome.findings)
    shown = outcome.document_id if _visible(db, viewer, outcome.document_id) else None
    audit.record(db, viewer.username, "upload", "document", outcome.document_id,
                 None, {"file": name, "state": "already", "size": len(data)})
    db.commit()
    return UploadResult(name, "already", len(data), shown, outcome.projects if shown else 0, 0)


def _refused(db: Session, viewer: Viewer, name: str, size: int, reason: str) -> UploadResult:
    audit.record(db, viewer.username, "upload", "document", None, None,
                 {"file": name, "state": "refused", "size": size, "reason": reason})
    db.commit()
    return UploadResult(name, "refused", size, reason=reason)
