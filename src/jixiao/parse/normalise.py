"""Document-level normalisation before recognition (minimal version; see docs/parsing.md).

Traditional script to simplified (OpenCC t2s) and full-width signs to ASCII, each change recorded
as a :class:`Repair`. Length-preserving, so a span in the normalised text is the same span in the
raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jixiao.parse.label_variants import _TABLE as _TRAD
from jixiao.parse.numbers import _PAIRS

#: full-width and look-alike signs to ASCII, one character for one; line structure is kept.
_WIDTH = str.maketrans({k: v for k, v in _PAIRS.items() if k not in "\t\r\n"})


@dataclass(frozen=True, slots=True)
class Repair:
    start: int
    end: int
    before: str
    after: str
    reason: str

    def note(self) -> str:
        return f"「{self.before}」→「{self.after}」({self.reason})"


@dataclass(slots=True)
class Normalised:
    raw: str
    text: str
    repairs: list[Repair] = field(default_factory=list)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return start, end

    def repairs_in(self, start: int, end: int) -> list[Repair]:
        return [r for r in self.repairs if r.start < end and r.end > start]

    def summary(self) -> list[str]:
        counts: dict[str, int] = {}
        for r in self.repairs:
            counts[r.reason] = counts.get(r.reason, 0) + 1
        return [f"{reason} ({n} 处)" for reason, n in counts.items()]


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _has_traditional(text: str) -> bool:
    return any(ord(ch) in _TRAD for ch in text)


def normalise_text(raw: str) -> Normalised:
    text = raw.translate(_WIDTH)
    repairs: list[Repair] = []
    for m in re.finditer("[≧≦⩾⩽═]", raw):
        repairs.append(Repair(m.start(), m.end(), m.group(), text[m.start()], f"{m.group()} 读作 {text[m.start()]}"))
    if _has_traditional(text):
        converted = _converter().convert(text)
        if len(converted) == len(text):
            for m in re.finditer(r"[^\x00-\x7f]", text):
                i = m.start()
                if converted[i] != text[i]:
                    repairs.append(Repair(i, i + 1, text[i], converted[i], "繁体转简体"))
            text = converted
    return Normalised(raw, text, repairs)


_SERIAL = re.compile(r"^(\d{2},?\d{3})(?:\s+\1)?$")
_TIME_NAME = re.compile(r"时间|时限|日期|期限|完成时|到位时|截止")
_PLACEHOLDER_HINT = re.compile(r"[(（][≥≤<>=]?\*+[^)）]{0,6}[)）]")
_RATE_NAME = re.compile(r"率|满意度|覆盖|合格|达标|知晓")
_OCR_GE = re.compile(r"^[23](\d{2}(?:\.\d+)?)%$")


def is_placeholder(text: str) -> bool:
    t = text.strip()
    return bool(t) and (re.fullmatch(r"[≥≤<>=]?\s*(?:\*+|X+|x+|★+|某+)\s*\S{0,4}", t) is not None)


def repair_value(cell: str, *, context: str = "", year: int | None = None) -> tuple[str, list[str]]:
    """Repairs of a value cell that its context proves (see docs/parsing.md); (text, notes)."""
    import datetime as dt

    notes: list[str] = []
    text = cell.strip()
    hint = _PLACEHOLDER_HINT.search(text)
    if hint and text.replace(hint.group(), "").strip():
        notes.append(f"模板占位提示「{hint.group()}」已删除")
        text = text.replace(hint.group(), "").strip()
    if text.startswith("★"):
        notes.append("删除「★」标记")
        text = text.lstrip("★").strip()
    m = _SERIAL.match(text)
    if m and _TIME_NAME.search(context):
        serial = int(m.group(1).replace(",", ""))
        if 36526 <= serial <= 55153:
            date = dt.date(1899, 12, 30) + dt.timedelta(days=serial)
            notes.append(f"Excel 日期序列号「{text}」读作 {date.isoformat()}")
            text = date.isoformat()
    m2 = _OCR_GE.match(text)
    if m2 and _RATE_NAME.search(context):
        notes.append(f"OCR:「{text}」读作「≥{m2.group(1)}%」(比率不能超过 100%)")
        text = f"≥{m2.group(1)}%"
    return text, notes
