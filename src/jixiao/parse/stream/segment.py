"""Cells prepared before alignment: what a flattened copy glued together is cut apart (name and
反映… description, 是否核心指标 before a name, "任务分解 (2分)", digit runs under region columns,
;-separated lists in one cell)."""

from __future__ import annotations

import re

from jixiao.parse.stream.tokens import Tok

_DESCRIPTION = re.compile(r"(?<=\S{3})(?=反映|达到(?:预计|目标)值)")

_WEIGHT_IN_NAME = re.compile(r"^(?P<name>.{2,}?)\s*[(（](?P<w>\d+(?:\.\d+)?)分[)）]$")

_CORE_GLUED = re.compile(r"^[是否](?=[\u4e00-\u9fff“\"]{2})")

def prepare_cells(seg: list[Tok], template: list[str]) -> list[Tok]:
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
    if "unit" not in template:
        seg = _join_units(seg)
    seg = _join_number_runs(seg)
    if "unit" in template and "value" in template and template.index("unit") < template.index("value"):
        seg = _unit_first(seg)
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

_BARE_NUMBER = re.compile(r"^(?:[≥≤<>=]|不少于|不低于|不高于|不超过|大于等于|小于等于)?\s*\d+(?:\.\d+)?$")


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
            out[-1] = Tok(prev.text + tok.text, prev.start, tok.end, prev.line, prev.row, note=prev.note)
            continue
        out.append(tok)
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
_MEASURES = (
    "万立方米", "万平方米", "平方米", "立方米", "万亩", "公顷", "公斤", "公里", "千米", "万元", "万人次"
)
_NAME_THEN_UNIT = re.compile(rf"^(?P<name>.*[\u4e00-\u9fff)）])(?P<unit>{'|'.join(_MEASURES)})$")
_RUN_THEN_CHAR = re.compile(r"^(?P<run>[\d.]+)(?P<char>[\u4e00-\u9fff])$")


def _unit_first(seg: list[Tok]) -> list[Tok]:
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
