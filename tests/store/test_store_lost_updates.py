"""Issue 12: two users editing the same indicator. Before the version column, both saves answered
200 and the later one silently overwrote the other. Now every edit names the version it was made
on: of parallel saves on one version exactly one is stored, the others get 409 with both versions,
and the editor page says so. Real threads against a live server, on each backend."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.store import audit_chain
from jixiao.store.schema import AuditRow, IndicatorRow, ProjectRow
from jixiao.store.users import add_user
from jixiao.web.app import create_app
from jixiao.web.settings import Settings
from live_server import at_once, live_server, login

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
PASSWORD = "lost update password"


def _seed(engine: Engine) -> int:
    with Session(engine) as session:
        assert services.import_file(session, EXAMPLE).error is None
        for name in ("alice", "bob", "carol", "dave"):
            add_user(session, name, PASSWORD, "unit", unit_code="003006", region="门源县")
        session.commit()
        return session.scalars(select(ProjectRow.id).where(ProjectRow.unit_code == "003006")
                               .order_by(ProjectRow.id)).first() or 0


def _app(engine: Engine) -> object:
    return create_app(Settings(database_url=engine.url.render_as_string(hide_password=False), secret_key="k"))


def test_parallel_edits_on_one_version_have_one_winner(engine: Engine) -> None:
    project = _seed(engine)
    with live_server(_app(engine)) as base:  # type: ignore[arg-type]
        users = [login(base, name, PASSWORD) for name in ("alice", "bob", "carol", "dave")]
        first = users[0][0].get(f"/api/v1/projects/{project}/indicators").json()["items"][0]
        assert first["version"] == 0
        url = f"/api/v1/indicators/{first['id']}"

        def save(i: int) -> httpx.Response:
            client, headers = users[i]
            body = {"name": first["name"], "operator": "≥", "value": str(10 + i), "unit": "天", "version": 0}
            return client.put(url, json=body, headers=headers)

        replies = at_once([lambda i=i: save(i) for i in range(4)])  # type: ignore[misc]
        codes = sorted(r.status_code for r in replies)
        assert codes == [200, 409, 409, 409], [r.text for r in replies]
        won = next(r for r in replies if r.status_code == 200).json()
        assert won["indicator"]["version"] == 1
        for lost in (r.json() for r in replies if r.status_code == 409):
            assert lost["ok"] is False and lost["status"] == 409
            assert lost["error"].startswith("指标已被他人修改")
            assert lost["errors"][0]["sent_version"] == 0 and lost["errors"][0]["current_version"] == 1
        # the stored value is the winner's, and only the winner's edit is in the audit log
        with Session(engine) as session:
            row = session.get(IndicatorRow, first["id"])
            assert row is not None and (row.value, row.version) == (won["indicator"]["value"], 1)
            edits = session.scalar(select(func.count()).select_from(AuditRow).where(
                AuditRow.entity == "indicator", AuditRow.entity_id == first["id"])) or 0
            assert edits == 1 and audit_chain.verify(session).ok

        alice, alice_h = users[0]
        stale = alice.put(url, json={"name": first["name"], "operator": "≥", "value": "3", "unit": "天"},
                          headers={**alice_h, "If-Match": '"0"'})
        assert stale.status_code == 409 and "当前为版本 1" in stale.json()["error"]
        fresh = alice.put(url, json={"name": first["name"], "operator": "≥", "value": "3", "unit": "天"},
                          headers={**alice_h, "If-Match": '"1"'})
        assert fresh.status_code == 200 and fresh.json()["indicator"]["version"] == 2
        missing = alice.put(url, json={"name": first["name"], "operator": "≥", "value": "4"}, headers=alice_h)
        assert missing.status_code == 428 and "版本号" in missing.json()["error"]

        # the editor page: a form rendered on version 2, saved after bob's save, shows the conflict
        page = alice.get(f"/projects/{project}/edit").text
        form = re.search(rf'id="ind-{first["id"]}".*?name="version" value="(\d+)"', page, re.S)
        assert form is not None and form.group(1) == "2"
        bob, bob_h = users[1]
        assert bob.put(url, json={"name": first["name"], "operator": "≥", "value": "5", "unit": "天",
                                  "version": 2}, headers=bob_h).status_code == 200
        token = alice_h["X-CSRF-Token"]
        shown = alice.post(f"/projects/{project}/indicators/{first['id']}", data={
            "name": first["name"], "operator": "≥", "value": "6", "unit": "天", "version": "2",
            "csrf_token": token}, follow_redirects=True)
        assert shown.status_code == 200
        assert "未保存：指标已被他人修改：你编辑的是版本 2，当前为版本 3" in shown.text
        with Session(engine) as session:
            row = session.get(IndicatorRow, first["id"])
            assert row is not None and (row.value, row.version) == ("5", 3)  # bob's edit stands
        for client, _ in users:
            client.close()


def test_parallel_goal_edits_have_one_winner(engine: Engine) -> None:
    project = _seed(engine)
    with live_server(_app(engine)) as base:  # type: ignore[arg-type]
        users = [login(base, name, PASSWORD) for name in ("alice", "bob")]
        goal = users[0][0].get(f"/api/v1/projects/{project}").json()["project"]["goals"][0]

        def save(i: int) -> httpx.Response:
            client, headers = users[i]
            return client.put(f"/api/v1/goals/{goal['id']}", headers=headers,
                              json={"text": f"目标 {i}", "version": goal["version"]})

        replies = at_once([lambda i=i: save(i) for i in range(2)])  # type: ignore[misc]
        assert sorted(r.status_code for r in replies) == [200, 409], [r.text for r in replies]
        lost = next(r for r in replies if r.status_code == 409).json()
        assert lost["error"].startswith("绩效目标已被他人修改") and lost["errors"][0]["current_version"] == 1
        for client, _ in users:
            client.close()
