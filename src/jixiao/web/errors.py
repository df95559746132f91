"""One error envelope for the JSON API: ``{"ok": false, "error", "errors", "status"}``.

Pages get a rendered error page instead; which one is decided by the path (``/api/`` or not).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from jixiao.store.editing import EditError
from jixiao.store.workflow import WorkflowError


class ApiError(Exception):
    """Raised by handlers: ``status`` is the HTTP status, ``errors`` per-field details."""

    def __init__(self, status: int, error: str, errors: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(error)
        self.status, self.error, self.errors, self.headers = status, error, errors or [], headers


def envelope(status: int, error: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"ok": False, "error": error, "errors": errors or [], "status": status}


def _respond(request: Request, status: int, error: str, errors: list[dict[str, Any]] | None = None,
             headers: dict[str, str] | None = None) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse(envelope(status, error, errors), status_code=status, headers=headers)
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(request, "error.html", {"status": status, "error": error,
                                                              "errors": errors or []},
                                      status_code=status, headers=headers)
    return response


def install(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _respond(request, exc.status, exc.error, exc.errors, exc.headers)

    async def store_refusal(request: Request, exc: Exception) -> Response:
        # the store refused an edit or a workflow transition; the exception carries its HTTP status
        assert isinstance(exc, EditError | WorkflowError)
        return _respond(request, exc.status, exc.message)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return _respond(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [{"field": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
                  for e in exc.errors()]
        return _respond(request, 422, "invalid request", errors)

    async def server_error(request: Request, exc: Exception) -> Response:
        if not request.url.path.startswith("/api/"):
            return HTMLResponse("<h1>500 服务器内部错误</h1>", status_code=500)
        return JSONResponse(envelope(500, "internal server error"), status_code=500)

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(EditError, store_refusal)
    app.add_exception_handler(WorkflowError, store_refusal)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, server_error)
