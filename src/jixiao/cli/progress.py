"""``jixiao check``'s review progress on stderr: a tqdm bar on a terminal, else a plain line every
:data:`INTERVAL` seconds ("已审核 1200/5000 个项目") so that a log or a CI job shows the review moving.

The review runs rule by rule over the whole document, so the count is the share of the rules run,
in projects: with half of the rules run over 5000 projects it reads 2500/5000.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

from jixiao.i18n import _

#: seconds between two plain progress lines (stderr not a terminal)
INTERVAL = 5.0


class StderrProgress:
    """What the progress displays share: a tqdm bar of ``total`` on a terminal, else a plain line
    (``_line``, given by the subclass) at most every :data:`INTERVAL` seconds, and a last line at
    :meth:`close` when the last one printed was not the end."""

    desc = ""
    unit = ""

    def __init__(self, total: int, stream: TextIO | None = None, *, tty: bool | None = None,
                 interval: float | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = INTERVAL if interval is None else interval
        self.clock = clock
        self.start = self.last = clock()
        self.printed = -1  # the count last printed
        self.done = 0
        self.bar: Any = None
        if self.tty:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=self.desc, unit=self.unit, file=self.stream, leave=False)

    def _advance(self, done: int) -> None:
        """The count is now ``done``: the bar moves to it, or a plain line is due (:meth:`_tick`)."""
        if self.bar is not None:
            self.bar.update(done - self.done)
            self.done = done
            return
        self.done = done
        self._tick()

    def _tick(self) -> None:
        """A plain line when :data:`INTERVAL` has passed since the last one."""
        now = self.clock()
        if now - self.last >= self.interval:
            self.last = now
            self._line()

    def _line(self) -> None:
        raise NotImplementedError

    def _write(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()
        self.printed = self.done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif 0 <= self.printed < self.done:  # the last line says it finished
            self._line()


class ReviewProgress(StderrProgress):
    """Call with ``(rules_done, rules_total)``; :meth:`close` when the review is over."""

    desc, unit = "check", "项目"

    def __init__(self, projects: int, stream: TextIO | None = None, *, tty: bool | None = None,
                 interval: float | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.projects = projects
        super().__init__(projects, stream, tty=tty, interval=interval, clock=clock)

    def __call__(self, rules_done: int, rules_total: int) -> None:
        self._advance(self.projects * rules_done // rules_total if rules_total else self.projects)

    def _line(self) -> None:
        self._write(_("已审核 {done}/{total} 个项目", done=self.done, total=self.projects))


class BatchProgress(StderrProgress):
    """``jixiao batch``'s files: call with ``(done, total)`` (the total is known once the run has
    listed its files, so the bar's total follows the calls); :meth:`close` at the end."""

    desc, unit = "batch", "文件"

    def __init__(self, stream: TextIO | None = None, *, tty: bool | None = None,
                 interval: float | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.total = 0
        super().__init__(0, stream, tty=tty, interval=interval, clock=clock)

    def __call__(self, done: int, total: int) -> None:
        self.total = total
        if self.bar is not None:
            self.bar.total = total
        self._advance(done)

    def _line(self) -> None:
        self._write(_("已处理 {done}/{total} 个文件", done=self.done, total=self.total))
