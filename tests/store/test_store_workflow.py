"""Access rules, the draft → submitted → approved/returned workflow, editing and the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from store_samples import example_document

from jixiao.store import audit
from jixiao.store.access import Viewer, can_edit, can_see, visible_clause
from jixiao.store.editing import EditError, indicator_from_fields, update_goal, update_indicator
from jixiao.store.repository import save_document
from jixiao.store.schema import AuditRow, ProjectRow
from jixiao.store.workflow import WorkflowError, review_history, transition

UNIT = Viewer("u1", "unit", unit_code="003006", region="门源县")
OTHER_UNIT = Viewer("u2", "unit", unit_code="999", region="门源县")
REVIEWER = Viewer("r1", "reviewer", region="门源县")
FAR_REVIEWER = Viewer("r2", "reviewer", region="海晏县")


def _project(session: Session) -> ProjectRow:
    save_document(session, example_document(), "sha")
    session.commit()
    return session.scalars(select(ProjectRow).where(ProjectRow.seq == "1")).one()


def test_full_workflow_and_visibility(engine: Engine) -> None:
    with Session(engine) as session:
        project = _project(session)
        visible = select(ProjectRow.id).where(visible_clause(None))
        assert session.scalars(visible).all() == []
        assert not can_see(None, project) and can_see(UNIT, project) and not can_see(OTHER_UNIT, project)
        with pytest.raises(WorkflowError) as denied:
            transition(session, REVIEWER, project, "approve")
        assert denied.value.status == 409
        with pytest.raises(WorkflowError) as other:
            transition(session, OTHER_UNIT, project, "submit")
        assert other.value.status == 404
        transition(session, UNIT, project, "submit")
        assert not can_edit(UNIT, project)
        with pytest.raises(WorkflowError) as far:
            transition(session, FAR_REVIEWER, project, "approve")
        assert far.value.status == 404
        with pytest.raises(WorkflowError) as bare:
            transition(session, REVIEWER, project, "return", "  ")
        assert bare.value.status == 422
        transition(session, REVIEWER, project, "return", "满意度指标值请核实")
        assert (project.status, project.review_comment) == ("returned", "满意度指标值请核实")
        assert can_edit(UNIT, project)
        transition(session, UNIT, project, "submit")
        transition(session, REVIEWER, project, "approve")
        session.commit()
        assert session.scalars(visible).all() == [project.id]
        actions = [a.action for a in review_history(session, project.id)]
        assert actions == ["submit", "return", "submit", "approve"]
        trail = audit.history(session, "project", project.id)
        assert [(r.username, r.before["status"], r.after["status"])  # type: ignore[index]
                for r in reversed(trail)] == [
            ("u1", "draft", "submitted"), ("r1", "submitted", "returned"), ("u1", "returned", "submitted"),
            ("r1", "submitted", "approved")]


def test_edit_indicator_records_before_and_after(engine: Engine) -> None:
    with Session(engine) as session:
        project = _project(session)
        row = project.indicators[0]
        parsed = indicator_from_fields("举办活动天数", "≥", "25", "天", "一、产出指标", "(一)数量指标")
        assert parsed.indicator is not None and not parsed.errors
        with pytest.raises(EditError):
            update_indicator(session, OTHER_UNIT, row, parsed.indicator)
        with pytest.raises(EditError):
            update_indicator(session, None, row, parsed.indicator)
        update_indicator(session, UNIT, row, parsed.indicator, 0)
        update_goal(session, UNIT, project.goals[0], "为一线环卫工人送早餐30天", 0)
        session.commit()
        entry = audit.history(session, "indicator", row.id)[0]
        assert entry.username == "u1" and entry.before is not None and entry.after is not None
        assert (entry.before["operator"], entry.before["value"]) == ("=", "30")
        after = (entry.after["operator"], entry.after["value"], entry.after["raw"])
        assert after == ("≥", "25", "举办活动天数 ≥25天")
        assert entry.after["location"] == entry.before["location"]
        goal = audit.history(session, "goal")[0]
        assert goal.after == {"text": "为一线环卫工人送早餐30天", "label": None}


@pytest.mark.parametrize(("fields", "error_field"), [
    (("", "=", "1", ""), "name"),
    (("x", "~", "1", ""), "operator"),
    (("x", "≥", "很多", ""), "value"),
])
def test_indicator_field_errors(fields: tuple[str, str, str, str], error_field: str) -> None:
    parsed = indicator_from_fields(*fields)
    assert parsed.indicator is None and error_field in parsed.errors


def test_indicator_field_kinds() -> None:
    date = indicator_from_fields("工作完成时限", "=", "2023年12月28日").indicator
    percent = indicator_from_fields("满意度", "≥", "95%").indicator
    words = indicator_from_fields("机制健全性", "定性", "健全").indicator
    assert date is not None and str(date.value) == "2023-12-28"
    assert percent is not None
    assert (percent.value_kind.value, percent.unit, str(percent.value)) == ("percent", "%", "95")
    assert words is not None and words.value == "健全"


def test_audit_log_is_append_only(engine: Engine) -> None:
    with Session(engine) as session:
        audit.record(session, "admin", "add", "user", 1, None, {"username": "x"})
        session.commit()
    for statement in ("UPDATE audit_log SET username = 'someone else'", "DELETE FROM audit_log"):
        with Session(engine) as session, pytest.raises(DBAPIError, match="append-only"):
            session.execute(text(statement))
    with Session(engine) as session:
        assert [r.username for r in session.scalars(select(AuditRow))] == ["admin"]
