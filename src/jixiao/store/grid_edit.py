"""Saving a project's whole indicator table at once (the grid editor): one transaction, one version check.

The grid names the *project's indicator version* it was loaded with (:func:`grid_version`, a digest of
every indicator's id and version, so any edit, addition or deletion made elsewhere changes it). The
save claims the project row first (as every edit does), then compares: a stale grid is refused with
409 and nothing is stored. Rows are parsed with :func:`indicator_from_fields`, exactly like the
row-by-row editor; one bad row refuses the whole save (422, the errors by row). Then rows missing from
the grid are deleted, changed rows updated (version bumped), new rows added, and every row takes its
grid position; each change and the new order go to the audit log.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.i18n import _
from jixiao.model.document import Indicator
from jixiao.store import audit, search, text_rules
from jixiao.store.access import Viewer
from jixiao.store.editing import EditError, _check, indicator_from_fields
from jixiao.store.mapping import indicator_model, indicator_row
from jixiao.store.schema import IndicatorRow, ProjectRow

#: the fields of a grid row besides its id (the row editor's six, plus 分值 and 指标值说明)
GRID_FIELDS = ("level1", "level2", "name", "operator", "value", "unit", "weight", "note")
#: compared to tell whether a row changed (``raw`` is rebuilt from them, so it is written, not compared)
_COMPARED = ("level1", "level2", "name", "operator", "value", "value_kind", "unit", "weight", "note")
#: rows one save may hold (the largest real tables have about 60)
MAX_ROWS = 500


def version_of(pairs: Sequence[tuple[int, int]]) -> str:
    text = ",".join(f"{i}:{v}" for i, v in sorted(pairs))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def grid_version(session: Session, project_id: int) -> str:
    """The project's indicator version as stored now (read fresh, not from the session's objects)."""
    rows = session.execute(select(IndicatorRow.id, IndicatorRow.version)
                           .where(IndicatorRow.project_id == project_id)).all()
    return version_of([(int(i), int(v)) for i, v in rows])


class GridConflict(EditError):
    """The grid was loaded at another version than the stored one (409), or named none (428)."""

    def __init__(self, sent: str | None, current: str) -> None:
        if sent is None:
            message = _("保存指标表须附带加载时的版本号（version），当前版本 {current}", current=current)
            status = 428
        else:
            message = _("指标表已被他人修改：未保存，你的修改仍在表格中；请复制要保留的内容后刷新页面")
            status = 409
        super().__init__(message, status, [{"field": "version", "message": message, "sent_version": sent,
                                             "current_version": current}])


@dataclass(slots=True)
class GridRow:
    """One row as the grid sends it; ``id`` None for a new row."""

    id: int | None
    fields: Mapping[str, str]


@dataclass(slots=True)
class GridResult:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    moved: bool = False
    version: str = ""
    ids: list[int] = field(default_factory=list)


def _weight(text: str) -> tuple[Decimal | None, str | None]:
    text = text_rules.clean(text).strip()
    if not text:
        return None, None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, _("分值须为数字，而不是 {value}", value=repr(text[:20]))
    if not value.is_finite() or value < 0 or value > 1000:
        return None, _("分值须在 0 到 1000 之间")
    return value, None


def parse_rows(rows: Sequence[GridRow]) -> tuple[list[tuple[Indicator, Decimal | None, str | None]],
                                                 list[dict[str, Any]]]:
    """Every row parsed (indicator, weight, note), or the errors: ``{"row": i, "field", "message"}``."""
    parsed: list[tuple[Indicator, Decimal | None, str | None]] = []
    errors: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        get = row.fields.get
        result = indicator_from_fields(get("name", ""), get("operator", ""), get("value", ""),
                                       get("unit", ""), get("level1", ""), get("level2", ""))
        errors += [{"row": index, "field": k, "message": m} for k, m in result.errors.items()]
        weight, problem = _weight(get("weight", ""))
        if problem:
            errors.append({"row": index, "field": "weight", "message": problem})
        note_text = get("note", "")
        refused = text_rules.refusal(note_text)
        if refused:
            errors.append({"row": index, "field": "note", "message": refused})
        if result.indicator is not None:
            note = None if refused else text_rules.clean(note_text).strip() or None
            parsed.append((result.indicator, weight, note))
    return parsed, errors


def _apply(row: IndicatorRow, new: Indicator, weight: Decimal | None, note: str | None) -> bool:
    """Put the edited fields on ``row``; True when anything changed."""
    fresh = indicator_row(new, row.position)
    fresh.weight, fresh.note = weight, note
    if all(getattr(row, column) == getattr(fresh, column) for column in _COMPARED):
        return False
    for column in (*_COMPARED, "raw"):
        setattr(row, column, getattr(fresh, column))
    return True


def save_grid(session: Session, viewer: Viewer | None, project: ProjectRow, rows: Sequence[GridRow],
              version: str | None) -> GridResult:
    """Store the grid as the project's indicators (see the module docstring). Raises
    :class:`GridConflict` (409/428) or :class:`EditError` (403, 422); the caller commits or rolls back."""
    user = _check(session, viewer, project)  # claims the project row: other edits wait for this one
    current = grid_version(session, project.id)
    if version is None or version != current:
        raise GridConflict(version, current)
    if len(rows) > MAX_ROWS:
        raise EditError(_("一次最多保存 {n} 行指标", n=MAX_ROWS), 422)
    session.expire(project, ["indicators"])
    stored = {r.id: r for r in project.indicators}
    sent_ids = [r.id for r in rows if r.id is not None]
    unknown = [i for i in sent_ids if i not in stored]
    if unknown or len(set(sent_ids)) != len(sent_ids):
        raise EditError(_("指标表中有不属于此项目或重复的指标编号：{ids}", ids=unknown or sent_ids), 422)
    parsed, errors = parse_rows(rows)
    if errors:
        raise EditError(_("指标表有 {n} 处填写有误，未保存", n=len(errors)), 422, errors)
    result = GridResult()
    before_order = [r.id for r in project.indicators]
    for gone in [r for i, r in stored.items() if i not in set(sent_ids)]:
        snapshot = audit.indicator_snapshot(gone)
        audit.record(session, user.username, "delete", "indicator", gone.id, snapshot, None)
        project.indicators.remove(gone)
        result.deleted += 1
    kept: list[IndicatorRow] = []
    for position, (row, (indicator, weight, note)) in enumerate(zip(rows, parsed, strict=True)):
        if row.id is None:
            new = indicator_row(indicator, position)
            new.weight, new.note = weight, note
            project.indicators.append(new)
            session.flush()
            audit.record(session, user.username, "add", "indicator", new.id, None,
                         audit.indicator_snapshot(new))
            result.added += 1
            kept.append(new)
            continue
        target = stored[row.id]
        snapshot = audit.indicator_snapshot(target)
        indicator.location = indicator_model(target).location
        if _apply(target, indicator, weight, note):
            target.version += 1
            session.flush()
            audit.record(session, user.username, "edit", "indicator", target.id, snapshot,
                         audit.indicator_snapshot(target))
            result.updated += 1
        kept.append(target)
    for position, target in enumerate(kept):
        target.position = position
    session.flush()
    session.expire(project, ["indicators"])
    after_order = [r.id for r in project.indicators]
    surviving = [i for i in before_order if i in set(after_order)]
    if surviving != [i for i in after_order if i in set(surviving)]:
        result.moved = True
        audit.record(session, user.username, "reorder", "project", project.id, {"indicators": before_order},
                     {"indicators": after_order})
    search.index_project(session, project)
    result.ids = after_order
    result.version = grid_version(session, project.id)
    return result
