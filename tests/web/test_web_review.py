"""Issue 13 through the JSON API and the pages: the guarded workflow, review comments, the queue,
what visitors see of the findings, and user administration (each with a passing and a failing case)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_helpers import PASSWORD, login, page_token

from jixiao.web.app import create_app
from jixiao.web.settings import Settings


def _ids(client: TestClient) -> dict[str, int]:
    token = login(client, "admin1")
    items = client.get("/api/v1/projects").json()["items"]
    client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})
    return {p["name"]: p["id"] for p in items}


def _submitted(client: TestClient, pid: int) -> None:
    token = login(client, "unit1")
    done = client.post(f"/api/v1/projects/{pid}/submit", headers={"X-CSRF-Token": token},
                       json={"confirm": True, "comment": "已核实"})
    assert done.status_code == 200, done.text


def test_api_refuses_unconfirmed_approval_over_errors_in_chinese(client: TestClient) -> None:
    pid = _ids(client)["厂务公开经费"]
    _submitted(client, pid)
    token = login(client, "reviewer1")
    headers = {"X-CSRF-Token": token}
    opened = client.get(f"/api/v1/projects/{pid}/open-errors").json()
    assert sorted(i["rule"] for i in opened["items"]) == ["CST001", "TIM001"]
    refused = client.post(f"/api/v1/projects/{pid}/approve", headers=headers)
    body = refused.json()
    assert refused.status_code == 409 and body["ok"] is False
    assert body["error"] == "项目有 2 个未解决的错误（CST001、TIM001），须确认并填写理由后才能批准"
    assert {e["rule"] for e in body["errors"]} == {"CST001", "TIM001"}
    no_reason = client.post(f"/api/v1/projects/{pid}/approve", headers=headers, json={"confirm": True})
    assert no_reason.status_code == 422 and no_reason.json()["error"] == "确认带错误批准须填写理由"
    english = client.post(f"/api/v1/projects/{pid}/approve?lang=en", headers=headers)
    assert english.json()["error"].startswith("the project has 2 open errors (CST001, TIM001)")
    done = client.post(f"/api/v1/projects/{pid}/approve", headers=headers,
                       json={"confirm": True, "comment": "金额以批复为准"})
    assert done.status_code == 200 and done.json()["to"] == "approved"
    history = client.get(f"/api/v1/projects/{pid}").json()["project"]["history"]
    assert [(h["action"], h["comment"], h["confirmed_errors"]) for h in history] == [
        ("submit", "已核实", ["CST001", "TIM001"]), ("approve", "金额以批复为准", ["CST001", "TIM001"])]


def test_return_needs_a_comment_and_carries_the_comments_to_the_unit(client: TestClient) -> None:
    pid = _ids(client)["维权经费"]
    _submitted(client, pid)
    token = login(client, "reviewer1")
    headers = {"X-CSRF-Token": token}
    project = client.get(f"/api/v1/projects/{pid}").json()["project"]
    indicator = project["indicators"][0]
    added = client.post(f"/api/v1/projects/{pid}/comments", headers=headers,
                        json={"text": "请补充测算依据", "indicator_id": indicator["id"]})
    assert added.status_code == 201 and added.json()["comment"]["sent"] is False
    assert client.post(f"/api/v1/projects/{pid}/comments", headers=headers,
                       json={"text": "目标请量化"}).status_code == 201
    empty = client.post(f"/api/v1/projects/{pid}/comments", headers=headers, json={"text": "  "})
    assert empty.status_code == 422 and empty.json()["error"] == "批注不能为空"
    bare = client.post(f"/api/v1/projects/{pid}/return", headers=headers, json={"comment": ""})
    assert bare.status_code == 422 and bare.json()["error"] == "退回项目须填写修改意见"
    token = login(client, "unit1")
    assert client.get(f"/api/v1/projects/{pid}/comments").json()["items"] == []  # still with the reviewer
    denied = client.post(f"/api/v1/projects/{pid}/comments", headers={"X-CSRF-Token": token},
                         json={"text": "单位不能批注"})
    assert denied.status_code == 403
    token = login(client, "reviewer1")
    client.post(f"/api/v1/projects/{pid}/return", headers={"X-CSRF-Token": token}, json={"comment": "请修改"})
    login(client, "unit1")
    detail_as_unit = client.get(f"/api/v1/projects/{pid}").json()["project"]
    assert [(c["indicator_id"], c["text"]) for c in detail_as_unit["comments"]] == [
        (indicator["id"], "请补充测算依据"), (None, "目标请量化")]
    page = client.get(f"/projects/{pid}").text
    assert "请补充测算依据" in page and "目标请量化" in page and "未发送" not in page
    editor = client.get(f"/projects/{pid}/edit")
    assert editor.status_code == 200


def test_queue_lists_submitted_projects_with_counts(client: TestClient) -> None:
    ids = _ids(client)
    for name in ("环卫工人爱心早餐", "厂务公开经费", "门源县总工会工会经费"):
        _submitted(client, ids[name])
    login(client, "reviewer1")
    by_errors = client.get("/api/v1/queue", params={"sort": "errors", "order": "desc"}).json()
    assert [(i["name"], i["errors"]) for i in by_errors["items"]] == [
        ("厂务公开经费", 2), ("门源县总工会工会经费", 1), ("环卫工人爱心早餐", 0)]
    by_name = client.get("/api/v1/queue", params={"sort": "warnings"}).json()["items"]
    assert [i["warnings"] for i in by_name] == sorted(i["warnings"] for i in by_name)
    bad = client.get("/api/v1/queue", params={"sort": "colour"})
    assert bad.status_code == 422 and bad.json()["error"].startswith("排序列须为")
    page = client.get("/queue?sort=errors&order=desc").text
    assert page.index("厂务公开经费") < page.index("环卫工人爱心早餐") and 'aria-sort="descending"' in page
    login(client, "reviewer2")
    assert client.get("/api/v1/queue").json()["items"] == []
    client.cookies.clear()
    assert client.get("/api/v1/queue").status_code == 401


def _approve_confirmed(client: TestClient, pid: int) -> None:
    _submitted(client, pid)
    token = login(client, "reviewer1")
    assert client.post(f"/api/v1/projects/{pid}/approve", headers={"X-CSRF-Token": token},
                       json={"confirm": True, "comment": "同意"}).status_code == 200
    client.cookies.clear()


def test_visitors_see_no_internal_findings_of_a_reviewed_project_by_default(client: TestClient) -> None:
    pid = _ids(client)["厂务公开经费"]
    _approve_confirmed(client, pid)
    detail = client.get(f"/api/v1/projects/{pid}").json()["project"]
    assert detail["status"] == "approved" and detail["findings"] == []
    assert all(i["findings"] == [] for i in detail["indicators"])
    assert client.get("/api/v1/findings", params={"project_id": pid}).json()["items"] == []
    page = client.get(f"/projects/{pid}").text
    assert "TIM001" not in page and "内部审核意见不对外公开" in page
    login(client, "reviewer2")  # any logged-in user still sees them
    assert client.get("/api/v1/findings", params={"project_id": pid}).json()["items"]


def test_visitors_download_no_internal_findings_of_a_reviewed_project(client: TestClient) -> None:
    pid = _ids(client)["厂务公开经费"]
    _approve_confirmed(client, pid)
    params = {"format": "csv", "layout": "findings"}
    visitor = client.get(f"/api/v1/projects/{pid}/export", params=params)
    assert visitor.status_code == 200 and "TIM001" not in visitor.content.decode("utf-8-sig")
    login(client, "reviewer2")
    assert "TIM001" in client.get(f"/api/v1/projects/{pid}/export", params=params).content.decode("utf-8-sig")


def test_the_deployment_can_show_visitors_every_finding(db_url: str) -> None:
    with TestClient(create_app(Settings(database_url=db_url, secret_key="k", anonymous_findings="all"))) as c:
        pid = _ids(c)["厂务公开经费"]
        _approve_confirmed(c, pid)
        assert c.get("/api/v1/findings", params={"project_id": pid}).json()["items"]
        assert "TIM001" in c.get(f"/projects/{pid}").text


def test_settings_refuse_an_unknown_findings_mode() -> None:
    try:
        Settings(database_url="sqlite://", secret_key="k", anonymous_findings="some")
    except ValueError as exc:
        assert "unmanaged, all, none" in str(exc)
    else:
        raise AssertionError("an unknown mode was accepted")


def test_user_administration_api(client: TestClient) -> None:
    token = login(client, "admin1")
    headers = {"X-CSRF-Token": token}
    xss = client.post("/api/v1/users", headers=headers, json={
        "username": "<img src=x onerror=alert(1)>", "password": "long enough", "role": "admin"})
    assert xss.status_code == 422
    unknown = client.post("/api/v1/users", headers=headers, json={
        "username": "zhao", "password": "long enough", "role": "unit", "unit": "999999", "region": "门源县"})
    assert unknown.status_code == 422 and unknown.json()["error"].startswith("单位编码 999999 不在库中")
    created = client.post("/api/v1/users", headers=headers, json={
        "username": "zhao", "password": "long enough", "role": "unit", "unit": "999999", "region": "门源县",
        "create_unit": True})
    assert created.status_code == 201
    moved = client.patch("/api/v1/users/zhao", headers=headers, json={"role": "reviewer", "region": "海晏县"})
    assert moved.status_code == 422 and "地区 海晏县 不在库中" in moved.json()["error"]
    moved = client.patch("/api/v1/users/zhao", headers=headers, json={"role": "reviewer"})
    assert moved.status_code == 200 and moved.json()["user"] == {
        "username": "zhao", "role": "reviewer", "unit": None, "region": "门源县", "disabled": False}
    assert client.patch("/api/v1/users/nobody", headers=headers, json={"role": "admin"}).status_code == 404
    short = client.post("/api/v1/users/zhao/password", headers=headers, json={"password": "short"})
    assert short.status_code == 422 and "密码至少" in short.json()["error"]
    assert client.post("/api/v1/users/zhao/password", headers=headers,
                       json={"password": "a new password"}).status_code == 200
    other = TestClient(client.app)
    assert other.post("/api/v1/auth/login",
                      json={"username": "zhao", "password": "a new password"}).is_success
    me = client.post("/api/v1/users/admin1/disable", headers=headers)
    assert me.status_code == 422 and me.json()["error"] == "不能停用自己的账户"
    login(client, "unit1")
    assert client.patch("/api/v1/users/zhao", headers={"X-CSRF-Token": login(client, "unit1")},
                        json={"role": "admin"}).status_code == 403


def test_admin_pages_change_and_reset(client: TestClient) -> None:
    form = client.get("/login")
    client.post("/login", data={"username": "admin1", "password": PASSWORD, "next": "/admin/users",
                                "csrf_token": page_token(form.text)})
    token = page_token(client.get("/admin/users").text)
    edit = client.get("/admin/users/unit2")
    assert edit.status_code == 200 and 'value="999001"' in edit.text
    bad = client.post("/admin/users/unit2/change", data={"role": "unit", "unit": "888", "region": "门源县",
                                                         "csrf_token": token})
    assert bad.status_code == 422 and "单位编码 888 不在库中" in bad.text
    ok = client.post("/admin/users/unit2/change", data={"role": "unit", "unit": "888", "region": "门源县",
                                                        "create_unit": "1", "csrf_token": token})
    assert "已修改用户 unit2" in ok.text and "<td>888</td>" in ok.text
    reset = client.post("/admin/users/unit2/password",
                        data={"password": "another password", "csrf_token": token})
    assert "已重置用户 unit2 的密码" in reset.text
    xss = client.post("/admin/users", data={"username": "<img src=x>", "password": "long enough",
                                            "role": "admin", "csrf_token": token})
    assert xss.status_code == 422 and "用户名须为 2–32" in xss.text and "<img src=x>" not in xss.text
    assert client.get("/admin/users/nobody").status_code == 404
