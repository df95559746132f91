"""Cells a flattened copy glued together that the template splits apart (see
:mod:`jixiao.parse.stream.recut`, which calls these): a name ending in a doubled qualitative word
or a target word and an actual word (161, 007, 164), a phrase written twice (152), a row's first
cell "name + number with unit" (154), the 指标值类型 cell at a row end (128), and the cells of a
unit-first table (170)."""

from __future__ import annotations

import re

from jixiao.parse.stream.tokens import Tok, cut_run

_RUN_PIECE = re.compile(r"^[\d.]+$")


_NATURE_AT_END = re.compile(r"^(?P<head>.*?)(?P<dash>[-—/]?)(?P<nature>定量|定性)$")


def split_nature(seg: list[Tok]) -> list[Tok]:
    """ "…每减少1%扣1分-定量": a row's last cells (an empty 度量单位 written "-", then 指标值类型 定量)
    glued to the cell before them (128), in a table with a 指标值类型 column: cut apart."""
    out: list[Tok] = []
    for tok in seg:
        m = None if tok.empty else _NATURE_AT_END.match(tok.text)
        if m is None or not (m["head"] or m["dash"]) or tok.text in ("定量指标", "定性指标"):
            out.append(tok)
            continue
        head = m["head"]
        if len(head) > 12 and re.search(r"\d", head):  # the rest of the row glued as well: cut it
            for piece, at in cut_run(head, tok.start):  # as the cutter cuts a flattened row
                out.append(Tok(piece.strip(), at, at + len(piece.strip()), tok.line, tok.row))
        elif head:
            out.append(Tok(head, tok.start, tok.start + len(head), tok.line, tok.row, note=tok.note))
        at = tok.start + len(head)
        for part in ("dash", "nature"):
            if m[part]:
                out.append(Tok(m[part], at, at + len(m[part]), tok.line, tok.row))
                at += len(m[part])
    return out


def split_doubled(seg: list[Tok]) -> list[Tok]:
    """ "…服装质量等合格合格": in a table whose 实际完成值 column follows 指标值, a name ending in the
    same qualitative word twice is the name, the target and the actual run together (161, 007
    "…安全性高高"); a name never ends in a doubled word of its own. A cell that is one phrase of
    two or more characters twice ("显著提升显著提升", 152) is target and actual too, and so is a cell
    of two different qualitative words, the second an actual's ("=提高已完成", 164)."""
    from jixiao.parse.stream.celltypes import QUALITATIVE_WORDS

    out: list[Tok] = []
    for tok in seg:
        whole = None if tok.empty else _TWICE.match(tok.text)
        if whole is not None:  # "显著提升显著提升" (152): the whole cell is one phrase twice
            half = tok.start + whole.end("w")
            out.append(Tok(whole["w"], tok.start, half, tok.line, tok.row, note=tok.note))
            out.append(Tok(whole["w"], half, tok.end, tok.line, tok.row))
            continue
        pair = None if tok.empty else _pair_pattern(QUALITATIVE_WORDS).match(tok.text)
        if pair is not None and pair["a"] != pair["b"] and (not pair["name"] or pair["op"]):
            # "救助对象生活水平=提高已完成" (164): a name, its operator, a target, an actual
            at = tok.start
            for part in ("name", "op", "a", "b"):
                if pair[part]:
                    out.append(Tok(pair[part], at, at + len(pair[part]), tok.line, tok.row,
                                   note=tok.note if at == tok.start else ""))
                    at += len(pair[part])
            continue
        m = None if tok.empty else _doubled_pattern(QUALITATIVE_WORDS).match(tok.text)
        if m is None:
            out.append(tok)
            continue
        a, b = tok.start + m.end("name"), tok.start + m.end("w")
        out.append(Tok(m["name"], tok.start, a, tok.line, tok.row, note=tok.note))
        out.append(Tok(m["w"], a, b, tok.line, tok.row))
        out.append(Tok(m["w"], b, tok.end, tok.line, tok.row))
    return out


_TWICE = re.compile(r"^(?P<w>[\u4e00-\u9fff]{2,8})(?P=w)$")
_DOUBLED: list[re.Pattern[str]] = []


