"""Issue 13: the grid editor's API and page (the browser side is in test_web_grid_browser.py)."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from fastapi.testclient import TestClient
from web_helpers import login

FIELDS = ("id", "level1", "level2", "name", "operator", "value", "unit", "weight", "note")


def _grid(client: TestClient, project: int = 1) -> dict[str, Any]:
    reply = client.get(f"/api/v1/projects/{project}/grid")
    assert reply.status_code == 200, reply.text
    data: dict[str, Any] = reply.json()
    return data


def _rows(grid: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: row[k] for k in FIELDS} for row in grid["rows"]]


def test_grid_json_and_taxonomy(client: TestClient) -> None:
    login(client, "unit1")
    grid = _grid(client)
    assert grid["taxonomy"]["framework"] == "MOF2015"
    assert [o["label"] for o in grid["taxonomy"]["level1"]] == ["产出指标", "效益指标", "满意度指标"]
    assert grid["taxonomy"]["level2"]["产出"] == ["数量指标", "质量指标", "时效指标", "成本指标"]
    first = grid["rows"][0]
    # "30天" written with no operator: no operator here either, and VAL003 beside it
    shown = (first["name"], first["operator"], first["value"], first["unit"])
    assert shown == ("举办活动天数", "", "30", "天")
    assert [f["rule_label"] for f in first["findings"]] == ["VAL003 缺少指标性质"]
    assert first["findings"][0]["severity_label"] == "警告"


def test_check_reviews_the_table_as_typed(client: TestClient) -> None:
    token = login(client, "unit1")
    rows = _rows(_grid(client))
    rows[0]["operator"] = "≥"
    cost = next(r for r in rows if r["name"] == "爱心早餐成本")
    cost["value"] = "50"
    rows.append({"name": "新指标", "operator": "≥", "value": "很多"})
    reply = client.post("/api/v1/projects/1/grid/check", json={"rows": rows}, headers={"X-CSRF-Token": token})
    assert reply.status_code == 200, reply.text
    checked = reply.json()["rows"]
    assert checked[0]["findings"] == []  # the operator is now written
    assert "CST001" in [f["rule"] for f in checked[rows.index(cost)]["findings"]]
    assert set(checked[-1]["errors"]) == {"value"}
    assert _grid(client)["rows"][0]["operator"] == ""  # nothing stored


def test_save_reorders_deletes_adds_and_reviews(client: TestClient) -> None:
    token = login(client, "unit1")
    grid = _grid(client)
    rows = _rows(grid)
    gone = rows.pop(1)
    rows[0].update(operator="≥", value="31")
    rows.reverse()
    rows.append({"level1": "效益指标", "level2": "社会效益指标", "name": "受益职工人数", "operator": "",
                 "value": "500", "unit": "人次"})
    reply = client.put("/api/v1/projects/1/grid", json={"rows": rows, "version": grid["version"]},
                       headers={"X-CSRF-Token": token})
    assert reply.status_code == 200, reply.text
    saved = reply.json()
    assert (saved["added"], saved["updated"], saved["deleted"], saved["moved"]) == (1, 1, 1, True)
    assert saved["version"] != grid["version"]
    again = _grid(client)
    assert [r["name"] for r in again["rows"]] == [r["name"] for r in rows]
    assert gone["name"] not in [r["name"] for r in again["rows"]]
    last = again["rows"][-1]
    assert [f["rule"] for f in last["findings"]] == ["VAL003"]  # re-reviewed on save
    moved = again["rows"][-2]
    assert (moved["operator"], moved["value"], moved["findings"]) == ("≥", "31", [])
    # the project's JSON and the row editor agree: no operator is null, a chosen one is kept
    detail = client.get("/api/v1/projects/1").json()["project"]
    by_name = {i["name"]: i for i in detail["indicators"]}
    assert by_name["受益职工人数"]["operator"] is None and by_name["举办活动天数"]["operator"] == "≥"


def test_invalid_row_is_refused_with_its_index(client: TestClient) -> None:
    token = login(client, "unit1")
    grid = _grid(client)
    rows = _rows(grid)
    rows[2].update(operator="≥", value="很多")
    reply = client.put("/api/v1/projects/1/grid", json={"rows": rows, "version": grid["version"]},
                       headers={"X-CSRF-Token": token})
    assert reply.status_code == 422
    body = reply.json()
    assert body["error"] == "指标表有 1 处填写有误，未保存"
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(2, "value")]
    assert _grid(client)["version"] == grid["version"]


def test_stale_and_missing_version(client: TestClient) -> None:
    token = login(client, "unit1")
    grid = _grid(client)
    rows = _rows(grid)
    headers = {"X-CSRF-Token": token}
    first = client.put("/api/v1/projects/1/grid", json={"rows": rows[1:], "version": grid["version"]},
                       headers=headers)
    assert first.status_code == 200
    stale = client.put("/api/v1/projects/1/grid", json={"rows": rows, "version": grid["version"]},
                       headers=headers)
    assert stale.status_code == 409
    assert stale.json()["error"].startswith("指标表已被他人修改：未保存")
    english = client.put("/api/v1/projects/1/grid?lang=en", json={"rows": rows, "version": grid["version"]},
                         headers=headers)
    assert english.json()["error"].startswith("someone else changed the indicator table")
    missing = client.put("/api/v1/projects/1/grid", json={"rows": rows}, headers=headers)
    assert missing.status_code == 428
    assert len(_grid(client)["rows"]) == len(rows) - 1


def test_roles_and_csrf(client: TestClient) -> None:
    assert client.get("/api/v1/projects/1/grid").status_code == 401
    anonymous = client.put("/api/v1/projects/1/grid", json={"rows": [], "version": "x"})
    assert anonymous.status_code == 403  # no session token
    token = login(client, "reviewer1")
    grid = _grid(client)
    reply = client.put("/api/v1/projects/1/grid", json={"rows": [], "version": grid["version"]},
                       headers={"X-CSRF-Token": token})
    assert reply.status_code == 403
    assert client.get("/projects/1/grid").status_code == 403
    client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})
    token = login(client, "unit2")
    assert client.get("/api/v1/projects/1/grid").status_code == 404  # another unit's draft
    reply = client.put("/api/v1/projects/1/grid", json={"rows": [], "version": grid["version"]},
                       headers={"X-CSRF-Token": token})
    assert reply.status_code == 404
    token = login(client, "unit1")
    no_token = client.put("/api/v1/projects/1/grid", json={"rows": [], "version": grid["version"]})
    assert no_token.status_code == 403
    assert len(_grid(client)["rows"]) == 8


def _script_text(page: str) -> dict[str, Any]:
    """The sentences the page hands to grid.js (its table's data-text attribute)."""
    found = re.search(r'data-text="([^"]*)"', page)
    assert found
    data: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return data


def test_page_renders_in_both_languages(client: TestClient) -> None:
    login(client, "unit1")
    page = client.get("/projects/1/grid")
    assert page.status_code == 200
    assert "表格编辑" in page.text and "保存全部" in page.text and "/static/grid.js" in page.text
    assert _script_text(page.text)["operators"][0] == {"value": "", "label": "未写明"}
    english = client.get("/projects/1/grid?lang=en")
    assert "Grid editor" in english.text and "Save all" in english.text
    assert _script_text(english.text)["operators"][0]["label"] == "not written"
    project = client.get("/projects/1")
    assert 'href="/projects/1/grid"' in project.text


def test_row_editor_says_not_written_for_a_bare_value(client: TestClient) -> None:
    """The contradiction of issue 13: "30天" with no operator showed "=" selected beside VAL003."""
    login(client, "unit1")
    page = client.get("/projects/1/edit").text
    form = page[page.index('id="ind-1"'):page.index('id="ind-2"')]
    selected = re.findall(r'<option value="([^"]*)" selected>([^<]*)</option>', form)
    assert selected == [("", "未写明")]
    assert "VAL003" in form


def test_an_indicator_json_goes_back_as_it_came(client: TestClient) -> None:
    """The JSON says ``"operator": null`` for none written; sending it back means the same."""
    token = login(client, "unit1")
    first = client.get("/api/v1/projects/1/indicators").json()["items"][0]
    assert first["operator"] is None
    body = {k: first[k] for k in ("name", "operator", "unit", "level1", "level2", "version")}
    reply = client.put(f"/api/v1/indicators/{first['id']}", json={**body, "value": "31"},
                       headers={"X-CSRF-Token": token})
    assert reply.status_code == 200, reply.text
    stored = reply.json()["indicator"]
    assert stored["operator"] is None and stored["raw"] == "举办活动天数 31天"


def test_taxonomy_follows_the_framework() -> None:
    from jixiao.model.taxonomy import Framework
    from jixiao.web.grid_view import taxonomy

    mof2021 = taxonomy(Framework.MOF2021)
    assert [o["label"] for o in mof2021["level1"]] == ["产出指标", "成本指标", "效益指标", "满意度指标"]
    assert mof2021["level2"]["成本"] == ["经济成本指标", "社会成本指标", "生态环境成本指标"]
    assert "成本指标" not in mof2021["level2"]["产出"] and "可持续影响指标" not in mof2021["level2"]["效益"]
    mof2015 = taxonomy(Framework.MOF2015)
    assert "成本" not in mof2015["level2"] and "可持续影响指标" in mof2015["level2"]["效益"]
