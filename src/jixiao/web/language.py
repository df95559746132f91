"""The language of one request: ``?lang=en``, else the ``lang`` cookie, else ``JIXIAO_LANG``, else
Chinese. A pure ASGI middleware sets it in the request's context (see :mod:`jixiao.i18n`), so every
handler, error page and thread-pool call of that request speaks it and no other request sees it."""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Receive, Scope, Send

from jixiao.i18n import normalise, use_language

COOKIE = "lang"


def requested_language(scope: Scope) -> str | None:
    """The language a request asks for (query parameter first, then cookie); None to use the default."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    for value in query.get("lang", []):
        if normalise(value):
            return normalise(value)
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            cookie: SimpleCookie = SimpleCookie()
            try:
                cookie.load(value.decode("latin-1"))
            except Exception:  # a malformed Cookie header is the client's problem, not a 500
                continue
            if COOKIE in cookie and normalise(cookie[COOKIE].value):
                return normalise(cookie[COOKIE].value)
    return None


class Language:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        with use_language(requested_language(scope)):
            await self.app(scope, receive, send)
