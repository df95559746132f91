"""``jixiao import``'s progress on stderr: a tqdm bar over the files on a terminal (projects stored
and projects/s beside it, the ETA from the files left), else a plain line every :data:`INTERVAL`
seconds ("已导入 120/2000 个文件，60000 个项目，1500 个项目/秒，预计还需 1 分 13 秒")."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from jixiao.cli.progress import StderrProgress
from jixiao.i18n import _
from jixiao.services import ImportOutcome


def duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    if minutes >= 60:
        return _("{hours} 小时 {minutes} 分", hours=minutes // 60, minutes=minutes % 60)
    return _("{minutes} 分 {seconds} 秒", minutes=minutes, seconds=secs) if minutes \
        else _("{seconds} 秒", seconds=secs)


class ImportProgress(StderrProgress):
    """Call with each file's outcome; :meth:`close` at the end."""

    desc, unit = "import", "文件"

    def __init__(self, files: int, stream: TextIO | None = None, *, tty: bool | None = None,
                 interval: float | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.files = files
        self.projects = 0
        super().__init__(files, stream, tty=tty, interval=interval, clock=clock)

    def rate(self) -> float:
        elapsed = self.clock() - self.start
        return self.projects / elapsed if elapsed > 0 else 0.0

    def __call__(self, outcome: ImportOutcome) -> None:
        self.done += 1
        if outcome.created:
            self.projects += outcome.projects
        if self.bar is not None:
            self.bar.set_postfix_str(_("{projects} 个项目，{rate} 个项目/秒", projects=self.projects,
                                       rate=f"{self.rate():,.0f}"), refresh=False)
            self.bar.update(1)
            return
        self._tick()

    def _line(self) -> None:
        elapsed = self.clock() - self.start
        left = elapsed / self.done * (self.files - self.done) if self.done else 0.0
        self._write(_("已导入 {done}/{total} 个文件，{projects} 个项目，{rate} 个项目/秒，预计还需 {left}",
                      done=self.done, total=self.files, projects=self.projects, rate=f"{self.rate():,.0f}",
                      left=duration(left)))
