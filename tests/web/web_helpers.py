"""Helpers for the web tests: the shared password, logging in, reading a page's CSRF token, an import
by another process."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.store.database import make_engine
from jixiao.web.app import create_app
from jixiao.web.settings import Settings
from live_server import live_server as serve

PASSWORD = "correct horse battery"


def import_copy_elsewhere(db_url: str, folder: Path) -> None:
    """The bundled example imported again (approved) through an engine of its own, as another process
    would: one byte more, so it is stored again, not skipped as already stored; a new data version."""
    copy = folder / "another.txt"
    example = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
    copy.write_text(example.read_text("utf-8") + "\n", "utf-8")
    engine = make_engine(db_url)
    with Session(engine) as session:
        assert services.import_file(session, copy, status="approved").error is None
        session.commit()
    engine.dispose()


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log in through the API; returns the CSRF token for later writes."""
    response = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    token: str = response.json()["csrf_token"]
    return token


def page_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "page has no CSRF field"
    return found.group(1)


@contextmanager
def live_server(db_url: str, ports: range | None, secret: str) -> Iterator[str]:
    """A uvicorn server of the app on ``db_url`` in a thread, on the first free port of ``ports``."""
    with serve(create_app(Settings(database_url=db_url, secret_key=secret)), ports) as base:
        yield base
