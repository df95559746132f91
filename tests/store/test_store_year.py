"""The performance year in the store, on SQLite and PostgreSQL: monitoring rounds, target adjustments
with versions, the self-evaluation scored by the engine, the year lock and the admin's unlock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session
from store_samples import example_document

from jixiao import services
from jixiao.store import audit, year_self_evaluation, year_store
from jixiao.store.access import Viewer
from jixiao.store.repository import save_document
from jixiao.store.schema import IndicatorRow, ProjectRow
from jixiao.store.workflow import transition
from jixiao.store.year_schema import MonitoringRoundRow, TargetVersionRow
from jixiao.year import service
from jixiao.year.board import board

UNIT = Viewer("u1", "unit", unit_code="003006", region="门源县")
OTHER_UNIT = Viewer("u2", "unit", unit_code="999", region="门源县")
REVIEWER = Viewer("r1", "reviewer", region="门源县")
FAR_REVIEWER = Viewer("r2", "reviewer", region="海晏县")
ADMIN = Viewer("a1", "admin")


def _project(session: Session, approve: bool = True) -> ProjectRow:
    save_document(session, example_document(), "sha")
    session.commit()
    project = session.scalars(select(ProjectRow).where(ProjectRow.seq == "1")).one()
    if approve:
        transition(session, UNIT, project, "submit")
        transition(session, REVIEWER, project, "approve")
        session.commit()
    return project


def _ids(project: ProjectRow) -> tuple[int, int]:
    days, satisfaction = (i.id for i in project.indicators)
    return days, satisfaction


def _round(project: ProjectRow, executed: str = "6", actual: str = "5", correction: str = "",
           as_of: str = "2023-07-31", likelihood: str = "可能") -> dict[str, object]:
    days, satisfaction = _ids(project)
    return {"as_of": as_of, "budget_initial": "30", "budget_full": "30", "executed": executed,
            "entries": {str(days): {"actual": actual, "likelihood": likelihood, "correction": correction},
                        str(satisfaction): {"actual": "97%", "likelihood": "能"}}}


def _self_evaluation(project: ProjectRow, score: str = "") -> dict[str, object]:
    days, satisfaction = _ids(project)
    return {"budget_initial": "30", "budget_full": "30", "executed": "30", "conclusion": "完成年度目标",
            "entries": [{"indicator_id": days, "actual": "25", "weight": "45", "score": score},
                        {"indicator_id": satisfaction, "actual": "96%", "weight": "45",
                         "deviation": "个别站点早餐送达偏晚，已调整配送路线"}]}


def test_the_year_before_approval_is_refused(engine: Engine) -> None:
    with Session(engine) as session:
        project = _project(session, approve=False)
        with pytest.raises(year_store.YearError) as early:
            service.save_monitoring(session, UNIT, project, _round(project))
        assert early.value.status == 409 and "尚未批准" in early.value.message


def test_monitoring_round_checks_and_roles(engine: Engine) -> None:
    with Session(engine) as session:
        project = _project(session)
        with pytest.raises(year_store.YearError) as other:
            service.save_monitoring(session, OTHER_UNIT, project, _round(project))
        assert other.value.status == 403  # the approved project is public, but not theirs
        with pytest.raises(year_store.YearError) as reviewer:
            service.save_monitoring(session, REVIEWER, project, _round(project))
        assert reviewer.value.status == 403
        bad = _round(project, executed="-1", actual="很多", as_of="2022-07-31")
        with pytest.raises(year_store.YearError) as invalid:
            service.save_monitoring(session, UNIT, project, bad)
        fields = {d["field"]: d["message"] for d in invalid.value.details}
        days, _sat = _ids(project)
        assert invalid.value.status == 422
        assert fields["executed"] == "执行数不能为负数"
        assert fields["as_of"] == "日期 2022-07-31 不在预算年度 2023 年内"
        assert fields[f"entries.{days}.actual"].startswith("“举办活动天数”的完成值须为数值")
        assert session.scalars(select(MonitoringRoundRow)).all() == []

        saved = service.save_monitoring(session, UNIT, project, _round(project))
        session.commit()
        assert saved["execution_light"] == "red" and saved["target_risk"] == "yellow"
        codes = sorted((f["rule"], f["severity"]) for f in saved["findings"])
        assert codes == [("MON001", "error"), ("MON002", "warning"), ("MON003", "warning")]
        mon001 = next(f for f in saved["findings"] if f["rule"] == "MON001")
        assert mon001["message"] == ("截至 2023-07-31 预算执行率 20%，落后序时进度 58.08% 达 38.08 个百分点"
                                     "（红灯）")
        # The same date again replaces the round; a stale version is refused.
        fixed = _round(project, executed="16", actual="16", correction="8月集中开展", likelihood="能")
        with pytest.raises(year_store.YearError) as stale:
            service.save_monitoring(session, UNIT, project, fixed, version=5)
        assert stale.value.status == 409
        session.rollback()
        again = service.save_monitoring(session, UNIT, project, fixed, version=0)
        session.commit()
        assert again["version"] == 1 and again["light"] == "green" and again["findings"] == []
        stored = year_store.rounds(session, project.id)
        assert len(stored) == 1 and stored[0].executed == Decimal("16")
        assert [r.action for r in audit.history(session, "monitoring", stored[0].id)] == ["save", "add"]
        # Baseline target versions were recorded with the first round.
        baseline = select(TargetVersionRow.number).where(TargetVersionRow.indicator_id == days)
        assert session.scalar(baseline) == 1


def test_adjustment_makes_a_new_target_version(engine: Engine) -> None:
    with Session(engine) as session:
        project = _project(session)
        days, _sat = _ids(project)
        with pytest.raises(year_store.YearError) as no_reason:
            service.request_adjustment(session, UNIT, project, {"indicator_id": days, "operator": "=",
                                                                "value": "25", "unit": "天", "reason": " "})
        assert no_reason.value.status == 422
        asked = service.request_adjustment(session, UNIT, project, {
            "indicator_id": days, "operator": "=", "value": "25", "unit": "天", "reason": "疫情停办5天"})
        session.commit()
        adjustment_id = asked["adjustment"]["id"]
        assert asked["adjustment"]["old_target"] == "1.举办活动天数 30天"
        assert asked["adjustment"]["new_target"] == "举办活动天数 =25天"
        with pytest.raises(year_store.YearError) as twice:
            service.request_adjustment(session, UNIT, project, {
                "indicator_id": days, "operator": "=", "value": "20", "unit": "天", "reason": "再减"})
        assert twice.value.status == 409
        session.rollback()
        with pytest.raises(year_store.YearError) as far:
            service.decide_adjustment(session, FAR_REVIEWER, project, adjustment_id, True)
        assert far.value.status == 403
        service.decide_adjustment(session, REVIEWER, project, adjustment_id, True, "同意")
        session.commit()
        indicator = session.get(IndicatorRow, days)
        assert indicator is not None and (indicator.value, indicator.raw) == ("25", "举办活动天数 =25天")
        year = service.project_year(session, project)
        assert [v["raw"] for v in year["targets"][str(days)]] == ["1.举办活动天数 30天", "举办活动天数 =25天"]
        assert year["adjustments"][0]["status"] == "approved" and year["findings"] == []
        clean = next(p for p in board(session, REVIEWER)["projects"] if p["id"] == project.id)
        assert (clean["unapproved_changes"], clean["target_risk"], clean["light"]) == (0, "none", "none")
        with pytest.raises(year_store.YearError) as decided:
            service.decide_adjustment(session, REVIEWER, project, adjustment_id, False, "不同意")
        assert decided.value.status == 409
        session.rollback()
        # A target changed behind the workflow's back is found (MON004).
        session.execute(update(IndicatorRow).where(IndicatorRow.id == days)
                        .values(value="20", raw="举办活动天数 20天"))
        session.commit()
        session.expire_all()
        found = service.year_findings(session, project)
        assert [(f["rule"], f["indicator"]) for f in found] == [("MON004", "举办活动天数")]
        assert "由“举办活动天数 =25天”改为“举办活动天数 20天”" in found[0]["message"]
        # …and the board counts it as target risk: red, with the changed indicator counted (SQL, both
        # kinds: a current target off its last version, and a version no approved adjustment made).
        session.add(TargetVersionRow(indicator_id=days, number=3, operator="≥", value="20",
                                     value_kind="number", unit="天", raw="举办活动天数 ≥20天",
                                     created_by="x"))
        session.add(TargetVersionRow(indicator_id=_sat, number=2, operator="≥", value="50",
                                     value_kind="percent", unit="%", raw="满意度 ≥50%", created_by="x"))
        session.commit()
        red = board(session, REVIEWER, sort="unapproved")
        row = red["projects"][0]
        assert row["id"] == project.id and red["counts"]["red"] == 1
        assert (row["unapproved_changes"], row["target_risk"], row["light"]) == (2, "red", "red")
        assert service.project_year(session, project)["light"] == "red"


def test_refused_adjustment_keeps_the_target(engine: Engine) -> None:
    with Session(engine) as session:
        project = _project(session)
        days, _sat = _ids(project)
        asked = service.request_adjustment(session, UNIT, project, {
            "indicator_id": days, "operator": "=", "value": "10", "unit": "天", "reason": "减少"})
        with pytest.raises(year_store.YearError) as bare:
            service.decide_adjustment(session, REVIEWER, project, asked["adjustment"]["id"], False, "")
        assert bare.value.status == 422
        service.decide_adjustment(session, REVIEWER, project, asked["adjustment"]["id"], False, "理由不足")
        session.commit()
        indicator = session.get(IndicatorRow, days)
        assert indicator is not None and indicator.value == "30"
        assert service.project_year(session, project)["adjustments"][0]["status"] == "refused"


def test_self_evaluation_scored_confirmed_locked_and_unlocked(engine: Engine) -> None:
    with Session(engine) as session:
        project = _project(session)
        days, satisfaction = _ids(project)
        with pytest.raises(year_store.YearError) as above:
            service.save_self_evaluation(session, UNIT, project, _self_evaluation(project, score="50"))
        assert above.value.status == 422
        assert above.value.details[0]["message"] == "“举办活动天数”的得分 50 超过分值 45"
        saved = service.save_self_evaluation(session, UNIT, project, _self_evaluation(project))
        session.commit()
        score = saved["score"]
        rows = {r["name"]: r for r in score["rows"]}
        assert rows["预算执行率"]["recomputed"] == "10.00"
        assert rows["举办活动天数"]["working"] == "未写比较符，按 ≥ 计；25 / 30 × 45 = 37.50"
        assert rows["环卫工人满意度"]["working"] == "未写比较符，按 ≥ 计；96 / 98 × 45 = 44.08"
        assert score["total"]["recomputed"] == "91.58" and score["total"]["grade"] == "优"
        row = year_self_evaluation.self_evaluation_row(session, project.id)
        assert row is not None and (row.total, row.grade) == (Decimal("91.58"), "优")
        recomputed = {e["indicator_id"]: e["recomputed"] for e in row.entries}
        assert recomputed == {days: "37.50", satisfaction: "44.08"}

        with pytest.raises(year_store.YearError) as early:
            service.self_evaluation_action(session, REVIEWER, project, "confirm")
        assert early.value.status == 409
        session.rollback()
        service.self_evaluation_action(session, UNIT, project, "submit")
        session.commit()
        with pytest.raises(year_store.YearError) as submitted:
            service.save_self_evaluation(session, UNIT, project, _self_evaluation(project))
        assert submitted.value.status == 409
        session.rollback()
        done = service.self_evaluation_action(session, REVIEWER, project, "confirm")
        session.commit()
        assert done == {"ok": True, "status": "confirmed", "locked": True}

        # The year is locked: every change is refused (422) and nothing changes.
        for attempt in (
            lambda: service.save_monitoring(session, UNIT, project, _round(project)),
            lambda: service.request_adjustment(session, UNIT, project, {
                "indicator_id": days, "operator": "=", "value": "20", "unit": "天", "reason": "x"}),
            lambda: service.save_self_evaluation(session, UNIT, project, _self_evaluation(project)),
        ):
            with pytest.raises(year_store.YearError) as locked:
                attempt()
            assert locked.value.status == 422 and "已锁定" in locked.value.message
            session.rollback()
        assert year_store.rounds(session, project.id) == []

        with pytest.raises(year_store.YearError) as not_admin:
            service.unlock(session, REVIEWER, project, "更正")
        assert not_admin.value.status == 403
        with pytest.raises(year_store.YearError) as no_reason:
            service.unlock(session, ADMIN, project, "  ")
        assert no_reason.value.status == 422
        service.unlock(session, ADMIN, project, "执行数录入错误，退回更正")
        session.commit()
        assert not year_store.is_locked(session, project.id)
        trail = audit.history(session, "performance_year", project.id)
        assert [(r.action, (r.after or {}).get("reason")) for r in trail] == [
            ("unlock", "执行数录入错误，退回更正"), ("lock", None)]
        assert service.save_monitoring(session, UNIT, project, _round(project))["ok"]
        session.commit()


def test_year_document_is_shaped_like_a_parsed_self_evaluation(engine: Engine) -> None:
    with Session(engine) as session:
        project = _project(session)
        service.save_monitoring(session, UNIT, project, _round(project, correction="加快"))
        service.save_self_evaluation(session, UNIT, project, _self_evaluation(project))
        session.commit()
        doc = service.year_document(session, project, "selfeval")
        assert (doc.kind, doc.year, doc.title) == ("selfeval", 2023, "2023年度项目支出绩效自评表")
        p = doc.projects[0]
        assert p.funds["年度资金总额/全年执行数"] == Decimal("30")
        assert p.extra["总分"] == "100 | 91.58 | 优"
        ind = p.indicators[1]
        assert (ind.actual, ind.weight) == ("96%", Decimal("45"))
        assert ind.deviation == "个别站点早餐送达偏晚，已调整配送路线"
        assert (ind.score, p.funds["年度资金总额/得分"]) == (Decimal("44.08"), Decimal("10.00"))
        # Published through jixiao score, the table checks out: every row and the total match.
        rescored = services.score_document(services.year_document(session, project.id, "selfeval"))
        assert rescored["summary"] == {"rows": 3, "match": 3, "differs": 0, "not_scored": 0, "unpublished": 0}
        assert rescored["projects"][0]["total"]["published"] == "91.58"
        mon = service.year_document(session, project, "monitoring")
        extra = mon.projects[0].indicators[0].extra
        assert mon.kind == "monitoring" and extra["1-7月执行情况"] == "5"
        assert extra["完成目标可能性"] == "有可能"
        assert mon.projects[0].extra["年度资金总额/执行率"] == "20%"
        assert mon.projects[0].extra["截至日期"] == dt.date(2023, 7, 31).isoformat()


def test_board_query_on_each_backend(engine: Engine) -> None:
    with Session(engine) as session:
        project = _project(session)
        other = session.scalars(select(ProjectRow).where(ProjectRow.seq == "2")).one()
        transition(session, UNIT, other, "submit")
        transition(session, REVIEWER, other, "approve")
        service.save_monitoring(session, UNIT, project, _round(project))
        service.save_monitoring(session, UNIT, project, _round(project, executed="20", as_of="2023-03-31"))
        days, _sat = _ids(project)
        service.request_adjustment(session, UNIT, project, {
            "indicator_id": days, "operator": "=", "value": "25", "unit": "天", "reason": "停办"})
        session.commit()
        shown = board(session, REVIEWER)
        assert [(p["id"], p["light"], p["as_of"], p["pending_adjustments"]) for p in shown["projects"]] == [
            (project.id, "red", "2023-07-31", 1), (other.id, "none", None, 0)]  # the latest round counts
        assert shown["counts"] == {"red": 1, "yellow": 0, "green": 0, "none": 1} and shown["total"] == 2
        assert board(session, FAR_REVIEWER)["projects"] == []
        assert [p["id"] for p in board(session, UNIT, sort="name", limit=1)["projects"]] == [other.id]
