"""Editing goals and indicators (unit users, own unit, draft or returned): every change is
validated with the review rules and recorded in the audit log."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, BeforeValidator, Field

from jixiao import services
from jixiao.i18n import _
from jixiao.store.access import Viewer
from jixiao.store.editing import add_indicator, delete_indicator, indicator_from_fields
from jixiao.store.editing import update_goal as store_update_goal
from jixiao.store.editing import update_indicator as store_update_indicator
from jixiao.store.schema import GoalRow, IndicatorRow
from jixiao.web.deps import DB, ViewerDep, editable_project, require_user, visible_project
from jixiao.web.errors import ApiError
from jixiao.web.hardening import Id, OptId, Text
from jixiao.web.security import check_csrf
from jixiao.web.serialize import indicator_json

router = APIRouter(tags=["editing"], dependencies=[Depends(check_csrf)])


def _none_is_empty(value: object) -> object:
    return "" if value is None else value


#: an operator as the JSON gives it back: ``null`` (or "") is "not written" (``NO_OPERATOR``)
Operator = Annotated[Text, BeforeValidator(_none_is_empty)]


class IndicatorFields(BaseModel):
    name: Text
    operator: Operator
    value: Text = ""
    unit: Text = ""
    level1: Text = ""
    level2: Text = ""

    def as_dict(self) -> dict[str, str]:
        return self.model_dump(exclude={"version"})


#: the version an edit was made on (from the indicator's or goal's JSON); or send ``If-Match: "3"``
Version = Annotated[int | None, Field(ge=0, le=2**31 - 1)]


class IndicatorEdit(IndicatorFields):
    version: Version = None


class GoalText(BaseModel):
    text: Text
    version: Version = None


def sent_version(body: int | None, if_match: str | None) -> int | None:
    """The version named by the body, else by ``If-Match`` (``"3"``, ``W/"3"`` or ``3``)."""
    if body is not None or not if_match:
        return body
    tag = if_match.strip().removeprefix("W/").strip('"')
    if not tag.isascii() or not tag.isdigit() or len(tag) > 10:
        raise ApiError(422, f"If-Match 须为版本号，例如 \"3\"（If-Match must be a version: "
                            f"{if_match[:40]!r}）")
    return int(tag)


IfMatch = Annotated[str | None, Header(max_length=64)]


def field_errors(errors: dict[str, str]) -> ApiError:
    return ApiError(422, _("指标填写有误"),
                    [{"field": f"body.{key}", "message": message} for key, message in errors.items()])


def _indicator(db: DB, viewer: Viewer | None, indicator_id: int) -> IndicatorRow:
    row = db.get(IndicatorRow, indicator_id)
    if row is None:
        raise ApiError(404, _("指标 {id} 不存在", id=indicator_id))
    visible_project(db, viewer, row.project_id)
    return row


@router.put("/indicators/{indicator_id}")
def update_indicator(indicator_id: Id, body: IndicatorEdit, db: DB,
                     viewer: Annotated[Viewer, Depends(require_user)],
                     if_match: IfMatch = None) -> dict[str, Any]:
    """Replace an indicator's fields, if ``version`` (or ``If-Match``) is still the stored version
    (409 with both versions otherwise); answers with the stored indicator (its new version) and the
    project's new findings."""
    row = _indicator(db, viewer, indicator_id)
    version = sent_version(body.version, if_match)
    parsed = indicator_from_fields(**body.as_dict())
    if parsed.indicator is None:
        raise field_errors(parsed.errors)
    store_update_indicator(db, viewer, row, parsed.indicator, version)
    review = services.review_stored_project(db, row.project)
    db.commit()
    mine = [f for f in review.findings if f.get("indicator") == row.name]
    return {"ok": True, "indicator": indicator_json(row, mine), "project_findings": review.findings,
            **review.to_dict()}


@router.post("/projects/{project_id}/indicators", status_code=201)
def create_indicator(project_id: Id, body: IndicatorFields, db: DB,
                     viewer: Annotated[Viewer, Depends(require_user)]) -> dict[str, Any]:
    project = visible_project(db, viewer, project_id)
    parsed = indicator_from_fields(**body.as_dict())
    if parsed.indicator is None:
        raise field_errors(parsed.errors)
    row = add_indicator(db, viewer, project, parsed.indicator)
    services.review_stored_project(db, project)
    db.commit()
    return {"ok": True, "indicator": indicator_json(row)}


@router.delete("/indicators/{indicator_id}")
def remove_indicator(indicator_id: Id, db: DB,
                     viewer: Annotated[Viewer, Depends(require_user)]) -> dict[str, Any]:
    row = _indicator(db, viewer, indicator_id)
    project = row.project
    delete_indicator(db, viewer, row)
    services.review_stored_project(db, project)
    db.commit()
    return {"ok": True}


@router.post("/projects/{project_id}/validate")
def validate(request: Request, project_id: Id, body: IndicatorFields, db: DB, viewer: ViewerDep,
             indicator_id: OptId = None) -> dict[str, Any]:
    """What the review rules would say about this indicator (nothing is stored). Only for a user
    who may edit the project, and rate-limited per user."""
    project = editable_project(request, db, viewer, project_id)
    return services.validate_indicator(project, indicator_id, body.as_dict())


@router.put("/goals/{goal_id}")
def update_goal(goal_id: Id, body: GoalText, db: DB,
                viewer: Annotated[Viewer, Depends(require_user)],
                if_match: IfMatch = None) -> dict[str, Any]:
    row = db.get(GoalRow, goal_id)
    if row is None:
        raise ApiError(404, _("绩效目标 {id} 不存在", id=goal_id))
    visible_project(db, viewer, row.project_id)
    store_update_goal(db, viewer, row, body.text, sent_version(body.version, if_match))
    services.review_stored_project(db, row.project)
    db.commit()
    return {"ok": True, "goal": {"id": row.id, "text": row.text, "label": row.label, "version": row.version}}
