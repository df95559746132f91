"""Honest failure: a file in which no performance-target table is recognised is refused (exit 3, one
Chinese line naming the file and the reason) by ``parse``, ``check`` and ``import`` alike, and never
stored; jixiao's own document JSON reads back as the document, with what the recogniser was unsure
of (cut-off point, repairs, confidence) shown in the text outputs.

All inputs are small synthetic files written here (the refusal path), not published documents.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli.main import main
from jixiao.model.document import Document, Goal, Indicator, Project, ValueKind
from jixiao.model.jsonify import document_to_dict
from jixiao.services import UnrecognisedDocument, read_document

PROSE = "门源县总工会今年围绕中心工作，开展了多项职工服务活动。\n明年将继续做好各项工作。\n"
MARKDOWN = "# 2023年工作计划\n\n## 一、总体目标\n\n- 做好职工服务\n- 加强宣传\n"
PIPE_TABLE = "# 绩效目标\n\n| 项目 | 金额 |\n|---|---|\n| 厂务公开经费 | 4.00 |\n"
RANDOM_JSON = json.dumps({"name": "预算", "items": [1, 2, 3], "ok": True}, ensure_ascii=False)
EMPTY_TABLE = "<html><body><h1>绩效目标表</h1><table><tr><td></td><td> </td></tr></table></body></html>"
OTHER_TABLE = "单位\t电话\n门源县总工会\t0970-8612345\n"

#: (file name, content, the reason in the message)
REFUSED = [
    ("notes.txt", PROSE, "只有正文，没有表格"),
    ("plan.md", MARKDOWN, "Markdown 文本，没有表格"),
    ("table.md", PIPE_TABLE, "Markdown 竖线表格，jixiao 不读；请另存为制表符分隔文本、xlsx 或 HTML"),
    ("data.json", RANDOM_JSON, "文件为 JSON，但不是 jixiao 文档"),
    ("data.txt", RANDOM_JSON, "文件为 JSON，但不是 jixiao 文档"),
    ("empty.html", EMPTY_TABLE, "表格是空的，表外只有正文"),
    ("blank.html", "<html><body><table><tr><td> </td></tr></table></body></html>", "表格是空的"),
    ("phones.txt", OTHER_TABLE, "有表格，但没有找到指标表头或指标类别"),
    ("empty.json", json.dumps(document_to_dict(Document(title="空表"))), "jixiao 文档中没有含指标的项目"),
]
IDS = [case[0] for case in REFUSED]


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    return path


def cut_off_document() -> Document:
    """A document as a recogniser gives a cut-off, partly guessed table: every new field in use."""
    target = Indicator("产出指标", "数量指标", "举办活动天数", "≥", Decimal("30"), ValueKind.NUMBER, "天",
                       "举办活动天数 ≧30天", repairs=("≧ 读作 ≥",), extra={"优": "≥30天", "年初指标值": "30"})
    deadline = Indicator("产出指标", "时效指标", "工作完成时限", "=", dt.date(2023, 12, 31), ValueKind.DATE,
                         None, "工作完成时限 45291", repairs=("Excel 日期序号 45291 读作 2023-12-31",))
    return Document(
        title="门源县总工会2023年部门预算项目支出绩效目标公开表", region="门源县", year=2023,
        total=Decimal("34.00"), source="cut-off.html", layout="list",
        projects=[
            Project("1", "环卫工人爱心早餐", Decimal("30"), goals=[Goal("向一线环卫工人开展送爱心早餐活动")],
                    indicators=[target, deadline], confidence=Decimal("0.6")),
            Project("2", "厂务公开经费", Decimal("4.00"), indicators=[target], confidence=Decimal("0.95")),
        ],
        partial="第 3 页第 12 行", repairs=["繁体字转为简体 (412 字)"],
    )


@pytest.mark.parametrize(("name", "content", "reason"), REFUSED, ids=IDS)
@pytest.mark.parametrize("command", ["parse", "check"])
def test_unrecognised_exits_3_with_one_line(tmp_path: Path, command: str, name: str, content: str,
                                            reason: str) -> None:
    path = _write(tmp_path, name, content)
    result = CliRunner().invoke(main, [command, str(path)])
    assert result.exit_code == 3, result.output
    assert result.stdout == ""
    assert result.stderr == f"jixiao: {path}: 未识别出绩效目标表（{reason}）\n"


def test_the_service_raises_a_subclass_of_unreadable_input(tmp_path: Path) -> None:
    from jixiao.readers.base import UnreadableInput

    with pytest.raises(UnrecognisedDocument) as caught:
        read_document(_write(tmp_path, "notes.txt", PROSE))
    assert isinstance(caught.value, UnreadableInput) and caught.value.reason == "只有正文，没有表格"
    doc = read_document(tmp_path / "notes.txt", recognised=False)  # the library can still look inside
    assert doc.projects == [] and [u.reason for u in doc.unparsed] == ["no known layout"] * 2


def test_reasons_for_what_a_layout_left_empty() -> None:
    """Built by hand (what a recogniser returns changes with it): a layout that claimed the tables
    but read no project, and projects read without a single indicator."""
    from jixiao.model.document import Project
    from jixiao.readers.text import read_text
    from jixiao.services import unrecognised_reason

    source = read_text("序号\t项目名称\t金额\t绩效目标\t绩效指标\n".encode(), "t.txt")
    assert unrecognised_reason(Document(layout="list"), source) == "表格像公开表，但没有读出任何项目"
    assert unrecognised_reason(Document(layout="grid"), source) == "表格像项目绩效目标表，但没有读出任何项目"
    two = Document(projects=[Project("1", "爱心早餐", None), Project("2", "厂务公开", None)])
    assert unrecognised_reason(two, source) == "找到 2 个项目，但没有一个项目有绩效指标"
    source.losses.append("第 2 页没有文字层")
    assert unrecognised_reason(Document(), source) == (
        "有表格，但没有找到指标表头或指标类别；另有未能读取的内容：第 2 页没有文字层")


def test_directory_counts_unrecognised_files_as_failures(tmp_path: Path) -> None:
    good = _write(tmp_path, "doc.json", json.dumps(document_to_dict(cut_off_document()), ensure_ascii=False))
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "notes.txt", PROSE)
    result = CliRunner().invoke(main, ["parse", str(tmp_path)])
    assert result.exit_code == 3
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == [good.name]
    assert result.stderr.splitlines() == ["jixiao: sub/notes.txt: 未识别出绩效目标表（只有正文，没有表格）",
                                          "jixiao: 1/2 个文件无法读取或未识别出绩效目标表"]


def test_parse_reads_its_own_json_back(tmp_path: Path) -> None:
    data = document_to_dict(cut_off_document())
    path = _write(tmp_path, "doc.json", json.dumps(data, ensure_ascii=False))
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == data
    again = _write(tmp_path, "again.json", result.stdout)  # and the output of that, once more
    assert json.loads(CliRunner().invoke(main, ["parse", str(again)]).stdout) == data


def test_text_tree_shows_cut_off_repairs_and_confidence(tmp_path: Path) -> None:
    path = _write(tmp_path, "doc.json", json.dumps(document_to_dict(cut_off_document()), ensure_ascii=False))
    lines = CliRunner().invoke(main, ["parse", str(path), "--format", "text"]).stdout.splitlines()
    assert "  部分文件（在第 3 页第 12 行处中断）" in lines
    assert "  文字修正 4 处：繁体字转为简体 (412 字)" in lines  # 1 document-wide + 3 on indicators
    assert "  project 1 环卫工人爱心早餐 · 30 · 置信度 0.6" in lines
    assert "      举办活动天数: ≥30天  （修正：≧ 读作 ≥）" in lines


def test_check_reports_what_was_lost(tmp_path: Path) -> None:
    path = _write(tmp_path, "doc.json", json.dumps(document_to_dict(cut_off_document()), ensure_ascii=False))
    text = CliRunner().invoke(main, ["check", str(path), "--fail-on", "never", "--no-color"])
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert lines[:2] == ["部分文件（在第 3 页第 12 行处中断）", "文字修正 4 处（原文经修正后识别）"]
    assert "项目 1 环卫工人爱心早餐（30万元） · 置信度 0.6" in lines
    assert "      文件在第 3 页第 12 行处中断，此后内容未收录" in lines
    assert "      该项目识别置信度 0.6，部分内容为推测，请核对原件" in lines
    html = CliRunner().invoke(main, ["check", str(path), "--format", "html"]).stdout
    assert '<p class="notice">部分文件（在第 3 页第 12 行处中断）</p>' in html and "置信度 0.6" in html
    found = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json",
                                                 "--select", "PRS002,PRS003"]).stdout)["findings"]
    assert [(f["rule"], f["project"]) for f in found] == [("PRS002", None), ("PRS003", "1")]


def test_import_refuses_and_stores_nothing(tmp_path: Path) -> None:
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from jixiao.store.database import make_engine
    from jixiao.store.schema import DocumentRow, ProjectRow

    db = f"sqlite:///{tmp_path / 'j.db'}"
    folder = tmp_path / "in"
    folder.mkdir()
    paths = [_write(folder, name, content) for name, content, _ in REFUSED]
    result = CliRunner().invoke(main, ["import", "--db", db, "--format", "json", str(folder)])
    assert result.exit_code == 3, result.output
    outcomes = json.loads(result.stdout)
    assert [o["path"] for o in outcomes] == sorted(str(p) for p in paths)
    assert all(o["document_id"] is None and "未识别出绩效目标表（" in o["error"] for o in outcomes)
    single = CliRunner().invoke(main, ["import", "--db", db, str(paths[0])])
    assert single.exit_code == 3 and single.stdout == ""
    assert single.stderr == f"jixiao: {paths[0]}: 未识别出绩效目标表（只有正文，没有表格）\n"
    engine = make_engine(db)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(DocumentRow)) == 0
        assert session.scalar(select(func.count()).select_from(ProjectRow)) == 0
    engine.dispose()


def test_import_stores_its_own_json_with_every_new_field(tmp_path: Path) -> None:
    from sqlalchemy.orm import Session

    from jixiao.store.database import make_engine
    from jixiao.store.repository import load_document

    db = f"sqlite:///{tmp_path / 'j.db'}"
    doc = cut_off_document()
    path = _write(tmp_path, "doc.json", json.dumps(document_to_dict(doc), ensure_ascii=False))
    result = CliRunner().invoke(main, ["import", "--db", db, str(path)])
    assert result.exit_code == 0 and "：已存入，文件编号 1（2 个项目" in result.stdout, result.output
    engine = make_engine(db)
    with Session(engine) as session:
        assert load_document(session, 1) == doc
    engine.dispose()
