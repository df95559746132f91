"""Issue 11: on PostgreSQL the bulk import's COPY runs without the per-row foreign key checks when
the role may (``session_replication_role = replica``, transaction-local). Every link it writes still
holds, the constraints are in force again right after the COPY (for the audit rows and anything
else in the transaction), and a role that may not skip the checks stores the same rows with them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from store_dump import dump, orphans
from test_store_bulk_import import corpus

from jixiao.importing import import_paths, prepare_file
from jixiao.store.bulk import write_documents
from jixiao.store.bulk_rows import PreparedDocument
from jixiao.store.database import make_engine
from jixiao.store.schema import GoalRow

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg(engine: Engine) -> Engine:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite's inserts are not checked per row by triggers")
    return engine


@pytest.fixture
def plain_role(pg: Engine) -> Iterator[Engine]:
    """The same database through a role that is no superuser and may not set the replication role."""
    with pg.begin() as conn:
        conn.execute(text("DROP ROLE IF EXISTS jixiao_plain"))
        conn.execute(text("CREATE ROLE jixiao_plain LOGIN"))
        conn.execute(text("GRANT ALL ON ALL TABLES IN SCHEMA public TO jixiao_plain"))
        conn.execute(text("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO jixiao_plain"))
    url = pg.url.set(username="jixiao_plain")
    plain = make_engine(url.render_as_string(hide_password=False))
    yield plain
    plain.dispose()
    with pg.begin() as conn:
        conn.execute(text("DROP OWNED BY jixiao_plain"))
        conn.execute(text("DROP ROLE jixiao_plain"))


def prepared(tmp_path: Path) -> list[PreparedDocument]:
    docs = []
    for path in corpus(tmp_path / "docs"):
        item = prepare_file(str(path), f"{len(docs):064d}")
        if isinstance(item, PreparedDocument):
            docs.append(item)
    return docs


def test_every_link_holds_and_the_checks_are_back_after_the_copy(pg: Engine, tmp_path: Path) -> None:
    docs = prepared(tmp_path)
    with Session(pg) as session:
        write_documents(session, docs, "import")
        conn = session.connection()
        assert conn.connection.info["jixiao_replica_role"] is True  # the superuser skipped the checks
        assert conn.exec_driver_sql("SHOW session_replication_role").scalar_one() == "origin"
        with pytest.raises(IntegrityError), session.begin_nested():  # the same transaction checks again
            session.execute(insert(GoalRow).values(project_id=-1, position=0, text="无主目标"))
        session.commit()
    counts = orphans(pg)
    assert len(counts) >= 8 and not any(counts.values()), counts
    with pg.connect() as conn:  # and the constraints are there, validated, as the migrations made them
        assert conn.execute(text("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"
                                 )).scalar_one() == 0


def test_a_role_that_may_not_skip_the_checks_stores_the_same(pg: Engine, other_engine: Engine,
                                                             plain_role: Engine, tmp_path: Path) -> None:
    files = corpus(tmp_path / "docs")
    with Session(plain_role) as session:
        got = list(import_paths(session, files, jobs=1, batch_projects=6))
        assert session.connection().connection.info["jixiao_replica_role"] is False
    with Session(other_engine) as session:
        expected = list(import_paths(session, files, jobs=1, batch_projects=6))
    assert [o.to_dict() for o in got] == [o.to_dict() for o in expected]
    assert sum(o.created for o in got) == 10
    assert dump(pg) == dump(other_engine)
    assert not any(orphans(pg).values())


def test_the_plain_role_cannot_set_the_replication_role(plain_role: Engine) -> None:
    """What the fallback relies on: PostgreSQL refuses the setting to such a role."""
    engine = create_engine(plain_role.url)
    with engine.connect() as conn, pytest.raises(Exception, match="session_replication_role"):
        conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
    engine.dispose()


def test_a_table_with_a_trigger_of_its_own_keeps_the_checks_and_the_trigger_fires(pg: Engine,
                                                                                  tmp_path: Path) -> None:
    """A later migration's trigger on a copied table would not fire under the replica role: then the
    COPY runs as before, with the checks and the trigger."""
    with pg.begin() as conn:
        conn.execute(text("CREATE TABLE copied_projects (n integer NOT NULL)"))
        conn.execute(text("INSERT INTO copied_projects VALUES (0)"))
        conn.execute(text("CREATE FUNCTION count_project() RETURNS trigger LANGUAGE plpgsql AS "
                          "$$ BEGIN UPDATE copied_projects SET n = n + 1; RETURN NEW; END $$"))
        conn.execute(text("CREATE TRIGGER count_project AFTER INSERT ON projects "
                          "FOR EACH ROW EXECUTE FUNCTION count_project()"))
    docs = prepared(tmp_path)
    with Session(pg) as session:
        write_documents(session, docs, "import")
        assert session.connection().connection.info["jixiao_replica_role"] is False
        session.commit()
    with pg.connect() as conn:
        fired = conn.execute(text("SELECT n FROM copied_projects")).scalar_one()
    assert fired == sum(len(d.projects) for d in docs) > 0
    assert not any(orphans(pg).values())
