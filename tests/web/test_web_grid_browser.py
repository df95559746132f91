"""The grid editor in a real browser (Playwright driving Debian's chromium) against a live server.

Edits cells by keyboard, picks 一级/二级 from the dropdowns, pastes a 3-row tab-separated block (with
its header row) from a simulated clipboard, sees the live finding beside the row, saves once and
finds everything after a reload; a save on a stale grid shows the conflict and keeps the edits.
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_fixtures import _login, _shot, browser, live_server  # noqa: F401  (browser: a fixture)

pytestmark = pytest.mark.browser
#: the ports these tests may listen on (JIXIAO_TEST_PORTS-style range given to this suite)
PORTS = range(8170, 8180)


@pytest.fixture
def live_url(db_url: str) -> Iterator[str]:
    with live_server(db_url, PORTS, "grid-browser-test") as url:
        yield url


def _cell(page: Any, row: int, key: str) -> Any:
    return page.locator(f"#grid tbody tr:nth-child({row}) [name={key}]")


PASTE = "一级指标\t二级指标\t三级指标\t指标值\t计量单位\n" \
        "产出指标\t质量指标\t验收合格率\t≥98%\t\n" \
        "效益指标\t社会效益指标\t受益职工人数\t500\t人次\n" \
        "满意度指标\t服务对象满意度指标\t职工满意度\t≥90\t%\n"


def _paste(page: Any, selector: str, text: str) -> None:
    """A paste event carrying ``text`` as the clipboard's text/plain (what Excel puts there)."""
    page.eval_on_selector(selector, """(el, text) => {
        el.focus();
        const data = new DataTransfer();
        data.setData('text/plain', text);
        el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }""", text)


def test_grid_keyboard_dropdowns_paste_live_review_and_one_save(live_url: str, browser: Any) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.set_default_timeout(15000)
    _login(page, live_url, "unit1")
    page.goto(f"{live_url}/projects/1")
    page.click("a:has-text('表格编辑')")
    page.wait_for_selector("#grid tbody tr")
    rows = page.locator("#grid tbody tr")
    assert rows.count() == 8
    # "30天" was written with no operator: the dropdown says 未写明, not "=", beside VAL003
    first_op = _cell(page, 1, "operator")
    assert first_op.input_value() == ""
    assert first_op.locator("option:checked").inner_text() == "未写明"
    assert "VAL003" in rows.nth(0).locator("td.review").inner_text()
    _shot(page, "grid-1-loaded")

    # keyboard: type in a cell, Enter moves down a row, arrows move across and up
    name = _cell(page, 1, "name")
    name.click()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('tr').rowIndex") == 2
    page.keyboard.press("ArrowUp")
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")  # at the end of the name: on to the operator
    assert page.evaluate("document.activeElement.name") == "operator"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Control+a")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "unit"
    # the operator of row 1 chosen from its dropdown
    first_op.select_option("≥")
    rows.nth(0).locator("td.review").get_by_text("VAL003").wait_for(state="detached")

    # live review: a cost above the project's 30万元 is flagged beside its row as it is typed
    cost = page.locator("#grid tbody tr", has=page.locator("input[name=name][value='爱心早餐成本']"))
    cost_value = cost.locator("input[name=value]")
    cost_value.fill("50")
    cost.locator("td.review").get_by_text("CST001").wait_for()
    _shot(page, "grid-2-live-finding")
    cost_value.fill("30")
    cost.locator("td.review").get_by_text("CST001").wait_for(state="detached")

    # a new row at the end: 一级 then 二级 from dropdowns (the 二级 list follows the 一级)
    page.click("#grid-add")
    assert rows.count() == 9
    level1 = _cell(page, 9, "level1")
    level1.select_option("效益指标")
    level2_options = _cell(page, 9, "level2").locator("option").all_inner_texts()
    assert "社会效益指标" in level2_options and "数量指标" not in level2_options
    _cell(page, 9, "level2").select_option("社会效益指标")
    _cell(page, 9, "name").fill("受益职工人数占比")
    _cell(page, 9, "value").fill("60")
    _cell(page, 9, "unit").fill("%")

    # paste three rows from a spreadsheet (header row first) into a new row's 一级 cell
    page.click("#grid-add")
    _paste(page, "#grid tbody tr:nth-child(10) [name=level1]", PASTE)
    page.wait_for_selector("text=已粘贴 3 行（已跳过表头行）")
    assert rows.count() == 12
    assert _cell(page, 10, "name").input_value() == "验收合格率"
    assert _cell(page, 10, "operator").input_value() == "≥"
    assert _cell(page, 10, "value").input_value() == "98%"
    assert _cell(page, 11, "level2").input_value() == "社会效益指标"
    assert _cell(page, 12, "level1").input_value() == "满意度指标"
    # the pasted bare "500人次" has no operator: the review says so beside that row
    rows.nth(10).locator("td.review").get_by_text("VAL003").wait_for()
    _shot(page, "grid-3-pasted")

    # move the new row up by keyboard, delete the second row by its button
    _cell(page, 9, "name").focus()
    page.keyboard.press("Alt+ArrowUp")
    assert _cell(page, 8, "name").input_value() == "受益职工人数占比"
    second = _cell(page, 2, "name").input_value()
    rows.nth(1).locator("button[data-op=delete]").click()
    assert rows.count() == 11

    page.click("#grid-save")
    page.wait_for_selector("text=已保存：新增 4 行")
    _shot(page, "grid-4-saved")
    page.reload()
    page.wait_for_selector("#grid tbody tr")
    names = [_cell(page, i, "name").input_value() for i in range(1, rows.count() + 1)]
    assert rows.count() == 11 and second not in names
    assert names[6] == "受益职工人数占比" and names[-3:] == ["验收合格率", "受益职工人数", "职工满意度"]
    assert _cell(page, 1, "operator").input_value() == "≥" and _cell(page, 1, "value").input_value() == "2"
    assert _cell(page, 7, "level2").input_value() == "社会效益指标"
    page.close()


