"""CSRF tokens and the login rate limiter (sessions themselves: ``web.sessions``).

The session cookie holds a CSRF token. Every form carries the token in a hidden ``csrf_token``
field; HTMX and API requests send it in the ``X-CSRF-Token`` header.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque

from fastapi import Request

from jixiao.web.errors import ApiError

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def check_csrf(request: Request) -> None:
    """Reject a state-changing request whose token does not match the session's."""
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or sent is None or not secrets.compare_digest(expected, sent):
        raise ApiError(403, "CSRF token missing or wrong: reload the page and try again")


class LoginLimiter:
    """At most ``attempts`` failed logins per key (client address, username) within ``window`` s."""

    def __init__(self, attempts: int, window: float) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def retry_after(self, *keys: str) -> int:
        """Seconds to wait before another attempt is allowed (0 = allowed now)."""
        now = time.monotonic()
        with self._lock:
            waits = [self.window - (now - times[0]) for key in keys
                     if len(times := self._recent(key, now)) >= self.attempts]
        return int(max(waits)) + 1 if waits else 0

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)


def limiter_keys(request: Request, username: str) -> tuple[str, str]:
    client = request.client.host if request.client else "unknown"
    return f"ip:{client}", f"user:{username.strip().lower()}"
