"""The performance year's service functions: what the web pages, the JSON API and the command line
call (issue 10). Each takes plain submitted values (strings, as a form or a JSON body gives them),
validates them with :mod:`jixiao.year.fields`, scores with the review layer's engine, stores with
:mod:`jixiao.store.year_store` and answers JSON-able dicts. Refusals raise
:class:`~jixiao.store.year_store.YearError` (its ``status`` is the HTTP status; field errors in
``details``)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from jixiao.i18n import _
from jixiao.model.document import Document
from jixiao.review.scoring import PROFILES, ProjectScore
from jixiao.store import text_rules, year_self_evaluation, year_store
from jixiao.store.access import Viewer
from jixiao.store.editing import indicator_from_fields
from jixiao.store.schema import IndicatorRow, ProjectRow
from jixiao.store.year_codec import round_model, self_evaluation_model
from jixiao.store.year_schema import SelfEvaluationRow, TargetAdjustmentRow, TargetVersionRow
from jixiao.year import fields
from jixiao.year.documents import (
    document_for,
    monitoring_project,
    score_self_evaluation,
    selfeval_project,
)
from jixiao.year.year_checks import (
    DEFAULT_GAPS,
    Gaps,
    Version,
    check_round,
    check_targets,
    execution_light,
    pct,
    sort_findings,
    target_risk,
    worst,
)

DEFAULT_PROFILE = "czy2020-10"


def refusal(errors: dict[str, str]) -> year_store.YearError:
    first = next(iter(errors.values()))
    return year_store.YearError(_("填写有误：{why}", why=first), 422,
                                [{"field": k, "message": v} for k, v in errors.items()])


def _by_id(project: ProjectRow) -> dict[int, IndicatorRow]:
    return {i.id: i for i in project.indicators}


# --- monitoring -----------------------------------------------------------------------------------


def check_monitoring(project: ProjectRow, data: Mapping[str, Any],
                     gaps: Gaps = DEFAULT_GAPS) -> dict[str, Any]:
    """The live check of a round being typed: field errors, else the findings and lights it would get."""
    checked = fields.monitoring_round(data, project.indicators, project.year)
    if checked.value is None:
        return {"ok": False, "errors": checked.errors, "findings": []}
    rnd = checked.value
    light, lag = execution_light(rnd.as_of, rnd.budget_full, rnd.executed, gaps)
    risk = target_risk(rnd.entries, _by_id(project), rnd.as_of, gaps)
    findings = check_round(rnd, project.indicators, project.seq, gaps)
    return {"ok": True, "errors": {}, "findings": [f.to_dict() for f in sort_findings(findings)],
            "execution_light": light, "lag": None if lag is None else pct(lag),
            "target_risk": risk, "light": worst(light, risk)}


def save_monitoring(session: Session, viewer: Viewer | None, project: ProjectRow, data: Mapping[str, Any],
                    version: int | None = None, gaps: Gaps = DEFAULT_GAPS) -> dict[str, Any]:
    checked = fields.monitoring_round(data, project.indicators, project.year)
    if checked.value is None:
        raise refusal(checked.errors)
    rnd = checked.value
    risk = target_risk(rnd.entries, _by_id(project), rnd.as_of, gaps)
    row = year_store.save_round(session, viewer, project, rnd, risk, version)
    return {"ok": True, "id": row.id, "version": row.version, **check_monitoring(project, data, gaps)}


# --- target adjustments ---------------------------------------------------------------------------


def _indicator(project: ProjectRow, indicator_id: Any) -> IndicatorRow:
    text = str(indicator_id or "").strip()
    found = _by_id(project).get(int(text)) if text.isdigit() and len(text) < 10 else None
    if found is None:
        raise year_store.YearError(_("指标 {id} 不在此项目中", id=text[:20]), 422,
                                   [{"field": "indicator_id", "message": _("请选择指标")}])
    return found


def request_adjustment(session: Session, viewer: Viewer | None, project: ProjectRow,
                       data: Mapping[str, Any]) -> dict[str, Any]:
    """``data``: indicator_id, operator, value, unit, reason."""
    ind = _indicator(project, data.get("indicator_id"))
    errors: dict[str, str] = {}
    value = str(data.get("value") or "")
    parsed = indicator_from_fields(ind.name, str(data.get("operator") or ""), value,
                                   str(data.get("unit") or ""), ind.level1 or "", ind.level2 or "")
    errors.update(parsed.errors)
    reason = fields.reason(data.get("reason"), "reason", _("调整理由"), errors)
    if parsed.indicator is not None and parsed.indicator.raw == ind.raw:
        errors["value"] = _("新目标与原目标相同")
    if errors or parsed.indicator is None:
        raise refusal(errors)
    row = year_store.request_adjustment(session, viewer, project, ind, parsed.indicator, value, reason)
    return {"ok": True, "adjustment": adjustment_json(row)}


def decide_adjustment(session: Session, viewer: Viewer | None, project: ProjectRow, adjustment_id: int,
                      approve: bool, comment: str = "") -> dict[str, Any]:
    row = session.get(TargetAdjustmentRow, adjustment_id)
    if row is None or row.project_id != project.id:
        raise year_store.YearError(_("调整申请 {id} 不存在", id=adjustment_id), 404)
    problem = text_rules.refusal(comment or "")
    if problem:
        raise refusal({"comment": problem})
    comment = text_rules.clean(comment or "").strip()
    if not approve and not comment:
        raise refusal({"comment": _("请填写{label}", label=_("驳回理由"))})
    ind = session.get(IndicatorRow, row.indicator_id) if row.indicator_id is not None else None
    new = None
    if ind is not None:
        new = indicator_from_fields(ind.name, row.new_operator, row.new_value, row.new_unit or "",
                                    ind.level1 or "", ind.level2 or "").indicator
    year_store.decide_adjustment(session, viewer, project, row, approve, new, comment or None)
    return {"ok": True, "adjustment": adjustment_json(row)}


def adjustment_json(row: TargetAdjustmentRow) -> dict[str, Any]:
    return {"id": row.id, "indicator_id": row.indicator_id, "indicator": row.indicator_name,
            "old_target": row.old_target, "new_target": row.new_target, "reason": row.reason,
            "status": row.status, "requested_by": row.requested_by,
            "requested_at": row.requested_at.isoformat(),
            "decided_by": row.decided_by,
            "decided_at": None if row.decided_at is None else row.decided_at.isoformat(),
            "comment": row.decision_comment}


# --- the self-evaluation --------------------------------------------------------------------------


def _score_json(score: ProjectScore, project: ProjectRow) -> dict[str, Any]:
    body = score.to_dict()
    ids = [i.id for i in project.indicators]
    indicator_rows = [r for r in body["rows"] if r["kind"] == "indicator"]
    for row, ind_id in zip(indicator_rows, ids, strict=False):
        row["indicator_id"] = ind_id
    return body


def preview_self_evaluation(project: ProjectRow, data: Mapping[str, Any],
                            profile: str | None = None) -> dict[str, Any]:
    """The live check: field errors, else every row's recomputed score with its working, the total and
    the grade under ``profile`` (the same engine as ``jixiao score``)."""
    errors: dict[str, str] = {}
    name = fields.scoring_profile(profile, errors)
    checked = fields.self_evaluation(data, project.indicators, project.year)
    if checked.value is None or errors:
        return {"ok": False, "errors": {**errors, **checked.errors}, "score": None}
    return {"ok": True, "errors": {}, "profile": fields.profile_json(name),
            "score": _score_json(score_self_evaluation(project, checked.value, name), project)}


def save_self_evaluation(session: Session, viewer: Viewer | None, project: ProjectRow,
                         data: Mapping[str, Any], version: int | None = None,
                         profile: str | None = None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    profile = fields.scoring_profile(profile, errors)
    checked = fields.self_evaluation(data, project.indicators, project.year)
    if checked.value is None or errors:
        raise refusal({**errors, **checked.errors})
    score = score_self_evaluation(project, checked.value, profile)
    scores = {r["indicator_id"]: r["recomputed"] for r in _score_json(score, project)["rows"]
              if "indicator_id" in r}
    row = year_self_evaluation.save_self_evaluation(session, viewer, project, checked.value, scores,
                                                    score.total, score.grade, profile,
                                                    version)
    return {"ok": True, "id": row.id, "version": row.version, "status": row.status,
            "profile": fields.profile_json(profile), "score": _score_json(score, project)}


def self_evaluation_action(session: Session, viewer: Viewer | None, project: ProjectRow, action: str,
                           comment: str = "") -> dict[str, Any]:
    errors: dict[str, str] = {}
    text = fields.reason(comment, "comment", _("意见"), errors) if comment else ""
    if errors:
        raise refusal(errors)
    row = year_self_evaluation.self_evaluation_action(session, viewer, project, action, text or None)
    return {"ok": True, "status": row.status, "locked": year_store.is_locked(session, project.id)}


def unlock(session: Session, viewer: Viewer | None, project: ProjectRow, reason: str) -> dict[str, Any]:
    errors: dict[str, str] = {}
    text = fields.reason(reason, "reason", _("解锁理由"), errors)
    if errors:
        raise refusal(errors)
    year_self_evaluation.unlock(session, viewer, project, text)
    return {"ok": True, "locked": False}


# --- reading the year -----------------------------------------------------------------------------


def _versions(session: Session, project: ProjectRow) -> dict[int, list[TargetVersionRow]]:
    return year_store.target_versions(session, [i.id for i in project.indicators])


def year_findings(session: Session, project: ProjectRow, gaps: Gaps = DEFAULT_GAPS) -> list[dict[str, Any]]:
    """MON001–MON004 on what is stored: the latest round and every indicator's target history."""
    found = []
    stored = year_store.rounds(session, project.id)
    if stored:
        found += check_round(round_model(stored[-1]), project.indicators, project.seq, gaps)
    approved = {a.id for a in year_store.adjustments(session, project.id) if a.status == "approved"}
    versions = {k: [Version(v.number, v.raw, (v.operator, v.value, v.unit),
                            (v.adjustment_id is None and v.number == 1) or v.adjustment_id in approved)
                    for v in rows] for k, rows in _versions(session, project).items()}
    found += check_targets(project.indicators, versions, project.seq)
    return [f.to_dict() for f in sort_findings(found)]


