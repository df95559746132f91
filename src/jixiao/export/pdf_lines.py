"""Line breaking of cell text as WeasyPrint (pango) breaks it, for the reportlab list PDF.

The rules are the part of Unicode line breaking (UAX #14) that Chinese tables meet, with the CSS of
style.css (``white-space: normal``, ``overflow-wrap: anywhere``):

* white space collapses to one space; a line may break after a space, and the space then hangs
  (it neither counts nor shows at the line end);
* a line may break before and after a CJK character (ideographs, kana, full-width forms), except
  before closing punctuation (，。、：）… and their ASCII forms) and after opening punctuation (（《“ …);
* a run of other characters (Latin letters, digits, ``≥``, ``%`` …) is one word, kept whole;
* a word wider than the line is broken between any two characters (``overflow-wrap: anywhere``).

Lines are filled greedily, as pango does, with the advance widths of the same font.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SPACES = re.compile(r"[ \t\n\r\f]+")
#: No line starts with these (UAX #14 classes CL, CP, EX, IS, NS and PO that Chinese text uses).
NO_START = frozenset("，。、；：？！）］｝〉》」』】〕〗’”…‥·・ー々〜～％‰°℃,.;:?!)]}%")
#: No line ends with these (class OP and the opening quotes).
NO_END = frozenset("（［｛〈《「『【〔〖‘“([{")


def _wide(char: str) -> bool:
    return char >= "\u2e80"


def can_break(before: str, after: str) -> bool:
    """Whether a line may end between ``before`` and ``after`` (two adjacent characters)."""
    if after == " " or after in NO_START or before in NO_END:
        return False
    return before == " " or _wide(before) or _wide(after)


def collapse(text: str) -> str:
    """CSS ``white-space: normal``: runs of spaces, tabs and line breaks become one space, none at
    either end (other white space, such as the ideographic space, stays)."""
    return _SPACES.sub(" ", text).strip(" ")


def segments(text: str) -> list[str]:
    """``text`` cut at every break opportunity (a segment keeps its trailing space)."""
    out: list[str] = []
    start = 0
    for i in range(1, len(text)):
        if can_break(text[i - 1], text[i]):
            out.append(text[start:i])
            start = i
    if text:
        out.append(text[start:])
    return out


def wrap(text: str, width: float, advance: Callable[[str], float]) -> list[str]:
    """``text`` (already collapsed) in lines no wider than ``width``; ``advance(s)``: the width of ``s``.

    Each line is returned without its hanging trailing space.
    """
    if not text:
        return []
    if advance(text) <= width:
        return [text]
    lines: list[str] = []
    line, used = "", 0.0
    for segment in segments(text):
        size = advance(segment.rstrip(" "))
        if line and used + size > width:
            lines.append(line.rstrip(" "))
            line, used = "", 0.0
        if not line and size > width:  # overflow-wrap: anywhere, a character at a time
            for char in segment:
                step = advance(char)
                if line and used + step > width and char != " ":
                    lines.append(line.rstrip(" "))
                    line, used = "", 0.0
                line, used = line + char, used + step
            continue
        line, used = line + segment, used + advance(segment)
    if line.strip(" "):
        lines.append(line.rstrip(" "))
    return lines
