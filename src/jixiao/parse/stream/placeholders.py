"""A dash written in a column that has nothing to say ("—", "-", "/", and "一", the dash as OCR reads
it): the column was left blank on purpose.

A scoring rubric mixed into an indicator table (169: 项目决策 | 项目目标完整性 | 分值 4 | 指标值 一 |
目标明确… | 得分 4) puts such a dash in 指标值 for the items that have no target. Two things follow:

- :func:`split_glued_dash`: a flattened copy glues the dash to the next cell ("一目标明确、内容细化、目标量
  化", "-严格执行相关管理制度"); where the header puts 分值 right before 指标值 and the cell follows a
  number (the 分值), the dash is the 指标值 cell and the words after it the next column. "一" followed
  by a measure word or a word it begins ("一次性", "一般") is the numeral, not a dash, and stays.
- :data:`PLACEHOLDERS`: a 指标值 that is only such a dash is no target (the indicator's value is
  empty, with a note), not a qualitative target "一".
"""

from __future__ import annotations

import re

from jixiao.parse.stream.tokens import Tok

PLACEHOLDERS = frozenset(("—", "——", "-", "--", "/", "一"))

_GLUED_DASH = re.compile(r"^(?P<dash>[-—一])(?P<rest>[\u4e00-\u9fff].*)$")
#: characters after "一" that make it the numeral or the first character of a word (一次, 一般, 一致 …)
_NUMERAL_AFTER = frozenset("般次年个致定项户人名批套台件所级体律线些起同周天月日季时场张本条份座家类种步直切")
_BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def split_glued_dash(seg: list[Tok]) -> list[Tok]:
    """ "4" | "一目标明确、内容细化、目标量化" -> "4" | "一" | "目标明确、内容细化、目标量化" (the caller
    applies this only where 分值 stands right before 指标值)."""
    out: list[Tok] = []
    for tok in seg:
        prev = out[-1] if out else None
        m = None if tok.empty else _GLUED_DASH.match(tok.text)
        if (
            m is None
            or prev is None
            or prev.empty
            or prev.row != tok.row
            or not _BARE_NUMBER.match(prev.text)
            or (m["dash"] == "一" and m["rest"][0] in _NUMERAL_AFTER)
        ):
            out.append(tok)
            continue
        cut = tok.start + 1
        out.append(Tok(m["dash"], tok.start, cut, tok.line, tok.row, note=tok.note))
        out.append(Tok(m["rest"], cut, tok.end, tok.line, tok.row))
    return out
