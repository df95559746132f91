"""What the grid editor shows: rows, version, taxonomy choices, and the review of a table as typed.

Shared by the grid page (rendered into the table) and its API (JSON). A finding carries its rule
label and severity name in the current language, so the script shows the CLI's messages unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from jixiao.i18n import _
from jixiao.model.document import Indicator
from jixiao.model.jsonify import value_to_json
from jixiao.model.taxonomy import (
    LEVEL1,
    Framework,
    allowed_parents,
    canonical_level1,
    canonical_level2,
    guess_framework,
    level2_names,
)
from jixiao.review.finding import severity_name
from jixiao.review.registry import rule_label
from jixiao.store.grid_edit import GridRow, grid_version, parse_rows
from jixiao.store.mapping import indicator_model
from jixiao.store.project_review import project_document, review_in_budget
from jixiao.store.repository import finding_dict, project_findings
from jixiao.store.schema import IndicatorRow, ProjectRow


def framework_of(session: Session, project: ProjectRow) -> Framework:
    """The document's framework, guessed from the level names all its indicators use."""
    names = session.execute(select(IndicatorRow.level1, IndicatorRow.level2).distinct()
                            .join(ProjectRow, ProjectRow.id == IndicatorRow.project_id)
                            .where(ProjectRow.document_id == project.document_id)).all()
    return guess_framework([n[0] for n in names], [n[1] for n in names])


def taxonomy(framework: Framework) -> dict[str, Any]:
    """Level-1 choices and, per level 1, its level-2 choices (as forms write them: 产出指标, 数量指标)."""
    level2 = {l1: [f"{l2}指标" for l2 in level2_names(framework) if l1 in allowed_parents(l2, framework)]
              for l1 in LEVEL1}
    return {"framework": framework.value,
            "level1": [{"key": l1, "label": f"{l1}指标"} for l1 in LEVEL1 if level2[l1]],
            "level2": {l1: names for l1, names in level2.items() if names}}


def labelled(finding: dict[str, Any]) -> dict[str, Any]:
    """The finding with its rule label ("VAL003 缺少指标性质") and severity name for display."""
    return {**finding, "rule_label": rule_label(finding["rule"], finding["name"]),
            "severity_label": severity_name(finding["severity"])}


def _value_text(row: IndicatorRow) -> str:
    value = value_to_json(indicator_model(row).value)
    return value or ""


def row_json(row: IndicatorRow, findings: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": row.id, "version": row.version, "level1": row.level1 or "", "level2": row.level2 or "",
            "level1_key": canonical_level1(row.level1) or "",
            "level2_key": canonical_level2(row.level2) or "",
            "name": row.name, "operator": row.operator, "value": _value_text(row), "unit": row.unit or "",
            "weight": "" if row.weight is None else str(row.weight), "note": row.note or "",
            "findings": findings}


def grid_json(session: Session, project: ProjectRow) -> dict[str, Any]:
    session.expire(project, ["indicators"])
    by_indicator: dict[int | None, list[dict[str, Any]]] = {}
    for finding in project_findings(session, project.id):
        by_indicator.setdefault(finding.indicator_id, []).append(labelled(finding_dict(finding)))
    return {"project_id": project.id, "version": grid_version(session, project.id),
            "status": project.status, "taxonomy": taxonomy(framework_of(session, project)),
            "rows": [row_json(r, by_indicator.get(r.id, [])) for r in project.indicators],
            "project_findings": by_indicator.get(None, [])}


def check_grid(project: ProjectRow, rows: Sequence[GridRow], budget: float | None = None) -> dict[str, Any]:
    """Each row's field errors and findings with the table as typed in place of the stored one
    (nothing is stored): the rows that parse are reviewed together, as a save would store them."""
    session = object_session(project)
    assert session is not None
    parsed, errors = parse_rows(rows)
    failed = {e["row"] for e in errors}
    doc = project_document(session, project)
    models = doc.projects[0].indicators
    stored: dict[int | None, Indicator] = dict(zip((r.id for r in project.indicators), models, strict=True))
    out_rows: list[dict[str, Any]] = [{"errors": {}, "findings": []} for _row in rows]
    good = [i for i in range(len(rows)) if i not in failed]
    indicators = []
    for index, (indicator, _weight, _note) in zip(good, parsed, strict=True):
        before = stored.get(rows[index].id)
        if before is not None:
            indicator.location = before.location
        indicators.append(indicator)
    for error in errors:
        out_rows[error["row"]]["errors"][error["field"]] = error["message"]
    doc.projects[0].indicators = indicators
    result = review_in_budget(doc, project.seq, budget)
    by_name: dict[str | None, list[dict[str, Any]]] = {}
    for finding in result.findings:
        by_name.setdefault(finding.get("indicator"), []).append(labelled(finding))
    for index, indicator in zip(good, indicators, strict=True):
        out_rows[index]["findings"] = by_name.get(indicator.name, [])
    names = {i.name for i in indicators}
    return {"rows": out_rows, "project_findings": [f for key, items in by_name.items() if key not in names
                                                   for f in items],
            **result.to_dict(),
            "message": _("{n} 行有填写错误", n=len(failed)) if failed else ""}
