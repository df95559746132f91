"""JSON shapes of the API (the pages render the same data). Projects and indicators use the
``jixiao parse`` JSON contract, plus database ids, workflow status and findings."""

from __future__ import annotations

from typing import Any

from jixiao.model.jsonify import indicator_to_dict, project_to_dict
from jixiao.store.access import Viewer, can_edit
from jixiao.store.mapping import indicator_model, project_model
from jixiao.store.repository import finding_dict
from jixiao.store.schema import DocumentRow, FindingRow, ProjectRow, ReviewActionRow
from jixiao.store.workflow import allowed_actions


def _dec(value: object) -> str | None:
    return None if value is None else str(value)


def project_summary(row: Any) -> dict[str, Any]:
    """A project row (ORM, or a plain row of ``SUMMARY_COLUMNS``) as the list JSON."""
    return {"id": row.id, "document_id": row.document_id, "seq": row.seq, "name": row.name,
            "amount": _dec(row.amount), "unit": row.unit_code, "unit_name": row.unit_name,
            "region": row.region, "year": row.year, "status": row.status}


def project_detail(row: ProjectRow, findings: list[FindingRow], viewer: Viewer | None,
                   history: list[ReviewActionRow]) -> dict[str, Any]:
    out = project_summary(row)
    body = project_to_dict(project_model(row))
    by_indicator: dict[int | None, list[dict[str, Any]]] = {}
    for finding in findings:
        by_indicator.setdefault(finding.indicator_id, []).append(finding_dict(finding))
    body["indicators"] = [indicator_json(i, by_indicator.get(i.id, [])) for i in row.indicators]
    body["goals"] = [{"id": g.id, "text": g.text, "label": g.label, "version": g.version} for g in row.goals]
    out.update({k: v for k, v in body.items() if k not in ("seq", "name", "amount", "unit")})
    out["findings"] = by_indicator.get(None, [])
    out["review_comment"] = row.review_comment
    out["actions"] = allowed_actions(viewer, row)
    out["editable"] = can_edit(viewer, row)
    out["history"] = [{"action": h.action, "user": h.username, "from": h.from_status, "to": h.to_status,
                       "comment": h.comment, "confirmed_errors": h.confirmed_errors,
                       "at": h.at.isoformat()} for h in history]
    return out


def indicator_json(row: Any, findings: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    out = {"id": row.id, "project_id": row.project_id, "version": row.version,
           **indicator_to_dict(indicator_model(row))}
    if findings is not None:
        out["findings"] = findings
    return out


def document_summary(row: DocumentRow, visible_projects: int) -> dict[str, Any]:
    return {"id": row.id, "title": row.title, "region": row.region, "year": row.year, "kind": row.kind,
            "layout": row.layout, "organisation": row.organisation, "source": row.source,
            "sha256": row.sha256, "total": _dec(row.total), "projects": visible_projects,
            "partial": row.partial, "repairs": list(row.repairs or []),
            "imported_at": row.imported_at.isoformat()}
