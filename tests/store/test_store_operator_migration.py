"""Issue 13, migration 0007: rows stored before the parser stopped inventing "=" for a bare value
("30天") get no operator; a written "=" (=, 等于, 达到 …) stays. Down to 0004 gives the old "=" back."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.store.database import alembic_config, current_revision, upgrade
from jixiao.store.schema import IndicatorRow

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"


def _operators(engine: Engine) -> dict[int, str]:
    with Session(engine) as session:
        return {i: op for i, op in session.execute(select(IndicatorRow.id, IndicatorRow.operator))}


def _downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_upgrade_gives_rows_of_the_old_parser_the_operator_as_written(engine: Engine) -> None:
    with Session(engine) as session:
        assert services.import_file(session, EXAMPLE).error is None
        session.commit()
    parsed = _operators(engine)
    assert "" in parsed.values() and "=" not in parsed.values()
    _downgrade(engine, "0004")  # as the old parser stored them: every bare value "="
    old = _operators(engine)
    assert "" not in old.values()
    assert [i for i, op in old.items() if op == "="] == [i for i, op in parsed.items() if op in ("", "=")]
    upgrade(engine)
    assert current_revision(engine) == ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert _operators(engine) == parsed


def test_a_written_equals_survives_the_upgrade(engine: Engine) -> None:
    with Session(engine) as session:
        assert services.import_file(session, EXAMPLE).error is None
        rows = list(session.scalars(select(IndicatorRow).order_by(IndicatorRow.id).limit(3)))
        for row, raw in zip(rows, ("{name} =30天", "{name} 达到1次", "{name} 30天"), strict=True):
            row.raw, row.operator = raw.format(name=row.name), "="
        session.commit()
        ids = [r.id for r in rows]
    _downgrade(engine, "0004")
    upgrade(engine)
    after = _operators(engine)
    assert [after[i] for i in ids] == ["=", "=", ""]
