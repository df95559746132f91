"""Full-text search over project names, goals and indicators.

Chinese has no spaces, so both the indexed text and the query are segmented with jieba and the
words stored space-separated: SQLite indexes them with FTS5 (``search_fts``, rowid = project id),
PostgreSQL with a ``tsvector`` over the ``simple`` configuration (``search_entries``, GIN index).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

import jieba
from sqlalchemy import (
    ColumnElement,
    Select,
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

from jixiao.store.schema import ProjectRow

jieba.setLogLevel(logging.WARNING)

_WORD = re.compile(r"\w", re.UNICODE)
_FTS = table("search_fts", column("rowid"), column("words"))
_PG = table("search_entries", column("project_id"), column("words"))


def _tokens(words: Iterable[str]) -> list[str]:
    return [w.strip().lower() for w in words if _WORD.search(w)]


def segment(text_: str) -> str:
    """Index form: every word and every sub-word jieba knows, space-separated."""
    return " ".join(dict.fromkeys(_tokens(jieba.cut_for_search(text_))))


def query_words(query: str) -> list[str]:
    return list(dict.fromkeys(_tokens(jieba.cut(query))))


def project_text(row: ProjectRow) -> str:
    parts = [row.name, row.unit_name or ""]
    parts += [g.text for g in row.goals]
    parts += [i.name for i in row.indicators]
    return "\n".join(parts)


def index_project(session: Session, row: ProjectRow) -> None:
    """(Re)index one project; call after it was flushed (it needs its id)."""
    words = segment(project_text(row))
    if session.get_bind().dialect.name == "postgresql":
        session.execute(delete(_PG).where(_PG.c.project_id == row.id))
        session.execute(insert(_PG).values(project_id=row.id, words=words))
    else:
        session.execute(delete(_FTS).where(_FTS.c.rowid == row.id))
        session.execute(insert(_FTS).values(rowid=row.id, words=words))


def unindex_project(session: Session, project_id: int) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(delete(_PG).where(_PG.c.project_id == project_id))
    else:
        session.execute(delete(_FTS).where(_FTS.c.rowid == project_id))


def _fts5_query(words: list[str]) -> str:
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def search_select(session: Session, query: str,
                  where: ColumnElement[bool]) -> Select[ProjectRow] | None:
    """A select of matching, visible projects, best first; ``None`` when the query has no words."""
    words = query_words(query)
    if not words:
        return None
    if session.get_bind().dialect.name == "postgresql":
        tsquery = func.plainto_tsquery(literal_column("'simple'"), " ".join(words))
        tsv: ColumnElement[Any] = literal_column("search_entries.tsv")
        return (select(ProjectRow).join(_PG, _PG.c.project_id == ProjectRow.id)
                .where(tsv.op("@@")(tsquery), where)
                .order_by(func.ts_rank(tsv, tsquery).desc(), ProjectRow.id))
    return (select(ProjectRow).join(_FTS, _FTS.c.rowid == ProjectRow.id)
            .where(text("search_fts MATCH :fts").bindparams(fts=_fts5_query(words)), where)
            .order_by(literal_column("search_fts.rank"), ProjectRow.id))


def search_projects(session: Session, query: str, where: ColumnElement[bool], limit: int = 20,
                    offset: int = 0) -> tuple[list[ProjectRow], int]:
    """Matching visible projects (one page) and the total number of matches."""
    stmt = search_select(session, query, where)
    if stmt is None:
        return [], 0
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    return list(session.scalars(stmt.limit(limit).offset(offset))), total
