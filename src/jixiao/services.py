"""The one API the shells (CLI, web) call. Each function is plain and returns model objects or
JSON-able dicts; CLI and API emit the same JSON because both go through here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao.model.document import Document
from jixiao.model.jsonify import document_to_dict
from jixiao.parse.registry import parse_source
from jixiao.readers.registry import read_bytes, read_path

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from jixiao.review.config import ReviewConfig
    from jixiao.review.report import Report
    from jixiao.store.schema import ProjectRow


def parse_file(path: str | Path) -> Document:
    """Read and parse one file. Raises :class:`~jixiao.readers.UnreadableInput` when unreadable."""
    return parse_source(read_path(path))


def parse_bytes(data: bytes, filename: str = "") -> Document:
    return parse_source(read_bytes(data, filename))


def document_json(doc: Document) -> dict[str, Any]:
    return document_to_dict(doc)


def review_document(doc: Document, config: ReviewConfig | None = None) -> Report:
    """Review a parsed document with every enabled rule; the CLI and the API both call this."""
    from jixiao.review.engine import review

    return review(doc, config)


def review_json(doc: Document, config: ReviewConfig | None = None) -> dict[str, Any]:
    """``{findings: […], summary: {…}}`` — the JSON of ``jixiao check --format json``."""
    return review_document(doc, config).to_dict()


# --- the store: import, re-review after an edit, validate-as-you-type (used by `jixiao import` and web) ---


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """One file given to :func:`import_file`: stored, already stored, or unreadable (``error``)."""

    path: str
    document_id: int | None = None
    created: bool = False
    projects: int = 0
    findings: int = 0
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "document_id": self.document_id, "created": self.created,
                "projects": self.projects, "findings": self.findings, "error": self.error}


def import_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, directories expanded recursively (sorted, hidden files skipped)."""
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file()
                          and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            out.append(path)
    return out


def import_file(session: Session, path: str | Path, *, status: str = "draft",
                username: str = "system") -> ImportOutcome:
    """Parse, review and store one file; a file whose bytes are already stored is not stored again.

    Unreadable input does not raise: it comes back as an outcome with ``error`` set.
    """
    from jixiao.readers.base import UnreadableInput
    from jixiao.store.repository import find_by_sha256, save_document, sha256_file

    try:
        sha = sha256_file(path)
    except OSError as exc:
        return ImportOutcome(str(path), error=f"{path}: {exc.strerror or exc}")
    if find_by_sha256(session, sha) is None:
        try:
            doc = parse_file(path)
        except UnreadableInput as exc:
            return ImportOutcome(str(path), error=str(exc))
        findings = [f.to_dict() for f in review_document(doc).findings]
    else:
        doc, findings = Document(), []
    result = save_document(session, doc, sha, findings, status=status, username=username)
    return ImportOutcome(str(path), result.document_id, result.created, result.projects, result.findings)


def review_stored_project(session: Session, project: ProjectRow) -> list[dict[str, Any]]:
    """Review the project's document as stored now and replace the project's stored findings."""
    from jixiao.store.mapping import document_model
    from jixiao.store.repository import replace_project_findings

    session.flush()
    session.refresh(project.document)
    findings = [f.to_dict() for f in review_document(document_model(project.document)).findings]
    replace_project_findings(session, project, findings)
    return [f for f in findings if f.get("project") == project.seq]


def validate_indicator(project: ProjectRow, indicator_id: int | None,
                       fields: Mapping[str, str]) -> dict[str, Any]:
    """Validate an indicator being typed into the editor: field errors, then the review findings the
    project would get with this indicator in place (same rules, same messages as ``jixiao check``)."""
    from jixiao.store.editing import indicator_from_fields
    from jixiao.store.mapping import document_model

    parsed = indicator_from_fields(*(fields.get(k, "") for k in ("name", "operator", "value", "unit",
                                                                   "level1", "level2")))
    if parsed.indicator is None:
        return {"ok": False, "errors": parsed.errors, "findings": []}
    doc = document_model(project.document)
    target = next(p for p in doc.projects if p.seq == project.seq)
    index = next((i for i, row in enumerate(project.indicators) if row.id == indicator_id), None)
    if index is None:
        target.indicators.append(parsed.indicator)
    else:
        parsed.indicator.location = target.indicators[index].location
        target.indicators[index] = parsed.indicator
    findings = [f.to_dict() for f in review_document(doc).findings
                if f.project == project.seq and f.indicator == parsed.indicator.name]
    return {"ok": True, "errors": {}, "findings": findings, "raw": parsed.indicator.raw}
