"""End to end in a real browser (Playwright driving Debian's chromium) against a live server.

Logs in as each role, edits an indicator with the live check, submits, approves, sees the project
published; an anonymous visitor cannot see drafts and another unit cannot edit (page and API).
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_helpers import PASSWORD, live_server

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def live_url(db_url: str) -> Iterator[str]:
    with live_server(db_url, None, "browser-test") as url:
        yield url


@pytest.fixture
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (.ci/run installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield instance
        instance.close()


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def _login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_selector("#whoami")
    assert username in page.inner_text("#whoami")


def _logout(page: Any, base: str) -> None:
    page.goto(f"{base}/")
    page.click("header .who button")
    page.wait_for_selector("text=已退出登录")


def test_edit_submit_approve_publish(live_url: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15000)
    # Anonymous: nothing is published yet, and a draft's page does not exist for them.
    page.goto(f"{live_url}/projects")
    assert "没有可显示的项目" in page.content()
    assert page.goto(f"{live_url}/projects/2").status == 404
    _shot(page, "1-anonymous-no-drafts")

    # The unit user edits an indicator; the live check shows the review finding, then clears.
    _login(page, live_url, "unit1")
    page.goto(f"{live_url}/projects")
    page.click("text=厂务公开经费")
    project_url = page.url
    project_id = int(project_url.rstrip("/").rsplit("/", 1)[1])
    page.click("text=编辑目标与指标")
    form = page.locator("form.indicator", has=page.locator("input[name=name][value='工作完成时限']"))
    value = form.locator("input[name=value]")
    value.fill("2021-12-30")
    form.locator(".check").get_by_text("TIM001").wait_for()
    value.fill("2023-12-20")
    form.locator(".check").get_by_text("未发现问题").wait_for()
    _shot(page, "2-unit-editor-live-check")
    form.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_selector("text=已保存指标：工作完成时限")
    page.goto(project_url)
    assert "2023-12-20" in page.inner_text("table.tree")
    page.click("button:has-text('提交审核')")  # CST001 is still open: the confirmation asks why
    page.fill("#confirm-submit textarea[name=comment]", "金额以批复为准")
    page.click("#confirm-submit button:has-text('确认提交审核')")
    page.wait_for_selector("text=已提交审核")
    _shot(page, "3-unit-submitted")
    _logout(page, live_url)

    # Another unit can neither open the editor nor change an indicator through the API.
    _login(page, live_url, "unit2")
    assert page.goto(f"{project_url}/edit").status == 404
    me = page.request.get(f"{live_url}/api/v1/auth/me").json()
    indicator = page.request.put(f"{live_url}/api/v1/indicators/1",
                                 headers={"X-CSRF-Token": me["csrf_token"]},
                                 data={"name": "举办活动天数", "operator": "≥", "value": "1"})
    assert indicator.status == 404 and indicator.json()["ok"] is False
    _logout(page, live_url)

    # The reviewer of the region approves.
    _login(page, live_url, "reviewer1")
    page.goto(project_url)
    page.click("button:has-text('批准')")
    page.fill("#confirm-approve textarea[name=comment]", "同意")
    page.click("#confirm-approve button:has-text('确认批准')")
    page.wait_for_selector("text=已批准并公开")
    _shot(page, "4-reviewer-approved")
    _logout(page, live_url)

    # Published: anonymous visitors see it (page, search, API), and still no draft.
    page.goto(f"{live_url}/projects")
    listed = page.inner_text("table.list")
    assert "厂务公开经费" in listed and "环卫工人爱心早餐" not in listed
    page.goto(project_url)
    assert "已批准" in page.inner_text("#status")
    api = page.request.get(f"{live_url}/api/v1/projects").json()
    assert [p["id"] for p in api["items"]] == [project_id]
    page.goto(f"{live_url}/search?q=厂务公开")
    assert "厂务公开经费" in page.inner_text("#results")
    _shot(page, "5-anonymous-published")

    # The admin's dashboard draws its charts from the packaged ECharts.
    _login(page, live_url, "admin1")
    page.goto(f"{live_url}/dashboard")
    page.wait_for_selector("body[data-charts-ready='1']")
    page.wait_for_selector("#chart-rules svg")
    _shot(page, "6-admin-dashboard")
    page.close()


def test_pages_break_no_content_security_policy(live_url: str, browser: Any) -> None:
    """Issue 12: under the CSP (scripts from /static only) the live check, the delete confirmation
    and the dashboard still work, and the browser reports no violation."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15000)
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    _login(page, live_url, "unit1")
    page.goto(f"{live_url}/projects")
    page.click("text=厂务公开经费")
    page.click("text=编辑目标与指标")
    form = page.locator("form.indicator", has=page.locator("input[name=name][value='工作完成时限']"))
    form.locator("input[name=value]").fill("2021-12-30")
    form.locator(".check").get_by_text("TIM001").wait_for()
    asked: list[str] = []

    def dismiss(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    form.get_by_role("button", name="删除", exact=True).click()
    page.wait_for_timeout(300)
    assert asked == ["删除这个指标？"]
    assert page.locator("input[name=name][value='工作完成时限']").count() == 1  # dismissed: kept
    page.goto(f"{live_url}/dashboard")
    page.wait_for_selector("body[data-charts-ready='1']")
    assert violations == []
    page.close()
