"""Browser fixtures for the issue 13 review tests: a live server on a port of 8180–8189 (the range
this suite's runs use, so parallel runs of other suites on free ports never collide), plus the
shared chromium fixture and helpers of ``test_web_browser``."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from test_web_browser import _free_port, _login, _shot, browser

from jixiao.web.app import create_app
from jixiao.web.settings import Settings

PORTS = range(8180, 8190)


def _port() -> int:
    """The first free port of :data:`PORTS` (else any free port)."""
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    return _free_port()


@pytest.fixture
def review_url(db_url: str) -> Iterator[str]:
    port = _port()
    app = create_app(Settings(database_url=db_url, secret_key="review-browser-test"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


__all__ = ["_login", "_shot", "browser", "review_url"]
