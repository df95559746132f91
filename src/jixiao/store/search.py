"""Full-text search over project names, goals and indicators.

Chinese has no spaces, so both the indexed text and the query are segmented with jieba and the
words stored space-separated: SQLite indexes them with FTS5 (``search_fts``, rowid = project id),
PostgreSQL with a ``tsvector`` over the ``simple`` configuration (``search_entries``, GIN index).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import jieba
from sqlalchemy import (
    ColumnElement,
    column,
    delete,
    func,
    insert,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from jixiao.store import search_words
from jixiao.store.schema import SUMMARY_COLUMNS, ProjectRow
from jixiao.store.search_bits import bit_ids
from jixiao.store.search_dense import ENTRIES, dense_ids, first_matches

jieba.setLogLevel(logging.WARNING)

_WORD = re.compile(r"\w", re.UNICODE)
_FTS = table("search_fts", column("rowid"), column("words"))


def _tokens(words: Iterable[str]) -> list[str]:
    return [w.strip().lower() for w in words if _WORD.search(w)]


@lru_cache(maxsize=32_768)
def _line_words(line: str) -> tuple[str, ...]:
    return tuple(_tokens(jieba.cut_for_search(line)))


def segment(text_: str) -> str:
    """Index form: every word and every sub-word jieba knows, space-separated.

    Line by line: jieba splits its input at every character outside words (a line break too) and
    segments the pieces independently, so this equals segmenting the whole text at once; but the
    lines repeat (indicator names, unit names), and a repeated line comes from the cache."""
    return " ".join(dict.fromkeys(word for line in text_.split("\n") for word in _line_words(line)))


def query_words(query: str) -> list[str]:
    return list(dict.fromkeys(_tokens(jieba.cut(query))))


def search_text(name: str, unit_name: str | None, goals: Iterable[str], indicators: Iterable[str]) -> str:
    """The text a project is found by: its name, its unit's name, its goals and indicator names."""
    return "\n".join([name, unit_name or "", *goals, *indicators])


def project_text(row: ProjectRow) -> str:
    return search_text(row.name, row.unit_name, [g.text for g in row.goals], [i.name for i in row.indicators])


def index_project(session: Session, row: ProjectRow) -> None:
    """(Re)index one project; call after it was flushed (it needs its id)."""
    words = segment(project_text(row))
    if session.get_bind().dialect.name == "postgresql":
        search_words.index(session, row.id, words)  # the entry and its common words' bits
    else:
        session.execute(delete(_FTS).where(_FTS.c.rowid == row.id))
        session.execute(insert(_FTS).values(rowid=row.id, words=words))


def unindex_project(session: Session, project_id: int) -> None:
    if session.get_bind().dialect.name == "postgresql":
        search_words.unindex(session, project_id)
    else:
        session.execute(delete(_FTS).where(_FTS.c.rowid == project_id))


def _fts5_query(words: list[str]) -> str:
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


#: counting stops here: "200+" matches says as much as the exact number, and counting visible
#: matches costs ~1 ms per 200 (each one is checked against its project's visibility).
COUNT_CAP = 200
#: above this many matching projects the query is too common to rank usefully (and ranking every
#: match costs ~3-5 ms per thousand); results then come in the order they were stored.
RANK_LIMIT = 2_000


