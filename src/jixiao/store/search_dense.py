"""PostgreSQL search for words found in many projects: read in id order and stop early (issue 11).

A query whose words are in a tenth of a million projects (道路, 养护: 136,000 each) costs the GIN
index a bitmap of every match per statement (~40 ms each, three statements), although such a query
is too common to rank (more than ``RANK_LIMIT`` matches), so its answer is simply its first visible
matches in id order. When the planner's statistics (``pg_stats.most_common_elems`` of
``search_entries.tsv``, read once per ``STATS_TTL`` seconds) say every word of the query is in at
least ``MIN_SHARE`` of the projects, the matches are read from the primary key in id order instead,
each row checked against the query, stopping as soon as the answer is known:

0. the first ``SAMPLE`` entries tell how often the words meet (two common words may rarely be in
   the same project): ``span`` is the number of entries that should hold ``RANK_LIMIT + 1``
   matches 1.5 times over at that rate; a span over ``MAX_SPAN`` entries is not tried;
1. the first ``span`` entries hold more than ``RANK_LIMIT`` matches — so the query is not ranked;
2. the first ``max(COUNT_CAP + 1, offset + limit)`` visible matches in id order, within ``4 × span``
   entries: their number caps ``total`` and the page is a slice of them.

Either step falling short (the words rarely meet, few matches are visible, a deep page) returns
None and the caller reads the GIN index, where :func:`first_matches` does in one or two statements
what took three (a count of the visible matches, of all matches, the page: each built the bitmap of
every match and the page read every matching row to sort them): it reads the first
``RANK_LIMIT + 1`` matches the index finds, each with whether the viewer sees it. Fewer than that
are all the matches: the visible ones are ranked (``ts_rank`` of just those, by primary key). As
many: the query is not ranked, ``total`` is capped if more than ``COUNT_CAP`` of them are visible,
and the page is the first visible matches in id order, read from the primary key (within
``MAX_SPAN`` entries). Otherwise the caller's three statements answer. Every path gives the same
answer (tests compare them); only the cost differs.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any

from sqlalchemy import ColumnElement, column, func, literal_column, select, table, text
from sqlalchemy.orm import Session

from jixiao.store.schema import ProjectRow

#: seconds the word frequencies are kept per database (``ANALYZE`` refreshes them in the server)
STATS_TTL = 600.0
#: every word must be in at least this share of the projects (so ``span`` stays below ~50,000)
MIN_SHARE = 0.06
#: entries read to see how often the words meet, and the most entries read to count the matches
SAMPLE = 1_000
MAX_SPAN = 40_000

#: the search entries (PostgreSQL): ``words`` as written, ``tsv`` their lexemes (a generated column)
ENTRIES = table("search_entries", column("project_id"), column("words"), column("tsv"))
_lock = threading.Lock()
_frequencies: dict[str, tuple[float, dict[str, float]]] = {}

_STATS = text("SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
              "WHERE schemaname = current_schema() AND tablename = 'search_entries' AND attname = 'tsv'")


def word_shares(session: Session) -> dict[str, float]:
    """The share of the projects each common word is in, as the last ``ANALYZE`` sampled it."""
    key = session.connection().engine.url.render_as_string(hide_password=True)
    now = time.monotonic()
    with _lock:
        held = _frequencies.get(key)
    if held is not None and held[0] > now:
        return held[1]
    shares = sampled_shares(session)
    with _lock:
        _frequencies[key] = (now + STATS_TTL, shares)
    return shares


def sampled_shares(session: Session) -> dict[str, float]:
    """:func:`word_shares` read now, not kept."""
    row = session.execute(_STATS).first()
    if row is None or not row[0] or not row[1]:
        return {}
    return {str(word): float(share) for word, share in zip(row[0], row[1], strict=False)}


def dense_ids(session: Session, words: list[str], tsquery: Any, where: ColumnElement[bool], limit: int,
              offset: int, count_cap: int, rank_limit: int) -> tuple[list[int], int] | None:
    """(page of ids, total capped at ``count_cap + 1``) of an unranked common query, in id order;
    None when this path cannot tell (the caller then searches through the GIN index)."""
    shares = word_shares(session)
    rarest = min(shares.get(w, 0.0) for w in words)
    if rarest < MIN_SHARE:
        return None
    met = _matches(session, tsquery, SAMPLE, SAMPLE)
    span = math.ceil(1.5 * (rank_limit + 1) * SAMPLE / met) if met else MAX_SPAN + 1
    if span > MAX_SPAN or _matches(session, tsquery, span, rank_limit + 1) <= rank_limit:
        return None  # ranked, or the words rarely meet: the GIN path answers
    wanted = max(count_cap + 1, offset + limit)
    wide = table_entries(4 * span)
    ids = list(session.scalars(
        select(ProjectRow.id).select_from(wide).join(ProjectRow, ProjectRow.id == wide.c.project_id)
        .where(wide.c.tsv.op("@@")(tsquery), where).order_by(wide.c.project_id).limit(wanted)))
    if len(ids) < wanted:
        return None
    return ids[offset:offset + limit], min(len(ids), count_cap + 1)


def first_matches(session: Session, tsquery: Any, where: ColumnElement[bool], limit: int, offset: int,
                  count_cap: int, rank_limit: int) -> tuple[list[int], int] | None:
    """(page of ids, total capped at ``count_cap + 1``) reading the GIN index once; None when the
    first ``rank_limit + 1`` matches found do not hold the answer."""
    tsv: ColumnElement[Any] = literal_column("search_entries.tsv")
    # no ORDER BY: the heap scan stops at the first rank_limit + 1 matches (each is a page read)
    first = select(ENTRIES.c.project_id).where(tsv.op("@@")(tsquery)).limit(rank_limit + 1).subquery()
    rows = session.execute(select(first.c.project_id, where)
                           .join(ProjectRow, ProjectRow.id == first.c.project_id)).all()
    seen = sorted(project_id for project_id, visible in rows if visible)
    if len(rows) <= rank_limit:  # every match: ranked, best first
        return ranked_page(session, tsquery, seen, limit, offset, count_cap)
    if len(seen) <= count_cap:
        return None  # maybe ranked (few visible): the caller counts them all
    # not ranked: the first visible matches in id order, from the primary key (matches are not rare)
    wanted = offset + limit
    wide = table_entries(MAX_SPAN)
    ids = list(session.scalars(
        select(ProjectRow.id).select_from(wide).join(ProjectRow, ProjectRow.id == wide.c.project_id)
        .where(wide.c.tsv.op("@@")(tsquery), where).order_by(wide.c.project_id).limit(wanted)))
    if len(ids) < wanted:
        return None
    return ids[offset:offset + limit], count_cap + 1


def ranked_page(session: Session, tsquery: Any, seen: list[int], limit: int, offset: int,
                count_cap: int) -> tuple[list[int], int]:
    """(page, total capped at ``count_cap + 1``) of the visible matches ``seen``, best ranked first."""
    if not seen:
        return [], 0
    tsv: ColumnElement[Any] = literal_column("search_entries.tsv")
    # normalisation 1 as in ``search._postgres_ids`` (divide by 1 + log(length))
    ranks = {project_id: float(rank) for project_id, rank in session.execute(
        select(ENTRIES.c.project_id, func.ts_rank(tsv, tsquery, 1)).where(ENTRIES.c.project_id.in_(seen)))}
    best = sorted(seen, key=lambda project_id: (-ranks[project_id], project_id))
    return best[offset:offset + limit], min(len(seen), count_cap + 1)


def _matches(session: Session, tsquery: Any, span: int, cap: int) -> int:
    """How many of the first ``span`` entries match, counted up to ``cap``."""
    entries = table_entries(span)
    found = select(literal_column("1")).select_from(entries).where(entries.c.tsv.op("@@")(tsquery)) \
        .limit(cap).subquery()
    return session.scalar(select(func.count()).select_from(found)) or 0


def table_entries(span: int) -> Any:
    """The first ``span`` search entries in project id order (read from the primary key)."""
    pg = text("SELECT project_id, tsv FROM search_entries ORDER BY project_id LIMIT :span") \
        .bindparams(span=span).columns(project_id=ProjectRow.id.type, tsv=ProjectRow.name.type)
    return pg.subquery("entries")
