"""Walk the typed cell stream and assemble projects: header fields, column templates, categories
carried forward (this undoes row spans), records aligned to the template, leftovers kept verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model.document import Goal, Project, Unparsed
from jixiao.model.location import Location
from jixiao.model.taxonomy import canonical_level2, default_level1_for
from jixiao.parse.goals import parse_goals
from jixiao.parse.stream.align import Cell, Record, align
from jixiao.parse.stream.build import build_indicator
from jixiao.parse.stream.celltypes import name_plausibility, shape
from jixiao.parse.stream.fields import amount_of, field_of, is_money_field, money_unit_near, to_wan
from jixiao.parse.stream.template import build_template, default_template
from jixiao.parse.stream.tokens import Tok
from jixiao.parse.stream.vocab import category, column_kind, compact, is_column_label

_TERMINATORS = re.compile(
    r"^(?:合计|总分|总计|说明|注:|注：|备注:|填报说明|评价结论|存在问题|改进措施|其他需要说明事项|项目负责人:?"
    r"|财务负责人:?|审核意见|主管部门审核意见.*|财政.*(?:盖章|科室).*|单位负责人.*|填表人.*|联系电话.*)$"
)
_SECTION_WORDS = {
    "绩效指标",
    "绩效目标",
    "年度绩效指标",
    "长期绩效指标",
    "项目绩效目标",
    "总体绩效目标",
    "绩效指标(90分)",
    "绩效指标(权重分值90分)",
}


@dataclass(slots=True)
class Walk:
    source: str
    year: int | None
    kind: str
    projects: list[Project] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    template: list[str] | None = None
    levels: tuple[str | None, str | None] = (None, None)
    segment: list[Tok] = field(default_factory=list)
    in_body: bool = False
    seen_table: bool = False
    records: int = 0
    good: int = 0
    last_body_tok: Tok | None = None
    ended_cleanly: bool = False
    open_category: tuple[Tok, int] | None = None  # the last level-2 category and the records then
    budget_cols: list[str] = field(default_factory=list)  # a self-evaluation's budget block header
    header_labels: list[tuple[str, str]] = field(default_factory=list)  # the last header run read
    header_at: tuple[int, int] = (-1, -1)  # (records, projects) when it was read

    raw_span: Callable[[int, int], tuple[int, int]] = lambda a, b: (a, b)
    raw_text: str = ""  # the document as read: an indicator's raw is its record's slice of it

    def loc(self, tok: Tok) -> Location:
        return Location(self.source, line=tok.line, span=self.raw_span(tok.start, tok.end))

    def project(self, tok: Tok | None = None) -> Project:
        if not self.projects:
            self.projects.append(
                Project(seq="1", name="", amount=None, location=self.loc(tok) if tok else None)
            )
        return self.projects[-1]


def _merge_fragments(toks: list[Tok]) -> list[Tok]:
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
    toks = _merge_fragments(toks)
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        key = compact(tok.text)
        if tok.empty:
            if w.in_body:
                w.segment.append(tok)
            i += 1
            continue
        if is_column_label(tok.text) or key in ("一级指标", "二级指标", "三级指标", "优良中差"):
            i = _header(w, toks, i)
            continue
        l1, l2 = category(tok.text)
        if l1 is not None or l2 is not None:
            _flush(w)
            _close_category(w, keep_open=l2 is None)
            w.open_category = (tok, w.records) if l2 is not None else None
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
            i = _field(w, toks, i, fld)
            continue
        if key in _SECTION_WORDS:
            i += 1
            continue
        if key in _TOTAL_LABELS and w.projects:
            _flush(w)
            _close_category(w)
            i = _total_line(w, toks, i)
            continue
        if key in _BUDGET_LABELS and w.template is None:
            j = _budget_header(w, toks, i)
            if j > i:
                i = j
                continue
        if w.in_body and _TERMINATORS.match(key):
            _flush(w)
            _close_category(w)
            w.in_body = False
            w.ended_cleanly = True
            w.unparsed.append(Unparsed(tok.text, w.loc(tok), "表尾文字"))
            i += 1
            continue
        if w.in_body and _is_running_text(tok):  # the table has ended in a paragraph of prose
            _flush(w)
            _close_category(w)
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
    _flush(w)
    _close_category(w)
    return w


_TOTAL_LABELS = frozenset(("总分", "自评总分", "自评得分", "总得分", "综合得分", "合计"))
#: the columns of a self-evaluation's budget block (预算执行情况): 年初预算数 | 全年预算数 | 全年执行数 | …
_BUDGET_LABELS = {
    "年初预算数": "money",
    "年初预算": "money",
    "全年预算数": "money",
    "调整后预算数": "money",
    "全年(调整)预算数": "money",
    "全年执行数": "money",
    "预算执行数": "money",
    "执行数": "money",
    "分值": "weight",
    "权重": "weight",
    "执行率": "coefficient",
    "预算执行率": "coefficient",
    "得分": "score",
}


_SENTENCE = re.compile(r"^[(（][一二三四五六七八九十]+[)）][^,，。]{4,}|本项目")


def _is_running_text(tok: Tok) -> bool:
    """A sentence, not a cell: "(二)项目财务管理状况本项目累计安排资金…", "…,得分原因为:…,"."""
    return len(tok.text) >= 12 and _SENTENCE.search(tok.text) is not None


def _total_line(w: Walk, toks: list[Tok], i: int) -> int:
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


def _budget_header(w: Walk, toks: list[Tok], i: int) -> int:
    """A run of budget-block labels before the indicator table; the row under it is read by
    :func:`_budget_row` when its 年度资金总额 label comes."""
    cols: list[str] = []
    j = i
    while j < len(toks) and (toks[j].empty or compact(toks[j].text) in _BUDGET_LABELS):
        if not toks[j].empty:
            cols.append(compact(toks[j].text))
        j += 1
    if len(cols) < 3 or not any("预算" in c or "执行" in c for c in cols):
        return i
    w.budget_cols = cols
    return j


def _budget_row(w: Walk, toks: list[Tok], j: int, project: Project, row: str, unit: str) -> int:
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
    template = ["name", *(_BUDGET_LABELS[c] for c in w.budget_cols)]
    (record, *_), _ = align([ACell(row), *(ACell(t.text, t.empty) for t in cells)], template)
    for c, ks in record.cells.items():
        if c == 0:
            continue
        tok = cells[ks[0] - 1]
        column = w.budget_cols[c - 1]
        amount, written = amount_of(tok.text)
        if amount is not None and _BUDGET_LABELS[column] == "money":
            project.funds[f"{row}/{column}"] = to_wan(amount, written or unit)
            if (written or unit) == "元":  # the amount as written stays beside its 万元 value
                project.extra[f"{row}/{column}(原文)"] = f"{tok.text}元"
        elif not tok.empty:
            project.extra[f"{row}/{column}"] = tok.text
    for column in ("全年预算数", "调整后预算数", "全年(调整)预算数", "年初预算数", "年初预算"):
        if row == "年度资金总额" and f"{row}/{column}" in project.funds:
            project.amount = project.funds[f"{row}/{column}"]
            project.funds.setdefault(row, project.amount)
            break
    return k


def _close_category(w: Walk, keep_open: bool = False) -> None:
    """A level-2 category with no indicator before the next category or the table's end is kept as
    an unparsed row, so the review can say the category was printed empty (037: 生态效益指标)."""
    if w.open_category is None or keep_open:
        return
    tok, records = w.open_category
    w.open_category = None
    if w.records == records and w.projects:
        w.projects[-1].unparsed.append(Unparsed(tok.text, w.loc(tok), "空的指标类别：下面没有指标"))


def _header(w: Walk, toks: list[Tok], i: int) -> int:
    """A run of column labels: the template of the records that follow."""
    labels: list[tuple[str, str]] = []
    j = i
    misses = 0
    while j < len(toks) and misses <= 1:
        t = toks[j]
        kind = column_kind(t.text)
        key = compact(t.text)
        if key in ("一级指标", "二级指标"):
            kind = "level1" if key == "一级指标" else "level2"
        elif key == "三级指标":
            kind = "name"
        if key == "优良中差":
            labels.extend(
                (g, f"grade_{k}")
                for g, k in zip(key, ("you", "liang", "zhong", "cha"), strict=True)
            )
            misses = 0
        elif kind is not None:
            labels.append((t.text, kind))
            misses = 0
        elif t.empty or key in _SECTION_WORDS:
            pass
        else:
            misses += 1
            if misses > 1 or category(t.text) != (None, None) or field_of(t.text):
                break
        j += 1
    while (
        j > i + 1
        and column_kind(toks[j - 1].text) is None
        and compact(toks[j - 1].text) not in ("一级指标", "二级指标", "三级指标", "优良中差")
    ):
        j -= 1
    kinds = {k for _, k in labels}
    if len(labels) >= 2 and kinds & {"name", "value", "level1", "level2", "actual", "grade_you"}:
        _flush(w)
        regions, j = (
            _region_columns(toks, j) if "name" in kinds and "value" not in kinds else ([], j)
        )
        if not regions and j < len(toks) - 1 and category(toks[j + 1].text) != (None, None):
            places = _PLACES.fullmatch(compact(toks[j].text)) if len(toks[j].text) <= 60 else None
            if places is not None:  # "新罗区永定区上杭县…" glued in a flattened header
                regions = _PLACE.findall(compact(toks[j].text))
                j += 1
        if (
            w.header_at == (w.records, len(w.projects))
            and w.header_labels
            and not any(not t.empty for t in w.segment)
        ):  # a header split over two runs (labels, then 一级/二级/三级)
            labels = [*w.header_labels, *labels]
        w.header_labels, w.header_at = labels, (w.records, len(w.projects))
        w.template = build_template(labels)
        if regions:  # one value column per region (township, village): no 指标值 column of its own
            w.template = [k for k in w.template if k != "value"] + [f"region:{r}" for r in regions]
        w.in_body = True
        w.seen_table = True
        return j
    if (
        len(labels) >= 2 and not w.in_body
    ):  # the first half of a header split in two: kept for the next
        w.header_labels, w.header_at = labels, (w.records, len(w.projects))
        return j
    # a lone label (e.g. 说明 or 指标) in running text: keep it
    if w.in_body:
        w.segment.append(toks[i])
    else:
        w.unparsed.append(Unparsed(toks[i].text, w.loc(toks[i]), "页面附属文字（表格之外）"))
    return i + 1


_PLACE = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:自治县|街道办|街道|区|县|市|镇|乡|村|旗)")
_PLACES = re.compile(rf"(?:{_PLACE.pattern}){{2,}}")


def _region_columns(toks: list[Tok], j: int) -> tuple[list[str], int]:
    """Column headings after the known labels that are names of places (西坪镇尧山村 | 桃舟乡吾培村 …),
    ending where the first category starts the body."""
    names: list[str] = []
    k = j
    while k < len(toks):
        t = toks[k]
        if t.empty:
            k += 1
            continue
        if category(t.text) != (None, None) or compact(t.text) in _SECTION_WORDS:
            break
        if (
            shape(t.text) != "text"
            or len(t.text) > 14
            or field_of(t.text)
            or is_column_label(t.text)
        ):
            return [], j
        names.append(t.text)
        k += 1
    if len(names) < 2 or k >= len(toks):
        return [], j
    return names, k


def _paired_labels(w: Walk, toks: list[Tok], i: int) -> int | None:
    """ "预期目标 | 实际完成情况 | text | text": labels side by side, their values after them in the
    same order. Returns where the pair ends, or None when the labels are not followed by values."""
    pair_words = ("预期目标", "年初设定目标", "年初绩效目标")
    if compact(toks[i].text) not in pair_words:
        if i + 1 < len(toks) and compact(toks[i + 1].text) in pair_words:
            return i + 1  # 年度总体目标 heads the pair: the pair's labels follow
        return None
    labels = [i]
    j = i + 1
    while j < len(toks) and field_of(toks[j].text) in ("goal", "goal_result") and len(labels) < 3:
        labels.append(j)
        j += 1
    values = toks[j : j + len(labels)]
    if (
        len(labels) < 2
        or len(values) < len(labels)
        or any(t.empty or field_of(t.text) or category(t.text) != (None, None) for t in values)
    ):
        return None
    project = w.project(toks[i])
    for at, value in zip(labels, values, strict=True):
        if field_of(toks[at].text) == "goal":
            project.goals.extend(
                parse_goals(value.text, w.loc(value)) or [Goal(value.text, location=w.loc(value))]
            )
        else:
            project.extra["年度目标完成情况"] = value.text
    return j + len(labels)


def _field(w: Walk, toks: list[Tok], i: int, fld: str) -> int:
    _flush(w)
    w.in_body = False
    if fld == "goal":
        end = _paired_labels(w, toks, i)
        if end is not None:
            return end
    label = toks[i]
    j = i + 1
    values: list[Tok] = []
    window = 8 if is_money_field(fld) else 3
    while j < len(toks) and len(values) < window:
        t = toks[j]
        if t.empty:
            j += 1
            continue
        is_label = field_of(t.text) or is_column_label(t.text) or category(t.text) != (None, None)
        if is_label and (not is_money_field(fld) or values):
            break
        values.append(t)
        j += 1
        if not is_money_field(fld) and fld != "goal":
            break
    project = w.project(label)
    if fld == "name":
        if project.name or project.indicators:
            w.projects.append(
                Project(seq=str(len(w.projects) + 1), name="", amount=None, location=w.loc(label))
            )
            project = w.projects[-1]
        if values:
            project.name = values[0].text
            project.location = w.loc(values[0])
        return j
    if is_money_field(fld) and w.budget_cols:
        unit = money_unit_near([t.text for t in toks[max(0, i - 20) : i + 1]] + [label.text])
        end = _budget_row(
            w, toks, i + 1, project, "年度资金总额" if fld == "年度资金总额" else fld, unit
        )
        if end > i + 1:
            if unit == "元":
                project.extra.setdefault("金额单位", "元（已换算为万元）")
            return end
    if is_money_field(fld):
        unit = money_unit_near([t.text for t in toks[max(0, i - 14) : i + 1]] + [label.text])
        for t in values:
            amount, written = amount_of(t.text)
            if amount is not None:
                wan = to_wan(amount, written or unit)
                project.funds.setdefault(fld, wan)
                if fld == "年度资金总额" and project.amount is None:
                    project.amount = wan
                if (written or unit) == "元":
                    project.extra.setdefault("金额单位", "元（已换算为万元）")
                return j if values and values[-1] is t else toks.index(t, i) + 1
        return i + 1
    text = " ".join(t.text for t in values)
    if fld == "department":
        project.department = project.department or text
    elif fld == "implementer":
        project.implementer = project.implementer or text
    elif fld in ("goal", "goal_long"):
        if values:
            loc = w.loc(values[0])
            if fld == "goal":
                project.goals.extend(parse_goals(text, loc) or [Goal(text=text, location=loc)])
            else:
                project.extra["实施期目标"] = text
    else:
        project.extra[compact(label.text)] = text
    return j


def _flush(w: Walk) -> None:
    """Align the cells gathered since the last category to the template; add the indicators."""
    seg = w.segment
    w.segment = []
    if not any(not t.empty for t in seg):
        return
    template = w.template or default_template(w.kind)
    cells = _split_descriptions(seg, template)
    rows = _rows_reliable(cells)
    records, leftover = align(
        [Cell(t.text, t.empty, rows and _row_start(cells, k)) for k, t in enumerate(cells)],
        template,
    )
    project = w.project(cells[0])
    records = _numbered_headings(w, records, cells, template)
    for rec in records:
        for c, ks in rec.cells.items():  # a rubric's category cells: carried forward
            text = " ".join(cells[k].text for k in ks if not cells[k].empty)
            kind = "level1" if c == -1 else "level2" if c == -2 else template[c]
            if kind == "level1" and text:
                w.levels = (text, None)
            elif kind == "level2" and text:
                w.levels = (w.levels[0], text)
        rec.cells = {
            c: ks
            for c, ks in rec.cells.items()
            if c >= 0 and template[c] not in ("level1", "level2")
        }
        if 0 not in rec.cells and "name" not in {template[c] for c in rec.cells}:
            continue
        fields = {
            template[c]: " ".join(cells[k].text for k in ks if not cells[k].empty)
            for c, ks in rec.cells.items()
        }
        first = (
            cells[rec.cells[0][0]]
            if 0 in rec.cells
            else cells[min(k for ks in rec.cells.values() for k in ks)]
        )
        if fields.get("name") and name_plausibility(fields["name"]) < 0:
            text = _raw_of(w, [cells[k] for ks in rec.cells.values() for k in ks])
            project.unparsed.append(
                Unparsed(text or fields["name"], w.loc(first), "不像指标名称的文字")
            )
            continue
        if not fields.get("name"):
            project.unparsed.append(
                Unparsed(" ".join(fields.values()), w.loc(first), "指标值没有对应的指标名称")
            )
            continue
        levels = fill_levels(w.levels)
        notes = {template[c]: cells[ks[0]].note for c, ks in rec.cells.items() if cells[ks[0]].note}
        if any(k.startswith("region:") for k in template):
            _regional(w, project, fields, levels, w.loc(first), notes)
            w.records += 1
            w.good += 1
            continue
        ind = build_indicator(fields, levels, w.year, w.loc(first), has_weight="weight" in template)
        ind.repairs = (*ind.repairs, *dict.fromkeys(notes.values()))
        ind.raw = _raw_of(w, [cells[k] for ks in rec.cells.values() for k in ks]) or ind.raw
        w.records += 1
        if shape(fields.get("value") or fields.get("grade_you") or "") in (
            "value",
            "number",
            "word",
        ):
            w.good += 1
        project.indicators.append(ind)
    for k in leftover:
        project.unparsed.append(Unparsed(cells[k].text, w.loc(cells[k]), "未能归入任何指标列"))


def _regional(
    w: Walk,
    base: Project,
    fields: dict[str, str],
    levels: tuple[str | None, str | None],
    loc: Location,
    notes: dict[str, str],
) -> None:
    """One indicator per region column, each in the region's own project (项目名称(地区))."""
    for key, value in fields.items():
        if not key.startswith("region:"):
            continue
        region = key.split(":", 1)[1]
        name = f"{base.name}({region})"
        project = next((p for p in w.projects if p.name == name), None)
        if project is None:
            project = Project(
                seq=str(len(w.projects) + 1),
                name=name,
                amount=None,
                department=base.department,
                implementer=base.implementer,
                location=loc,
            )
            project.extra["地区"] = region
            w.projects.append(project)
        one = {k: v for k, v in fields.items() if not k.startswith("region:")}
        one["value"] = value
        ind = build_indicator(one, levels, w.year, loc)
        if notes.get(key):
            ind.repairs = (*ind.repairs, notes[key])
        project.indicators.append(ind)


