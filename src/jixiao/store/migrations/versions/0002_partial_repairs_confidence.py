"""What the recogniser could not be sure of: documents.partial (where a cut-off document stopped),
documents.repairs and indicators.repairs (every change made to the text before it was understood),
projects.confidence (0–1, decimal text like the amounts) and indicators.extra (further columns of
the real forms, by their header as written).

Existing rows get no repairs, no extra columns, no confidence and count as complete.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.store.schema import DecimalText

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: (table, column): plain ALTER TABLE ADD COLUMN on both backends, no table rebuild (a rebuild of
#: documents on SQLite would cascade-delete its projects with foreign keys on)
_COLUMNS = (
    ("documents", sa.Column("partial", sa.Text)),
    ("documents", sa.Column("repairs", sa.JSON, nullable=False, server_default="[]")),
    ("projects", sa.Column("confidence", DecimalText)),
    ("indicators", sa.Column("repairs", sa.JSON, nullable=False, server_default="[]")),
    ("indicators", sa.Column("extra", sa.JSON, nullable=False, server_default="{}")),
)


def upgrade() -> None:
    for table, column in _COLUMNS:
        op.add_column(table, column)


def downgrade() -> None:
    for table, column in reversed(_COLUMNS):
        op.drop_column(table, column.name)
