"""CSRF tokens and the rate-limit keys (sessions: ``web.sessions``; limits: ``web.limiter``).

The session cookie holds a CSRF token. Every form carries the token in a hidden ``csrf_token``
field; HTMX and API requests send it in the ``X-CSRF-Token`` header.
"""

from __future__ import annotations

import secrets

from fastapi import Request

from jixiao.i18n import _
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
        raise ApiError(403, _("表单令牌缺失或有误：请刷新页面后重试"))


def limiter_keys(request: Request, username: str) -> tuple[str, str]:
    client = request.client.host if request.client else "unknown"
    return f"ip:{client}", f"user:{username.strip().lower()}"
