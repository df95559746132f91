"""Issue 13 on each backend: the guarded workflow (confirmation and reason over open 错误), review
comments (批注) and when the unit sees them, the reviewer's queue, which findings visitors see, and
user administration (role/unit/region changes validated against the store, the username pattern)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.store import audit
from jixiao.store.access import Viewer, visible_clause
from jixiao.store.finding_visibility import findings_shown, findings_shown_clause
from jixiao.store.queries import stats
from jixiao.store.review_comments import add_comment, project_comments, timeline
from jixiao.store.review_queue import review_queue
from jixiao.store.schema import ProjectRow
from jixiao.store.users import UserError, add_user, authenticate, get_user, set_disabled, update_user
from jixiao.store.workflow import WorkflowError, review_history, transition

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
UNIT = Viewer("u1", "unit", unit_code="003006", region="门源县")
REVIEWER = Viewer("r1", "reviewer", region="门源县")
FAR_REVIEWER = Viewer("r2", "reviewer", region="海晏县")
ADMIN = Viewer("a1", "admin")


def _projects(session: Session) -> dict[str, ProjectRow]:
    assert services.import_file(session, EXAMPLE).error is None
    session.commit()
    return {p.name: p for p in session.scalars(select(ProjectRow))}


def test_submit_and_approve_over_open_errors_need_a_confirmed_reason(engine: Engine) -> None:
    with Session(engine) as session:
        projects = _projects(session)
        clean, faulty = projects["环卫工人爱心早餐"], projects["厂务公开经费"]
        transition(session, UNIT, clean, "submit")  # no open errors: no confirmation asked
        with pytest.raises(WorkflowError) as refused:
            transition(session, UNIT, faulty, "submit")
        assert refused.value.status == 409
        assert refused.value.message == ("项目有 2 个未解决的错误（CST001、TIM001），"
                                         "须确认并填写理由后才能提交")
        assert sorted(d["rule"] for d in refused.value.details) == ["CST001", "TIM001"]
        with pytest.raises(WorkflowError) as bare:
            transition(session, UNIT, faulty, "submit", "   ", confirm=True)
        assert bare.value.status == 422 and bare.value.message == "确认带错误提交须填写理由"
        assert faulty.status == "draft"
        transition(session, UNIT, faulty, "submit", "金额以批复为准", confirm=True)
        with pytest.raises(WorkflowError, match="须确认并填写理由后才能批准"):
            transition(session, REVIEWER, faulty, "approve")
        transition(session, REVIEWER, faulty, "approve", "已与单位核实", confirm=True)
        session.commit()
        history = review_history(session, faulty.id)
        assert [(h.action, h.comment, h.confirmed_errors) for h in history] == [
            ("submit", "金额以批复为准", ["CST001", "TIM001"]),
            ("approve", "已与单位核实", ["CST001", "TIM001"])]
        trail = audit.history(session, "project", faulty.id)
        assert trail[0].after is not None and trail[0].after["reason"] == "已与单位核实"
        assert trail[0].after["confirmed_errors"] == ["CST001", "TIM001"]
        assert review_history(session, clean.id)[0].confirmed_errors is None


def test_comments_reach_the_unit_with_the_return(engine: Engine) -> None:
    with Session(engine) as session:
        project = _projects(session)["维权经费"]
        indicator = project.indicators[0]
        with pytest.raises(WorkflowError) as early:  # a draft: nothing to review yet
            add_comment(session, REVIEWER, project, "请核实")
        assert early.value.status == 403
        transition(session, UNIT, project, "submit", "已核实", confirm=True)
        with pytest.raises(WorkflowError) as unit:
            add_comment(session, UNIT, project, "自己批注")
        assert unit.value.status == 403
        with pytest.raises(WorkflowError) as far:
            add_comment(session, FAR_REVIEWER, project, "不是本地区")
        assert far.value.status == 404
        with pytest.raises(WorkflowError, match="批注不能为空"):
            add_comment(session, REVIEWER, project, " \u200b ")
        with pytest.raises(WorkflowError) as stranger:
            add_comment(session, REVIEWER, project, "别的项目的指标", indicator_id=10_000)
        assert stranger.value.status == 404
        add_comment(session, REVIEWER, project, "指标值请与上年对比", indicator_id=indicator.id)
        add_comment(session, REVIEWER, project, "整体目标过于笼统")
        session.commit()
        assert len(project_comments(session, UNIT, project, project.id)) == 0  # not sent yet
        assert len(project_comments(session, None, project, project.id)) == 0
        seen = project_comments(session, REVIEWER, project, project.id)
        assert [c.text for c in seen.on(indicator.id)] == ["指标值请与上年对比"]
        transition(session, REVIEWER, project, "return", "请按批注修改")
        session.commit()
        mine = project_comments(session, UNIT, project, project.id)
        assert [c.text for c in mine.on(indicator.id)] == ["指标值请与上年对比"]
        assert [c.text for c in mine.project] == ["整体目标过于笼统"]
        other_unit = Viewer("u2", "unit", unit_code="999", region="门源县")
        assert len(project_comments(session, other_unit, project, project.id)) == 0
        kinds = [(e.kind, e.text) for e in timeline(session, UNIT, project, project.id)]
        assert kinds == [("action", "已核实"), ("comment", "指标值请与上年对比"),
                         ("comment", "整体目标过于笼统"), ("action", "请按批注修改")]
        comments = [r for r in audit.history(session, "project", project.id) if r.action == "comment"]
        assert len(comments) == 2 and comments[0].username == "r1"


def test_queue_counts_and_sorts(engine: Engine) -> None:
    with Session(engine) as session:
        projects = _projects(session)
        for name in ("环卫工人爱心早餐", "门源县总工会工会经费", "维权经费"):
            transition(session, UNIT, projects[name], "submit", "核实", confirm=True)
        session.commit()
        queue = review_queue(session, REVIEWER, "errors", descending=True)
        assert (queue[0].name, queue[0].errors, queue[0].warnings) == ("门源县总工会工会经费", 1, 11)
        assert {q.name: (q.errors, q.warnings) for q in queue} == {
            "环卫工人爱心早餐": (0, 3), "门源县总工会工会经费": (1, 11), "维权经费": (1, 2)}
        by_warnings = [q.name for q in review_queue(session, REVIEWER, "warnings")]
        assert by_warnings == ["维权经费", "环卫工人爱心早餐", "门源县总工会工会经费"]
        assert review_queue(session, REVIEWER, "submitted")[0].name == "环卫工人爱心早餐"
        assert review_queue(session, FAR_REVIEWER) == [] and review_queue(session, UNIT) == []
        assert len(review_queue(session, ADMIN)) == 3


def test_visitors_see_findings_only_on_projects_outside_the_workflow(engine: Engine) -> None:
    with Session(engine) as session:
        assert services.import_file(session, EXAMPLE, status="approved").error is None  # published as is
        session.commit()
        project = session.scalars(select(ProjectRow).where(ProjectRow.name == "厂务公开经费")).one()
        assert findings_shown(session, None, "unmanaged", project.id)
        assert not findings_shown(session, None, "none", project.id)
        everything = stats(session, visible_clause(None), findings_shown_clause(None, "all"))
        unmanaged = stats(session, visible_clause(None), findings_shown_clause(None, "unmanaged"))
        assert unmanaged["findings_by_rule"] == everything["findings_by_rule"]
        hidden = stats(session, visible_clause(None), findings_shown_clause(None, "none"))
        assert hidden["findings_by_rule"] == []
        # handled in the workflow (here: returned): visitors no longer see its findings anywhere
        session.execute(ProjectRow.__table__.update().where(ProjectRow.id == project.id)
                        .values(status="submitted"))
        session.expire_all()
        transition(session, REVIEWER, session.get_one(ProjectRow, project.id), "return", "请修改")
        session.commit()
        assert not findings_shown(session, None, "unmanaged", project.id)
        assert findings_shown(session, None, "all", project.id)
        assert findings_shown(session, REVIEWER, "none", project.id)  # logged-in users see them all
        after = stats(session, visible_clause(None), findings_shown_clause(None, "unmanaged"))
        count = sum(int(str(r["count"])) for r in after["findings_by_rule"])
        assert count == sum(int(str(r["count"])) for r in everything["findings_by_rule"]) - 5


def test_user_administration(engine: Engine) -> None:
    with Session(engine) as session:
        _projects(session)
        for bad in ("<img src=x onerror=alert(1)>", "a", "x" * 33, "有 空格"):
            with pytest.raises(UserError, match="用户名须为 2–32"):
                add_user(session, bad, "long enough", "admin")
        add_user(session, "王芳.wf", "long enough", "admin")
        with pytest.raises(UserError, match="单位编码 999999 不在库中"):
            add_user(session, "zhao", "long enough", "unit", unit_code="999999", region="门源县",
                     create_unit=False, create_region=False)
        add_user(session, "zhao", "long enough", "unit", unit_code="003006", region="门源县",
                 create_unit=False, create_region=False)
        before = get_user(session, "zhao")
        assert before is not None
        version = before.session_version
        with pytest.raises(UserError, match="地区 海晏县 不在库中"):
            update_user(session, "zhao", role="reviewer", region="海晏县", by="a1")
        with pytest.raises(UserError, match="审核用户须指定地区"):
            update_user(session, "zhao", role="reviewer", region="", by="a1")
        row = update_user(session, "zhao", role="reviewer", by="a1")
        assert (row.role, row.unit_code, row.region) == ("reviewer", None, "门源县")
        assert row.session_version > version  # the new scope applies at once
        row = update_user(session, "zhao", role="unit", unit_code="777", create_unit=True, by="a1")
        assert (row.role, row.unit_code) == ("unit", "777")
        with pytest.raises(UserError, match="不存在"):
            update_user(session, "nobody", role="admin", by="a1")
        with pytest.raises(UserError, match="不能停用自己的账户"):
            set_disabled(session, "王芳.wf", True, by="王芳.wf")
        set_disabled(session, "zhao", True, by="王芳.wf")
        session.commit()
        changes = [(r.action, r.username) for r in audit.history(session, "user")]
        assert changes[:3] == [("disable", "王芳.wf"), ("change", "a1"), ("change", "a1")]
        assert authenticate(session, "zhao", "wrong password") is None