def project_year(session: Session, project: ProjectRow, gaps: Gaps = DEFAULT_GAPS) -> dict[str, Any]:
    """Everything of the project's year as JSON: lock, rounds, adjustments, target history,
    self-evaluation (with its stored score), findings and the project's light."""
    stored = year_store.rounds(session, project.id)
    latest = stored[-1] if stored else None
    light = "none"
    if latest is not None:
        light = worst(execution_light(latest.as_of, latest.budget_full, latest.executed, gaps)[0],
                      latest.target_risk)
    se = year_self_evaluation.self_evaluation_row(session, project.id)
    versions = _versions(session, project)
    findings = year_findings(session, project, gaps)
    if any(f["rule"] == "MON004" for f in findings):  # as on the board: an unapproved change is red
        light = "red"
    return {
        "project_id": project.id, "year": project.year, "locked": year_store.is_locked(session, project.id),
        "light": light,
        "rounds": [{"id": r.id, "as_of": r.as_of.isoformat(), "version": r.version,
                    "updated_by": r.updated_by, **year_store.round_snapshot(r)} for r in stored],
        "adjustments": [adjustment_json(a) for a in year_store.adjustments(session, project.id)],
        "targets": {str(k): [{"number": v.number, "raw": v.raw, "adjustment_id": v.adjustment_id,
                              "at": v.created_at.isoformat()} for v in rows] for k, rows in versions.items()},
        "self_evaluation": None if se is None else _self_evaluation_json(project, se),
        "findings": findings,
    }


