"""HTML and PDF (one template): structure, escaping, embedded CJK fonts, repeated header rows, the
text layer, page numbers across parts, and screenshots of each layout's first page."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from export_samples import many_projects
from lxml import html as lxml_html

from jixiao.export import export_bytes, pdf_export
from jixiao.model import Document

FINDINGS = [{"rule": "TIM001", "name": "deadline-before-budget-year", "severity": "error",
             "message": "资金发放时限早于预算年度", "project": "1", "indicator": "资金发放时限"}]
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")


def _pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_html_list_is_a_table_with_a_header(seed_doc: Document) -> None:
    tree = lxml_html.fromstring(export_bytes(seed_doc, "html", "list"))
    assert tree.findtext(".//h1") == seed_doc.title
    assert [th.text for th in tree.findall(".//thead/tr/th")] == [
        "单位编码", "单位及项目名称", "金额(万元)", "绩效目标", "绩效指标"]
    rows = tree.findall(".//tbody/tr")
    assert [r.get("class") for r in rows] == ["total", "unit", "unit"] + ["project"] * 5
    third = rows[5].findall("td")
    assert third[1].text == "门源县总工会工会经费" and third[2].text == "400.00"
    lines = [p.text for p in third[4].findall("p")]
    assert lines[:3] == ["一、产出指标", "(一)数量指标:", "1.建设职工之家 ≥10个"]
    assert len([x for x in lines if re.match(r"\d+\.", x or "")]) == len(seed_doc.projects[2].indicators)


def test_html_escapes_text(sample_doc: Document) -> None:
    page = export_bytes(sample_doc, "html", "grid").decode()
    assert "学生资助&lt;补助&gt;&amp;营养餐" in page and "<补助>" not in page


def test_html_grid_rowspans(sample_doc: Document) -> None:
    tree = lxml_html.fromstring(export_bytes(sample_doc, "html", "grid"))
    section = tree.find(".//section[@id='project-1']")
    assert section is not None
    label = section.find(".//td[@class='label']")
    assert label is not None and label.get("rowspan") == "8"  # the 绩效指标 column beside all eight
    spans = {td.text: td.get("rowspan") for td in section.iter("td") if td.get("rowspan") and td is not label}
    assert spans == {"产出指标": "5", "数量指标": "2", "效益指标": "2", "社会效益指标": "1",
                     "可持续影响指标": "1", "满意度指标": "1", "服务对象满意度指标": "1", "质量指标": "1",
                     "时效指标": "1", "成本指标": "1"}
    assert [th.text for th in section.findall(".//thead/tr/th")] == [
        "绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]  # a thead: repeated on every PDF page


def test_html_findings_link_to_project_forms(sample_doc: Document) -> None:
    tree = lxml_html.fromstring(export_bytes(sample_doc, "html", "findings", findings=FINDINGS))
    links = [a.get("href") for a in tree.iter("a")]
    assert links == ["#project-1"]
    assert tree.find(".//section[@id='project-1']") is not None
    assert "共 1 条：错误 1，警告 0，提示 0" in (tree.findtext(".//p[@class='summary']") or "")


def _cells(data: bytes) -> set[str]:
    """Every table cell's text (whitespace removed: wrapped lines inside a cell join up)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return {"".join((cell or "").split()) for page in pdf.pages for table in page.extract_tables()
                for row in table for cell in row}


def test_pdf_text_layer_has_every_project_name_and_amount(seed_doc: Document) -> None:
    cells = _cells(export_bytes(seed_doc, "pdf", "list"))
    for project in seed_doc.projects:
        assert "".join(project.name.split()) in cells
        assert f"{project.amount:.2f}" in cells
    assert "435.21" in cells


def test_pdf_repeats_header_row_and_numbers_pages(seed_doc: Document) -> None:
    pages = _pages(export_bytes(seed_doc, "pdf", "list"))
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):
        assert "单位编码" in page and "绩效指标" in page
        assert re.search(rf"第\s*{number}\s*页", page)


