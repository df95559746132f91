"""PostgreSQL search answers common and rare queries through cheaper paths (``store.search_dense``,
``store.search_bits``, issue 11): the same ids, order and totals as the three-statement GIN path,
for every viewer, page and query shape (ranked, unranked, few visible), and each cheaper path is
really taken; the common words' bitmaps stay those of the GIN index through edits and later saves."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, text, update
from sqlalchemy.orm import Session

from jixiao.model import Document, Goal, Project
from jixiao.store import search, search_bits, search_dense, search_words
from jixiao.store.access import Viewer, visible_clause
from jixiao.store.repository import save_document
from jixiao.store.schema import ProjectRow
from jixiao.store.search import search_projects

ADMIN = Viewer("a", "admin")
QUERIES = ("职工", "道路养护", "职工 道路", "饮水", "道路 饮水", "农田 饮水", "培训 农田", "饮水 农田 道路",
           "火箭")


def _name(i: int) -> str:
    words = ["职工"]
    if i % 3 == 0:
        words.append("道路养护")
    if i % 10 == 0:
        words.append("安全饮水")
    if i % 4 == 0:
        words.append("高标准农田")
    return "".join(words) + f"项目{i}"


def _store(engine: Engine) -> None:
    goals = ["开展培训，培训职工", "完成建设"]
    doc = Document(region="门源县", year=2023, projects=[
        Project(str(i), _name(i), Decimal("1"), "003006", [Goal(goals[i % 2] * (1 + i % 5))])
        for i in range(1, 241)])
    with Session(engine) as session:
        save_document(session, doc, "paths", status="approved")
        session.execute(update(ProjectRow).where(ProjectRow.seq.in_([str(i) for i in range(1, 241, 7)]))
                        .values(status="draft"))  # some matches a visitor does not see
        session.commit()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE search_entries"))


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """Limits scaled to 240 projects, and counts of the answers each cheaper path gave."""
    monkeypatch.setattr(search, "COUNT_CAP", 8)
    monkeypatch.setattr(search, "RANK_LIMIT", 30)
    monkeypatch.setattr(search_dense, "SAMPLE", 40)
    monkeypatch.setattr(search_dense, "MAX_SPAN", 200)
    monkeypatch.setattr(search_dense, "_frequencies", {})
    taken = {"dense": 0, "once": 0, "bits": 0}
    dense, once, bits = search.dense_ids, search.first_matches, search.bit_ids

    def counted(name: str, path: Any) -> Any:
        def run(*args: Any) -> Any:
            answer = path(*args)
            taken[name] += answer is not None
            return answer
        return run

    monkeypatch.setattr(search, "dense_ids", counted("dense", dense))
    monkeypatch.setattr(search, "first_matches", counted("once", once))
    monkeypatch.setattr(search, "bit_ids", counted("bits", bits))
    yield taken


def _answers(session: Session) -> list[tuple[str, str, int, list[int], int]]:
    out = []
    for query in QUERIES:
        for who, viewer in (("visitor", None), ("admin", ADMIN)):
            for offset in (0, 3, 9):
                ids, total = search_projects(session, query, visible_clause(viewer), 5, offset)
                out.append((query, who, offset, [r.id for r in ids], total))
    return out


Answers = list[tuple[str, str, int, list[int], int]]


def _plain_answers(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Answers:
    """The same queries answered with the bitmaps, the dense path and the first-matches path all off."""
    monkeypatch.setattr(search, "bit_ids", lambda *_args: None)
    monkeypatch.setattr(search, "dense_ids", lambda *_args: None)
    monkeypatch.setattr(search, "first_matches", lambda *_args: None)
    with Session(engine) as session:
        return _answers(session)


@pytest.mark.parametrize("engine", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_cheaper_paths_answer_as_the_gin_statements(engine: Engine, small_limits: dict[str, int],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _store(engine)
    with Session(engine) as session:
        assert search_dense.word_shares(session)["职工"] == pytest.approx(1.0)
        fast = _answers(session)
    assert small_limits["dense"] > 0 and small_limits["once"] > 0  # both paths answered some queries
    assert small_limits["bits"] == 0  # no catch-up yet: no word has bitmaps
    slow = _plain_answers(engine, monkeypatch)
    assert fast == slow
    by_query = {(q, who, offset): (ids, total) for q, who, offset, ids, total in fast}
    assert by_query[("职工", "admin", 0)] == ([1, 2, 3, 4, 5], 9)  # unranked: id order, total capped
    assert by_query[("职工", "visitor", 0)][0] == [2, 3, 4, 5, 6]  # project 1 is a draft
    assert by_query[("火箭", "admin", 0)] == ([], 0)
    assert sorted(by_query[("饮水 农田 道路", "admin", 0)][0]) == [60, 120, 180, 240]  # ranked: all
    assert sorted(by_query[("饮水 农田 道路", "visitor", 0)][0]) == [60, 180, 240]  # 120 is a draft


@pytest.mark.parametrize("engine", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_without_statistics_the_gin_path_answers(engine: Engine, small_limits: dict[str, int]) -> None:
    with Session(engine) as session:
        save_document(session, Document(region="门源县", year=2023, projects=[
            Project("1", "职工培训", Decimal("1"), "003006")]), "one", status="approved")
        session.commit()
        ids, total = search_projects(session, "职工", visible_clause(None))
    assert [r.seq for r in ids] == ["1"] and total == 1
    assert small_limits["dense"] == 0  # no ANALYZE yet: no word counts as common


def _bitmap_ids(session: Session, word: str) -> set[int]:
    found = set()
    for block, bits in session.execute(text("SELECT block, bits FROM search_word_bits WHERE word = :w"),
                                       {"w": word}):
        number = int.from_bytes(bits, "little")
        found |= {block * search_words.BLOCK + n for n in range(search_words.BLOCK) if number >> n & 1}
    return found


def _wide(engine: Engine) -> list[int]:
    """Every project matching 道路 an admin sees, in id order (one page of 200)."""
    with Session(engine) as session:
        return [r.id for r in search_projects(session, "道路", visible_clause(ADMIN), 200, 0)[0]]


def _gin_ids(session: Session, word: str, upto: int) -> set[int]:
    return set(session.scalars(text("SELECT project_id FROM search_entries WHERE project_id <= :upto "
                                    "AND tsv @@ to_tsquery('simple', quote_literal(:w))"),
                               {"w": word, "upto": upto}))


@pytest.mark.parametrize("engine", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_bitmaps_answer_as_the_gin_statements_through_edits(engine: Engine, small_limits: dict[str, int],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _store(engine)
    monkeypatch.setattr(search_words, "BLOCK", 64)  # several blocks for 240 projects
    monkeypatch.setattr(search_bits, "BLOCK", 64)
    monkeypatch.setattr(search_words, "WINDOW", 96)  # windows that end inside a block
    with Session(engine) as session:
        tracked, covered = search_words.catch_up(session)
        session.commit()
        words = set(session.scalars(text("SELECT word FROM search_words_tracked")))
        assert covered == 240 and tracked == len(words) and {"职工", "道路", "饮水", "农田"} <= words
        # an edit drops 道路 from project 3 and gives project 4 饮水; a save after the catch-up
        # stores projects above ``covered`` (searched through the GIN index until the next one)
        for project_id, name in ((3, "职工项目3"), (4, "职工安全饮水项目4")):
            row = session.get(ProjectRow, project_id)
            assert row is not None
            row.name = name
            session.flush()
            search.index_project(session, row)
        later = [Project(str(i), _name(i), Decimal("1"), "003006") for i in range(1, 61)]
        save_document(session, Document(region="门源县", year=2024, projects=later), "later",
                      status="approved")
        session.commit()
        assert session.scalar(text("SELECT covered FROM search_bits_state")) == 300  # saved right above
        # as after a bulk import's COPY: entries above ``covered``, without bits (project 246 loses 道路)
        session.execute(text("UPDATE search_bits_state SET covered = 240"))
        session.execute(text("UPDATE search_entries SET words = replace(words, '道路', '') "
                             "WHERE project_id = 246"))
        session.commit()
        for word in ("职工", "道路", "饮水", "农田", "培训"):
            assert _bitmap_ids(session, word) & set(range(241)) == _gin_ids(session, word, 240), word
        assert 3 not in _bitmap_ids(session, "道路") and 4 in _bitmap_ids(session, "饮水")
        fast = _answers(session)
    wide = _wide(engine)
    assert small_limits["bits"] > 0
    slow = _plain_answers(engine, monkeypatch)
    assert fast == slow
    by_query = {(q, who, offset): (ids, total) for q, who, offset, ids, total in fast}
    assert sorted(by_query[("饮水 农田 道路", "admin", 0)][0]) == [60, 120, 180, 240, 300]  # 300: saved later
    assert 246 not in wide and 294 in wide and wide == _wide(engine)  # 246: bits above ``covered``
    with Session(engine) as session:  # the next catch-up takes the later projects in
        assert search_words.catch_up(session)[1] == 300
        session.commit()
        for word in ("职工", "道路", "饮水"):
            assert _bitmap_ids(session, word) == _gin_ids(session, word, 300), word
