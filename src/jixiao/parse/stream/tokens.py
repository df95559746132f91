"""Text -> a stream of cells ("tokens"), cut by the strongest separator the document has.

Separators, strongest first: ``|`` (pipe rows and pipe cells), quoted CSV, whitespace, line ends.
A long line whose few spaces split words, not cells (a flattened DOCX/XLS preview), is cut by the
vocabulary (category names, column and field labels), by the value grammar (operator? number
unit?) and by unit and 指标性质 cells. Labels written with a space between every character
("产 出 指 标") or one character per cell are joined back.

Every token keeps its span in the normalised text (mapped back to the raw text by
:meth:`jixiao.parse.normalise.Normalised.raw_span` when a location is made) and its line.
"""

from __future__ import annotations

import csv
import io
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from jixiao.parse.stream.units import UNITS
from jixiao.parse.stream.vocab import (
    COLUMN_LABELS,
    FIELD_LABELS,
    LEVEL1_WORDS,
    LEVEL2_WORDS,
    LEVEL_LABELS,
)


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    line: int
    row: int  # index of the row (line, or pipe row) it came from
    empty: bool = False
    note: str = ""  # a repair made in cutting this cell (kept on the indicator it ends in)


#: a unit character that is the first character of the next cell's word, not the number's unit:
#: "…量化4项目立项相关性" (169) is "4" | "项目立项相关性", "…5人员…" is "5" | "人员…"
_WORD_GOES_ON = {
    "项": "(?!目)", "人": "(?!员|群|口|均)", "个": "(?!人|别|体)", "次": "(?!年|数)",
    "户": "(?!籍|数)", "天": "(?!然)", "元": "(?!旦)", "分": "(?!配|析|类|解|别)", "场": "(?!所|地)",
}
_OPS = r"(?:≥|≤|>|<|=|不低于|不少于|不高于|不超过|大于等于|小于等于|达到)"
VALUE_IN_RUN = re.compile(
    rf"{_OPS}?\s*(?:(?:19|20)\d\d年\d{{1,2}}月(?:\d{{1,2}}日)?(?:前|底)?|\d+(?:\.\d+)?\s*(?:"
    + "|".join(re.escape(u) + _WORD_GOES_ON.get(u, "") for u in UNITS)
    + r")?(?:及以上|以上|以下|以内)?)"  # "95%以上": the suffix is the value's operator, not a name's start
)
_LABELS = sorted(
    {lab for labs in COLUMN_LABELS.values() for lab in labs if len(lab) >= 3}
    | {lab for lab in FIELD_LABELS if len(lab) >= 3}
    | set(LEVEL1_WORDS)
    | set(LEVEL2_WORDS)
    | set(LEVEL_LABELS)
    | {"三级指标", "绩效指标", "分值", "得分", "权重", "备注", "优良中差"},
    key=len,
    reverse=True,
)
VOCAB_IN_RUN = re.compile("|".join(re.escape(w) for w in _LABELS))
_UNIT_CELL = re.compile(
    r"(?<=[\u4e00-\u9fff])%|定量指标|定性指标|(?<=[\u4e00-\u9fff])([高好优良有])(?=\1\d)"
    r"|(?<=[高好优良有])([高好优良有])(?=\d)"
    r"|是/否|(?<=是/否)[是否]|(?<=是/否[是否])[是否]|(?<=是/否[是否]{2})[是否]"
)
_CELL_SPLIT_PIPE = re.compile(r"\s*\|\s*")
_CELL_SPLIT_SPACE = re.compile(r"\s+")


