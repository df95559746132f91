"""Security headers on every response (pages, API, static files, errors).

The Content-Security-Policy allows scripts from this site only (no inline scripts or handlers:
``static/confirm.js`` replaces ``onclick``), forbids framing (``frame-ancestors 'none'`` and
``X-Frame-Options: DENY``), plugins and foreign form targets. Inline *styles* stay allowed: ECharts
draws its tooltips with them. The API docs page (``/docs``) loads Swagger UI from its CDN and
gets a policy that allows exactly that. Behind TLS (``secure_cookies``) HSTS is sent too.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "img-src 'self' data: https://fastapi.tiangolo.com; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'")


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