def _raw_of(w: Walk, toks: list[Tok]) -> str:
    """The record as the document wrote it: the raw text from its first cell to its last."""
    spans = [(t.start, t.end) for t in toks if not t.empty]
    if not spans or not w.raw_text:
        return ""
    a, b = w.raw_span(min(s for s, _ in spans), max(e for _, e in spans))
    return w.raw_text[a:b]


def _rows_reliable(cells: list[Tok]) -> bool:
    """Rows are a hint only where most rows hold several cells (not one cell per line)."""
    per_row: dict[int, int] = {}
    for t in cells:
        if not t.empty:
            per_row[t.row] = per_row.get(t.row, 0) + 1
    return bool(per_row) and sum(1 for n in per_row.values() if n >= 2) >= len(per_row) / 2


def _row_start(cells: list[Tok], k: int) -> bool:
    return k == 0 or cells[k - 1].row != cells[k].row


def fill_levels(levels: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    l1, l2 = levels
    if l1 is None and l2 is not None:
        canon = canonical_level2(l2)
        parent = default_level1_for(canon) if canon else None
        if parent is not None:
            l1 = f"{parent}指标"
    return l1, l2


_DESCRIPTION = re.compile(r"(?<=\S{3})(?=反映|达到(?:预计|目标)值)")


_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)[.、\s]?(?=\D)")


