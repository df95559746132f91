"""Initial schema: documents, units, projects, goals, indicators, findings, users, review actions,
the append-only audit log and the full-text search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.store.schema import DecimalText

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _fk(name: str, target: str, ondelete: str = "CASCADE", nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "documents", _id(),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False), sa.Column("title", sa.Text),
        sa.Column("region", sa.String(200)), sa.Column("year", sa.Integer),
        sa.Column("kind", sa.String(40), nullable=False), sa.Column("layout", sa.String(40)),
        sa.Column("organisation", sa.Text), sa.Column("total", DecimalText),
        sa.Column("unparsed", sa.JSON, nullable=False), sa.Column("imported_at", _TS, nullable=False),
    )
    op.create_index("ix_documents_region", "documents", ["region"])
    op.create_index("ix_documents_year", "documents", ["year"])
    op.create_table(
        "units", _id(), _fk("document_id", "documents.id"),
        sa.Column("position", sa.Integer, nullable=False), sa.Column("code", sa.String(100), nullable=False),
        sa.Column("name", sa.Text, nullable=False), sa.Column("amount", DecimalText),
        sa.Column("parent", sa.String(100)), sa.Column("location", sa.JSON),
    )
    op.create_index("ix_units_document_id", "units", ["document_id"])
    op.create_index("ix_units_code", "units", ["code"])
    op.create_table(
        "projects", _id(), _fk("document_id", "documents.id"),
        sa.Column("position", sa.Integer, nullable=False), sa.Column("seq", sa.String(100), nullable=False),
        sa.Column("name", sa.Text, nullable=False), sa.Column("amount", DecimalText),
        sa.Column("unit_code", sa.String(100)), sa.Column("unit_name", sa.Text),
        sa.Column("region", sa.String(200)), sa.Column("year", sa.Integer),
        sa.Column("department", sa.Text), sa.Column("implementer", sa.Text),
        sa.Column("funds", sa.JSON, nullable=False), sa.Column("extra", sa.JSON, nullable=False),
        sa.Column("location", sa.JSON), sa.Column("unparsed", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False), sa.Column("review_comment", sa.Text),
    )
    op.create_index("ix_projects_document_id", "projects", ["document_id"])
    op.create_index("ix_projects_unit_code", "projects", ["unit_code"])
    op.create_index("ix_projects_status_region_year", "projects", ["status", "region", "year"])
    op.create_table(
        "goals", _id(), _fk("project_id", "projects.id"),
        sa.Column("position", sa.Integer, nullable=False), sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String(100)), sa.Column("commitments", sa.JSON, nullable=False),
        sa.Column("location", sa.JSON),
    )
    op.create_index("ix_goals_project_id", "goals", ["project_id"])
    op.create_table(
        "indicators", _id(), _fk("project_id", "projects.id"),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("level1", sa.Text), sa.Column("level2", sa.Text),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("operator", sa.String(20), nullable=False), sa.Column("value", sa.Text),
        sa.Column("value_kind", sa.String(20), nullable=False), sa.Column("unit", sa.Text),
        sa.Column("raw", sa.Text, nullable=False), sa.Column("location", sa.JSON),
        sa.Column("nature", sa.Text), sa.Column("weight", DecimalText), sa.Column("note", sa.Text),
        sa.Column("actual", sa.Text), sa.Column("score", DecimalText), sa.Column("deviation", sa.Text),
    )
    op.create_index("ix_indicators_project_id", "indicators", ["project_id"])
    op.create_table(
        "findings", _id(), _fk("document_id", "documents.id"),
        _fk("project_id", "projects.id", nullable=True),
        _fk("indicator_id", "indicators.id", ondelete="SET NULL", nullable=True),
        sa.Column("rule", sa.String(20), nullable=False), sa.Column("name", sa.String(200), nullable=False),
        sa.Column("severity", sa.String(20), nullable=False), sa.Column("message", sa.Text, nullable=False),
        sa.Column("project", sa.String(100)), sa.Column("indicator", sa.Text),
        sa.Column("location", sa.JSON), sa.Column("evidence", sa.Text), sa.Column("expected", sa.Text),
        sa.Column("context", sa.JSON, nullable=False), sa.Column("docs", sa.Text),
    )
    op.create_index("ix_findings_document_id", "findings", ["document_id"])
    op.create_index("ix_findings_project_id", "findings", ["project_id"])
    op.create_index("ix_findings_rule", "findings", ["rule"])
    op.create_table(
        "users", _id(),
        sa.Column("username", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text, nullable=False), sa.Column("role", sa.String(20), nullable=False),
        sa.Column("unit_code", sa.String(100)), sa.Column("region", sa.String(200)),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_table(
        "review_actions", _id(), _fk("project_id", "projects.id"),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("from_status", sa.String(20), nullable=False),
        sa.Column("to_status", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text), sa.Column("at", _TS, nullable=False),
    )
    op.create_index("ix_review_actions_project_id", "review_actions", ["project_id"])
    op.create_table(
        "audit_log", _id(), sa.Column("at", _TS, nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False), sa.Column("entity_id", sa.Integer),
        sa.Column("before", sa.JSON), sa.Column("after", sa.JSON),
    )
    op.create_index("ix_audit_entity", "audit_log", ["entity", "entity_id"])
    if op.get_bind().dialect.name == "postgresql":
        _postgres_extras()
    else:
        _sqlite_extras()


def _sqlite_extras() -> None:
    # rowid = projects.id; "words" holds jieba-segmented text separated by spaces.
    op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(words, tokenize = 'unicode61')")
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
        )


def _postgres_extras() -> None:
    op.execute(
        "CREATE TABLE search_entries (project_id integer PRIMARY KEY REFERENCES projects(id) "
        "ON DELETE CASCADE, words text NOT NULL, "
        "tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED)"
    )
    op.execute("CREATE INDEX ix_search_entries_tsv ON search_entries USING gin (tsv)")
    op.execute(
        "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE search_entries")
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    else:
        op.execute("DROP TABLE search_fts")
    for table in ("audit_log", "review_actions", "users", "findings", "indicators", "goals", "projects",
                  "units", "documents"):
        op.drop_table(table)
