"""Flat open data: one row per indicator, carrying its document, unit and project.

Each unit first gets a row of its own (project columns empty), a project without indicators
still gets one row (indicator columns empty), and a document with neither gets one row of its own
columns, so nothing in the document is lost. Amounts and
values are decimal strings, dates ISO. :func:`document_from_rows` reads the rows back into an
equal Document (source locations aside: flat data describes the publication, not the original).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from jixiao.model.document import Document, Goal, Indicator, Project, Unit, ValueKind
from jixiao.model.jsonify import document_from_dict, value_from_json, value_to_json

DOC_COLUMNS = ("document", "region", "year", "document_total")
UNIT_COLUMNS = ("unit_code", "unit_name", "unit_amount", "unit_parent")
PROJECT_COLUMNS = ("project_seq", "project_name", "project_amount", "department", "implementer", "goals")
INDICATOR_COLUMNS = (
    "indicator_no", "level1", "level2", "indicator", "operator", "value", "value_kind", "measure_unit",
    "raw", "nature", "weight", "note", "actual", "score", "deviation",
)
COLUMNS = DOC_COLUMNS + UNIT_COLUMNS + PROJECT_COLUMNS + INDICATOR_COLUMNS
GOAL_SEPARATOR = "\n"


def _s(value: object) -> str:
    return "" if value is None else str(value)


def _indicator_cells(number: int, ind: Indicator) -> dict[str, str]:
    return {
        "indicator_no": str(number), "level1": _s(ind.level1), "level2": _s(ind.level2),
        "indicator": ind.name, "operator": ind.operator, "value": _s(value_to_json(ind.value)),
        "value_kind": ind.value_kind.value, "measure_unit": _s(ind.unit), "raw": ind.raw,
        "nature": _s(ind.nature), "weight": _s(ind.weight), "note": _s(ind.note),
        "actual": _s(ind.actual), "score": _s(ind.score), "deviation": _s(ind.deviation),
    }


def flat_rows(doc: Document) -> Iterator[dict[str, str]]:
    """Every column of :data:`COLUMNS` in every row, as strings (empty for none)."""
    head = {"document": _s(doc.title), "region": _s(doc.region), "year": _s(doc.year),
            "document_total": _s(doc.total)}
    blank = dict.fromkeys(COLUMNS, "")
    units = {u.code: u for u in doc.units}
    if not doc.units and not doc.projects:  # still say which document, and its 合计
        yield blank | head
    for unit in doc.units:
        yield blank | head | _unit_cells(unit, unit.code)
    for project in doc.projects:
        base = blank | head | _unit_cells(units.get(project.unit_code or ""), project.unit_code) | {
            "project_seq": project.seq, "project_name": project.name,
            "project_amount": _s(project.amount), "department": _s(project.department),
            "implementer": _s(project.implementer),
            "goals": GOAL_SEPARATOR.join(g.text for g in project.goals),
        }
        if not project.indicators:
            yield base
        for number, ind in enumerate(project.indicators, 1):
            yield base | _indicator_cells(number, ind)


def _unit_cells(unit: Unit | None, code: str | None) -> dict[str, str]:
    if unit is None:
        return {"unit_code": _s(code)}
    return {"unit_code": unit.code, "unit_name": unit.name, "unit_amount": _s(unit.amount),
            "unit_parent": _s(unit.parent)}


def _dec(text: str) -> Decimal | None:
    return Decimal(text) if text.strip() else None


def _opt(text: str) -> str | None:
    return text if text != "" else None


def _indicator(row: Mapping[str, str]) -> Indicator:
    kind = ValueKind(row["value_kind"])
    return Indicator(
        level1=_opt(row["level1"]), level2=_opt(row["level2"]), name=row["indicator"],
        operator=row["operator"], value=value_from_json(_opt(row["value"]), kind), value_kind=kind,
        unit=_opt(row["measure_unit"]), raw=row["raw"], nature=_opt(row["nature"]),
        weight=_dec(row["weight"]), note=_opt(row["note"]), actual=_opt(row["actual"]),
        score=_dec(row["score"]), deviation=_opt(row["deviation"]),
    )


def document_from_rows(rows: list[Mapping[str, Any]]) -> Document:
    """Rebuild a Document from :func:`flat_rows` output (also as read back from CSV or JSON)."""
    doc = Document()
    units: dict[str, Unit] = {}
    projects: dict[str, Project] = {}
    for raw in rows:
        row = {c: _s(raw.get(c)) for c in COLUMNS}
        doc.title = doc.title or _opt(row["document"])
        doc.region = doc.region or _opt(row["region"])
        doc.year = doc.year or (int(row["year"]) if row["year"] else None)
        doc.total = doc.total if doc.total is not None else _dec(row["document_total"])
        code, seq = row["unit_code"], row["project_seq"]
        if not seq:  # a unit's own row (or the document's, when it has neither units nor projects)
            if code and code not in units:
                units[code] = Unit(code, row["unit_name"], _dec(row["unit_amount"]), _opt(row["unit_parent"]))
            continue
        if seq not in projects:
            goals = [Goal(t) for t in row["goals"].split(GOAL_SEPARATOR) if t] if row["goals"] else []
            projects[seq] = Project(
                seq, row["project_name"], _dec(row["project_amount"]), _opt(code), goals,
                department=_opt(row["department"]), implementer=_opt(row["implementer"]),
            )
        if row["indicator_no"]:
            projects[seq].indicators.append(_indicator(row))
    doc.units = list(units.values())
    doc.projects = list(projects.values())
    return doc


def read_open_data(data: bytes) -> Document | None:
    """A Document from one of jixiao's own exports — document JSON, flat JSON rows or flat CSV — or
    None when ``data`` is none of them. Raises ValueError/KeyError/ArithmeticError when it is one
    of them but malformed."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # jixiao writes UTF-8: someone else's file, for the readers
        return None
    head = text.lstrip()[:1]
    if head in ("{", "["):
        payload = json.loads(text)
        if isinstance(payload, dict) and isinstance(payload.get("projects"), list):
            return document_from_dict(payload)
        if isinstance(payload, list) and payload and all(isinstance(r, dict) for r in payload) \
                and "project_seq" in payload[0]:
            return document_from_rows(payload)
        return None
    first = text.split("\n", 1)[0].strip().split(",")
    if first == list(COLUMNS):
        return document_from_rows(list(csv.DictReader(io.StringIO(text, newline=""))))
    return None
