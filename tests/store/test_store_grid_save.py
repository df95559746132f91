"""Issue 13: the grid editor's one save for a project's whole indicator table, on each backend.

Edits, additions, deletions and the new order are stored in one transaction and audit-logged; one
bad row, a stale or missing version, or a user who may not edit stores nothing; of two saves made
on one version exactly one is stored.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.store.access import Viewer
from jixiao.store.editing import EditError
from jixiao.store.grid_edit import GridConflict, GridRow, grid_version, save_grid
from jixiao.store.mapping import indicator_model
from jixiao.store.schema import AuditRow, FindingRow, IndicatorRow, ProjectRow
from jixiao.store.users import add_user

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
UNIT = Viewer("unit1", "unit", "003006", "门源县")
FIELDS = ("level1", "level2", "name", "operator", "value", "unit", "weight", "note")


def _seed(engine: Engine) -> int:
    with Session(engine) as session:
        assert services.import_file(session, EXAMPLE).error is None
        add_user(session, "unit1", "grid save password", "unit", unit_code="003006", region="门源县")
        session.commit()
        return int(session.scalars(select(ProjectRow.id).order_by(ProjectRow.id)).first() or 0)


def _rows(session: Session, project_id: int) -> list[dict[str, Any]]:
    project = session.get(ProjectRow, project_id)
    assert project is not None
    out = []
    for row in project.indicators:
        model = indicator_model(row)
        value = "" if model.value is None else str(model.value)
        out.append({"id": row.id, "level1": row.level1 or "", "level2": row.level2 or "", "name": row.name,
                    "operator": row.operator, "value": value, "unit": row.unit or "", "weight": "",
                    "note": ""})
    return out


def _grid(rows: list[dict[str, Any]]) -> list[GridRow]:
    return [GridRow(r.get("id"), {k: str(r.get(k, "")) for k in FIELDS}) for r in rows]


def _save(engine: Engine, project_id: int, rows: list[dict[str, Any]], version: str | None,
          viewer: Viewer = UNIT) -> None:
    with Session(engine) as session:
        project = session.get(ProjectRow, project_id)
        assert project is not None
        save_grid(session, viewer, project, _grid(rows), version)
        services.review_stored_project(session, project)
        session.commit()


def _state(engine: Engine, project_id: int) -> list[tuple[int, str, int, int]]:
    with Session(engine) as session:
        query = select(IndicatorRow).where(IndicatorRow.project_id == project_id)
        query = query.order_by(IndicatorRow.position)
        return [(r.id, r.name, r.position, r.version) for r in session.scalars(query)]


def test_edit_add_delete_reorder_in_one_save(engine: Engine) -> None:
    project_id = _seed(engine)
    with Session(engine) as session:
        rows, version = _rows(session, project_id), grid_version(session, project_id)
    assert [r["name"] for r in rows][:2] == ["举办活动天数", "举办场次"]
    deleted = rows.pop(1)  # 举办场次
    rows[0].update(operator="≥", value="31")  # was "30天" with no operator
    rows.reverse()
    rows.insert(2, {"level1": "效益指标", "level2": "社会效益指标", "name": "受益职工人数", "operator": "",
                    "value": "500", "unit": "人次", "weight": "5", "note": "按签到表计"})
    _save(engine, project_id, rows, version)
    state = _state(engine, project_id)
    names = [name for _id, name, _pos, _v in state]
    assert names == [r["name"] for r in rows]
    assert [pos for _id, _n, pos, _v in state] == list(range(len(rows)))
    assert deleted["name"] not in names
    with Session(engine) as session:
        edited = session.get(IndicatorRow, rows[-1]["id"])
        assert edited is not None and edited.version == 1 and edited.operator == "≥" and edited.value == "31"
        assert edited.raw == "举办活动天数 ≥31天"
        untouched = session.get(IndicatorRow, rows[0]["id"])
        assert untouched is not None and untouched.version == 0  # only moved: no edit, no new version
        added = session.scalars(select(IndicatorRow).where(IndicatorRow.name == "受益职工人数")).one()
        assert added.operator == "" and str(added.weight) == "5" and added.note == "按签到表计"
        actions = sorted((a.action, a.entity) for a in session.scalars(select(AuditRow)
                                                                       .where(AuditRow.username == "unit1")))
        assert actions == [("add", "indicator"), ("delete", "indicator"), ("edit", "indicator"),
                           ("reorder", "project")]
        # re-reviewed: the edited row lost its VAL003, the added bare "500人次" got one
        found = {(f.rule, f.indicator) for f in session.scalars(select(FindingRow)
                                                                 .where(FindingRow.project_id == project_id))}
        assert ("VAL003", "举办活动天数") not in found and ("VAL003", "受益职工人数") in found
        assert grid_version(session, project_id) != version


def test_one_bad_row_stores_nothing(engine: Engine) -> None:
    project_id = _seed(engine)
    with Session(engine) as session:
        rows, version = _rows(session, project_id), grid_version(session, project_id)
    before = _state(engine, project_id)
    rows[0]["value"] = "31"
    rows[3].update(operator="≥", value="很多")
    rows.append({"name": "", "value": "1"})
    rows[1]["weight"] = "abc"
    with pytest.raises(EditError) as refused:
        _save(engine, project_id, rows, version)
    assert refused.value.status == 422
    assert {(e["row"], e["field"]) for e in refused.value.details} == {(3, "value"), (len(rows) - 1, "name"),
                                                                        (1, "weight")}
    assert _state(engine, project_id) == before


def test_stale_or_missing_version_is_refused(engine: Engine) -> None:
    project_id = _seed(engine)
    with Session(engine) as session:
        rows, version = _rows(session, project_id), grid_version(session, project_id)
    rows[0]["value"] = "31"
    _save(engine, project_id, rows, version)
    before = _state(engine, project_id)
    rows[1]["value"] = "2"
    with pytest.raises(GridConflict) as stale:
        _save(engine, project_id, rows, version)
    assert stale.value.status == 409 and "指标表已被他人修改" in stale.value.message
    with pytest.raises(GridConflict) as missing:
        _save(engine, project_id, rows, None)
    assert missing.value.status == 428
    assert _state(engine, project_id) == before


@pytest.mark.parametrize(("viewer", "status"), [
    (Viewer("reviewer1", "reviewer", None, "门源县"), 403),
    (Viewer("unit2", "unit", "999001", "门源县"), 403),
    (None, 401),
])
def test_only_the_unit_may_save(engine: Engine, viewer: Viewer | None, status: int) -> None:
    project_id = _seed(engine)
    with Session(engine) as session:
        rows, version = _rows(session, project_id), grid_version(session, project_id)
    with pytest.raises(EditError) as refused:
        _save(engine, project_id, rows[1:], version, viewer)  # type: ignore[arg-type]
    assert refused.value.status == status
    assert len(_state(engine, project_id)) == len(rows)


def test_submitted_project_is_not_saved(engine: Engine) -> None:
    project_id = _seed(engine)
    with Session(engine) as session:
        rows, version = _rows(session, project_id), grid_version(session, project_id)
        project = session.get(ProjectRow, project_id)
        assert project is not None
        project.status = "submitted"
        session.commit()
    with pytest.raises(EditError) as refused:
        _save(engine, project_id, rows[1:], version)
    assert refused.value.status == 403


def test_two_saves_on_one_version_have_one_winner(engine: Engine) -> None:
    project_id = _seed(engine)
    with Session(engine) as session:
        rows, version = _rows(session, project_id), grid_version(session, project_id)
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def save(value: str) -> None:
        mine = [dict(r) for r in rows]
        mine[0]["value"] = value
        start.wait()
        try:
            _save(engine, project_id, mine, version)
            outcomes.append("saved")
        except GridConflict as exc:
            outcomes.append(str(exc.status))
        except Exception as exc:  # SQLite: the loser may also be refused by the write lock
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=save, args=(v,)) for v in ("40", "50")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert outcomes.count("saved") == 1, outcomes
    with Session(engine) as session:
        first = session.get(IndicatorRow, rows[0]["id"])
        assert first is not None and first.version == 1 and first.value in ("40", "50")