def _numbered_headings(
    w: Walk, records: list[Record], cells: list[Tok], template: list[str]
) -> list[Record]:
    """Rubric items numbered 1 / 1.1 / 1.1.1: an item with deeper items under it is a heading (level 1
    or 2), not an indicator; the numbering is dropped from the names."""
    name_col = template.index("name")
    numbers: list[str | None] = []
    for rec in records:
        ks = rec.cells.get(name_col, [])
        m = _NUMBERED.match(cells[ks[0]].text) if ks else None
        numbers.append(m.group(1) if m else None)
    if sum(1 for n in numbers if n and "." in n) < 2:
        return records
    out: list[Record] = []
    for i, rec in enumerate(records):
        number = numbers[i]
        ks = rec.cells.get(name_col, [])
        if number is None or not ks:
            out.append(rec)
            continue
        tok = cells[ks[0]]
        m = _NUMBERED.match(tok.text)
        assert m is not None
        cut = m.end()
        cells[ks[0]] = Tok(
            tok.text[cut:].strip(), tok.start + cut, tok.end, tok.line, tok.row, note=tok.note
        )
        deeper = any(n is not None and n.startswith(number + ".") for n in numbers[i + 1 :])
        if deeper:  # a heading: kept as a level cell, in order
            level = "level1" if number.count(".") == 0 else "level2"
            rec.cells = {-1 if level == "level1" else -2: ks}
        out.append(rec)
    return out