def _self_evaluation_json(project: ProjectRow, se: SelfEvaluationRow) -> dict[str, Any]:
    """The stored self-evaluation with its profile (title, source) and, per entry, the engine's working
    and the qualitative band it scored (so a reviewer sees how each score was reached)."""
    out = {"id": se.id, "status": se.status, "version": se.version, "total": _s(se.total), "grade": se.grade,
           "review_comment": se.review_comment, "confirmed_by": se.confirmed_by,
           **year_self_evaluation.self_evaluation_snapshot(se), "profile": fields.profile_json(se.profile)}
    name = se.profile if se.profile in PROFILES else None
    score = score_self_evaluation(project, self_evaluation_model(se), name)
    rows = {r.get("indicator_id"): r for r in _score_json(score, project)["rows"]}
    out["entries"] = [{**e, "working": (rows.get(e.get("indicator_id")) or {}).get("working", ""),
                       "scored_band": (rows.get(e.get("indicator_id")) or {}).get("band")}
                      for e in se.entries or []]
    return out


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def year_document(session: Session, project: ProjectRow, kind: str) -> Document:
    """The project's latest monitoring round (``kind`` "monitoring") or its self-evaluation
    (``selfeval``) as a Document shaped like the readers' parse of the official table."""
    if kind == "monitoring":
        stored = year_store.rounds(session, project.id)
        if not stored:
            raise year_store.YearError(_("尚无执行监控记录"), 404)
        return document_for(project, kind, monitoring_project(project, round_model(stored[-1])))
    if kind == "selfeval":
        row = year_self_evaluation.self_evaluation_row(session, project.id)
        if row is None:
            raise year_store.YearError(_("尚未填写自评"), 404)
        se = self_evaluation_model(row)
        name = row.profile if row.profile in PROFILES else DEFAULT_PROFILE
        score = score_self_evaluation(project, se, name)
        return document_for(project, kind, selfeval_project(project, se, score, PROFILES[name]))
    raise year_store.YearError(_("未知的表格种类 {kind}", kind=repr(kind)), 422)
