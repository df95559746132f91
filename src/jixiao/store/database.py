"""Engines, sessions and migrations: where the database is and how to bring it up to date.

The URL comes from ``--db`` or ``JIXIAO_DATABASE_URL``, default ``sqlite:///jixiao.db``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, exc, inspect, make_url
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
    engine = create_engine(url, pool_size=20, max_overflow=10, pool_timeout=10,
                           connect_args={"options": options} if url.startswith("postgresql") else {})
    _ping_when_idle(engine)
    return engine


#: a pooled server connection unused for this many seconds is pinged before it is handed out
PING_AFTER_IDLE = 10.0


def _ping_when_idle(engine: Engine, idle: float = PING_AFTER_IDLE) -> None:
    """``pool_pre_ping``, but only for connections that sat idle: a ping is a round trip to the
    server on every checkout (the web reads the data version and then the page on two checkouts,
    so pinging each doubled the round trips of a cached reply). A connection back from use within
    ``idle`` seconds is handed out as it is; an older one is pinged, and a dead one replaced (the
    pool retries with a new connection), as ``pool_pre_ping`` does. A server restarted within the
    window fails at most the request that finds out, and SQLAlchemy then drops the whole pool."""

    @event.listens_for(engine, "connect")
    def _connected(_dbapi: Any, record: Any) -> None:
        record.info["jixiao_used"] = time.monotonic()

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi: Any, record: Any) -> None:
        if record is not None:
            record.info["jixiao_used"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get("jixiao_used", 0.0) <= idle:
            return
        try:
            engine.dialect.do_ping(dbapi)
        except engine.dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError(f"stale pooled connection: {error}") from error
        record.info["jixiao_used"] = time.monotonic()


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