def is_piped(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    piped = sum(1 for ln in lines if "|" in ln)
    return bool(lines) and piped >= max(3, len(lines) // 4)


def _cells(line: str, offset: int, piped: bool) -> list[tuple[str, int]]:
    splitter = _CELL_SPLIT_PIPE if piped else _CELL_SPLIT_SPACE
    out: list[tuple[str, int]] = []
    pos = 0
    for m in splitter.finditer(line):
        out.append((line[pos : m.start()], offset + pos))
        pos = m.end()
    out.append((line[pos:], offset + pos))
    return out


def _cut_run(text: str, start: int) -> list[tuple[str, int]]:
    """A flattened run cut at vocabulary words and values."""
    cuts = {0, len(text)}
    for m in VOCAB_IN_RUN.finditer(text):
        cuts.update((m.start(), m.end()))
    for m in VALUE_IN_RUN.finditer(text):
        if m.group().strip() and re.search(r"\d", m.group()):
            cuts.update((m.start(), m.end()))
    for m in _UNIT_CELL.finditer(text):  # "…控制率%定量指标": a unit cell between name and nature
        cuts.update((m.start(), m.end()))
    points = sorted(cuts)
    pieces = [(text[a:b], start + a) for a, b in pairwise(points) if text[a:b].strip()]
    return _glue_leading_values(pieces)


cut_run = _cut_run


def _glue_leading_values(pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A value that starts a name ("5000吨稻谷、500吨成品粮储备到位率") is part of the name, and so is
    every item of a "、" list before it."""
    out: list[tuple[str, int]] = []
    for text, start in pieces:
        if out and _is_value_piece(out[-1][0]) and _name_glue(out[-1][0], text, out[:-1]):
            prev, pstart = out.pop()
            if out and out[-1][0].endswith("、"):  # "5000吨稻谷、" + "500吨" + "成品粮…" (007)
                head, pstart = out.pop()
                prev = head + prev
            out.append((prev + text, pstart))
            continue
        if out and _is_value_piece(text) is False and out[-1][0].endswith("、"):
            prev, pstart = out.pop()
            out.append((prev + text, pstart))
            continue
        out.append((text, start))
    return out


def _is_value_piece(text: str) -> bool:
    return VALUE_IN_RUN.fullmatch(text.strip()) is not None and re.search(r"\d", text) is not None


def _name_glue(value: str, following: str, before: list[tuple[str, int]]) -> bool:
    if not re.match(r"[^\x00-\x7f]", following) or following[0] in "≥≤":
        return False
    if VOCAB_IN_RUN.fullmatch(following):
        return False
    if not before:
        return True
    prev = before[-1][0]
    return VOCAB_IN_RUN.fullmatch(prev) is not None or prev.endswith("、")


_SINGLE = re.compile(r"^[^\x00-\x7f]$")


def _join_singles(cells: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Runs of one-character cells ("产", "出", "指", "标") joined into one label."""
    out: list[tuple[str, int]] = []
    run: list[tuple[str, int]] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append(("".join(t for t, _ in run), run[0][1]))
        else:
            out.extend(run)
        run.clear()

    for text, start in cells:
        if _SINGLE.match(text.strip()) and text.strip() not in "优良中差高好是否无":
            run.append((text.strip(), start))
        else:
            flush()
            out.append((text, start))
    flush()
    return out


def is_flat(line: str) -> bool:
    """A flattened preview line: long, and its few spaces split words, not cells."""
    return len(line) > 120 and len(re.findall(r"\s+", line.strip())) < len(line) / 12


def _flat_tokens(line: str, offset: int, lineno: int, row: int) -> list[Tok]:
    """A flattened line without its stray spaces, cut by vocabulary and values; spans stay raw."""
    keep = [i for i, ch in enumerate(line) if not ch.isspace()]
    compact = "".join(line[i] for i in keep)
    toks: list[Tok] = []
    for piece, start in _cut_run(compact, 0):
        p = piece.strip()
        if not p:
            continue
        a = start + (len(piece) - len(piece.lstrip()))
        b = a + len(p)
        toks.append(Tok(p, offset + keep[a], offset + keep[b - 1] + 1, lineno, row))
    return toks


#: a cell that runs a name into its values ("资金支出率达到目标值95%10": 009's compact lines)
_ENDS_WITH_VALUE = re.compile(r"[\u4e00-\u9fff)）][^\d]{0,40}?\d+(?:\.\d+)?%?(?:以上|以下)?\d*$")
_SPACED = re.compile(r"^\s*[\u4e00-\u9fff](?:\s+[\u4e00-\u9fff])+\s*$")


def _spaced_word(cell: str) -> str:
    """ "产 出 指 标" (one character per cell line, or spaced out) -> "产出指标"; same start."""
    if _SPACED.match(cell):
        joined = "".join(cell.split())
        return cell[: len(cell) - len(cell.lstrip())] + joined
    return cell


def line_finder(text: str) -> Callable[[int], int]:
    """A function giving the 1-based line of an offset in ``text`` (binary search, not a count from 0:
    counting per match made a 2 MB page copy quadratic)."""
    ends = [m.start() for m in re.finditer("\n", text)]
    return lambda at: bisect_right(ends, at - 1) + 1


def is_quoted_csv(text: str) -> bool:
    """Comma-separated cells in double quotes ("项目","考核内容",…), a spreadsheet saved as CSV."""
    return text.count('","') >= 10


def _csv_tokens(text: str) -> list[Tok]:
    """Cells of quoted CSV (quoted cells may hold commas and line breaks); spans found in the text."""
    toks: list[Tok] = []
    pos = 0
    line_of = line_finder(text)
    for row, fields in enumerate(csv.reader(io.StringIO(text), skipinitialspace=True)):
        for value in fields:
            cell = value.strip()
            if not cell:
                continue
            at = text.find(cell, pos)
            if at < 0:  # a "" escape: the text differs from the raw; keep the cell where the row is
                at = pos
            else:
                pos = at + len(cell)
            toks.append(Tok(cell, at, at + len(cell), line_of(at), row))
    return toks


def tokenise(text: str) -> list[Tok]:
    """The cell stream of a normalised text."""
    if is_quoted_csv(text):
        try:
            return _csv_tokens(text)
        except csv.Error:
            pass
    piped = is_piped(text)
    toks: list[Tok] = []
    offset = 0
    row = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if not piped and is_flat(line):
            toks.extend(_flat_tokens(line, offset, lineno, row))
            offset += len(line) + 1
            row += 1
            continue
        cells = _cells(line, offset, piped)
        offset += len(line) + 1
        if piped and len(cells) > 1:  # nothing before the first pipe or after the last is a cell
            if not cells[-1][0].strip():
                cells = cells[:-1]
            if len(cells) > 1 and not cells[0][0].strip():
                cells = cells[1:]
        if not any(c.strip() for c, _ in cells):
            if piped and line.strip() in ("|", "| |"):
                toks.append(Tok("", offset - 1, offset - 1, lineno, row, empty=True))
            row += 1
            continue
        cells = _join_singles([(_spaced_word(c), st) for c, st in cells])
        n_empty = sum(1 for c, _ in cells if not c.strip())
        for cell, start in cells:
            stripped = cell.strip()
            if not stripped:
                if piped and n_empty <= 2 and len(cells) > 1:
                    toks.append(Tok("", start, start, lineno, row, empty=True))
                continue
            lead = len(cell) - len(cell.lstrip())
            glued = not piped and _ENDS_WITH_VALUE.search(stripped) is not None
            pieces = (
                _cut_run(stripped, start + lead)
                if glued or _has_glued_vocab(stripped)
                else [(stripped, start + lead)]
            )
            for piece, pstart in pieces:
                p = piece.strip()
                if p:
                    ps = pstart + (len(piece) - len(piece.lstrip()))
                    toks.append(Tok(p, ps, ps + len(p), lineno, row))
        row += 1
    return toks


_GLUED = re.compile(
    "|".join(
        re.escape(w)
        for w in sorted(
            {
                *LEVEL1_WORDS,
                *LEVEL2_WORDS,
                *LEVEL_LABELS,
                "三级指标",
                "指标名称",
                "指标值",
                "项目名称",
            },
            key=len,
            reverse=True,
        )
    )
)


def _has_glued_vocab(text: str) -> bool:
    """A shorter cell that still glues a category or a header label to other text ("产出指标数量指标")."""
    m = _GLUED.search(text)
    return m is not None and (m.start() > 0 or m.end() < len(text)) and len(text) > 8
