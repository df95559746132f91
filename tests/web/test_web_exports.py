"""Export downloads through the API and the pages: every kind (project, document, filtered list,
search results, findings) and format for every role, checked by reading the file back (openpyxl,
pdfplumber, the csv module, the HTML text): status, media type, file name, and exactly the
projects (and findings) the role's pages show."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from urllib.parse import unquote

import openpyxl
import pdfplumber
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session
from web_helpers import login

from jixiao.store.database import make_engine
from jixiao.store.schema import ProjectRow
from jixiao.web.app import create_app
from jixiao.web.settings import Settings

#: project id -> a piece of its name that no other project's name holds
NAMES = {1: "环卫工人爱心早餐", 2: "厂务公开经费", 3: "工会经费", 4: "维权经费", 5: "退休干部"}
PUBLISHED = {1, 2}
#: what each role sees: every project of unit 003006 / region 门源县, else the published ones
SEES = {None: PUBLISHED, "unit1": set(NAMES), "unit2": PUBLISHED, "reviewer1": set(NAMES),
        "reviewer2": PUBLISHED, "admin1": set(NAMES)}
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "pdf": "application/pdf", "html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8"}


@pytest.fixture
def published_url(db_url: str) -> str:
    engine = make_engine(db_url)
    with Session(engine) as session:
        session.execute(update(ProjectRow).where(ProjectRow.id.in_(PUBLISHED)).values(status="approved"))
        session.commit()
    engine.dispose()
    return db_url


@pytest.fixture
def app_client(published_url: str) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=published_url, secret_key="export-test"))
    with TestClient(app) as client:
        yield client


def as_role(client: TestClient, role: str | None) -> TestClient:
    if role is not None:
        login(client, role)
    return client


def text_of(fmt: str, data: bytes) -> str:
    """The file's text, read back by the library a user's program would use."""
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                 for c in row if c is not None]
        return "\n".join([*book.sheetnames, *cells])
    if fmt == "pdf":
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        return "\n".join(" ".join(r.values()) for r in rows)
    return re.sub(r"<[^>]+>", "", data.decode("utf-8"))


def projects_in(fmt: str, data: bytes) -> set[int]:
    flat = re.sub(r"\s+", "", text_of(fmt, data))
    return {pid for pid, name in NAMES.items() if name in flat}


def filename_of(response: object) -> tuple[str, str]:
    header = response.headers["content-disposition"]  # type: ignore[attr-defined]
    plain = re.search(r'filename="([^"]+)"', header)
    star = re.search(r"filename\*=UTF-8''(\S+)", header)
    assert header.startswith("attachment;") and plain and star, header
    assert plain.group(1).isascii()
    return plain.group(1), unquote(star.group(1))


LIST_KINDS = {"document": ("/api/v1/documents/1/export", {}),
              "list": ("/api/v1/export", {"region": "门源县", "year": 2023}),
              "search": ("/api/v1/export", {"q": "经费"})}


@pytest.mark.parametrize("role", list(SEES))
@pytest.mark.parametrize("fmt", ["xlsx", "html", "csv"])
def test_every_kind_holds_what_the_role_sees(app_client: TestClient, role: str | None, fmt: str) -> None:
    client = as_role(app_client, role)
    hits = {p["id"] for p in client.get("/api/v1/search", params={"q": "经费", "limit": 100}).json()["items"]}
    assert hits and hits <= SEES[role]  # the search page's results
    for kind, (url, params) in LIST_KINDS.items():
        response = client.get(url, params={"format": fmt, **params})
        assert response.status_code == 200, (kind, response.text[:200])
        assert response.headers["content-type"] == MEDIA[fmt]
        expected = hits if kind == "search" else SEES[role]
        assert projects_in(fmt, response.content) == expected, (kind, role)
    for pid in NAMES:
        response = client.get(f"/api/v1/projects/{pid}/export", params={"format": fmt})
        if pid in SEES[role]:
            assert response.status_code == 200
            assert projects_in(fmt, response.content) == {pid}
            plain, real = filename_of(response)
            assert plain == f"jixiao-project-{pid}-{'flat' if fmt == 'csv' else 'grid'}.{fmt}"
            assert NAMES[pid] in real and real.endswith(f".{fmt}")
        else:  # a draft the role may not see does not exist for it
            assert response.status_code == 404
            assert response.json()["error"] == f"项目 {pid} 不存在"


@pytest.mark.parametrize("role", [None, "unit1", "unit2"])
def test_pdf_of_each_kind(app_client: TestClient, role: str | None) -> None:
    client = as_role(app_client, role)
    for url, params, expected in [("/api/v1/documents/1/export", {"layout": "list"}, SEES[role]),
                                  ("/api/v1/export", {"region": "门源县", "layout": "grid"}, SEES[role]),
                                  ("/api/v1/projects/1/export", {}, {1})]:
        response = client.get(url, params={"format": "pdf", **params})
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert projects_in("pdf", response.content) == expected


@pytest.mark.parametrize("role", list(SEES))
def test_findings_exports_only_visible_projects(app_client: TestClient, role: str | None) -> None:
    client = as_role(app_client, role)
    response = client.get("/api/v1/export", params={"format": "csv", "layout": "findings"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows and {int(r["project"]) for r in rows if r["project"]} <= SEES[role]
    api = client.get("/api/v1/findings", params={"limit": 500}).json()["items"]
    assert len(rows) == len(api)  # the same findings the API (and the pages) show
    assert {r["rule"] for r in rows} == {f["rule"] for f in api}
    book = client.get("/api/v1/documents/1/export", params={"format": "xlsx", "layout": "findings"})
    assert book.status_code == 200
    assert filename_of(book)[1].endswith("审核意见.xlsx")
    pdf = client.get("/api/v1/projects/1/export", params={"format": "pdf", "layout": "findings"})
    assert "审核意见" in text_of("pdf", pdf.content)


def test_file_names_and_types(app_client: TestClient) -> None:
    response = app_client.get("/api/v1/documents/1/export", params={"format": "html"})
    assert filename_of(response) == ("jixiao-document-1-list.html",
                                     "门源县总工会2023年部门预算项目支出绩效目标公开表-公开表.html")
    response = app_client.get("/api/v1/export", params={"format": "xlsx", "region": "门源县", "year": 2023})
    assert filename_of(response) == ("jixiao-projects-list.xlsx", "项目列表-门源县-2023-公开表.xlsx")
    response = app_client.get("/api/v1/export", params={"format": "csv", "q": "早餐/../x"})
    assert filename_of(response)[1] == "搜索“早餐_.._x”的结果-指标数据.csv"
    assert response.headers["cache-control"] == "private, no-store"
    # English by setting: the file name's words follow the request's language
    response = app_client.get("/api/v1/projects/1/export", params={"format": "pdf", "lang": "en"})
    assert filename_of(response)[1] == "环卫工人爱心早餐-target form.pdf"


def test_list_filters_are_applied(app_client: TestClient) -> None:
    login(app_client, "admin1")
    drafts = app_client.get("/api/v1/export", params={"format": "csv", "status": "draft"})
    assert projects_in("csv", drafts.content) == set(NAMES) - PUBLISHED
    assert filename_of(drafts)[1] == "项目列表-草稿-指标数据.csv"
    none = app_client.get("/api/v1/export", params={"format": "csv", "region": "海晏县"})
    assert none.status_code == 200 and projects_in("csv", none.content) == set()
    rows = list(csv.DictReader(io.StringIO(drafts.content.decode("utf-8-sig"))))
    # a selection's 合计 is what it holds (30 + 4.00 of the two published projects left out)
    assert {r["document_total"] for r in rows} == {"401.21"}


def test_refusals(app_client: TestClient) -> None:
    bad = app_client.get("/api/v1/documents/1/export", params={"format": "docx"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.format"
    assert "未知的导出格式" in bad.json()["error"]
    wrong = app_client.get("/api/v1/documents/1/export", params={"format": "csv", "layout": "grid"})
    assert wrong.status_code == 422 and "csv 格式不能输出 'grid' 版式" in wrong.json()["error"]
    assert app_client.get("/api/v1/documents/99/export", params={"format": "csv"}).status_code == 404
    status = app_client.get("/api/v1/export", params={"format": "csv", "status": "lost"})
    assert status.status_code == 422
    page = app_client.get("/documents/1/export", params={"format": "docx"})  # a page answers a page
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "未知的导出格式" in page.text


def test_page_routes_and_menus(app_client: TestClient) -> None:
    response = app_client.get("/projects/1/export", params={"format": "xlsx", "layout": "findings"})
    assert response.status_code == 200 and response.headers["content-type"] == MEDIA["xlsx"]
    assert app_client.get("/projects/3/export", params={"format": "xlsx"}).status_code == 404
    html = app_client.get("/projects?region=门源县").text
    assert 'href="/export?format=pdf&amp;layout=list&amp;region=%E9%97%A8%E6%BA%90%E5%8E%BF"' in html
    assert "data-print" in html and "/static/print.css" in html
    assert 'href="/projects/1/export?format=xlsx&amp;layout=grid"' in app_client.get("/projects/1").text
    assert "/documents/1/export?format=csv&amp;layout=flat" in app_client.get("/documents/1").text
    assert "/export?format=html&amp;layout=findings&amp;q=%E6%97%A9%E9%A4%90" in \
        app_client.get("/search?q=早餐").text
    css = app_client.get("/static/print.css").text
    assert "thead { display: table-header-group; }" in css and "break-inside: avoid" in css


def test_size_limit_is_checked_first(app_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.web import exporting

    monkeypatch.setitem(exporting.MAX_PROJECTS, "pdf", 1)
    too_many = app_client.get("/api/v1/export", params={"format": "pdf"})
    assert too_many.status_code == 413
    assert too_many.json()["error"] == "共 2 个项目，超过 pdf 导出上限 1 个：请缩小筛选范围"
    assert app_client.get("/api/v1/projects/1/export", params={"format": "pdf"}).status_code == 200


def test_document_without_visible_projects(client: TestClient) -> None:
    """Nothing of the seed is published: the document does not exist for a visitor or another unit."""
    assert client.get("/api/v1/documents/1/export", params={"format": "csv"}).status_code == 404
    login(client, "unit2")
    assert client.get("/documents/1/export", params={"format": "csv"}).status_code == 404
    empty = client.get("/api/v1/export", params={"format": "csv"})
    assert empty.status_code == 200 and projects_in("csv", empty.content) == set()
    login(client, "admin1")
    blank = client.get("/api/v1/export", params={"format": "csv", "q": " "})  # the search page finds nothing
    assert blank.status_code == 200 and projects_in("csv", blank.content) == set()


def test_unit_amounts_count_only_what_is_exported(app_client: TestClient) -> None:
    """A visitor's list holds 2 of the unit's 5 projects: its unit rows add up those 2 (30 + 4.00),
    not the stored 435.21 that would reveal the drafts' sum."""
    data = app_client.get("/api/v1/export", params={"format": "csv"}).content
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {(r["unit_code"], r["unit_amount"]) for r in rows} == {("003", "34.00"), ("003006", "34.00")}
    assert {r["document_total"] for r in rows} == {"34.00"}


def test_pdf_downloads_take_turns(published_url: str) -> None:
    """PDFs are laid out a few at a time per worker; one that finds no turn in time answers 503."""
    app = create_app(Settings(database_url=published_url, secret_key="k", pdf_exports=1, pdf_export_wait=0.1))
    with TestClient(app) as client:
        slots = app.state.pdf_exports
        with slots.slot() as held:  # another PDF is being made
            assert held
            busy = client.get("/api/v1/projects/1/export", params={"format": "pdf"})
            assert busy.status_code == 503 and busy.headers["retry-after"] == "10"
            assert busy.json()["error"] == "正在生成的 PDF 过多，请稍后重试"
            assert client.get("/api/v1/projects/1/export", params={"format": "xlsx"}).status_code == 200
        assert client.get("/api/v1/projects/1/export", params={"format": "pdf"}).status_code == 200
