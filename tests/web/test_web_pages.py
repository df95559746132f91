"""Server-rendered pages: login with CSRF, the project page with findings beside indicators, the
editor (forms and the HTMX check), workflow forms, search, dashboard and static assets."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient
from web_helpers import PASSWORD, page_token


def _login(client: TestClient, username: str) -> str:
    form = client.get("/login")
    response = client.post("/login", data={"username": username, "password": PASSWORD, "next": "/projects",
                                           "csrf_token": page_token(form.text)}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/projects"
    return page_token(client.get("/projects").text)


def _project_id(client: TestClient, name: str) -> int:
    html = client.get("/projects").text
    found = re.search(r'href="/projects/(\d+)">' + re.escape(name) + "<", html)
    assert found, f"{name} not listed"
    return int(found.group(1))


def test_login_needs_csrf_and_right_password(client: TestClient) -> None:
    no_token = client.post("/login", data={"username": "unit1", "password": PASSWORD})
    assert no_token.status_code == 403 and "表单令牌" in no_token.text
    form = client.get("/login")
    wrong = client.post("/login", data={"username": "unit1", "password": "nope",
                                        "csrf_token": page_token(form.text)})
    assert wrong.status_code == 401 and "用户名或密码错误" in wrong.text
    _login(client, "unit1")
    assert "unit1（预算单位 · 003006 · 门源县）" in client.get("/").text


def test_anonymous_pages_show_published_only(client: TestClient) -> None:
    assert "set-cookie" not in client.get("/projects").headers  # no session for visitors
    assert "没有可显示的项目" in client.get("/projects").text
    assert client.get("/projects/1").status_code == 404
    assert client.get("/projects/1/edit").status_code == 404
    assert "暂无公开文件" in client.get("/").text
    assert "“早餐” 共 0 个项目" in client.get("/search", params={"q": "早餐"}).text


def test_project_page_puts_findings_beside_their_indicator(client: TestClient) -> None:
    _login(client, "unit1")
    pid = _project_id(client, "厂务公开经费")
    html = client.get(f"/projects/{pid}").text
    row = re.search(r'<tr id="ind-\d+" class="has-findings">(?:(?!</tr>).)*工作完成时限(?:(?!</tr>).)*</tr>',
                    html, re.S)
    assert row and "TIM001" in row.group(0) and "早于预算年度 2023" in row.group(0)
    assert "产出指标" in html and "时效指标" in html and "编辑目标与指标" in html


def test_project_page_warns_of_a_cut_off_document_and_a_guessed_project(client: TestClient,
                                                                        db_url: str) -> None:
    from decimal import Decimal

    from sqlalchemy import update
    from sqlalchemy.orm import Session

    from jixiao.store.database import make_engine
    from jixiao.store.schema import DocumentRow, ProjectRow

    engine = make_engine(db_url)
    with Session(engine) as session:
        session.execute(update(DocumentRow).values(partial="第 3 页第 12 行"))
        for name, confidence in (("厂务公开经费", "0.6"), ("环卫工人爱心早餐", "0.9")):
            session.execute(update(ProjectRow).where(ProjectRow.name == name)
                            .values(confidence=Decimal(confidence)))
        session.commit()
    engine.dispose()
    _login(client, "unit1")
    guessed = client.get(f"/projects/{_project_id(client, '厂务公开经费')}").text
    assert re.search(r'<p class="banner" role="alert" id="banner-partial">.*第 3 页第 12 行处中断', guessed)
    assert re.search(r'id="banner-confidence"><strong>识别置信度 0.6</strong>：该项目部分内容为推测', guessed)
    sure = client.get(f"/projects/{_project_id(client, '环卫工人爱心早餐')}").text
    assert 'id="banner-partial"' in sure and 'id="banner-confidence"' not in sure
    document = re.search(r'href="/documents/(\d+)"', sure)
    assert document and "第 3 页第 12 行处中断" in client.get(f"/documents/{document.group(1)}").text
    assert "banner" in client.get("/static/site.css").text
    api = client.get(f"/api/v1/documents/{document.group(1)}").json()["document"]  # the API says it too
    assert (api["partial"], api["repairs"]) == ("第 3 页第 12 行", [])
    project = client.get(f"/api/v1/projects/{_project_id(client, '厂务公开经费')}").json()["project"]
    assert project["confidence"] == "0.6"


def test_editor_saves_checks_and_logs(client: TestClient) -> None:
    token = _login(client, "unit1")
    pid = _project_id(client, "厂务公开经费")
    editor = client.get(f"/projects/{pid}/edit")
    assert editor.status_code == 200 and 'hx-post="/projects/' in editor.text
    found = re.search(r'id="ind-(\d+)"(?:(?!</form>).)*value="工作完成时限"', editor.text, re.S)
    assert found
    ind = int(found.group(1))
    fields = {"level1": "产出指标", "level2": "时效指标", "name": "工作完成时限", "operator": "=", "unit": ""}
    check = client.post(f"/projects/{pid}/check?indicator_id={ind}", data={**fields, "value": "2021-12-28"},
                        headers={"X-CSRF-Token": token, "HX-Request": "true"})
    assert "TIM001" in check.text and "<html" not in check.text
    ok = client.post(f"/projects/{pid}/check?indicator_id={ind}", data={**fields, "value": "2023-12-20"},
                     headers={"X-CSRF-Token": token})
    assert "未发现问题" in ok.text
    saved = client.post(f"/projects/{pid}/indicators/{ind}", data={**fields, "value": "2023-12-20",
                                                                   "version": "0", "csrf_token": token})
    assert saved.status_code == 200 and "已保存指标：工作完成时限" in saved.text
    assert "1.工作完成时限 2021年12月28日 → 工作完成时限 =2023-12-20" in saved.text  # the change log
    page = client.get(f"/projects/{pid}").text
    assert "2023-12-20" in page and "早于预算年度" not in page
    forged = client.post(f"/projects/{pid}/indicators/{ind}",
                         data={**fields, "value": "1", "csrf_token": "x"})
    assert forged.status_code == 403


def test_other_unit_cannot_open_the_editor(client: TestClient) -> None:
    token = _login(client, "unit2")
    assert client.get("/projects/2/edit").status_code == 404
    denied = client.post("/projects/2/indicators/5", data={"name": "x", "operator": "=", "value": "1",
                                                           "csrf_token": token})
    assert denied.status_code == 404


def test_workflow_forms_and_publication(client: TestClient) -> None:
    token = _login(client, "unit1")
    pid = _project_id(client, "维权经费")
    refused = client.post(f"/projects/{pid}/workflow", data={"action": "submit", "csrf_token": token})
    assert "未完成：项目有 1 个未解决的错误（TIM001），须确认并填写理由后才能提交" in refused.text
    assert "status-draft" in refused.text
    bare = client.post(f"/projects/{pid}/workflow",
                       data={"action": "submit", "confirm": "1", "csrf_token": token})
    assert "未完成：确认带错误提交须填写理由" in bare.text
    done = client.post(f"/projects/{pid}/workflow", data={"action": "submit", "confirm": "1",
                                                           "comment": "时限按合同执行", "csrf_token": token})
    assert "已提交审核" in done.text and "status-submitted" in done.text
    assert "确认存在错误 TIM001，理由：时限按合同执行" in done.text
    assert client.get(f"/projects/{pid}/edit").status_code == 403  # submitted: no longer editable
    token = _login(client, "reviewer1")
    empty = client.post(f"/projects/{pid}/workflow",
                        data={"action": "return", "comment": "", "csrf_token": token})
    assert "未完成" in empty.text
    approved = client.post(f"/projects/{pid}/workflow", data={"action": "approve", "confirm": "1",
                                                              "comment": "同意", "csrf_token": token})
    assert "已批准并公开" in approved.text
    client.post("/logout", data={"csrf_token": page_token(client.get("/").text)})
    public = client.get("/projects").text
    assert "维权经费" in public and "厂务公开经费" not in public
    assert client.get(f"/projects/{pid}").status_code == 200
    assert "维权经费" in client.get("/search", params={"q": "维权"}).text


def test_dashboard_serves_echarts_from_the_package(client: TestClient) -> None:
    _login(client, "admin1")
    html = client.get("/dashboard").text
    assert '<script src="/static/echarts.min.js"' in html
    # no script or style from another host ("cdn" alone also matched a random CSRF token once)
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    stats = re.search(r'<script type="application/json" id="stats">(.*?)</script>', html, re.S)
    assert stats
    data = json.loads(stats.group(1))
    assert "TIM001" in {r["rule"] for r in data["findings_by_rule"]}
    assert {c["category"] for c in data["indicators_by_category"]} >= {"产出", "效益", "满意度"}
    script = client.get("/static/echarts.min.js")
    assert script.status_code == 200 and len(script.content) > 500_000
    assert client.get("/static/htmx.min.js").status_code == 200


def test_admin_user_page(client: TestClient) -> None:
    assert client.get("/admin/users").status_code == 401
    token = _login(client, "admin1")
    created = client.post("/admin/users", data={"username": "rv3", "password": "long enough",
                                                "role": "reviewer", "region": "门源县", "csrf_token": token})
    assert "已创建用户 rv3" in created.text
    bad = client.post("/admin/users", data={"username": "rv4", "password": "long enough", "role": "reviewer",
                                            "csrf_token": token})
    assert bad.status_code == 422 and "--region" in bad.text


def test_editor_deletes_and_adds_indicators(client: TestClient) -> None:
    token = _login(client, "unit1")
    pid = _project_id(client, "维权经费")
    editor = client.get(f"/projects/{pid}/edit").text
    found = re.search(r'id="ind-(\d+)"(?:(?!</form>).)*value="维权政策知晓率"', editor, re.S)
    assert found
    gone = client.post(f"/projects/{pid}/indicators/{found.group(1)}/delete", data={"csrf_token": token})
    assert "已删除指标：维权政策知晓率" in gone.text and 'value="维权政策知晓率"' not in gone.text
    added = client.post(f"/projects/{pid}/indicators", data={
        "level1": "效益指标", "level2": "社会效益指标", "name": "维权知识普及率", "operator": "≥",
        "value": "85%", "unit": "", "csrf_token": token})
    assert "已添加指标：维权知识普及率" in added.text
    page = client.get(f"/projects/{pid}").text
    assert "维权知识普及率" in page and "≥85%" in page and "维权政策知晓率" not in page
    bad = client.post(f"/projects/{pid}/indicators", data={"name": "", "operator": "≥", "value": "1",
                                                          "csrf_token": token})
    assert "未添加：指标名称不能为空" in bad.text


def test_visitor_aggregates_are_cached_until_an_approval(client: TestClient) -> None:
    assert "暂无公开文件" in client.get("/").text  # computed and cached for visitors
    token = _login(client, "unit1")
    pid = _project_id(client, "维权经费")
    confirmed = {"confirm": "1", "comment": "已核实", "csrf_token": token}
    client.post(f"/projects/{pid}/workflow", data={"action": "submit", **confirmed})
    token = _login(client, "reviewer1")
    client.post(f"/projects/{pid}/workflow", data={"action": "approve", **confirmed, "csrf_token": token})
    client.post("/logout", data={"csrf_token": page_token(client.get("/").text)})
    home = client.get("/").text
    assert "暂无公开文件" not in home and "1 个项目" in home
    figures = client.get("/api/v1/stats").json()  # the dashboard figures too
    assert figures["indicators_by_category"]
    assert figures["findings_by_rule"] == []  # a project handled in the workflow: no findings for visitors


def test_public_cache_expires() -> None:
    from jixiao.web.public_cache import PublicCache

    calls: list[int] = []
    cache = PublicCache(ttl=0)
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 1
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 2  # expired at once
    kept = PublicCache(ttl=60)
    assert kept.get("k", lambda: "a") == "a" and kept.get("k", lambda: "b") == "a"
    kept.clear()
    assert kept.get("k", lambda: "b") == "b"
