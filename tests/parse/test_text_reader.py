"""The text reader: encodings, binary rejection, sniffing, tables vs paragraphs, spans."""

from pathlib import Path

import pytest

from jixiao.readers import Paragraph, Table, UnreadableInput, detect, read_bytes, read_path
from jixiao.readers.text import read_text, read_text_file, sniff

SAMPLE = "标题行\n\n单位编码\t单位及项目名称\n003\t门源县总工会\n说明\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_encodings(encoding: str) -> None:
    source = read_text(SAMPLE.encode(encoding), "t.txt")
    assert source.text is not None and source.text.replace("\ufeff", "") == SAMPLE
    kinds = [type(b) for b in source.blocks]
    assert kinds == [Paragraph, Table, Paragraph]


def test_cells_carry_line_column_and_span() -> None:
    source = read_text(SAMPLE.encode(), "t.txt")
    assert source.text is not None
    table = next(source.tables())
    cell = table.rows[1][1]
    assert (cell.text, cell.location.line, cell.location.column) == ("门源县总工会", 4, 2)
    assert cell.location.span is not None
    a, b = cell.location.span
    assert source.text[a:b] == "门源县总工会"


def test_crlf_spans() -> None:
    source = read_text(b"a\tb\r\nc\td\r\n", "t.txt")
    assert source.text is not None
    for row in source.rows():
        for cell in row:
            assert cell.location.span is not None
            assert source.text[cell.location.span[0] : cell.location.span[1]] == cell.text


def test_csv_quoted_cells_over_several_lines() -> None:
    data = '单位编码,单位及项目名称,金额\r\n1,"项目,甲","一、产出指标\r\n1.人数 5人"\r\n2,乙,1\r\n'.encode()
    source = read_text(data, "t.csv")
    assert source.text is not None
    rows = list(source.rows())
    assert [[c.text for c in row] for row in rows][1:] == [["1", "项目,甲", "一、产出指标\r\n1.人数 5人"],
                                                         ["2", "乙", "1"]]
    assert [row[0].location.line for row in rows] == [1, 2, 4]
    for row in rows:
        for cell in row:
            assert cell.location.span is not None
            assert source.text[cell.location.span[0] : cell.location.span[1]] == cell.text


def test_csv_rows() -> None:
    source = read_text('单位编码,单位及项目名称,金额\n1,"项目,甲",4.00\n'.encode(), "t.csv")
    assert [[c.text for c in row] for row in source.rows()] == [["单位编码", "单位及项目名称", "金额"],
                                                               ["1", "项目,甲", "4.00"]]


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02\x03binary", bytes(range(256)) * 4, b"%PDF-1.7\n...", b"PK\x03\x04zip",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1ole", b"\x89PNG\r\n\x1a\n", b"   \n\n",
])
def test_binary_or_empty_is_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableInput) as info:
        read_text(data, "x.txt")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("head", "claimed"), [
    ("单位编码\t名称".encode(), True), ("单位编码\t名称".encode("gb18030"), True),
    (b"<!DOCTYPE html><html>", False), (b"<html><body>", False), (b"%PDF-1.4", False),
    (b"PK\x03\x04", False), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", False), (b"\x00\x00", False), (b"", False),
])
def test_sniff(head: bytes, claimed: bool) -> None:
    assert sniff(head) is claimed


def test_registry_picks_text_for_text() -> None:
    assert detect("单位编码\t名称\n".encode(), "x.txt").name == "text"
    assert read_bytes("单位编码\t名称\n".encode("gb18030"), "x.txt").notes == ["decoded as gb18030"]


def test_fast_path_reads_what_detect_would(tmp_path: Path) -> None:
    table = tmp_path / "t.txt"
    table.write_bytes("单位编码\t名称\n003\t门源县总工会\n".encode("gb18030"))
    fast = read_text_file(table)
    assert fast is not None and fast == read_path(table)
    for name, data in [("h.txt", b"<html><table><tr><td>x</td></tr></table>"), ("p.txt", b"%PDF-1.4"),
                       ("t.docx", "单位编码\t名称\n".encode()), ("e.txt", b"")]:
        other = tmp_path / name
        other.write_bytes(data)
        assert read_text_file(other) is None, name
    assert read_text_file(tmp_path / "missing.txt") is None


def test_tab_separated_text_copied_from_excel() -> None:
    """Excel quotes a cell holding line breaks; a lone quote in ordinary text stays as written."""
    data = ('单位编码\t单位及项目名称\t金额\t绩效目标\t绩效指标\n'
            '1\t甲\t4\t"目标一：x\n目标二：y"\t"一、产出指标\n1.人数 5人"\n'
            '2\t"乙"丙\t1\t\t1.x 1人\n3\t"未闭合\t1\t\t\n').encode()
    source = read_text(data, "t.txt")
    assert source.text is not None
    rows = [[c.text for c in row] for row in source.rows()]
    assert rows[1] == ["1", "甲", "4", "目标一：x\n目标二：y", "一、产出指标\n1.人数 5人"]
    assert rows[2] == ["2", '"乙"丙', "1", "", "1.x 1人"]
    assert rows[3] == ["3", '"未闭合', "1", "", ""]
    for row in source.rows():
        for cell in row:
            assert cell.location.span is not None
            assert source.text[cell.location.span[0] : cell.location.span[1]] == cell.text
