"""Issue 12: logout ends the session (a copied cookie no longer works), and so do a password
change, disabling the account, and the idle (2 h) and absolute (12 h) timeouts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from web_helpers import PASSWORD, login, page_token

from jixiao.web import sessions
from jixiao.web.app import create_app
from jixiao.web.settings import Settings

BODY = {"name": "x", "operator": "≥", "value": "1", "unit": "天"}


def _replay(client: TestClient, cookie: str) -> TestClient:
    """A second browser holding a copy of ``cookie`` (e.g. stolen before logout)."""
    other = TestClient(client.app)
    other.cookies.set("jixiao_session", cookie)
    return other


def _me(client: TestClient) -> object:
    return client.get("/api/v1/auth/me").json()["user"]


def test_logout_ends_the_copied_cookie_too(client: TestClient) -> None:
    token = login(client, "unit1")
    cookie = client.cookies["jixiao_session"]
    stolen = _replay(client, cookie)
    assert _me(stolen) is not None
    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token}).status_code == 200
    assert _me(_replay(client, cookie)) is None
    write = _replay(client, cookie).post("/api/v1/projects/1/indicators", json=BODY,
                                         headers={"X-CSRF-Token": token})
    assert write.status_code == 401 and write.json()["error"].startswith("请先登录")
    assert "Max-Age=0" in write.headers.get("set-cookie", "") or "expires" in write.headers.get(
        "set-cookie", "").lower()
    login(client, "unit1")  # a fresh login works
    assert _me(client) is not None


def test_password_change_ends_other_sessions(client: TestClient) -> None:
    elsewhere = TestClient(client.app)
    login(elsewhere, "unit1")
    token = login(client, "unit1")
    wrong = client.post("/api/v1/auth/password", headers={"X-CSRF-Token": token},
                        json={"current_password": "nope nope", "new_password": "a new password"})
    assert wrong.status_code == 401
    token = login(client, "unit1")
    short = client.post("/api/v1/auth/password", headers={"X-CSRF-Token": token},
                        json={"current_password": PASSWORD, "new_password": "short"})
    assert short.status_code == 422 and short.json()["error"].startswith("密码至少")
    token = login(client, "unit1")
    changed = client.post("/api/v1/auth/password", headers={"X-CSRF-Token": token},
                          json={"current_password": PASSWORD, "new_password": "a new password"})
    assert changed.status_code == 200, changed.text
    assert _me(client) is not None  # this session continues
    assert _me(elsewhere) is None  # the other one ended
    assert elsewhere.post("/api/v1/auth/login", json={"username": "unit1", "password": PASSWORD}
                          ).status_code == 401
    login(elsewhere, "unit1", "a new password")


def test_disabling_an_account_ends_its_sessions(client: TestClient) -> None:
    victim = TestClient(client.app)
    login(victim, "unit2")
    assert _me(victim) is not None
    token = login(client, "admin1")
    done = client.post("/api/v1/users/unit2/disable", headers={"X-CSRF-Token": token})
    assert done.status_code == 200 and done.json()["user"]["disabled"] is True
    assert _me(victim) is None
    refused = victim.post("/api/v1/auth/login", json={"username": "unit2", "password": PASSWORD})
    assert refused.status_code == 403 and refused.json()["error"] == "账户 unit2 已被停用，请联系管理员"
    wrong = victim.post("/api/v1/auth/login", json={"username": "unit2", "password": "not the password"})
    assert wrong.status_code == 401 and "停用" not in wrong.text  # a wrong password reveals nothing
    assert client.post("/api/v1/users/nobody/disable", headers={"X-CSRF-Token": token}).status_code == 404
    client.post("/api/v1/users/unit2/enable", headers={"X-CSRF-Token": token})
    login(victim, "unit2")


@pytest.fixture
def timed(db_url: str) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=db_url, secret_key="s", session_idle_timeout=100,
                              session_absolute_timeout=1000))
    with TestClient(app) as test_client:
        yield test_client


def test_idle_and_absolute_timeouts(timed: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1_000_000.0]
    monkeypatch.setattr(sessions, "_now", lambda: clock[0])
    login(timed, "unit1")
    clock[0] += 99
    assert _me(timed) is not None  # active within the idle timeout: kept, and "seen" moves on
    clock[0] += 99
    assert _me(timed) is not None
    clock[0] += 101
    assert _me(timed) is None  # idle too long
    login(timed, "unit1")
    for _ in range(12):  # active all along, but 12 × 90 s > the absolute timeout
        clock[0] += 90
        alive = _me(timed)
    assert alive is None


def test_admin_page_disables_and_enables(client: TestClient) -> None:
    victim = TestClient(client.app)
    login(victim, "unit2")
    login(client, "admin1")
    page = client.get("/admin/users")
    token = page_token(page.text)
    assert "停用 unit2？" in page.text
    done = client.post("/admin/users/unit2/disable", data={"csrf_token": token})
    assert done.status_code == 200 and "已停用用户 unit2" in done.text and "已停用" in done.text
    assert _me(victim) is None
    client.post("/admin/users/unit2/enable", data={"csrf_token": token})
    login(victim, "unit2")
