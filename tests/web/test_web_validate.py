"""Issue 12: the editor's validate calls (each reviews the whole document) need a logged-in user
who may edit the project, and are rate-limited per user (429 with Retry-After)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_helpers import login

from jixiao.web.app import create_app
from jixiao.web.settings import Settings

FIELDS = {"name": "举办活动天数", "operator": "≥", "value": "25", "unit": "天"}


def _draft(client: TestClient) -> int:
    items = client.get("/api/v1/projects", params={"unit": "003006"}).json()["items"]
    return int(items[0]["id"])


def test_validate_needs_an_editor_and_is_rate_limited(db_url: str) -> None:
    app = create_app(Settings(database_url=db_url, secret_key="s", validate_per_minute=3))
    with TestClient(app) as client:
        token = login(client, "unit1")
        project = _draft(client)
        headers = {"X-CSRF-Token": token}
        for _ in range(3):
            reply = client.post(f"/api/v1/projects/{project}/validate", json=FIELDS, headers=headers)
            assert reply.is_success
        limited = client.post(f"/projects/{project}/check", data={**FIELDS, "csrf_token": token})
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
        token = login(client, "reviewer1")  # sees the draft, may not edit it
        denied = client.post(f"/api/v1/projects/{project}/validate", json=FIELDS,
                             headers={"X-CSRF-Token": token})
        assert denied.status_code == 403 and denied.json()["error"].startswith("你不能编辑")
        token = login(client, "unit2")  # another unit does not even see it
        hidden = client.post(f"/api/v1/projects/{project}/validate", json=FIELDS,
                             headers={"X-CSRF-Token": token})
        assert hidden.status_code == 404
        client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})
        anonymous = client.post(f"/api/v1/projects/{project}/validate", json=FIELDS,
                                headers={"X-CSRF-Token": token})
        assert anonymous.status_code in (401, 403)
