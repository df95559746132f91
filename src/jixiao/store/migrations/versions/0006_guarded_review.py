"""Guarded review (issue 13): ``review_actions.confirmed_errors`` records the open 错误 findings a
submit or approval was confirmed over (its reason is the action's comment), and ``review_comments``
holds the reviewers' 批注 on a project or on one of its indicators.

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review_actions") as batch:
        batch.add_column(sa.Column("confirmed_errors", sa.JSON))
    op.create_table(
        "review_comments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        sa.Column("indicator_id", sa.Integer, sa.ForeignKey("indicators.id", ondelete="SET NULL")),
        sa.Column("indicator_name", sa.Text),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("return_action_id", sa.Integer, sa.ForeignKey("review_actions.id", ondelete="SET NULL")),
    )
    op.create_index("ix_review_comments_project_id", "review_comments", ["project_id"])


def downgrade() -> None:
    op.drop_index("ix_review_comments_project_id", "review_comments")
    op.drop_table("review_comments")
    with op.batch_alter_table("review_actions") as batch:
        batch.drop_column("confirmed_errors")
