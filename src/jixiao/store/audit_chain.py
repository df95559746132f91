"""The audit log's hash chain: each row carries ``hash = sha256(canonical JSON of its fields)``,
and the fields include ``prev_hash``, the hash of the row before it (``GENESIS`` for the first).

Rewriting, removing or reordering any row changes its hash or breaks the next row's link, so
``jixiao audit verify`` names the first row where the chain no longer holds. The database sets
``at`` itself; a row is inserted without a hash and sealed once, in the same transaction, by the
only UPDATE the triggers allow (``hash`` from NULL to a value, every other column unchanged).
Writers are serialised while they extend the chain: PostgreSQL by a transaction-scoped advisory
lock, SQLite by its single writer lock (the INSERT comes before reading the previous hash).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from jixiao.store.schema import AuditRow

GENESIS = "0" * 64
#: the advisory lock key PostgreSQL writers take before extending the chain ("jixiao-audit")
PG_LOCK_KEY = 0x6A6978616F


def plain(value: Any) -> Any:
    """``value`` as it reads back from a JSON column (tuples become lists, keys strings)."""
    return None if value is None else json.loads(json.dumps(value, ensure_ascii=False))


def stamp(at: dt.datetime) -> str:
    """``at`` in UTC with microseconds (SQLite gives naive UTC, PostgreSQL an aware value)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def row_hash(row: Any, prev_hash: str) -> str:
    """The hash of one audit row (an ORM row or a Core row with the same attribute names)."""
    fields = {"id": row.id, "at": stamp(row.at), "username": row.username, "action": row.action,
              "entity": row.entity, "entity_id": row.entity_id, "before": row.before, "after": row.after,
              "prev_hash": prev_hash}
    return hashlib.sha256(canonical(fields)).hexdigest()


def lock_chain(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})


def seal(session: Session, row: AuditRow) -> None:
    """Give a freshly inserted row (id and ``at`` from the database) its place in the chain."""
    session.flush()  # the INSERT: on SQLite this takes the writer lock before we read the chain head
    session.refresh(row, ["at"])
    previous = session.scalar(select(AuditRow.hash).where(AuditRow.id < row.id)
                              .order_by(AuditRow.id.desc()).limit(1))
    row.prev_hash = previous or GENESIS
    row.hash = row_hash(row, row.prev_hash)
    session.flush()


@dataclass(frozen=True, slots=True)
class Verdict:
    rows: int
    head: str
    broken_id: int | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def check(rows: Iterable[Any]) -> Verdict:
    """Walk rows in id order; stop at the first one whose link or hash is wrong."""
    previous, count = GENESIS, 0
    for row in rows:
        count += 1
        if row.hash is None:
            return Verdict(count, previous, row.id, "未封存：没有哈希值（row has no hash）")
        if row.prev_hash != previous:
            return Verdict(count, previous, row.id,
                           "与上一行的哈希链断开：之前的行被删除、插入或改动（prev_hash does not match）")
        if row_hash(row, previous) != row.hash:
            return Verdict(count, previous, row.id, "内容与哈希值不符：此行被改动（hash does not match）")
        previous = row.hash
    return Verdict(count, previous)


def verify(session: Session) -> Verdict:
    query = select(AuditRow).order_by(AuditRow.id).execution_options(yield_per=1000)
    return check(session.scalars(query))