def _postgres_ids(session: Session, words: list[str], where: ColumnElement[bool], limit: int,
                  offset: int) -> tuple[list[int], int]:
    tsquery = func.plainto_tsquery(literal_column("'simple'"), " ".join(words))
    bits = bit_ids(session, words, tsquery, where, limit, offset, COUNT_CAP, RANK_LIMIT)
    if bits is not None:  # every word tracked: the AND of their bitmaps (search_bits)
        return bits
    dense = dense_ids(session, words, tsquery, where, limit, offset, COUNT_CAP, RANK_LIMIT)
    if dense is not None:  # words in many projects: read in id order, no GIN bitmap (search_dense)
        return dense
    # Plan each query for its words: psycopg prepares a statement run five times, and PostgreSQL's
    # generic plan for it (no words known) reads every match through the GIN index and sorts them,
    # ~3x slower at 1,000,000 projects than the plan for the actual words (issue 11).
    session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    tsv: ColumnElement[Any] = literal_column("search_entries.tsv")
    # normalisation 1: divide by 1 + log(length), so short, focused projects rank first (as bm25 does)
    rank = func.ts_rank(tsv, tsquery, 1)
    once = first_matches(session, tsquery, where, limit, offset, COUNT_CAP, RANK_LIMIT)
    if once is not None:  # the GIN index read once, not once per statement below
        return once
    hits = (select(ProjectRow.id).join(ENTRIES, ENTRIES.c.project_id == ProjectRow.id)
            .where(tsv.op("@@")(tsquery), where))
    total = session.scalar(select(func.count()).select_from(hits.limit(COUNT_CAP + 1).subquery())) or 0
    matches = select(ENTRIES.c.project_id).where(tsv.op("@@")(tsquery)).limit(RANK_LIMIT + 1).subquery()
    ranked = total <= COUNT_CAP or (session.scalar(select(func.count()).select_from(matches)) or 0) \
        <= RANK_LIMIT
    order = (rank.desc(), ProjectRow.id) if ranked else (ProjectRow.id,)
    ids = session.scalars(hits.order_by(*order).limit(limit).offset(offset))
    return list(ids), total


def _sqlite_ids(session: Session, words: list[str], where: ColumnElement[bool], limit: int,
                offset: int) -> tuple[list[int], int]:
    # CROSS JOIN makes SQLite start from the FTS5 matches; left to itself it may scan the projects
    # by status and probe the FTS index once per row, which is slower by orders of magnitude.
    compiled = where.compile()
    base = ("FROM search_fts CROSS JOIN projects ON projects.id = search_fts.rowid "
            f"WHERE search_fts MATCH :fts AND ({compiled})")
    params = {**compiled.params, "fts": _fts5_query(words)}
    total = session.scalar(text(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {COUNT_CAP + 1})"), params) or 0
    # Few visible matches: ranking them is cheap. Many: rank only if the word is not too common.
    ranked = total <= COUNT_CAP or (session.scalar(text(
        "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH :fts "
        f"LIMIT {RANK_LIMIT + 1})"), params) or 0) <= RANK_LIMIT
    order = "search_fts.rank, projects.id" if ranked else "search_fts.rowid"
    ids = session.scalars(text(f"SELECT projects.id {base} ORDER BY {order} LIMIT :limit OFFSET :offset"),
                          {**params, "limit": limit, "offset": offset})
    return list(ids), total


def search_projects(session: Session, query: str, where: ColumnElement[bool], limit: int = 20,
                    offset: int = 0) -> tuple[list[Any], int]:
    """Matching visible projects (one page of ``SUMMARY_COLUMNS`` rows, best first) and how many
    match, counted up to ``COUNT_CAP + 1`` (so a total above ``COUNT_CAP`` means "more than that").
    Queries matching more than ``RANK_LIMIT`` projects come in stored order instead of ranked."""
    words = query_words(query)
    if not words:
        return [], 0
    find = _postgres_ids if session.get_bind().dialect.name == "postgresql" else _sqlite_ids
    ids, total = find(session, words, where, limit, offset)
    rows = {r.id: r for r in session.execute(select(*SUMMARY_COLUMNS).where(ProjectRow.id.in_(ids)))}
    return [rows[i] for i in ids if i in rows], total


def bulk_index(session: Session, entries: Iterable[tuple[int, str]]) -> None:
    """Index many projects at once from ``(project id, text)`` pairs (bulk loads, benchmarks)."""
    rows = [{"id": project_id, "words": segment(text_)} for project_id, text_ in entries]
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(insert(ENTRIES), [{"project_id": r["id"], "words": r["words"]} for r in rows])
    else:
        session.execute(insert(_FTS), [{"rowid": r["id"], "words": r["words"]} for r in rows])
