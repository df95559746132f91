"""Cells prepared before alignment: what a flattened copy glued together is cut apart (name and
反映… description, 是否核心指标 before a name, "任务分解 (2分)", digit runs under region columns,
;-separated lists in one cell)."""

from __future__ import annotations

import re

from jixiao.parse.stream.recut import recut
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
    seg = recut(seg, template)
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
