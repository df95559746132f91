"""Engines, sessions and migrations: where the database is and how to bring it up to date.

The URL comes from ``--db`` or ``JIXIAO_DATABASE_URL``, default ``sqlite:///jixiao.db``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, make_url
from sqlalchemy.orm import Session, sessionmaker

from jixiao.store.busy import install_sqlite_retry

DEFAULT_URL = "sqlite:///jixiao.db"
ENV_VAR = "JIXIAO_DATABASE_URL"
MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(explicit: str | None = None) -> str:
    """``explicit`` (the ``--db`` option) wins, then ``$JIXIAO_DATABASE_URL``, then the default."""
    return explicit or os.environ.get(ENV_VAR) or DEFAULT_URL


def missing_sqlite_file(url: str) -> Path | None:
    """The file of a SQLite ``url`` when it does not exist yet (connecting would create it, empty);
    None for an existing file, an in-memory database or another database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    name = parsed.database or ""
    if not name or name == ":memory:" or name.startswith("file:") or parsed.query.get("mode") == "memory":
        return None
    path = Path(name)
    return None if path.exists() else path


#: seconds a write waits for the lock (SQLite busy_timeout, PostgreSQL lock_timeout) per attempt
BUSY_TIMEOUT = 5.0


def _sqlite_pragmas(busy_timeout: float) -> Any:
    def connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return connect


def make_engine(url: str, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    """An engine with foreign keys, WAL, a busy timeout and statement retries on SQLite, and a
    lock timeout on PostgreSQL (see ``store.busy``)."""
    if url.startswith("sqlite"):
        # one connection per server thread (anyio runs at most 40 handlers at once): with the
        # default 5 + 10, 20 concurrent clients left writers waiting 30 s for a connection
        memory = url.rstrip("/") in ("sqlite:", "sqlite:/") or ":memory:" in url or "mode=memory" in url
        pool: dict[str, Any] = {} if memory else {"pool_size": 40, "max_overflow": 0, "pool_timeout": 10}
        engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout))
        install_sqlite_retry(engine)
        return engine
    options = f"-c lock_timeout={int(busy_timeout * 1000)}"
    return create_engine(url, pool_pre_ping=True, pool_size=20, max_overflow=10, pool_timeout=10,
                         connect_args={"options": options} if url.startswith("postgresql") else {})


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # configparser interpolates "%": a password or path holding one (p%40ss) broke every migration
    url = engine.url.render_as_string(hide_password=False)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` (``jixiao db upgrade``)."""
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_initialised(engine: Engine) -> bool:
    return "documents" in inspect(engine).get_table_names()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
