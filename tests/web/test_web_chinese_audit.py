"""Issue 13's Chinese-only page audit: every page, as a visitor, a unit user, a reviewer and an
administrator, in the default language, shows no Latin-script sentence.

The detector (:func:`latin_sentences`) looks at what a person sees — the rendered text of the page
(``innerText``: hidden elements and closed dialogs excluded), its title and its placeholders — and
flags a run of two or more Latin-script words. Rule codes (VAL003), identifiers and usernames
(unit1), file names (menyuan-2023.txt), numbers and units (万元, %) are not words: a word is
letters only, and anything with a digit, a dot or a CJK character ends the run. Screenshots of the
pages go to ``test-artifacts/``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_fixtures import _login, _shot, browser, review_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

#: two or more Latin-script words in a row (separated by spaces and light punctuation only): stricter
#: than "a sentence", so English labels like "edit indicator" are caught too
_SENTENCE = re.compile(r"(?<![\w.\-/])[A-Za-z][A-Za-z'’]*(?:[ ,;:'’()\-]+[A-Za-z][A-Za-z'’]*)+(?![\w.\-/])")


def latin_sentences(text: str) -> list[str]:
    """The runs of two or more Latin-script words in ``text``."""
    return [m.group(0) for m in _SENTENCE.finditer(text)]


def test_the_detector_flags_sentences_not_identifiers() -> None:
    assert latin_sentences("应为 expected: a date within 2023") == ["expected: a date within"]
    assert latin_sentences("wrong username or password") == ["wrong username or password"]
    assert latin_sentences("project 9999 not found") == ["not found"]
    assert latin_sentences("edit indicator：1 → 2") == ["edit indicator"]
    assert latin_sentences("Method Not Allowed") == ["Method Not Allowed"]
    for fine in ("VAL003 未写运算符", "jixiao 预算项目支出绩效目标 · 接口文档", "PDF 导出", "审核人 admin1",
                 "unit1（预算单位 · 003006）", "menyuan-2023.txt 第 9 行", "≥95%",
                 "jixiao 绩效目标", "TIM001 CON001 VAL005", "sha256 3f2a9c1b0d4e", "2023-12-28"):
        assert latin_sentences(fine) == [], fine


def _visible_text(page: Any) -> str:
    return str(page.evaluate("""() => [document.title, document.body.innerText,
        ...Array.from(document.querySelectorAll('[placeholder]')).filter(e => e.offsetParent)
            .map(e => e.getAttribute('placeholder'))].join('\\n')"""))


def _audit(page: Any, url: str, found: dict[str, list[str]], *, status: int | None = None,
           shot: str | None = None) -> None:
    response = page.goto(url)
    if status is not None:
        assert response is not None and response.status == status, (url, response and response.status)
    page.wait_for_load_state("load")
    problems = latin_sentences(_visible_text(page))
    if problems:
        found[url] = problems
    if shot:
        _shot(page, shot)


def _open_dialogs(page: Any, found: dict[str, list[str]], label: str) -> None:
    """Open each confirmation dialog and the comment box, audit what they show, close them again."""
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    for button in page.locator("button[data-dialog]").all():
        button.click()
        problems = latin_sentences(_visible_text(page))
        if problems:
            found[f"{label} (dialog)"] = problems
        page.locator("dialog[open] button[data-close-dialog]").click()


def _prepare(page: Any, base: str) -> dict[str, int]:
    """Projects in each state: one approved (for visitors), one submitted (for the reviewer), one
    returned with comments, the rest drafts."""
    _login(page, base, "admin1")
    ids = {p["name"]: p["id"] for p in page.request.get(f"{base}/api/v1/projects").json()["items"]}
    _login(page, base, "unit1")
    token = page.request.get(f"{base}/api/v1/auth/me").json()["csrf_token"]
    for name in ("环卫工人爱心早餐", "厂务公开经费", "维权经费"):
        done = page.request.post(f"{base}/api/v1/projects/{ids[name]}/submit",
                                 headers={"X-CSRF-Token": token}, data={"confirm": True, "comment": "已核实"})
        assert done.ok, done.text()
    _login(page, base, "reviewer1")
    headers = {"X-CSRF-Token": page.request.get(f"{base}/api/v1/auth/me").json()["csrf_token"]}
    assert page.request.post(f"{base}/api/v1/projects/{ids['环卫工人爱心早餐']}/approve", headers=headers,
                             data={"comment": "同意"}).ok
    assert page.request.post(f"{base}/api/v1/projects/{ids['维权经费']}/comments", headers=headers,
                             data={"text": "请补充测算依据"}).ok
    assert page.request.post(f"{base}/api/v1/projects/{ids['维权经费']}/return", headers=headers,
                             data={"comment": "请按批注修改"}).ok
    _login(page, base, "unit1")  # an edit, so the editor's change log has an entry
    headers = {"X-CSRF-Token": page.request.get(f"{base}/api/v1/auth/me").json()["csrf_token"]}
    project = page.request.get(f"{base}/api/v1/projects/{ids['维权经费']}").json()["project"]
    first = project["indicators"][0]
    edited = page.request.put(f"{base}/api/v1/indicators/{first['id']}", headers=headers, data={
        "name": first["name"], "operator": "≥", "value": "90%", "level1": first["level1"],
        "level2": first["level2"], "version": first["version"]})
    assert edited.ok, edited.text()
    return ids


def test_every_page_speaks_chinese(review_url: str, browser: Any) -> None:  # noqa: F811
    live_url = review_url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15000)
    ids = _prepare(page, live_url)
    published, submitted, returned = ids["环卫工人爱心早餐"], ids["厂务公开经费"], ids["维权经费"]
    draft = ids["门源县总工会工会经费"]
    found: dict[str, list[str]] = {}
    common = ["/", "/projects", "/documents/1", f"/projects/{published}", "/search?q=经费", "/dashboard"]

    page.context.clear_cookies()  # a visitor
    for path in [*common, "/login"]:
        _audit(page, live_url + path, found)
    _audit(page, f"{live_url}/projects/99999", found, status=404, shot="audit-404")
    _audit(page, f"{live_url}/admin/users", found, status=401)
    _audit(page, f"{live_url}/queue", found, status=401)
    _audit(page, f"{live_url}/logout", found, status=405)
    _audit(page, f"{live_url}/projects/abc", found, status=422)
    _audit(page, f"{live_url}/projects/{draft}", found, status=404)
    page.goto(f"{live_url}/login")
    page.fill("input[name=username]", "unit1")
    page.fill("input[name=password]", "not the password")
    page.click("form.stack button[type=submit]")
    page.wait_for_selector("p.error")
    if latin_sentences(_visible_text(page)):
        found["login refused"] = latin_sentences(_visible_text(page))

    _login(page, live_url, "unit1")
    page.goto(f"{live_url}/projects/{draft}")  # a refused submit: the flash says why
    page.evaluate("""() => { const f = document.querySelector('dialog form');
        f.querySelector('[name=confirm]').remove(); f.querySelector('textarea').removeAttribute('required');
        f.submit(); }""")
    page.wait_for_selector("p.flash")
    assert "未完成：项目有 1 个未解决的错误" in page.inner_text("p.flash")
    if latin_sentences(_visible_text(page)):
        found["refused submit"] = latin_sentences(_visible_text(page))
    for path in [*common, f"/projects/{draft}", f"/projects/{returned}", f"/projects/{draft}/edit",
                 f"/projects/{returned}/edit", f"/projects/{draft}/grid", "/upload",
                 f"/projects/{published}/year", f"/projects/{published}/year/monitoring",
                 f"/projects/{published}/year/self-evaluation"]:
        _audit(page, live_url + path, found)
    _audit(page, f"{live_url}/projects/{draft}", found, shot="audit-unit-draft")
    _open_dialogs(page, found, "unit draft")
    _audit(page, f"{live_url}/admin/users", found, status=403)
    _audit(page, f"{live_url}/projects/{submitted}/edit", found, status=403)

    _login(page, live_url, "reviewer1")
    for path in [*common, f"/projects/{returned}", "/queue?sort=errors&order=desc", "/year/board",
                 f"/projects/{published}/year"]:
        _audit(page, live_url + path, found)
    _audit(page, f"{live_url}/projects/{submitted}", found, shot="audit-reviewer-submitted")
    _open_dialogs(page, found, "reviewer submitted")

    _login(page, live_url, "admin1")
    for path in [*common, f"/projects/{draft}", "/queue", "/admin/users", "/admin/users/unit1", "/upload"]:
        _audit(page, live_url + path, found)
    _audit(page, f"{live_url}/admin/users/nobody", found, status=404)
    page.close()
    assert found == {}, found
