"""What a person looking at stored data may take away: the visible projects (of one project page,
one document page, a filtered list or search results) as one :class:`Document` to hand to
``services.export_document``, with their stored findings.

Only the projects given are kept (the caller has already restricted them to what the viewer may
see): a document's other projects are dropped, its units are cut to those the kept projects belong
to (a unit and the units above it), and 合计 and each unit's amount become the sum of what is
kept. The stored findings come with them, each pointing at its project by number, renumbered like
the projects when several documents with colliding numbers are merged into one table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from jixiao.export.selection import merge_documents
from jixiao.model.document import Document
from jixiao.store.access import Viewer
from jixiao.store.finding_visibility import document_findings_shown, findings_shown_clause
from jixiao.store.mapping import document_model
from jixiao.store.repository import document_findings, finding_dict
from jixiao.store.schema import DocumentRow, FindingRow, ProjectRow


@dataclass(frozen=True, slots=True)
class Selection:
    """The Document to export, the findings about it (public JSON dicts) and its project count."""

    doc: Document
    findings: list[dict[str, Any]]

    @property
    def projects(self) -> int:
        return len(self.doc.projects)


def _cut(row: DocumentRow, projects: list[ProjectRow]) -> Document:
    doc = document_model(row, projects)
    if len(projects) == len(row.projects):
        return doc
    codes = {p.unit_code for p in projects if p.unit_code}
    units = [replace(u, amount=_sum(doc, u.code)) for u in doc.units
             if any(code.startswith(u.code) for code in codes)]
    return replace(doc, units=units, total=_sum(doc), unparsed=[])


def _sum(doc: Document, unit: str = "") -> Decimal | None:
    """What the kept projects (of ``unit`` and its sub-units) add up to: a unit's stored amount
    would count projects this selection leaves out (and reveal their sum)."""
    amounts = [p.amount for p in doc.projects
               if p.amount is not None and (p.unit_code or "").startswith(unit)]
    return sum(amounts, Decimal(0)) if amounts else None


def load_selection(session: Session, project_ids: Sequence[int], title: str | None = None,
                   document_level: bool = False, viewer: Viewer | None = None,
                   anonymous_findings: str = "all") -> Selection:
    """The projects ``project_ids`` (in that order, grouped by document) as one Document.

    ``document_level`` adds the findings about a document as a whole. Findings come only where the
    pages show them to ``viewer`` under the deployment's ``anonymous_findings`` setting (see
    :mod:`jixiao.store.finding_visibility`)."""
    wanted = list(dict.fromkeys(project_ids))
    rows = {p.id: p for p in session.scalars(
        select(ProjectRow).where(ProjectRow.id.in_(wanted))
        .options(selectinload(ProjectRow.goals), selectinload(ProjectRow.indicators)))}
    by_document: dict[int, list[ProjectRow]] = {}
    for pid in wanted:
        if pid in rows:
            by_document.setdefault(rows[pid].document_id, []).append(rows[pid])
    documents = {d.id: d for d in session.scalars(
        select(DocumentRow).where(DocumentRow.id.in_(list(by_document)))
        .options(selectinload(DocumentRow.units)))}
    docs = [_cut(documents[doc_id], projects) for doc_id, projects in by_document.items()]
    kept = [p for projects in by_document.values() for p in projects]
    renumber = len(docs) > 1 and len({p.seq for p in kept}) != len(kept)
    seq_of = {p.id: (str(n) if renumber else p.seq) for n, p in enumerate(kept, 1)}
    doc = merge_documents(docs, title) if docs else Document(title=title, projects=[], units=[])
    findings: list[dict[str, Any]] = []
    if document_level:
        for doc_id in by_document:
            if document_findings_shown(session, viewer, anonymous_findings, doc_id):
                findings += [finding_dict(f) for f in document_findings(session, doc_id)]
    shown = select(ProjectRow.id).where(ProjectRow.id.in_(list(seq_of)),
                                        findings_shown_clause(viewer, anonymous_findings))
    for row in session.scalars(select(FindingRow).where(FindingRow.project_id.in_(shown))
                               .order_by(FindingRow.id)):
        item = finding_dict(row)
        item["project"] = seq_of[row.project_id] if row.project_id is not None else item["project"]
        findings.append(item)
    return Selection(doc, findings)
