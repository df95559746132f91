"""Web fixtures: a small SQLite store holding the bundled example (parsed and reviewed for real),
four users, and an app built by the factory for each test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from web_helpers import PASSWORD

from jixiao import services
from jixiao.store.database import make_engine, upgrade
from jixiao.store.users import add_user
from jixiao.web.app import create_app
from jixiao.web.settings import Settings

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
#: username -> (role, unit code, region)
USERS = {
    "unit1": ("unit", "003006", "门源县"),
    "unit2": ("unit", "999001", "门源县"),
    "reviewer1": ("reviewer", None, "门源县"),
    "reviewer2": ("reviewer", None, "海晏县"),
    "admin1": ("admin", None, None),
}


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "seed.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with Session(engine) as session:
        outcome = services.import_file(session, EXAMPLE)
        assert outcome.error is None and outcome.projects == 5
        for name, (role, unit, region) in USERS.items():
            add_user(session, name, PASSWORD, role, unit_code=unit, region=region)
        session.commit()
    engine.dispose()
    return path


@pytest.fixture
def db_url(seeded_db: Path, tmp_path: Path) -> str:
    copy = tmp_path / "jixiao.db"
    shutil.copy(seeded_db, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=db_url, secret_key="test-secret", login_attempts=5))
    with TestClient(app) as test_client:
        yield test_client
