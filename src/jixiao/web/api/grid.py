"""The grid editor's API: a project's whole indicator table, checked as typed and saved in one go.

``GET /projects/{id}/grid`` gives the rows, the grid version and the taxonomy choices;
``POST /projects/{id}/grid/check`` reviews the table as typed (nothing stored; rate-limited like
``/validate``); ``PUT /projects/{id}/grid`` stores it in one transaction (409 on a stale version,
428 without one, 422 with the errors by row), audit-logged, then re-reviews the project.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from jixiao import services
from jixiao.store.access import Viewer
from jixiao.store.grid_edit import MAX_ROWS, GridRow, save_grid
from jixiao.web.api.editing import Operator
from jixiao.web.deps import DB, ViewerDep, editable_project, require_user, visible_project
from jixiao.web.grid_view import check_grid, grid_json
from jixiao.web.hardening import Id, OptId, Text
from jixiao.web.security import check_csrf

router = APIRouter(tags=["editing"])


class GridRowIn(BaseModel):
    id: OptId = None
    level1: Text = ""
    level2: Text = ""
    name: Text = ""
    operator: Operator = ""
    value: Text = ""
    unit: Text = ""
    weight: Text = ""
    note: Text = ""

    def row(self) -> GridRow:
        return GridRow(self.id, self.model_dump(exclude={"id"}))


class GridIn(BaseModel):
    rows: list[GridRowIn] = Field(max_length=MAX_ROWS)
    version: Annotated[str | None, Field(max_length=64)] = None


@router.get("/projects/{project_id}/grid")
def get_grid(project_id: Id, db: DB, viewer: Annotated[Viewer, Depends(require_user)]) -> dict[str, Any]:
    """The indicator table as the grid shows it (a logged-in user who may see the project)."""
    return grid_json(db, visible_project(db, viewer, project_id))


@router.post("/projects/{project_id}/grid/check", dependencies=[Depends(check_csrf)])
def check(request: Request, project_id: Id, body: GridIn, db: DB, viewer: ViewerDep) -> dict[str, Any]:
    """Field errors and review findings for every row as typed (nothing is stored)."""
    project = editable_project(request, db, viewer, project_id)
    return check_grid(project, [r.row() for r in body.rows])


@router.put("/projects/{project_id}/grid", dependencies=[Depends(check_csrf)])
def save(project_id: Id, body: GridIn, db: DB,
         viewer: Annotated[Viewer, Depends(require_user)]) -> dict[str, Any]:
    """Store the whole table (see the module docstring); answers with the stored grid."""
    project = visible_project(db, viewer, project_id)
    result = save_grid(db, viewer, project, [r.row() for r in body.rows], body.version)
    review = services.review_stored_project(db, project)
    db.commit()
    out = grid_json(db, project)
    out.update(ok=True, added=result.added, updated=result.updated, deleted=result.deleted,
               moved=result.moved, **review.to_dict())
    return out