@needs_poppler
def test_pdf_embeds_cjk_fonts(seed_doc: Document, tmp_path: Path) -> None:
    pdf = tmp_path / "grid.pdf"
    pdf.write_bytes(export_bytes(seed_doc, "pdf", "grid"))
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True,
                             timeout=60).stdout.decode()
    fonts = [line.split() for line in listing.splitlines()[2:]]
    cjk = [f for f in fonts if "CJK" in f[0]]
    assert cjk, listing
    assert all(f[-5] == "yes" for f in fonts), listing  # the "emb" column: every font embedded


def test_pdf_list_numbers_every_page() -> None:
    doc = many_projects(10, indicators=3)
    pages = _pages(export_bytes(doc, "pdf", "list"))
    numbers = [int(m.group(1)) for p in pages if (m := re.search(r"第\s*(\d+)\s*页", p))]
    assert numbers == list(range(1, len(pages) + 1))
    text = "".join(pages)
    assert all(p.name in text for p in doc.projects)
    assert text.count("单位编码") == len(pages)  # every page


def test_pdf_grid_parts_keep_every_form(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_export, "PART_SIZE", 2)
    doc = many_projects(5, indicators=2)
    pages = _pages(export_bytes(doc, "pdf", "grid"))
    assert len(pages) == 5  # one form per page, three parts joined
    assert [int(m.group(1)) for p in pages if (m := re.search(r"第\s*(\d+)\s*页", p))] == [1, 2, 3, 4, 5]
    assert [p.name in page for p, page in zip(doc.projects, pages, strict=True)] == [True] * 5


@needs_poppler
@pytest.mark.parametrize("layout", ["list", "grid", "findings"])
def test_screenshots_of_first_pages(layout: str, seed_doc: Document, artifacts: Path) -> None:
    pdf = artifacts / f"menyuan-{layout}.pdf"
    pdf.write_bytes(export_bytes(seed_doc, "pdf", layout, findings=FINDINGS))
    prefix = artifacts / f"menyuan-{layout}"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(prefix)], check=True, timeout=60)
    png = prefix.with_suffix(".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                          timeout=60).stdout.decode()
    assert all(p.name in "".join(text.split()) for p in seed_doc.projects)


def test_pdf_findings_location_plain_and_unwrapped(seed_doc: Document) -> None:
    """Issue 13: the findings PDF shows no blue links and keeps a location on one line."""
    import pypdfium2  # type: ignore[import-untyped]

    findings = [dict(FINDINGS[0], location={"source": "menyuan-2023.txt", "line": 9})]
    data = export_bytes(seed_doc, "pdf", "findings", findings=findings)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines = (pdf.pages[0].extract_text() or "").splitlines()
    assert any("menyuan-2023.txt:9" in line for line in lines), lines
    pdf_doc = pypdfium2.PdfDocument(data)
    try:
        image = pdf_doc[0].render(scale=1).to_pil().convert("RGB")
    finally:
        pdf_doc.close()
    pixels = image.tobytes()
    rgb = zip(pixels[0::3], pixels[1::3], pixels[2::3], strict=True)
    blue = sum(1 for r, g, b in rgb if b > 150 and b - r > 80 and b - g > 40)
    assert blue == 0


def test_grid_fills_units_and_two_decimal_amounts(seed_doc: Document) -> None:
    """Issue 13: 主管部门/实施单位 from the document's units; amounts always with two decimals."""
    tree = lxml_html.fromstring(export_bytes(seed_doc, "html", "grid"))
    first = tree.find(".//section")
    assert first is not None
    cells = [td.text_content().strip() for td in first.iter("td")]
    assert cells[1] and cells[2], cells  # 主管部门, 实施单位
    amounts = [td.text_content().strip() for td in tree.iter("td") if "num" in (td.get("class") or "")]
    assert amounts and all(re.fullmatch(r"\d+\.\d\d", a) for a in amounts), amounts


def test_pdf_list_fills_pages(seed_doc: Document) -> None:
    """Issue 13: a tall project row splits at the page end (closed by a rule) instead of moving on
    and leaving one project per page."""
    data = export_bytes(seed_doc, "pdf", "list")
    pages = _pages(data)
    first = "".join(pages[0].split())
    assert "环卫工人爱心早餐" in first and "厂务公开经费" in first
    assert len(pages) < len(seed_doc.projects)
