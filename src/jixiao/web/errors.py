"""One error envelope for the JSON API: ``{"ok": false, "error", "errors", "status"}``.

Pages get a rendered error page instead; which one is decided by the path (``/api/`` or not).
"""

from __future__ import annotations

import contextlib
import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from jixiao.i18n import N_, _
from jixiao.store.busy import is_busy
from jixiao.store.editing import EditError
from jixiao.store.workflow import WorkflowError

LOG = logging.getLogger("jixiao.web")
#: seconds a client is asked to wait after a 503 (database busy)
BUSY_RETRY_AFTER = 2


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


#: pydantic error types as catalogue messages (their fields come from the error's ``ctx``)
_MESSAGES = {
    "missing": N_("缺少此字段"), "int_parsing": N_("须为整数"), "int_type": N_("须为整数"),
    "int_from_float": N_("须为整数"), "less_than_equal": N_("不能大于 {le}"),
    "greater_than_equal": N_("不能小于 {ge}"), "string_too_long": N_("不能超过 {max_length} 个字符"),
    "string_too_short": N_("至少 {min_length} 个字符"), "string_type": N_("须为文本"),
    "string_pattern_mismatch": N_("格式不正确"), "json_invalid": N_("JSON 格式错误"),
    "literal_error": N_("取值不在允许范围内"), "model_attributes_type": N_("须为 JSON 对象"),
    "dict_type": N_("须为 JSON 对象"), "bool_parsing": N_("须为 true 或 false"),
    "string_unicode": N_("包含无效的 Unicode 字符"),
}


#: HTTP errors raised by the framework itself (an unknown path, a wrong method) carry only the English
#: reason phrase; these are said in the request's language instead
_PHRASES = {
    400: N_("请求无效"), 401: N_("请先登录"), 403: N_("无权访问"), 404: N_("页面不存在"),
    405: N_("不支持此请求方法"), 406: N_("无法提供所请求的格式"), 413: N_("请求内容过大"),
    415: N_("不支持的内容类型"), 429: N_("请求过于频繁，请稍后再试"), 500: N_("服务器内部错误"),
    503: N_("服务暂时不可用，请稍后重试"),
}


def phrase(status: int, detail: object) -> str:
    """The message of a framework HTTP error: its own text, unless that is the bare English phrase."""
    try:
        english = HTTPStatus(status).phrase
    except ValueError:
        english = ""
    if isinstance(detail, str) and detail and detail != english:
        return detail
    if status in _PHRASES:
        return _(_PHRASES[status])
    return _("请求未能完成（HTTP {status}）", status=status)


def field_message(error: Any) -> str:
    """One validation error in the request's language (Chinese by default)."""
    kind = str(error.get("type", ""))
    if kind == "value_error":  # our own validators speak through the catalogue already (store.text_rules)
        return str(error.get("msg", "")).removeprefix("Value error, ")
    message = _(_MESSAGES.get(kind, N_("输入无效")))
    with contextlib.suppress(KeyError, IndexError, ValueError):
        message = message.format(**(error.get("ctx") or {}))
    return message


def install(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _respond(request, exc.status, exc.error, exc.errors, exc.headers)

    async def store_refusal(request: Request, exc: Exception) -> Response:
        # the store refused an edit or a workflow transition; the exception carries its HTTP status
        assert isinstance(exc, EditError | WorkflowError)
        return _respond(request, exc.status, exc.message, getattr(exc, "details", None))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return _respond(request, exc.status_code, phrase(exc.status_code, exc.detail),
                        headers=getattr(exc, "headers", None))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [{"field": ".".join(str(p) for p in e.get("loc", ())), "message": field_message(e)}
                  for e in exc.errors()]
        first = errors[0] if errors else None
        message = _("请求无效：{field} {why}", field=first["field"],
                    why=first["message"]) if first else _("请求无效")
        return _respond(request, 422, message, errors)

    async def server_error(request: Request, exc: Exception) -> Response:
        if is_busy(exc):  # the write could not take the lock in time: ask the client to come back
            return _respond(request, 503, _("数据库繁忙，请稍后重试"),
                            headers={"Retry-After": str(BUSY_RETRY_AFTER)})
        if isinstance(exc, DBAPIError | PoolTimeout):  # handled here, so not logged by the server
            LOG.error("database error on %s %s", request.method, request.url.path, exc_info=exc)
        if not request.url.path.startswith("/api/"):
            return HTMLResponse("<h1>500 服务器内部错误</h1>", status_code=500)
        return JSONResponse(envelope(500, _("服务器内部错误")), status_code=500)

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(EditError, store_refusal)
    app.add_exception_handler(WorkflowError, store_refusal)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(DBAPIError, server_error)
    app.add_exception_handler(PoolTimeout, server_error)
    app.add_exception_handler(Exception, server_error)
