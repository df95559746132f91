"""Bitmaps of the projects that hold each common search word, kept exact on PostgreSQL (issue 11).

Two words each in a tenth of a million projects that rarely meet (道路, 公共卫生: 136,000 each,
together 10,000) cost the GIN index two long posting lists and the heap one row per match it
counts. For every *tracked* word (``search_words_tracked``: those in at least ``TRACK_SHARE`` of
the projects when :func:`catch_up` last ran) ``search_word_bits``
holds one row per block of ``BLOCK`` project ids: bit ``id % BLOCK`` of ``bits`` (PostgreSQL's
``set_bit`` numbering, byte ``n // 8``, least significant bit first) is set when the project's
search entry holds the word, i.e. when ``search_entries.tsv`` has that lexeme. A missing row is a
block without the word. ``search_bits_state.covered``: the bitmaps are complete for project ids up
to it; :mod:`jixiao.store.search_bits` searches the ids above through the GIN index.

Kept by every writer of ``search_entries``: :func:`index` and :func:`unindex` (a project saved or
edited: the bits of its old lexemes cleared, of its new ones set, in the same statements as the
entry's rows; ``covered`` moves up over a new project stored right above it), and
:func:`catch_up` (after a bulk import: the new ids' bits, and the bitmaps of words that became
common), which locks ``search_entries`` against writers while it reads it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from jixiao.store.search_dense import sampled_shares

#: a word gets bitmaps once in this share of the projects (``ANALYZE`` keeps ~180 words' shares)
TRACK_SHARE = 0.05
#: project ids per bitmap row: 1 KiB of bits, stored inline (no TOAST)
BLOCK = 8_192
#: project ids read per statement while building bitmaps
WINDOW = 8 * BLOCK

_UNINDEX = text(
    "WITH gone AS (DELETE FROM search_entries WHERE project_id = :id RETURNING tsv) "
    "UPDATE search_word_bits SET bits = set_bit(bits, :bit, 0) WHERE block = :block "
    "AND word IN (SELECT unnest(tsvector_to_array(tsv)) FROM gone)")
_INDEX = text(
    "WITH new AS (INSERT INTO search_entries (project_id, words) VALUES (:id, :words) RETURNING tsv) "
    "INSERT INTO search_word_bits (word, block, bits) "
    "SELECT t.word, :block, set_bit(decode(repeat('00', :size / 8), 'hex'), :bit, 1) "
    "FROM new CROSS JOIN LATERAL unnest(tsvector_to_array(new.tsv)) AS w(word) "
    "JOIN search_words_tracked t ON t.word = w.word "
    "ON CONFLICT (word, block) DO UPDATE SET bits = set_bit(search_word_bits.bits, :bit, 1)")
_ADVANCE = text("UPDATE search_bits_state SET covered = :id WHERE id = 1 AND covered = :id - 1")
_BUILD = text(
    "SELECT w.word, e.project_id / :size, array_agg(e.project_id % :size) "
    "FROM search_entries e CROSS JOIN LATERAL unnest(tsvector_to_array(e.tsv)) AS w(word) "
    "WHERE e.project_id > :lo AND e.project_id <= :hi AND w.word = ANY(:words) GROUP BY 1, 2")
_STORED = text("SELECT word, block, bits FROM search_word_bits "
               "WHERE word = ANY(:words) AND block BETWEEN :first AND :last")
_UPSERT = text("INSERT INTO search_word_bits (word, block, bits) VALUES (:word, :block, :bits) "
               "ON CONFLICT (word, block) DO UPDATE SET bits = excluded.bits")


def _place(project_id: int) -> dict[str, int]:
    return {"id": project_id, "block": project_id // BLOCK, "bit": project_id % BLOCK, "size": BLOCK}


def unindex(session: Session, project_id: int) -> None:
    """Delete the project's search entry and clear its bits (PostgreSQL)."""
    session.execute(_UNINDEX, _place(project_id))


def index(session: Session, project_id: int, words: str) -> None:
    """(Re)write the project's search entry of ``words`` and its bits (PostgreSQL); a project stored
    just above ``covered`` moves it up (saves of new documents keep the bitmaps complete)."""
    unindex(session, project_id)
    session.execute(_INDEX, {**_place(project_id), "words": words})
    session.execute(_ADVANCE, {"id": project_id})


def catch_up(session: Session) -> tuple[int, int]:
    """Track the words now in at least ``TRACK_SHARE`` of the projects (as the last ``ANALYZE``
    sampled them; a word once tracked stays so) and complete every bitmap up to the largest stored
    project id; in the session's transaction (the caller commits). Returns (words tracked, covered)."""
    session.execute(text("LOCK TABLE search_entries IN SHARE MODE"))  # writers wait; readers do not
    covered = int(session.execute(text("SELECT covered FROM search_bits_state WHERE id = 1 FOR UPDATE"))
                  .scalar_one())
    top = int(session.execute(text("SELECT coalesce(max(project_id), 0) FROM search_entries")).scalar_one())
    tracked = set(session.scalars(text("SELECT word FROM search_words_tracked")))
    shares = sampled_shares(session)
    new = sorted(w for w, share in shares.items() if share >= TRACK_SHARE and w not in tracked)
    if new:
        session.execute(text("INSERT INTO search_words_tracked (word) VALUES (:word)"),
                        [{"word": w} for w in new])
        _build(session, new, 0, top)
    if top > covered and tracked:
        _build(session, sorted(tracked), covered, top)
    covered = max(covered, top)
    session.execute(text("UPDATE search_bits_state SET covered = :n WHERE id = 1"), {"n": covered})
    return len(tracked) + len(new), covered


def _build(session: Session, words: list[str], lo: int, hi: int) -> None:
    """Make the bits of ``words`` for the project ids in (lo, hi] those of the stored entries."""
    for start in range(lo, hi, WINDOW):
        end = min(start + WINDOW, hi)
        found: dict[tuple[str, int], int] = defaultdict(int)
        for word, block, positions in session.execute(_BUILD, {"lo": start, "hi": end, "words": words,
                                                                          "size": BLOCK}):
            found[(str(word), int(block))] = _bits(positions)
        first, last = (start + 1) // BLOCK, end // BLOCK
        stored = {(str(w), int(b)): int.from_bytes(bits, "little") for w, b, bits in
                  session.execute(_STORED, {"words": words, "first": first, "last": last})}
        rows: list[dict[str, Any]] = []
        for key in sorted(found.keys() | stored.keys()):
            keep = stored.get(key, 0) & ~_span(key[1], start, end)
            rows.append({"word": key[0], "block": key[1],
                         "bits": (keep | found.get(key, 0)).to_bytes(BLOCK // 8, "little")})
        if rows:
            session.execute(_UPSERT, rows)


def _bits(positions: list[int]) -> int:
    out = bytearray(BLOCK // 8)
    for p in positions:
        out[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(out, "little")


def _span(block: int, lo: int, hi: int) -> int:
    """The bits of ``block`` for the project ids in (lo, hi]."""
    first = max(lo + 1, block * BLOCK) - block * BLOCK
    last = min(hi, block * BLOCK + BLOCK - 1) - block * BLOCK
    return 0 if last < first else ((1 << (last - first + 1)) - 1) << first
