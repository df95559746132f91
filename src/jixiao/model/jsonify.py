"""Document <-> plain JSON-able dicts (the public JSON contract of ``jixiao parse``).

Amounts and numeric values are decimal strings, dates ISO ``YYYY-MM-DD``, level names as written.
``document_from_dict(document_to_dict(d))`` gives back an equal document (commitments are
recomputed by the parser, so they are not serialised).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from typing import Any

from jixiao.model.document import (
    NO_OPERATOR,
    Document,
    Goal,
    Indicator,
    IndicatorValue,
    Project,
    Unit,
    Unparsed,
    ValueKind,
)
from jixiao.model.json_text import pretty_chunks
from jixiao.model.location import Location


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def value_to_json(value: IndicatorValue) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def value_from_json(value: str | None, kind: ValueKind) -> IndicatorValue:
    if value is None:
        return None
    if kind in (ValueKind.NUMBER, ValueKind.PERCENT):
        return Decimal(value)
    if kind is ValueKind.DATE:
        return dt.date.fromisoformat(value)
    return value


def _loc(location: Location | None) -> dict[str, Any] | None:
    return None if location is None else location.to_dict()


def unparsed_to_dict(item: Unparsed) -> dict[str, Any]:
    return {"text": item.text, "location": _loc(item.location), "reason": item.reason}


#: ValueKind -> its JSON string (a dict look-up; ``Enum.value`` is a Python-level property).
_KIND_JSON: dict[ValueKind, str] = {kind: kind.value for kind in ValueKind}


def indicator_to_dict(ind: Indicator) -> dict[str, Any]:
    value = ind.value
    location = ind.location
    out: dict[str, Any] = {
        "level1": ind.level1,
        "level2": ind.level2,
        "name": ind.name,
        "operator": ind.operator or None,  # null: none written (NO_OPERATOR), never an invented "="
        "value": None if value is None else value.isoformat() if isinstance(value, dt.date) else str(value),
        "value_kind": _KIND_JSON[ind.value_kind],
        "unit": ind.unit,
        "raw": ind.raw,
        "location": None if location is None else location.to_dict(),
    }
    # the optional fields, written out (not looped over by name): one call per indicator of a table
    if ind.nature is not None:
        out["nature"] = ind.nature
    if ind.note is not None:
        out["note"] = ind.note
    if ind.actual is not None:
        out["actual"] = ind.actual
    if ind.deviation is not None:
        out["deviation"] = ind.deviation
    if ind.weight is not None:
        out["weight"] = str(ind.weight)
    if ind.score is not None:
        out["score"] = str(ind.score)
    if ind.repairs:
        out["repairs"] = list(ind.repairs)
    if ind.extra:
        out["extra"] = dict(ind.extra)
    return out


def project_to_dict(project: Project) -> dict[str, Any]:
    out: dict[str, Any] = {
        "seq": project.seq,
        "unit": project.unit_code,
        "name": project.name,
        "amount": _dec(project.amount),
        "goals": [g.text for g in project.goals],
        "indicators": [indicator_to_dict(i) for i in project.indicators],
        "unparsed": [unparsed_to_dict(u) for u in project.unparsed],
        "location": _loc(project.location),
    }
    if project.department is not None:
        out["department"] = project.department
    if project.implementer is not None:
        out["implementer"] = project.implementer
    if project.funds:
        out["funds"] = {k: str(v) for k, v in project.funds.items()}
    if project.extra:
        out["extra"] = dict(project.extra)
    if project.confidence is not None:
        out["confidence"] = _dec(project.confidence)
    return out


def document_to_dict(doc: Document) -> dict[str, Any]:
    return {
        "title": doc.title,
        "region": doc.region,
        "year": doc.year,
        "kind": doc.kind,
        "layout": doc.layout,
        "organisation": doc.organisation,
        "source": doc.source,
        "total": _dec(doc.total),
        "units": [
            {"code": u.code, "name": u.name, "amount": _dec(u.amount), "parent": u.parent,
             "location": _loc(u.location)}
            for u in doc.units
        ],
        "projects": [project_to_dict(p) for p in doc.projects],
        "unparsed": [unparsed_to_dict(u) for u in doc.unparsed],
        "partial": doc.partial,
        "repairs": list(doc.repairs),
    }


def document_head(doc: Document) -> dict[str, Any]:
    """:func:`document_to_dict` with the projects left out (their place kept by the key)."""
    return document_to_dict(replace(doc, projects=[]))


def document_chunks(doc: Document, *, floats: bool = True) -> Iterator[bytes | memoryview]:
    """:func:`document_to_dict` as indented JSON (``json.dumps(..., ensure_ascii=False, indent=2)``),
    in pieces, the projects converted a batch at a time (:func:`~jixiao.model.json_text.pretty_chunks`).
    ``floats=False``: the document holds no float (it was parsed, not loaded)."""
    return pretty_chunks(document_head(doc), "projects", doc.projects, floats=floats, convert=project_to_dict)


def _unparsed_from(data: dict[str, Any]) -> Unparsed:
    return Unparsed(data["text"], Location.from_dict(data.get("location")), data.get("reason", ""))


def indicator_from_dict(data: dict[str, Any]) -> Indicator:
    kind = ValueKind(data["value_kind"])
    return Indicator(
        level1=data.get("level1"),
        level2=data.get("level2"),
        name=data["name"],
        operator=data.get("operator") or NO_OPERATOR,
        value=value_from_json(data.get("value"), kind),
        value_kind=kind,
        unit=data.get("unit"),
        raw=data.get("raw", ""),
        location=Location.from_dict(data.get("location")),
        nature=data.get("nature"),
        weight=_undec(data.get("weight")),
        note=data.get("note"),
        actual=data.get("actual"),
        score=_undec(data.get("score")),
        deviation=data.get("deviation"),
        repairs=tuple(data.get("repairs", ())),
        extra=dict(data.get("extra", {})),
    )


def project_from_dict(data: dict[str, Any]) -> Project:
    return Project(
        seq=str(data["seq"]),
        name=data["name"],
        amount=_undec(data.get("amount")),
        unit_code=data.get("unit"),
        goals=[Goal(text=t) for t in data.get("goals", [])],
        indicators=[indicator_from_dict(i) for i in data.get("indicators", [])],
        unparsed=[_unparsed_from(u) for u in data.get("unparsed", [])],
        location=Location.from_dict(data.get("location")),
        department=data.get("department"),
        implementer=data.get("implementer"),
        funds={k: Decimal(v) for k, v in data.get("funds", {}).items()},
        extra=dict(data.get("extra", {})),
        confidence=_undec(data.get("confidence")),
    )


def document_from_dict(data: dict[str, Any]) -> Document:
    return Document(
        title=data.get("title"),
        region=data.get("region"),
        year=data.get("year"),
        kind=data.get("kind", "target"),
        layout=data.get("layout"),
        organisation=data.get("organisation"),
        source=data.get("source", ""),
        total=_undec(data.get("total")),
        units=[
            Unit(u["code"], u["name"], _undec(u.get("amount")), u.get("parent"),
                 Location.from_dict(u.get("location")))
            for u in data.get("units", [])
        ],
        projects=[project_from_dict(p) for p in data.get("projects", [])],
        unparsed=[_unparsed_from(u) for u in data.get("unparsed", [])],
        partial=data.get("partial"),
        repairs=list(data.get("repairs", [])),
    )
