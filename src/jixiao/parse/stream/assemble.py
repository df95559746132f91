"""Walk the typed cell stream and assemble projects: header fields, column templates, categories
carried forward (this undoes row spans), records aligned to the template, leftovers kept verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jixiao.model.document import Goal, Project, Unparsed
from jixiao.parse.goals import parse_goals
from jixiao.parse.stream.blocks import BUDGET_LABELS, TOTAL_LABELS, budget_header, total_line
from jixiao.parse.stream.celltypes import shape
from jixiao.parse.stream.fields import amount_of, field_of, to_wan
from jixiao.parse.stream.formfields import read_field
from jixiao.parse.stream.headers import read_header
from jixiao.parse.stream.records import flush
from jixiao.parse.stream.state import SECTION_WORDS, TERMINATORS, Walk
from jixiao.parse.stream.tokens import Tok
from jixiao.parse.stream.vocab import category, compact, is_column_label


def merge_fragments(toks: list[Tok]) -> list[Tok]:
    """ "项目完成" + "指标" -> one category; "经济效益" + "指标" likewise."""
    out: list[Tok] = []
    for tok in toks:
        if (
            out
            and tok.text in ("指标", "指标等")
            and category(out[-1].text + tok.text) != (None, None)
        ):
            prev = out.pop()
            out.append(Tok(prev.text + tok.text, prev.start, tok.end, prev.line, prev.row))
            continue
        out.append(tok)
    return out

def walk(
    toks: list[Tok],
    source: str,
    year: int | None,
    kind: str,
    raw_span: Callable[[int, int], tuple[int, int]] | None = None,
    raw_text: str = "",
) -> Walk:
    w = Walk(source, year, kind)
    if raw_span is not None:
        w.raw_span = raw_span
    w.raw_text = raw_text
    toks = merge_fragments(toks)
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        key = compact(tok.text)
        if not w.in_body and _MONEY_IN_YUAN.search(tok.text):
            w.money_unit = "元"  # "金额单位:元" above a long table
        if w.project_cols and w.in_body and not tok.empty and (i == 0 or toks[i - 1].row != tok.row):
            end = project_row(w, toks, i)
            if end > i:
                i = end
                continue
        if tok.empty:
            if w.in_body:
                w.segment.append(tok)
            i += 1
            continue
        if is_column_label(tok.text) or key in ("一级指标", "二级指标", "三级指标", "优良中差"):
            i = read_header(w, toks, i)
            continue
        l1, l2 = category(tok.text)
        if (l1 is not None or l2 is not None) and category_is_name(w, toks, i, l1, l2):
            w.segment.append(tok)
            w.last_body_tok = tok
            i += 1
            continue
        if l1 is not None or l2 is not None:
            flush(w)
            close_category(w, keep_open=l2 is None)
            w.open_category = (tok, w.records) if l2 is not None and l1 is None else None
            w.in_body = True
            w.seen_table = True
            if (
                l1 is not None and l2 is not None and l1 == l2
            ):  # 满意度指标: level 1 unless one is set
                w.levels = (
                    (l1, None)
                    if w.levels[0] is None or "满意" not in (w.levels[0] or "")
                    else (w.levels[0], l2)
                )
            elif l1 is not None:
                w.levels = (l1, l2)
            else:
                w.levels = (w.levels[0], l2)
            w.last_body_tok = tok
            i += 1
            continue
        fld = field_of(tok.text)
        if fld is not None and not (w.in_body and fld == "goal"):
            i = read_field(w, toks, i, fld)
            continue
        if key in SECTION_WORDS:
            i += 1
            continue
        if key in TOTAL_LABELS and w.projects:
            flush(w)
            close_category(w)
            i = total_line(w, toks, i)
            continue
        if key in BUDGET_LABELS and w.template is None:
            j = budget_header(w, toks, i)
            if j > i:
                i = j
                continue
        if w.in_body and TERMINATORS.match(key):
            flush(w)
            close_category(w)
            w.in_body = False
            w.ended_cleanly = True
            w.unparsed.append(Unparsed(tok.text, w.loc(tok), "表尾文字"))
            i += 1
            continue
        if w.in_body and is_running_text(tok):  # the table has ended in a paragraph of prose
            flush(w)
            close_category(w)
            w.in_body = False
            w.ended_cleanly = True
        if w.in_body:
            w.segment.append(tok)
            w.last_body_tok = tok
        else:
            reason = (
                "页面附属文字（表格之外）" if not w.seen_table else "表格之间的文字，未能归入字段"
            )
            w.unparsed.append(Unparsed(tok.text, w.loc(tok), reason))
        i += 1
    flush(w)
    close_category(w)
    return w

_WEIGHT_CELL = re.compile(r"^\d+(?:\.\d+)?分$")
_HINT = re.compile(r"^[(（][^()（）]*[)）]$")


def category_is_name(w: Walk, toks: list[Tok], i: int, l1: str | None, l2: str | None) -> bool:
    """A 三级指标 that is written like a category ("成本指标 | 社会成本指标 | 定量 | 100 | %", 104;
    "服务对象满意度指标 | 满意度 | 90%", 111): a second-level category cell right after the row's
    category cell, and right before the cell that follows a name in the header (an operator or
    指标值类型, or a value that is not a category's points "10分"), is the row's name — a category
    is never followed straight by its row's target. A template's hint after the category cell
    ("服务对象满意度指标(必填) | 服务对象满意度 | 100%", 122) does not count."""
    if (w.template is not None and "name" not in w.template) or l2 is None or (l1 is not None and l1 != l2):
        return False
    before = next((toks[k] for k in range(i - 1, -1, -1)
                   if not toks[k].empty and not _HINT.match(toks[k].text)), None)
    after = next((toks[k] for k in range(i + 1, len(toks)) if not toks[k].empty), None)
    if before is None or after is None or category(before.text) == (None, None):
        return False
    if category(after.text) != (None, None) or is_column_label(after.text):
        return False
    kind = shape(after.text)
    return kind == "op" or (kind == "value" and not _WEIGHT_CELL.match(after.text.strip()))


_SENTENCE = re.compile(r"^[(（][一二三四五六七八九十]+[)）][^,，。]{4,}|本项目")

def is_running_text(tok: Tok) -> bool:
    """A sentence, not a cell: "(二)项目财务管理状况本项目累计安排资金…", "…,得分原因为:…,"."""
    return len(tok.text) >= 12 and _SENTENCE.search(tok.text) is not None

_MONEY_IN_YUAN = re.compile(r"(?:金额)?单位[:：]\s*元(?!/)")


def project_row(w: Walk, toks: list[Tok], i: int) -> int:
    """A long table's row that opens a project: its project cells (单位, 项目, 预算数, 年度目标) before
    the first category, right-aligned to the project columns (a merged 单位 cell is missing below
    its first row). Returns where the indicator cells start, or ``i`` when the row opens none."""
    cells: list[Tok] = []
    j = i
    while j < len(toks) and toks[j].row == toks[i].row and category(toks[j].text) == (None, None):
        if not toks[j].empty:
            cells.append(toks[j])
        j += 1
    if j >= len(toks) or toks[j].row != toks[i].row or not cells or len(cells) > len(w.project_cols):
        return i
    fields = dict(zip(w.project_cols[len(w.project_cols) - len(cells):], cells, strict=True))
    if "name" not in fields or not any(amount_of(t.text)[0] is not None for t in cells):
        return i
    flush(w)
    close_category(w)
    project = w.project(cells[0])
    if project.indicators or project.name:
        project = Project(seq=str(len(w.projects) + 1), name="", amount=None, location=w.loc(fields["name"]))
        w.projects.append(project)
    project.name = fields["name"].text
    project.location = w.loc(fields["name"])
    for fld, tok in fields.items():
        if fld == "年度资金总额":
            amount, written = amount_of(tok.text)
            if amount is not None:
                project.amount = project.funds[fld] = to_wan(amount, written or w.money_unit)
        elif fld == "goal":
            project.goals.extend(parse_goals(tok.text, w.loc(tok)) or [Goal(tok.text, location=w.loc(tok))])
        elif fld == "implementer":
            project.implementer = tok.text
        elif fld == "department":
            project.department = tok.text
    w.levels = (None, None)
    return j


def close_category(w: Walk, keep_open: bool = False) -> None:
    """A level-2 category with no indicator before the next category or the table's end is kept as
    an unparsed row, so the review can say the category was printed empty (037: 生态效益指标)."""
    if w.open_category is None or keep_open:
        return
    tok, records = w.open_category
    w.open_category = None
    if w.records == records and w.projects:
        w.projects[-1].unparsed.append(Unparsed(tok.text, w.loc(tok), "空的指标类别：下面没有指标"))
