"""The JSON API: visibility by role, editing with CSRF and audit, the workflow, search, the error
envelope and the login rate limit."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from web_helpers import PASSWORD, login


def _project(client: TestClient, seq: str) -> dict[str, Any]:
    items = client.get("/api/v1/projects", params={"limit": 500}).json()["items"]
    return next(p for p in items if p["seq"] == seq)


def _envelope(body: dict[str, Any], status: int) -> None:
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"] and isinstance(body["errors"], list)


def test_anonymous_sees_no_drafts(client: TestClient) -> None:
    assert client.get("/api/v1/projects").json()["total"] == 0
    assert client.get("/api/v1/documents").json()["items"] == []
    missing = client.get("/api/v1/projects/1")
    assert missing.status_code == 404
    _envelope(missing.json(), 404)
    assert client.get("/api/v1/search", params={"q": "早餐"}).json()["total"] == 0
    assert client.get("/api/v1/findings").json()["items"] == []
    assert client.get("/api/v1/stats").json()["findings_by_rule"] == []


def test_error_envelope_for_validation_and_unknown_paths(client: TestClient) -> None:
    bad = client.get("/api/v1/projects", params={"status": "secret"})
    assert bad.status_code == 422
    _envelope(bad.json(), 422)
    missing_q = client.get("/api/v1/search")
    assert missing_q.status_code == 422
    _envelope(missing_q.json(), 422)
    assert missing_q.json()["errors"][0]["field"] == "query.q"
    _envelope(client.get("/api/v1/no-such-thing").json(), 404)
    assert "/api/v1/projects" in client.get("/api/v1/openapi.json").json()["paths"]
    assert client.get("/docs").status_code == 200


def test_unit_user_edits_own_draft_and_audit_records_it(client: TestClient) -> None:
    token = login(client, "unit1")
    project = _project(client, "2")
    detail = client.get(f"/api/v1/projects/{project['id']}").json()["project"]
    assert detail["editable"] and detail["actions"] == ["submit"]
    deadline = next(i for i in detail["indicators"] if i["name"] == "工作完成时限")
    assert any(f["rule"] == "TIM001" for f in deadline["findings"])  # the finding sits by its indicator
    body = {"level1": "产出指标", "level2": "时效指标", "name": "工作完成时限", "operator": "=",
            "value": "2023-12-28", "unit": "", "version": deadline["version"]}
    no_token = client.put(f"/api/v1/indicators/{deadline['id']}", json=body)
    assert no_token.status_code == 403
    _envelope(no_token.json(), 403)
    saved = client.put(f"/api/v1/indicators/{deadline['id']}", json=body, headers={"X-CSRF-Token": token})
    assert saved.status_code == 200, saved.text
    assert saved.json()["indicator"]["value"] == "2023-12-28"
    assert not any(f["rule"] == "TIM001" for f in saved.json()["indicator"]["findings"])
    trail = client.get(f"/api/v1/projects/{project['id']}/audit").json()["items"]
    assert trail[0]["user"] == "unit1" and trail[0]["entity"] == "indicator"
    assert (trail[0]["before"]["value"], trail[0]["after"]["value"]) == ("2021-12-28", "2023-12-28")
    invalid = client.put(f"/api/v1/indicators/{deadline['id']}", json={**body, "operator": "约"},
                         headers={"X-CSRF-Token": token})
    assert invalid.status_code == 422 and invalid.json()["errors"][0]["field"] == "body.operator"


def test_validate_as_you_type_uses_the_review_rules(client: TestClient) -> None:
    token = login(client, "unit1")
    project = _project(client, "2")
    indicators = client.get(f"/api/v1/projects/{project['id']}/indicators").json()["items"]
    deadline = next(i["id"] for i in indicators if i["name"] == "工作完成时限")
    url = f"/api/v1/projects/{project['id']}/validate?indicator_id={deadline}"
    body = {"name": "工作完成时限", "operator": "=", "value": "2021年12月28日"}
    result = client.post(url, json=body, headers={"X-CSRF-Token": token}).json()
    assert [f["rule"] for f in result["findings"]] == ["TIM001"]
    assert "早于预算年度 2023" in result["findings"][0]["message"]
    fixed = client.post(url, json={**body, "value": "2023-11-30"}, headers={"X-CSRF-Token": token}).json()
    assert fixed["ok"] and fixed["findings"] == []
    # As a new indicator the same name is a duplicate of the one already there.
    new = client.post(f"/api/v1/projects/{project['id']}/validate", json={**body, "value": "2023-11-30"},
                      headers={"X-CSRF-Token": token}).json()
    assert "STR002" in [f["rule"] for f in new["findings"]]
    bad = client.post(url, json={**body, "operator": "≥", "value": "很快"}, headers={"X-CSRF-Token": token})
    assert bad.json()["ok"] is False and "value" in bad.json()["errors"]


def test_other_unit_cannot_edit(client: TestClient) -> None:
    login(client, "unit1")
    project = _project(client, "1")
    indicator = client.get(f"/api/v1/projects/{project['id']}/indicators").json()["items"][0]
    body = {"name": indicator["name"], "operator": "≥", "value": "1", "unit": "天"}
    token = login(client, "unit2")
    hidden = client.put(f"/api/v1/indicators/{indicator['id']}", json=body, headers={"X-CSRF-Token": token})
    assert hidden.status_code == 404  # another unit's draft is not even visible
    # Once published it is visible, but still not editable by another unit.
    owner = login(client, "unit1")  # every login starts a new session with a new CSRF token
    assert client.post(f"/api/v1/projects/{project['id']}/submit", headers={"X-CSRF-Token": owner}).is_success
    reviewer = login(client, "reviewer1")
    assert client.post(f"/api/v1/projects/{project['id']}/approve",
                       headers={"X-CSRF-Token": reviewer}).is_success
    token = login(client, "unit2")
    denied = client.put(f"/api/v1/indicators/{indicator['id']}", json=body, headers={"X-CSRF-Token": token})
    assert denied.status_code == 403
    _envelope(denied.json(), 403)


def test_workflow_publishes_only_approved(client: TestClient) -> None:
    token = login(client, "unit1")
    project = _project(client, "1")
    url = f"/api/v1/projects/{project['id']}"
    assert client.post(f"{url}/approve", headers={"X-CSRF-Token": token}).status_code == 409
    submitted = client.post(f"{url}/submit", headers={"X-CSRF-Token": token})
    assert submitted.json()["to"] == "submitted"
    far = login(client, "reviewer2")
    assert client.post(f"{url}/approve", headers={"X-CSRF-Token": far}).status_code == 404
    token = login(client, "reviewer1")
    bare = client.post(f"{url}/return", json={"comment": ""}, headers={"X-CSRF-Token": token})
    assert bare.status_code == 422
    returned = client.post(f"{url}/return", json={"comment": "请补充时效指标"},
                           headers={"X-CSRF-Token": token})
    assert returned.json()["to"] == "returned"
    token = login(client, "unit1")
    assert client.get(url).json()["project"]["review_comment"] == "请补充时效指标"
    client.post(f"{url}/submit", headers={"X-CSRF-Token": token})
    token = login(client, "reviewer1")
    assert client.post(f"{url}/approve", headers={"X-CSRF-Token": token}).json()["to"] == "approved"
    client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})
    assert client.get("/api/v1/auth/me").json()["user"] is None
    public = client.get("/api/v1/projects").json()
    assert [p["name"] for p in public["items"]] == ["环卫工人爱心早餐"] and public["total"] == 1
    assert client.get(url).json()["project"]["status"] == "approved"
    assert [p["name"] for p in client.get("/api/v1/search", params={"q": "爱心早餐"}).json()["items"]] == [
        "环卫工人爱心早餐"]
    assert client.get("/api/v1/documents").json()["items"][0]["projects"] == 1
    history = client.get(url).json()["project"]["history"]
    assert [h["action"] for h in history] == ["submit", "return", "submit", "approve"]


def test_login_is_rate_limited(client: TestClient) -> None:
    for _ in range(5):
        wrong = client.post("/api/v1/auth/login", json={"username": "unit1", "password": "guess"})
        assert wrong.status_code == 401
        _envelope(wrong.json(), 401)
    blocked = client.post("/api/v1/auth/login", json={"username": "unit1", "password": PASSWORD})
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    _envelope(blocked.json(), 429)


def test_admin_manages_users(client: TestClient) -> None:
    token = login(client, "unit1")
    assert client.get("/api/v1/users").status_code == 403
    token = login(client, "admin1")
    new = {"username": "unit3", "password": "long enough pw", "role": "unit", "unit": "003"}
    created = client.post("/api/v1/users", json=new, headers={"X-CSRF-Token": token})
    assert created.status_code == 201 and created.json()["user"]["unit"] == "003"
    again = client.post("/api/v1/users", json=new, headers={"X-CSRF-Token": token})
    assert again.status_code == 422 and "已存在" in again.json()["error"]
    assert "unit3" in [u["username"] for u in client.get("/api/v1/users").json()["items"]]
    login(client, "unit3", "long enough pw")


def test_document_level_findings_are_shown_with_the_document(client: TestClient, db_url: str) -> None:
    from sqlalchemy.orm import Session

    from jixiao.store.database import make_engine
    from jixiao.store.schema import FindingRow

    engine = make_engine(db_url)
    with Session(engine) as session:
        session.add(FindingRow(document_id=1, project_id=None, rule="SUM001", name="total-mismatch",
                               severity="error", message="合计 435.21 与各项目之和 435.20 不符", context={}))
        session.commit()
    engine.dispose()
    assert client.get("/api/v1/documents/1").status_code == 404  # nothing published yet
    token = login(client, "admin1")
    document = client.get("/api/v1/documents/1").json()
    assert [f["rule"] for f in document["findings"]] == ["SUM001"]
    assert "合计 435.21 与各项目之和 435.20 不符" in client.get("/documents/1").text
    client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})
