"""The indicator rows of a per-project table: 一级指标 | 二级指标 | 三级指标 | 指标值 | ….

Columns are found by their header labels (and a second header row such as 指标性质 | 指标值 | 度量单位
under a merged 年度指标值). Merged level-1/level-2 cells are empty below their first row (or missing in
a page copy), so those levels carry down. An operator written in its own column (指标性质 "≥",
指标方向 "=") and a unit in 计量单位 are put back together with the value before it is parsed with
:func:`jixiao.parse.values.parse_value`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.document import Indicator, Unparsed
from jixiao.model.taxonomy import canonical_level1, canonical_level2
from jixiao.parse.grid_rows import Row, bare, key
from jixiao.parse.numbers import normalise, parse_amount
from jixiao.parse.values import OPERATOR_WORDS, parse_value

COLUMNS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称", "指标内容"),
    "value": (
        "指标值",
        "年度指标值",
        "目标值",
        "年度目标值",
        "绩效指标值",
        "当年预期实现值",
        "预期目标值",
        "指标值(包含数字及文字描述)",
        "年度预期目标值",
    ),
    "nature": ("指标性质",),
    "direction": ("指标方向", "运算符号", "比较符号"),
    "unit": ("计量单位", "度量单位", "单位"),
    "weight": ("权重", "分值", "指标权重", "权重(%)"),
    "note": ("指标值说明", "指标说明", "指标解释", "备注", "指标标准或依据", "评(扣)分标准", "评分标准"),
    "actual": ("实际完成值", "全年完成值", "完成值", "全年实际完成值", "实际值", "实际完成情况"),
    "score": ("得分", "指标得分"),
    "deviation": ("偏差原因分析及改进措施", "未完成原因分析", "未完成原因", "偏差原因分析", "偏差原因"),
    # the 执行监控表 (issue 10): kept in Indicator.extra under the labels of EXTRA_COLUMNS
    "likelihood": ("完成可能性", "完成目标可能性", "全年完成可能性"),
    "expected": ("全年预计完成情况", "全年预计完成值", "预计全年完成值"),
    "deviation_kind": ("偏差原因类别", "偏差类型"),
    "measures": ("纠偏措施", "相关建议或举措"),
}
#: Monitoring columns kept in ``Indicator.extra``: column -> key.
EXTRA_COLUMNS = {"likelihood": "完成可能性", "expected": "全年预计完成情况", "deviation_kind": "偏差原因类别",
                 "measures": "纠偏措施"}
#: "1-6月执行情况", "截至目前执行情况": what a monitoring round reached so far (Indicator.actual).
_PROGRESS = re.compile(r"^(?:\d{1,2}-\d{1,2}月|截至目前|截至\d{1,2}月底?)执行情况$")
_TO_COLUMN = {label: col for col, labels in COLUMNS.items() for label in labels}


def column_of(text: str) -> str | None:
    b = bare(text)
    if b in _TO_COLUMN:
        return _TO_COLUMN[b]
    k = key(text)
    if "预期" in k and k.endswith("值") and "实际" not in k:  # 预期2022年实现值
        return "value"
    if "实际" in k and "实现值" in k:  # 2021年实际实现值: last year's result, kept as a note
        return "history"
    if _PROGRESS.match(k):
        return "actual"
    return _TO_COLUMN.get(k)


def is_indicator_header(row: Row) -> bool:
    cols = {column_of(t) for t in row.texts if t}
    return {"level1", "level2"} <= cols and "name" in cols


def column_map(header: Row, sub: Row | None) -> dict[str, int]:
    """Column name -> index. A sub-header row's labels win over the merged label above them."""
    out: dict[str, int] = {}
    width = max(len(header.texts), len(sub.texts) if sub else 0)
    name_col = next((i for i, t in enumerate(header.texts) if column_of(t) == "name"), 0)
    for i in range(width):
        below = None
        if sub is not None and name_col < i < len(sub.texts) and sub.texts[i]:
            below = column_of(sub.texts[i])
        above = column_of(header.texts[i]) if i < len(header.texts) and header.texts[i] else None
        col = below or above
        if col is not None and col not in out:
            out[col] = i
    return out


def is_sub_header(row: Row) -> bool:
    cols = [column_of(t) for t in row.texts if t]
    return bool(cols) and all(c is not None for c in cols)


def _starts_with_operator(text: str) -> bool:
    t = normalise(text).strip()
    return any(t.startswith(w) for w in OPERATOR_WORDS)


def _operator(text: str) -> str | None:
    t = normalise(text).strip()
    return t if t in OPERATOR_WORDS else None


