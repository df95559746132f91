"""A stored project's monitoring round or self-evaluation as a jixiao :class:`Document`, in the shape
the readers give a published table: a self-evaluation has ``kind`` "selfeval", the funds block
under ``年度资金总额/…``, and each indicator's 实际完成值/分值/得分/偏差原因 in ``actual``, ``weight``,
``score`` and ``deviation`` (see the parse of corpus document 037); the 总分 line as
``extra["总分"] = "100 | 96 | 优"``. The scoring engine scores exactly this document, so the score
the web shows and the score of an exported table are one computation.

A monitoring round has ``kind`` "monitoring"; the official 执行监控表's columns go to each
indicator's ``extra`` under their headers (``1-7月执行情况``, ``完成目标可能性``, ``偏差原因``,
``原因说明``, ``纠偏措施``) and the funds block has ``执行数`` and ``执行率``.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.model.document import Document, Project
from jixiao.model.year import OFFICIAL_CAUSE, OFFICIAL_LIKELIHOOD, MonitoringRound, SelfEvaluation
from jixiao.review.scoring import ProjectScore, get_profile, score_project
from jixiao.review.scoring.indicator import n, q
from jixiao.review.scoring.profiles import Profile
from jixiao.store.mapping import project_model
from jixiao.store.schema import ProjectRow

TOTAL = "年度资金总额"


def _funds(initial: Decimal | None, full: Decimal | None, executed: Decimal | None,
           executed_label: str) -> dict[str, Decimal]:
    funds = {f"{TOTAL}/年初预算数": initial, f"{TOTAL}/全年预算数": full,
             f"{TOTAL}/{executed_label}": executed}
    return {k: v for k, v in funds.items() if v is not None}


def selfeval_project(row: ProjectRow, se: SelfEvaluation, score: ProjectScore | None = None,
                     profile: Profile | None = None) -> Project:
    """The project with the self-evaluation's figures in place. With ``score`` (the engine's result)
    it is the table to publish: each 得分 is the recomputed score (the unit's own where a row could
    not be recomputed), the budget row has its 分值/执行率/得分 and the 总分 line is filled; with
    ``profile`` the 其他需要说明事项 line names the scoring profile (评分口径) the scores follow."""
    rows = [r.recomputed for r in score.rows if r.kind == "indicator"] if score else []
    project = project_model(row)
    entries = {e.indicator_id: e for e in se.entries}
    indicators = []
    for position, (ind_row, ind) in enumerate(zip(row.indicators, project.indicators, strict=True)):
        entry = entries.get(ind_row.id)
        if entry is None:
            indicators.append(ind)
            continue
        extra = dict(ind.extra)
        if entry.band:
            extra["评价等级"] = entry.band
        again = rows[position] if position < len(rows) else None
        published = again if again is not None else entry.score
        indicators.append(replace(ind, actual=entry.actual or None, weight=entry.weight, score=published,
                                  deviation=entry.deviation or None, extra=extra))
    project.indicators = indicators
    project.funds = _funds(se.budget_initial, se.budget_full, se.executed, "全年执行数")
    extra = {k: v for k, v in project.extra.items() if k not in ("总分", "年度目标完成情况")}
    if se.conclusion:
        extra["年度目标完成情况"] = se.conclusion
    budget = next((r for r in score.rows if r.kind == "budget"), None) if score else None
    if budget is not None and budget.weight is not None:
        project.funds[f"{TOTAL}/分值"] = budget.weight
        if budget.recomputed is not None:
            project.funds[f"{TOTAL}/得分"] = budget.recomputed
    if se.budget_full and se.executed is not None:
        extra[f"{TOTAL}/执行率"] = f"{n(q(se.executed / se.budget_full * 100))}%"
    if score is not None:
        extra["总分"] = total_line(score)
    if profile is not None:
        extra["其他需要说明事项"] = f"评分口径：{profile.title}（{profile.name}）"
    project.extra = extra
    return project


def score_self_evaluation(row: ProjectRow, se: SelfEvaluation, profile: str | None = None) -> ProjectScore:
    """The self-evaluation scored by the review layer's engine (``review.scoring``), under ``profile``."""
    return score_project(selfeval_project(row, se), get_profile(profile), row.year)


def total_line(score: ProjectScore) -> str:
    """"100 | 96.00 | 优": full marks (the rows' points), the recomputed total and grade, as the 总分
    row writes it."""
    points = sum((r.weight for r in score.rows if r.weight is not None), Decimal(0))
    return f"{n(points)} | {score.total} | {score.grade or '—'}"


def monitoring_project(row: ProjectRow, rnd: MonitoringRound) -> Project:
    project = project_model(row)
    month = rnd.as_of.month
    entries = {e.indicator_id: e for e in rnd.entries}
    indicators = []
    for ind_row, ind in zip(row.indicators, project.indicators, strict=True):
        entry = entries.get(ind_row.id)
        if entry is None:
            indicators.append(ind)
            continue
        extra = dict(ind.extra)
        extra[f"1-{month}月执行情况"] = entry.actual
        extra["完成目标可能性"] = OFFICIAL_LIKELIHOOD.get(entry.likelihood or "", "")
        extra["偏差原因"] = OFFICIAL_CAUSE.get(entry.cause or "", "")
        extra["原因说明"] = entry.cause_text
        extra["纠偏措施"] = entry.correction
        indicators.append(replace(ind, actual=entry.actual or None,
                                  extra={k: v for k, v in extra.items() if v}))
    project.indicators = indicators
    project.funds = _funds(rnd.budget_initial, rnd.budget_full, rnd.executed, "执行数")
    project.extra = dict(project.extra)
    project.extra["截至日期"] = rnd.as_of.isoformat()
    if rnd.budget_full and rnd.executed is not None:
        project.extra[f"{TOTAL}/执行率"] = f"{n(q(rnd.executed / rnd.budget_full * 100))}%"
    return project


def document_for(row: ProjectRow, kind: str, project: Project) -> Document:
    year = row.year or (row.document.year if row.document else None)
    title = {"selfeval": "项目支出绩效自评表", "monitoring": "项目支出绩效目标执行监控表"}[kind]
    unit = row.unit_name or row.implementer
    return Document(title=f"{year}年度{title}" if year else title, region=row.region, year=year, kind=kind,
                    total=row.amount, projects=[project], source=f"jixiao:project/{row.id}/{kind}",
                    layout="selfeval", organisation=unit)
