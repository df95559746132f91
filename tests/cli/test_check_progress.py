"""``jixiao check``'s progress on stderr when it is not a terminal (issue 13)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import progress
from jixiao.cli.main import main
from jixiao.cli.progress import BatchProgress, ReviewProgress

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "menyuan-2023.txt"


def test_check_prints_plain_progress_lines_when_not_a_tty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    result = CliRunner().invoke(main, ["check", "--fail-on", "never", str(SEED)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("已审核")]
    assert lines and lines[-1] == "已审核 5/5 个项目"
    assert "\r" not in result.stderr and "已审核" not in result.stdout


def test_plain_progress_every_interval() -> None:
    now = [0.0]
    out = io.StringIO()
    bar = ReviewProgress(5000, out, tty=False, interval=5.0, clock=lambda: now[0])
    for done in range(1, 11):
        now[0] += 2.0  # a rule every 2 s: a line at 6 s, 12 s and 18 s, the last at the end
        bar(done, 10)
    bar.close()
    assert out.getvalue().splitlines() == [
        "已审核 1500/5000 个项目", "已审核 3000/5000 个项目", "已审核 4500/5000 个项目",
        "已审核 5000/5000 个项目"]


def test_a_quick_review_prints_nothing() -> None:
    out = io.StringIO()
    bar = ReviewProgress(5, out, tty=False, interval=5.0, clock=lambda: 0.0)
    bar(1, 2)
    bar(2, 2)
    bar.close()
    assert out.getvalue() == ""


def test_batch_progress_lines_follow_the_total_as_it_becomes_known() -> None:
    now = [0.0]
    out = io.StringIO()
    bar = BatchProgress(out, tty=False, interval=5.0, clock=lambda: now[0])
    for done in range(1, 5):
        now[0] += 3.0  # a file every 3 s: a line at 6 s and 12 s, the last one at close
        bar(done, 5)
    bar(5, 5)
    bar.close()
    assert out.getvalue().splitlines() == ["已处理 2/5 个文件", "已处理 4/5 个文件", "已处理 5/5 个文件"]


def test_batch_progress_bar_on_a_terminal() -> None:
    out = io.StringIO()
    bar = BatchProgress(out, tty=True, interval=5.0, clock=lambda: 0.0)
    bar(0, 3)
    bar(2, 3)
    assert (bar.bar.total, bar.bar.n) == (3, 2)
    bar(3, 3)
    assert (bar.bar.n, bar.done) == (3, 3)
    bar.close()
    assert out.getvalue().startswith("\rbatch: ")
