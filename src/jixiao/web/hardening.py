"""Hardening at the edge of the application: bounded parameters, the request body limit and the
security headers.

**Parameters.** Integers beyond what the database holds (PostgreSQL ``integer``; SQLite overflows
at 2**63) used to reach the query and answer 500; every integer path or query parameter now has
bounds and answers 422 before any query runs. Text fields go through
:mod:`jixiao.store.text_rules` (lone surrogates and NUL refused, length capped, invisible
formatting characters removed).

**Body limit.** Request bodies over ``Settings.max_body_bytes`` (1 MB) are refused with 413: a
declared ``Content-Length`` over the limit before the application runs, a body sent without one
(chunked) as soon as the bytes read pass the limit. Uploads of documents (``POST /upload``,
``POST /api/v1/uploads``) get ``Settings.max_upload_bytes`` (20 MB) instead.

**Headers.** The Content-Security-Policy allows scripts from this site only (no inline scripts or
handlers: ``static/confirm.js`` replaces ``onclick``), forbids framing (``frame-ancestors 'none'``
and ``X-Frame-Options: DENY``), plugins and foreign form targets. Inline *styles* stay allowed:
ECharts draws its tooltips with them. The API docs page (``/docs``) serves Swagger UI from
the installed ``swagger-ui-bundle`` package; its policy allows this site only, plus the page's one
inline script. Behind TLS (``secure_cookies``) HSTS is sent too.
"""

from __future__ import annotations

import json
from typing import Annotated

from annotated_types import Ge, Le
from fastapi import Query
from pydantic import AfterValidator
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jixiao.i18n import _
from jixiao.store import text_rules
from jixiao.web.errors import envelope

#: the largest value of a PostgreSQL ``integer`` column (ids, years)
MAX_INT = 2**31 - 1
#: row ids in paths and filters (a missing id answers 404 as before)
Id = Annotated[int, Ge(0), Le(MAX_INT)]
OptId = Annotated[int | None, Ge(0), Le(MAX_INT)]
Year = Annotated[int | None, Ge(0), Le(9999)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=MAX_INT)]
PageNo = Annotated[int, Query(alias="page", ge=1, le=100_000)]

#: names, values, units, goals, comments: at most 10,000 characters
Text = Annotated[str, AfterValidator(text_rules.clean)]
Username = Annotated[str, AfterValidator(text_rules.username)]
Password = Annotated[str, AfterValidator(text_rules.password)]


def too_large(limit: int) -> str:
    return _("请求体超过 {kb} KB 上限", kb=limit // 1024)


#: the paths that take uploaded documents (``Settings.max_upload_bytes`` instead of the body limit)
UPLOAD_PATHS = ("/upload", "/api/v1/uploads")
NUL_IN_URL = "网址中不能包含空字符 NUL（NUL in the URL）"


class BodyLimit:
    """The body limit, and NUL anywhere in the path or query string refused with 422 (PostgreSQL
    text cannot hold it, so a ``?region=%00`` filter used to answer 500)."""

    def __init__(self, app: ASGIApp, limit: int, upload_limit: int = 0) -> None:
        self.app, self.limit, self.upload_limit = app, limit, max(limit, upload_limit)

    def _limit(self, scope: Scope) -> int:
        upload = scope.get("method") == "POST" and scope.get("path") in UPLOAD_PATHS
        return self.upload_limit if upload else self.limit

    async def _refuse(self, scope: Scope, send: Send, status: int = 413, message: str = "") -> None:
        message = message or too_large(self._limit(scope))
        if str(scope.get("path", "")).startswith("/api/"):
            body = json.dumps(envelope(status, message), ensure_ascii=False).encode()
            kind = b"application/json"
        else:
            body = f"<h1>{status} {message}</h1>".encode()
            kind = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in str(scope.get("path", "")) or b"%00" in bytes(scope.get("query_string", b"")):
            await self._refuse(scope, send, 422, NUL_IN_URL)
            return
        limit = self._limit(scope)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._refuse(scope, send)
            return
        seen, started = 0, False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, too_large(limit))
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except HTTPException as exc:
            if exc.status_code != 413 or started:
                raise
            await self._refuse(scope, send)


CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


class SecurityHeaders:
    def __init__(self, app: ASGIApp, hsts: bool = False) -> None:
        self.app = app
        common = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                  (b"referrer-policy", b"strict-origin-when-cross-origin"),
                  (b"cross-origin-opener-policy", b"same-origin"),
                  (b"permissions-policy", b"camera=(), microphone=(), geolocation=()")]
        if hsts:
            common.append((b"strict-transport-security", b"max-age=31536000"))
        self.headers = [*common, (b"content-security-policy", CSP.encode())]
        self.docs_headers = [*common, (b"content-security-policy", DOCS_CSP.encode())]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.docs_headers if str(scope.get("path", "")).startswith("/docs") else self.headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in extra if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)
