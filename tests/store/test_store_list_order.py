"""Issue 11: visible projects are listed in id order from the (status, id) index, so a page of an
unfiltered list of published projects does not sort them all; pages and totals are unchanged."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine, insert, inspect, select, text

from jixiao.store.access import Viewer, visible_clause
from jixiao.store.database import session_factory
from jixiao.store.queries import ProjectFilter, list_projects
from jixiao.store.schema import SUMMARY_COLUMNS, DocumentRow, ProjectRow

STATUSES = ("approved", "draft", "approved", "submitted", "approved", "returned")


def _fill(engine: Engine, projects: int = 90) -> None:
    with session_factory(engine)() as session:
        for doc in range(3):
            session.execute(insert(DocumentRow), [{
                "id": doc + 1, "sha256": f"{doc:064x}", "source": f"d{doc}.txt", "region": f"县{doc % 2}",
                "year": 2024 + doc % 2, "kind": "target", "layout": "list", "organisation": f"单位{doc}",
                "title": "表", "unparsed": []}])
        session.execute(insert(ProjectRow), [{
            "id": n, "document_id": n % 3 + 1, "position": n, "seq": str(n), "name": f"项目{n}",
            "amount": Decimal(n), "unit_code": f"00{n % 4}", "unit_name": "单位", "region": f"县{n % 3 % 2}",
            "year": 2024 + n % 3 % 2, "funds": {}, "extra": {}, "unparsed": [], "location": None,
            "status": STATUSES[n % len(STATUSES)]} for n in range(1, projects + 1)])
        session.commit()


def test_pages_of_visible_projects_come_in_id_order(engine: Engine) -> None:
    _fill(engine)
    with session_factory(engine)() as session:
        for viewer, wanted in ((None, lambda n: STATUSES[n % 6] == "approved"),
                               (Viewer("u", "unit", unit_code="001"),
                                lambda n: STATUSES[n % 6] == "approved" or n % 4 == 1)):
            expected = [n for n in range(1, 91) if wanted(n)]
            seen: list[int] = []
            for offset in range(0, 100, 7):
                rows, total = list_projects(session, visible_clause(viewer), ProjectFilter(), 7, offset)
                assert total == len(expected)
                seen += [r.id for r in rows]
            assert seen == expected
        county = ProjectFilter(region="县1", year=2025)
        rows, total = list_projects(session, visible_clause(None), county, 5, 5)
        expected = [n for n in range(1, 91) if STATUSES[n % 6] == "approved" and n % 3 % 2 == 1]
        assert total == len(expected) and [r.id for r in rows] == expected[5:10]


def test_the_status_id_index_exists_and_sqlite_reads_pages_from_it(engine: Engine) -> None:
    indexes = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("projects")}
    assert indexes["ix_projects_status_id"] == ["status", "id"]
    if engine.dialect.name != "sqlite":
        return
    _fill(engine)
    stmt = select(*SUMMARY_COLUMNS).where(visible_clause(None)).order_by(ProjectRow.id).limit(50).offset(20)
    compiled = stmt.compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "ix_projects_status_id" in plan and "TEMP B-TREE" not in plan, plan
