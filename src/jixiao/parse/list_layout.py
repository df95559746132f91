"""The list layout of 部门预算项目支出绩效目标公开表: one row per unit or project.

Columns 单位编码 / 单位及项目名称 / 金额 / 绩效目标 / 绩效指标 (found by their header, in any order);
a 合计 row; unit rows with nested codes (003 → 003006); numbered project rows; the header repeated
after page breaks; a title line naming organisation, year and table. Works on any :class:`Source`
(text, xlsx, html, docx, pdf renditions) whose rows carry those columns.

Rows it cannot place go to ``Document.unparsed`` verbatim with their location; cells beyond the
known columns go to the project's ``unparsed``.
"""

from __future__ import annotations

import re

from jixiao.model.document import Document, Project, Unit, Unparsed
from jixiao.parse.list_fills import Steps, cell_in, extra_cells, finish
from jixiao.parse.numbers import parse_amount
from jixiao.parse.registry import layout
from jixiao.parse.title import parse_title
from jixiao.readers.base import Cell, Source

#: Column role -> header patterns (matched against the cell with whitespace removed).
_HEADERS: dict[str, re.Pattern[str]] = {
    "code": re.compile(r"^(?:单位编码|单位代码|编码|代码|序号|单位编码/序号)$"),
    "name": re.compile(r"^(?:单位及项目名称|单位(?:名称)?及项目名称|项目名称|单位/项目名称)$"),
    "amount": re.compile(r"^(?:金额|预算金额|项目金额|资金|预算数)(?:[(（].*[)）])?$"),
    "goals": re.compile(r"^(?:绩效目标|项目绩效目标|年度绩效目标|年度目标)$"),
    "indicators": re.compile(r"^(?:绩效指标|项目绩效指标|年度绩效指标)$"),
}
_SPACE = re.compile(r"\s+")
_UNIT_CODE = re.compile(r"^\d{3,}$")
#: A project's 序号 on its own: one to four digits. A longer number is a 序号 only where the numbering
#: has reached it (the 10,000th project of a unit follows the 9,999th): a unit code, an amount or a
#: year in the code column never continues the numbering, so none is taken for a project.
_SEQ = re.compile(r"^[1-9]\d{0,3}$")
_LONG_SEQ = re.compile(r"^[1-9]\d{4,}$")
_TOTAL = re.compile(r"^(?:合计|总计)$")


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def header_columns(row: list[Cell]) -> dict[str, int] | None:
    """Map roles to column indices when ``row`` is a header row (≥ 4 of the 5 columns), else None."""
    if sum(len(cell.text) <= 40 for cell in row) < 4:
        return None  # most rows: fewer short cells than a header needs (a data row has long ones)
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        if len(cell.text) > 40:
            continue  # a header cell is a few words; long cells are content
        text = _squash(cell.text)
        for role, pattern in _HEADERS.items():
            if role not in found and pattern.match(text):
                found[role] = index
                break
    return found if len(found) >= 4 and {"name", "indicators"} <= found.keys() else None


def score(source: Source) -> float:
    for n, row in enumerate(source.rows()):
        if header_columns(row) is not None:
            return 0.9
        if n > 200:
            break
    return 0.0


def _text(cell: Cell | None) -> str:
    return cell.text.strip() if cell is not None else ""


