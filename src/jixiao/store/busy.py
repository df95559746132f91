"""When the database is busy: SQLite statements are retried, and what still cannot proceed is
recognised so the web layer answers 503 with ``Retry-After`` instead of 500.

SQLite runs in WAL mode (readers never wait for the writer) with a ``busy_timeout``: a writer
waits that long for the single write lock. A statement that still gets ``database is locked``
had no effect, so it is run again a few times with a growing pause before the error is raised.
On PostgreSQL a ``lock_timeout`` bounds how long a write waits for a row lock; lock timeouts,
serialisation failures and deadlocks are "busy" too.
"""

from __future__ import annotations

import random
import sqlite3
import time
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

#: extra attempts after the first (each waits up to the busy timeout)
RETRIES = 2
#: PostgreSQL SQLSTATEs meaning "try again": serialization_failure, deadlock_detected, lock_not_available
_PG_BUSY = {"40001", "40P01", "55P03"}


def _sqlite_busy(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and any(
        word in str(exc).lower() for word in ("database is locked", "database is busy"))


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` means the database could not take the write now (worth retrying later)."""
    if isinstance(exc, PoolTimeout):
        return True
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    return _sqlite_busy(exc) or getattr(exc, "sqlstate", None) in _PG_BUSY


def install_sqlite_retry(engine: Engine, retries: int = RETRIES, pause: float = 0.05) -> None:
    """Run each statement again (up to ``retries`` times) when SQLite says it is locked."""

    def execute(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
        for attempt in range(retries + 1):
            try:
                cursor.execute(statement, parameters)
                return True
            except sqlite3.OperationalError as exc:
                if not _sqlite_busy(exc) or attempt == retries:
                    raise
                time.sleep(pause * 2**attempt * (1 + random.random()))
        return True

    event.listen(engine, "do_execute", execute)
