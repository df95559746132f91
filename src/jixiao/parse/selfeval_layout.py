"""The self-evaluation layout (项目支出绩效自评表): the grid layout plus what was achieved.

Same blocks as :mod:`jixiao.parse.grid_layout`; its indicator header also has 实际完成值 (or
全年完成值/完成值) and 得分, which are kept on each Indicator (``actual``, ``score``, ``weight`` from
分值/权重, ``deviation`` from 偏差原因分析及改进措施). The 预算执行率 block goes to ``project.funds``
(``"年度资金总额/全年预算数"`` …) and the 总分 line to ``project.extra``.
"""

from __future__ import annotations

from jixiao.model.document import Document
from jixiao.parse.grid_indicators import column_of, is_indicator_header
from jixiao.parse.grid_layout import grid_score, parse_blocks
from jixiao.parse.grid_rows import source_rows
from jixiao.parse.registry import layout
from jixiao.readers.base import Source


def selfeval_score(source: Source) -> float:
    """0.95 (beating the grid layout) when the grid's indicator header has achieved values or scores."""
    if grid_score(source) == 0:
        return 0.0
    rows = source_rows(source)
    for i, row in enumerate(rows):
        if is_indicator_header(row):
            around = rows[max(0, i - 1) : i + 2]
            cols = {column_of(t) for r in around for t in r.texts if t}
            if "actual" in cols or "score" in cols:
                return 0.95
    return 0.0


@layout("selfeval", selfeval_score)
def parse_selfeval(source: Source) -> Document:
    return parse_blocks(source, selfeval=True)
