"""Bulk insert of prepared documents (``store.bulk_rows``): the rows ``save_document`` stores, written
table by table for a whole batch of documents at once.

SQLite gets SQLAlchemy Core ``INSERT … executemany`` batches; PostgreSQL gets ``COPY … FROM STDIN``
through psycopg on the session's own connection, so everything one batch writes — rows, search
index, audit rows — commits or rolls back together: a document is never half stored.

Rows that others point at (projects, indicators) get their ids before they are written: on
PostgreSQL from the table's sequence, on SQLite the next free ``rowid`` values, read after the
batch's first INSERT has taken the database's single write lock (so no other writer can take them
meanwhile; these are the ids SQLite itself would have given, one after the other).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, column, insert, select, table, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from jixiao.store import audit
from jixiao.store.bulk_rows import (
    FINDING_COLUMNS,
    GOAL_COLUMNS,
    INDICATOR_COLUMNS,
    PROJECT_COLUMNS,
    UNIT_COLUMNS,
    PreparedDocument,
)
from jixiao.store.schema import DocumentRow, utcnow

_DOCUMENTS: Table = DocumentRow.__table__  # type: ignore[assignment]


def _ids(conn: Connection, name: str, count: int) -> list[int]:
    """``count`` fresh ids for table ``name`` (see the module docstring)."""
    if not count:
        return []
    if conn.dialect.name == "postgresql":
        query = text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)")
        return sorted(conn.execute(query, {"t": name, "n": count}).scalars())
    last = conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {name}")).scalar_one()
    return list(range(last + 1, last + 1 + count))


def _write(conn: Connection, name: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    if conn.dialect.name != "postgresql":  # one executemany of the Core INSERT, rows as plain tuples
        compiled = insert(table(name, *(column(c) for c in columns))).compile(dialect=conn.dialect)
        conn.exec_driver_sql(str(compiled), rows)
        return
    import psycopg

    raw: Any = conn.connection.dbapi_connection
    statement = f"COPY {name} ({', '.join(columns)}) FROM STDIN"
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as exc:  # as SQLAlchemy reports a failed statement
        raise DBAPIError(statement, None, exc) from exc


def write_documents(session: Session, docs: Iterable[PreparedDocument], username: str) -> list[int]:
    """Insert ``docs`` (none of them stored yet) with their search entries and one audit row each,
    in the session's transaction; the caller commits. Returns the new document ids, in order."""
    docs = list(docs)
    conn = session.connection()
    doc_ids = [conn.execute(insert(_DOCUMENTS).values(**d.document, imported_at=utcnow())
                            .returning(_DOCUMENTS.c.id)).scalar_one() for d in docs]
    project_ids = iter(_ids(conn, "projects", sum(len(d.projects) for d in docs)))
    indicator_ids = iter(_ids(conn, "indicators", sum(len(d.indicators) for d in docs)))
    units: list[tuple[Any, ...]] = []
    projects: list[tuple[Any, ...]] = []
    goals: list[tuple[Any, ...]] = []
    indicators: list[tuple[Any, ...]] = []
    findings: list[tuple[Any, ...]] = []
    words: list[tuple[int, str]] = []
    for doc_id, doc in zip(doc_ids, docs, strict=True):
        units += [(doc_id, *u) for u in doc.units]
        pids = [next(project_ids) for _ in doc.projects]
        projects += [(pid, doc_id, *p) for pid, p in zip(pids, doc.projects, strict=True)]
        words += list(zip(pids, doc.words, strict=True))
        goals += [(pids[g[0]], *g[1:]) for g in doc.goals]
        iids: dict[tuple[int, int], int] = {}  # (project position, indicator position) -> id
        for ind in doc.indicators:
            iid = iids[ind[0], ind[1]] = next(indicator_ids)
            indicators.append((iid, pids[ind[0]], *ind[1:]))
        findings += [(doc_id, None if f[0] is None else pids[f[0]],
                      None if f[1] is None else iids[f[0], f[1]], *f[2:]) for f in doc.findings]
    _write(conn, "units", UNIT_COLUMNS[1:], units)
    _write(conn, "projects", PROJECT_COLUMNS, projects)
    _write(conn, "goals", GOAL_COLUMNS[1:], goals)
    _write(conn, "indicators", INDICATOR_COLUMNS, indicators)
    _write(conn, "findings", FINDING_COLUMNS[1:], findings)
    if conn.dialect.name == "postgresql":
        _write(conn, "search_entries", ("project_id", "words"), words)
    else:
        _write(conn, "search_fts", ("rowid", "words"), words)
    for doc_id, doc in zip(doc_ids, docs, strict=True):
        audit.record(session, username, "import", "document", doc_id, None, doc.audit)
    return doc_ids


def stored_counts(session: Session, document_id: int) -> tuple[int, int]:
    """(projects, findings) of a stored document."""
    from sqlalchemy import func

    from jixiao.store.schema import FindingRow, ProjectRow

    projects = session.scalar(select(func.count()).where(ProjectRow.document_id == document_id)) or 0
    findings = session.scalar(select(func.count()).where(FindingRow.document_id == document_id)) or 0
    return projects, findings
