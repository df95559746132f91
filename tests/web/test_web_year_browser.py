"""The whole performance year in a real browser (Playwright driving Debian's chromium) against a live
server (issue 10): declare → approve → a July monitoring round with a lagging indicator (live check
red) → a target adjustment requested and approved → the self-evaluation scored live → confirmed, the
year locked (an edit is refused) → both tables exported → the admin unlocks with a reason.
Screenshots go to ``test-artifacts/year-*.png``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from test_web_browser import _login, _logout, _shot, browser, live_url

from jixiao.model.jsonify import document_from_dict
from jixiao.services import parse_bytes

pytestmark = pytest.mark.browser
__all__ = ["browser", "live_url"]  # the fixtures, shared with the editor's browser test


def _as(page: Any, base: str, username: str) -> None:
    _logout(page, base)
    _login(page, base, username)


def test_a_project_through_the_whole_year(live_url: str, browser: Any) -> None:
    base = live_url
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.set_default_timeout(15000)
    page.on("dialog", lambda dialog: dialog.accept())

    # Declare (the unit submits its targets) and approve.
    _login(page, base, "unit1")
    page.goto(f"{base}/projects")
    page.click("text=环卫工人爱心早餐")
    project_url = page.url
    project_id = int(project_url.rstrip("/").rsplit("/", 1)[1])
    page.click("button:has-text('提交审核')")
    page.wait_for_selector("text=已提交审核")
    _as(page, base, "reviewer1")
    page.goto(project_url)
    page.click("button:has-text('批准')")
    page.wait_for_selector("text=已批准并公开")
    _shot(page, "year-1-approved")

    # July: the unit enters a monitoring round; the live check turns red and names the lagging indicator.
    _as(page, base, "unit1")
    page.goto(project_url)
    page.click("text=年度执行监控与自评")
    page.click("#go-monitoring")
    page.fill("input[name=as_of]", "2023-07-31")
    page.fill("input[name=budget_full]", "30")
    page.fill("input[name=executed]", "6")
    page.get_by_label("举办活动天数 完成值").fill("5")
    page.get_by_label("举办活动天数 完成可能性").select_option("可能")
    check = page.locator("#check")
    check.get_by_text("红灯").first.wait_for()
    check.get_by_text("但没有填写纠偏措施").wait_for()
    assert "落后序时进度 38.08 个百分点" in check.inner_text()
    page.get_by_label("举办活动天数 完成值").fill("-5")
    check.get_by_text("“举办活动天数”的完成值不能为负数").wait_for()
    page.get_by_label("举办活动天数 完成值").fill("5")
    page.get_by_label("举办活动天数 偏差原因").select_option("政策")
    page.get_by_label("举办活动天数 纠偏措施").fill("申请调整目标，8月起每周加开一次")
    check.get_by_text("MON002").wait_for(state="detached")
    _shot(page, "year-2-monitoring-live-check")
    page.click("button:has-text('保存执行监控')")
    page.wait_for_selector("text=已保存执行监控记录")
    assert "红灯" in page.inner_text("#light")

    # The unit asks to lower the target; the reviewer sees the red board and approves the adjustment.
    page.select_option("#adjust-form select[name=indicator_id]", label="举办活动天数（1.举办活动天数 30天）")
    page.select_option("#adjust-form select[name=operator]", "≥")
    page.fill("#adjust-form input[name=value]", "25")
    page.fill("#adjust-form input[name=unit]", "天")
    page.fill("#adjust-form input[name=reason]", "上半年疫情停办5天")
    page.click("button:has-text('申请调整目标')")
    page.wait_for_selector("text=已提交目标调整申请")
    _as(page, base, "reviewer1")
    page.goto(f"{base}/year/board")
    row = page.locator("#board tr.board-row", has=page.locator("text=环卫工人爱心早餐"))
    assert row.get_attribute("data-light") == "red" and "38.08" in row.inner_text()
    _shot(page, "year-3-reviewer-board")
    row.locator("a").click()
    page.click("button:has-text('批准调整')")
    page.wait_for_selector("text=已批准目标调整，指标目标已更新")
    assert "v2 举办活动天数 ≥25天" in page.inner_text("ul.versions")
    _shot(page, "year-4-adjustment-approved")

    # Year end: the unit fills in the self-evaluation and sees the score recomputed as it types.
    _as(page, base, "unit1")
    page.goto(f"{base}/projects/{project_id}/year/self-evaluation")
    indicators = page.request.get(f"{base}/api/v1/projects/{project_id}").json()["project"]["indicators"]
    page.fill("input[name=budget_full]", "30")
    page.fill("input[name=executed]", "27")
    for ind in indicators:
        met = f"{ind['value']}{'%' if ind['unit'] == '%' else ''}"  # each other target met exactly
        actual = "24" if ind["name"] == "举办活动天数" else met
        page.get_by_label(f"{ind['name']} 实际完成值").fill(actual)
        page.get_by_label(f"{ind['name']} 分值").fill("20" if ind["name"] == "举办活动天数" else "10")
    page.get_by_label("举办活动天数 偏差原因及改进措施").fill("疫情停办，已调整目标")
    page.fill("textarea[name=conclusion]", "基本完成年度目标")
    page.locator("#live-grade", has_text="优").wait_for()
    # Another scoring profile rescores live (Hubei: 预算执行 20 points), then back to the 10号 default.
    page.select_option("#profile", "hubei")
    page.locator("#live-profile", has_text="湖北式自评表").wait_for()
    assert "全年执行数 27 / 全年预算数 30 × 20 = 18.00" in page.inner_text("#score")
    page.select_option("#profile", "czy2020-10")
    page.locator("#live-profile", has_text="财预〔2020〕10号").wait_for()
    page.locator("#live-grade", has_text="优").wait_for()
    assert page.inner_text("#live-total") == "98.20"  # 9 + 24 / 25 × 20 + 7 × 10
    assert "24 / 25 × 20 = 19.20" in page.inner_text("#score")
    _shot(page, "year-5-self-evaluation-live-score")
    page.click("button:has-text('保存自评')")
    page.wait_for_selector("text=已保存自评，得分已重算")
    page.click("button:has-text('提交自评')")
    page.wait_for_selector("text=已提交自评")

    # The reviewer confirms: the year is locked.
    _as(page, base, "reviewer1")
    page.goto(f"{base}/projects/{project_id}/year")
    page.click("button:has-text('确认自评并锁定年度')")
    page.wait_for_selector("text=已确认自评，本年度已锁定")
    assert page.inner_text("#lock") == "已锁定" and page.inner_text("#se-grade") == "优"
    assert page.inner_text("#se-profile").startswith("评分口径：财预〔2020〕10号")
    _shot(page, "year-6-confirmed-locked")

    # Locked: the unit's forms are gone, and an edit sent anyway is refused with 422.
    _as(page, base, "unit1")
    page.goto(f"{base}/projects/{project_id}/year")
    assert page.locator("#go-monitoring").count() == 0
    refused = page.goto(f"{base}/projects/{project_id}/year/monitoring")
    assert refused is not None and refused.status == 200
    page.fill("input[name=executed]", "30")
    posted = lambda r: r.request.method == "POST" and r.url.endswith("/year/monitoring")  # noqa: E731
    with page.expect_response(posted) as sent:
        page.click("button:has-text('保存执行监控')")
    assert sent.value.status == 422
    page.wait_for_selector("#form-error")
    assert "已锁定" in page.inner_text("#form-error")
    _shot(page, "year-7-locked-edit-refused")

    # Both tables download; the self-evaluation reads back with its scores.
    page.goto(f"{base}/projects/{project_id}/year")
    for kind in ("selfeval", "monitoring"):
        with page.expect_download() as download:
            page.click(f"a[href='/projects/{project_id}/year/{kind}.json']")
        doc = document_from_dict(json.loads(download.value.path().read_text(encoding="utf-8")))
        assert doc.kind == kind and doc.projects[0].name == "环卫工人爱心早餐"
        if kind == "selfeval":
            assert doc.projects[0].extra["总分"] == "100 | 98.20 | 优"
            assert doc.projects[0].extra["其他需要说明事项"].startswith("评分口径：财预〔2020〕10号")
        with page.expect_download() as xlsx:
            page.click(f"a[href='/projects/{project_id}/year/{kind}.xlsx']")
        data = xlsx.value.path().read_bytes()
        assert data[:2] == b"PK" and xlsx.value.suggested_filename.endswith(".xlsx")
        back = parse_bytes(data, f"{kind}.xlsx")  # the official layout reads back through jixiao's reader
        assert back.kind == kind
        assert [i.name for i in back.projects[0].indicators] == [i.name for i in doc.projects[0].indicators]

    # The admin unlocks, with a reason.
    _as(page, base, "admin1")
    page.goto(f"{base}/projects/{project_id}/year")
    page.fill("#unlock-form input[name=reason]", "执行数需按决算更正")
    page.click("button:has-text('解锁本年度')")
    page.wait_for_selector("text=已解锁本年度")
    assert page.inner_text("#lock") == "未锁定"
    _shot(page, "year-8-admin-unlocked")
    page.close()
