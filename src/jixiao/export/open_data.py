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
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from jixiao.model.document import Document, Goal, Indicator, Project, Unit, ValueKind
from jixiao.model.jsonify import document_from_dict, value_from_json, value_to_json

DOC_COLUMNS = ("document", "region", "year", "document_total", "document_kind")
UNIT_COLUMNS = ("unit_code", "unit_name", "unit_amount", "unit_parent")
PROJECT_COLUMNS = ("project_seq", "project_name", "project_amount", "department", "implementer", "goals")
#: A self-evaluation's or monitoring round's project data (issue 10): the 预算执行 block and the 总分
#: line as readable columns, and ``funds``/``project_extra`` as JSON objects so nothing is lost.
EVAL_COLUMNS = (
    "budget_planned", "budget_executed", "execution_rate", "budget_points", "budget_score",
    "total_points", "total_score", "grade", "goal_actual", "funds", "project_extra",
)
INDICATOR_COLUMNS = (
    "indicator_no", "level1", "level2", "indicator", "operator", "value", "value_kind", "measure_unit",
    "raw", "nature", "weight", "note", "actual", "score", "deviation", "likelihood", "deviation_kind",
    "measures", "indicator_extra",
)
COLUMNS = DOC_COLUMNS + UNIT_COLUMNS + PROJECT_COLUMNS + EVAL_COLUMNS + INDICATOR_COLUMNS
#: The budget block's cells, first label found wins (年度资金总额 row).
_PLANNED = ("全年预算数", "调整后预算数", "全年(调整)预算数", "变动后预算数", "年初预算数")
_EXECUTED = ("全年执行数", "预算执行数", "执行数")
_TOTAL = re.compile(r"\d+(?:\.\d+)?")
_GRADE = re.compile(r"[优良中差]")
GOAL_SEPARATOR = "\n"


def _s(value: object) -> str:
    return "" if value is None else str(value)


def _json(mapping: Mapping[str, object]) -> str:
    return json.dumps({k: str(v) for k, v in mapping.items()}, ensure_ascii=False) if mapping else ""


def _first(project: Project, labels: tuple[str, ...]) -> str:
    for label in labels:
        key = f"年度资金总额/{label}"
        if key in project.funds:
            return _s(project.funds[key])
        if project.extra.get(key):
            return project.extra[key]
    return ""


def _eval_cells(project: Project) -> dict[str, str]:
    """The 预算执行 block, 总分/等级 and what the readers keep, for a self-evaluation or monitoring."""
    total = next((project.extra[k] for k in ("总分", "自评总分", "总得分") if project.extra.get(k)), "")
    numbers = _TOTAL.findall(total)
    grade = _GRADE.search(total)
    return {
        "budget_planned": _first(project, _PLANNED), "budget_executed": _first(project, _EXECUTED),
        "execution_rate": _first(project, ("执行率", "预算执行率")),
        "budget_points": _first(project, ("分值", "权重")), "budget_score": _first(project, ("得分",)),
        "total_points": numbers[0] if len(numbers) >= 2 else "",
        "total_score": numbers[-1] if numbers else "", "grade": grade.group(0) if grade else "",
        "goal_actual": project.extra.get("goal_actual") or project.extra.get("年度目标完成情况", ""),
        "funds": _json(project.funds), "project_extra": _json(project.extra),
    }


def _indicator_cells(number: int, ind: Indicator) -> dict[str, str]:
    return {
        "indicator_no": str(number), "level1": _s(ind.level1), "level2": _s(ind.level2),
        "indicator": ind.name, "operator": ind.operator, "value": _s(value_to_json(ind.value)),
        "value_kind": ind.value_kind.value, "measure_unit": _s(ind.unit), "raw": ind.raw,
        "nature": _s(ind.nature), "weight": _s(ind.weight), "note": _s(ind.note),
        "actual": _s(ind.actual), "score": _s(ind.score), "deviation": _s(ind.deviation),
        "likelihood": ind.extra.get("完成可能性", ""), "deviation_kind": ind.extra.get("偏差原因类别", ""),
        "measures": ind.extra.get("纠偏措施", ""), "indicator_extra": _json(ind.extra),
    }


def flat_rows(doc: Document) -> Iterator[dict[str, str]]:
    """Every column of :data:`COLUMNS` in every row, as strings (empty for none)."""
    head = {"document": _s(doc.title), "region": _s(doc.region), "year": _s(doc.year),
            "document_total": _s(doc.total), "document_kind": doc.kind}
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
        } | _eval_cells(project)
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
        score=_dec(row["score"]), deviation=_opt(row["deviation"]), extra=_mapping(row["indicator_extra"]),
    )


def _mapping(text: str) -> dict[str, str]:
    data = json.loads(text) if text.strip() else {}
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    return {str(k): str(v) for k, v in data.items()}


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
        doc.kind = row["document_kind"] or doc.kind
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
            projects[seq].funds = {k: Decimal(v) for k, v in _mapping(row["funds"]).items()}
            projects[seq].extra = _mapping(row["project_extra"])
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
    if "project_seq" in first and set(first) <= set(COLUMNS):  # also a file from before issue 10
        return document_from_rows(list(csv.DictReader(io.StringIO(text, newline=""))))
    return None
