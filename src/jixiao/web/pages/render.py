"""Rendering a page with what every template needs (the viewer, the CSRF token, flash messages)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from jixiao.store.access import Viewer


def page(request: Request, template: str, viewer: Viewer | None, status_code: int = 200,
         **context: Any) -> HTMLResponse:
    flash = request.session.pop("flash", None)
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, {"viewer": viewer, "flash": flash, **context}, status_code=status_code)
    return response


def redirect(request: Request, url: str, flash: str | None = None) -> RedirectResponse:
    if flash:
        request.session["flash"] = flash
    return RedirectResponse(url, status_code=303)
