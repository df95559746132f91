"""Issue 12, on each backend: NUL, lone surrogates and integers past 2**63 are refused with 422
before they reach the database (PostgreSQL text cannot hold NUL; both overflow at 2**63)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.store.users import UserError, add_user
from jixiao.web.app import create_app
from jixiao.web.settings import Settings

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
PASSWORD = "inputs test pw"


def test_bad_input_is_422_on_each_backend(engine: Engine) -> None:
    with Session(engine) as session:
        assert services.import_file(session, EXAMPLE).error is None
        add_user(session, "unit", PASSWORD, "unit", unit_code="003006", region="门源县")
        with pytest.raises(UserError, match="空字符"):
            add_user(session, "x\x00y", PASSWORD, "admin")
        with pytest.raises(UserError, match="代理"):
            add_user(session, "ok", PASSWORD, "unit", unit_code="\ud800", region="门源县")
        session.commit()
    url = engine.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="k"))
    with TestClient(app, raise_server_exceptions=False) as client:
        token = client.post("/api/v1/auth/login", json={"username": "unit", "password": PASSWORD}).json()
        headers = {"X-CSRF-Token": token["csrf_token"], "content-type": "application/json"}
        project = client.get("/api/v1/projects", params={"unit": "003006"}).json()["items"][0]["id"]
        detail = client.get(f"/api/v1/projects/{project}").json()["project"]
        indicator, goal = detail["indicators"][0]["id"], detail["goals"][0]["id"]
        for method, path, body in [
            ("PUT", f"/api/v1/indicators/{indicator}", '{"name": "a\\u0000b", "operator": "="}'),
            ("PUT", f"/api/v1/goals/{goal}", '{"text": "\\ud800"}'),
            ("GET", f"/api/v1/projects?offset={2**63}", ""),
            ("GET", f"/api/v1/findings?project_id={2**63}", ""),
            ("DELETE", f"/api/v1/indicators/{2**63}", ""),
        ]:
            reply = client.request(method, path, content=body.encode(), headers=headers)
            assert reply.status_code == 422, (path, reply.text)
        form = client.post(f"/projects/{project}/goals/{goal}", follow_redirects=False,
                           data={"text": "目标\x00", "csrf_token": token["csrf_token"]})
        assert form.status_code == 303  # refused with a message on the editor page, not a 500


def test_nul_in_urls_and_forms_is_refused_on_each_backend(engine: Engine) -> None:
    with Session(engine) as session:
        assert services.import_file(session, EXAMPLE).error is None
        add_user(session, "admin", PASSWORD, "admin")
        session.commit()
    app = create_app(Settings(database_url=engine.url.render_as_string(hide_password=False), secret_key="k"))
    with TestClient(app, raise_server_exceptions=False) as client:
        token = client.post("/api/v1/auth/login", json={"username": "admin", "password": PASSWORD}
                            ).json()["csrf_token"]
        for url in ("/api/v1/projects?region=%00", "/api/v1/projects?unit=a%00", "/api/v1/findings?rule=%00",
                    "/api/v1/findings?severity=%00", "/api/v1/search?q=a%00b", "/projects?region=%00",
                    "/projects?unit=%00", "/search?q=%00", "/login?next=%00"):
            reply = client.get(url)
            assert reply.status_code == 422, (url, reply.status_code)
        assert client.get("/api/v1/projects?region=%00").json()["error"].startswith("网址中不能包含空字符")
        disable = client.post("/api/v1/users/a%00b/disable", headers={"X-CSRF-Token": token})
        assert disable.status_code == 422
        form = client.post("/admin/users", data={"username": "a\x00b", "password": PASSWORD, "role": "admin",
                                                 "csrf_token": token})
        assert form.status_code == 422 and "空字符" in form.text
        login = client.post("/login", data={"username": "a\x00b", "password": PASSWORD, "csrf_token": token})
        assert login.status_code == 422
