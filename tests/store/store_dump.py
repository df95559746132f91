"""A canonical dump of a whole store, to compare two stores row for row (issue 11).

Every column of every table is read as the database's own text (``CAST(… AS TEXT)``: a JSON
``null`` and SQL NULL differ), without surrogate ids and timestamps: a link to another row is
replaced by that row's natural key (a document by its sha256, a project by its document and
position, an indicator by its project and position), and audit rows keep their order but not their
id, time or hash (the chain is checked instead).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, Text, cast, select, text
from sqlalchemy.orm import Session

from jixiao.store import audit_chain
from jixiao.store.schema import Base

_DROPPED = {"id", "imported_at", "created_at", "at", "hash", "prev_hash"}
_ORDER = {"documents": "sha256", "units": "document_id, position", "projects": "document_id, position",
          "goals": "project_id, position", "indicators": "project_id, position"}


def _rows(session: Session, name: str) -> list[dict[str, Any]]:
    table = Base.metadata.tables[name]
    query = select(*(cast(c, Text).label(c.name) for c in table.c)).order_by(table.c.id)
    return [dict(r._mapping) for r in session.execute(query)]


def dump(engine: Engine) -> dict[str, Any]:
    with Session(engine) as session:
        assert audit_chain.verify(session).ok
        tables = {name: _rows(session, name) for name in Base.metadata.tables}
        if engine.dialect.name == "postgresql":
            search = [tuple(r) for r in session.execute(text(
                "SELECT project_id::text, words, tsv::text FROM search_entries"))]
        else:
            search = [(str(r[0]), r[1], None) for r in session.execute(text(
                "SELECT rowid, words FROM search_fts"))]
    documents = {r["id"]: r["sha256"] for r in tables["documents"]}
    projects = {r["id"]: (documents[r["document_id"]], r["position"]) for r in tables["projects"]}
    indicators = {r["id"]: (projects[r["project_id"]], r["position"]) for r in tables["indicators"]}
    links = {"document_id": documents, "project_id": projects, "indicator_id": indicators}
    out: dict[str, Any] = {}
    for name, rows in tables.items():
        clean = []
        for row in rows:
            if name == "audit_log" and row["entity"] == "document":
                row["entity_id"] = documents.get(row["entity_id"], row["entity_id"])
            clean.append({k: (links[k].get(v) if k in links and v is not None else v)
                          for k, v in row.items() if k not in _DROPPED})
        out[name] = clean if name in ("audit_log", "findings") else sorted(clean, key=repr)
    out["search"] = sorted((projects[p], words, tsv) for p, words, tsv in search)
    return out


def orphans(engine: Engine) -> dict[str, int]:
    """For every foreign key of the schema, the rows whose link points at no row (should be none)."""
    found: dict[str, int] = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                parent, link = fk.column, fk.parent.name
                found[f"{table.name}.{link}"] = conn.execute(text(
                    f"SELECT count(*) FROM {table.name} c WHERE c.{link} IS NOT NULL AND NOT EXISTS "
                    f"(SELECT 1 FROM {parent.table.name} p WHERE p.{parent.name} = c.{link})")).scalar_one()
        index, link = (("search_entries", "project_id") if engine.dialect.name == "postgresql"
                       else ("search_fts", "rowid"))
        found[f"{index}.{link}"] = conn.execute(text(
            f"SELECT count(*) FROM {index} s WHERE NOT EXISTS "
            f"(SELECT 1 FROM projects p WHERE p.id = s.{link})")).scalar_one()
    return found
