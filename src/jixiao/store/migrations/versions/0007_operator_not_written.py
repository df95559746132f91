"""Issue 13: a value written with no operator ("30天") was stored with an invented "=". The parser
now stores no operator (``""``, ``NO_OPERATOR``); this corrects the rows imported before: an
indicator whose operator is "=" but whose raw text has no written "=" form after its name (=, ＝, ═,
等于, 达到, 达, 为, 左右: the words the parser reads as "=") gets no operator. A parser repair, not
a user's edit, so the audit log is not written; versions are left as they were.

Revision ID: 0007
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_WRITTEN_EQUALS = re.compile(r"[=＝═]|等于|达到|达|为|左右")
_BATCH = 1000
_indicators = sa.table("indicators", sa.column("id", sa.Integer), sa.column("name", sa.Text),
                       sa.column("raw", sa.Text), sa.column("operator", sa.String))


def written_equals(name: str, raw: str) -> bool:
    """Whether ``raw`` writes an "=" (in any form the parser reads as one) after the name."""
    at = raw.find(name) if name else -1
    return _WRITTEN_EQUALS.search(raw, at + len(name) if at >= 0 else 0) is not None


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_indicators.c.id, _indicators.c.name, _indicators.c.raw)
                        .where(_indicators.c.operator == "=")).all()
    bare = [row.id for row in rows if not written_equals(row.name or "", row.raw or "")]
    for start in range(0, len(bare), _BATCH):
        bind.execute(sa.update(_indicators).where(_indicators.c.id.in_(bare[start:start + _BATCH]))
                     .values(operator=""))


def downgrade() -> None:
    op.execute(sa.update(_indicators).where(_indicators.c.operator == "").values(operator="="))
