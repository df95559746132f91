"""Issue 12: security headers on every response, no inline script in the pages (so the CSP can
forbid it), secure cookies by setting or environment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import PASSWORD, login

from jixiao.web.app import create_app
from jixiao.web.settings import Settings

TEMPLATES = Path(__file__).parents[2] / "src" / "jixiao" / "web" / "templates"


def _secure(headers: object) -> None:
    get = headers.get  # type: ignore[attr-defined]
    csp = get("content-security-policy")
    assert csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert get("x-frame-options") == "DENY" and get("x-content-type-options") == "nosniff"
    assert get("referrer-policy") == "strict-origin-when-cross-origin"


def test_every_kind_of_response_carries_the_headers(client: TestClient) -> None:
    for url in ("/", "/projects", "/api/v1/projects", "/static/site.css", "/api/v1/projects/99999",
                "/nowhere", "/login"):
        reply = client.get(url)
        _secure(reply.headers)
        assert "script-src 'self';" in reply.headers["content-security-policy"], url
        assert "strict-transport-security" not in reply.headers
    too_big = client.post("/api/v1/auth/login", content=b"x" * (2 * 1024 * 1024),
                          headers={"content-type": "application/json"})
    assert too_big.status_code == 413
    _secure(too_big.headers)
    docs = client.get("/docs")
    _secure(docs.headers)
    assert "http" not in docs.headers["content-security-policy"]  # no other host, no CDN
    assert '/docs/static/swagger-ui-bundle.js' in docs.text and "cdn.jsdelivr" not in docs.text
    assert client.get("/docs/static/swagger-ui-bundle.js").status_code == 200


def test_pages_have_no_inline_script() -> None:
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\son[a-z]+\s*=", text), template.name
        for script in re.findall(r"<script[^>]*>", text):
            assert "src=" in script or 'type="application/json"' in script, (template.name, script)


def test_secure_cookies_by_setting_and_environment(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_SECURE_COOKIES", "1")
    settings = Settings(database_url=db_url, secret_key="s")
    assert settings.secure_cookies
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        reply = client.post("/api/v1/auth/login", json={"username": "unit1", "password": PASSWORD})
        cookie = reply.headers["set-cookie"].lower()
        assert "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie
        assert client.get("/").headers["strict-transport-security"].startswith("max-age=")
    monkeypatch.delenv("JIXIAO_SECURE_COOKIES")
    assert not Settings(database_url=db_url, secret_key="s").secure_cookies


def test_logged_in_pages_still_work_under_the_policy(client: TestClient) -> None:
    login(client, "unit1")
    page = client.get("/projects/1/edit")
    assert page.status_code in (200, 403, 404)
    if page.status_code == 200:
        assert 'data-confirm="删除这个指标？"' in page.text and "/static/confirm.js" in page.text
