"""The JSON API under ``/api/v1``: it mirrors the pages; writes need the session's CSRF token."""

from fastapi import APIRouter

from jixiao.web.api.auth import router as auth_router
from jixiao.web.api.browse import router as browse_router
from jixiao.web.api.downloads import router as downloads_router
from jixiao.web.api.editing import router as editing_router
from jixiao.web.api.grid import router as grid_router
from jixiao.web.api.uploads import router as uploads_router
from jixiao.web.api.workflow import router as workflow_router
from jixiao.web.api.year import router as year_router

router = APIRouter()
# editing before workflow: /projects/{id}/indicators and /validate before /projects/{id}/{action}
for part in (auth_router, browse_router, editing_router, grid_router, year_router, workflow_router,
             downloads_router, uploads_router):
    router.include_router(part)

__all__ = ["router"]
