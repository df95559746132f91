"""Web messages are Chinese by default; ``?lang=en`` or a ``lang`` cookie asks for English."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from web_helpers import PASSWORD, login, page_token

LATIN_SENTENCE = re.compile(r"\b[a-z]{2,} [a-z]{2,}\b")


def test_not_found_is_chinese_by_default(client: TestClient) -> None:
    api = client.get("/api/v1/projects/9999")
    assert api.status_code == 404 and api.json()["error"] == "项目 9999 不存在"
    page = client.get("/projects/9999")
    assert page.status_code == 404 and "项目 9999 不存在" in page.text
    assert client.get("/api/v1/documents/9999").json()["error"] == "文件 9999 不存在"


def test_login_failure_is_chinese_by_default(client: TestClient) -> None:
    api = client.post("/api/v1/auth/login", json={"username": "unit1", "password": "nope"})
    assert api.status_code == 401 and api.json()["error"] == "用户名或密码错误"
    assert not LATIN_SENTENCE.search(api.json()["error"])
    form = client.get("/login")
    page = client.post("/login", data={"username": "unit1", "password": "nope",
                                       "csrf_token": page_token(form.text)})
    assert page.status_code == 401 and "用户名或密码错误" in page.text
    assert "wrong username" not in page.text


def test_english_by_query_parameter_or_cookie(client: TestClient) -> None:
    api = client.get("/api/v1/projects/9999", params={"lang": "en"})
    assert api.json()["error"] == "project 9999 not found"
    client.cookies.set("lang", "en")
    failed = client.post("/api/v1/auth/login", json={"username": "unit1", "password": "nope"})
    assert failed.json()["error"] == "wrong username or password"
    client.cookies.delete("lang")
    assert client.get("/api/v1/projects/9999").json()["error"] == "项目 9999 不存在"  # per request


def test_validation_message_is_chinese_first(client: TestClient) -> None:
    bad = client.post("/api/v1/auth/login", json={"username": "unit1"})
    assert bad.status_code == 422 and bad.json()["error"].startswith("请求无效：")
    good = client.post("/api/v1/auth/login", json={"username": "unit1", "password": PASSWORD})
    assert good.status_code == 200


def test_dashboard_rule_axis_has_chinese_names(client: TestClient) -> None:
    login(client, "admin1")  # the admin sees every project's findings
    stats = client.get("/api/v1/stats").json()["findings_by_rule"]
    labels = {r["rule"]: r["label"] for r in stats}
    assert labels and all(label.startswith(code + " ") for code, label in labels.items())
    assert any(re.search(r"[\u4e00-\u9fff]", label) for label in labels.values())
    english = client.get("/api/v1/stats", params={"lang": "en"}).json()["findings_by_rule"]
    assert {r["label"] for r in english} != set(labels.values())


def test_a_page_visited_with_lang_remembers_it(client: TestClient) -> None:
    first = client.get("/projects/9999", params={"lang": "en"})
    assert first.status_code == 404 and "project 9999 not found" in first.text
    assert "lang=en" in first.headers.get("set-cookie", "")
    assert "project 9999 not found" in client.get("/projects/9999").text  # the cookie holds it
    api = client.get("/api/v1/projects/9999", params={"lang": "zh"})
    assert "lang=" not in api.headers.get("set-cookie", "")
