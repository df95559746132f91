"""Server-rendered pages (Jinja), with HTMX where a page needs interaction."""

from fastapi import APIRouter

from jixiao.web.pages import account, editor, grid, public, review, transfer, year

router = APIRouter(include_in_schema=False)
for module in (public, editor, grid, review, account, transfer, year):
    router.include_router(module.router)

__all__ = ["router"]
