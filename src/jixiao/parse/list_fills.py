"""The list layout's reading of each project's cells (goals and indicators), kept apart from its walk
over the rows so that it can be run later, and for different projects in different processes.

Walking the rows of a 公开表 (header, units, project rows, 合计) is quick; reading the goal and
indicator cells of every project is most of the parse (0.8 of 0.95 s for 5,000 projects). The walk
records, per project and in order, what is left to do for it (:class:`Steps`): read a row's goal and
indicator cells and keep its cells outside the known columns (:func:`fill`), or keep an unparsed item
(an amount in a continuation row). A project's steps depend only on its own cells and earlier steps
(the levels its last indicator left, the year the title gave when the row was walked), never on
another project's, so running them project by project, in any grouping, gives the same document as
reading each row when it was walked.

By default the list layout runs every step once the walk ends. Within :func:`deferred`, it leaves
them undone and hands them over: the caller (:mod:`jixiao.parse.forked_json`) runs them, splitting
the projects between processes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from jixiao.model.document import Document, Project, Unparsed
from jixiao.parse.goals import parse_goals
from jixiao.parse.indicators import parse_indicator_text
from jixiao.readers.base import Cell

#: a row to read for a project: (row, column roles, the document's year when the row was walked)
RowStep = tuple[list[Cell], dict[str, int], int | None]
Step = RowStep | Unparsed


def cell_in(row: list[Cell], cols: dict[str, int], role: str) -> Cell | None:
    """The cell of ``row`` in the column of ``role`` (code, name, amount, goals, indicators), if any."""
    index = cols.get(role)
    return row[index] if index is not None and index < len(row) else None


def extra_cells(row: list[Cell], cols: dict[str, int], into: list[Unparsed]) -> None:
    """Keep the non-empty cells of ``row`` outside the known columns, verbatim, in ``into``."""
    known = set(cols.values())
    for index, cell in enumerate(row):
        if index not in known and cell.text.strip():
            into.append(Unparsed(cell.text, cell.location, "cell outside the known columns"))


def fill(project: Project, row: list[Cell], cols: dict[str, int], year: int | None) -> None:
    """Read the goal and indicator cells of one of ``project``'s rows into it."""
    goals, inds = cell_in(row, cols, "goals"), cell_in(row, cols, "indicators")
    if goals is not None and goals.text.strip():
        project.goals.extend(parse_goals(goals.text, goals.location))
    if inds is not None and inds.text.strip():
        last = project.indicators[-1] if project.indicators else None
        levels = (last.level1, last.level2) if last is not None else (None, None)
        found, rest = parse_indicator_text(inds.text, inds.location, levels, year)
        project.indicators.extend(found)
        project.unparsed.extend(rest)
    extra_cells(row, cols, project.unparsed)


@dataclass
class Steps:
    """What is left to do for each project of ``doc`` (``todo[i]`` for ``doc.projects[i]``)."""

    doc: Document
    todo: list[list[Step]] = field(default_factory=list)

    def add(self, step: Step) -> None:
        """A step for the document's last project (the one the walk is in)."""
        self.todo[-1].append(step)

    def run(self, start: int = 0, stop: int | None = None) -> None:
        """Do the steps of projects ``start`` to ``stop`` (all by default), each project's in order."""
        projects: Sequence[Project] = self.doc.projects
        for project, steps in zip(projects[start:stop], self.todo[start:stop], strict=True):
            for step in steps:
                if isinstance(step, Unparsed):
                    project.unparsed.append(step)
                else:
                    fill(project, *step)

    def weight(self, index: int) -> int:
        """About how much reading project ``index``'s steps takes: the characters of its cells."""
        rows = (step[0] for step in self.todo[index] if not isinstance(step, Unparsed))
        return sum(len(cell.text) for row in rows for cell in row)


_deferred: ContextVar[list[Steps] | None] = ContextVar("jixiao_deferred_fills", default=None)


@contextmanager
def deferred() -> Iterator[list[Steps]]:
    """Within: a list-layout parse leaves its projects' cells unread and appends its :class:`Steps`
    to the yielded list (empty when the document was not read as a list layout); the caller must run
    them. Anywhere else the parse runs them itself."""
    handed: list[Steps] = []
    token = _deferred.set(handed)
    try:
        yield handed
    finally:
        _deferred.reset(token)


def finish(steps: Steps) -> None:
    """The end of a list-layout parse: run the steps, or hand them to :func:`deferred`'s caller."""
    handed = _deferred.get()
    if handed is None:
        steps.run()
    else:
        handed.append(steps)