def _align(row: Row, cols: dict[str, int]) -> list[str]:
    """The row's texts placed on the header's columns.

    A table row (any reader's Table) comes back unchanged. A pipe-separated page copy that
    dropped the empty merged cells in front ("数量指标 | 主体班培训人次 | 280人次") is re-placed:
    leading level-1/level-2 names (known category names left of the 三级指标 column) go to their
    columns, the rest from 三级指标 on.
    """
    texts = list(row.texts)
    l1, l2, name = cols.get("level1"), cols.get("level2"), cols.get("name")
    if not row.piped or l1 is None or l2 is None or name is None:
        return texts
    start = min(l1, l2, name)
    filled = [i for i in row.filled() if not (i < start and key(texts[i]).startswith("绩效指标"))]
    if not filled:
        return texts
    width = max(len(texts), l1 + 1, l2 + 1, name + 1)
    out = texts[:start] + [""] * (width - len(texts[:start]))
    k = filled[0]
    if k < name and canonical_level1(texts[k]) is not None:
        out[l1] = texts[k]
        k = next((i for i in filled if i > k), len(texts))
    if k < name and canonical_level2(texts[k]) is not None:
        out[l2] = texts[k]
        k = next((i for i in filled if i > k), len(texts))
    if k < name and not out[l1] and not out[l2] and k in (l1, l2):
        return texts  # a level column holding something else: leave the row as written
    return out[:name] + texts[k:]


class IndicatorReader:
    """Reads indicator rows one by one, carrying merged level-1/level-2 names down."""

    def __init__(self, cols: dict[str, int], skip: set[int] | None = None) -> None:
        self.cols = cols
        self.skip = skip or set()  # columns that are not the indicator's (a long table's project)
        self.level1: str | None = None
        self.level2: str | None = None
        self.pending: dict[str, Unparsed] = {}  # level names no indicator has used yet

    def _note_level(self, col: str, text: str, row: Row, unparsed: list[Unparsed]) -> None:
        unused = self.pending.pop(col, None)
        if unused is not None:
            unparsed.append(unused)
        i = self.cols.get(col, 0)
        where = row.cells[min(i, len(row.cells) - 1)].location if row.cells else None
        self.pending[col] = Unparsed(text, where, "level name with no indicator under it")

    def finish(self, unparsed: list[Unparsed]) -> None:
        """Report level names that no indicator used (an empty 生态效益指标 row, say)."""
        unparsed.extend(self.pending.values())
        self.pending.clear()

    def _get(self, texts: list[str], col: str) -> str:
        i = self.cols.get(col)
        return texts[i].strip() if i is not None and i < len(texts) else ""

    def read(self, row: Row, unparsed: list[Unparsed]) -> Indicator | None:
        texts = _align(row, self.cols)
        l1, l2 = self._get(texts, "level1"), self._get(texts, "level2")
        if l1:
            self.level1, self.level2 = l1, None
            self._note_level("level1", l1, row, unparsed)
        if l2:
            self.level2 = l2
            self._note_level("level2", l2, row, unparsed)
        name = self._get(texts, "name")
        value = self._get(texts, "value")
        if not name and not value:
            levels = {self.cols.get("level1"), self.cols.get("level2"), *self.skip}
            for i, text in enumerate(texts):
                if text and i not in levels and not key(text).startswith("绩效指标"):
                    where = row.cells[min(i, len(row.cells) - 1)].location if row.cells else None
                    unparsed.append(Unparsed(text, where, "indicator row without a name or value"))
            return None
        op = _operator(self._get(texts, "direction")) or _operator(self._get(texts, "nature"))
        unit = self._get(texts, "unit")
        written = value
        if op and any(ch.isdigit() for ch in value) and not _starts_with_operator(value):
            written = op + value
        parsed = parse_value(written + unit if unit and parse_value(written).unit is None else written)
        i = self.cols.get("name", 0)
        location = row.cells[min(i, len(row.cells) - 1)].location if row.cells else None
        raw = " | ".join(t for i, t in enumerate(texts) if t and i not in self.skip)
        if value and not parsed.ok:
            unparsed.append(Unparsed(value, location, f"indicator value not understood: {name}"))
        self.pending.clear()
        return Indicator(
            level1="".join(self.level1.split()) if self.level1 else None,
            level2="".join(self.level2.split()) if self.level2 else None,
            name=" ".join(name.split()),
            operator=parsed.operator,
            value=parsed.value,
            value_kind=parsed.kind,
            unit=parsed.unit,
            raw=raw,
            location=location,
            nature=self._get(texts, "nature") or None,
            weight=_decimal(self._get(texts, "weight")),
            note=self._get(texts, "note") or None,
            actual=self._get(texts, "actual") or None,
            score=_decimal(self._get(texts, "score")),
            deviation=self._get(texts, "deviation") or None,
            extra={key: text for col, key in EXTRA_COLUMNS.items() if (text := self._get(texts, col))},
        )


def _decimal(text: str) -> Decimal | None:
    return parse_amount(text.rstrip("%分")) if text else None
