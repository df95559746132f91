"""Issue 12: "a concurrent duplicate import exits 3 ('UNIQUE constraint failed') instead of 'already
stored'". Two imports of the same bytes that both pass the sha256 check: the loser is told the file
is already stored, nothing is half stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.store import repository
from jixiao.store.database import make_engine, upgrade
from jixiao.store.schema import DocumentRow

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"


def test_the_second_of_two_racing_imports_is_already_stored(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'jixiao.db'}")
    upgrade(engine)
    with Session(engine) as session:
        first = services.import_file(session, EXAMPLE)
        session.commit()
    assert first.created and first.error is None

    real = repository.find_by_sha256
    calls = {"n": 0}

    def raced(session: Session, sha: str) -> Any:  # both checks ran before the first import committed
        calls["n"] += 1
        return None if calls["n"] <= 2 else real(session, sha)

    monkeypatch.setattr(repository, "find_by_sha256", raced)
    with Session(engine) as session:
        second = services.import_file(session, EXAMPLE)
        session.commit()
        documents = session.scalar(select(func.count()).select_from(DocumentRow))
    assert second.error is None and not second.created and second.document_id == first.document_id
    assert documents == 1
    engine.dispose()
