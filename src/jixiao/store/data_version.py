"""The store's data version: a number that grows with every write that changes what is shown.

Every change jixiao makes to documents, projects, goals, indicators, findings, the workflow, review
comments, users and the performance year records an ``audit_log`` row in the same transaction
(:mod:`jixiao.store.audit`), and audit writers are serialised (PostgreSQL: an advisory lock taken
before the row gets its id; SQLite: the single writer lock), so the newest audit row's id is a
version in commit order: one primary-key lookup, cheap enough to read on every request. Anything
cached under version V may be served while the version is still V (read the version *before* the
data, so the data is at least as new). Writes made outside jixiao (raw SQL) record no audit row:
caches keyed by this version also expire after a time limit.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, func, select

from jixiao.store.schema import AuditRow

_NEWEST = select(func.coalesce(func.max(AuditRow.id), 0))


def data_version(conn: Connection) -> int:
    return int(conn.execute(_NEWEST).scalar_one())


def read_data_version(engine: Engine) -> int:
    """The current version on a pooled connection of its own (outside any request's session)."""
    with engine.connect() as conn:
        return data_version(conn)
