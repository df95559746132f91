"""The performance year raced by real threads against a live server, on each backend (issue 10):
saves racing the confirm that locks the year either land before the lock or are refused (422), and
saves of the same round at once are serialised by the year row, never a duplicate or a 500."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.store import audit_chain
from jixiao.store.schema import AuditRow, ProjectRow
from jixiao.store.users import add_user
from jixiao.store.year_schema import MonitoringRoundRow
from jixiao.web.app import create_app
from jixiao.web.settings import Settings
from live_server import at_once, live_server, login

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
PASSWORD = "race test password"


def _seed(engine: Engine) -> int:
    with Session(engine) as session:
        assert services.import_file(session, EXAMPLE).error is None
        add_user(session, "unit", PASSWORD, "unit", unit_code="003006", region="门源县")
        add_user(session, "rev", PASSWORD, "reviewer", region="门源县")
        session.commit()
        return session.scalars(select(ProjectRow.id).where(ProjectRow.seq == "1")).one()


def _rounds(session: Session, project: int) -> list[MonitoringRoundRow]:
    return list(session.scalars(select(MonitoringRoundRow).where(MonitoringRoundRow.project_id == project)))


def _round(day: int) -> dict[str, Any]:
    return {"as_of": f"2023-07-{day:02d}", "budget_full": "30", "executed": "10", "entries": []}


def _start(base: str, project: int) -> tuple[Any, dict[str, str], Any, dict[str, str]]:
    unit, unit_h = login(base, "unit", PASSWORD)
    rev, rev_h = login(base, "rev", PASSWORD)
    assert unit.post(f"/api/v1/projects/{project}/submit", headers=unit_h).status_code == 200
    assert rev.post(f"/api/v1/projects/{project}/approve", headers=rev_h).status_code == 200
    return unit, unit_h, rev, rev_h


def test_saves_racing_the_confirm_land_before_the_lock_or_are_refused(engine: Engine) -> None:
    project = _seed(engine)
    app = create_app(Settings(database_url=engine.url.render_as_string(hide_password=False), secret_key="k"))
    with live_server(app) as base:
        unit, unit_h, rev, rev_h = _start(base, project)
        url = f"/api/v1/projects/{project}/year"
        assert unit.put(f"{url}/self-evaluation", headers=unit_h, json={
            "budget_full": "30", "executed": "30", "entries": []}).status_code == 200
        assert unit.post(f"{url}/self-evaluation/submit", headers=unit_h).status_code == 200
        calls = [lambda: rev.post(f"{url}/self-evaluation/confirm", headers=rev_h)]
        calls += [lambda day=day: unit.put(f"{url}/monitoring", headers=unit_h, json=_round(day))  # type: ignore[misc]
                  for day in range(10, 16)]
        replies = at_once(calls)
        assert replies[0].status_code == 200, replies[0].text
        codes = [r.status_code for r in replies[1:]]
        assert set(codes) <= {200, 422}, [r.text for r in replies]
        with Session(engine) as session:
            assert len(_rounds(session, project)) == codes.count(200)
            trail = list(session.scalars(select(AuditRow).order_by(AuditRow.id)))
            lock = next(r.id for r in trail if r.entity == "performance_year" and r.action == "lock")
            assert all(r.id < lock for r in trail if r.entity == "monitoring")  # nothing after the lock
            assert audit_chain.verify(session).ok
        for client in (unit, rev):
            client.close()


def test_the_same_round_saved_at_once_is_one_round(engine: Engine) -> None:
    project = _seed(engine)
    app = create_app(Settings(database_url=engine.url.render_as_string(hide_password=False), secret_key="k"))
    with live_server(app) as base:
        unit, unit_h, rev, _rev_h = _start(base, project)
        url = f"/api/v1/projects/{project}/year/monitoring"
        replies = at_once([lambda: unit.put(url, headers=unit_h, json=_round(31)) for _ in range(6)])
        assert sorted(r.status_code for r in replies) == [200] * 6, [r.text for r in replies]
        with Session(engine) as session:
            rounds = _rounds(session, project)
            assert len(rounds) == 1 and rounds[0].version == 5
        for client in (unit, rev):
            client.close()
