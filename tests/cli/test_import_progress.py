"""``jixiao import``'s progress on stderr: plain lines with rate and time left when stderr is not a
terminal, a tqdm bar when it is (issue 11)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import import_progress, progress
from jixiao.cli.import_progress import ImportProgress
from jixiao.cli.main import main
from jixiao.services import ImportOutcome

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "menyuan-2023.txt"


def test_plain_lines_say_files_projects_rate_and_time_left() -> None:
    now = [0.0]
    out = io.StringIO()
    bar = ImportProgress(10, out, tty=False, interval=5.0, clock=lambda: now[0])
    for n in range(10):
        now[0] += 3.0  # a file of 300 projects every 3 s: lines at 6, 12, 18, 24 and 30 s
        bar(ImportOutcome(f"f{n}", n + 1, n != 4, 300, 7) if n != 9 else ImportOutcome("f9", error="x"))
    bar.close()
    lines = out.getvalue().splitlines()
    assert lines[0] == "已导入 2/10 个文件，600 个项目，100 个项目/秒，预计还需 24 秒"
    assert lines[-1] == "已导入 10/10 个文件，2400 个项目，80 个项目/秒，预计还需 0 秒"  # skipped, failed: 0
    assert len(lines) == 5


def test_a_terminal_gets_a_bar_with_the_rate() -> None:
    out = io.StringIO()
    bar = ImportProgress(2, out, tty=True)
    bar(ImportOutcome("a", 1, True, 5, 3))
    bar.bar.refresh()  # tqdm redraws at most every 0.1 s by itself
    bar.close()
    assert "import" in out.getvalue() and "1/2" in out.getvalue() and "5 个项目" in out.getvalue()


def test_cli_import_progress_goes_to_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "INTERVAL", 0.0)  # shared by every progress display
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(3):
        shutil.copy(SEED, folder / f"{n}.txt")
        (folder / f"{n}.txt").write_text(SEED.read_text("utf-8") + f"\n注{n}\n", "utf-8")
    result = CliRunner().invoke(main, ["import", "--db", f"sqlite:///{tmp_path / 'j.db'}", "--jobs", "1",
                                       str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1].startswith("已导入 3/3 个文件，15 个项目，")
    assert "已导入" not in result.stdout and result.stdout.count("：已存入，文件编号") == 3


def test_durations() -> None:
    assert import_progress.duration(4.4) == "4 秒"
    assert import_progress.duration(125) == "2 分 5 秒"
    assert import_progress.duration(7300) == "2 小时 1 分"
