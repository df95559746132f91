"""A self-evaluation's budget block (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, read by its
header with the aligner) and its 总分 line (kept whole: full marks, score, grade)."""

from __future__ import annotations

from jixiao.model.document import Project, Unparsed
from jixiao.parse.stream.align import align
from jixiao.parse.stream.celltypes import shape
from jixiao.parse.stream.fields import amount_of, to_wan
from jixiao.parse.stream.state import Walk
from jixiao.parse.stream.tokens import Tok
from jixiao.parse.stream.vocab import compact

TOTAL_LABELS = frozenset(("总分", "自评总分", "自评得分", "总得分", "综合得分", "合计"))

#: the columns of a self-evaluation's budget block (预算执行情况): 年初预算数 | 全年预算数 | 全年执行数 | …
BUDGET_LABELS = {
    "年初预算数": "money",
    "年初预算": "money",
    "全年预算数": "money",
    "调整后预算数": "money",
    "全年(调整)预算数": "money",
    "全年执行数": "money",
    "预算执行数": "money",
    "执行数": "money",
    "1-6月执行数": "money",
    "全年预计执行数": "money",
    "分值": "weight",
    "权重": "weight",
    "执行率": "coefficient",
    "预算执行率": "coefficient",
    "得分": "score",
}

def total_line(w: Walk, toks: list[Tok], i: int) -> int:
    """ "总分 | 100 | 96 | 优": kept whole on the project (full marks, score, grade)."""
    values: list[str] = []
    j = i + 1
    while (
        j < len(toks)
        and len(values) < 4
        and (toks[j].empty or shape(toks[j].text) in ("number", "value", "word", "dash"))
    ):
        if not toks[j].empty:
            values.append(toks[j].text)
        j += 1
    if not values:
        w.unparsed.append(Unparsed(toks[i].text, w.loc(toks[i]), "表尾文字"))
        return i + 1
    w.projects[-1].extra[compact(toks[i].text)] = " | ".join(values)
    w.ended_cleanly = True
    w.in_body = False
    return j

def budget_header(w: Walk, toks: list[Tok], i: int) -> int:
    """A run of budget-block labels before the indicator table; the row under it is read by
    :func:`budget_row` when its 年度资金总额 label comes."""
    cols: list[str] = []
    j = i
    while j < len(toks) and (toks[j].empty or compact(toks[j].text) in BUDGET_LABELS):
        if not toks[j].empty:
            cols.append(compact(toks[j].text))
        j += 1
    if len(cols) < 3 or not any("预算" in c or "执行" in c for c in cols):
        return i
    w.budget_cols = cols
    return j

def budget_row(w: Walk, toks: list[Tok], j: int, project: Project, row: str, unit: str) -> int:
    """The cells after 年度资金总额 aligned to the budget block's columns (a cell may be missing)."""
    from jixiao.parse.stream.align import Cell as ACell

    cells: list[Tok] = []
    k = j
    while (
        k < len(toks)
        and len(cells) < len(w.budget_cols) + 2
        and (toks[k].empty or shape(toks[k].text) in ("number", "value", "dash"))
    ):
        cells.append(toks[k])
        k += 1
    if not cells:
        return j
    template = ["name", *(BUDGET_LABELS[c] for c in w.budget_cols)]
    (record, *_), _ = align([ACell(row), *(ACell(t.text, t.empty) for t in cells)], template)
    for c, ks in record.cells.items():
        if c == 0:
            continue
        tok = cells[ks[0] - 1]
        column = w.budget_cols[c - 1]
        amount, written = amount_of(tok.text)
        if amount is not None and BUDGET_LABELS[column] == "money":
            project.funds[f"{row}/{column}"] = to_wan(amount, written or unit)
            if (written or unit) == "元":  # the amount as written stays beside its 万元 value
                project.extra[f"{row}/{column}(原文)"] = f"{tok.text}元"
        elif amount is not None:  # 分值, 得分: numbers of the block, as the grid layout keeps them
            project.funds[f"{row}/{column}"] = amount
        elif not tok.empty:
            project.extra[f"{row}/{column}"] = tok.text
    for column in ("全年预算数", "调整后预算数", "全年(调整)预算数", "年初预算数", "年初预算"):
        if row == "年度资金总额" and f"{row}/{column}" in project.funds:
            project.amount = project.funds[f"{row}/{column}"]
            project.funds.setdefault(row, project.amount)
            break
    return k
