"""Bulk insert of prepared documents (``store.bulk_rows``): the rows ``save_document`` stores, for a
whole batch of documents in one transaction.

SQLite gets one ``INSERT … executemany`` per table and document, of the rows exactly as the workers
made them (SQLite adds the document's first ids to the positions they hold); PostgreSQL gets one
``COPY … FROM STDIN`` per table and batch through psycopg on the session's own connection. So
everything one batch writes — rows, search index, audit rows — commits or rolls back together: a
document is never half stored.

Rows that others point at (projects, indicators) get their ids before they are written: on
PostgreSQL from the table's sequence, on SQLite the next free ``rowid`` values, read after the
batch's first INSERT has taken the database's single write lock (so no other writer can take them
meanwhile; these are the ids SQLite itself would have given, one after the other).

On PostgreSQL the batch's ``COPY`` runs without the per-row foreign key checks when the role may
say so (:func:`_unchecked_links`): every link a batch writes points at a row written earlier in the
same transaction — the document inserted just before, a project id just taken from the sequence —
looked up by position in Python (a position past the end raises), so the checks could only ever
pass, and they were a third of the server's CPU (one query per row and constraint). Nothing about
the schema changes: the constraints stay in force and validated for every other statement and
session, and the setting ends with the ``COPY`` (and at the latest with the transaction).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from jixiao.store import audit
from jixiao.store.bulk_rows import (
    FINDING_COLUMNS,
    GOAL_COLUMNS,
    INDICATOR_COLUMNS,
    PLAIN_INDICATOR_COLUMNS,
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
        sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": name}).scalar_one()
        literal = "'" + sequence.replace("'", "''") + "'"  # a constant: resolved once, not once a row
        query = text(f"SELECT nextval({literal}::regclass) FROM generate_series(1, :n)")
        return sorted(conn.execute(query, {"n": count}).scalars())
    last = conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {name}")).scalar_one()
    return list(range(last + 1, last + 1 + count))


def _copy(conn: Connection, name: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """``COPY name (columns) FROM STDIN`` of ``rows`` on the session's own connection."""
    import psycopg

    raw: Any = conn.connection.dbapi_connection
    statement = f"COPY {name} ({', '.join(columns)}) FROM STDIN"
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            write = copy.write_row
            for row in rows:
                write(row)
    except psycopg.Error as exc:  # as SQLAlchemy reports a failed statement
        raise DBAPIError(statement, None, exc) from exc


#: the tables a batch COPYs into: with ``session_replication_role = replica`` no trigger of theirs
#: fires, so it is used only while their sole triggers are PostgreSQL's own foreign key ones
_COPIED = ("units", "projects", "goals", "indicators", "findings", "search_entries")
_OTHER_TRIGGERS = text("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN ("
                       + ", ".join(f"'{t}'::regclass" for t in _COPIED) + ")")


def _unchecked_links(conn: Connection) -> bool:
    """``SET LOCAL session_replication_role = replica`` (no foreign key triggers) for the rest of the
    transaction, if the role may set it (a superuser, or on PostgreSQL 15 after ``GRANT SET ON
    PARAMETER session_replication_role TO …``) and the copied tables have no trigger of their own
    (a later migration's would not fire); whether it did. The answer is kept per connection."""
    info = conn.connection.info
    if info.get("jixiao_replica_role") is False:
        return False
    if "jixiao_replica_role" not in info and conn.execute(_OTHER_TRIGGERS).scalar_one():
        info["jixiao_replica_role"] = False
        return False
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
    except DBAPIError:  # permission denied: the checks stay on, at their cost
        info["jixiao_replica_role"] = False
        return False
    info["jixiao_replica_role"] = True
    return True


def _insert(conn: Connection, name: str, columns: Sequence[str], values: Sequence[str],
            rows: list[tuple[Any, ...]]) -> None:
    """One ``executemany`` of ``INSERT INTO name (columns) VALUES (values)``, ``values`` SQLite
    expressions of the row's numbered parameters and the document's ids (``?1 + 120``)."""
    if rows:
        conn.exec_driver_sql(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join(values)})", rows)


def _params(first: int, count: int) -> list[str]:
    return [f"?{n}" for n in range(first, first + count)]


def _indicator_columns(doc: PreparedDocument) -> Sequence[str]:
    return INDICATOR_COLUMNS[:PLAIN_INDICATOR_COLUMNS] if doc.plain_indicators else INDICATOR_COLUMNS


