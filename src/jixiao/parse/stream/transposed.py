"""Indicator tables read column by column (PDF text extraction scatters a table this way): the label
三级指标 followed by every indicator name, then 年度目标值 followed by every value in the same order.

Names and values are paired by position only when their counts agree; otherwise nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Callable

from jixiao.model.document import Project
from jixiao.model.location import Location
from jixiao.parse.stream.build import build_indicator
from jixiao.parse.stream.celltypes import shape
from jixiao.parse.stream.tokens import Tok
from jixiao.parse.stream.vocab import column_kind, compact


def transposed_project(
    toks: list[Tok], source: str, year: int | None, raw_span: Callable[[int, int], tuple[int, int]]
) -> Project | None:
    for i, tok in enumerate(toks):
        if compact(tok.text) not in ("三级指标", "指标名称", "绩效指标名称"):
            continue
        names: list[Tok] = []
        j = i + 1
        while j < len(toks) and column_kind(toks[j].text) is None and shape(toks[j].text) == "text":
            names.append(toks[j])
            j += 1
        if len(names) < 2 or j >= len(toks) or column_kind(toks[j].text) != "value":
            continue
        values: list[Tok] = []
        k = j + 1
        while (
            k < len(toks)
            and len(values) < len(names)
            and shape(toks[k].text) in ("value", "number", "word")
        ):
            values.append(toks[k])
            k += 1
        if len(values) != len(names):
            continue
        project = Project(seq="1", name="", amount=None)
        for name, value in zip(names, values, strict=True):
            loc = Location(source, line=name.line, span=raw_span(name.start, name.end))
            ind = build_indicator({"name": name.text, "value": value.text}, (None, None), year, loc)
            ind.repairs = (
                *ind.repairs,
                "按列读取：指标名称与目标值按出现顺序配对(PDF 文字按列散落)",
            )
            project.indicators.append(ind)
        return project
    return None
