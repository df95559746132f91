"""The migrations build exactly the schema the models declare, and users are argon2-hashed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from jixiao.store.database import current_revision, database_url
from jixiao.store.schema import Base
from jixiao.store.users import UserError, add_user, authenticate, list_users

_SEARCH_TABLES = {"search_fts", "search_entries", "search_words_tracked", "search_word_bits",
                  "search_bits_state"}


def _include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    if type_ == "table" and name is not None:
        return not (name in _SEARCH_TABLES or name.startswith("search_fts_"))
    return True


def test_migrations_match_models(engine: Engine) -> None:
    assert current_revision(engine) == "0009"
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": _include,
                                                               "compare_type": False})
        assert compare_metadata(context, Base.metadata) == []


def test_users(engine: Engine) -> None:
    with Session(engine) as session:
        user = add_user(session, "zhang", "correct horse", "unit", unit_code="003006")
        assert user.password_hash.startswith("$argon2")
        with pytest.raises(UserError, match="已存在"):
            add_user(session, "zhang", "correct horse", "unit", unit_code="003006")
        with pytest.raises(UserError, match="--unit"):
            add_user(session, "li", "correct horse", "unit")
        with pytest.raises(UserError, match="--region"):
            add_user(session, "li", "correct horse", "reviewer")
        with pytest.raises(UserError, match="密码至少"):
            add_user(session, "li", "short", "admin")
        with pytest.raises(UserError, match="角色须为"):
            add_user(session, "li", "correct horse", "king")
        session.commit()
        assert authenticate(session, "zhang", "correct horse") is not None
        assert authenticate(session, "zhang", "wrong horse") is None
        assert authenticate(session, "nobody", "correct horse") is None
        assert [u.username for u in list_users(session)] == ["zhang"]


def test_database_url_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_DATABASE_URL", raising=False)
    assert database_url(None) == "sqlite:///jixiao.db"
    monkeypatch.setenv("JIXIAO_DATABASE_URL", "sqlite:///env.db")
    assert database_url(None) == "sqlite:///env.db"
    assert database_url("sqlite:///flag.db") == "sqlite:///flag.db"


def test_a_percent_sign_in_the_database_url_does_not_break_migrations(tmp_path: Path) -> None:
    """Issue 12: "a % in the database URL breaks Alembic" (configparser interpolation)."""
    from jixiao.store.database import make_engine, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'jixiao%25store.db'}")  # the file jixiao%store.db
    upgrade(engine)
    assert current_revision(engine) is not None
    engine.dispose()