def _write_sqlite(conn: Connection, doc_ids: list[int], docs: list[PreparedDocument]) -> None:
    """Each document's rows as the workers made them: the ids are their positions plus the
    document's first ids, added by SQLite (the ids are consecutive: see the module docstring)."""
    project_ids = _ids(conn, "projects", sum(len(d.projects) for d in docs))
    indicator_ids = _ids(conn, "indicators", sum(len(d.indicators) for d in docs))
    projects = indicators = 0  # this document's first project and indicator in the batch
    for doc_id, doc in zip(doc_ids, docs, strict=True):
        pbase = project_ids[projects] if doc.projects else 0
        ibase = indicator_ids[indicators] if doc.indicators else 0
        projects, indicators = projects + len(doc.projects), indicators + len(doc.indicators)
        _insert(conn, "units", UNIT_COLUMNS[1:], [str(doc_id), *_params(1, len(UNIT_COLUMNS) - 2)], doc.units)
        _insert(conn, "projects", PROJECT_COLUMNS, [f"?1 + {pbase}", str(doc_id), "?1",
                                                    *_params(2, len(PROJECT_COLUMNS) - 3)], doc.projects)
        _insert(conn, "goals", GOAL_COLUMNS[1:], [f"?1 + {pbase}", *_params(2, len(GOAL_COLUMNS) - 2)],
                doc.goals)
        columns = _indicator_columns(doc)
        _insert(conn, "indicators", columns,
                [f"?1 + {ibase}", f"?2 + {pbase}", *_params(3, len(columns) - 2)], doc.indicators)
        _insert(conn, "findings", FINDING_COLUMNS[1:], [str(doc_id), f"?1 + {pbase}", f"?2 + {ibase}",
                                                        *_params(3, len(FINDING_COLUMNS) - 4)], doc.findings)
        _insert(conn, "search_fts", ("rowid", "words"), [f"?1 + {pbase}", "?2"], doc.words)


def _write_postgres(conn: Connection, doc_ids: list[int], docs: list[PreparedDocument]) -> None:
    """One ``COPY`` per table for the whole batch, positions turned into the sequences' ids."""
    project_ids = _ids(conn, "projects", sum(len(d.projects) for d in docs))
    indicator_ids = _ids(conn, "indicators", sum(len(d.indicators) for d in docs))
    firsts: list[tuple[int, list[int], list[int]]] = []  # (document id, its project ids, indicator ids)
    projects = indicators = 0
    for doc_id, doc in zip(doc_ids, docs, strict=True):
        firsts.append((doc_id, project_ids[projects:projects + len(doc.projects)],
                       indicator_ids[indicators:indicators + len(doc.indicators)]))
        projects, indicators = projects + len(doc.projects), indicators + len(doc.indicators)
    batch = list(zip(firsts, docs, strict=True))
    unchecked = _unchecked_links(conn)
    _copy(conn, "units", UNIT_COLUMNS[1:], ((d, *u) for (d, _, _), doc in batch for u in doc.units))
    _copy(conn, "projects", PROJECT_COLUMNS,
          ((pids[p[0]], d, *p) for (d, pids, _), doc in batch for p in doc.projects))
    _copy(conn, "goals", GOAL_COLUMNS[1:],
          ((pids[g[0]], *g[1:]) for (_, pids, _), doc in batch for g in doc.goals))
    for plain in (True, False):  # one COPY for each length of rows
        part = [(ids, doc) for ids, doc in batch if doc.plain_indicators is plain]
        if part:
            _copy(conn, "indicators", _indicator_columns(part[0][1]),
                  ((iids[i[0]], pids[i[1]], *i[2:]) for (_, pids, iids), doc in part for i in doc.indicators))
    _copy(conn, "findings", FINDING_COLUMNS[1:],
          ((d, None if f[0] is None else pids[f[0]], None if f[1] is None else iids[f[1]], *f[2:])
           for (d, pids, iids), doc in batch for f in doc.findings))
    _copy(conn, "search_entries", ("project_id", "words"),
          ((pids[p], words) for (_, pids, _), doc in batch for p, words in doc.words))
    if unchecked:  # the audit rows' triggers (the database's timestamp, append-only) must fire
        conn.exec_driver_sql("SET LOCAL session_replication_role = origin")


def write_documents(session: Session, docs: Iterable[PreparedDocument], username: str) -> list[int]:
    """Insert ``docs`` (none of them stored yet) with their search entries and one audit row each,
    in the session's transaction; the caller commits. Returns the new document ids, in order."""
    docs = list(docs)
    conn = session.connection()
    doc_ids = [conn.execute(insert(_DOCUMENTS).values(**d.document, imported_at=utcnow())
                            .returning(_DOCUMENTS.c.id)).scalar_one() for d in docs]
    if conn.dialect.name == "postgresql":
        _write_postgres(conn, doc_ids, docs)
    else:
        _write_sqlite(conn, doc_ids, docs)
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
