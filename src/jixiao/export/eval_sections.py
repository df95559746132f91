"""The two year-end/in-year forms as plain rows, independent of the output format (issue 10).

* 项目支出绩效自评表 (财预〔2020〕10号 附件): 项目资金 block 年初预算数 | 全年预算数 | 全年执行数 | 分值 |
  执行率 | 得分, 年度总体目标 (预期目标 | 实际完成情况), indicators 一级指标 | 二级指标 | 三级指标 |
  年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施, and the 总分 line (分值 | 得分 | 等级).
* 项目支出绩效目标执行监控表 (财预〔2019〕136号 附件 form, 双监控): 项目资金 block 年初预算数 | 全年预算数 |
  执行数 | 执行率 | 全年预计执行数, indicators 年度指标值 | 1-N月执行情况 | 全年预计完成情况 | 完成可能性 |
  偏差原因类别 | 偏差原因 | 纠偏措施 (domain.md §4: the form's fields [R][P]).

The input is a Document as jixiao's readers produce it: ``Indicator.actual/weight/score/deviation``,
``Indicator.extra`` (全年预计完成情况, 完成可能性, 偏差原因类别, 纠偏措施), ``Project.funds`` keyed
"年度资金总额/全年预算数", ``Project.extra`` (总分 "100 | 96 | 优", goal_actual or 年度目标完成情况).
xlsx, HTML and PDF draw from these rows, so the three formats show the same table, and jixiao's
readers parse it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.export.indicator_text import amount_text, goal_lines, groups, value_text
from jixiao.export.sections import grid_units, project_anchor
from jixiao.model.document import Document, Indicator, Project
from jixiao.parse.grid_header import FUND_FIELDS

SELFEVAL_TITLE = "项目支出绩效自评表"
MONITORING_TITLE = "项目支出绩效目标执行监控表"
#: Budget columns of the 自评表, each with the other labels the readers give the same column.
SELFEVAL_BUDGET: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("年初预算数", ("年初预算",)),
    ("全年预算数", ("调整后预算数", "全年(调整)预算数", "变动后预算数")),
    ("全年执行数", ("预算执行数", "执行数")),
    ("分值", ("权重",)),
    ("执行率", ("预算执行率",)),
    ("得分", ()),
)
MONITORING_BUDGET: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("年初预算数", ("年初预算",)),
    ("全年预算数", ("调整后预算数", "全年(调整)预算数")),
    ("执行数", ("全年执行数", "预算执行数")),
    ("执行率", ("预算执行率",)),
    ("全年预计执行数", ()),
)
SELFEVAL_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                   "偏差原因分析及改进措施")
MONITORING_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "执行情况", "全年预计完成情况",
                     "完成可能性", "偏差原因类别", "偏差原因", "纠偏措施")
_PERIOD = re.compile(r"^(\d{1,2}-\d{1,2}月)执行数$")
TOTAL_KEYS = ("总分", "自评总分", "总得分")
GOAL_ACTUAL_KEYS = ("goal_actual", "年度目标完成情况", "实际完成情况")


@dataclass(frozen=True, slots=True)
class EvalLine:
    """One indicator row; ``span1``/``span2`` > 0 where a merged level cell starts."""

    level1: str
    span1: int
    level2: str
    span2: int
    cells: tuple[str, ...]  # from 三级指标 on, in the header's order


@dataclass(frozen=True, slots=True)
class EvalForm:
    layout: str  # selfeval | monitoring
    anchor: str
    title: str
    year: str
    fields: tuple[tuple[str, str], ...]  # 项目名称, 主管部门, 实施单位
    budget_header: tuple[str, ...]
    budget: tuple[tuple[str, tuple[str, ...]], ...]  # (年度资金总额, cells under budget_header)
    goal: str
    goal_actual: str
    header: tuple[str, ...]
    lines: tuple[EvalLine, ...]
    total: tuple[str, ...]  # 总分 line: 分值, 得分, 等级 (selfeval only; empty when none)
    note: str  # 其他需要说明事项

    @property
    def width(self) -> int:
        return len(self.header)


def number_text(value: Decimal | None) -> str:
    """A weight or score as written: no trailing zeros beyond the value's own ("10", "9.5", "4.84")."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _budget_cell(project: Project, row: str, labels: tuple[str, ...]) -> str:
    for label in labels:
        key = f"{row}/{label}"
        if key in project.funds:
            return amount_text(project.funds[key]) if label not in ("分值", "权重", "得分") \
                else number_text(project.funds[key])
        text = project.extra.get(key)
        if text and text.strip() not in ("—", "-", "/"):
            return text.strip()
    return ""


