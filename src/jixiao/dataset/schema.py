"""The Parquet dataset's tables: the fields of the JSON (``model.jsonify``, ``check --format json``)
flattened one row per document, unit, project, indicator and finding, plus ``failures``.

Every row carries its document's ``sha256`` (the key), ``year`` and ``region`` (the partition), and
its position (``project_index``, ``indicator_index`` …) so that the document is rebuilt exactly
(:mod:`jixiao.dataset.load`). Amounts and values stay decimal strings, as in the JSON: exact, never
float (the DuckDB views cast them to DECIMAL). Nested objects (locations, ``extra``, ``funds``,
``context``, ``unparsed``) are JSON text; lists of strings are Parquet lists.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pyarrow as pa

from jixiao.model.document import Commitment, Goal, Project
from jixiao.model.location import Location

#: the tables of a dataset, in the order they are written
TABLES = ("documents", "units", "projects", "indicators", "findings", "failures")
#: tables partitioned by ``year=…/region=…`` (failures have neither)
PARTITIONED = TABLES[:-1]

_S = pa.string()
_I = pa.int32()
_L = pa.list_(pa.string())
_KEY = [("sha256", _S), ("year", _I), ("region", _S)]

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        *_KEY, ("path", _S), ("title", _S), ("kind", _S), ("layout", _S), ("organisation", _S),
        ("source", _S), ("total", _S), ("partial", _S), ("repairs", _L), ("unparsed", _S),
        ("project_count", _I), ("indicator_count", _I), ("finding_count", _I)]),
    "units": pa.schema([
        *_KEY, ("unit_index", _I), ("code", _S), ("name", _S), ("amount", _S), ("parent", _S),
        ("location", _S)]),
    "projects": pa.schema([
        *_KEY, ("project_index", _I), ("seq", _S), ("unit", _S), ("name", _S), ("amount", _S), ("goals", _L),
        ("goal_details", _S), ("unparsed", _S), ("location", _S), ("department", _S), ("implementer", _S),
        ("funds", _S), ("extra", _S), ("confidence", _S)]),
    "indicators": pa.schema([
        *_KEY, ("project_index", _I), ("indicator_index", _I), ("project_seq", _S), ("unit_code", _S),
        ("level1", _S), ("level2", _S), ("name", _S), ("operator", _S), ("value", _S), ("value_kind", _S),
        ("unit", _S), ("raw", _S), ("location", _S), ("nature", _S), ("note", _S), ("actual", _S),
        ("deviation", _S), ("weight", _S), ("score", _S), ("repairs", _L), ("extra", _S)]),
    "findings": pa.schema([
        *_KEY, ("finding_index", _I), ("unit_code", _S), ("rule", _S), ("name", _S), ("severity", _S),
        ("message", _S), ("project", _S), ("indicator", _S), ("location", _S), ("evidence", _S),
        ("expected", _S), ("context", _S), ("docs", _S)]),
    "failures": pa.schema([("sha256", _S), ("path", _S), ("kind", _S), ("error", _S)]),
}

#: nested JSON fields kept as JSON text, per table
JSON_FIELDS = {"documents": ("unparsed",), "units": ("location",),
               "projects": ("unparsed", "location", "funds", "extra"),
               "indicators": ("location", "extra"), "findings": ("location", "context")}


def dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _flat(table: str, data: dict[str, Any], key: dict[str, Any], **more: Any) -> dict[str, Any]:
    """One row of ``table``: the JSON object's fields (nested ones as JSON text), absent ones null."""
    row = dict(key) | more
    for name in SCHEMAS[table].names:
        if name in row:
            continue
        value = data.get(name)
        row[name] = dumps(value) if name in JSON_FIELDS.get(table, ()) else value
    return row


def goal_details(project: Project) -> str | None:
    """What the JSON leaves out of a project's goals (label, location, the numeric commitments found
    in the text) and the store keeps, as JSON text; None when there is nothing beyond the text."""
    details = [{"label": g.label, "location": None if g.location is None else g.location.to_dict(),
                "commitments": [{"text": c.text, "operator": c.operator, "value": str(c.value),
                                 "unit": c.unit, "subject": c.subject,
                                 "span": None if c.span is None else list(c.span)} for c in g.commitments]}
               for g in project.goals]
    if all(d["label"] is None and d["location"] is None and not d["commitments"] for d in details):
        return None
    return dumps(details)


def with_goal_details(goals: list[Goal], text: str | None) -> list[Goal]:
    """``goals`` (rebuilt from their text) with the details :func:`goal_details` kept."""
    details = loads(text) or []
    out = []
    for goal, d in zip(goals, details + [None] * (len(goals) - len(details)), strict=False):
        if d is None:
            out.append(goal)
            continue
        commitments = [Commitment(c["text"], c["operator"], Decimal(c["value"]), c["unit"], c["subject"],
                                  None if c["span"] is None else (int(c["span"][0]), int(c["span"][1])))
                       for c in d["commitments"]]
        out.append(Goal(goal.text, d["label"], commitments, Location.from_dict(d["location"])))
    return out


def document_rows(doc_json: dict[str, Any], findings: list[dict[str, Any]], sha256: str,
                  path: str, details: list[str | None] | None = None) -> dict[str, list[dict[str, Any]]]:
    """The rows of every partitioned table for one document (``document_to_dict`` output) and its
    findings (``Finding.to_dict`` output); ``details``: :func:`goal_details` of each project."""
    key = {"sha256": sha256, "year": doc_json.get("year"), "region": doc_json.get("region")}
    projects = doc_json["projects"]
    unit_of: dict[str, str | None] = {}
    for project in projects:
        unit_of.setdefault(str(project["seq"]), project.get("unit"))
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in PARTITIONED}
    rows["documents"].append(_flat("documents", doc_json, key, path=path, project_count=len(projects),
                                   indicator_count=sum(len(p["indicators"]) for p in projects),
                                   finding_count=len(findings)))
    for i, unit in enumerate(doc_json["units"]):
        rows["units"].append(_flat("units", unit, key, unit_index=i))
    for i, project in enumerate(projects):
        rows["projects"].append(_flat("projects", project, key, project_index=i, seq=str(project["seq"]),
                                      goal_details=details[i] if details else None))
        for j, ind in enumerate(project["indicators"]):
            rows["indicators"].append(_flat("indicators", ind, key, project_index=i, indicator_index=j,
                                            project_seq=str(project["seq"]), unit_code=project.get("unit")))
    for i, finding in enumerate(findings):
        seq = finding.get("project")
        rows["findings"].append(_flat("findings", finding, key, finding_index=i,
                                      project=None if seq is None else str(seq),
                                      unit_code=unit_of.get(str(seq)) if seq is not None else None))
    return rows


def to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def unflat(table: str, row: dict[str, Any], drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """A row back into its JSON object: nested fields parsed, null optional fields left out."""
    out: dict[str, Any] = {}
    for name, value in row.items():
        if name in drop:
            continue
        out[name] = loads(value) if name in JSON_FIELDS.get(table, ()) else value
    return out
