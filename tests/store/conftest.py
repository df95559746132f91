"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL 15 server started here.

The PostgreSQL server is initialised in a temporary directory owned by the ``postgres`` user
(``initdb`` refuses root), listens on a free loopback port with its unix socket inside that
directory, and is stopped at the end of the session. Each test gets a fresh database cloned from a
migrated template, so tests never see each other's rows.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from jixiao.store.database import make_engine, upgrade

PG_BIN = Path(os.environ.get("JIXIAO_PG_BIN", "/usr/lib/postgresql/15/bin"))
_counter = itertools.count()


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _traversable(folder: Path) -> bool:
    """Whether other users (the postgres user) may pass through ``folder`` and all its parents."""
    return all(os.stat(p).st_mode & 0o001 for p in (folder, *folder.parents))


def _skip_reason() -> str | None:
    if not (PG_BIN / "initdb").exists():
        return f"PostgreSQL binaries not found in {PG_BIN}"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser: cannot start PostgreSQL as the postgres user"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "no postgres system user to run the server as"
    return None


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="jixiao-pg-"))
    if os.geteuid() == 0 and not _traversable(root.parent):  # e.g. a private TMPDIR
        shutil.rmtree(root)
        root = Path(tempfile.mkdtemp(prefix="jixiao-pg-", dir="/tmp"))
    data, sockets = root / "data", root / "sock"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    os.chmod(root, 0o755)
    subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                                 "-E", "UTF8", "--locale=C", "--no-sync"]),
                   check=True, capture_output=True)
    port = int(os.environ.get("JIXIAO_TEST_PG_PORT") or _free_port())  # a fixed port, when asked
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"),
                                 "-o", options, "-w", "-t", "60", "start"]), check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       check=False, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_template(pg_admin_url: str) -> str:
    """A migrated database used as the template of every test database."""
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE jixiao_template"))
    admin.dispose()
    engine = make_engine(pg_admin_url.rsplit("/", 1)[0] + "/jixiao_template")
    upgrade(engine)
    engine.dispose()
    return "jixiao_template"


def _pg_engine(pg_admin_url: str, template: str) -> Iterator[Engine]:
    name = f"jixiao_t{next(_counter)}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    engine = make_engine(pg_admin_url.rsplit("/", 1)[0] + "/" + name)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated, empty database on each backend."""
    if request.param == "sqlite":
        sqlite = make_engine(f"sqlite:///{tmp_path / 'jixiao.db'}")
        upgrade(sqlite)
        yield sqlite
        sqlite.dispose()
    else:
        yield from _pg_engine(request.getfixturevalue("pg_admin_url"), request.getfixturevalue("pg_template"))


@pytest.fixture
def other_engine(engine: Engine, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A second migrated, empty database on the same backend as ``engine`` (to compare two stores)."""
    if engine.dialect.name == "sqlite":
        sqlite = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
        upgrade(sqlite)
        yield sqlite
        sqlite.dispose()
    else:
        yield from _pg_engine(request.getfixturevalue("pg_admin_url"), request.getfixturevalue("pg_template"))
