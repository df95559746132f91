"""The header block of a per-project table: 项目名称, 主管部门, 实施单位, 项目资金, 年度绩效目标.

Labels pair with the next non-empty cell to their right that is not itself a label. The fund lines
come in two shapes: "年度资金总额 | 24.998" (target tables) and, in self-evaluation tables, a small
grid under 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 whose cells are stored as
``funds["年度资金总额/全年预算数"]`` and so on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.model.location import Location
from jixiao.parse.grid_rows import Row, bare, money_unit

#: canonical field -> labels as written (compared after :func:`bare`).
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("项目名称", "资金名称", "专项资金名称"),
    "department": ("主管部门", "项目主管部门", "部门名称", "主管单位", "预算部门", "省级业务主管部门"),
    "implementer": ("实施单位", "单位名称", "项目实施单位", "预算单位"),
    "年度资金总额": (
        "预算金额",
        "金额",
        "预算数",
        "项目预算",
        "资金额度",
        "年度资金总额",
        "资金总额",
        "项目金额",
        "项目资金总额",
        "年度资金总额合计",
        "总额",
    ),
    "其中财政拨款": (
        "财政拨款",
        "当年财政拨款",
        "财政资金",
        "当年财政资金",
        "当年市级财政资金",
        "当年财政资金拨款",
        "一般公共预算",
    ),
    "其他资金": ("其他资金",),
    "上年结转资金": ("上年结转资金", "上年结转"),
    "财政专户管理资金": ("财政专户管理资金",),
    "单位资金": ("单位资金",),
    "goal": (
        "年度绩效目标",
        "年度目标",
        "年度总体目标",
        "总体目标",
        "绩效目标",
        "项目年度目标",
        "年度绩效目标(文字)",
    ),
    "leader": ("项目负责人",),
    "period": ("项目期", "实施期", "实施周期"),
    "attribute": ("项目属性", "项目类型", "资金类型"),
}
_LABEL_TO_FIELD = {label: name for name, labels in FIELDS.items() for label in labels}
FUND_FIELDS = ("年度资金总额", "其中财政拨款", "其他资金", "上年结转资金", "财政专户管理资金", "单位资金")

#: Column labels of the self-evaluation budget block.
BUDGET_COLUMNS = (
    "年初预算",
    "原因",
    "年初预算数",
    "全年预算数",
    "调整后预算数",
    "全年执行数",
    "预算执行数",
    "分值",
    "权重",
    "执行率",
    "预算执行率",
    "得分",
    # the 执行监控表 (issue 10)
    "执行数",
    "全年预计执行数",
)
_PERIOD_EXECUTED = re.compile(r"^\d{1,2}-\d{1,2}月执行数$")  # 1-6月执行数


def is_budget_column(label: str) -> bool:
    return label in BUDGET_COLUMNS or _PERIOD_EXECUTED.match(label) is not None
_GROUP_LABELS = (
    "项目资金",
    "项目资金(万元)",
    "绩效指标",
    "项目基本情况",
    "预算执行情况",
    "年度预算数",
    "预期目标",
    "实际完成情况",
    "年度目标完成情况",
)
#: A self-evaluation's goal header: the expected goal and what was achieved, side by side.
_GOAL_PAIRS = (("预期目标", "实际完成情况"), ("项目年度目标", "年度目标完成情况"))


def field_of(text: str) -> str | None:
    b = bare(text)
    if b in _LABEL_TO_FIELD:
        return _LABEL_TO_FIELD[b]
    if b.startswith("年度资金总额"):
        return "年度资金总额"
    return None


def is_label(text: str) -> bool:
    b = bare(text)
    return field_of(text) is not None or is_budget_column(b) or b in _GROUP_LABELS or b.startswith("项目资金")


@dataclass(slots=True)
class Header:
    values: dict[str, str] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    budget: dict[str, str] = field(default_factory=dict)  # "年度资金总额/全年预算数" -> "387664.62"
    money_unit: str | None = None
    leftover: list[tuple[str, Location]] = field(default_factory=list)


def _budget_columns(row: Row) -> dict[int, str] | None:
    cols = {i: bare(t) for i, t in enumerate(row.texts) if is_budget_column(bare(t))}
    return cols if len(cols) >= 3 else None


def read_header(rows: list[Row]) -> Header:
    """Read the header fields of one block (the rows before its indicator table)."""
    head = Header()
    budget_cols: dict[int, str] | None = None
    goal_pair = False
    for row in rows:
        pair = next((p for p in _GOAL_PAIRS if all(any(bare(t) == x for t in row.texts) for x in p)), None)
        if pair is not None:
            last = max(j for j, t in enumerate(row.texts) if bare(t) in pair)
            after = [i for i in row.filled() if i > last]
            goal_pair = not after
            _goal_pair(head, row, after)
            _leftover(head, row, set(after) | {i for i, t in enumerate(row.texts) if is_label(t)})
            continue
        if goal_pair:
            goal_pair = False
            _goal_pair(head, row, row.filled())
            continue
        for text in row.texts:
            head.money_unit = head.money_unit or money_unit(text)
        cols = _budget_columns(row)
        if cols is not None:
            budget_cols = cols
            _leftover(head, row, set(cols) | {i for i, t in enumerate(row.texts) if is_label(t)})
            continue
        used: set[int] = set()
        if budget_cols is not None:
            first = row.first()
            name = field_of(row.texts[first]) if first is not None else None
            if first is not None and name in FUND_FIELDS:
                used.add(first)
                for i, col in budget_cols.items():
                    label = f"{name}/{col}"
                    if i < len(row.texts) and row.texts[i] and i != first and label not in head.budget:
                        head.budget[label] = row.texts[i]  # a repeated label or column: leftover
                        used.add(i)
                _leftover(head, row, used)
                continue
        for i, text in enumerate(row.texts):
            if not text or i in used:
                continue
            if not is_label(text):
                continue
            used.add(i)
            name = field_of(text)
            j = next((j for j in range(i + 1, len(row.texts)) if row.texts[j]), None)
            if name is None or j is None or is_label(row.texts[j]):
                continue
            if name not in head.values:  # a repeated label's value stays in the leftovers
                used.add(j)
                head.values[name] = row.texts[j]
                head.locations[name] = row.cells[j].location
        _leftover(head, row, used)
    return head


def _goal_pair(head: Header, row: Row, cells: list[int]) -> None:
    """Expected goal and actual outcome cells of a self-evaluation goal row."""
    for name, i in zip(("goal", "goal_actual"), cells, strict=False):
        if name in head.values:  # already given by a label: keep this one as a leftover
            head.leftover.append((row.texts[i], row.cells[i].location))
            continue
        head.values[name] = row.texts[i]
        head.locations[name] = row.cells[i].location
    for i in cells[2:]:
        head.leftover.append((row.texts[i], row.cells[i].location))


def _leftover(head: Header, row: Row, used: set[int]) -> None:
    for i, text in enumerate(row.texts):
        if text and i not in used and text not in ("—", "-", "/", "——"):  # dashes mean "none"
            head.leftover.append((text, row.cells[i].location))
