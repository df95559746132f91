"""Issue 12: an edit re-reviews only its project, within a time budget.

Validating one indicator used to map and review the whole stored document (7.2 s per call on a
4,000-project document). Here the same validate and save calls run against a 30-project and a
3,000-project document built in the test; the large one must not cost more than a few times the
small one. A review past its budget answers at once, saying it was cut short."""

from __future__ import annotations

import copy
import statistics
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.model.document import Document
from jixiao.store import project_review
from jixiao.store.database import make_engine, upgrade
from jixiao.store.repository import save_document
from jixiao.store.schema import ProjectRow
from jixiao.store.users import add_user
from jixiao.web.app import create_app
from jixiao.web.settings import Settings

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
PASSWORD = "review cost password"
FIELDS = {"name": "举办活动天数", "operator": "≥", "value": "25", "unit": "天", "level1": "产出指标",
          "level2": "数量指标"}


def _store(path: Path, projects: int) -> tuple[str, int, int]:
    """A SQLite store holding one document of ``projects`` projects (the example's, repeated)."""
    base = services.parse_file(EXAMPLE)
    mine = next(p for p in base.projects if p.unit_code == "003006")
    doc = copy.copy(base)
    doc.projects = []
    for n in range(projects):
        project = copy.deepcopy(mine if n == 0 else base.projects[n % len(base.projects)])
        project.seq = str(n + 1)
        doc.projects.append(project)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        save_document(session, doc, f"{projects:064d}")
        add_user(session, "unit", PASSWORD, "unit", unit_code="003006", region=doc.region)
        session.commit()
        row = session.query(ProjectRow).filter_by(seq="1").one()
        project_id, indicator_id = row.id, row.indicators[0].id
    engine.dispose()
    return url, project_id, indicator_id


def _timed(url: str, project: int, indicator: int, calls: int = 5) -> tuple[float, dict[str, Any]]:
    with TestClient(create_app(Settings(database_url=url, secret_key="k"))) as client:
        login = client.post("/api/v1/auth/login", json={"username": "unit", "password": PASSWORD})
        headers = {"X-CSRF-Token": login.json()["csrf_token"]}
        path = f"/api/v1/projects/{project}/validate?indicator_id={indicator}"
        client.post(path, json=FIELDS, headers=headers)  # warm up (imports, rule tables)
        times, reply = [], None
        for _ in range(calls):
            started = time.perf_counter()
            reply = client.post(path, json=FIELDS, headers=headers)
            times.append(time.perf_counter() - started)
            assert reply.status_code == 200, reply.text
        version = client.get(f"/api/v1/projects/{project}/indicators").json()["items"][0]["version"]
        saved = client.put(f"/api/v1/indicators/{indicator}", headers=headers,
                           json={**FIELDS, "version": version})
        assert saved.status_code == 200 and saved.json()["review_complete"] is True, saved.text
        assert reply is not None
        return statistics.median(times), reply.json()


def test_validate_cost_does_not_grow_with_the_document(tmp_path: Path) -> None:
    small, large = _store(tmp_path / "small.db", 30), _store(tmp_path / "large.db", 3000)
    small_time, small_reply = _timed(*small)
    large_time, large_reply = _timed(*large)
    assert small_reply["review_complete"] and large_reply["review_complete"]
    assert small_reply["findings"] == large_reply["findings"]  # the same project, the same findings
    print(f"validate: 30 projects {small_time * 1000:.0f} ms, 3,000 projects {large_time * 1000:.0f} ms")
    assert large_time < 5 * small_time + 0.05, (small_time, large_time)


def _slow(doc: Document, seq: str) -> list[dict[str, Any]]:
    time.sleep(3)
    return []


def test_a_review_past_its_budget_is_cut_short(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started = time.monotonic()
    result = project_review.review_in_budget(Document(), "1", 0.2, _slow)
    assert time.monotonic() - started < 1.5
    assert not result.complete and result.note is not None and result.note.startswith("审核超过 0.2 秒")
    url, project, indicator = _store(tmp_path / "small.db", 3)
    monkeypatch.setattr(project_review, "_findings", _slow)
    monkeypatch.setattr(project_review, "REVIEW_BUDGET", 0.2)
    with TestClient(create_app(Settings(database_url=url, secret_key="k"))) as client:
        login = client.post("/api/v1/auth/login", json={"username": "unit", "password": PASSWORD})
        headers = {"X-CSRF-Token": login.json()["csrf_token"]}
        started = time.monotonic()
        reply = client.post(f"/api/v1/projects/{project}/validate?indicator_id={indicator}",
                            json=FIELDS, headers=headers)
        assert reply.status_code == 200 and reply.json()["review_complete"] is False
        assert "审核超过" in reply.json()["review_note"] and time.monotonic() - started < 2
        page = client.post(f"/projects/{project}/check?indicator_id={indicator}", data=FIELDS,
                           headers=headers)
        assert "审核超过" in page.text and "未发现问题" not in page.text
