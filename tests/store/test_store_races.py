"""Issue 12: workflow transitions raced by real threads against a live server, on each backend.

Before the compare-and-set, approve and return sent together both answered 200, and 8 parallel
submits gave 2 successes and a duplicated history. Now exactly one wins and the rest get 409."""

from __future__ import annotations

from pathlib import Path

import httpx
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.store import audit_chain
from jixiao.store.schema import AuditRow, ProjectRow, ReviewActionRow
from jixiao.store.users import add_user
from jixiao.web.app import create_app
from jixiao.web.settings import Settings
from live_server import at_once, live_server, login

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
PASSWORD = "race test password"


def _seed(engine: Engine) -> int:
    with Session(engine) as session:
        assert services.import_file(session, EXAMPLE).error is None
        add_user(session, "unit", PASSWORD, "unit", unit_code="003006", region="门源县")
        add_user(session, "rev1", PASSWORD, "reviewer", region="门源县")
        add_user(session, "rev2", PASSWORD, "reviewer", region="门源县")
        session.commit()
        return session.scalars(select(ProjectRow.id).where(ProjectRow.unit_code == "003006")
                               .order_by(ProjectRow.id)).first() or 0


def _app(engine: Engine) -> object:
    return create_app(Settings(database_url=engine.url.render_as_string(hide_password=False), secret_key="k"))


def _counts(engine: Engine, project: int) -> tuple[str, list[str], int]:
    with Session(engine) as session:
        status = session.scalars(select(ProjectRow.status).where(ProjectRow.id == project)).one()
        actions = list(session.scalars(select(ReviewActionRow.action).where(
            ReviewActionRow.project_id == project).order_by(ReviewActionRow.id)))
        audits = session.scalar(select(func.count()).select_from(AuditRow).where(
            AuditRow.entity == "project", AuditRow.entity_id == project)) or 0
        return status, actions, audits


def test_parallel_submits_and_reviews_have_one_winner(engine: Engine) -> None:
    project = _seed(engine)
    app = _app(engine)
    with live_server(app) as base:  # type: ignore[arg-type]
        unit, unit_h = login(base, "unit", PASSWORD)
        url = f"/api/v1/projects/{project}"
        submits = at_once([lambda: unit.post(f"{url}/submit", headers=unit_h) for _ in range(8)])
        codes = sorted(r.status_code for r in submits)
        assert codes == [200] + [409] * 7, [r.text for r in submits]
        refused = next(r for r in submits if r.status_code == 409).json()
        assert refused["ok"] is False and refused["status"] == 409 and "项目" in refused["error"]
        assert _counts(engine, project) == ("submitted", ["submit"], 1)

        (r1, h1), (r2, h2) = login(base, "rev1", PASSWORD), login(base, "rev2", PASSWORD)
        replies: list[httpx.Response] = at_once([
            lambda: r1.post(f"{url}/approve", headers=h1),
            lambda: r2.post(f"{url}/return", headers=h2, json={"comment": "请补充时效指标"})])
        assert sorted(r.status_code for r in replies) == [200, 409], [r.text for r in replies]
        winner = next(r for r in replies if r.status_code == 200).json()["to"]
        status, actions, audits = _counts(engine, project)
        assert status == winner and actions == ["submit", {"approved": "approve"}.get(winner, "return")]
        assert audits == 2
        with Session(engine) as session:  # concurrent writers did not fork the audit hash chain
            assert audit_chain.verify(session).ok
        for client in (unit, r1, r2):
            client.close()


def test_edit_racing_submit_is_refused_after_the_submit(engine: Engine) -> None:
    project = _seed(engine)
    with live_server(_app(engine)) as base:  # type: ignore[arg-type]
        unit, headers = login(base, "unit", PASSWORD)
        indicator = unit.get(f"/api/v1/projects/{project}/indicators").json()["items"][0]
        body = {"name": indicator["name"], "operator": "≥", "value": "1", "unit": "天",
                "version": indicator["version"]}
        unit.post(f"/api/v1/projects/{project}/submit", headers=headers)
        late = unit.put(f"/api/v1/indicators/{indicator['id']}", json=body, headers=headers)
        assert late.status_code == 403  # no longer editable once submitted
        unit.close()
