"""Issue 11: PostgreSQL keeps, for each word found in many projects, which projects hold it as
bitmaps of 8,192 project ids (``search_word_bits``), so that a search of common words that rarely
meet intersects bitmaps instead of reading two long GIN posting lists and the matching rows
(``store.search_words`` keeps them, ``store.search_bits`` reads them). ``search_words_tracked``
lists the words that have bitmaps; ``search_bits_state.covered`` is the largest project id up to
which the bitmaps are complete (projects stored later are searched through the GIN index until
the next catch-up). SQLite keeps using FTS5 and gets none of these tables.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE TABLE search_words_tracked (word text PRIMARY KEY)")
    op.execute("CREATE TABLE search_word_bits (word text NOT NULL, block integer NOT NULL, "
               "bits bytea NOT NULL, PRIMARY KEY (word, block))")
    op.execute("CREATE TABLE search_bits_state (id integer PRIMARY KEY CHECK (id = 1), "
               "covered integer NOT NULL)")
    op.execute("INSERT INTO search_bits_state (id, covered) VALUES (1, 0)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TABLE search_bits_state")
    op.execute("DROP TABLE search_word_bits")
    op.execute("DROP TABLE search_words_tracked")
