"""The long form of the grid layout: one row per indicator, the project in columns of its own.

Departmental disclosures often list every project in one table — 项目名称 | 预算金额 | 年度目标 |
一级指标 | 二级指标 | 三级指标 | 指标值 … — with the project cells merged down over its indicator rows
(or repeated on each row). A new project starts where a non-empty 项目名称 differs from the one
above; its other project columns (amount, goal, department, implementer) are read from the rows
where they are filled. Indicator columns are read as in the per-project grid.
"""

from __future__ import annotations

from jixiao.model.document import Project, Unparsed
from jixiao.parse.goals import parse_goals
from jixiao.parse.grid_header import field_of
from jixiao.parse.grid_indicators import (
    IndicatorReader,
    column_map,
    column_of,
    is_indicator_header,
    is_sub_header,
)
from jixiao.parse.grid_rows import Row, is_terminator, make_row
from jixiao.parse.numbers import parse_amount

_PROJECT_FIELDS = ("name", "department", "implementer", "年度资金总额", "goal")


def is_long_header(row: Row) -> bool:
    """An indicator header that also has a 项目名称 column."""
    return is_indicator_header(row) and any(field_of(t) == "name" for t in row.texts if t)


def _project_columns(header: Row) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, text in enumerate(header.texts):
        name = field_of(text) if text else None
        if name in _PROJECT_FIELDS and name not in out:
            out[name] = i
    return out


def _is_stray(text: str) -> bool:
    return column_of(text) is None and field_of(text) not in _PROJECT_FIELDS


def _fill(project: Project, row: Row, fields: dict[str, int], seen: dict[str, str]) -> None:
    """Take the project columns of ``row``; ``seen`` holds what this project already has."""
    for name, i in fields.items():
        text = row.texts[i] if i < len(row.texts) else ""
        if not text or name == "name" or seen.get(name) == text:
            continue  # empty, or the project's value repeated on each of its rows
        where = row.cells[min(i, len(row.cells) - 1)].location if row.cells else None
        if name in seen:
            project.unparsed.append(Unparsed(text, where, f"a second {name} for the same project"))
            continue
        seen[name] = text
        if name == "department":
            project.department = text
        elif name == "implementer":
            project.implementer = text
        elif name == "goal":
            project.goals = parse_goals(text, where)
        else:
            amount = parse_amount(text.replace("万元", "").replace("元", ""))
            if amount is not None:
                project.amount = project.funds["年度资金总额"] = amount
            else:
                project.unparsed.append(Unparsed(text, where, "amount not understood"))


def long_projects(rows: list[Row], first_seq: int) -> tuple[list[Project], list[Row], list[Row]]:
    """Projects of a long table starting at its header ``rows[0]``.

    Returns (projects, rows before the first project name, rows after the table)."""
    header = rows[0]
    sub = rows[1] if len(rows) > 1 and is_sub_header(rows[1]) else None
    fields = _project_columns(header)
    cols = column_map(header, sub)
    body = rows[2 if sub else 1 :]
    projects: list[Project] = []
    orphans: list[Row] = []
    for head in [r for r in (header, sub) if r is not None]:  # header cells that are no column label
        stray = [c for t, c in zip(head.texts, head.cells, strict=False) if t and _is_stray(t)]
        if stray:
            orphans.append(make_row(stray))
    reader = IndicatorReader(cols, skip=set(fields.values()))
    name_col = fields["name"]
    after: list[Row] = []
    seen: dict[str, str] = {}
    for k, row in enumerate(body):
        if is_terminator(row):
            after = body[k:]
            break
        name = row.texts[name_col] if name_col < len(row.texts) else ""
        if name and (not projects or name != projects[-1].name):
            if projects:
                reader.finish(projects[-1].unparsed)
            location = row.cells[min(name_col, len(row.cells) - 1)].location
            projects.append(
                Project(seq=str(first_seq + len(projects)), name=name, amount=None, location=location)
            )
            reader = IndicatorReader(cols, skip=set(fields.values()))
            seen = {}
        if not projects:
            orphans.append(row)
            continue
        _fill(projects[-1], row, fields, seen)
        indicator = reader.read(row, projects[-1].unparsed)
        if indicator is not None:
            projects[-1].indicators.append(indicator)
    if projects:
        reader.finish(projects[-1].unparsed)
    return projects, orphans, after
