"""``jixiao parse --jobs N`` (issue 11): the same bytes for any N, in the ``jixiao`` program itself
(forked readers leave without running the program's exit code) and in process; N < 1 is a usage error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli.main import main

JIXIAO = Path(sys.executable).with_name("jixiao")
HEADER = "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标"
SITE = """import atexit, os
atexit.register(lambda: os.write(2, b"atexit ran\\n"))
"""


def _big(tmp_path: Path, projects: int = 1100) -> Path:
    lines = ["某某县某局2024年部门预算项目支出绩效目标公开表", "", HEADER, "101\t某某县某局\t\t\t"]
    lines += [f"{n}\t项目{n}\t{n}.5\t目标一：办班不少于{n}期\t一、产出指标 (一)数量指标: 1.培训班 ≥{n}期 "
              f"(三)时效指标 1.完成时限 12月{1 + n % 28}日 三、满意度指标 1.满意度不低于{n % 100}%"
              for n in range(1, projects + 1)]
    path = tmp_path / "big.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_jobs_give_the_same_output_in_process(tmp_path: Path) -> None:
    path = _big(tmp_path)
    runs = [CliRunner().invoke(main, ["parse", "--jobs", str(n), str(path)]) for n in (1, 2, 3)]
    assert [r.exit_code for r in runs] == [0, 0, 0]
    assert runs[0].stdout_bytes == runs[1].stdout_bytes == runs[2].stdout_bytes
    assert runs[0].stdout_bytes.count('"name": "培训班"'.encode()) == 1100


@pytest.mark.skipif(not JIXIAO.exists(), reason="the jixiao console script is not installed")
def test_the_program_forks_readers_that_run_no_exit_code(tmp_path: Path) -> None:
    """The atexit handler runs once (in the program, not in its forked readers); output as -j 1."""
    path = _big(tmp_path)
    (tmp_path / "sitecustomize.py").write_text(SITE)
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), src])}
    runs = [subprocess.run([str(JIXIAO), "parse", "-j", str(n), str(path)], capture_output=True, env=env,
                           timeout=120) for n in (1, 2)]
    assert [(r.returncode, r.stderr) for r in runs] == [(0, b"atexit ran\n")] * 2
    assert runs[0].stdout == runs[1].stdout and len(runs[0].stdout) > 100_000


def test_jobs_below_one_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", "--jobs", "0", str(_big(tmp_path, 3))])
    assert result.exit_code == 2 and "--jobs" in result.output
