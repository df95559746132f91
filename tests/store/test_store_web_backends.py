"""The web API on each database backend: import the bundled example, search it (FTS5 or tsvector),
walk a project through the workflow and read it back anonymously."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.store.users import add_user
from jixiao.web.app import create_app
from jixiao.web.settings import Settings

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
PASSWORD = "backend test pw"


def _login(client: TestClient, username: str) -> dict[str, str]:
    reply = client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert reply.status_code == 200, reply.text
    return {"X-CSRF-Token": reply.json()["csrf_token"]}


def test_api_on_each_backend(engine: Engine) -> None:
    with Session(engine) as session:
        outcome = services.import_file(session, EXAMPLE)
        assert outcome.error is None and outcome.created
        assert not services.import_file(session, EXAMPLE).created
        add_user(session, "unit", PASSWORD, "unit", unit_code="003006", region="门源县")
        add_user(session, "reviewer", PASSWORD, "reviewer", region="门源县")
        session.commit()
    url = engine.url.render_as_string(hide_password=False)
    with TestClient(create_app(Settings(database_url=url, secret_key="k"))) as client:
        assert client.get("/api/v1/search", params={"q": "职工之家"}).json()["total"] == 0  # drafts hidden
        headers = _login(client, "unit")
        found = client.get("/api/v1/search", params={"q": "职工之家"}).json()["items"]
        assert [p["name"] for p in found] == ["门源县总工会工会经费"]
        project = found[0]["id"]
        detail = client.get(f"/api/v1/projects/{project}").json()["project"]
        target = next(i for i in detail["indicators"] if i["name"] == "建设职工之家")
        edited = client.put(f"/api/v1/indicators/{target['id']}", headers=headers,
                            json={"name": "建设职工之家", "operator": "≥", "value": "12", "unit": "个",
                                  "level1": "产出指标", "level2": "数量指标", "version": target["version"]})
        assert edited.status_code == 200 and edited.json()["indicator"]["value"] == "12"
        refused = client.post(f"/api/v1/projects/{project}/submit", headers=headers)  # TIM001 is open
        assert refused.status_code == 409 and [e["rule"] for e in refused.json()["errors"]] == ["TIM001"]
        confirmed = {"confirm": True, "comment": "时限以合同为准"}
        assert client.post(f"/api/v1/projects/{project}/submit", headers=headers,
                           json=confirmed).json()["to"] == "submitted"
        headers = _login(client, "reviewer")
        assert client.post(f"/api/v1/projects/{project}/approve", headers=headers,
                           json=confirmed).json()["to"] == "approved"
        client.post("/api/v1/auth/logout", headers=headers)
        public = client.get("/api/v1/projects").json()
        assert [p["id"] for p in public["items"]] == [project]
        assert client.get("/api/v1/search", params={"q": "职工之家"}).json()["items"][0]["id"] == project
        audit = [(e["action"], e["entity"]) for e in _audit(client, project)]
        assert audit == [("approve", "project"), ("submit", "project"), ("edit", "indicator")]


def _audit(client: TestClient, project: int) -> list[dict[str, str]]:
    _login(client, "reviewer")
    items: list[dict[str, str]] = client.get(f"/api/v1/projects/{project}/audit").json()["items"]
    return items


def test_import_never_crashes_on_text_the_database_refuses(engine: Engine, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    doc = services.parse_file(EXAMPLE)
    doc.projects[0].name = "环卫\x00早餐"  # PostgreSQL text cannot hold NUL; SQLite can
    monkeypatch.setattr(services, "read_document", lambda _path: doc)
    copy = tmp_path / "nul.txt"
    copy.write_bytes(EXAMPLE.read_bytes() + b"\n")
    with Session(engine) as session:
        outcome = services.import_file(session, copy)
        if engine.dialect.name == "postgresql":
            assert outcome.document_id is None and outcome.error is not None
            assert outcome.error.startswith(f"{copy}: could not be stored:") and "\n" not in outcome.error
            monkeypatch.undo()
            assert services.import_file(session, EXAMPLE).created  # the session is usable again
        else:
            assert outcome.created and outcome.error is None
