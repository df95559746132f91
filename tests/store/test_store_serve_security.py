"""Issue 12: ``jixiao serve`` warns loudly without JIXIAO_SECRET_KEY, passes --secure-cookies, and
trusts X-Forwarded-For only with --forwarded-allow-ips (a live server: spoofed addresses from an
untrusted peer do not get around the per-address login limit)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from jixiao.cli import serve_cmd
from jixiao.cli.main import main
from jixiao.store.database import make_engine, upgrade
from jixiao.web.app import create_app
from jixiao.web.settings import Settings
from live_server import live_server


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def test_serve_options_and_secret_warning(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(serve_cmd, "run_server", lambda *args, **kwargs: calls.append(kwargs))
    monkeypatch.delenv("JIXIAO_SECRET_KEY", raising=False)
    monkeypatch.delenv("JIXIAO_SECURE_COOKIES", raising=False)
    monkeypatch.delenv("JIXIAO_ANONYMOUS_FINDINGS", raising=False)
    warned = CliRunner().invoke(main, ["serve", "--db", sqlite_url])
    assert warned.exit_code == 0 and "WARNING" in warned.stderr
    assert "JIXIAO_SECRET_KEY 未设置" in warned.stderr
    assert calls[-1] == {"secure_cookies": False, "forwarded_allow_ips": None,
                         "anonymous_findings": "unmanaged"}
    monkeypatch.setenv("JIXIAO_SECRET_KEY", "a long secret for the test")
    quiet = CliRunner().invoke(main, ["serve", "--db", sqlite_url, "--secure-cookies",
                                      "--forwarded-allow-ips", "10.0.0.1", "--anonymous-findings", "all"])
    assert quiet.exit_code == 0 and "WARNING" not in quiet.stderr
    assert calls[-1] == {"secure_cookies": True, "forwarded_allow_ips": "10.0.0.1",
                         "anonymous_findings": "all"}
    monkeypatch.setenv("JIXIAO_SECURE_COOKIES", "1")
    CliRunner().invoke(main, ["serve", "--db", sqlite_url])
    assert calls[-1]["secure_cookies"] is True


def _blocked_after_spoofing(url: str, trusted: str | None) -> bool:
    app = create_app(Settings(database_url=url, secret_key="k", login_attempts=3))
    with live_server(app, **serve_cmd.proxy_options(trusted)) as base, httpx.Client(base_url=base) as client:
        for n in range(3):  # different usernames: only the per-address key can add up
            client.post("/api/v1/auth/login", json={"username": f"nobody{n}", "password": "wrong pw"},
                        headers={"X-Forwarded-For": f"203.0.113.{n}"})
        last = client.post("/api/v1/auth/login", json={"username": "nobody9", "password": "wrong pw"},
                           headers={"X-Forwarded-For": "203.0.113.99"})
        return last.status_code == 429


def test_forwarded_for_is_trusted_only_when_allowed(sqlite_url: str) -> None:
    assert serve_cmd.proxy_options(None)["proxy_headers"] is False
    assert _blocked_after_spoofing(sqlite_url, None)  # the spoofed header is ignored
    assert not _blocked_after_spoofing(sqlite_url, "127.0.0.1")  # a trusted proxy's header counts
