"""Web export and upload on each database backend (SQLite and a real PostgreSQL): a unit uploads
several files, a visitor and the unit download what each may see."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.store.schema import ProjectRow
from jixiao.store.users import add_user
from jixiao.web.app import create_app
from jixiao.web.settings import Settings

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
PASSWORD = "backend test pw"


def _names(data: bytes) -> set[str]:
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    return {r["project_name"] for r in rows if r["project_name"]}


def test_export_and_upload_on_each_backend(engine: Engine) -> None:
    with Session(engine) as session:
        add_user(session, "unit", PASSWORD, "unit", unit_code="003006", region="门源县")
        session.commit()
    doc = services.read_document(EXAMPLE)
    moved = [dataclasses.replace(p, unit_code="003007") for p in doc.projects]
    other = services.export_document(dataclasses.replace(doc, title="他单位", projects=moved), "json")
    url = engine.url.render_as_string(hide_password=False)
    with TestClient(create_app(Settings(database_url=url, secret_key="k"))) as client:
        reply = client.post("/api/v1/auth/login", json={"username": "unit", "password": PASSWORD})
        headers = {"X-CSRF-Token": reply.json()["csrf_token"]}
        files = [("files", ("menyuan-2023.txt", EXAMPLE.read_bytes(), "text/plain")),
                 ("files", ("menyuan-2023.txt", EXAMPLE.read_bytes(), "text/plain")),
                 ("files", ("他单位.json", other, "application/json")),
                 ("files", ("bad.xlsx", b"PK\x03\x04 not a workbook", "application/octet-stream"))]
        items = client.post("/api/v1/uploads", files=files, headers=headers).json()["items"]
        assert [i["state"] for i in items] == ["stored", "already", "refused", "refused"]
        document = items[0]["document_id"]
        with Session(engine) as session:
            first = (ProjectRow.document_id == document) & (ProjectRow.seq == "1")
            session.execute(update(ProjectRow).where(first).values(status="approved"))
            session.commit()
        mine = client.get(f"/api/v1/documents/{document}/export", params={"format": "csv"})
        assert mine.status_code == 200 and len(_names(mine.content)) == 5
        found = client.get("/api/v1/export", params={"format": "csv", "q": "职工之家"})
        assert _names(found.content) == {"门源县总工会工会经费"}
        client.post("/api/v1/auth/logout", headers=headers)
        public = client.get(f"/api/v1/documents/{document}/export", params={"format": "csv"})
        assert _names(public.content) == {"环卫工人爱心早餐"}
        hidden = client.get("/api/v1/export", params={"format": "csv", "q": "职工之家"})
        assert hidden.status_code == 200 and _names(hidden.content) == set()
