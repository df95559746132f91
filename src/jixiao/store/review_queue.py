"""The reviewer's queue: submitted projects the viewer may review, with their open 错误 and 警告
counts and when they were submitted, sortable by each column."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from jixiao.store.access import Viewer
from jixiao.store.schema import FindingRow, ProjectRow, ReviewActionRow

#: the queue's columns, by the key a request sorts on
SORTS = ("id", "name", "unit", "amount", "errors", "warnings", "submitted")


@dataclass(frozen=True, slots=True)
class QueueItem:
    id: int
    seq: str
    name: str
    unit_code: str | None
    unit_name: str | None
    region: str | None
    year: int | None
    amount: Decimal | None
    errors: int
    warnings: int
    submitted: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "seq": self.seq, "name": self.name, "unit": self.unit_code,
                "unit_name": self.unit_name, "region": self.region, "year": self.year,
                "amount": None if self.amount is None else str(self.amount), "errors": self.errors,
                "warnings": self.warnings,
                "submitted": None if self.submitted is None else self.submitted.isoformat()}


def _scope(viewer: Viewer) -> ColumnElement[bool] | None:
    """Which submitted projects the viewer reviews (None: the viewer reviews none)."""
    if viewer.role == "admin":
        return ProjectRow.status == "submitted"
    if viewer.role == "reviewer" and viewer.region:
        return (ProjectRow.status == "submitted") & (ProjectRow.region == viewer.region)
    return None


def review_queue(session: Session, viewer: Viewer, sort: str = "submitted",
                 descending: bool = False) -> list[QueueItem]:
    """The queue sorted by ``sort`` (one of :data:`SORTS`; amounts compare as numbers), ties by id."""
    # rows come ordered by id; the stable sort below keeps that order among equal values
    where = _scope(viewer)
    if where is None:
        return []
    counts = (select(FindingRow.project_id,
                     func.sum(case((FindingRow.severity == "error", 1), else_=0)).label("errors"),
                     func.sum(case((FindingRow.severity == "warning", 1), else_=0)).label("warnings"))
              .group_by(FindingRow.project_id).subquery())
    submitted = (select(ReviewActionRow.project_id, func.max(ReviewActionRow.at).label("at"))
                 .where(ReviewActionRow.action == "submit").group_by(ReviewActionRow.project_id).subquery())
    stmt = (select(ProjectRow.id, ProjectRow.seq, ProjectRow.name, ProjectRow.unit_code, ProjectRow.unit_name,
                   ProjectRow.region, ProjectRow.year, ProjectRow.amount,
                   func.coalesce(counts.c.errors, 0), func.coalesce(counts.c.warnings, 0), submitted.c.at)
            .outerjoin(counts, counts.c.project_id == ProjectRow.id)
            .outerjoin(submitted, submitted.c.project_id == ProjectRow.id)
            .where(where).order_by(ProjectRow.id))
    items = [QueueItem(id=r[0], seq=r[1], name=r[2], unit_code=r[3], unit_name=r[4], region=r[5], year=r[6],
                       amount=r[7], errors=int(r[8]), warnings=int(r[9]), submitted=r[10])
             for r in session.execute(stmt)]
    key = sort if sort in SORTS else "submitted"
    items.sort(key=lambda item: _key(item, key), reverse=descending)
    return items


def _key(item: QueueItem, key: str) -> tuple[Any, ...]:
    """Sort key: missing values last (first when descending); the sort is stable, so ties keep the
    project id order either way."""
    value: Any = {"unit": item.unit_name or item.unit_code, "submitted": item.submitted}.get(
        key, getattr(item, key, None))
    if isinstance(value, datetime) and value.tzinfo is None:  # SQLite hands back naive UTC
        value = value.isoformat()
    elif isinstance(value, datetime):
        value = value.replace(tzinfo=None).isoformat()
    return (value is None, value if value is not None else 0)
