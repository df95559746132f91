"""A cell wrapped over two lines in a pipe-cell copy (one cell per line, each closed by " |").

Some page copies write every table cell on a line of its own, ending with " |" (117, 106, 112). A
cell too long for its column wraps: its first line has no pipe, the line that ends it has one
("打造金安国际网球" / "公开赛等系列品牌赛事 |"). Cut line by line, that is two cells, the first a
name fragment and the second read as its target. In such a copy a line without a pipe before a
line with one is the same cell: the lines are joined (CJK text with nothing between, other text
with a space), also a vertical label written one character per line ("绩" / "效" / "指" / "标 |").

A line cut at its spaces has the same trouble with a template hint written with spaces inside its
brackets ("贫困地区旅游景点开发数量( ≥**个 )", 115): the bracket is closed again.
"""

from __future__ import annotations

from jixiao.parse.stream.tokens import Tok, is_piped


def _pipe_cell_layout(lines: list[str]) -> bool:
    """Most non-empty lines hold one cell closed by a pipe (not "| a | b |" rows)."""
    filled = [ln.strip() for ln in lines if ln.strip()]
    one_cell = sum(1 for ln in filled if ln.endswith("|") and ln.count("|") == 1)
    return bool(filled) and one_cell >= 0.6 * len(filled)


def join_wrapped_cells(toks: list[Tok], text: str) -> list[Tok]:
    """``toks`` with every wrapped cell of a pipe-cell copy joined into one token, and every bracket
    a space-cut line split apart closed again."""
    if not is_piped(text):
        return _join_split_brackets(toks, text)
    lines = text.split("\n")
    if not _pipe_cell_layout(lines):
        return toks
    out: list[Tok] = []
    last_line: list[int] = []  # the line each token of ``out`` ends on
    for tok in toks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.empty
            and not tok.empty
            and tok.line == last_line[-1] + 1
            and "|" not in lines[last_line[-1] - 1]
            and (len(out) < 2 or last_line[-2] != prev.line)  # alone on its line
            and _closed_soon(lines, tok.line)
        ):
            gap = "" if _cjk(prev.text[-1]) and _cjk(tok.text[0]) else " "
            out[-1] = Tok(prev.text + gap + tok.text, prev.start, tok.end, prev.line, prev.row,
                          note=prev.note)
            last_line[-1] = tok.line
            continue
        out.append(tok)
        last_line.append(tok.line)
    return out


def _open(text: str) -> int:
    return text.count("(") + text.count("（") - text.count(")") - text.count("）")


def _join_split_brackets(toks: list[Tok], text: str) -> list[Tok]:
    """ "贫困地区旅游景点开发数量(" | "≥**个" | ")" (115): where cells are cut at spaces, a template
    hint written with spaces inside its brackets ("( ≥**个 )") is cut apart; a cell that opens a
    bracket and the cells of the same line up to the one that closes it (at most three) are one
    cell, as written."""
    out: list[Tok] = []
    n = 0
    while n < len(toks):
        tok = toks[n]
        end = n
        if not tok.empty and _open(tok.text) > 0:
            depth = _open(tok.text)
            k = n + 1
            while (
                k < len(toks)
                and k <= n + 3
                and not toks[k].empty
                and toks[k].line == tok.line
                and text[toks[k - 1].end : toks[k].start].isspace()  # cut at a space, not by words
            ):
                depth += _open(toks[k].text)
                if depth <= 0:
                    end = k if depth == 0 else n
                    break
                k += 1
        if end > n:
            last = toks[end]
            out.append(Tok(text[tok.start:last.end], tok.start, last.end, tok.line, tok.row, note=tok.note))
            n = end + 1
            continue
        out.append(tok)
        n += 1
    return out


def _closed_soon(lines: list[str], line: int) -> bool:
    """Line ``line`` (1-based), or one of the next three with no blank line between, ends the cell
    with a pipe: "绩" / "效" / "指" / "标 |" is one vertical label, a paragraph is no cell."""
    for k in range(line - 1, min(line + 3, len(lines))):
        if not lines[k].strip():
            return False
        if "|" in lines[k]:
            return True
    return False


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