_WEIGHT_IN_NAME = re.compile(r"^(?P<name>.{2,}?)\s*[(（](?P<w>\d+(?:\.\d+)?)分[)）]$")
_CORE_GLUED = re.compile(r"^[是否](?=[\u4e00-\u9fff“\"]{2})")


def _split_descriptions(seg: list[Tok], template: list[str]) -> list[Tok]:
    """ "…维修维护次数反映办公大楼全年维修维护情况": name and description, when the template has a
    description column right after the name (flattened previews glue them); "否基础信息完善": the
    是否核心指标 cell of the row before, glued to a name."""
    if "core" in template:
        split: list[Tok] = []
        for tok in seg:
            if not tok.empty and _CORE_GLUED.match(tok.text) and len(tok.text) > 3:
                split.append(Tok(tok.text[0], tok.start, tok.start + 1, tok.line, tok.row))
                split.append(Tok(tok.text[1:], tok.start + 1, tok.end, tok.line, tok.row))
            else:
                split.append(tok)
        seg = split
    seg = _split_lists(seg)
    if "weight" in template:  # "任务分解 (2分)": the item and its points in one cell
        split_w: list[Tok] = []
        for tok in seg:
            m = None if tok.empty else _WEIGHT_IN_NAME.match(tok.text)
            if m is None:
                split_w.append(tok)
                continue
            split_w.append(Tok(m["name"], tok.start, tok.start + len(m["name"]), tok.line, tok.row))
            split_w.append(
                Tok(m["w"], tok.start + m.start("w"), tok.start + m.end("w"), tok.line, tok.row)
            )
        seg = split_w
    regions = sum(1 for k in template if k.startswith("region:"))
    if regions >= 2:
        seg = [piece for tok in seg for piece in _split_digits(tok, regions)]
    if len(template) < 2 or template[1] != "note":
        return seg
    out: list[Tok] = []
    for tok in seg:
        m = _DESCRIPTION.search(tok.text)
        if m is None or tok.empty:
            out.append(tok)
            continue
        cut = m.start()
        out.append(Tok(tok.text[:cut], tok.start, tok.start + cut, tok.line, tok.row))
        out.append(Tok(tok.text[cut:], tok.start + cut, tok.end, tok.line, tok.row))
    return out


