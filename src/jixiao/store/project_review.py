"""Reviewing one stored project after an edit, in time proportional to the project, not its document.

The editor's validate and save calls used to map and review the whole stored document (7.2 s per
call on a 4,000-project document). Now the review sees a document holding only the edited project
(with its document's title, region, year, kind, total and its own unit), so the cost does not grow
with the document. Rules that compare a project with its neighbours are not re-run by an edit; the
full review runs on import and in ``jixiao check``.

The review runs in a worker thread and is given a time budget (:data:`REVIEW_BUDGET`): past it,
the answer says the review was cut short instead of waiting (the worker is left to finish, or
dropped if it had not started).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.i18n import _
from jixiao.model.document import Document, Indicator, Unit
from jixiao.model.location import Location
from jixiao.store.mapping import _unparsed_back, project_model
from jixiao.store.schema import DocumentRow, ProjectRow, UnitRow

#: seconds an edit's review may take before the answer says it was cut short
REVIEW_BUDGET = 2.0
#: reviews running at once (each is CPU-bound; a queue beyond this waits within its budget)
_WORKERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="jixiao-review")


@dataclass(slots=True)
class ProjectReview:
    """The findings of one project's review; ``complete`` False when it ran past its budget."""

    findings: list[dict[str, Any]] = field(default_factory=list)
    complete: bool = True
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"review_complete": self.complete, "review_note": self.note}


def _units(session: Session, document: DocumentRow, project: ProjectRow) -> list[Unit]:
    if not project.unit_code:
        return []
    rows = session.scalars(select(UnitRow).where(UnitRow.document_id == document.id,
                                                 UnitRow.code == project.unit_code)
                           .order_by(UnitRow.position))
    return [Unit(u.code, u.name, u.amount, u.parent, Location.from_dict(u.location)) for u in rows]


def project_document(session: Session, project: ProjectRow,
                     replacing: tuple[int | None, Indicator] | None = None) -> Document:
    """A document holding only ``project`` (its document's rows are not loaded); ``replacing``
    puts an indicator in place of the one with that id (or appends it when the id is None)."""
    row = project.document
    model = project_model(project)
    if replacing is not None:
        indicator_id, indicator = replacing
        index = next((i for i, r in enumerate(project.indicators) if r.id == indicator_id), None)
        if index is None:
            model.indicators.append(indicator)
        else:
            indicator.location = model.indicators[index].location
            model.indicators[index] = indicator
    return Document(title=row.title, region=row.region, year=row.year, kind=row.kind, total=row.total,
                    units=_units(session, row, project), projects=[model],
                    unparsed=_unparsed_back(row.unparsed), source=row.source, layout=row.layout,
                    organisation=row.organisation, partial=row.partial, repairs=list(row.repairs or []))


def _findings(doc: Document, seq: str) -> list[dict[str, Any]]:
    from jixiao.services import review_document

    return [f.to_dict() for f in review_document(doc).findings if f.project == seq]


def review_in_budget(doc: Document, seq: str, budget: float | None = None,
                     run: Callable[[Document, str], list[dict[str, Any]]] | None = None) -> ProjectReview:
    """Review ``doc`` (findings of project ``seq``) in a worker thread; give up after ``budget`` s."""
    limit = REVIEW_BUDGET if budget is None else budget
    future = _WORKERS.submit(run or _findings, doc, seq)
    try:
        return ProjectReview(future.result(timeout=limit))
    except FutureTimeout:
        future.cancel()
        return ProjectReview([], False, _("审核超过 {limit} 秒，已中止，结果不完整；保存后将在下次检查时补全",
                                          limit=f"{limit:g}"))
