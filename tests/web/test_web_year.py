"""The performance year through the JSON API and the pages: roles, CSRF, 422 with Chinese messages
for bad input (nothing changes), the live checks, the board, the lock and the admin's unlock."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from web_helpers import login, page_token


def _as(client: TestClient, username: str) -> dict[str, str]:
    client.cookies.clear()
    return {"X-CSRF-Token": login(client, username)}


def _approved_project(client: TestClient) -> dict[str, Any]:
    """Project 1 (环卫工人爱心早餐) submitted by unit1 and approved by reviewer1."""
    unit = _as(client, "unit1")
    items = client.get("/api/v1/projects", params={"limit": 500}).json()["items"]
    project = next(p for p in items if p["seq"] == "1")
    assert client.post(f"/api/v1/projects/{project['id']}/submit", headers=unit).status_code == 200
    reviewer = _as(client, "reviewer1")
    assert client.post(f"/api/v1/projects/{project['id']}/approve", headers=reviewer).status_code == 200
    detail: dict[str, Any] = client.get(f"/api/v1/projects/{project['id']}").json()["project"]
    return detail


def _indicator(project: dict[str, Any], name: str) -> int:
    return int(next(i["id"] for i in project["indicators"] if i["name"] == name))


def _round(project: dict[str, Any], executed: Any = "6", days: str = "5", **extra: str) -> dict[str, Any]:
    return {"as_of": "2023-07-31", "budget_initial": 30, "budget_full": "30", "executed": executed,
            "entries": [{"indicator_id": _indicator(project, "举办活动天数"), "actual": days,
                         "likelihood": "可能", **extra}]}


def test_monitoring_round_validates_checks_and_stores(client: TestClient) -> None:
    project = _approved_project(client)
    pid = project["id"]
    unit = _as(client, "unit1")
    url = f"/api/v1/projects/{pid}/year/monitoring"
    assert client.put(url, json=_round(project)).status_code == 403  # no CSRF token
    for bad, field, message in (
        ({**_round(project), "executed": "-3"}, "executed", "执行数不能为负数"),
        ({**_round(project), "executed": "abc"}, "executed", "执行数须为数字，而不是 'abc'"),
        ({**_round(project), "as_of": "2022-12-31"}, "as_of", "日期 2022-12-31 不在预算年度 2023 年内"),
        (_round(project, days="-2"), f"entries.{_indicator(project, '举办活动天数')}.actual",
         "“举办活动天数”的完成值不能为负数"),
    ):
        refused = client.put(url, json=bad, headers=unit)
        assert refused.status_code == 422, refused.text
        body = refused.json()
        assert body["ok"] is False and body["error"] == f"填写有误：{message}"
        assert {"field": field, "message": message} in body["errors"]
    english = client.put(f"{url}?lang=en", json={**_round(project), "executed": "-3"}, headers=unit)
    assert english.json()["error"] == "invalid input: the amount spent cannot be negative"
    empty = client.get(f"/api/v1/projects/{pid}/year")
    assert empty.status_code == 200, empty.text
    assert empty.json()["rounds"] == []

    live = client.post(f"{url}/check", json=_round(project), headers=unit).json()
    assert (live["execution_light"], live["target_risk"], live["lag"]) == ("red", "yellow", "38.08")
    saved = client.put(url, json=_round(project), headers=unit)
    assert saved.status_code == 200 and saved.json()["findings"] == live["findings"]
    year = client.get(f"/api/v1/projects/{pid}/year").json()
    assert year["light"] == "red" and [r["executed"] for r in year["rounds"]] == ["6"]
    assert {f["rule"] for f in year["findings"]} == {"MON001", "MON002", "MON003"}
    reviewer = _as(client, "reviewer1")
    assert client.put(url, json=_round(project), headers=reviewer).status_code == 403
    board = client.get("/api/v1/year/board").json()
    row = next(p for p in board["projects"] if p["id"] == pid)
    assert (row["light"], row["rate"], row["lag"]) == ("red", "20", "38.08")
    assert board["counts"]["red"] == 1 and board["projects"][0]["id"] == pid
    assert client.get("/api/v1/year/board", params={"unit": "nobody"}).json()["projects"] == []
    _as(client, "reviewer2")  # another region's board does not show it
    assert all(p["id"] != pid for p in client.get("/api/v1/year/board").json()["projects"])


def test_adjustment_self_evaluation_lock_and_unlock(client: TestClient) -> None:
    project = _approved_project(client)
    pid, days = project["id"], _indicator(project, "举办活动天数")
    unit = _as(client, "unit1")
    base = f"/api/v1/projects/{pid}/year"
    asked = client.post(f"{base}/adjustments", headers=unit, json={
        "indicator_id": days, "operator": "≥", "value": 25, "unit": "天", "reason": "疫情停办"})
    assert asked.status_code == 201, asked.text
    adjustment = asked.json()["adjustment"]
    reviewer = _as(client, "reviewer1")
    refuse = client.post(f"{base}/adjustments/{adjustment['id']}/refuse", headers=reviewer, json={})
    assert refuse.status_code == 422 and refuse.json()["error"] == "填写有误：请填写驳回理由"
    approved = client.post(f"{base}/adjustments/{adjustment['id']}/approve", headers=reviewer, json={})
    assert approved.status_code == 200 and approved.json()["adjustment"]["status"] == "approved"
    targets = client.get(base).json()["targets"][str(days)]
    assert [t["raw"] for t in targets] == ["1.举办活动天数 30天", "举办活动天数 ≥25天"]

    unit = _as(client, "unit1")
    entries = [{"indicator_id": i["id"], "actual": "100%", "weight": "10"} for i in project["indicators"]]
    entries[0] = {"indicator_id": days, "actual": "24", "weight": "10"}
    body = {"budget_full": "30", "executed": "27", "entries": entries, "conclusion": "基本完成"}
    too_high = {**body, "entries": [{**entries[0], "score": "11"}, *entries[1:]]}
    refused = client.put(f"{base}/self-evaluation", headers=unit, json=too_high)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["message"] == "“举办活动天数”的得分 11 超过分值 10"
    live = client.post(f"{base}/self-evaluation/check", headers=unit, json=body).json()
    rows = {r["name"]: r for r in live["score"]["rows"]}
    assert rows["预算执行率"]["working"] == "全年执行数 27 / 全年预算数 30 × 10 = 9.00"
    assert rows["举办活动天数"]["working"] == "24 / 25 × 10 = 9.60"
    saved = client.put(f"{base}/self-evaluation", headers=unit, json=body).json()
    assert saved["score"]["total"] == live["score"]["total"]
    assert client.post(f"{base}/self-evaluation/submit", headers=unit).json()["status"] == "submitted"

    reviewer = _as(client, "reviewer1")
    confirmed = client.post(f"{base}/self-evaluation/confirm", headers=reviewer).json()
    assert confirmed == {"ok": True, "status": "confirmed", "locked": True}
    unit = _as(client, "unit1")
    bypass = client.put(f"{base}/monitoring", headers=unit, json={**_round(project), "version": 0})
    assert bypass.status_code == 422 and "已锁定" in bypass.json()["error"]
    assert client.get(base).json()["rounds"] == []
    doc = client.get(f"{base}/selfeval/document").json()
    assert doc["kind"] == "selfeval" and doc["projects"][0]["extra"]["总分"] == "90 | 81.60 | 良"

    admin = _as(client, "admin1")
    assert client.post(f"{base}/unlock", headers=admin, json={"reason": ""}).status_code == 422
    unlocked = client.post(f"{base}/unlock", headers=admin, json={"reason": "更正执行数"})
    assert unlocked.json()["locked"] is False
    unit = _as(client, "unit1")
    assert client.put(f"{base}/monitoring", headers=unit, json=_round(project)).status_code == 200
    assert client.get(base).json()["self_evaluation"]["status"] == "draft"


def test_pages_live_check_and_refusals(client: TestClient) -> None:
    project = _approved_project(client)
    pid, days = project["id"], _indicator(project, "举办活动天数")
    _as(client, "unit1")
    form_page = client.get(f"/projects/{pid}/year/monitoring")
    assert form_page.status_code == 200 and "填报执行监控" in form_page.text
    token = page_token(form_page.text)
    form = {"csrf_token": token, "as_of": "2023-07-31", "budget_full": "30", "executed": "6",
            f"e-{days}-actual": "5", f"e-{days}-likelihood": "不能"}
    check = client.post(f"/projects/{pid}/year/monitoring/check", data=form)
    assert "红灯" in check.text and "但没有填写纠偏措施" in check.text
    bad = client.post(f"/projects/{pid}/year/monitoring", data={**form, "executed": "-1"})
    assert bad.status_code == 422 and "执行数不能为负数" in bad.text
    saved = client.post(f"/projects/{pid}/year/monitoring", data=form, follow_redirects=False)
    assert saved.status_code == 303
    year_page = client.get(f"/projects/{pid}/year")
    assert "已保存执行监控记录" in year_page.text and "MON002 有风险的指标未填纠偏措施" in year_page.text
    bad_target = client.post(f"/projects/{pid}/year/adjustments", data={
        "csrf_token": token, "indicator_id": str(days), "operator": "≥", "value": "很多", "reason": "x"})
    assert bad_target.status_code == 422 and "运算符 ≥ 需要数值或日期" in bad_target.text
    no_reason = client.post(f"/projects/{pid}/year/adjustments", data={
        "csrf_token": token, "indicator_id": str(days), "operator": "≥", "value": "25", "reason": ""})
    assert no_reason.status_code == 422 and "请填写调整理由" in no_reason.text
    foreign = client.post(f"/projects/{pid}/year/adjustments", data={
        "csrf_token": token, "indicator_id": "999999", "operator": "≥", "value": "25", "reason": "x"})
    assert foreign.status_code == 422 and "指标 999999 不在此项目中" in foreign.text
    assert client.get(f"/api/v1/projects/{pid}/year").json()["adjustments"] == []
    fields = {"csrf_token": token, "budget_full": "30", "executed": "30"}
    for ind in project["indicators"]:  # every target met exactly: 10 + 20 + 7 × 10 = 100
        fields[f"e-{ind['id']}-actual"] = f"{ind['value']}{'%' if ind['unit'] == '%' else ''}"
        fields[f"e-{ind['id']}-weight"] = "20" if ind["id"] == days else "10"
    score = client.post(f"/projects/{pid}/year/self-evaluation/check", data=fields)
    assert 'id="live-total">100.00<' in score.text and 'id="live-grade">优<' in score.text
    partial = client.post(f"/projects/{pid}/year/self-evaluation/check",
                          data={**fields, f"e-{days}-weight": ""})
    assert "有行未计分，不评等级" in partial.text and 'id="live-grade">—<' in partial.text
    _as(client, "reviewer1")
    board = client.get("/year/board")
    assert board.status_code == 200 and "环卫工人爱心早餐" in board.text and "红灯 1" in board.text
    assert client.get("/year/board", params={"sort": "nonsense"}).status_code == 422
    assert "目标变更未批" in board.text and 'data-unapproved="0"' in board.text  # no MON004 yet
    by_change = client.get("/year/board", params={"sort": "unapproved"})
    assert by_change.status_code == 200 and 'value="unapproved" selected' in by_change.text
    assert client.get("/api/v1/year/board", params={"sort": "unapproved"}).json()["projects"][0][
        "unapproved_changes"] == 0


def test_scoring_profile_and_band_with_working(client: TestClient) -> None:
    """The self-evaluation form offers the scoring profiles with their sources; the live score, the
    stored self-evaluation, its page and the exported 自评表 follow the chosen one; a reviewer's band on
    a qualitative indicator shows with its working on the form and the confirmed page."""
    project = _approved_project(client)
    pid, smooth = project["id"], _indicator(project, "保障环卫工人日常工作顺利运行")
    unit = _as(client, "unit1")
    base = f"/api/v1/projects/{pid}/year"
    asked = client.post(f"{base}/adjustments", headers=unit, json={
        "indicator_id": smooth, "operator": "定性", "value": "顺利运行", "reason": "改为定性评价"})
    reviewer = _as(client, "reviewer1")
    assert client.post(f"{base}/adjustments/{asked.json()['adjustment']['id']}/approve", headers=reviewer,
                       json={}).status_code == 200
    _as(client, "unit1")
    form_page = client.get(f"/projects/{pid}/year/self-evaluation")
    assert form_page.text.count('<option value="') >= 5 and 'value="czy2020-10" selected' in form_page.text
    assert "湖北式自评表" in form_page.text and "湖北地方口径 [L]（domain.md §3.2、§3.5" in form_page.text
    english_form = client.get(f"/projects/{pid}/year/self-evaluation?lang=en").text
    assert "local variation [L] (kunmingchi.com archive" in english_form  # the source, in English
    client.cookies.delete("lang")
    token = page_token(form_page.text)
    fields = {"csrf_token": token, "budget_full": "30", "executed": "27", "profile": "hubei",
              f"e-{smooth}-weight": "10", f"e-{smooth}-band": "部分达成"}
    live = client.post(f"/projects/{pid}/year/self-evaluation/check", data=fields)
    assert 'id="live-profile">评分口径：湖北式自评表' in live.text
    assert "全年执行数 27 / 全年预算数 30 × 20 = 18.00" in live.text  # hubei: 预算执行 20 points
    working = "表中评为部分达成（60%–80%）：6.00–8.00，取档内最高 8.00"
    assert f'<td class="band">部分达成</td><td class="working">{working}</td>' in live.text
    default = client.post(f"/projects/{pid}/year/self-evaluation/check", data={**fields, "profile": ""})
    assert "全年执行数 27 / 全年预算数 30 × 10 = 9.00" in default.text
    for bad in ({**fields, "profile": "nowhere"}, {**fields, f"e-{smooth}-band": "很好"}):
        refused = client.post(f"/projects/{pid}/year/self-evaluation", data=bad)
        assert refused.status_code == 422, refused.text
    assert client.get(base).json()["self_evaluation"] is None  # nothing stored
    api_bad = client.put(f"{base}/self-evaluation", headers={"X-CSRF-Token": token},
                         json={"budget_full": "30", "executed": "27", "profile": "nowhere"})
    assert api_bad.status_code == 422 and "评分口径须为 czy2020-10/hubei/" in api_bad.json()["error"]
    saved = client.post(f"/projects/{pid}/year/self-evaluation", data=fields, follow_redirects=False)
    assert saved.status_code == 303
    assert client.get(f"/projects/{pid}/year/self-evaluation").text.count('value="hubei" selected') == 1
    stored = client.get(base).json()["self_evaluation"]
    assert stored["profile"]["name"] == "hubei"
    entry = next(e for e in stored["entries"] if e["indicator_id"] == smooth)
    assert (entry["band"], entry["working"]) == ("部分达成", working)
    client.post(f"/projects/{pid}/year/self-evaluation-action",
                data={"csrf_token": token, "action": "submit"})
    _as(client, "reviewer1")
    year_page = client.get(f"/projects/{pid}/year")
    confirm_token = page_token(year_page.text)
    client.post(f"/projects/{pid}/year/self-evaluation-action",
                data={"csrf_token": confirm_token, "action": "confirm"})
    confirmed = client.get(f"/projects/{pid}/year").text
    assert "已锁定" in confirmed and 'id="se-profile">评分口径：湖北式自评表' in confirmed
    assert f'<td class="band">部分达成</td><td class="working">{working}</td>' in confirmed
    doc = client.get(f"{base}/selfeval/document").json()["projects"][0]
    assert doc["extra"]["其他需要说明事项"].startswith("评分口径：湖北式自评表")
    english = client.post(f"/projects/{pid}/year/self-evaluation/check?lang=en",
                          data={**fields, "csrf_token": confirm_token})
    assert "Scoring profile" in english.text
