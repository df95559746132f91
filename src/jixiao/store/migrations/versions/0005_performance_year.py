"""The performance year (issue 10): ``performance_years`` (the year lock), ``monitoring_rounds``,
``target_adjustments``, ``target_versions`` and ``self_evaluations``. New tables only; existing rows
are untouched (a project gets its year row on its first monitoring round, adjustment or
self-evaluation).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.store.schema import DecimalText

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _project() -> sa.Column[int]:
    return sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id", ondelete="CASCADE"),
                     nullable=False)


def upgrade() -> None:
    op.create_table(
        "performance_years", _id(), _project(),
        sa.Column("locked", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("locked_by", sa.String(100)), sa.Column("locked_at", _TS),
        sa.UniqueConstraint("project_id"))
    op.create_table(
        "monitoring_rounds", _id(), _project(),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("budget_initial", DecimalText), sa.Column("budget_full", DecimalText),
        sa.Column("executed", DecimalText), sa.Column("entries", sa.JSON, nullable=False),
        sa.Column("target_risk", sa.String(10), nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False), sa.Column("updated_at", _TS, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("project_id", "as_of", name="uq_monitoring_project_as_of"))
    op.create_index("ix_monitoring_rounds_project_id", "monitoring_rounds", ["project_id"])
    op.create_table(
        "target_adjustments", _id(), _project(),
        sa.Column("indicator_id", sa.Integer, sa.ForeignKey("indicators.id", ondelete="SET NULL")),
        sa.Column("indicator_name", sa.Text, nullable=False),
        sa.Column("old_target", sa.Text, nullable=False),
        sa.Column("new_operator", sa.String(20), nullable=False),
        sa.Column("new_value", sa.Text, nullable=False),
        sa.Column("new_unit", sa.Text), sa.Column("new_target", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False), sa.Column("status", sa.String(20), nullable=False),
        sa.Column("requested_by", sa.String(100), nullable=False),
        sa.Column("requested_at", _TS, nullable=False),
        sa.Column("decided_by", sa.String(100)), sa.Column("decided_at", _TS),
        sa.Column("decision_comment", sa.Text))
    op.create_index("ix_target_adjustments_project_id", "target_adjustments", ["project_id"])
    op.create_table(
        "target_versions", _id(),
        sa.Column("indicator_id", sa.Integer, sa.ForeignKey("indicators.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("number", sa.Integer, nullable=False), sa.Column("operator", sa.String(20), nullable=False),
        sa.Column("value", sa.Text), sa.Column("value_kind", sa.String(20), nullable=False),
        sa.Column("unit", sa.Text), sa.Column("raw", sa.Text, nullable=False),
        sa.Column("adjustment_id", sa.Integer, sa.ForeignKey("target_adjustments.id", ondelete="SET NULL")),
        sa.Column("created_by", sa.String(100), nullable=False), sa.Column("created_at", _TS, nullable=False),
        sa.UniqueConstraint("indicator_id", "number", name="uq_target_versions_number"))
    op.create_index("ix_target_versions_indicator_id", "target_versions", ["indicator_id"])
    op.create_table(
        "self_evaluations", _id(), _project(),
        sa.Column("budget_initial", DecimalText), sa.Column("budget_full", DecimalText),
        sa.Column("executed", DecimalText), sa.Column("conclusion", sa.Text, nullable=False),
        sa.Column("entries", sa.JSON, nullable=False), sa.Column("profile", sa.String(40), nullable=False),
        sa.Column("total", DecimalText), sa.Column("grade", sa.String(10)),
        sa.Column("status", sa.String(20), nullable=False), sa.Column("review_comment", sa.Text),
        sa.Column("updated_by", sa.String(100), nullable=False), sa.Column("updated_at", _TS, nullable=False),
        sa.Column("confirmed_by", sa.String(100)), sa.Column("confirmed_at", _TS),
        sa.Column("version", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("project_id"))


def downgrade() -> None:
    for table in ("self_evaluations", "target_versions", "target_adjustments", "monitoring_rounds",
                  "performance_years"):
        op.drop_table(table)
