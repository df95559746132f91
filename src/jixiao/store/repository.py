"""Saving and loading documents and their findings.

A document is identified by the sha256 of its source bytes: importing the same file twice stores it
once. Findings are stored as the review engine's public JSON (rule, name, severity, message,
project, indicator, location, evidence, expected, context, docs) and linked to the project and
indicator they concern.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from jixiao.model.document import Document
from jixiao.store import audit, search
from jixiao.store.mapping import document_model, document_row
from jixiao.store.schema import DocumentRow, FindingRow, ProjectRow

FindingData = Mapping[str, Any]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class SaveResult:
    document_id: int
    created: bool
    projects: int
    findings: int


def find_by_sha256(session: Session, sha256: str) -> DocumentRow | None:
    return session.scalars(select(DocumentRow).where(DocumentRow.sha256 == sha256)).first()


def save_document(session: Session, doc: Document, sha256: str, findings: Iterable[FindingData] = (),
                  *, status: str = "draft", username: str = "system") -> SaveResult:
    """Store ``doc`` unless a document with the same ``sha256`` is already stored."""
    existing = find_by_sha256(session, sha256)
    if existing is not None:
        count = len(session.scalars(select(FindingRow.id).where(FindingRow.document_id == existing.id)).all())
        return SaveResult(existing.id, False, len(existing.projects), count)
    row = document_row(doc, sha256, status)
    session.add(row)
    session.flush()
    stored = add_findings(session, row, row.projects, findings)
    for project in row.projects:
        search.index_project(session, project)
    audit.record(session, username, "import", "document", row.id, None,
                 {"sha256": sha256, "source": doc.source, "projects": len(row.projects),
                  "findings": stored, "status": status})
    return SaveResult(row.id, True, len(row.projects), stored)


def add_findings(session: Session, document: DocumentRow, projects: Iterable[ProjectRow],
                 findings: Iterable[FindingData]) -> int:
    """Insert findings, linking each to its project (by seq) and indicator (by name)."""
    by_seq = {p.seq: p for p in projects}
    count = 0
    for data in findings:
        project = by_seq.get(str(data.get("project"))) if data.get("project") is not None else None
        indicator_id = None
        if project is not None and data.get("indicator"):
            indicator_id = next((i.id for i in project.indicators if i.name == data["indicator"]), None)
        session.add(FindingRow(
            document_id=document.id, project_id=project.id if project else None, indicator_id=indicator_id,
            rule=str(data["rule"]), name=str(data.get("name", "")), severity=str(data.get("severity", "")),
            message=str(data.get("message", "")),
            project=None if data.get("project") is None else str(data["project"]),
            indicator=data.get("indicator"), location=data.get("location"), evidence=data.get("evidence"),
            expected=data.get("expected"), context=dict(data.get("context") or {}), docs=data.get("docs"),
        ))
        count += 1
    return count


def replace_project_findings(session: Session, project: ProjectRow, findings: Iterable[FindingData]) -> int:
    """Swap a project's stored findings for a fresh review (after an edit)."""
    session.execute(delete(FindingRow).where(FindingRow.project_id == project.id))
    wanted = [f for f in findings if str(f.get("project")) == project.seq]
    return add_findings(session, project.document, [project], wanted)


def get_document_row(session: Session, document_id: int) -> DocumentRow | None:
    return session.get(DocumentRow, document_id, options=[
        selectinload(DocumentRow.units),
        selectinload(DocumentRow.projects).selectinload(ProjectRow.goals),
        selectinload(DocumentRow.projects).selectinload(ProjectRow.indicators),
    ])


def load_document(session: Session, document_id: int) -> Document | None:
    row = get_document_row(session, document_id)
    return None if row is None else document_model(row)


def get_project_row(session: Session, project_id: int) -> ProjectRow | None:
    return session.get(ProjectRow, project_id, options=[
        selectinload(ProjectRow.goals), selectinload(ProjectRow.indicators)])


def finding_dict(row: FindingRow) -> dict[str, Any]:
    """The review engine's JSON for a stored finding, plus its database links."""
    return {"id": row.id, "rule": row.rule, "name": row.name, "severity": row.severity,
            "message": row.message, "project": row.project, "indicator": row.indicator,
            "location": row.location, "evidence": row.evidence, "expected": row.expected,
            "context": row.context, "docs": row.docs, "document_id": row.document_id,
            "project_id": row.project_id, "indicator_id": row.indicator_id}


def project_findings(session: Session, project_id: int) -> list[FindingRow]:
    return list(session.scalars(select(FindingRow).where(FindingRow.project_id == project_id)
                                .order_by(FindingRow.id)))


def document_findings(session: Session, document_id: int) -> list[FindingRow]:
    """Findings about the document as a whole (not about one of its projects)."""
    return list(session.scalars(select(FindingRow).where(FindingRow.document_id == document_id,
                                                         FindingRow.project_id.is_(None))
                                .order_by(FindingRow.id)))
