"""The performance year in the JSON API (issue 10): monitoring rounds, target adjustments, the
self-evaluation and its live score, confirm (locks the year), the admin's unlock, the region's
traffic-light board and the year's tables as jixiao documents. Every write needs the CSRF token;
bad input answers 422 with Chinese field messages (``errors``) and changes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, BeforeValidator, Field

from jixiao.i18n import _
from jixiao.model.jsonify import document_to_dict
from jixiao.store.access import Viewer
from jixiao.store.schema import ProjectRow
from jixiao.web.deps import DB, ViewerDep, require_user, visible_project
from jixiao.web.errors import ApiError
from jixiao.web.hardening import Id, Limit, Offset, Text, Year
from jixiao.web.security import check_csrf
from jixiao.year import board as year_board
from jixiao.year import service
from jixiao.year.year_checks import Gaps

router = APIRouter(tags=["performance year"])
CSRF = [Depends(check_csrf)]
User = Annotated[Viewer, Depends(require_user)]


def _as_text(value: Any) -> Any:
    """Amounts and actuals may come as JSON numbers: read them as the text they were written as."""
    if isinstance(value, bool):
        return value
    return str(value) if isinstance(value, int | float | Decimal) else value


Value = Annotated[Text, BeforeValidator(_as_text)]
Version = Annotated[int | None, Field(ge=0, le=2**31 - 1)]


class MonitoringEntryIn(BaseModel):
    indicator_id: Id
    actual: Value = ""
    likelihood: Text = ""
    cause: Text = ""
    cause_text: Text = ""
    correction: Text = ""


class MonitoringIn(BaseModel):
    as_of: Text
    budget_initial: Value = ""
    budget_full: Value = ""
    executed: Value = ""
    entries: list[MonitoringEntryIn] = Field(default_factory=list, max_length=2000)
    version: Version = None


class SelfEvaluationEntryIn(BaseModel):
    indicator_id: Id
    actual: Value = ""
    weight: Value = ""
    score: Value = ""
    band: Text = ""
    deviation: Text = ""


class SelfEvaluationIn(BaseModel):
    budget_initial: Value = ""
    budget_full: Value = ""
    executed: Value = ""
    conclusion: Text = ""
    entries: list[SelfEvaluationEntryIn] = Field(default_factory=list, max_length=2000)
    version: Version = None
    profile: Text | None = None


class AdjustmentIn(BaseModel):
    indicator_id: Id
    operator: Text
    value: Value
    unit: Text = ""
    reason: Text = ""


class Comment(BaseModel):
    comment: Text = ""


class Reason(BaseModel):
    reason: Text = ""


def gaps(request: Request) -> Gaps:
    settings = request.app.state.settings
    return Gaps(Decimal(settings.lag_yellow) / 100, Decimal(settings.lag_red) / 100)


def _data(body: BaseModel) -> dict[str, Any]:
    return body.model_dump(exclude={"version", "profile"})


def _checking(request: Request, db: DB, viewer: Viewer, project_id: int) -> ProjectRow:
    """For the live checks: a user who may see the project, within the per-user rate limit."""
    project = visible_project(db, viewer, project_id)
    wait = request.app.state.validate_limit.hit(viewer.username)
    if wait:
        raise ApiError(429, _("检查过于频繁，请 {wait} 秒后再试", wait=wait),
                       headers={"Retry-After": str(wait)})
    return project


@router.get("/projects/{project_id}/year")
def project_year(request: Request, project_id: Id, db: DB, viewer: ViewerDep) -> dict[str, Any]:
    """The project's year: lock, light, monitoring rounds, adjustments, target versions,
    self-evaluation and the checks MON001–MON004."""
    return service.project_year(db, visible_project(db, viewer, project_id), gaps(request))


@router.post("/projects/{project_id}/year/monitoring/check", dependencies=CSRF)
def check_monitoring(request: Request, project_id: Id, body: MonitoringIn, db: DB,
                     viewer: User) -> dict[str, Any]:
    """What a monitoring round as typed would get (nothing is stored)."""
    return service.check_monitoring(_checking(request, db, viewer, project_id), _data(body), gaps(request))


@router.put("/projects/{project_id}/year/monitoring", dependencies=CSRF)
def save_monitoring(request: Request, project_id: Id, body: MonitoringIn, db: DB,
                    viewer: User) -> dict[str, Any]:
    """Store the round of ``as_of`` (replacing that date's round, if ``version`` is still current)."""
    project = visible_project(db, viewer, project_id)
    out = service.save_monitoring(db, viewer, project, _data(body), body.version, gaps(request))
    db.commit()
    return out


@router.post("/projects/{project_id}/year/adjustments", status_code=201, dependencies=CSRF)
def request_adjustment(project_id: Id, body: AdjustmentIn, db: DB, viewer: User) -> dict[str, Any]:
    out = service.request_adjustment(db, viewer, visible_project(db, viewer, project_id), body.model_dump())
    db.commit()
    return out


@router.post("/projects/{project_id}/year/adjustments/{adjustment_id}/{decision}", dependencies=CSRF)
def decide_adjustment(project_id: Id, adjustment_id: Id, decision: Literal["approve", "refuse"], db: DB,
                      viewer: User, body: Comment | None = None) -> dict[str, Any]:
    """Reviewer: approve (the target becomes a new version) or refuse (a comment is required)."""
    project = visible_project(db, viewer, project_id)
    out = service.decide_adjustment(db, viewer, project, adjustment_id, decision == "approve",
                                    body.comment if body else "")
    db.commit()
    return out


@router.post("/projects/{project_id}/year/self-evaluation/check", dependencies=CSRF)
def check_self_evaluation(request: Request, project_id: Id, body: SelfEvaluationIn, db: DB,
                          viewer: User) -> dict[str, Any]:
    """The self-evaluation as typed, scored by the engine (nothing is stored)."""
    project = _checking(request, db, viewer, project_id)
    return service.preview_self_evaluation(project, _data(body), body.profile)


@router.put("/projects/{project_id}/year/self-evaluation", dependencies=CSRF)
def save_self_evaluation(project_id: Id, body: SelfEvaluationIn, db: DB, viewer: User) -> dict[str, Any]:
    project = visible_project(db, viewer, project_id)
    out = service.save_self_evaluation(db, viewer, project, _data(body), body.version, body.profile)
    db.commit()
    return out


@router.post("/projects/{project_id}/year/self-evaluation/{action}", dependencies=CSRF)
def self_evaluation_action(project_id: Id, action: Literal["submit", "confirm", "return"], db: DB,
                           viewer: User, body: Comment | None = None) -> dict[str, Any]:
    """Unit: submit. Reviewer: confirm (locks the year) or return (comment required)."""
    project = visible_project(db, viewer, project_id)
    out = service.self_evaluation_action(db, viewer, project, action, body.comment if body else "")
    db.commit()
    return out


@router.post("/projects/{project_id}/year/unlock", dependencies=CSRF)
def unlock(project_id: Id, body: Reason, db: DB, viewer: User) -> dict[str, Any]:
    """Admin: unlock a locked year; the reason goes to the audit log."""
    out = service.unlock(db, viewer, visible_project(db, viewer, project_id), body.reason)
    db.commit()
    return out


@router.get("/projects/{project_id}/year/{kind}/document")
def year_document(project_id: Id, kind: Literal["monitoring", "selfeval"], db: DB,
                  viewer: ViewerDep) -> dict[str, Any]:
    """The latest monitoring round or the self-evaluation as a jixiao document (the readers' shape)."""
    return document_to_dict(service.year_document(db, visible_project(db, viewer, project_id), kind))


@router.get("/year/board")
def board(request: Request, db: DB, viewer: User, unit: Annotated[str | None, Query(max_length=100)] = None,
          sort: Literal["light", "lag", "unit", "name", "amount", "unapproved"] = "light",
          year: Year = None, limit: Limit = 500, offset: Offset = 0) -> dict[str, Any]:
    """The traffic-light board of the viewer's approved projects (a reviewer's region): ``counts`` of
    every light over all of them, ``total``, and one page of ``projects`` in the order asked."""
    return year_board.board(db, viewer, gaps(request), sort, unit or None, year, limit, offset)
