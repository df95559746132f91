"""Cells a flattened copy glued together or cut apart, put right by what the template says.

A doc-site preview or a spreadsheet written out as text loses the separators between cells, and the
flattened-text cutter (:mod:`jixiao.parse.stream.tokens`) cuts by vocabulary and the value grammar
without knowing the table's columns. Once the header is known, each of these follows from it (the
splits live in :mod:`jixiao.parse.stream.resplit`):

- a unit cut off its number by a space joins it, where no 计量单位 column could take it (160);
- pieces of one digit run are one run again, for :mod:`jixiao.parse.stream.runs` to split (170);
- a row numbering "任务1:" / "指标2:" cut at its digit is joined back (161, 173), and so is a
  column label cut out of the middle of a name (108);
- a name ending in one qualitative word twice is name, target and actual (161, 007);
- a row's first cell "name + number with unit" before a cell of words is name | 指标值 (154), and a
  measured name run into a qualitative target and on into words is name | target | rest (128);
- a value glued to a name, with the row's own operator-led value in a cell after it, stays in the
  name where the table has one value column (115);
- in a unit-first table (名称 | 计量单位 | … | 指标值), a unit glued to the name is the unit cell,
  and a character glued after a digit run starts the next name (170);
- 定量/定性 glued to the end of a cell is the 指标值类型 cell, where the table has that column (128);
- a text column repeated row after row and glued to the next row's name is cut off (015);
- a dash glued before the words after a 分值 is the empty 指标值 cell (169,
  :mod:`jixiao.parse.stream.placeholders`).
"""

from __future__ import annotations

import re
from itertools import pairwise

from jixiao.parse.stream.placeholders import split_glued_dash
from jixiao.parse.stream.resplit import (
    split_doubled,
    split_name_and_value,
    split_name_word_rest,
    split_nature,
    split_repeated_tail,
    unit_first,
)
from jixiao.parse.stream.tokens import Tok


def recut(seg: list[Tok], template: list[str]) -> list[Tok]:
    """The segment's cells, re-cut where the template proves the flattened cut wrong."""
    if "unit" not in template:
        seg = _join_units(seg)
    seg = _join_number_runs(seg)
    seg = _join_numbering(seg)
    seg = _join_label_inside_name(seg)
    seg = split_repeated_tail(seg)
    if "value" in template and not _NUMERIC_AFTER_VALUE & set(template[template.index("value") + 1 :]):
        seg = _keep_standard_in_name(seg)
    if ("weight", "value") in list(pairwise(template)):
        seg = split_glued_dash(seg)
    if ("name", "value") in list(pairwise(template)):
        seg = split_name_word_rest(split_name_and_value(seg))
    if ("value", "actual") in list(pairwise(template)):
        seg = split_doubled(seg)
    if "unit" in template and "value" in template and template.index("unit") < template.index("value"):
        seg = unit_first(seg)
    if "nature" in template:
        seg = split_nature(seg)
    return seg


_BARE_NUMBER = re.compile(r"^(?:[≥≤<>=]|不少于|不低于|不高于|不超过|大于等于|小于等于)?\s*\d+(?:\.\d+)?$")


def _joined(*toks: Tok) -> Tok:
    """Adjacent cells read as one: their texts together, the span from the first to the last, the
    first's line, row and repair note."""
    first, last = toks[0], toks[-1]
    return Tok("".join(t.text for t in toks), first.start, last.end, first.line, first.row, note=first.note)


def _join_units(seg: list[Tok]) -> list[Tok]:
    """ "不少于12" | "种": a number and its unit cut apart by the space a spreadsheet preview left
    between them (160), in a table with no 计量单位 column for the unit to stand in. The unit cell
    joins the number before it on the same row; a bare number followed by a unit word cannot be
    two columns of such a table (no column takes a unit alone)."""
    from jixiao.parse.stream.celltypes import UNIT_WORDS

    out: list[Tok] = []
    for tok in seg:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not tok.empty
            and not prev.empty
            and prev.row == tok.row
            and _BARE_NUMBER.match(prev.text)
            and tok.text in UNIT_WORDS
        ):
            out[-1] = _joined(prev, tok)
            continue
        out.append(tok)
    return out


_NUMERIC_AFTER_VALUE = frozenset(("actual", "adjusted", "weight", "score", "coefficient", "history"))


