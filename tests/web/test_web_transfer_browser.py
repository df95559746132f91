"""In chromium (Playwright) against a live server: download every kind of export from the pages'
menus and read the files back, print a project page with the print stylesheet, and upload several
files through the file picker and by dropping them on the drop zone. Screenshots, downloads and the
printed PDF go to ``test-artifacts/``."""

from __future__ import annotations

import base64
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from test_web_browser import ARTIFACTS, _login, _shot, browser, live_url  # noqa: F401 (fixtures)
from test_web_exports import NAMES, PUBLISHED, projects_in
from test_web_uploads import EXAMPLE, variant

from jixiao.store.database import make_engine

pytestmark = pytest.mark.browser
DOWNLOADS = ARTIFACTS / "downloads"


def publish(db_url: str) -> None:
    from sqlalchemy import update
    from sqlalchemy.orm import Session

    from jixiao.store.schema import ProjectRow

    engine = make_engine(db_url)
    with Session(engine) as session:
        session.execute(update(ProjectRow).where(ProjectRow.id.in_(PUBLISHED)).values(status="approved"))
        session.commit()
    engine.dispose()


def fetch(page: Any, fmt: str, layout: str) -> tuple[str, bytes]:
    """Click a link of the page's download menu; the file's suggested name and bytes."""
    with page.expect_download() as info:
        page.click(f"#export-menu a[data-format={fmt}][data-layout={layout}]")
    download = info.value
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    target = DOWNLOADS / download.suggested_filename
    download.save_as(target)
    return download.suggested_filename, target.read_bytes()


def test_download_each_kind_and_print(live_url: str, browser: Any, db_url: str) -> None:  # noqa: F811
    publish(db_url)
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60000)
    # A visitor's filtered list: the published projects only, in every format.
    page.goto(f"{live_url}/projects?region=门源县&year=2023")
    _shot(page, "export-1-list-menu")
    kinds = [("xlsx", "list", "公开表"), ("pdf", "list", "公开表"), ("html", "list", "公开表"),
             ("csv", "flat", "指标数据"), ("pdf", "grid", "绩效目标表")]
    for fmt, layout, word in kinds:
        name, data = fetch(page, fmt, layout)
        assert name == f"项目列表-门源县-2023-{word}.{fmt}"
        assert projects_in(fmt, data) == PUBLISHED
    name, data = fetch(page, "csv", "findings")
    assert name == "项目列表-门源县-2023-审核意见.csv" and b"rule,name,severity" in data
    # A unit user's project page (a draft) and document page, and search results.
    _login(page, live_url, "unit1")
    page.goto(f"{live_url}/projects/3")
    name, data = fetch(page, "pdf", "grid")
    assert name == "门源县总工会工会经费-绩效目标表.pdf" and projects_in("pdf", data) == {3}
    name, data = fetch(page, "xlsx", "findings")
    assert name.endswith("审核意见.xlsx") and projects_in("xlsx", data) == {3}
    page.goto(f"{live_url}/documents/1")
    name, data = fetch(page, "html", "list")
    assert projects_in("html", data) == set(NAMES)
    page.goto(f"{live_url}/search?q=早餐")
    name, data = fetch(page, "csv", "flat")
    assert name == "搜索“早餐”的结果-指标数据.csv" and projects_in("csv", data) == {1}
    # Printing: no navigation or buttons, rows kept whole, the header row repeated on each page.
    page.goto(f"{live_url}/projects/3")
    page.emulate_media(media="print")
    assert page.is_hidden("header.top") and page.is_hidden("#export-menu") and page.is_hidden(".actions")
    style = "e => getComputedStyle(e).{}"
    assert page.eval_on_selector("table.tree thead", style.format("display")) == "table-header-group"
    assert page.eval_on_selector("table.tree tbody tr", style.format("breakInside")) == "avoid"
    _shot(page, "export-2-print-project")
    printed = page.pdf(format="A4", landscape=True, print_background=True)
    (ARTIFACTS / "web-print-project.pdf").write_bytes(printed)
    with pdfplumber.open(io.BytesIO(printed)) as pdf:
        # chromium writes some characters as their radical forms (⼯ for 工): NFKC folds them back
        pages = [unicodedata.normalize("NFKC", p.extract_text() or "") for p in pdf.pages]
    assert "工会经费" in pages[0] and "序号 3" in pages[0]
    assert "jixiao" not in "".join(pages), "the site's header and footer are not printed"
    table = [text for text in pages if "三级指标" in text]  # the indicator table starts on page 2 ...
    assert len(pages) == 3 and table == pages[1:], "... and its header row repeats on page 3"
    context.close()


