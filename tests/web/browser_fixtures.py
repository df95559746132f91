"""Browser fixtures for the issue 13 review tests: a live server on a port of 8180–8189 (the range
this suite's runs use, so parallel runs of other suites on free ports never collide), plus the
shared chromium fixture and helpers of ``test_web_browser``."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from test_web_browser import _free_port, _login, _shot, browser

from jixiao.web.app import create_app
from jixiao.web.settings import Settings

PORTS = range(8180, 8190)


def _port(ports: range = PORTS) -> int:
    """The first free port of ``ports`` (else any free port)."""
    for port in ports:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    return _free_port()


@contextmanager
def live_server(db_url: str, ports: range, secret: str) -> Iterator[str]:
    """A uvicorn server of the app on ``db_url`` in a thread, on the first free port of ``ports``."""
    port = _port(ports)
    app = create_app(Settings(database_url=db_url, secret_key=secret))
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


@pytest.fixture
def review_url(db_url: str) -> Iterator[str]:
    with live_server(db_url, PORTS, "review-browser-test") as url:
        yield url


__all__ = ["_login", "_shot", "browser", "live_server", "review_url"]
