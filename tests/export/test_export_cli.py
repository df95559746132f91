"""``jixiao export`` through click's CliRunner: formats, layouts, errors and exit codes, the store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from export_samples import SEED, essence, sample_document

from jixiao import services
from jixiao.cli.main import main
from jixiao.export import export_bytes
from jixiao.export.open_data import document_from_rows
from jixiao.model import Document
from jixiao.model.jsonify import document_to_dict


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", *args])
    return result.exit_code, result.output  # stdout and stderr, interleaved


def test_xlsx_from_a_text_file(tmp_path: Path) -> None:
    out = tmp_path / "menyuan.xlsx"
    code, output = run(str(SEED), "-o", str(out))
    assert code == 0, output
    assert "已写出" in output and "list 版式，5 个项目" in output
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws["B7"].value == "环卫工人爱心早餐"


def test_format_from_to_overrides_extension(tmp_path: Path) -> None:
    out = tmp_path / "data.txt"
    code, output = run(str(SEED), "-o", str(out), "--to", "csv")
    assert code == 0, output
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdocument,region,year")


def test_grid_html_and_unit_selection(tmp_path: Path) -> None:
    out = tmp_path / "grid.html"
    code, output = run(str(SEED), "-o", str(out), "--layout", "grid", "--unit", "003006")
    assert code == 0, output
    assert out.read_text("utf-8").count('<section class="grid"') == 5
    code, output = run(str(SEED), "-o", str(out), "--layout", "grid", "--unit", "999")
    assert code == 0, output
    assert '<section class="grid"' not in out.read_text("utf-8")


def test_findings_report_from_a_findings_file(tmp_path: Path) -> None:
    findings = tmp_path / "findings.json"
    findings.write_text(json.dumps({"findings": [
        {"rule": "TIM001", "name": "deadline-before-budget-year", "severity": "error",
         "message": "工作完成时限早于预算年度", "project": "2", "indicator": "工作完成时限"}]}), "utf-8")
    out = tmp_path / "review.xlsx"
    code, output = run(str(SEED), "-o", str(out), "--layout", "findings", "--findings", str(findings))
    assert code == 0, output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "审核意见" and len(book.sheetnames) == 6
    assert book.worksheets[0]["F4"].value == "工作完成时限早于预算年度"


def test_document_json_is_accepted_as_input(tmp_path: Path) -> None:
    source = tmp_path / "doc.json"
    doc = sample_document()
    source.write_text(json.dumps(document_to_dict(doc), ensure_ascii=False), "utf-8")
    out = tmp_path / "flat.json"
    code, output = run(str(source), "-o", str(out), "--layout", "flat")
    assert code == 0, output
    assert essence(document_from_rows(json.loads(out.read_text("utf-8")))) == essence(doc)


@pytest.mark.parametrize(("args", "code", "message"), [
    (["-o", "x.xlsx"], 2, "give a FILE"),
    (["{seed}", "-o", "x.xlsx", "--year", "2023"], 2, "give either FILE or --db/--document/--year"),
    (["{seed}", "-o", "x.docx"], 2, "cannot tell the format of x.docx"),
    (["{seed}", "-o", "x.csv", "--layout", "grid"], 2, "csv cannot draw the 'grid' layout"),
    (["{missing}", "-o", "x.xlsx"], 3, "cannot read file"),
    (["{bad_json}", "-o", "x.xlsx"], 3, "未识别出绩效目标表（文件为 JSON，但不是 jixiao 文档）"),
    (["{broken_csv}", "-o", "x.xlsx"], 3, "malformed jixiao csv"),
    (["{seed}", "-o", "{tmp}/no/such/dir/x.xlsx"], 3, "cannot write"),
])
def test_errors_are_one_line_with_exit_codes(args: list[str], code: int, message: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x"}', "utf-8")
    broken = tmp_path / "broken.csv"
    rows = list(csv.DictReader(io.StringIO(export_bytes(sample_document(), "csv").decode("utf-8-sig"))))
    rows[2]["project_amount"] = "12O.5"  # a letter O where a zero belongs
    with broken.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    values = {"seed": str(SEED), "missing": str(tmp_path / "missing.txt"), "bad_json": str(bad),
              "broken_csv": str(broken), "tmp": str(tmp_path)}
    got, output = run(*[a.format(**values) for a in args])
    assert got == code, output
    lines = [line for line in output.splitlines() if line.startswith("jixiao:")]
    assert len(lines) == 1 and message in lines[0], output


def _store(tmp_path: Path, *docs: Document) -> str:
    from jixiao.store.database import make_engine, session_factory, upgrade
    from jixiao.store.repository import save_document

    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with session_factory(engine)() as session:
        for n, doc in enumerate(docs):
            save_document(session, doc, f"{n:064d}")
        session.commit()
    engine.dispose()
    return url


def test_export_from_the_store(tmp_path: Path, seed_doc: Document) -> None:
    url = _store(tmp_path, seed_doc, sample_document())
    out = tmp_path / "year.csv"
    code, output = run("--db", url, "--year", "2023", "-o", str(out))
    assert code == 0, output
    back = document_from_rows(list(csv.DictReader(out.read_text("utf-8-sig").splitlines())))
    assert [(p.name, p.amount) for p in back.projects] == [(p.name, p.amount) for p in seed_doc.projects]
    code, output = run("--db", url, "--unit", "201", "-o", str(out))
    assert code == 0, output
    assert "2 个项目" in output
    code, output = run("--db", url, "--year", "1999", "-o", str(out))
    assert code == 3 and "no stored document matches (year 1999)" in output


def test_services_load_stored_merges_documents(tmp_path: Path, seed_doc: Document) -> None:
    url = _store(tmp_path, seed_doc, sample_document())
    merged = services.load_stored(url)
    assert len(merged.projects) == 7
    assert [p.seq for p in merged.projects] == [str(n) for n in range(1, 8)]  # numbers collided: renumbered
    assert merged.total == sum(p.amount for p in merged.projects if p.amount is not None)
    one = services.load_stored(url, document_id=2)
    assert essence(one)["projects"] == essence(sample_document())["projects"]


def test_services_export_document_writes_paths(tmp_path: Path, seed_doc: Document) -> None:
    target = tmp_path / "out.html"
    data = services.export_document(seed_doc, target, layout="grid")
    assert target.read_bytes() == data
    in_memory = services.export_document(seed_doc, "json")
    assert in_memory == services.export_document(seed_doc, str(tmp_path / "a.json"))
    assert (tmp_path / "a.json").read_bytes() == in_memory


def test_findings_report_reviews_the_document_when_no_findings_are_given(tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    code, output = run(str(SEED), "-o", str(out), "--layout", "findings")
    assert code == 0, output
    page = out.read_text("utf-8")
    # project 2's 工作完成时限 2021年12月28日 is before the 2023 budget year: the review engine says so
    assert "TIM001" in page and 'href="#project-2"' in page


def test_database_url_from_the_environment(tmp_path: Path, seed_doc: Document,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_DATABASE_URL", _store(tmp_path, seed_doc))
    out = tmp_path / "unit.csv"
    code, output = run("--unit", "003", "-o", str(out))  # the store named by the environment
    assert code == 0 and "5 个项目" in output, output
    code, output = run(str(SEED), "-o", str(out))  # a FILE still wins over the environment
    assert code == 0, output


def test_progress_bar_on_stderr(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(SEED), "-o", str(tmp_path / "a.xlsx"), "--progress"])
    assert result.exit_code == 0, result.output
    assert "xlsx: 100%" in result.stderr and "8/8" in result.stderr  # 合计 + 2 units + 5 projects
    assert result.stdout == ""  # data goes to the file, never to stdout
    quiet = CliRunner().invoke(main, ["export", str(SEED), "-o", str(tmp_path / "b.xlsx"), "--no-progress"])
    assert "xlsx:" not in quiet.stderr


@pytest.mark.parametrize(("name", "layout"), [("flat.csv", "flat"), ("flat.json", "flat"),
                                              ("doc.json", "document")])
def test_open_data_is_accepted_as_input(name: str, layout: str, tmp_path: Path) -> None:
    """Open data published by jixiao reads straight back, e.g. to publish it again as a PDF."""
    doc = sample_document()
    source = tmp_path / name
    source.write_bytes(export_bytes(doc, source.suffix[1:], layout))
    assert essence(services.read_document(source)) == essence(doc)
    code, output = run(str(source), "-o", str(tmp_path / "again.xlsx"))
    assert code == 0 and "2 个项目" in output, output
