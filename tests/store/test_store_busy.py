"""Issue 12: SQLite runs in WAL mode with a busy timeout and retries; a write that still cannot
take the lock answers 503 with Retry-After (never 500). Real threads against a live server while
another connection holds SQLite's write lock; PostgreSQL's lock timeout maps to 503 the same way."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.store.users import add_user
from jixiao.web.app import create_app
from jixiao.web.settings import Settings
from live_server import live_server, login

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
PASSWORD = "busy test password"


def _seed(engine: Engine) -> int:
    with Session(engine) as session:
        assert services.import_file(session, EXAMPLE).error is None
        add_user(session, "unit", PASSWORD, "unit", unit_code="003006", region="门源县")
        session.commit()
        found = session.execute(text("SELECT id FROM projects WHERE unit_code = '003006' "
                                     "ORDER BY id")).first()
        assert found is not None
        return int(found[0])


def _hold_lock(engine: Engine, seconds: float, held: threading.Event) -> threading.Thread:
    """Another writer that keeps the lock (SQLite: the database; PostgreSQL: the project rows)."""
    def run() -> None:
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            if engine.dialect.name == "sqlite":
                raw.isolation_level = None  # type: ignore[attr-defined]
                cursor.execute("BEGIN IMMEDIATE")
            else:
                cursor.execute("SELECT id FROM projects FOR UPDATE")
            held.set()
            time.sleep(seconds)
            raw.rollback()
        finally:
            raw.close()

    thread = threading.Thread(target=run)
    thread.start()
    assert held.wait(10)
    return thread


def test_locked_write_is_retried_then_503(engine: Engine) -> None:
    project = _seed(engine)
    if engine.dialect.name == "sqlite":
        assert str(engine.connect().exec_driver_sql("PRAGMA journal_mode").scalar()) == "wal"
    url = engine.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="k", busy_timeout=0.3))
    with live_server(app) as base:
        client, headers = login(base, "unit", PASSWORD)
        indicator = client.get(f"/api/v1/projects/{project}/indicators").json()["items"][0]
        body = {"name": indicator["name"], "operator": "≥", "value": "2", "unit": "天",
                "version": indicator["version"]}
        if engine.dialect.name == "sqlite":  # a short hold is outlasted by the retries
            holder = _hold_lock(engine, 0.5, threading.Event())
            done = client.put(f"/api/v1/indicators/{indicator['id']}", json=body, headers=headers)
            holder.join()
            assert done.status_code == 200, done.text
            body["version"] = done.json()["indicator"]["version"]
        holder = _hold_lock(engine, 4.0, threading.Event())
        started = time.monotonic()
        refused = client.put(f"/api/v1/indicators/{indicator['id']}", json=body, headers=headers)
        assert refused.status_code == 503, refused.text
        assert refused.headers["Retry-After"] == "2" and refused.json()["error"].startswith("数据库繁忙")
        assert time.monotonic() - started < 3.5
        holder.join()
        again = client.put(f"/api/v1/indicators/{indicator['id']}", json=body, headers=headers)
        assert again.status_code == 200, again.text
        client.close()
