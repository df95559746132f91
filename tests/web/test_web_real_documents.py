"""Real page copies imported and shown: the project page of a document read by the stream recogniser
carries its indicators, its cut-off banner, and evidence that is the document's own text."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from web_helpers import login

from jixiao import services
from jixiao.store.database import make_engine
from jixiao.store.schema import DocumentRow, ProjectRow
from jixiao.web.app import create_app
from jixiao.web.settings import Settings

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "published"


def _import(db_url: str, stem: str) -> tuple[int, str]:
    (path,) = CORPUS.glob(f"{stem}_*.txt")
    engine = make_engine(db_url)
    with Session(engine) as session:
        outcome = services.import_file(session, path)
        assert outcome.error is None, outcome.error
        session.commit()
        query = select(ProjectRow).join(DocumentRow).where(DocumentRow.source == path.name)
        row = session.scalars(query).one()
        project_id = row.id
    engine.dispose()
    return project_id, path.read_text("utf-8")


def test_a_cut_off_self_evaluation_page_copy_shows_what_was_read(db_url: str) -> None:
    project_id, text = _import(db_url, "023")
    app = create_app(Settings(database_url=db_url, secret_key="test-secret", login_attempts=5))
    with TestClient(app) as client:
        login(client, "admin1")
        page = client.get(f"/projects/{project_id}")
        assert page.status_code == 200
        html = page.text
        assert "项目财政资金到位时间" in html and "2021-12-31" in html  # the Excel serial, read as a date
        assert 'id="banner-partial"' in html  # the copy stops at "效"
        api = client.get(f"/api/v1/projects/{project_id}").json()["project"]
        raws = [ind["raw"] for ind in api["indicators"]]
        assert raws and all(raw in text for raw in raws)  # evidence is the page's own text


def test_a_shifted_yunnan_selfeval_keeps_its_scores_apart_from_its_targets(db_url: str) -> None:
    project_id, _ = _import(db_url, "037")
    app = create_app(Settings(database_url=db_url, secret_key="test-secret", login_attempts=5))
    with TestClient(app) as client:
        login(client, "admin1")
        api = client.get(f"/api/v1/projects/{project_id}").json()["project"]
        timely = next(ind for ind in api["indicators"] if ind["name"] == "资金到位及时率")
        assert (timely["value"], timely["unit"], timely["score"]) == ("100", "%", "7")
