"""Issue 11: long project lists are paged from ids cached per data version (``store.list_index``):
every page and total equals the plain SQL count and offset, and an audited write is seen at once."""

from __future__ import annotations

from sqlalchemy import Engine, text
from test_store_list_order import STATUSES, _fill

from jixiao.store import audit
from jixiao.store.access import Viewer, visibility_scope, visible_clause
from jixiao.store.database import session_factory
from jixiao.store.list_index import ListIndex
from jixiao.store.queries import ProjectFilter, list_projects

VIEWERS = (None, Viewer("u", "unit", unit_code="001"), Viewer("r", "reviewer", region="县1"),
           Viewer("a", "admin"))


def test_pages_and_totals_equal_the_plain_query(engine: Engine) -> None:
    _fill(engine)
    index = ListIndex(ttl=300, threshold=20)
    long = 0
    with session_factory(engine)() as session:
        for viewer in VIEWERS:
            for filters in (ProjectFilter(), ProjectFilter(region="县1"), ProjectFilter(year=2024)):
                where = visible_clause(viewer)
                long += list_projects(session, where, filters)[1] > 20
                for limit, offset in ((7, 0), (7, 14), (50, 20), (5, 80), (10, 500)):
                    plain = list_projects(session, where, filters, limit, offset)
                    cached = list_projects(session, where, filters, limit, offset, index=index,
                                           scope=visibility_scope(viewer))
                    assert cached == plain, (viewer, filters, limit, offset)
    # lists over the threshold were read once each, shorter ones never (counted and paged in SQL)
    assert 0 < index.builds == long < len(VIEWERS) * 3


def test_an_audited_write_starts_a_new_list(engine: Engine) -> None:
    _fill(engine)
    index = ListIndex(ttl=300, threshold=10)
    published = [n for n in range(1, 91) if STATUSES[n % 6] == "approved"]
    with session_factory(engine)() as session:
        rows, total = list_projects(session, visible_clause(None), ProjectFilter(), 5, 0, index=index,
                                    scope=visibility_scope(None))
        assert total == len(published) and [r.id for r in rows] == published[:5] and index.builds == 1
        session.commit()
        session.execute(text("UPDATE projects SET status = 'approved' WHERE id = 1"))
        session.commit()  # not audited: the ids cached for this version stay (until the ttl)
        assert list_projects(session, visible_clause(None), ProjectFilter(), 5, 0, index=index,
                             scope=visibility_scope(None))[1] == len(published)
        session.commit()
        audit.record(session, "admin1", "approve", "project", 1, {"status": "draft"}, {"status": "approved"})
        session.commit()
        rows, total = list_projects(session, visible_clause(None), ProjectFilter(), 5, 0, index=index,
                                    scope=visibility_scope(None))
        assert total == len(published) + 1 and [r.id for r in rows] == [1, *published[:4]]
        assert index.builds == 2


def test_viewers_of_different_scope_get_their_own_lists(engine: Engine) -> None:
    _fill(engine)
    index = ListIndex(ttl=300, threshold=10)
    with session_factory(engine)() as session:
        totals = {viewer.role if viewer else "visitor": list_projects(
            session, visible_clause(viewer), ProjectFilter(), 5, 0, index=index,
            scope=visibility_scope(viewer))[1] for viewer in VIEWERS}
    assert totals["admin"] == 90 and totals["visitor"] < totals["unit"] < totals["admin"]
    assert visibility_scope(Viewer("x", "unit", unit_code="001")) == visibility_scope(VIEWERS[1])
    assert visibility_scope(Viewer("x", "unit", unit_code="002")) != visibility_scope(VIEWERS[1])
