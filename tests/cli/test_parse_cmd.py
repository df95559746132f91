"""``jixiao parse``: JSON and text output, directories, unreadable input, cold start."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli.main import main

SEED = Path(__file__).parent.parent / "fixtures" / "menyuan-2023.txt"
KEYS = {"title", "region", "year", "total", "units", "projects", "unparsed"}
PROJECT_KEYS = {"seq", "unit", "name", "amount", "goals", "indicators", "unparsed"}
INDICATOR_KEYS = {"level1", "level2", "name", "operator", "value", "value_kind", "unit", "raw"}


def test_json_has_the_contract_keys() -> None:
    result = CliRunner().invoke(main, ["parse", str(SEED)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data.keys() >= KEYS
    assert data["total"] == "435.21" and data["year"] == 2023
    assert [u["code"] for u in data["units"]] == ["003", "003006"]
    project = data["projects"][1]
    assert project.keys() >= PROJECT_KEYS
    assert project["indicators"][0].keys() >= INDICATOR_KEYS
    dates = [i["value"] for p in data["projects"] for i in p["indicators"] if i["value_kind"] == "date"]
    assert dates == ["2021-12-28", "2022-12-28", "2022-12-28"]


def test_text_format_is_a_tree() -> None:
    result = CliRunner().invoke(main, ["parse", str(SEED), "--format", "text"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "门源县总工会2023年部门预算项目支出绩效目标公开表"
    assert "  project 3 门源县总工会工会经费 · 400.00 · unit 003006" in lines
    assert "      爱心早餐成本: ≤30万元" in lines
    assert "      宣传机制健全性: 健全" in lines


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary\xff" * 50])
def test_unreadable_input_exits_3_with_one_line(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = CliRunner().invoke(main, ["parse", str(bad)])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("jixiao: ")


def test_missing_file_exits_3(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "nope.txt")])
    assert result.exit_code == 3 and "nope.txt" in result.stderr


def test_directory_gives_json_lines_and_summarises_failures(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(SEED.read_bytes().decode().encode("gb18030"))
    (tmp_path / "sub" / "c.txt").write_bytes(b"\x00\x00\x00")
    result = CliRunner().invoke(main, ["parse", str(tmp_path)])
    assert result.exit_code == 3
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d["source"], d["path"]) for d in docs] == [("a.txt", "a.txt"), ("b.txt", "sub/b.txt")]
    assert [len(d["projects"]) for d in docs] == [5, 5]
    assert "jixiao: sub/c.txt: binary data" in result.stderr
    assert "1/3 个文件无法读取" in result.stderr


def test_directory_all_good_exits_0(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    result = CliRunner().invoke(main, ["parse", str(tmp_path)])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1


def test_cold_start_loads_no_heavy_module() -> None:
    """``jixiao parse seed`` in a fresh interpreter imports none of the heavy readers or the store
    (the start-up time itself is measured in benchmarks/endtoend.py, not asserted here)."""
    heavy = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv=['jixiao','parse',sys.argv[1]]\n"
         "from jixiao.cli.main import main\ntry:\n main()\nexcept SystemExit: pass\n"
         "print(sorted(m for m in ('openpyxl','jieba','sqlalchemy','pdfplumber','docx') if m in sys.modules),"
         " file=sys.stderr)", str(SEED)],
        capture_output=True, text=True, check=True)
    assert heavy.stderr.strip().splitlines()[-1] == "[]"