def _doubled_pattern(words: frozenset[str]) -> re.Pattern[str]:
    if not _DOUBLED:
        alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if len(w) <= 4)
        _DOUBLED.append(re.compile(rf"^(?P<name>.{{2,}}?[^\s\d])(?P<w>{alts})(?P=w)$"))
    return _DOUBLED[0]


_PAIR: list[re.Pattern[str]] = []
_ACTUAL_WORDS = ("已完成", "完成", "达成", "已达成", "达标", "已达标", "合格")


def _pair_pattern(words: frozenset[str]) -> re.Pattern[str]:
    if not _PAIR:
        alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if len(w) <= 4)
        done = "|".join(_ACTUAL_WORDS)
        _PAIR.append(
            re.compile(rf"^(?P<name>[^=≥≤]{{2,}}?)?(?P<op>[=≥≤])?(?P<a>{alts})(?P<b>{done})$")
        )
    return _PAIR[0]


def split_name_and_value(seg: list[Tok]) -> list[Tok]:
    """ "成本 | 年度预算220万元 | 按进度执行,已使用约40% | 确定能" (154): a row's first cell holding a
    name and a number with its unit, and the next cell no value at all: the 指标值 column follows
    the name, so the number is the target and the words after it the next columns."""
    from jixiao.parse.stream.celltypes import shape
    from jixiao.parse.stream.units import UNITS

    units = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    glued = re.compile(rf"^(?P<name>.*[\u4e00-\u9fff)）])(?P<value>[≥≤<>=]?\d+(?:\.\d+)?(?:{units}))$")
    out: list[Tok] = []
    for n, tok in enumerate(seg):
        prev = seg[n - 1] if n else None
        nxt = seg[n + 1] if n + 1 < len(seg) else None
        m = None if tok.empty else glued.match(tok.text)
        if (
            m is None
            or len(m["name"]) < 2
            or (prev is not None and prev.row == tok.row)
            or nxt is None
            or nxt.empty
            or nxt.row != tok.row
            or shape(nxt.text) not in ("text", "word")
        ):
            out.append(tok)
            continue
        cut = tok.start + m.end("name")
        out.append(Tok(m["name"], tok.start, cut, tok.line, tok.row, note=tok.note))
        out.append(Tok(m["value"], cut, tok.end, tok.line, tok.row))
    return out


_MEASURES = (
    "万立方米", "万平方米", "平方米", "立方米", "万亩", "公顷", "公斤", "公里", "千米", "万元", "万人次"
)
_NAME_THEN_UNIT = re.compile(rf"^(?P<name>.*[\u4e00-\u9fff)）])(?P<unit>{'|'.join(_MEASURES)})$")
_RUN_THEN_CHAR = re.compile(r"^(?P<run>[\d.]+)(?P<char>[\u4e00-\u9fff])$")


def unit_first(seg: list[Tok]) -> list[Tok]:
    """A table whose 计量单位 column stands before 指标值 (名称 | 计量单位 | 指标性质 | 指标值 | 权重 …,
    170), flattened without separators, reads "国家级公益林管护面积万亩2810810森林抚育…". Two cuts
    follow from that column order: a measure unit ending a name right before a number is the unit
    cell ("…面积" | "万亩"), and a character glued after a digit run is not that run's unit (its unit
    came before it) but the first character of the next name ("2110110天" | "保工程区…" →
    "2110110" | "天保工程区…"), when the next cell follows it with nothing between them."""
    out: list[Tok] = []
    for n, tok in enumerate(seg):
        nxt = seg[n + 1] if n + 1 < len(seg) else None
        if tok.empty:
            out.append(tok)
            continue
        m = _NAME_THEN_UNIT.match(tok.text)
        if (
            m is not None
            and nxt is not None
            and not nxt.empty
            and (_RUN_PIECE.match(nxt.text) or _RUN_THEN_CHAR.match(nxt.text))
        ):
            cut = tok.start + m.end("name")
            out.append(Tok(m["name"], tok.start, cut, tok.line, tok.row, note=tok.note))
            out.append(Tok(m["unit"], cut, tok.end, tok.line, tok.row))
            continue
        m = _RUN_THEN_CHAR.match(tok.text)
        if (
            m is not None
            and nxt is not None
            and not nxt.empty
            and nxt.start == tok.end
            and re.match(r"[\u4e00-\u9fff]", nxt.text)
        ):
            cut = tok.start + m.end("run")
            out.append(Tok(m["run"], tok.start, cut, tok.line, tok.row, note=tok.note))
            seg[n + 1] = Tok(m["char"] + nxt.text, cut, nxt.end, nxt.line, nxt.row, note=nxt.note)
            continue
        out.append(tok)
    return out


