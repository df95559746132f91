"""The official layouts as plain rows, independent of the output format.

xlsx, HTML and PDF all draw from these, so the three formats always show the same content:

* :func:`list_rows` — the disclosure list table (项目支出绩效目标公开表): a 合计 row, a row per unit
  followed by that unit's projects, each project with its goals and indicators in one cell each.
* :func:`grid_form` — the per-project form (项目支出绩效目标表) with the level-1 and level-2 cells
  merged over the indicators they head (``span1``/``span2`` give the merge heights).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.export.indicator_text import (
    amount_text,
    goal_lines,
    groups,
    indicator_lines,
    value_text,
)
from jixiao.model.document import Document, Project, Unit

LIST_HEADER = ("单位编码", "单位及项目名称", "金额(万元)", "绩效目标", "绩效指标")
GRID_HEADER = ("一级指标", "二级指标", "三级指标", "指标值")
TITLE_SUFFIX = "项目支出绩效目标公开表"


@dataclass(frozen=True, slots=True)
class ListRow:
    kind: str  # total | unit | project
    code: str
    name: str
    amount: str
    goals: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    anchor: str = ""  # the project's id in the grid/findings report, for links


def document_title(doc: Document) -> str:
    if doc.title:
        return doc.title
    who = doc.organisation or doc.region or ""
    year = f"{doc.year}年" if doc.year else ""
    return f"{who}{year}{TITLE_SUFFIX}"


def project_anchor(project: Project) -> str:
    return f"project-{project.seq}"


def _project_row(project: Project) -> ListRow:
    return ListRow(
        "project", project.seq, project.name, amount_text(project.amount),
        tuple(goal_lines(project.goals)), tuple(indicator_lines(project.indicators)),
        project_anchor(project),
    )


def document_total(doc: Document) -> Decimal | None:
    """The 合计: the document's own when it has one, else the sum of the project amounts."""
    if doc.total is not None:
        return doc.total
    amounts = [p.amount for p in doc.projects if p.amount is not None]
    return sum(amounts, Decimal(0)) if amounts else None


def list_rows(doc: Document) -> Iterator[ListRow]:
    """合计, then each unit followed by its projects (document order); unplaced projects last."""
    yield ListRow("total", "", "合计", amount_text(document_total(doc)))
    codes = {u.code for u in doc.units}
    for unit in doc.units:
        yield ListRow("unit", unit.code, unit.name, amount_text(unit.amount))
        yield from (_project_row(p) for p in doc.projects if p.unit_code == unit.code)
    yield from (_project_row(p) for p in doc.projects if p.unit_code not in codes)


@dataclass(frozen=True, slots=True)
class GridLine:
    """One indicator row of the grid; ``span1``/``span2`` > 0 where a merged level cell starts."""

    level1: str
    span1: int
    level2: str
    span2: int
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class GridForm:
    anchor: str
    title: str
    year: str
    fields: tuple[tuple[str, str], ...]  # 项目名称, 主管部门, 实施单位
    funds: tuple[tuple[str, str], ...]  # 年度资金总额 first
    goals: tuple[str, ...]
    lines: tuple[GridLine, ...]


def _grid_lines(project: Project) -> tuple[GridLine, ...]:
    out: list[GridLine] = []
    grouped = list(groups(project.indicators))
    i = 0
    while i < len(grouped):
        j = i
        while j < len(grouped) and grouped[j].level1 == grouped[i].level1:
            j += 1
        span1 = sum(len(g.indicators) for g in grouped[i:j])
        first1 = True
        for group in grouped[i:j]:
            for k, ind in enumerate(group.indicators):
                out.append(GridLine(
                    group.level1, span1 if first1 else 0,
                    group.level2, len(group.indicators) if k == 0 else 0,
                    ind.name, value_text(ind),
                ))
                first1 = False
        i = j
    return tuple(out)


def grid_units(doc: Document, project: Project) -> tuple[str, str]:
    """主管部门 and 实施单位: the project's own, else the document's unit names.

    The 实施单位 falls back to the project's unit, the 主管部门 to that unit's parent (the unit itself
    when it has none); both last to the unit named in the document's title.
    """
    unit = doc.unit(project.unit_code) if project.unit_code else None
    parent = doc.unit(unit.parent) if unit is not None and unit.parent else None
    department = project.department or (parent or unit or _NO_UNIT).name or doc.organisation or ""
    implementer = project.implementer or (unit or _NO_UNIT).name or doc.organisation or ""
    return department, implementer


_NO_UNIT = Unit("", "", None)


def grid_form(doc: Document, project: Project) -> GridForm:
    funds = [("年度资金总额", amount_text(project.amount))]
    funds += [(k, amount_text(v)) for k, v in project.funds.items() if k != "年度资金总额"]
    department, implementer = grid_units(doc, project)
    return GridForm(
        anchor=project_anchor(project),
        title="项目支出绩效目标表",
        year=f"({doc.year}年度)" if doc.year else "",
        fields=(
            ("项目名称", project.name),
            ("主管部门", department),
            ("实施单位", implementer),
        ),
        funds=tuple(funds),
        goals=tuple(goal_lines(project.goals)),
        lines=_grid_lines(project),
    )
