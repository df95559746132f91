"""The append-only audit log: every change records who, when, what before and what after.

Rows are only ever inserted here; database triggers reject UPDATE, DELETE, REPLACE (and TRUNCATE
on PostgreSQL) on ``audit_log``, the database sets ``at``, and every row is hash-chained to the one
before it (:mod:`jixiao.store.audit_chain`, checked by ``jixiao audit verify``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.model.jsonify import indicator_to_dict
from jixiao.store import audit_chain
from jixiao.store.mapping import indicator_model
from jixiao.store.schema import AuditRow, GoalRow, IndicatorRow, ProjectRow


def record(session: Session, username: str, action: str, entity: str, entity_id: int | None,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> AuditRow:
    audit_chain.lock_chain(session)
    row = AuditRow(username=username, action=action, entity=entity, entity_id=entity_id,
                   before=audit_chain.plain(before), after=audit_chain.plain(after))
    session.add(row)
    audit_chain.seal(session, row)
    return row


def indicator_snapshot(row: IndicatorRow) -> dict[str, Any]:
    return indicator_to_dict(indicator_model(row))


def goal_snapshot(row: GoalRow) -> dict[str, Any]:
    return {"text": row.text, "label": row.label}


def project_snapshot(row: ProjectRow) -> dict[str, Any]:
    return {"status": row.status, "review_comment": row.review_comment, "name": row.name,
            "amount": None if row.amount is None else str(row.amount)}


def history(session: Session, entity: str | None = None, entity_id: int | None = None,
            limit: int = 200) -> list[AuditRow]:
    """Most recent first."""
    query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
    if entity is not None:
        query = query.where(AuditRow.entity == entity)
    if entity_id is not None:
        query = query.where(AuditRow.entity_id == entity_id)
    return list(session.scalars(query))


def audit_dict(row: AuditRow) -> dict[str, Any]:
    return {"id": row.id, "at": row.at.isoformat(), "user": row.username, "action": row.action,
            "entity": row.entity, "entity_id": row.entity_id, "before": row.before, "after": row.after}
