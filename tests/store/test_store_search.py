"""Chinese full-text search (FTS5 on SQLite, tsvector on PostgreSQL) over segmented words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from store_samples import example_document

from jixiao.model import Document, Goal, Project
from jixiao.store import search
from jixiao.store.access import Viewer, visible_clause
from jixiao.store.editing import indicator_from_fields, update_indicator
from jixiao.store.repository import save_document
from jixiao.store.schema import ProjectRow
from jixiao.store.search import query_words, search_projects, segment

ADMIN = Viewer("a", "admin")


def test_segmentation_splits_chinese_words() -> None:
    words = segment("环卫工人爱心早餐").split()
    assert {"环卫", "工人", "爱心", "早餐"} <= set(words)
    assert query_words("爱心 早餐!") == ["爱心", "早餐"]


def _names(engine: Engine, query: str, viewer: Viewer | None = ADMIN) -> list[str]:
    with Session(engine) as session:
        rows, total = search_projects(session, query, visible_clause(viewer))
        assert total == len(rows)
        return [r.name for r in rows]


def test_search_names_goals_and_indicators(engine: Engine) -> None:
    with Session(engine) as session:
        save_document(session, example_document(), "s")
        session.commit()
    assert _names(engine, "早餐") == ["环卫工人爱心早餐"]  # project name
    assert _names(engine, "宣传次数") == ["厂务公开经费"]  # goal text
    assert _names(engine, "满意度") == ["环卫工人爱心早餐"]  # indicator name
    assert _names(engine, "完成时限") == ["厂务公开经费"]
    assert sorted(_names(engine, "门源县总工会")) == sorted(["环卫工人爱心早餐", "厂务公开经费"])  # unit
    assert _names(engine, "火箭发射") == []
    assert _names(engine, "!!!") == []
    assert _names(engine, "早餐", viewer=None) == []  # drafts are not public


def test_edit_reindexes(engine: Engine) -> None:
    with Session(engine) as session:
        save_document(session, example_document(), "s")
        session.commit()
        project = session.scalars(select(ProjectRow).where(ProjectRow.seq == "1")).one()
        parsed = indicator_from_fields("送餐车辆数量", "≥", "3", "辆")
        assert parsed.indicator is not None
        update_indicator(session, Viewer("u", "unit", "003006"), project.indicators[0], parsed.indicator, 0)
        session.commit()
    assert _names(engine, "送餐车辆") == ["环卫工人爱心早餐"]
    assert _names(engine, "活动天数") == []


def test_count_stops_after_the_cap(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    with Session(engine) as session:
        save_document(session, example_document(), "s")
        session.commit()
        monkeypatch.setattr(search, "COUNT_CAP", 1)
        rows, total = search_projects(session, "门源县总工会", visible_clause(ADMIN), limit=1)
        assert total == 2 and len(rows) == 1  # "more than 1"
        second, _ = search_projects(session, "门源县总工会", visible_clause(ADMIN), limit=1, offset=1)
        assert second and second[0].id != rows[0].id


def test_ranked_unless_too_common(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    filler = "，".join(f"完成第{i}项工作任务" for i in range(40))
    doc = Document(region="门源县", year=2023, projects=[
        Project("1", "职工活动经费", Decimal("1"), "003006", [Goal(f"开展培训一次，{filler}")]),
        Project("2", "专项培训经费", Decimal("1"), "003006", [Goal("培训骨干，培训职工，培训新人")]),
    ])
    with Session(engine) as session:
        save_document(session, doc, "r")
        session.commit()
        rows, total = search_projects(session, "培训", visible_clause(ADMIN))
        assert total == 2 and [r.seq for r in rows] == ["2", "1"]  # best match first
        monkeypatch.setattr(search, "COUNT_CAP", 1)
        monkeypatch.setattr(search, "RANK_LIMIT", 1)  # "培训" is now too common to rank
        rows, total = search_projects(session, "培训", visible_clause(ADMIN))
        assert total == 2 and [r.seq for r in rows] == ["1", "2"]  # stored order
