"""The language of one request: ``?lang=en``, else the ``lang`` cookie, else ``JIXIAO_LANG``, else
Chinese. A pure ASGI middleware sets it in the request's context (see :mod:`jixiao.i18n`), so every
handler, error page and thread-pool call of that request speaks it and no other request sees it.
A page visited with ``?lang=`` also sets the cookie, so the choice holds for the pages that follow
(the API does not: a client names its language on every call or keeps its own cookie)."""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jixiao.i18n import normalise, use_language

COOKIE = "lang"
#: a year: the choice outlives the session
COOKIE_MAX_AGE = 365 * 24 * 3600


def _asked_in_query(scope: Scope) -> str | None:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return next((normalise(v) for v in query.get("lang", []) if normalise(v)), None)


def requested_language(scope: Scope) -> str | None:
    """The language a request asks for (query parameter first, then cookie); None to use the default."""
    asked = _asked_in_query(scope)
    if asked:
        return asked
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
        asked = _asked_in_query(scope) if scope["type"] == "http" else None
        remember = asked is not None and not str(scope.get("path", "")).startswith("/api/")

        async def send_with_cookie(message: Message) -> None:
            if remember and message["type"] == "http.response.start":
                cookie = f"{COOKIE}={asked}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax"
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"set-cookie", cookie.encode("latin-1"))]}
            await send(message)

        with use_language(requested_language(scope)):
            await self.app(scope, receive, send_with_cookie)
