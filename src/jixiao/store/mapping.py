"""Model objects <-> database rows. ``load(save(doc)) == doc`` for every field of the model."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.model.document import Commitment, Document, Goal, Indicator, Project, Unit, Unparsed, ValueKind
from jixiao.model.jsonify import unparsed_to_dict, value_from_json, value_to_json
from jixiao.model.location import Location
from jixiao.store.schema import DocumentRow, GoalRow, IndicatorRow, ProjectRow, UnitRow


def _loc(location: Location | None) -> dict[str, Any] | None:
    return None if location is None else location.to_dict()


def _unparsed(items: list[Unparsed]) -> list[Any]:
    return [unparsed_to_dict(u) for u in items]


def _unparsed_back(items: list[Any]) -> list[Unparsed]:
    return [Unparsed(u["text"], Location.from_dict(u.get("location")), u.get("reason", "")) for u in items]


def _commitment(c: Commitment) -> dict[str, Any]:
    return {"text": c.text, "operator": c.operator, "value": str(c.value), "unit": c.unit,
            "subject": c.subject, "span": None if c.span is None else [c.span[0], c.span[1]]}


def _commitment_back(d: dict[str, Any]) -> Commitment:
    span = d.get("span")
    return Commitment(d["text"], d["operator"], Decimal(d["value"]), d.get("unit"), d.get("subject", ""),
                      None if span is None else (int(span[0]), int(span[1])))


def indicator_values(ind: Indicator, position: int) -> dict[str, Any]:
    """The column values of an indicator's row (``indicator_row``; bulk imports use them as they are)."""
    return dict(
        position=position, level1=ind.level1, level2=ind.level2, name=ind.name, operator=ind.operator,
        value=value_to_json(ind.value), value_kind=ind.value_kind.value, unit=ind.unit, raw=ind.raw,
        location=_loc(ind.location), nature=ind.nature, weight=ind.weight, note=ind.note,
        actual=ind.actual, score=ind.score, deviation=ind.deviation, repairs=list(ind.repairs),
        extra=dict(ind.extra),
    )


def indicator_row(ind: Indicator, position: int) -> IndicatorRow:
    return IndicatorRow(**indicator_values(ind, position))


def indicator_model(row: IndicatorRow) -> Indicator:
    kind = ValueKind(row.value_kind)
    return Indicator(
        level1=row.level1, level2=row.level2, name=row.name, operator=row.operator,
        value=value_from_json(row.value, kind), value_kind=kind, unit=row.unit, raw=row.raw,
        location=Location.from_dict(row.location), nature=row.nature, weight=row.weight, note=row.note,
        actual=row.actual, score=row.score, deviation=row.deviation, repairs=tuple(row.repairs or ()),
        extra=dict(row.extra or {}),
    )


def goal_values(goal: Goal, position: int) -> dict[str, Any]:
    return dict(position=position, text=goal.text, label=goal.label,
                commitments=[_commitment(c) for c in goal.commitments], location=_loc(goal.location))


def goal_row(goal: Goal, position: int) -> GoalRow:
    return GoalRow(**goal_values(goal, position))


def goal_model(row: GoalRow) -> Goal:
    return Goal(text=row.text, label=row.label, commitments=[_commitment_back(c) for c in row.commitments],
                location=Location.from_dict(row.location))


def project_values(project: Project, position: int, doc: Document, status: str = "draft") -> dict[str, Any]:
    """The column values of a project's row, without its goals and indicators."""
    unit = doc.unit(project.unit_code) if project.unit_code else None
    return dict(
        position=position, seq=project.seq, name=project.name, amount=project.amount,
        unit_code=project.unit_code,
        unit_name=unit.name if unit else (project.implementer or doc.organisation),
        region=doc.region, year=doc.year, department=project.department, implementer=project.implementer,
        funds={k: str(v) for k, v in project.funds.items()}, extra=dict(project.extra),
        location=_loc(project.location), unparsed=_unparsed(project.unparsed), status=status,
        confidence=project.confidence,
    )


def project_row(project: Project, position: int, doc: Document, status: str = "draft") -> ProjectRow:
    return ProjectRow(**project_values(project, position, doc, status),
                      goals=[goal_row(g, i) for i, g in enumerate(project.goals)],
                      indicators=[indicator_row(ind, i) for i, ind in enumerate(project.indicators)])


def project_model(row: ProjectRow) -> Project:
    return Project(
        seq=row.seq, name=row.name, amount=row.amount, unit_code=row.unit_code,
        goals=[goal_model(g) for g in row.goals],
        indicators=[indicator_model(i) for i in row.indicators],
        unparsed=_unparsed_back(row.unparsed), location=Location.from_dict(row.location),
        department=row.department, implementer=row.implementer,
        funds={k: Decimal(v) for k, v in row.funds.items()}, extra=dict(row.extra),
        confidence=row.confidence,
    )


def document_values(doc: Document, sha256: str) -> dict[str, Any]:
    """The column values of a document's row, without its units and projects."""
    return dict(
        sha256=sha256, source=doc.source, title=doc.title, region=doc.region, year=doc.year,
        kind=doc.kind, layout=doc.layout, organisation=doc.organisation, total=doc.total,
        unparsed=_unparsed(doc.unparsed), partial=doc.partial, repairs=list(doc.repairs),
    )


def unit_values(unit: Unit, position: int) -> dict[str, Any]:
    return dict(position=position, code=unit.code, name=unit.name, amount=unit.amount, parent=unit.parent,
                location=_loc(unit.location))


def document_row(doc: Document, sha256: str, status: str = "draft") -> DocumentRow:
    return DocumentRow(
        **document_values(doc, sha256),
        units=[UnitRow(**unit_values(u, i)) for i, u in enumerate(doc.units)],
        projects=[project_row(p, i, doc, status) for i, p in enumerate(doc.projects)],
    )


def document_model(row: DocumentRow, projects: list[ProjectRow] | None = None) -> Document:
    """The stored document; ``projects`` restricts it to those rows (e.g. the published ones)."""
    return Document(
        title=row.title, region=row.region, year=row.year, kind=row.kind, total=row.total,
        units=[Unit(u.code, u.name, u.amount, u.parent, Location.from_dict(u.location)) for u in row.units],
        projects=[project_model(p) for p in (row.projects if projects is None else projects)],
        unparsed=_unparsed_back(row.unparsed), source=row.source, layout=row.layout,
        organisation=row.organisation, partial=row.partial, repairs=list(row.repairs or []),
    )