def period_of(project: Project) -> str | None:
    """"1-6月" when the funds block has a "1-6月执行数" column."""
    return next((m.group(1) for k in project.funds if (m := _PERIOD.match(k.partition("/")[2]))), None)


def _budget(project: Project, columns: tuple[tuple[str, tuple[str, ...]], ...], period: str | None) \
        -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    header = tuple(f"{period}执行数" if c == "执行数" and period else c for c in columns_names(columns))
    lookups = [(name, (f"{period}执行数", name, *others) if name == "执行数" and period else (name, *others))
               for name, others in columns]
    rows = [f for f in FUND_FIELDS
            if any(k.startswith(f"{f}/") for k in (*project.funds, *project.extra))]
    if "年度资金总额" not in rows:
        rows.insert(0, "年度资金总额")
    out = []
    for row in rows:
        cells = tuple(_budget_cell(project, row, labels) for _, labels in lookups)
        if row == "年度资金总额" and not any(cells[:2]) and project.amount is not None:
            cells = (amount_text(project.amount), *cells[1:])
        out.append((row, cells))
    return header, tuple(out)


def columns_names(columns: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str, ...]:
    return tuple(name for name, _ in columns)


# The 年度指标值 cell is written as the other layouts write it (value_text): a written "=" (═100%) stays
# written and a value with no operator stays bare, because the scorer reads a written "=" as
# met-or-not and a bare value as a target to reach (see docs/performance-year.md).
def _selfeval_cells(ind: Indicator) -> tuple[str, ...]:
    return (ind.name, value_text(ind), ind.actual or "", number_text(ind.weight), number_text(ind.score),
            ind.deviation or "")


def _monitoring_cells(ind: Indicator) -> tuple[str, ...]:
    extra = ind.extra
    return (ind.name, value_text(ind), ind.actual or "", extra.get("全年预计完成情况", ""),
            extra.get("完成可能性", ""),
            extra.get("偏差原因类别", ""), ind.deviation or "", extra.get("纠偏措施", ""))


def _lines(project: Project, monitoring: bool) -> tuple[EvalLine, ...]:
    out: list[EvalLine] = []
    grouped = list(groups(project.indicators))
    cells = _monitoring_cells if monitoring else _selfeval_cells
    i = 0
    while i < len(grouped):
        j = i
        while j < len(grouped) and grouped[j].level1 == grouped[i].level1:
            j += 1
        span1, first = sum(len(g.indicators) for g in grouped[i:j]), True
        for group in grouped[i:j]:
            for k, ind in enumerate(group.indicators):
                out.append(EvalLine(group.level1, span1 if first else 0, group.level2,
                                    len(group.indicators) if k == 0 else 0, cells(ind)))
                first = False
        i = j
    return tuple(out)


def _total(project: Project) -> tuple[str, ...]:
    text = next((project.extra[k] for k in TOTAL_KEYS if project.extra.get(k)), "")
    return tuple(t.strip() for t in text.split("|") if t.strip())


def eval_form(doc: Document, project: Project, layout: str) -> EvalForm:
    """The 自评表 (``layout`` selfeval) or 执行监控表 (monitoring) of one project."""
    monitoring = layout == "monitoring"
    department, implementer = grid_units(doc, project)
    period = period_of(project)
    budget_header, budget = _budget(project, MONITORING_BUDGET if monitoring else SELFEVAL_BUDGET, period)
    header = tuple(f"{period or '截至目前'}{h}" if h == "执行情况" else h for h in MONITORING_HEADER)
    actual = next((project.extra[k] for k in GOAL_ACTUAL_KEYS if project.extra.get(k)), "")
    return EvalForm(
        layout=layout,
        anchor=project_anchor(project),
        title=MONITORING_TITLE if monitoring else SELFEVAL_TITLE,
        year=f"({doc.year}年度)" if doc.year else "",
        fields=(("项目名称", project.name), ("主管部门", department), ("实施单位", implementer)),
        budget_header=budget_header,
        budget=budget,
        goal="\n".join(goal_lines(project.goals)),
        goal_actual=actual,
        header=header if monitoring else SELFEVAL_HEADER,
        lines=_lines(project, monitoring),
        total=() if monitoring else _total(project),
        note=project.extra.get("其他需要说明事项", ""),
    )


def eval_form_title(layout: str) -> str:
    return MONITORING_TITLE if layout == "monitoring" else SELFEVAL_TITLE


def eval_forms(doc: Document, layout: str) -> list[EvalForm]:
    return [eval_form(doc, p, layout) for p in doc.projects]
