"""Uploading documents through the API and the page: several files at once (new, already stored,
unreadable, another unit's), per-file outcomes, the unit rule, roles, CSRF, size limits and the
audit log."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from web_helpers import login, page_token

from jixiao import services
from jixiao.store.database import make_engine
from jixiao.store.schema import AuditRow, ProjectRow
from jixiao.web.app import create_app
from jixiao.web.settings import Settings

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"


def variant(unit: str | None, title: str, fmt: str = "json") -> bytes:
    """The example as another document: its projects moved to ``unit`` (None: no unit code)."""
    doc = services.read_document(EXAMPLE)
    projects = [dataclasses.replace(p, unit_code=unit) for p in doc.projects[:3]]
    units = [u for u in doc.units if unit is not None and unit.startswith(u.code)]
    return services.export_document(dataclasses.replace(doc, title=title, projects=projects, units=units),
                                    fmt, "document" if fmt == "json" else None)


def audit_rows(db_url: str, action: str) -> list[AuditRow]:
    engine = make_engine(db_url)
    with Session(engine) as session:
        rows = list(session.scalars(select(AuditRow).where(AuditRow.action == action).order_by(AuditRow.id)))
    engine.dispose()
    return rows


def stored_units(db_url: str, document_id: int) -> set[str | None]:
    engine = make_engine(db_url)
    with Session(engine) as session:
        query = select(ProjectRow.unit_code).where(ProjectRow.document_id == document_id)
        units = set(session.scalars(query))
    engine.dispose()
    return units


@pytest.fixture
def small_client(db_url: str) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=db_url, secret_key="upload-test", max_body_bytes=32 * 1024,
                                max_upload_bytes=64 * 1024))
    with TestClient(app) as client:
        yield client


def test_unit_user_uploads_several_files(client: TestClient, db_url: str) -> None:
    token = login(client, "unit1")
    files = [("files", ("本单位.json", variant("003006", "本单位新文件"), "application/json")),
             ("files", ("无编码.json", variant(None, "未写单位编码"), "application/json")),
             ("files", ("menyuan-2023.txt", EXAMPLE.read_bytes(), "text/plain")),
             ("files", ("说明.txt", "这里只有一段说明文字，没有表格。".encode(), "text/plain")),
             ("files", ("他单位.json", variant("003007", "其他单位的文件"), "application/json"))]
    response = client.post("/api/v1/uploads", files=files, headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text
    body = response.json()
    items = {i["name"]: i for i in body["items"]}
    assert [i["state"] for i in body["items"]] == ["stored", "stored", "already", "refused", "refused"]
    assert body["stored"] == 2 and body["refused"] == 2
    own = items["本单位.json"]
    assert own["projects"] == 3 and own["findings"] > 0 and own["reason"] is None
    assert stored_units(db_url, own["document_id"]) == {"003006"}
    # a project with no unit code is recorded as the uploader's unit, so the unit can see and edit it
    adopted = items["无编码.json"]
    assert stored_units(db_url, adopted["document_id"]) == {"003006"}
    assert client.get(f"/api/v1/documents/{adopted['document_id']}").json()["projects"][0]["unit"] == "003006"
    assert items["menyuan-2023.txt"]["document_id"] == 1 and items["menyuan-2023.txt"]["projects"] == 5
    assert items["说明.txt"]["reason"].startswith("未识别出绩效目标表")
    assert items["他单位.json"]["reason"] == ("文件中有其他单位的项目（单位编码 003007）：只能上传本单位"
                                            "（003006）的项目")
    imports = [r for r in audit_rows(db_url, "import") if r.username == "unit1"]
    assert [r.entity_id for r in imports] == [own["document_id"], adopted["document_id"]]
    uploads = [r.after for r in audit_rows(db_url, "upload")]
    assert [(u["file"], u["state"]) for u in uploads] == [
        ("menyuan-2023.txt", "already"), ("说明.txt", "refused"), ("他单位.json", "refused")]
    # the uploaded drafts are the unit's to see; a visitor sees none of them
    anonymous = TestClient(client.app)
    assert anonymous.get(f"/api/v1/documents/{own['document_id']}").status_code == 404


def test_admin_uploads_any_unit_and_english_reasons(client: TestClient, db_url: str) -> None:
    token = login(client, "admin1")
    files = [("files", ("其他单位.csv", variant("003007", "其他单位", "csv"), "text/csv")),
             ("files", ("empty.xlsx", b"", "application/octet-stream"))]
    response = client.post("/api/v1/uploads?lang=en", files=files, headers={"X-CSRF-Token": token})
    items = response.json()["items"]
    assert [i["state"] for i in items] == ["stored", "refused"]
    assert stored_units(db_url, items[0]["document_id"]) == {"003007"}
    assert items[1]["reason"] == "the file is empty"


def test_admin_may_publish_at_once(client: TestClient) -> None:
    token = login(client, "unit1")
    files = [("files", ("本单位.json", variant("003006", "直接公开"), "application/json"))]
    refused = client.post("/api/v1/uploads", data={"status": "approved"}, files=files,
                          headers={"X-CSRF-Token": token})
    assert refused.status_code == 403 and refused.json()["error"] == "只有管理员可以直接公开上传的文件"
    token = login(client, "admin1")
    assert 'name="status"' in client.get("/upload").text
    bad = client.post("/api/v1/uploads", data={"status": "returned"}, files=files,
                      headers={"X-CSRF-Token": token})
    assert bad.status_code == 422
    stored = client.post("/api/v1/uploads", data={"status": "approved"}, files=files,
                         headers={"X-CSRF-Token": token}).json()["items"][0]
    assert stored["state"] == "stored"
    visitor = TestClient(client.app)
    listed = visitor.get("/api/v1/projects", params={"document_id": stored["document_id"]}).json()
    assert listed["total"] == 3 and {p["status"] for p in listed["items"]} == {"approved"}


def test_who_may_upload(client: TestClient) -> None:
    files = [("files", ("a.txt", b"x", "text/plain"))]
    assert client.post("/api/v1/uploads", files=files).status_code == 403  # no CSRF token: no session
    token = login(client, "reviewer1")
    refused = client.post("/api/v1/uploads", files=files, headers={"X-CSRF-Token": token})
    assert refused.status_code == 403 and refused.json()["error"] == "只有管理员和预算单位用户可以上传文件"
    assert client.get("/upload").status_code == 403
    token = login(client, "unit1")
    assert client.post("/api/v1/uploads", files=files).status_code == 403  # CSRF token missing
    empty = client.post("/api/v1/uploads", data={"x": "1"}, files=[("other", ("a", b"", "text/plain"))],
                        headers={"X-CSRF-Token": token})
    assert empty.status_code == 422 and empty.json()["error"] == "没有选择文件"
    not_multipart = client.post("/api/v1/uploads", json={}, headers={"X-CSRF-Token": token})
    assert not_multipart.status_code == 415
    client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})
    assert client.get("/upload").status_code == 401


def test_size_limit(small_client: TestClient) -> None:
    token = login(small_client, "unit1")
    big = [("files", ("big.txt", b"x" * (70 * 1024), "text/plain"))]
    response = small_client.post("/api/v1/uploads", files=big, headers={"X-CSRF-Token": token})
    assert response.status_code == 413 and response.json()["error"] == "请求体超过 64 KB 上限"
    fits = [("files", ("fits.txt", b"x" * (40 * 1024), "text/plain"))]
    response = small_client.post("/api/v1/uploads", files=fits, headers={"X-CSRF-Token": token})
    assert response.status_code == 200 and response.json()["items"][0]["state"] == "refused"
    # what the upload limit allows is still refused by the body limit elsewhere
    other = small_client.post("/api/v1/projects/1/validate", content=b"x" * (40 * 1024),
                              headers={"X-CSRF-Token": token, "Content-Type": "application/json"})
    assert other.status_code == 413


def test_upload_form_without_scripts(client: TestClient) -> None:
    login(client, "unit1")
    html = client.get("/upload").text
    assert 'id="dropzone"' in html and 'type="file" name="files" multiple' in html
    assert "/static/upload.js" in html and 'id="nav-upload"' in html
    files = [("files", ("本单位.json", variant("003006", "表单上传"), "application/json")),
             ("files", ("坏文件.pdf", b"%PDF-1.4 broken", "application/pdf"))]
    response = client.post("/upload", data={"csrf_token": page_token(html)}, files=files)
    assert response.status_code == 200
    assert 'data-state="stored"' in response.text and 'data-state="refused"' in response.text
    assert "上传结果" in response.text and "已存储" in response.text and "已拒绝" in response.text
    english = client.get("/upload?lang=en").text
    assert "Upload performance-target files" in english and "Drop files here, or" in english
    assert 'data-refused="refused"' in english and "上传" not in english.split("<main>")[1]
