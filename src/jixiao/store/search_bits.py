"""PostgreSQL search of common words through their bitmaps (``store.search_words``, issue 11).

When every word of the query is tracked (the query's lexemes, as ``plainto_tsquery`` reads them)
and few projects were stored since the last catch-up (``MAX_TAIL``), the matches are the AND of the
words' bitmaps up to ``covered`` followed by the matches above it, read through the GIN index (none
at all, usually): one statement for the words' bitmaps (~1 KiB per word and 8,192 projects) in
place of the GIN posting lists and one heap row per match. Then, as the other paths answer:

* at most ``rank_limit`` matches: the visible ones, ranked (``search_dense.ranked_page``);
* more: the visible matches in id order are read in growing chunks until ``count_cap + 1`` of them
  (and the page) are known — the query is not ranked, ``total`` is capped; if fewer than that are
  visible, they are all the visible matches: at most ``count_cap`` of them are ranked.

Every path returns the same ids, order and totals (``tests/store/test_store_search_paths.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from sqlalchemy import ColumnElement, Integer, any_, literal, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from jixiao.store.schema import ProjectRow
from jixiao.store.search_dense import ENTRIES, ranked_page
from jixiao.store.search_words import BLOCK

#: the most project ids above ``covered`` (not yet in the bitmaps) this path searches besides them
MAX_TAIL = 20_000
#: visible matches checked first, as a multiple of the ones needed (then four times more each time)
FIRST_CHUNK = 2

_STATE = text(
    "SELECT (SELECT covered FROM search_bits_state WHERE id = 1), "
    "(SELECT coalesce(max(project_id), 0) FROM search_entries), q.lexemes, "
    "(SELECT count(*) FROM search_words_tracked WHERE word = ANY(q.lexemes)) "
    "FROM (SELECT tsvector_to_array(to_tsvector('simple', :q)) AS lexemes) q")
_BITS = text("SELECT block, word, bits FROM search_word_bits WHERE word = ANY(:words) AND block <= :last "
             "ORDER BY block")


def bit_ids(session: Session, words: list[str], tsquery: Any, where: ColumnElement[bool], limit: int,
            offset: int, count_cap: int, rank_limit: int) -> tuple[list[int], int] | None:
    """(page of ids, total capped at ``count_cap + 1``); None when a word has no bitmap or many
    projects were stored since the last catch-up (the caller then reads the GIN index)."""
    covered, top, lexemes, tracked = session.execute(_STATE, {"q": " ".join(words)}).one()
    if covered is None or not lexemes or tracked < len(lexemes) or top - covered > MAX_TAIL:
        return None
    matched = _matched(session, list(lexemes), covered)
    tail: list[int] = []
    if top > covered:
        tail = list(session.scalars(select(ENTRIES.c.project_id).where(
            ENTRIES.c.project_id > covered, ENTRIES.c.tsv.op("@@")(tsquery)).order_by(ENTRIES.c.project_id)))
    count = sum(x.bit_count() for _, x in matched) + len(tail)
    ids = _ids(matched, tail)
    if count <= rank_limit:
        return ranked_page(session, tsquery, _visible(session, list(ids), where), limit, offset, count_cap)
    need = max(count_cap + 1, offset + limit)
    seen: list[int] = []
    size = FIRST_CHUNK * need
    while len(seen) < need:
        chunk = list(islice(ids, size))
        if not chunk:
            break
        seen += _visible(session, chunk, where)
        size *= 4
    if len(seen) <= count_cap:  # every visible match, and few: ranked
        return ranked_page(session, tsquery, seen, limit, offset, count_cap)
    return seen[offset:offset + limit], count_cap + 1


def _matched(session: Session, lexemes: list[str], covered: int) -> list[tuple[int, int]]:
    """(block, bits) of the projects up to ``covered`` holding every lexeme, in block order."""
    last = covered // BLOCK
    blocks: dict[int, list[int]] = {}
    for block, _word, bits in session.execute(_BITS, {"words": lexemes, "last": last}):
        blocks.setdefault(int(block), []).append(int.from_bytes(bits, "little"))
    out = []
    for block, maps in blocks.items():
        if len(maps) < len(lexemes):
            continue  # a word is in no project of this block
        both = maps[0]
        for other in maps[1:]:
            both &= other
        if block == last:
            both &= (1 << (covered % BLOCK + 1)) - 1  # bits above ``covered`` belong to the tail
        if both:
            out.append((block, both))
    return out


def _ids(matched: list[tuple[int, int]], tail: list[int]) -> Iterator[int]:
    for block, bits in matched:
        base = block * BLOCK
        while bits:
            low = bits & -bits
            yield base + low.bit_length() - 1
            bits ^= low
    yield from tail


def _visible(session: Session, ids: list[int], where: ColumnElement[bool]) -> list[int]:
    """The ids the viewer sees, in id order."""
    if not ids:
        return []
    wanted = any_(literal(ids, ARRAY(Integer)))
    return list(session.scalars(select(ProjectRow.id).where(ProjectRow.id == wanted, where)
                                .order_by(ProjectRow.id)))
