"""Issue 12: the audit log is tamper-evident on each backend.

Reproductions refused: SQLite ``REPLACE INTO audit_log(id, …)`` over an existing row and a backdated
``at``; PostgreSQL ``TRUNCATE audit_log``. A change made behind the triggers' back (triggers
dropped) is found by ``jixiao audit verify``, which names the first broken row and exits 1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from jixiao.cli.main import main
from jixiao.store import audit, audit_chain
from jixiao.store.database import make_engine, upgrade
from jixiao.store.schema import AuditRow


def _three(engine: Engine) -> list[int]:
    with Session(engine) as session:
        rows = [audit.record(session, "admin", "add", "user", n, None, {"username": f"u{n}", "n": (1, 2)})
                for n in range(3)]
        session.commit()
        return [r.id for r in rows]


def _refused(engine: Engine, statement: str) -> None:
    with engine.connect() as connection, pytest.raises(DBAPIError, match=r"append-only|set by the database"):
        connection.execute(text(statement))
        connection.commit()


def test_rows_are_chained_and_stamped_by_the_database(engine: Engine) -> None:
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    ids = _three(engine)
    with Session(engine) as session:
        rows = list(session.scalars(select(AuditRow).order_by(AuditRow.id)))
        assert [r.id for r in rows] == ids and rows[0].prev_hash == audit_chain.GENESIS
        assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
        assert rows[0].after == {"username": "u0", "n": [1, 2]}
        stamped = rows[0].at if rows[0].at.tzinfo else rows[0].at.replace(tzinfo=dt.UTC)
        assert before < stamped < dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)
        verdict = audit_chain.verify(session)
        assert verdict.ok and verdict.rows == 3 and verdict.head == rows[-1].hash


def test_rewrites_are_refused(engine: Engine) -> None:
    first = _three(engine)[0]
    for statement in ("UPDATE audit_log SET username = 'x'", "DELETE FROM audit_log",
                      f"UPDATE audit_log SET hash = NULL WHERE id = {first}"):
        _refused(engine, statement)
    if engine.dialect.name == "sqlite":
        _refused(engine, f"REPLACE INTO audit_log (id, at, username, action, entity, entity_id) "
                         f"VALUES ({first}, '2020-01-01 00:00:00.000000', 'x', 'add', 'user', 1)")
        _refused(engine, "INSERT INTO audit_log (at, username, action, entity) "
                         "VALUES ('2020-01-01 00:00:00.000000', 'x', 'add', 'user')")
        _refused(engine, f"INSERT INTO audit_log (id, username, action, entity) "
                         f"VALUES ({first}, 'x', 'a', 'u') ON CONFLICT (id) DO UPDATE SET username = 'x'")
    else:
        _refused(engine, "TRUNCATE audit_log")
        with engine.begin() as connection:  # a backdated at is overwritten with the server's clock
            connection.execute(text("INSERT INTO audit_log (at, username, action, entity) "
                                    "VALUES ('2020-01-01', 'x', 'add', 'user')"))
            year = connection.scalar(text("SELECT extract(year FROM max(at)) FROM audit_log"))
        assert int(year) >= 2026
    with Session(engine) as session:
        assert [r.username for r in session.scalars(select(AuditRow))][:3] == ["admin"] * 3


def _behind_the_triggers(engine: Engine, statement: str) -> None:
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER audit_log_no_update"))
            connection.execute(text("DROP TRIGGER audit_log_no_delete"))
        else:
            connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        connection.execute(text(statement))


@pytest.mark.parametrize(("statement", "reason"), [
    ("UPDATE audit_log SET username = 'mallory' WHERE id = {mid}", "改动"),
    ("DELETE FROM audit_log WHERE id = {mid}", "断开"),
])
def test_verify_names_the_first_broken_row(engine: Engine, statement: str, reason: str) -> None:
    _first, mid, last = _three(engine)
    url = engine.url.render_as_string(hide_password=False)
    intact = CliRunner().invoke(main, ["audit", "verify", "--db", url])
    assert intact.exit_code == 0 and "3 行" in intact.output
    _behind_the_triggers(engine, statement.format(mid=mid))
    broken = CliRunner().invoke(main, ["audit", "verify", "--db", url])
    expected = mid if "UPDATE" in statement else last
    assert broken.exit_code == 1 and f"第 {expected} 行" in broken.output and reason in broken.output


def test_upgrade_backfills_the_chain_of_existing_rows(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/old.db")
    upgrade(engine, "0001")
    with engine.begin() as connection:
        for n in range(3):
            connection.execute(text("INSERT INTO audit_log (at, username, action, entity, entity_id, after) "
                                    "VALUES (:at, 'cli', 'add', 'user', :n, '{\"a\": 1}')"),
                               {"at": f"2026-01-0{n + 1} 08:00:00.000000", "n": n})
    upgrade(engine)
    with Session(engine) as session:
        assert audit_chain.verify(session).rows == 3 and audit_chain.verify(session).ok
        audit.record(session, "admin", "add", "user", 9)
        session.commit()
        assert audit_chain.verify(session).ok
    engine.dispose()


def test_migration_0003_downgrades_and_upgrades_again(engine: Engine) -> None:
    from alembic import command

    from jixiao.store.database import alembic_config

    _three(engine)
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    _refused(engine, "DELETE FROM audit_log")  # the plain append-only triggers are back
    upgrade(engine)
    with Session(engine) as session:
        verdict = audit_chain.verify(session)
        assert verdict.ok and verdict.rows == 3


def test_verify_on_a_store_never_upgraded_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["audit", "verify", "--db", f"sqlite:///{tmp_path / 'empty.db'}"])
    assert result.exit_code == 3 and "jixiao db upgrade" in result.stderr
