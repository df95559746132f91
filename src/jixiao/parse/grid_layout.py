"""The per-project grid layout (项目支出绩效目标表 / 绩效目标申报表 / 批复表), one block per project.

A block starts at a 项目名称 row and runs to the next one. Its header rows (before the 一级指标 |
二级指标 | 三级指标 header) give the project's name, department, implementer, funds and goals; the rows
after it give indicators until a 合计/总分/盖章 row. Cells that fit nowhere are kept in the project's
``unparsed``; text before the first block (the title) names the document and its year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.document import Document, Project, Unparsed
from jixiao.parse.goals import parse_goals
from jixiao.parse.grid_header import FUND_FIELDS, Header, field_of, read_header
from jixiao.parse.grid_indicators import (
    IndicatorReader,
    column_map,
    column_of,
    is_indicator_header,
    is_sub_header,
)
from jixiao.parse.grid_long import is_long_header, long_projects
from jixiao.parse.grid_rows import TERMINATORS, Row, bare, is_terminator, source_rows
from jixiao.parse.numbers import parse_amount
from jixiao.parse.registry import layout
from jixiao.readers.base import Source

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
#: Where the project amount comes from, first found wins (self-evaluations have no bare total).
_AMOUNT_FROM = (
    "年度资金总额",
    "年度资金总额/全年预算数",
    "年度资金总额/调整后预算数",
    "年度资金总额/年初预算数",
)
_ORGANISATION_LABELS = ("部门", "单位", "填报单位", "单位名称", "部门名称", "预算单位", "填报单位(盖章)")
_TITLE = re.compile(r"绩效(?:目标|自评)|申报表|批复表|审核表")


@dataclass(slots=True)
class Block:
    rows: list[Row]
    long: bool = False  # a long table: one row per indicator, many projects (see grid_long)


def blocks_of(rows: list[Row]) -> tuple[list[Row], list[Block]]:
    """(rows before the first project, one Block per 项目名称 row or long-table header)."""
    preamble: list[Row] = []
    blocks: list[Block] = []
    for row in rows:
        if is_long_header(row):
            blocks.append(Block([row], long=True))
        elif any(field_of(t) == "name" for t in row.texts if t):
            blocks.append(Block([row]))
        elif blocks:
            blocks[-1].rows.append(row)
        else:
            preamble.append(row)
    return preamble, blocks


def _project(seq: int, block: Block) -> Project:
    rows = block.rows
    h_index = next((i for i, r in enumerate(rows) if is_indicator_header(r)), len(rows))
    header = read_header(rows[:h_index])
    project = Project(
        seq=str(seq), name=header.values.get("name", ""), amount=None, location=header.locations.get("name")
    )
    project.department = header.values.get("department")
    project.implementer = header.values.get("implementer")
    _funds(project, header)
    if "goal" in header.values:
        project.goals = parse_goals(header.values["goal"], header.locations.get("goal"))
    for name in ("leader", "period", "attribute", "goal_actual"):
        if name in header.values:
            project.extra[name] = header.values[name]
    for text, location in header.leftover:
        project.unparsed.append(Unparsed(text, location, "header cell not understood"))
    if h_index < len(rows):
        body = rows[h_index + 1 :]
        sub = body[0] if body and is_sub_header(body[0]) else None
        cols = column_map(rows[h_index], sub)
        for header_row in [r for r in (rows[h_index], sub) if r is not None]:
            for i in header_row.filled():
                if column_of(header_row.texts[i]) is None and not header_row.keys[i].startswith("绩效指标"):
                    where = header_row.cells[i].location
                    project.unparsed.append(
                        Unparsed(header_row.texts[i], where, "cell in the indicator header")
                    )
        reader = IndicatorReader(cols)
        rest = body[1:] if sub else body
        for k, row in enumerate(rest):
            if is_terminator(row):
                _trailer(project, rest[k:])
                break
            repeated_sub = k > 0 and is_indicator_header(rest[k - 1]) and is_sub_header(row)
            if is_indicator_header(row) or repeated_sub:
                continue  # the header row(s) a PDF or a printed sheet repeats on each new page
            indicator = reader.read(row, project.unparsed)
            if indicator is not None:
                project.indicators.append(indicator)
        reader.finish(project.unparsed)
    return project


def _funds(project: Project, header: Header) -> None:
    for name in FUND_FIELDS:
        value = header.values.get(name)
        amount = parse_amount(value.replace("万元", "").replace("元", "")) if value else None
        if amount is not None:
            project.funds[name] = amount
        elif value and value not in ("—", "-", "/"):
            project.extra[name] = value
    for label, value in header.budget.items():
        amount = parse_amount(value)
        if amount is not None:
            project.funds[label] = amount
        else:
            project.extra[label] = value
    for name in _AMOUNT_FROM:
        if name in project.funds:
            project.amount = project.funds[name]
            break
    if header.money_unit:
        project.extra["资金单位"] = header.money_unit


def _trailer(project: Project, rows: list[Row]) -> None:
    """Rows after the indicators (合计, 总分, 其他需要说明事项 …): each label with the cells after it
    goes to ``extra`` ("总分" -> "100 | 96 | 优"); anything else is kept as unparsed."""
    for row in rows:
        label: str | None = None
        values: dict[str, list[str]] = {}
        for i in row.filled():
            text = row.texts[i]
            if "盖章" in text:  # the approval/stamp line of a 批复表: understood, kept as written
                stamps = project.extra.get("盖章")
                project.extra["盖章"] = f"{stamps} | {text}" if stamps else text
            elif bare(text) in TERMINATORS:
                label = bare(text)
                values.setdefault(label, [])
            elif label is not None:
                values[label].append(text)
            else:
                project.unparsed.append(Unparsed(text, row.cells[i].location, "text after the indicators"))
        for name, cells in values.items():  # a label seen twice keeps both values
            joined, old = " | ".join(cells), project.extra.get(name)
            project.extra[name] = f"{old} | {joined}" if old and joined else (old or joined)


def _metadata(doc: Document, preamble: list[Row]) -> None:
    """Title and year from the rows before the first project; everything else kept as unparsed."""
    for row in preamble:
        for i in row.filled():
            text = row.texts[i]
            year = _YEAR.search(text)
            if doc.year is None and year:
                doc.year = int(year.group(1))
            label, _, rest = text.replace("：", ":").partition(":")
            if doc.title is None and _TITLE.search(text):
                doc.title = " ".join(text.split())
            elif rest.strip() and "".join(label.split()) in _ORGANISATION_LABELS:
                doc.organisation = rest.strip()
            elif not (year and len(text) <= 12):  # "(2022年度)" is fully understood
                doc.unparsed.append(Unparsed(text, row.cells[i].location, "text before the first project"))


def parse_blocks(source: Source, selfeval: bool) -> Document:
    preamble, blocks = blocks_of(source_rows(source))
    doc = Document(
        source=source.name,
        layout="selfeval" if selfeval else "grid",
        kind="selfeval" if selfeval else "target",
    )
    _metadata(doc, preamble)
    for block in blocks:
        if block.long:
            projects, orphans, after = long_projects(block.rows, len(doc.projects) + 1)
            for row in orphans:
                _keep(doc, row, "cell of the long table outside any project")
            doc.projects.extend(projects)
            if projects:
                _trailer(projects[-1], after)
            else:
                for row in after:
                    _keep(doc, row, "text after the table")
        else:
            doc.projects.append(_project(len(doc.projects) + 1, block))
    if selfeval and _is_monitoring(doc):
        doc.kind = doc.layout = "monitoring"
    if doc.projects and doc.organisation is None:
        doc.organisation = doc.projects[0].implementer or doc.projects[0].department
    amounts = [p.amount for p in doc.projects if p.amount is not None]
    if amounts and len(amounts) == len(doc.projects):
        doc.total = sum(amounts, start=Decimal(0))
    return doc


def _is_monitoring(doc: Document) -> bool:
    """A 执行监控表: titled so, or an indicator table with a 完成可能性 column (issue 10)."""
    if doc.title and "监控" in doc.title:
        return True
    return any("完成可能性" in i.extra for p in doc.projects for i in p.indicators)


def _keep(doc: Document, row: Row, reason: str) -> None:
    for i in row.filled():
        doc.unparsed.append(Unparsed(row.texts[i], row.cells[i].location, reason))


def might_be_grid(source: Source) -> bool:
    """A cheap scan before the real test: some cell mentions a level (一级指标, 一 级 指 标, 一級指標)."""
    return any(("级" in c.text or "級" in c.text) and "指" in c.text for row in source.rows() for c in row)


def grid_score(source: Source) -> float:
    """0.92 when a 项目名称 block has an 一级/二级/三级指标 header; 0 otherwise."""
    if not might_be_grid(source):
        return 0.0
    rows = source_rows(source)
    if not any(is_indicator_header(r) for r in rows):
        return 0.0
    if not any(field_of(t) == "name" for r in rows for t in r.texts if t):
        return 0.0
    return 0.92


@layout("grid", grid_score)
def parse_grid(source: Source) -> Document:
    return parse_blocks(source, selfeval=False)
