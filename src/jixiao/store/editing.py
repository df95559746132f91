"""Editing a stored project's goals and indicators, with every change in the audit log.

The editor form gives an indicator as fields (levels, name, operator, value, unit);
:func:`indicator_from_fields` turns them into a typed :class:`Indicator` (Decimal numbers,
ISO or 年月日 dates, percents) or field errors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jixiao.i18n import _
from jixiao.model.document import NO_OPERATOR, OPERATORS, Indicator, IndicatorValue, ValueKind
from jixiao.store import audit, search, text_rules
from jixiao.store.access import EDITABLE, Viewer, can_edit
from jixiao.store.mapping import indicator_model, indicator_row
from jixiao.store.schema import GoalRow, IndicatorRow, ProjectRow

_DATE = re.compile(r"^(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})日?$")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


class EditError(Exception):
    def __init__(self, message: str, status: int = 403, details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.details = details or []


class VersionConflict(EditError):
    """The edit was made on ``sent``, but someone saved ``current`` since (a lost update, refused)."""

    def __init__(self, what: str, sent: int | None, current: int) -> None:
        if sent is None:
            message = (f"保存{what}须附带版本号（version 或 If-Match），当前版本 {current}"
                       f"（the edit must name the version it was made on）")
            status = 428
        else:
            message = (f"{what}已被他人修改：你编辑的是版本 {sent}，当前为版本 {current}，请刷新后重新编辑"
                       f"（edit conflict: sent version {sent}, current version {current}）")
            status = 409
        super().__init__(message, status, [{"field": "version", "message": message,
                                             "sent_version": sent, "current_version": current}])
        self.sent, self.current = sent, current


@dataclass(slots=True)
class Parsed:
    indicator: Indicator | None
    errors: dict[str, str] = field(default_factory=dict)


def _value(text: str, unit: str | None) -> tuple[IndicatorValue, ValueKind, str | None]:
    text = text.strip()
    if text.endswith("%"):
        text, unit = text[:-1].strip(), "%"
    date = _DATE.match(text)
    if date:
        year, month, day = (int(g) for g in date.groups())
        return dt.date(year, month, day), ValueKind.DATE, unit
    if _NUMBER.match(text):
        kind = ValueKind.PERCENT if unit == "%" else ValueKind.NUMBER
        return Decimal(text), kind, unit
    return text or None, ValueKind.TEXT, unit


def indicator_from_fields(name: str, operator: str, value: str, unit: str = "", level1: str = "",
                          level2: str = "") -> Parsed:
    errors: dict[str, str] = {}
    given = {"name": name, "operator": operator, "value": value, "unit": unit, "level1": level1,
             "level2": level2}
    for key, text in given.items():
        problem = text_rules.refusal(text)
        if problem:
            errors[key] = problem
    if errors:
        return Parsed(None, errors)
    name, operator, value, unit, level1, level2 = (text_rules.clean(t) for t in given.values())
    name, unit_ = name.strip(), unit.strip() or None
    if not name:
        errors["name"] = _("指标名称不能为空")
    if operator not in OPERATORS:
        allowed = " ".join(o or _("未写明") for o in OPERATORS)
        errors["operator"] = _("运算符须为 {allowed} 之一", allowed=allowed)
    try:
        typed, kind, unit_ = _value(value, unit_)
    except (ValueError, InvalidOperation):
        errors["value"] = _("无法识别的指标值 {value}", value=repr(value))
        typed, kind = None, ValueKind.TEXT
    if operator == NO_OPERATOR and kind is ValueKind.TEXT:
        operator = "定性"  # words with no operator are qualitative, as the parser reads them
    if operator in OPERATORS and operator != "定性" and kind is ValueKind.TEXT and typed is not None:
        errors["value"] = _("运算符 {operator} 需要数值或日期，而不是 {value}", operator=operator,
                            value=repr(value))
    if errors:
        return Parsed(None, errors)
    shown = "" if operator == "定性" else operator  # chosen explicitly in the editor, so written
    raw = f"{name} {shown}{value.strip()}{'' if value.strip().endswith('%') else (unit_ or '')}"
    return Parsed(Indicator(level1.strip() or None, level2.strip() or None, name, operator, typed, kind,
                            unit_, raw))


def _check(session: Session, viewer: Viewer | None, project: ProjectRow) -> Viewer:
    if viewer is None:
        raise EditError(_("请先登录"), 401)
    if not can_edit(viewer, project):
        raise EditError(_("{user} 不能编辑此项目（{status}）", user=viewer.username, status=project.status),
                        403)
    # Claim the row while it is still editable: a submit racing this edit either waits for it
    # (PostgreSQL row lock, SQLite write lock) or has already won, and then this edit is refused.
    claimed = session.execute(
        update(ProjectRow).where(ProjectRow.id == project.id, ProjectRow.status.in_(EDITABLE))
        .values(status=ProjectRow.status).execution_options(synchronize_session=False))
    if getattr(claimed, "rowcount", 0) != 1:
        raise EditError(_("项目已被提交或批准，不能再编辑：请刷新页面"), 409)
    return viewer


def _claim_version(session: Session, table: type[IndicatorRow] | type[GoalRow], row: IndicatorRow | GoalRow,
                   sent: int | None, what: str) -> None:
    """Compare-and-set on the row's version: bumped only if it is still ``sent``, else 409 with both.

    The UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite) before comparing, so of
    two edits made on the same version exactly one is stored."""
    if sent is not None:
        bumped = session.execute(
            update(table).where(table.id == row.id, table.version == sent)
            .values(version=table.version + 1).execution_options(synchronize_session=False))
        if getattr(bumped, "rowcount", 0) == 1:
            session.expire(row, ["version"])
            return
    current = session.scalar(select(table.version).where(table.id == row.id))
    raise VersionConflict(what, sent, int(current or 0))


def update_indicator(session: Session, viewer: Viewer | None, row: IndicatorRow, new: Indicator,
                     version: int | None = None) -> None:
    """Store ``new`` over ``row``, if ``version`` is still the stored one (:class:`VersionConflict`)."""
    user = _check(session, viewer, row.project)
    _claim_version(session, IndicatorRow, row, version, "指标")
    before = audit.indicator_snapshot(row)
    kept = replace(new, location=indicator_model(row).location)
    fresh = indicator_row(kept, row.position)
    for column in ("level1", "level2", "name", "operator", "value", "value_kind", "unit", "raw", "location"):
        setattr(row, column, getattr(fresh, column))
    session.flush()
    audit.record(session, user.username, "edit", "indicator", row.id, before, audit.indicator_snapshot(row))
    search.index_project(session, row.project)


def add_indicator(session: Session, viewer: Viewer | None, project: ProjectRow,
                  new: Indicator) -> IndicatorRow:
    user = _check(session, viewer, project)
    row = indicator_row(new, max((i.position for i in project.indicators), default=-1) + 1)
    project.indicators.append(row)
    session.flush()
    audit.record(session, user.username, "add", "indicator", row.id, None, audit.indicator_snapshot(row))
    search.index_project(session, project)
    return row


def delete_indicator(session: Session, viewer: Viewer | None, row: IndicatorRow) -> None:
    project = row.project
    user = _check(session, viewer, project)
    audit.record(session, user.username, "delete", "indicator", row.id, audit.indicator_snapshot(row), None)
    project.indicators.remove(row)
    session.flush()
    search.index_project(session, project)


def update_goal(session: Session, viewer: Viewer | None, row: GoalRow, text: str,
                version: int | None = None) -> None:
    user = _check(session, viewer, row.project)
    problem = text_rules.refusal(text)
    if problem:
        raise EditError(_("绩效目标{problem}", problem=problem), 422)
    text = text_rules.clean(text).strip()
    if not text:
        raise EditError(_("绩效目标不能为空"), 422)
    _claim_version(session, GoalRow, row, version, "绩效目标")
    before = audit.goal_snapshot(row)
    row.text = text
    row.commitments = []  # recomputed from the text by the parser on the next import; stale otherwise
    session.flush()
    audit.record(session, user.username, "edit", "goal", row.id, before, audit.goal_snapshot(row))
    search.index_project(session, row.project)
