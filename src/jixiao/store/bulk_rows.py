"""A document's database rows as plain values, ready for a bulk insert (``store.bulk``).

:func:`prepare_rows` turns what :func:`jixiao.store.repository.save_document` would store — a
:class:`Document`, its review findings and the sha256 of its bytes — into plain tuples: JSON
columns already serialised exactly as SQLAlchemy's ``JSON`` type serialises them, decimals as
their text, and the jieba-segmented search words of every project. It touches no database, so
``jixiao import`` runs it in its worker processes and the storing process only inserts.

Links between rows are positions, not database ids: a goal or an indicator names its project's
position, a finding its project's and indicator's (resolved as ``repository.add_findings`` does:
the last project with the finding's ``project`` seq, the first of its indicators with the
finding's ``indicator`` name). ``store.bulk`` turns positions into ids when it inserts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from jixiao.model.document import Document
from jixiao.store import search
from jixiao.store.mapping import (
    document_values,
    goal_values,
    indicator_values,
    project_values,
    unit_values,
)

#: the columns each bulk-inserted table gets, in tuple order (ids and links are added first)
UNIT_COLUMNS = ("id", "document_id", "position", "code", "name", "amount", "parent", "location")
PROJECT_COLUMNS = ("id", "document_id", "position", "seq", "name", "amount", "unit_code", "unit_name",
                   "region", "year", "department", "implementer", "funds", "extra", "location",
                   "unparsed", "confidence", "status")
GOAL_COLUMNS = ("id", "project_id", "position", "text", "label", "commitments", "location", "version")
INDICATOR_COLUMNS = ("id", "project_id", "position", "level1", "level2", "name", "operator", "value",
                     "value_kind", "unit", "raw", "location", "nature", "weight", "note", "actual",
                     "score", "deviation", "repairs", "extra", "version")
FINDING_COLUMNS = ("id", "document_id", "project_id", "indicator_id", "rule", "name", "severity",
                   "message", "project", "indicator", "location", "evidence", "expected", "context",
                   "docs")


class ImportItem(NamedTuple):
    """One document to store: the model, its findings (the review engine's public JSON), the
    sha256 of its source bytes, and the name it is reported under (a path, a dataset row's file)."""

    document: Document
    findings: list[dict[str, Any]]
    sha256: str
    source: str


@dataclass(slots=True)
class PreparedDocument:
    """The rows of one document. ``projects[i]`` etc. hold every column after the id/link ones;
    ``goals``/``indicators`` start with their project's position, ``findings`` with the project's
    and the indicator's position (or None)."""

    source: str
    sha256: str
    document: dict[str, Any]
    units: list[tuple[Any, ...]] = field(default_factory=list)
    projects: list[tuple[Any, ...]] = field(default_factory=list)
    goals: list[tuple[Any, ...]] = field(default_factory=list)
    indicators: list[tuple[Any, ...]] = field(default_factory=list)
    findings: list[tuple[Any, ...]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    audit: dict[str, Any] = field(default_factory=dict)


def dumps(value: Any) -> str:
    """A JSON column's stored text, as SQLAlchemy's ``JSON`` type writes it (``None`` is ``null``)."""
    if value is None:
        return "null"
    if not value and type(value) in (list, dict):  # most repairs, extras and unparsed: no encoder call
        return "[]" if type(value) is list else "{}"
    return json.dumps(value)


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


_JSON = {"location", "funds", "extra", "unparsed", "commitments", "repairs", "context"}
_DECIMAL = {"amount", "confidence", "weight", "score"}


def _row(values: Mapping[str, Any], columns: Sequence[str]) -> tuple[Any, ...]:
    """``values`` (a mapping function's column values) as stored text, in ``columns`` order."""
    return tuple(dumps(values[c]) if c in _JSON else _dec(values[c]) if c in _DECIMAL
                 else values.get(c, 0) if c == "version" else values[c] for c in columns)


def prepare_rows(item: ImportItem, status: str = "draft") -> PreparedDocument:
    """The rows ``save_document`` would insert for ``item`` (see the module docstring), from the same
    mapping functions (``store.mapping``) without building ORM objects."""
    doc = item.document
    prepared = PreparedDocument(item.source, item.sha256, document_values(doc, item.sha256))
    prepared.units = [_row(unit_values(u, i), UNIT_COLUMNS[2:]) for i, u in enumerate(doc.units)]
    projects = []
    for position, project in enumerate(doc.projects):
        values = project_values(project, position, doc, status)
        projects.append(values)
        prepared.projects.append(_row(values, PROJECT_COLUMNS[2:]))
        prepared.goals += [(position, *_row(goal_values(g, i), GOAL_COLUMNS[2:]))
                           for i, g in enumerate(project.goals)]
        prepared.indicators += [(position, *_row(indicator_values(ind, i), INDICATOR_COLUMNS[2:]))
                                for i, ind in enumerate(project.indicators)]
        prepared.words.append(search.segment(search.search_text(
            values["name"], values["unit_name"], [g.text for g in project.goals],
            [i.name for i in project.indicators])))
    prepared.findings = _finding_rows(doc, projects, item.findings)
    prepared.audit = {"sha256": item.sha256, "source": doc.source, "projects": len(doc.projects),
                      "findings": len(prepared.findings), "status": status}
    return prepared


def _finding_rows(doc: Document, projects: list[dict[str, Any]],
                  findings: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    by_seq = {p["seq"]: position for position, p in enumerate(projects)}  # the last of a seq wins
    out: list[tuple[Any, ...]] = []
    for data in findings:
        seq = data.get("project")
        project = by_seq.get(str(seq)) if seq is not None else None
        indicator = None
        if project is not None and data.get("indicator"):
            indicator = next((i for i, ind in enumerate(doc.projects[project].indicators)
                              if ind.name == data["indicator"]), None)
        out.append((
            project, indicator, str(data["rule"]), str(data.get("name", "")), str(data.get("severity", "")),
            str(data.get("message", "")), None if seq is None else str(seq), data.get("indicator"),
            dumps(data.get("location")), data.get("evidence"), data.get("expected"),
            dumps(dict(data.get("context") or {})), data.get("docs")))
    return out
