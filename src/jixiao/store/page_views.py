"""Read-only views for the hottest page: a project with its goals, indicators and findings, read
with two plain Core queries instead of ORM objects (issue 11).

The first query reads the project, its document's ``partial`` and whether the workflow handled it
(``managed``: what decides if visitors see its findings); the second reads its goals, indicators
and findings at once (``UNION ALL``, in page order). Only the columns the page shows are read: the
JSON columns (locations, extras, contexts) cost more to decode than the rest of the row.
Rows carry the same attribute names as the ORM classes, so templates read either alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, Text, bindparam, cast, literal_column, null, select, union_all
from sqlalchemy.orm import Session

from jixiao.store.finding_visibility import managed_clause
from jixiao.store.schema import DocumentRow, FindingRow, GoalRow, IndicatorRow, ProjectRow

_P, _G, _D = ProjectRow.__table__, GoalRow.__table__, DocumentRow.__table__
_I, _F = IndicatorRow.__table__, FindingRow.__table__


@dataclass(frozen=True, slots=True)
class PageGoal:
    id: int
    text: str


@dataclass(frozen=True, slots=True)
class PageIndicator:
    id: int
    level1: str | None
    level2: str | None
    name: str
    operator: str
    value: str | None
    unit: str | None
    raw: str


@dataclass(frozen=True, slots=True)
class PageFinding:
    id: int
    indicator_id: int | None
    rule: str
    name: str
    severity: str
    message: str
    expected: str | None


@dataclass(frozen=True, slots=True)
class ProjectPage:
    id: int
    document_id: int
    seq: str
    name: str
    amount: Decimal | None
    unit_code: str | None
    unit_name: str | None
    region: str | None
    year: int | None
    status: str
    review_comment: str | None
    unparsed: list[Any]
    confidence: Decimal | None  # the recogniser's (None: read by a layout's own parser)
    document_partial: str | None  # where the project's document was cut off (None: complete)
    managed: bool  # handled in the workflow (``store.finding_visibility``)
    goals: list[PageGoal]
    indicators: list[PageIndicator]
    findings: list[PageFinding]


_PROJECT = (select(_P.c.id, _P.c.document_id, _P.c.seq, _P.c.name, _P.c.amount, _P.c.unit_code,
                   _P.c.unit_name, _P.c.region, _P.c.year, _P.c.status, _P.c.review_comment, _P.c.unparsed,
                   _P.c.confidence,
                   _D.c.partial.label("document_partial"), managed_clause().label("managed"))
            .join(_D, _D.c.id == _P.c.document_id).where(_P.c.id == bindparam("project_id")))


def _parts() -> Any:
    """Goals (kind 0), indicators (1) and findings (2) of one project in one statement, each kind in
    its page order; ``c1``–``c7`` are the kind's text columns (unused ones NULL)."""
    pid: Any = bindparam("project_id")

    def text_columns(*columns: Any) -> list[Any]:
        padded = [*columns, *[null()] * (7 - len(columns))]
        return [cast(c, Text).label(f"c{i}") for i, c in enumerate(padded, 1)]

    no_ref = cast(null(), Integer).label("ref")
    goals = select(literal_column("0").label("kind"), _G.c.position.label("ord"), _G.c.id, no_ref,
                   *text_columns(_G.c.text)).where(_G.c.project_id == pid)
    indicators = select(literal_column("1"), _I.c.position, _I.c.id, no_ref,
                        *text_columns(_I.c.level1, _I.c.level2, _I.c.name, _I.c.operator, _I.c.value,
                                      _I.c.unit, _I.c.raw)).where(_I.c.project_id == pid)
    findings = select(literal_column("2"), _F.c.id.label("ord"), _F.c.id, _F.c.indicator_id,
                      *text_columns(_F.c.rule, _F.c.name, _F.c.severity, _F.c.message,
                                    _F.c.expected)).where(_F.c.project_id == pid)
    parts = union_all(goals, indicators, findings).subquery()
    return select(parts).order_by(parts.c.kind, parts.c.ord, parts.c.id)


_PARTS = _parts()


def load_project_page(session: Session, project_id: int) -> ProjectPage | None:
    project = session.execute(_PROJECT, {"project_id": project_id}).first()
    if project is None:
        return None
    goals: list[PageGoal] = []
    indicators: list[PageIndicator] = []
    findings: list[PageFinding] = []
    parts = session.execute(_PARTS, {"project_id": project_id})
    for kind, _ord, id_, ref, c1, c2, c3, c4, c5, c6, c7 in parts:
        if kind == 0:
            goals.append(PageGoal(id_, c1))
        elif kind == 1:
            indicators.append(PageIndicator(id_, c1, c2, c3, c4, c5, c6, c7))
        else:
            findings.append(PageFinding(id_, ref, c1, c2, c3, c4, c5))
    return ProjectPage(
        id=project.id, document_id=project.document_id, seq=project.seq, name=project.name,
        amount=project.amount, unit_code=project.unit_code, unit_name=project.unit_name,
        region=project.region, year=project.year, status=project.status,
        review_comment=project.review_comment, unparsed=project.unparsed or [],
        confidence=project.confidence, document_partial=project.document_partial,
        managed=bool(project.managed), goals=goals, indicators=indicators, findings=findings)
