"""Undo glyph mix-ups of PDF text layers: CJK *radical* code points standing in for ideographs.

Fonts such as Noto Sans CJK map some glyphs back to Kangxi Radicals (U+2F00–U+2FD5) or CJK Radicals
Supplement (U+2E80–U+2EF3) code points in the PDF's ToUnicode table, so "项目" is extracted as
"项⽬" and "部门" as "部⻔". Kangxi radicals have NFKC equivalents; the simplified-form radicals of the
supplement do not, so they are listed here by hand.
"""

from __future__ import annotations

import unicodedata

_SUPPLEMENT = {
    "⺠": "民",
    "⺟": "母",
    "⺮": "竹",
    "⺰": "纟",
    "⺶": "羊",
    "⺻": "聿",
    "⻄": "西",
    "⻅": "见",
    "⻆": "角",
    "⻈": "讠",
    "⻉": "贝",
    "⻋": "车",
    "⻐": "钅",
    "⻓": "长",
    "⻔": "门",
    "⻘": "青",
    "⻙": "韦",
    "⻚": "页",
    "⻛": "风",
    "⻜": "飞",
    "⻝": "食",
    "⻠": "饣",
    "⻢": "马",
    "⻣": "骨",
    "⻤": "鬼",
    "⻥": "鱼",
    "⻦": "鸟",
    "⻧": "卤",
    "⻨": "麦",
    "⻩": "黄",
    "⻪": "黾",
    "⻬": "齐",
    "⻮": "齿",
    "⻰": "龙",
    "⻳": "龟",
}
_TABLE: dict[int, str] = {ord(k[0]): v for k, v in _SUPPLEMENT.items()}
for _cp in range(0x2F00, 0x2FD6):
    _TABLE[_cp] = unicodedata.normalize("NFKC", chr(_cp))


def fix_radicals(text: str) -> str:
    """Replace radical code points with the ideographs they stand for."""
    return text.translate(_TABLE)
