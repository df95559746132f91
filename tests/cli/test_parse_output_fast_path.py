"""``jixiao parse``'s fast paths give the same bytes (issue 11).

A document parsed in the process is written without the float search (it holds no float: checked here
over every fixture and corpus file and over generated documents); a document read back from jixiao's
own JSON keeps it. The ``jixiao`` process itself ends with ``os._exit`` once its output is written
(:mod:`jixiao.cli.fast_exit`): same output and exit code as an in-process run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.cli import fast_exit
from jixiao.cli.main import main
from jixiao.model.jsonify import document_to_dict
from jixiao.parse.registry import parse_source
from jixiao.readers import UnreadableInput
from jixiao.readers.text import read_text
from jixiao.services import UnrecognisedDocument, load_document

TESTS = Path(__file__).parent.parent
SEED = TESTS / "fixtures" / "menyuan-2023.txt"
FILES = sorted(p for folder in ("fixtures", "corpus") for p in (TESTS / folder).rglob("*")
               if p.is_file() and p.suffix not in (".md", ".json", ".py") and p.name != "SHA256SUMS")
JIXIAO = Path(sys.executable).with_name("jixiao")


def _floats(obj: Any) -> list[float]:
    if isinstance(obj, float):
        return [obj]
    if isinstance(obj, dict):
        return [f for v in obj.values() for f in _floats(v)]
    if isinstance(obj, list):
        return [f for v in obj for f in _floats(v)]
    return []


def _std(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(TESTS)))
def test_a_parsed_document_holds_no_float_and_its_json_is_the_standard_one(path: Path) -> None:
    try:
        doc, parsed = load_document(path)
    except (UnreadableInput, UnrecognisedDocument):
        return
    data = document_to_dict(doc)
    assert parsed and _floats(data) == []
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 0 and result.stdout_bytes == _std(data)


HEADER = "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标"
CELLS = ["", "合计", "003", "003006", "1", "2", "4.00", "１２", "一、产出指标", "(一)数量指标:",
         "1.举办活动天数 30天", "2.政策知晓率≥95%", "目标一：开展宣传不少于3次。",
         "<p>3.工作完成时限 2024年6月30日</p>", "健全", "1e-05", "0.00001", "\"引号\"", "\\", "\u2028"]
ROWS = st.lists(st.sampled_from(CELLS), min_size=1, max_size=6).map("\t".join)
DOCUMENTS = st.lists(ROWS, max_size=12).map(
    lambda lines: "\n".join(["某县某局2023年部门预算项目支出绩效目标公开表", HEADER, *lines]))


@settings(max_examples=150, deadline=None)
@given(DOCUMENTS)
def test_generated_documents_hold_no_float(text: str) -> None:
    try:
        doc = parse_source(read_text(text.encode(), "x.txt"))
    except UnreadableInput:
        return
    assert _floats(document_to_dict(doc)) == []


def test_a_read_back_document_keeps_the_float_search(tmp_path: Path) -> None:
    """jixiao's own document JSON is loaded as it is; a float in it (a position written 1e-05) is
    written as the standard library writes it."""
    data = json.loads(CliRunner().invoke(main, ["parse", str(SEED)]).stdout)
    data["projects"][0]["indicators"][0]["location"]["line"] = 0.00001
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    doc, parsed = load_document(path)
    assert not parsed
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 0 and result.stdout_bytes == _std(document_to_dict(doc))
    assert b'"line": 1e-05' in result.stdout_bytes


def test_in_process_runs_are_no_command_process() -> None:
    """pytest is not the ``jixiao`` program: a command run here ends with the usual ``SystemExit``."""
    assert not fast_exit.is_program()


@pytest.mark.skipif(not JIXIAO.exists(), reason="the jixiao console script is not installed")
@pytest.mark.parametrize("args", [[], ["--format", "text"]])
def test_the_command_process_writes_the_same_and_exits_0(args: list[str]) -> None:
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": src}
    real = subprocess.run([str(JIXIAO), "parse", str(SEED), *args], capture_output=True, env=env, timeout=120)
    in_process = CliRunner().invoke(main, ["parse", str(SEED), *args])
    assert real.returncode == 0 and real.stdout == in_process.stdout_bytes and real.stderr == b""


SITE = """import atexit, os
atexit.register(lambda: os.write(2, b"atexit ran\\n"))
class _Teardown:
    def __del__(self, write=os.write):
        write(2, b"objects freed\\n")
_kept = _Teardown()
"""


@pytest.mark.skipif(not JIXIAO.exists(), reason="the jixiao console script is not installed")
def test_the_command_process_runs_atexit_handlers_and_frees_nothing(tmp_path: Path) -> None:
    """An ``atexit`` handler registered in the process still runs; the objects are not freed one by
    one (a module's object with ``__del__`` is freed at a normal exit, as the control run shows)."""
    (tmp_path / "sitecustomize.py").write_text(SITE)
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), src])}
    real = subprocess.run([str(JIXIAO), "parse", str(SEED)], capture_output=True, env=env, timeout=120)
    assert real.returncode == 0 and real.stderr == b"atexit ran\n"
    assert real.stdout == CliRunner().invoke(main, ["parse", str(SEED)]).stdout_bytes
    control = subprocess.run([sys.executable, "-c", "import sys; from jixiao.cli.main import main; main()",
                              "parse", str(SEED)], capture_output=True, env=env, timeout=120)
    assert control.returncode == 0 and control.stdout == real.stdout
    assert control.stderr == b"atexit ran\nobjects freed\n"
