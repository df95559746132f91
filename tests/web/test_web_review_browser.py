"""Issue 13 in chromium: the confirmation before approving with open errors (shown, cancel does
nothing, confirm with a reason approves, the history keeps the reason), the required return comment,
the reviewer's comments seen by the unit after the return (project page and editor), the sortable
queue, and disabling a user ending that user's open session. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

from typing import Any

import pytest
from browser_fixtures import _login, _shot, browser, review_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def _page(browser: Any) -> Any:  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15000)
    return page


def _ids(page: Any, base: str) -> dict[str, int]:
    _login(page, base, "admin1")
    return {p["name"]: p["id"] for p in page.request.get(f"{base}/api/v1/projects").json()["items"]}


def _submit_confirmed(page: Any, base: str, pid: int) -> None:
    """The unit submits through the page: the dialog lists the open errors and asks for a reason."""
    _login(page, base, "unit1")
    page.goto(f"{base}/projects/{pid}")
    page.click("button[data-dialog='confirm-submit']")
    page.fill("#confirm-submit textarea[name=comment]", "已与主管部门核实")
    page.click("#confirm-submit button:has-text('确认提交审核')")
    page.wait_for_selector("text=已提交审核")


def test_approving_with_open_errors_asks_for_confirmation(review_url: str, browser: Any) -> None:  # noqa: F811
    base = review_url
    page = _page(browser)
    pid = _ids(page, base)["厂务公开经费"]
    _submit_confirmed(page, base, pid)
    _login(page, base, "reviewer1")
    page.goto(f"{base}/projects/{pid}")
    dialog = page.locator("#confirm-approve")
    assert not dialog.is_visible()
    page.click("button[data-dialog='confirm-approve']")
    dialog.wait_for(state="visible")
    listed = dialog.inner_text()
    assert "项目仍有 2 个未解决的错误" in listed and "TIM001" in listed and "CST001" in listed
    _shot(page, "review-1-confirm-approve-dialog")
    dialog.get_by_role("button", name="取消").click()  # cancel: nothing happens
    dialog.wait_for(state="hidden")
    page.reload()
    assert page.inner_text("#status") == "已提交"
    page.click("button[data-dialog='confirm-approve']")
    dialog.get_by_role("button", name="确认批准").click()  # no reason: the browser keeps the dialog open
    reason = dialog.locator("textarea[name=comment]")
    assert reason.evaluate("e => e.validationMessage") == "请填写理由（必填）"
    assert dialog.is_visible()
    reason.fill("金额以财政批复为准，时限为笔误")
    dialog.get_by_role("button", name="确认批准").click()
    page.wait_for_selector("text=已批准并公开")
    assert page.inner_text("#status") == "已批准"
    history = page.inner_text("ul.history")
    assert "已提交 → 已批准（确认存在错误 CST001、TIM001，理由：金额以财政批复为准，时限为笔误）" in history
    _shot(page, "review-2-approved-history")
    page.context.clear_cookies()  # a visitor sees the published project without the internal findings
    page.goto(f"{base}/projects/{pid}")
    assert "TIM001" not in page.inner_text("main") and page.locator("#findings-hidden").is_visible()
    page.close()


def test_the_unit_sees_the_reviewers_comments_after_the_return(review_url: str, browser: Any) -> None:  # noqa: F811
    base = review_url
    page = _page(browser)
    pid = _ids(page, base)["维权经费"]
    _submit_confirmed(page, base, pid)
    _login(page, base, "reviewer1")
    page.goto(f"{base}/projects/{pid}")
    indicator = page.locator("table.tree tbody tr").first
    indicator_id = indicator.get_attribute("id").removeprefix("ind-")
    page.click("#comment-project summary")
    page.select_option("#comment-project select[name=indicator_id]", indicator_id)
    page.fill("#comment-project textarea[name=text]", "指标值请与上年实际完成值对比")
    page.click("#comment-project button:has-text('添加批注')")
    page.wait_for_selector("text=已添加批注")
    page.click("#comment-project summary")
    page.fill("#comment-project textarea[name=text]", "绩效目标过于笼统，请量化")
    page.click("#comment-project button:has-text('添加批注')")
    page.wait_for_selector("text=已添加批注")
    assert "未发送" in page.inner_text(f"#ind-{indicator_id}")  # the reviewer sees it, not yet sent
    box = page.locator("form.return-form textarea[name=comment]")
    assert box.evaluate("e => e.tagName") == "TEXTAREA"
    page.click("form.return-form button")  # empty: refused in the browser, in Chinese
    assert box.evaluate("e => e.validationMessage") == "请填写退回意见（必填）"
    assert page.inner_text("#status") == "已提交"
    box.fill("请按批注修改：\n1. 指标值\n2. 目标")
    page.click("form.return-form button")
    page.wait_for_selector("text=已退回修改")
    _shot(page, "review-3-returned-by-reviewer")

    _login(page, base, "unit1")
    page.goto(f"{base}/projects/{pid}")
    beside = page.inner_text(f"#ind-{indicator_id} .review-comments")
    assert "指标值请与上年实际完成值对比" in beside and "未发送" not in beside
    assert "绩效目标过于笼统，请量化" in page.inner_text("#comments")
    assert page.inner_text(".comment") == "审核意见：请按批注修改：\n1. 指标值\n2. 目标"  # multi-line kept
    _shot(page, "review-4-unit-sees-comments")
    page.click("text=编辑目标与指标")
    assert page.locator(".review-comment", has_text="指标值请与上年实际完成值对比").is_visible()
    assert page.locator("#comments .review-comment", has_text="绩效目标过于笼统").is_visible()
    _shot(page, "review-5-editor-comments")
    page.close()


def test_the_queue_sorts_by_each_column(review_url: str, browser: Any) -> None:  # noqa: F811
    base = review_url
    page = _page(browser)
    ids = _ids(page, base)
    _submit_confirmed(page, base, ids["厂务公开经费"])
    page.goto(f"{base}/projects/{ids['环卫工人爱心早餐']}")
    page.click("button:has-text('提交审核')")  # no open errors: submitted at once, no dialog
    page.wait_for_selector("text=已提交审核")
    _login(page, base, "reviewer1")
    page.click("#queue-link")
    page.click("#queue th a:has-text('错误')")
    page.click("#queue th a:has-text('错误')")  # again: descending
    first = page.locator("#queue tbody tr").first.inner_text()
    assert "厂务公开经费" in first and page.locator("#queue th[aria-sort=descending]").count() == 1
    page.click("#queue th a:has-text('警告')")  # ascending: 厂务公开经费 has 2 warnings, 环卫… 3
    assert "厂务公开经费" in page.locator("#queue tbody tr").first.inner_text()
    page.click("#queue th a:has-text('警告')")
    assert "环卫工人爱心早餐" in page.locator("#queue tbody tr").first.inner_text()
    _shot(page, "review-6-queue")
    page.close()


def test_disabling_a_user_ends_the_open_session(review_url: str, browser: Any) -> None:  # noqa: F811
    base = review_url
    unit = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    unit.set_default_timeout(15000)
    _login(unit, base, "unit1")
    unit.goto(f"{base}/projects")
    assert "门源县总工会工会经费" in unit.inner_text("table.list")  # drafts of the unit

    admin = _page(browser)
    _login(admin, base, "admin1")
    admin.goto(f"{base}/admin/users")
    row = admin.locator("#users tr", has=admin.locator("td", has_text="unit1"))
    admin.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="停用").click()
    admin.wait_for_selector("text=已停用用户 unit1")
    _shot(admin, "review-7-admin-disabled-user")

    unit.goto(f"{base}/projects")  # the open session has ended
    assert unit.locator("#whoami").count() == 0
    assert "账户 unit1 已被停用，会话已结束" in unit.inner_text("p.flash")
    assert "门源县总工会工会经费" not in unit.inner_text("table.list")
    unit.goto(f"{base}/login")
    unit.fill("input[name=username]", "unit1")
    from web_helpers import PASSWORD

    unit.fill("input[name=password]", PASSWORD)
    unit.click("form.stack button[type=submit]")
    unit.wait_for_selector("p.error")
    assert unit.inner_text("p.error") == "账户 unit1 已被停用，请联系管理员"
    _shot(unit, "review-8-disabled-login-refused")
    unit.context.close()
    admin.close()