def test_grid_stale_save_shows_the_conflict_and_keeps_the_edits(live_url: str, browser: Any) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.set_default_timeout(15000)
    _login(page, live_url, "unit1")
    page.goto(f"{live_url}/projects/1/grid")
    page.wait_for_selector("#grid tbody tr")
    # meanwhile a colleague saves one indicator through the row editor's API
    me = page.request.get(f"{live_url}/api/v1/auth/me").json()
    other = page.request.put(f"{live_url}/api/v1/indicators/1", headers={"X-CSRF-Token": me["csrf_token"]},
                             data={"name": "举办活动天数", "operator": "≥", "value": "31", "unit": "天",
                                   "version": 0})
    assert other.status == 200, other.text()
    # Enter moves down; Ctrl+Enter inserts a row below, Ctrl+Delete removes it again
    rows = page.locator("#grid tbody tr")
    _cell(page, 3, "value").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("[document.activeElement.closest('tr').rowIndex, document.activeElement.name]") == [
        4, "value"]
    page.keyboard.press("Control+Enter")
    assert rows.count() == 9 and page.evaluate("document.activeElement.closest('tr').rowIndex") == 5
    assert _cell(page, 5, "name").input_value() == ""
    page.keyboard.press("Control+Delete")
    assert rows.count() == 8
    _cell(page, 2, "value").fill("3")
    page.click("#grid-save")
    page.wait_for_selector("#grid-status.error")
    assert "指标表已被他人修改" in page.inner_text("#grid-status")
    assert _cell(page, 2, "value").input_value() == "3"  # nothing lost in the grid
    page.locator("#grid tbody tr:nth-child(2) td.review").get_by_text("3次").wait_for()  # checked again
    assert page.inner_text("#grid-status").startswith("指标表已被他人修改")
    _shot(page, "grid-5-conflict")
    page.reload()
    page.wait_for_selector("#grid tbody tr")
    assert _cell(page, 1, "value").input_value() == "31" and _cell(page, 2, "value").input_value() == "1"
    page.close()
