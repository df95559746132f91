"""save → load is the identity, and importing the same bytes twice stores one document."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from store_samples import documents, example_document, example_findings, recogniser_document

from jixiao.model import Document
from jixiao.store.repository import load_document, save_document, sha256_bytes
from jixiao.store.schema import AuditRow, DocumentRow, FindingRow, ProjectRow

_sha = itertools.count()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_save_load_identity(engine: Engine, doc: Document) -> None:
    with Session(engine) as session:
        result = save_document(session, doc, f"sha-{next(_sha)}")
        session.commit()
    with Session(engine) as session:
        assert load_document(session, result.document_id) == doc


def test_save_load_identity_with_every_recogniser_field(engine: Engine) -> None:
    """partial, repairs (document and indicator), indicator extra columns and project confidence
    (migration 0002) come back exactly, Decimal confidence as written ("0.60" stays "0.60")."""
    doc = recogniser_document()
    with Session(engine) as session:
        result = save_document(session, doc, "recogniser-fields")
        session.commit()
    with Session(engine) as session:
        back = load_document(session, result.document_id)
    assert back == doc
    assert back is not None and str(back.projects[0].confidence) == "0.60"
    assert back.partial and back.repairs and back.projects[0].indicators[0].extra["优"] == "≥30天"


def test_reimport_is_idempotent(engine: Engine) -> None:
    doc, sha = example_document(), sha256_bytes(b"the same file")
    with Session(engine) as session:
        first = save_document(session, doc, sha, example_findings())
        session.commit()
        second = save_document(session, doc, sha, example_findings())
        session.commit()
        assert first.created and not second.created
        assert first.document_id == second.document_id
        assert (first.projects, first.findings) == (2, 1) == (second.projects, second.findings)
        assert session.scalar(select(func.count()).select_from(DocumentRow)) == 1
        assert session.scalar(select(func.count()).select_from(ProjectRow)) == 2
        imports = session.scalars(select(AuditRow).where(AuditRow.action == "import")).all()
        assert len(imports) == 1 and imports[0].after is not None and imports[0].after["sha256"] == sha


def test_findings_link_to_project_and_indicator(engine: Engine) -> None:
    with Session(engine) as session:
        save_document(session, example_document(), "f", example_findings())
        session.commit()
        finding = session.scalars(select(FindingRow)).one()
        project = session.get(ProjectRow, finding.project_id)
        assert project is not None and project.seq == "2"
        assert finding.indicator_id == project.indicators[0].id
        assert (finding.rule, finding.severity, finding.context) == ("TIM001", "error", {})
        assert finding.location == {"source": "menyuan.txt", "line": 5}


def test_sha256_of_bytes() -> None:
    assert sha256_bytes(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