def _done(page: Any, rows: int) -> None:
    page.wait_for_function(
        "n => { const r = document.querySelectorAll('#upload-results tbody tr');"
        " return r.length === n && [...r].every(x => x.dataset.state !== 'uploading'); }", arg=rows)


def test_upload_by_picker_and_drop(live_url: str, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(60000)
    _login(page, live_url, "unit1")
    page.click("#nav-upload")
    page.wait_for_selector("#dropzone")
    _shot(page, "upload-1-empty")
    own, bad = tmp_path / "本单位目标.json", tmp_path / "说明.txt"
    own.write_bytes(variant("003006", "浏览器上传"))
    bad.write_text("只有一段说明文字。", encoding="utf-8")
    page.set_input_files("#files", [str(own), str(bad)])
    _done(page, 2)
    states = page.eval_on_selector_all("#upload-results tbody tr", "rs => rs.map(r => r.dataset.state)")
    assert states == ["stored", "refused"]
    assert "未识别出绩效目标表" in page.inner_text("#upload-results tbody tr:nth-child(2)")
    # Dropping files on the drop zone (a drop event carrying a DataTransfer, as a real drag ends).
    files = [{"name": "menyuan-2023.txt", "b64": base64.b64encode(EXAMPLE.read_bytes()).decode()},
             {"name": "他单位.json", "b64": base64.b64encode(variant("003007", "他单位")).decode()},
             {"name": "大文件.pdf", "b64": base64.b64encode(b"%PDF-1.4\n" + b"0" * 3_000_000).decode()}]
    transfer = page.evaluate_handle(
        """files => { const dt = new DataTransfer();
             for (const f of files) {
               const bytes = Uint8Array.from(atob(f.b64), c => c.charCodeAt(0));
               dt.items.add(new File([bytes], f.name)); }
             return dt; }""", files)
    page.dispatch_event("#dropzone", "dragover", {"dataTransfer": transfer})
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})
    _done(page, 5)
    states = page.eval_on_selector_all("#upload-results tbody tr", "rs => rs.map(r => r.dataset.state)")
    assert states == ["stored", "refused", "already", "refused", "refused"]
    assert page.eval_on_selector_all("#upload-results progress", "ps => ps.map(p => p.value)") == [100] * 5
    rows = page.inner_text("#upload-results tbody")
    assert "只能上传本单位（003006）的项目" in rows and "已存储过（未重复存储）" in rows
    assert "已拒绝：无法读取文件（damaged PDF" in rows  # a reader's English reason, said in Chinese first
    _shot(page, "upload-2-results")
    page.click("#upload-results tbody tr:first-child a")
    page.wait_for_selector("text=浏览器上传")
    assert page.locator("table.list tbody tr").count() == 3


def test_upload_progress_moves(live_url: str, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    """On a slow line (chromium's network emulation, 400 KB/s up) the bar shows the bytes sent."""
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    page.set_default_timeout(60000)
    _login(page, live_url, "admin1")
    page.goto(f"{live_url}/upload")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 20,
                                                  "downloadThroughput": -1, "uploadThroughput": 400_000})
    big = tmp_path / "慢速上传.txt"
    big.write_bytes("说明文字，没有表格。\n".encode() * 150_000)  # 4.5 MB of prose: refused in the end
    page.set_input_files("#files", str(big))
    page.wait_for_function("() => { const p = document.querySelector('#upload-results progress');"
                           " return p && p.value > 5 && p.value < 90; }")
    assert re.fullmatch(r"上传中 \d{1,2}%", page.inner_text("#upload-results td.state"))
    _shot(page, "upload-3-progress")
    _done(page, 1)
    assert page.get_attribute("#upload-results tbody tr", "data-state") == "refused"
