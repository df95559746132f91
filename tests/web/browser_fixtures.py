"""Browser fixtures for the issue 13 review tests: a live server on a port of 8180–8189 (the range
this suite's runs use, so parallel runs of other suites on free ports never collide), plus the
shared chromium fixture and helpers of ``test_web_browser``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_web_browser import _login, _shot, browser
from web_helpers import live_server

PORTS = range(8180, 8190)


@pytest.fixture
def review_url(db_url: str) -> Iterator[str]:
    with live_server(db_url, PORTS, "review-browser-test") as url:
        yield url


__all__ = ["_login", "_shot", "browser", "live_server", "review_url"]
