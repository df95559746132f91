"""Broken and hostile inputs give one clear line (UnreadableInput; CLI exit 3), never a traceback,
a hang or unbounded memory: empty file, truncated xlsx, zip bomb, password-protected PDF, a scan with
no text layer, a PNG named .pdf, garbage named .xls/.docx."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from reader_fixtures import BROKEN, FORMATS

from jixiao.cli.main import main
from jixiao.readers import Paragraph, UnreadableInput, read_bytes, read_path


def zip_bomb(inner: str, size: int) -> bytes:
    """An xlsx-looking zip whose one sheet inflates ``size`` bytes of zeros."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open(inner, "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                fh.write(chunk)
    return buf.getvalue()


CASES = {
    "empty.pdf": "empty file",
    "truncated.xlsx": "damaged or truncated xlsx",
    "password.pdf": "password-protected PDF",
    "scanned.pdf": "no text layer",
    "image-named.pdf": "is a PNG image",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_fixture_is_one_clear_line(name: str) -> None:
    with pytest.raises(UnreadableInput) as err:
        read_path(BROKEN / name)
    message = str(err.value)
    assert CASES[name] in message
    assert "\n" not in message and message.startswith(name)


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli_exits_3_without_traceback(name: str) -> None:
    result = CliRunner().invoke(main, ["parse", str(BROKEN / name)])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert CASES[name] in result.output


def test_zip_bomb_is_refused_before_inflating() -> None:
    bomb = zip_bomb("xl/worksheets/sheet1.xml", 64 << 20)
    assert len(bomb) < 1 << 20
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(UnreadableInput, match="zip bomb"):
            read_bytes(bomb, "bomb.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20  # never inflated the 64 MiB part
    assert time.perf_counter() - started < 5


def test_docx_zip_bomb_is_refused() -> None:
    with pytest.raises(UnreadableInput, match="zip bomb"):
        read_bytes(zip_bomb("word/document.xml", 8 << 20), "bomb.docx")


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "x.xls", "xls"),
        (b"PK\x03\x04garbage", "x.docx", "damaged"),
        (b"%PDF-1.4\n%%EOF", "x.pdf", "damaged PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "x.png", "a PNG image"),
    ],
)
def test_garbage_with_a_format_name(data: bytes, name: str, expected: str) -> None:
    with pytest.raises(UnreadableInput) as err:
        read_bytes(data, name)
    assert expected in str(err.value) and "\n" not in str(err.value)


def test_truncated_pdf_and_docx(tmp_path: Path) -> None:
    for stem in ("puyang-2021-target.pdf", "puyang-2021-target.docx"):
        whole = (FORMATS / stem).read_bytes()
        with pytest.raises(UnreadableInput):
            read_bytes(whole[: len(whole) // 3], stem)


def test_hostile_spans_stay_bounded() -> None:
    row = '<tr><td rowspan="100000" colspan="100000">x</td><td rowspan="99999">y</td></tr>'
    page = ("<table>" + row * 50 + "</table>").encode()
    started = time.perf_counter()
    source = read_bytes(page, "spans.html")
    assert time.perf_counter() - started < 5
    (table,) = source.blocks
    assert sum(len(r) for r in table.rows) < 100_000  # type: ignore[union-attr]


def test_damaged_files_print_nothing_and_explain_briefly(capsys: pytest.CaptureFixture[str]) -> None:
    for stem in ("yongde-2022-selfeval.xls", "puyang-2021-target.pdf", "puyang-2021-target.xlsx"):
        whole = bytearray((FORMATS / stem).read_bytes())
        damaged = bytes(whole[: len(whole) * 2 // 3])
        try:
            read_bytes(damaged, stem)
        except UnreadableInput as exc:
            assert len(str(exc)) < 300 and "\n" not in str(exc)
    captured = capsys.readouterr()
    assert captured.out == ""  # xlrd's warnings must not reach stdout, where JSON goes


@pytest.mark.parametrize(
    "stem",
    [
        "puyang-2021-target.xlsx",
        "puyang-2021-target.docx",
        "puyang-2021-target.xls",
        "puyang-2021-target.pdf",
        "puyang-2021-target.html",
    ],
)
def test_mutated_files_never_crash(stem: str) -> None:
    """Random byte damage (fixed seed): either a Document or one UnreadableInput line, nothing else."""
    import random

    from jixiao.parse.registry import parse_source

    rng = random.Random(stem)
    whole = (FORMATS / stem).read_bytes()
    for _ in range(8):
        data = bytearray(whole)
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            parse_source(read_bytes(bytes(data[: rng.randrange(len(data) // 2, len(data) + 1)]), stem))
        except UnreadableInput as exc:
            assert "\n" not in str(exc)


def test_legacy_word_doc_says_what_to_do() -> None:
    head = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "WordDocument".encode("utf-16-le") + b"\0" * 100
    )
    with pytest.raises(UnreadableInput, match=r"a\.doc: unrecognised file format \(a legacy Word \.doc file"):
        read_bytes(head, "a.doc")


def test_excel_2003_xml_is_named_not_misread() -> None:
    xml = (
        '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell>'
        "<Data>项目名称</Data></Cell></Row></Table></Worksheet></Workbook>"
    ).encode()
    for name in ("a.xls", "a.xml"):
        with pytest.raises(UnreadableInput, match=r"an Excel 2003 XML workbook: save it as \.xlsx"):
            read_bytes(xml, name)


def test_html_table_without_rows_keeps_its_text() -> None:
    source = read_bytes("<html><body><table>项目名称 主体班</table></body></html>".encode(), "t.html")
    assert [b.cell.text for b in source.blocks if isinstance(b, Paragraph)] == ["项目名称 主体班"]
