"""Reader building blocks: spreadsheet number display, HTML decoding and spans, sniffing by content,
PDF soft wraps and page-break joining."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reader_fixtures import FORMATS

from jixiao.model.location import Location
from jixiao.readers import Paragraph, Table, detect, read_bytes
from jixiao.readers.base import Cell
from jixiao.readers.cell_values import number_text, value_text
from jixiao.readers.glyphs import fix_radicals
from jixiao.readers.html import decode
from jixiao.readers.pdf_pages import PageTable, join_pages
from jixiao.readers.pdf_text import cell_text


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (435.21, "0.00", "435.21"),
        (4.0, "0.00", "4.00"),
        (4.0, "General", "4"),
        (0.1 + 0.2, "General", "0.3"),
        (2.675, "0.00", "2.68"),  # half up on the displayed value, as Excel shows it
        (24.998, "0.000", "24.998"),
        (1234567.5, "#,##0.00", "1234567.50"),
        (0.98, "0%", "98%"),
        (0.955, "0.0%", "95.5%"),
        (387664.62, None, "387664.62"),
        (30, "0", "30"),
    ],
)
def test_number_text_shows_the_written_decimals(value: float, fmt: str | None, text: str) -> None:
    assert number_text(value, fmt) == text
    assert Decimal(text.rstrip("%"))  # always a plain decimal, never an exponent or float noise


def test_value_text_of_other_types() -> None:
    import datetime as dt

    assert value_text(None) == ""
    assert value_text(" a\r\nb ") == "a\nb"
    assert value_text(dt.datetime(2021, 12, 31)) == "2021-12-31"
    assert value_text(True) == "TRUE"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ('<meta charset="gbk"><p>绩效目标</p>'.encode("gbk"), "gb18030"),
        ("<p>绩效目标 𠀋</p>".encode("gb18030"), "gb18030"),  # no meta, not UTF-8
        ("<p>绩效目标</p>".encode(), "utf-8"),
        ('<meta charset="utf-8"><p>绩效目标</p>'.encode("gbk"), "gb18030"),  # a lying meta
    ],
)
def test_html_decoding(data: bytes, encoding: str) -> None:
    text, used = decode(data)
    assert "绩效目标" in text and used == encoding


def test_html_spans_nesting_and_paragraphs() -> None:
    page = """<html><body><h2>标题</h2><table><tr><td>
      <table><tr><td rowspan="2">产出指标</td><td colspan="2">数量指标</td></tr>
             <tr><td>a<br>b</td><td><p>x</p><p>y</p></td></tr></table>
    </td></tr></table><p>注:说明</p><table><tr><td>second</td></tr></table></body></html>"""
    source = read_bytes(page.encode(), "t.html")
    kinds = [type(b).__name__ for b in source.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph", "Table"]
    table = source.blocks[1]
    assert isinstance(table, Table)
    grid = [[(c.text, c.rowspan, c.colspan) for c in row] for row in table.rows]
    assert grid == [
        [("产出指标", 2, 1), ("数量指标", 1, 2), ("", 0, 0)],
        [("", 0, 0), ("a\nb", 1, 1), ("x\ny", 1, 1)],
    ]
    assert table.rows[1][2].location.row == 2 and table.rows[1][2].location.column == 3
    assert table.rows[0][0].location.line == 2 and table.rows[1][1].location.line == 3  # source lines


@pytest.mark.parametrize(
    ("stem", "reader"), [("xlsx", "xlsx"), ("xls", "xls"), ("docx", "docx"), ("pdf", "pdf"), ("html", "html")]
)
def test_sniffing_ignores_a_wrong_extension(stem: str, reader: str) -> None:
    data = (FORMATS / f"puyang-2021-target.{stem}").read_bytes()
    assert detect(data, "download.txt").name == reader
    assert detect(data, "").name == reader


def _chars(lines: list[tuple[str, float, float]]) -> list[dict[str, object]]:
    """Synthetic pdfplumber chars: (text, x0 of first char, top), 10pt wide each."""
    out: list[dict[str, object]] = []
    for text, x0, top in lines:
        for i, ch in enumerate(text):
            out.append(
                {
                    "text": ch,
                    "x0": x0 + 10 * i,
                    "x1": x0 + 10 * (i + 1),
                    "top": top,
                    "bottom": top + 10,
                    "size": 10,
                }
            )
    return out


def test_pdf_cell_text_joins_soft_wraps_and_keeps_real_breaks() -> None:
    bbox = (0.0, 0.0, 104.0, 60.0)
    chars = _chars([("一二三四五六七八九十", 2, 2), ("十一", 2, 14), ("二、效益指标", 2, 26)])
    assert cell_text(chars, bbox) == "一二三四五六七八九十十一\n二、效益指标"  # type: ignore[arg-type]


def test_radicals_become_ideographs() -> None:
    assert fix_radicals("项⽬部⻔⻓期") == "项目部门长期"


def _row(*texts: str, page: int = 1) -> list[Cell]:
    return [Cell(t, Location("x.pdf", page=page)) for t in texts]


def test_join_pages_drops_repeated_header_and_glues_a_cut_row() -> None:
    head = _row("单位编码", "名称", "绩效指标")
    first = PageTable([head, _row("1", "甲", "一、产出指标\n1.数量 10个\n2.质量 100%")], 1, (0, 0, 1, 1), 800)
    second = PageTable(
        [
            _row("单位编码", "名称", "绩效指标", page=2),
            _row("", "", "3.时效 及时", page=2),
            _row("2", "乙", "x", page=2),
        ],
        2,
        (0, 0, 1, 1),
        800,
    )
    blocks = join_pages([first, Paragraph(Cell("- 1 -", Location("x.pdf"))), second])
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1
    texts = [[c.text for c in row] for row in tables[0].rows]
    assert texts == [
        ["单位编码", "名称", "绩效指标"],
        ["1", "甲", "一、产出指标\n1.数量 10个\n2.质量 100%\n3.时效 及时"],
        ["2", "乙", "x"],
    ]


def test_join_pages_keeps_a_new_grid_row_at_the_top_of_a_page() -> None:
    first = PageTable([_row("", "产出指标", "数量指标", "a", "1个")], 1, (0, 0, 1, 1), 800)
    second = PageTable([_row("", "", "质量指标", "b", "100%", page=2)], 2, (0, 0, 1, 1), 800)
    (table,) = join_pages([first, second])
    assert isinstance(table, Table) and len(table.rows) == 2


def test_join_pages_does_not_join_across_real_text() -> None:
    first = PageTable([_row("a", "b")], 1, (0, 0, 1, 1), 800)
    second = PageTable([_row("c", "d", page=2)], 2, (0, 0, 1, 1), 800)
    blocks = join_pages([first, Paragraph(Cell("二、项目支出绩效目标表", Location("x.pdf"))), second])
    assert [type(b).__name__ for b in blocks] == ["Table", "Paragraph", "Table"]


def test_seed_pdf_rows_cut_by_page_breaks_are_glued_back() -> None:
    import pdfplumber

    from jixiao.readers.pdf import _find_tables, _page

    path = FORMATS / "menyuan-2023.pdf"
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 3
        firsts = []
        for n, page in enumerate(pdf.pages[1:], start=2):
            assert len(page.find_tables()) <= len(_find_tables(page))
            items, _ = _page(page, path.name, n)
            firsts.append(next(i for i in items if not isinstance(i, Paragraph)).rows[1])
    assert any(not row[0].text and row[4].text for row in firsts)  # a page starts inside a cut row
    source = read_bytes(path.read_bytes(), path.name)
    (table,) = [b for b in source.blocks if isinstance(b, Table)]
    headers = [r for r in table.rows if r[0].text == "单位编码"]
    assert len(headers) == 2  # the first, and the one the original repeats; the PDF's repeats are gone
    row3 = next(r for r in table.rows if r[0].text == "3")
    assert "1.建设职工之家 ≥10个" in row3[4].text and row3[4].text.endswith("职工群众满意度 95%")
    assert row3[3].text.count("目标") == 4 and "\n" in row3[3].text


def _sheet_rows(ws: object, project: str, amount: object) -> None:
    rows = [
        ["项目名称", project, None],
        ["项目资金(万元)", "年度资金总额", amount],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人次", "≥280人次"],
    ]
    for row in rows:
        ws.append(row)  # type: ignore[attr-defined]


def test_xlsx_several_sheets_and_numbers_stored_as_text() -> None:
    import io

    import openpyxl

    from jixiao.services import parse_bytes

    wb = openpyxl.Workbook()
    first = wb.active
    _sheet_rows(first, "甲项目", "12.50")  # a number stored as text keeps its written decimals
    second = wb.create_sheet("第二页")
    _sheet_rows(second, "乙项目", 0.1 + 0.2)  # float noise comes back as the amount shown
    buf = io.BytesIO()
    wb.save(buf)
    doc = parse_bytes(buf.getvalue(), "two-sheets.xlsx")
    assert [(p.name, str(p.amount)) for p in doc.projects] == [("甲项目", "12.50"), ("乙项目", "0.3")]
    assert doc.projects[1].indicators[0].location.sheet == "第二页"  # type: ignore[union-attr]


def test_html_saved_as_xls_is_read_as_html() -> None:
    data = (FORMATS / "puyang-2021-target.html").read_bytes()
    assert detect(data, "export.xls").name == "html"
    assert read_bytes(data, "export.xls").format == "html"


def test_join_pages_skips_a_running_head() -> None:
    head = Paragraph(Cell("门源县总工会2023年部门预算项目支出绩效目标公开表", Location("x.pdf", page=1)))
    first = PageTable([_row("序号", "名称"), _row("1", "甲")], 1, (0, 0, 1, 1), 800)
    again = Paragraph(Cell("门源县总工会2023年部门预算项目支出绩效目标公开表", Location("x.pdf", page=2)))
    second = PageTable([_row("序号", "名称", page=2), _row("2", "乙", page=2)], 2, (0, 0, 1, 1), 800)
    blocks = join_pages([head, first, again, second])
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1 and [r[0].text for r in tables[0].rows] == ["序号", "1", "2"]
    assert [b.cell.text for b in blocks if isinstance(b, Paragraph)] == [head.cell.text, again.cell.text]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.integers(1, 4), st.integers(1, 4)), min_size=0, max_size=5),
        min_size=1,
        max_size=8,
    )
)
def test_expand_places_every_cell_and_covers_its_span(shape: list[list[tuple[int, int]]]) -> None:
    from jixiao.readers.spans import RawCell, expand, is_covered

    raw = [[RawCell(f"{r}.{k}", rs, cs) for k, (rs, cs) in enumerate(row)] for r, row in enumerate(shape)]
    grid = expand(raw, lambda r, c: Location("g.html", row=r + 1, column=c + 1))
    origins = [c for row in grid for c in row if not is_covered(c)]
    assert [c.text for c in origins if c.text] == [x.text for row in raw for x in row]  # kept, in order
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            assert (cell.location.row, cell.location.column) == (r + 1, c + 1)
            if not is_covered(cell):
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        if dr or dc:
                            assert is_covered(grid[r + dr][c + dc])