def _keep_standard_in_name(seg: list[Tok]) -> list[Tok]:
    """ "*贫困地区旅游基础设施建设质量达标率100%" "  >=98%" (115): a value glued to the end of a name,
    then the row's own value in a cell of its own. The table has one value column after the name,
    so the glued one is part of the name (the template's standard), the separate one the target."""
    from jixiao.parse.stream.celltypes import shape

    out: list[Tok] = []
    n = 0
    while n < len(seg):
        tok = seg[n]
        if n + 2 < len(seg) and not tok.empty and shape(tok.text) == "text":
            val, own = seg[n + 1], seg[n + 2]
            if (
                not val.empty
                and not own.empty
                and tok.end == val.start
                and val.end < own.start
                and val.row == own.row
                and shape(val.text) in ("value", "number")
                and shape(own.text) == "value"
                and re.match(r"[≥≤<>=]", own.text)
            ):
                out.append(_joined(tok, val))
                n += 2
                continue
        out.append(tok)
        n += 1
    return out


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _join_label_inside_name(seg: list[Tok]) -> list[Tok]:
    """ "博物馆绩效" | "考核指标" | "完成率": a column label the flattened-text cutter found inside a
    name (108: 博物馆绩效考核指标完成率). Inside the table body a name or note label (考核指标,
    评价指标, 指标说明 …; not 绩效目标值, which the report's sentences turn on, 011) standing alone, glued to
    words on both sides, is part of the words around it: a repeated header comes as a run of
    labels, never in the middle of a phrase."""
    from jixiao.parse.stream.vocab import category, column_kind, is_column_label

    out: list[Tok] = []
    n = 0
    while n < len(seg):
        tok = seg[n]
        if (
            out
            and n + 1 < len(seg)
            and not tok.empty
            and is_column_label(tok.text)
            and column_kind(tok.text) in ("name", "note")
            and category(tok.text) == (None, None)
        ):
            prev, nxt = out[-1], seg[n + 1]
            if (
                not prev.empty
                and not nxt.empty
                and prev.end == tok.start
                and tok.end == nxt.start
                and _CJK.match(prev.text[-1:])
                and _CJK.match(nxt.text[:1])
                and not is_column_label(prev.text)
                and not is_column_label(nxt.text)
                and category(nxt.text) == (None, None)
            ):
                out[-1] = _joined(prev, tok, nxt)
                n += 2
                continue
        out.append(tok)
        n += 1
    return out


_NUMBERING_WORDS = ("任务", "指标")


def _join_numbering(seg: list[Tok]) -> list[Tok]:
    """ "任务" | "1" | ":门诊住院人次…": a template's row numbering "任务1:" / "指标2:" that the
    flattened-text cutter split at its digit is joined back to the name it numbers (the name keeps
    it only until :func:`jixiao.parse.stream.build._clean_name` drops it); an empty template row
    "指标1:指标2:" (161) becomes lone "指标1:" cells, which read as no name, not as an indicator
    "指标" with the target 2."""
    out: list[Tok] = []
    n = 0
    while n < len(seg):
        a = seg[n]
        if n + 2 < len(seg) and not a.empty and a.text in _NUMBERING_WORDS:
            b, c = seg[n + 1], seg[n + 2]
            if (
                not b.empty
                and not c.empty
                and a.end == b.start
                and b.end == c.start
                and b.text.isdigit()
                and len(b.text) <= 2
                and c.text[:1] in (":", "：")
            ):
                out.append(_joined(a, b, c))
                n += 3
                continue
        out.append(a)
        n += 1
    return out


_RUN_PIECE = re.compile(r"^[\d.]+$")


def _join_number_runs(seg: list[Tok]) -> list[Tok]:
    """ "0.4100" | "." | "110": pieces of one digit run that the flattened-text cutter read as numbers
    ("0.4100.110", 170) are one run again when nothing stood between them in the source and the run
    has digits on both sides of every point; the template later decides how it splits
    (:mod:`jixiao.parse.stream.runs`). "1" | "." (a number and a full stop) stay apart."""
    out: list[Tok] = []
    n = 0
    while n < len(seg):
        end = n + 1
        while (
            end < len(seg)
            and not seg[end].empty
            and not seg[n].empty
            and seg[end - 1].end == seg[end].start
            and _RUN_PIECE.match(seg[end - 1].text)
            and _RUN_PIECE.match(seg[end].text)
        ):
            end += 1
        text = "".join(t.text for t in seg[n:end])
        if end - n >= 2 and _WHOLE_RUN.match(text):
            first = seg[n]
            out.append(Tok(text, first.start, seg[end - 1].end, first.line, first.row, note=first.note))
            n = end
            continue
        out.append(seg[n])
        n += 1
    return out


_WHOLE_RUN = re.compile(r"^\d+(?:\.\d+)+$")


#: units that end a name only when a flattened copy glued the 计量单位 cell to it