def split_repeated_tail(seg: list[Tok]) -> list[Tok]:
    """ "70%" | "按临时救助标准评价农村低保救助资金…" … "70%" | "按临时救助标准评价" (015): a text column
    after the values (评价标准确定依据, 绩效标准) repeats the same words row after row; where a flattened
    copy glued one of them to the next row's name, a cell after a value that starts with the whole
    text of another cell after a value, and goes on in words that read as a name, is that cell and
    the next row's first cell. Only where the whole segment is one flattened line: real cells may
    well start with another cell's words."""
    from jixiao.parse.stream.celltypes import name_plausibility, shape

    def after_value(n: int) -> bool:
        prev = seg[n - 1] if n > 0 else None
        return (
            prev is not None
            and not prev.empty
            and prev.row == seg[n].row == seg[0].row == seg[-1].row
            and shape(prev.text) in ("value", "number")
        )

    def glued_head(tok: Tok, heads: list[str]) -> str | None:
        for h in heads:
            rest = tok.text[len(h):]
            if (
                tok.text.startswith(h)
                and len(rest) >= 4
                and _CJK_START.match(rest)
                and name_plausibility(rest) > 0
            ):
                return h
        return None

    heads = sorted(
        {t.text for n, t in enumerate(seg)
         if not t.empty and len(t.text) >= 4 and after_value(n) and shape(t.text) == "text"},
        key=len,
        reverse=True,
    )
    if len(heads) < 2:
        return seg
    out: list[Tok] = []
    for n, tok in enumerate(seg):
        head = glued_head(tok, heads) if not tok.empty and after_value(n) else None
        if head is None:
            out.append(tok)
            continue
        cut = tok.start + len(head)
        out.append(Tok(head, tok.start, cut, tok.line, tok.row, note=tok.note))
        out.append(Tok(tok.text[len(head):], cut, tok.end, tok.line, tok.row))
    return out


_CJK_START = re.compile(r"[\u4e00-\u9fff]")


_NAME_WORD_REST = re.compile(
    r"^(?P<name>.{3,30}?[率度量数])"
    r"(?P<w>(?:明显|显著|有所|稳步|逐步|进一步|不断|持续|大幅度?)(?:提高|提升|改善|增强|增加|降低|下降|减少|减轻)"
    r"|按(?:规定时限|时限|规定|计划|要求)(?:完成)?)"
    r"(?P<rest>[\u4e00-\u9fff].*)?$"
)
_BARE = re.compile(r"^\d+(?:\.\d+)?$")


def split_name_word_rest(seg: list[Tok]) -> list[Tok]:
    """ "残疾学生家庭负担率有所减轻对家庭负担减轻情况较大得…" (128): in a table whose 指标值 follows the
    name, a cell that runs a measured name (…率, …度, …质量, …数) into a qualitative target
    (有所减轻, 明显提升 …) and on into other words is name | target | the rest (the next column's
    words): a name does not go on after its own target. So is one that ends in a target in words
    right before a bare number ("医疗文书及时率按规定时限" | "43", 173: the number is 分值/得分)."""
    out: list[Tok] = []
    for n, tok in enumerate(seg):
        m = None if tok.empty else _NAME_WORD_REST.match(tok.text)
        nxt = seg[n + 1] if n + 1 < len(seg) else None
        if m is None or (not m["rest"] and (nxt is None or nxt.empty or not _BARE.match(nxt.text))):
            out.append(tok)
            continue
        at = tok.start
        for part in ("name", "w", "rest") if m["rest"] else ("name", "w"):
            out.append(Tok(m[part], at, at + len(m[part]), tok.line, tok.row,
                           note=tok.note if part == "name" else ""))
            at += len(m[part])
    return out