def _split_digits(tok: Tok, n: int) -> list[Tok]:
    """ "2312222" under seven region columns: one digit each (a flattened copy ran them together);
    "≥11" under two: "≥1" each."""
    m = re.fullmatch(r"([≥≤<>=]?)(\d+)", tok.text) if not tok.empty else None
    if m is None or len(m.group(2)) != n:
        return [tok]
    op, digits = m.group(1), m.group(2)
    note = f"「{tok.text}」按 {n} 个地区列逐位拆分(数字粘连，属推测)"
    at = tok.start + len(op)
    return [
        Tok(op + ch, at + k, at + k + 1, tok.line, tok.row, note=note)
        for k, ch in enumerate(digits)
    ]


_LIST_SEP = re.compile(r"[;；]")


def _split_lists(seg: list[Tok]) -> list[Tok]:
    """A cell holding a list "开展文物安全巡查频次8次;编制文物宣传资料数量3个;…" (121): its items as
    name and value cells."""
    from jixiao.parse.stream.prose import QUALITATIVE_END, VALUE_END

    out: list[Tok] = []
    for tok in seg:
        parts = [p for p in _LIST_SEP.split(tok.text) if p.strip()] if not tok.empty else []
        items: list[tuple[str, int, str, int]] = []
        pos = 0
        for part in parts:
            at = tok.text.find(part, pos)
            pos = at + len(part)
            clean = part.strip().rstrip("。.")
            lead = at + len(part) - len(part.lstrip())
            m = VALUE_END.search(clean) or QUALITATIVE_END.search(clean)
            if (
                m is None
                or m.start() < 2
                or (not re.search(r"\d", m.group()) and not QUALITATIVE_END.search(clean))
            ):
                items = []
                break
            items.append((clean[: m.start()], lead, clean[m.start() :], lead + m.start()))
        if len(items) < 2:
            out.append(tok)
            continue
        for name, a, value, b in items:
            out.append(Tok(name, tok.start + a, tok.start + a + len(name), tok.line, tok.row))
            out.append(Tok(value, tok.start + b, tok.start + b + len(value), tok.line, tok.row))
    return out


def confidence(w: Walk) -> Decimal:
    if not w.records:
        return Decimal(0)
    share = Decimal(w.good) / Decimal(w.records)
    if w.template is None:
        share *= Decimal("0.8")
    return share.quantize(Decimal("0.01"))
