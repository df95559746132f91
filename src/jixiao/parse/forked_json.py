"""``jixiao parse``'s JSON of a large list-layout document, its projects' cells read by several
processes at once (issue 11: parse ≥ 5,000 projects/s on a two-core machine).

Reading the goal and indicator cells is most of a list-layout parse and each project's cells are
read on their own (:mod:`jixiao.parse.list_fills`). So, for a document of at least
:data:`MIN_PER_JOB` projects per extra process, the projects are cut into ``jobs`` runs of about
equal text; each run but the first is read by a forked copy of this process, which writes its
projects' JSON (the very bytes the whole document's JSON holds for them) to an unnamed temporary
file, while this process reads the first run and writes the document's JSON up to its end; then
each copy's bytes follow in order. The output is byte for byte that of one process (tests compare
them); only the wall time differs (CPU time is about the same, spent on two cores).

A copy that fails (killed, out of memory, an error) costs nothing but time: its run is read again
here, and one line on stderr says so. Where processes cannot be forked (no ``os.fork``, or threads
running, as in the web server), everything is read here.
"""

from __future__ import annotations

import itertools
import os
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from jixiao.fork_safety import other_threads
from jixiao.i18n import _
from jixiao.model.document import Document
from jixiao.model.json_text import pretty_frame, pretty_items
from jixiao.model.jsonify import document_head, project_to_dict
from jixiao.parse.list_fills import Steps

#: fewer projects than this per process are read in one process (a fork costs ~10 ms)
MIN_PER_JOB = 500
_KEY = "projects"
_BLOCK = 1 << 20


def cuts(steps: Steps, jobs: int, min_per_job: int | None = None) -> list[int]:
    """Where the runs start and end: ``[0, …, len(projects)]``, runs of about equal text, at least
    ``min_per_job`` (:data:`MIN_PER_JOB`) projects each."""
    count = len(steps.doc.projects)
    jobs = max(1, min(jobs, count // max(1, MIN_PER_JOB if min_per_job is None else min_per_job)))
    if jobs == 1:
        return [0, count]
    weights = [steps.weight(i) + 1 for i in range(count)]
    share, done, out = sum(weights) / jobs, 0, [0]
    for index, weight in enumerate(weights):
        done += weight
        if done >= share * len(out) and len(out) < jobs and index + 1 < count:
            out.append(index + 1)
    return [*out, count]


@dataclass
class _Copy:
    """A forked copy of this process reading projects ``start`` to ``stop``."""

    steps: Steps
    start: int
    stop: int
    pid: int
    out: IO[bytes]
    here: bool = False  # the copy failed: its run was read in this process
    found: bool | None = None

    def any_indicator(self) -> bool:
        """Whether the run's projects hold an indicator; waits for the copy to end (its run is read
        here if it failed)."""
        if self.found is None:
            status, self.pid = _wait(self.pid), -1
            self.out.seek(0)  # the copy wrote through the same open file (its offset is shared)
            flag = self.out.read(1) if status == 0 else b""
            if flag in (b"0", b"1"):
                self.found = flag == b"1"
            else:
                said = _("第 {first}–{last} 个项目的读取进程异常结束（退出码 {status}），改在主进程中读取",
                         first=self.start + 1, last=self.stop, status=status)
                print(f"jixiao: {said}", file=sys.stderr)
                self.here = True
                self.steps.run(self.start, self.stop)
                self.found = _any_indicator(self.steps, self.start, self.stop)
        return self.found

    def chunks(self) -> Iterator[bytes | memoryview]:
        """The run's projects' JSON: as the copy wrote it, or as read here when the copy failed."""
        self.any_indicator()
        if self.here:
            yield from _items(self.steps, self.start, self.stop, first=False)
            return
        while block := self.out.read(_BLOCK):
            yield block

    def stop_now(self) -> None:
        """End the copy if it still runs, and drop its file."""
        if self.pid > 0:
            try:
                os.kill(self.pid, signal.SIGKILL)
                _wait(self.pid)
            except OSError:
                pass
            self.pid = -1
        self.out.close()


def _wait(pid: int) -> int:
    if pid < 0:
        return 0
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _any_indicator(steps: Steps, start: int, stop: int | None) -> bool:
    """Whether a project of the run ``start`` to ``stop`` holds an indicator (its steps run)."""
    return any(p.indicators for p in steps.doc.projects[start:stop])


def _items(steps: Steps, start: int, stop: int | None, *, first: bool) -> Iterator[bytes | memoryview]:
    return pretty_items(_KEY, steps.doc.projects[start:stop], first=first, floats=False,
                        convert=project_to_dict)


def _fork(steps: Steps, start: int, stop: int) -> _Copy | None:
    """A copy reading projects ``start`` to ``stop``; None when none could be started."""
    try:
        out = tempfile.TemporaryFile()  # noqa: SIM115  # closed by _Copy.stop_now
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the copy: read the run, write its JSON, leave without running any exit code
        code = 70
        try:
            steps.run(start, stop)
            out.write(b"1" if _any_indicator(steps, start, stop) else b"0")
            for piece in _items(steps, start, stop, first=False):
                out.write(piece)
            out.flush()
            code = 0
        finally:
            os._exit(code)
    return _Copy(steps, start, stop, pid, out)


def can_fork() -> bool:
    """Whether copies of this process may be forked (:mod:`jixiao.fork_safety`)."""
    return hasattr(os, "fork") and not other_threads()


def document_json(steps: Steps, jobs: int, refuse: Callable[[], Exception]) -> Iterator[bytes | memoryview]:
    """The JSON of ``steps.doc`` (as :func:`jixiao.model.jsonify.document_chunks` gives it) with its
    projects' steps run on ``jobs`` processes. Raises ``refuse()``, before returning, when no project
    holds an indicator."""
    bounds = cuts(steps, jobs if can_fork() else 1)
    copies: list[_Copy] = []
    try:
        for start, stop in itertools.pairwise(bounds[1:]):
            copy = _fork(steps, start, stop)
            if copy is None:
                break
            copies.append(copy)
        first = bounds[1]
        rest = copies[-1].stop if copies else first  # the runs no copy took are read here too
        steps.run(0, first)
        steps.run(rest, None)
        if not (_any_indicator(steps, 0, first) or _any_indicator(steps, rest, None)
                or any(copy.any_indicator() for copy in copies)):
            raise refuse()
    except BaseException:
        for copy in copies:
            copy.stop_now()
        raise
    return _write(steps, first, copies, rest)


def _write(steps: Steps, first: int, copies: list[_Copy], rest: int) -> Iterator[bytes | memoryview]:
    doc: Document = steps.doc
    opening, closing = pretty_frame(document_head(doc), _KEY)
    try:
        yield opening
        if not doc.projects:
            yield b"[]" + closing
            return
        yield from _items(steps, 0, first, first=True)
        for copy in copies:
            yield from copy.chunks()
        yield from _items(steps, rest, None, first=False)
        yield b"\n  ]" + closing
    finally:
        for copy in copies:
            copy.stop_now()
