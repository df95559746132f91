"""Issue 12: the login limiter is atomic under parallel guesses, and argon2 checks are bounded.
Real threads against a live server (the limiter lives in the worker's memory; SQLite store)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session

from jixiao.store import users
from jixiao.store.database import make_engine, upgrade
from jixiao.web.app import create_app
from jixiao.web.settings import Settings
from live_server import at_once, live_server

PASSWORD = "limits test password"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'limits.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        users.add_user(session, "target", PASSWORD, "admin")
        session.commit()
    engine.dispose()
    return url


def _post(base: str, body: dict[str, str]) -> httpx.Response:
    with httpx.Client(base_url=base, timeout=60) as client:
        return client.post("/api/v1/auth/login", json=body)


def test_parallel_guesses_cannot_exceed_the_limit(sqlite_url: str) -> None:
    app = create_app(Settings(database_url=sqlite_url, secret_key="k", login_attempts=5))
    with live_server(app) as base:
        guesses = at_once([lambda n=n: _post(base, {"username": "target", "password": f"guess {n:04d}"})
                           for n in range(20)])
        codes = [r.status_code for r in guesses]
        assert codes.count(401) <= 5 and codes.count(429) >= 15, codes
        assert all(int(r.headers["Retry-After"]) > 0 for r in guesses if r.status_code == 429)
        # the right password is refused too while the username is locked out
        assert _post(base, {"username": "target", "password": PASSWORD}).status_code == 429


def test_argon2_checks_run_a_bounded_number_at_once(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    running, peak, lock = [0], [0], threading.Lock()
    real = users.verify_password

    def counted(password_hash: str, password: str) -> bool:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        try:
            time.sleep(0.05)
            return real(password_hash, password)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(users, "verify_password", counted)
    app = create_app(Settings(database_url=sqlite_url, secret_key="k", login_attempts=100, password_checks=2))
    with live_server(app) as base:
        calls: list[Any] = [lambda n=n: _post(base, {"username": f"user{n}", "password": "whatever pw"})
                            for n in range(10)]
        calls.append(lambda: _post(base, {"username": "target", "password": PASSWORD}))
        replies = at_once(calls)
    assert [r.status_code for r in replies] == [401] * 10 + [200]
    assert peak[0] == 2
