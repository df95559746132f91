"""Tamper-evident audit log and session control: ``audit_log`` gets ``prev_hash`` and ``hash`` (a
sha256 chain, existing rows backfilled), ``at`` set by the database, and triggers refusing UPDATE,
DELETE, REPLACE and backdated rows (SQLite) or UPDATE, DELETE and TRUNCATE (PostgreSQL); ``users``
gets ``session_version`` (bumped to end every session of the user) and ``disabled``.

Only ``audit_log`` and ``users`` are touched.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.store.audit_chain import GENESIS, row_hash

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)
_SQLITE_NOW = sa.text("(strftime('%Y-%m-%d %H:%M:%f000', 'now'))")
_UNCHANGED = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in (
    "id", "at", "username", "action", "entity", "entity_id", "before", "after"))
_PG_COLUMNS = ("id", "at", "username", "action", "entity", "entity_id", "before::text", "after::text")


def _pg_row(prefix: str) -> str:
    return ", ".join(f"{prefix}.{c}" for c in _PG_COLUMNS)


_PG_GUARD = f"""
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.hash IS NULL AND OLD.prev_hash IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
       AND ({_pg_row("NEW")}) IS NOT DISTINCT FROM ({_pg_row("OLD")})
    THEN RETURN NEW; END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END $$
"""


def _backfill() -> None:
    table = sa.table("audit_log", sa.column("id", sa.Integer), sa.column("at", _TS),
                     sa.column("username", sa.String), sa.column("action", sa.String),
                     sa.column("entity", sa.String), sa.column("entity_id", sa.Integer),
                     sa.column("before", sa.JSON), sa.column("after", sa.JSON),
                     sa.column("prev_hash", sa.String), sa.column("hash", sa.String))
    bind = op.get_bind()
    previous = GENESIS
    for row in bind.execute(sa.select(table).order_by(table.c.id)).all():
        digest = row_hash(row, previous)
        bind.execute(table.update().where(table.c.id == row.id).values(prev_hash=previous, hash=digest))
        previous = digest


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
    else:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS audit_log_no_{event}")
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("prev_hash", sa.String(64)))
        batch.add_column(sa.Column("hash", sa.String(64)))
        batch.alter_column("at", existing_type=_TS, existing_nullable=False,
                           server_default=sa.text("now()") if postgres else _SQLITE_NOW)
    _backfill()
    if postgres:
        _postgres_triggers()
    else:
        _sqlite_triggers()
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()))


def _sqlite_triggers() -> None:
    refuse = "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    op.execute(f"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log {refuse}")
    # the one UPDATE allowed: sealing a fresh row (hash and prev_hash from NULL, nothing else changed)
    op.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN NOT ("
               "OLD.hash IS NULL AND OLD.prev_hash IS NULL AND NEW.hash IS NOT NULL "
               f"AND NEW.prev_hash IS NOT NULL AND {_UNCHANGED}) {refuse}")
    # REPLACE INTO deletes the old row without firing DELETE triggers (unless recursive_triggers)
    op.execute("CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log "
               "WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) "
               "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: the row exists'); END")
    op.execute("CREATE TRIGGER audit_log_at_by_database BEFORE INSERT ON audit_log "
               "WHEN NEW.at IS NULL OR abs(julianday(NEW.at) - julianday('now')) * 86400.0 > 5 "
               "BEGIN SELECT RAISE(ABORT, 'audit_log.at is set by the database'); END")


def _postgres_triggers() -> None:
    op.execute(_PG_GUARD)
    op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
               "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()")
    op.execute("CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
               "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()")
    op.execute("CREATE FUNCTION audit_log_stamp() RETURNS trigger LANGUAGE plpgsql AS "
               "$$ BEGIN NEW.at := now(); RETURN NEW; END $$")
    op.execute("CREATE TRIGGER audit_log_stamp BEFORE INSERT ON audit_log "
               "FOR EACH ROW EXECUTE FUNCTION audit_log_stamp()")


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("disabled")
        batch.drop_column("session_version")
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        for trigger in ("audit_log_append_only", "audit_log_no_truncate", "audit_log_stamp"):
            op.execute(f"DROP TRIGGER {trigger} ON audit_log")
        op.execute("DROP FUNCTION audit_log_stamp()")
    else:
        for trigger in ("no_delete", "no_update", "no_replace", "at_by_database"):
            op.execute(f"DROP TRIGGER audit_log_{trigger}")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
        batch.alter_column("at", existing_type=_TS, existing_nullable=False, server_default=None)
    if postgres:
        op.execute("CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$")
        op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")