class _ListParser:
    def __init__(self, source: Source) -> None:
        self.doc = Document(source=source.name, layout="list", kind="target")
        self.cols: dict[str, int] | None = None
        self.unit_stack: list[Unit] = []
        self.project: Project | None = None
        self.steps = Steps(self.doc)  # reading each project's cells, done when the walk ends

    def keep(self, row: list[Cell], reason: str) -> None:
        for cell in row:
            if cell.text.strip():
                self.doc.unparsed.append(Unparsed(cell.text, cell.location, reason))

    def title(self, row: list[Cell]) -> bool:
        cells = [c for c in row if c.text.strip()]
        if self.doc.title is not None or len(cells) != 1:
            return False
        title = parse_title(cells[0].text)
        if title is None:
            return False
        self.doc.title, self.doc.region, self.doc.year, self.doc.organisation = title
        return True

    def row(self, row: list[Cell]) -> None:
        if not any(c.text.strip() for c in row):
            return
        cols = header_columns(row)
        if cols is not None:
            self.cols = cols
            return
        if self.cols is None:
            if not self.title(row):
                self.keep(row, "text before the table header")
            return
        self.data_row(row, self.cols)

    def data_row(self, row: list[Cell], cols: dict[str, int]) -> None:
        code, name = _text(cell_in(row, cols, "code")), _text(cell_in(row, cols, "name"))
        amount_cell = cell_in(row, cols, "amount")
        goals, inds = cell_in(row, cols, "goals"), cell_in(row, cols, "indicators")
        has_content = bool(_text(goals) or _text(inds))
        if _TOTAL.match(_squash(name)) or _TOTAL.match(_squash(code)):
            self.total(row, cols, amount_cell)
        elif _UNIT_CODE.match(code) and name and not has_content and code != self.next_seq():
            self.unit(row, code, name, amount_cell)
        elif name and self.is_seq(code):
            self.new_project(row, cols, code, name, amount_cell)
        elif not code and name and has_content and "code" in cols:
            # a project row without its number: numbered in order, and marked as such
            self.new_project(row, cols, self.next_seq() or str(len(self.doc.projects) + 1), name, amount_cell)
            self.doc.projects[-1].extra["seq"] = "not in the document; numbered in order"
        elif not code and not name and has_content and self.project is not None:
            if amount_cell is not None and amount_cell.text.strip():
                kept = Unparsed(amount_cell.text, amount_cell.location, "amount in a continuation row")
                self.steps.add(kept)
            self.steps.add((row, cols, self.doc.year))  # a project continued after a page break
        elif not self.title(row):
            self.keep(row, "row of unknown kind")

    def total(self, row: list[Cell], cols: dict[str, int], amount_cell: Cell | None) -> None:
        if self.doc.total is not None:
            self.keep(row, "another total row")
            return
        self.doc.total = parse_amount(_text(amount_cell))
        if self.doc.total is None:
            self.keep(row, "total row without a readable amount")
            return
        label = cols["name"] if _TOTAL.match(_squash(_text(cell_in(row, cols, "name")))) else cols.get("code")
        rest = [c for i, c in enumerate(row) if i not in (label, cols.get("amount"))]
        self.keep(rest, "text in the total row")

    def is_seq(self, code: str) -> bool:
        """Whether ``code`` is a project's 序号 (see :data:`_SEQ`)."""
        return _SEQ.match(code) is not None or (_LONG_SEQ.match(code) is not None and code == self.next_seq())

    def next_seq(self) -> str:
        """The number the next project row would carry ("101" after project 100 is no unit code)."""
        last = self.doc.projects[-1].seq if self.doc.projects else "0"
        return str(int(last) + 1) if last.isdigit() else ""

    def unit(self, row: list[Cell], code: str, name: str, amount_cell: Cell | None) -> None:
        while self.unit_stack and not code.startswith(self.unit_stack[-1].code):
            self.unit_stack.pop()
        parent = self.unit_stack[-1].code if self.unit_stack else None
        unit = Unit(code, name, parse_amount(_text(amount_cell)), parent, row[0].location)
        self.doc.units.append(unit)
        self.unit_stack.append(unit)
        self.project = None
        extra_cells(row, self.cols or {}, self.doc.unparsed)
        if amount_cell is not None and _text(amount_cell) and unit.amount is None:
            self.doc.unparsed.append(
                Unparsed(amount_cell.text, amount_cell.location, "unit amount is not a number")
            )

    def new_project(
        self, row: list[Cell], cols: dict[str, int], seq: str, name: str, amount: Cell | None
    ) -> None:
        unit_code = self.unit_stack[-1].code if self.unit_stack else None
        project = Project(seq, name, parse_amount(_text(amount)), unit_code, location=row[0].location)
        if amount is not None and _text(amount) and project.amount is None:
            project.unparsed.append(Unparsed(amount.text, amount.location, "amount is not a number"))
        self.doc.projects.append(project)
        self.project = project
        self.steps.todo.append([(row, cols, self.doc.year)])


@layout("list", score=score)
def parse_list(source: Source) -> Document:
    parser = _ListParser(source)
    for row in source.rows():
        parser.row(row)
    finish(parser.steps)
    return parser.doc
