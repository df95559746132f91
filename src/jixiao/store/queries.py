"""Read queries shared by the pages and the JSON API: filtered project lists, browse facets and
dashboard statistics, always restricted to what the viewer may see."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from jixiao.model.taxonomy import canonical_level1
from jixiao.store.list_index import ListIndex
from jixiao.store.schema import SUMMARY_COLUMNS, DocumentRow, FindingRow, IndicatorRow, ProjectRow


@dataclass(frozen=True, slots=True)
class ProjectFilter:
    region: str | None = None
    year: int | None = None
    unit: str | None = None
    status: str | None = None
    document_id: int | None = None

    def clauses(self) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if self.region:
            out.append(ProjectRow.region == self.region)
        if self.year is not None:
            out.append(ProjectRow.year == self.year)
        if self.unit:
            out.append(ProjectRow.unit_code == self.unit)
        if self.status:
            out.append(ProjectRow.status == self.status)
        if self.document_id is not None:
            out.append(ProjectRow.document_id == self.document_id)
        return out


def list_projects(session: Session, visible: ColumnElement[bool], filters: ProjectFilter,
                  limit: int = 50, offset: int = 0, *, index: ListIndex | None = None,
                  scope: Hashable = None, version: int | None = None) -> tuple[list[Any], int]:
    """One page of visible projects as plain rows of :data:`SUMMARY_COLUMNS`, and the total.

    With an ``index`` and the ``scope`` that names ``visible`` (``access.visibility_scope``), long
    lists are paged from the index's cached ids (:mod:`jixiao.store.list_index`); same result.
    ``version``: the data version, if the caller read it before this request's data."""
    where = [visible, *filters.clauses()]
    if index is not None and scope is not None:
        return index.page(session, (scope, filters), where, limit, offset, version)
    total = session.scalar(select(func.count(ProjectRow.id)).where(*where)) or 0
    rows = session.execute(select(*SUMMARY_COLUMNS).where(*where).order_by(ProjectRow.id)
                           .limit(limit).offset(offset)).all()
    return list(rows), total


def facets(session: Session, visible: ColumnElement[bool],
           filters: ProjectFilter) -> dict[str, list[tuple[str, int]]]:
    """Counts of visible projects by region, by year and by unit (within the other filters)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for key, column in (("region", ProjectRow.region), ("year", ProjectRow.year),
                        ("unit", ProjectRow.unit_code)):
        clauses = replace(filters, **{key: None}).clauses()
        name = func.max(ProjectRow.unit_name) if key == "unit" else func.max(None)
        stmt = (select(column, name, func.count(ProjectRow.id))
                .where(visible, *clauses).group_by(column).order_by(column).limit(200))
        out[key] = [(str(value) if key != "unit" else f"{value}|{name or ''}", count)
                    for value, name, count in session.execute(stmt) if value is not None]
    return out


def visible_documents(session: Session, visible: ColumnElement[bool]) -> list[tuple[DocumentRow, int]]:
    """Documents with at least one visible project, and how many."""
    counts = (select(ProjectRow.document_id, func.count(ProjectRow.id).label("n")).where(visible)
              .group_by(ProjectRow.document_id).subquery())
    stmt = select(DocumentRow, counts.c.n).join(counts, counts.c.document_id == DocumentRow.id).order_by(
        DocumentRow.id)
    return [(row, int(n)) for row, n in session.execute(stmt)]


def stats(session: Session, visible: ColumnElement[bool],
          findings_shown: ColumnElement[bool] | None = None) -> dict[str, list[dict[str, object]]]:
    """Dashboard figures: findings by rule and by unit, indicators by category (visible projects;
    findings only of the projects ``findings_shown`` selects, when given)."""
    visible_ids = select(ProjectRow.id).where(visible)
    with_findings = visible if findings_shown is None else and_(visible, findings_shown)
    by_rule = session.execute(
        select(FindingRow.rule, FindingRow.severity, func.count(FindingRow.id))
        .where(FindingRow.project_id.in_(select(ProjectRow.id).where(with_findings)))
        .group_by(FindingRow.rule, FindingRow.severity).order_by(FindingRow.rule))
    by_unit = session.execute(
        select(ProjectRow.unit_code, func.max(ProjectRow.unit_name), func.count(FindingRow.id))
        .join(FindingRow, FindingRow.project_id == ProjectRow.id).where(with_findings)
        .group_by(ProjectRow.unit_code).order_by(func.count(FindingRow.id).desc()).limit(30))
    mix: dict[str, int] = {}
    for level1, count in session.execute(
            select(IndicatorRow.level1, func.count(IndicatorRow.id))
            .where(IndicatorRow.project_id.in_(visible_ids)).group_by(IndicatorRow.level1)):
        name = canonical_level1(level1 or "") or "未分类"
        mix[name] = mix.get(name, 0) + int(count)
    return {
        "findings_by_rule": [{"rule": r, "severity": s, "count": int(n)} for r, s, n in by_rule],
        "findings_by_unit": [{"unit": u, "name": name, "count": int(n)} for u, name, n in by_unit],
        "indicators_by_category": [{"category": k, "count": v} for k, v in sorted(mix.items())],
    }
