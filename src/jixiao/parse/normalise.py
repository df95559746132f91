"""Normalisation before recognition: every change recorded as a :class:`Repair`, never silently.

:func:`normalise_text` runs over a whole document before it is cut into cells: traditional →
simplified script (OpenCC ``t2s``, only on lines that hold a traditional character), pinyin
annotation junk ("執(zhí)行" → "执行"), full-width digits/letters/signs → ASCII, odd operators
(≧ ≦ ═ ⩾ ⩽ >= => <= =<) → ≥ ≤ =, full-width/no-break spaces → space, two OCR confusions no Chinese
text needs (digit + 万兀 → 万元, 顼目 → 项目), and runs of "?" between CJK characters (mojibake: the
characters are lost; the text is kept and the run recorded as 乱码). Line ends and tabs are kept.

:meth:`Normalised.raw_span` maps a normalised span back to the raw text (exact wherever a repair kept
the length); :meth:`Normalised.repairs_in` gives the repairs touching a span, for ``Indicator.repairs``.
Cell-level value repairs live in :mod:`jixiao.parse.value_repairs`, re-exported here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

import opencc

from jixiao.parse.numbers import NORMALISE
from jixiao.parse.value_repairs import PLACEHOLDER_NOTE, is_placeholder, repair_value

__all__ = ["PLACEHOLDER_NOTE", "Normalised", "Repair", "is_placeholder", "normalise_text", "repair_value"]

T2S = "繁体转简体"
PINYIN = "拼音注音残留已删除"
FULLWIDTH = "全角转半角"
SPACE = "全角空格/不换行空格转为空格"
MOJIBAKE = "乱码"
_SUMMARY = {T2S: "繁体字转为简体 ({n} 字)", MOJIBAKE: "乱码：字符已丢失，原样保留 ({n} 处)"}

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_IS_CJK = re.compile(f"[{_CJK}]")
_SPACED_CJK = re.compile(f"[ \u3000\xa0]*[{_CJK}]")
_PIECES = re.compile(f"[{_CJK}]+|[^{_CJK}]+")
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PY = f"a-zü{_TONE}"
_ODD = {"≧": "≥", "≦": "≤", "⩾": "≥", "⩽": "≤", "═": "="}
_FW = {chr(k): v for k, v in NORMALISE.items() if chr(k) > "\u00ff" and chr(k) not in _ODD}
_FW_TABLE = str.maketrans(_FW)
_FW_RUN = "".join(c for c in _FW if c not in "＞＜＝\u3000")
_SYLLABLE = f"[{_PY}]*[{_TONE}][{_PY}]*"
_ALWAYS = f"{''.join(_ODD)}\uff01-\uff5e\u3000\xa0\ufffd"
# Where an edit may start: one character class first, so the regex engine skips the rest in C (3x
# faster than trying every branch at every position), then a look-behind on that character.
_CANDIDATE = re.compile(
    rf"[(?<>=万萬顼頊{_ALWAYS}](?:(?<=[{_ALWAYS}?])|(?<=\()(?={_SYLLABLE}[)）])"
    r"|(?<=[<>=])(?=[<>=＜＞＝])|(?<=[万萬])(?=兀)|(?<=[顼頊])(?=目))"
)
_EDITS = re.compile(
    rf"(?P<py>[(（]{_SYLLABLE}[)）])"
    rf"|(?P<q>\?+)(?P<tail>{_SYLLABLE}[)）])?"
    r"|(?P<ge>[>＞][=＝]|[=＝][>＞])|(?P<le>[<＜][=＝]|[=＝][<＜])"
    rf"|(?P<odd>[{''.join(_ODD)}])"
    r"|(?P<wan>[万萬]兀)|(?P<xiang>[顼頊]目)"
    rf"|(?P<fw>[{re.escape(_FW_RUN)}]+|[＞＜＝])|(?P<sp>[\u3000\xa0]+)|(?P<lost>\ufffd+)"
)
_MERGE_GAP, _MERGE_MAX = 1, 6  # t2s changes this close together in one CJK run make one repair

Edit = tuple[int, int, str, str]  # start, end (in the converted text), after, reason
_Final = tuple[int, int, int, int, str, str]  # conv start, conv end, raw start, raw end, after, reason


@dataclass(frozen=True, slots=True)
class Repair:
    start: int  # span in the NORMALISED text
    end: int
    before: str  # raw text
    after: str  # what it became
    reason: str  # Chinese, short

    def note(self) -> str:
        """The line for ``Indicator.repairs``: "「執(zhí)」→「执」(拼音注音残留已删除)"."""
        if self.before == self.after:
            return f"「{self.before}」({self.reason}，原样保留)"
        return f"「{self.before}」→「{self.after}」({self.reason})"


@dataclass(slots=True)
class Normalised:
    raw: str
    text: str
    repairs: list[Repair]
    _ends: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _shift: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        shift = 0
        for r in self.repairs:  # raw offset = normalised offset + the shift of the repairs before it
            shift += len(r.before) - len(r.after)
            self._ends.append(r.end)
            self._shift.append(shift)

    def _raw_at(self, pos: int, end: bool) -> int:
        """Raw offset of a span edge; a deletion sitting exactly at an edge stays outside the span."""
        ends, reps = self._ends, self.repairs
        if end:
            if pos >= len(self.text):
                return len(self.raw)
            i = bisect_left(ends, pos)
            while i < len(reps) and reps[i].end == pos and reps[i].start < pos:
                i += 1
        else:
            if pos <= 0:
                return 0
            i = bisect_right(ends, pos)
        before = self._shift[i - 1] if i else 0
        if i < len(reps) and reps[i].start < pos < reps[i].end:  # inside a repair
            r = reps[i]
            raw_start = r.start + before
            if len(r.before) == len(r.after):
                return raw_start + pos - r.start
            return raw_start + len(r.before) if end else raw_start
        return pos + before

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span a normalised span came from (exact where lengths are preserved)."""
        raw_start = self._raw_at(start, False)
        return raw_start, max(raw_start, self._raw_at(end, True))

    def repairs_in(self, start: int, end: int) -> list[Repair]:
        """The repairs touching the normalised span [start, end) (a deletion at either edge counts)."""
        out: list[Repair] = []
        for k in range(bisect_left(self._ends, start), len(self.repairs)):
            r = self.repairs[k]
            if r.start > end:
                break
            if r.start == r.end or start == end:  # a deletion, or an empty span: edges count
                if r.start <= end and start <= r.end:
                    out.append(r)
            elif r.start < end and r.end > start:
                out.append(r)
        return out

    def summary(self) -> list[str]:
        """Document-level lines, one per reason in order of first use: "繁体字转为简体 (412 字)"."""
        counts: Counter[str] = Counter()
        for r in self.repairs:
            for reason in r.reason.split("，") if r.reason.startswith(T2S) else [r.reason]:
                t2s = reason == T2S
                counts[reason] += sum(a != b for a, b in zip(r.before, r.after, strict=False)) if t2s else 1
        return [_SUMMARY.get(k, "{k} ({n} 处)").format(k=k, n=n) for k, n in counts.items()]


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _convert(text: str) -> str:
    return str(_converter().convert(text))


@lru_cache(maxsize=1)
def _traditional() -> re.Pattern[str]:
    """A class of every character t2s changes on its own (built once from OpenCC, ~10 ms)."""
    chars = [chr(i) for r in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)) for i in range(*r)]
    converted = _convert("\n".join(chars)).split("\n")
    trad = "".join(c for c, s in zip(chars, converted, strict=True) if c != s)
    return re.compile(f"[{re.escape(trad)}]")


def _runs(pos: list[int], offset: int) -> list[tuple[int, int]]:
    """Group changed positions into runs of adjacent characters."""
    runs: list[tuple[int, int]] = []
    for p in pos:
        if runs and runs[-1][1] == p:
            runs[-1] = (runs[-1][0], p + 1)
        else:
            runs.append((p, p + 1))
    return [(s + offset, e + offset) for s, e in runs]


def _join_t2s(final: list[_Final], conv: str) -> list[_Final]:
    """One repair for script changes this close in a CJK run: "績效目標" rather than "績效" + "標"."""
    out: list[_Final] = []
    for f in final:
        if out and f[5] == T2S == out[-1][5] and f[1] - out[-1][0] <= _MERGE_MAX:
            gap = conv[out[-1][1] : f[0]]
            if len(gap) <= _MERGE_GAP and (not gap or _IS_CJK.match(gap)):
                p = out.pop()
                f = (p[0], f[1], p[2], f[3], p[4] + gap + f[4], T2S)
        out.append(f)
    return out


def _t2s(raw: str) -> tuple[str, list[tuple[int, int, int, int]]]:
    """Convert script; return the text and its changed segments (conv start, conv end, raw start, raw end)."""
    trad = _traditional()
    if trad.search(raw) is None:
        return raw, []
    pieces: list[str] = []
    segs: list[tuple[int, int, int, int]] = []
    pos = shift = 0  # raw offset of the line; conv offset = raw offset - shift
    for line in raw.splitlines(keepends=True):
        conv = _convert(line) if trad.search(line) else line
        parts = [(line, conv)] if len(conv) == len(line) else [  # a phrase changed length: go piece by piece
            (p, _convert(p) if _IS_CJK.match(p) else p) for p in _PIECES.findall(line)
        ]
        at = pos
        for src, out in parts:
            if len(src) == len(out):
                changed = [i for i, (a, b) in enumerate(zip(src, out, strict=True)) if a != b]
                segs += [(s - shift, e - shift, s, e) for s, e in _runs(changed, at)]
            else:
                for op, i1, i2, j1, j2 in SequenceMatcher(None, src, out, autojunk=False).get_opcodes():
                    if op != "equal":
                        segs.append((at + j1 - shift, at + j2 - shift, at + i1, at + i2))
                shift += len(src) - len(out)
            at += len(src)
            pieces.append(out)
        pos += len(line)
    return "".join(pieces), segs


def _edit(m: re.Match[str], conv: str) -> list[Edit]:
    s, e, kind = m.start(), m.end(), m.lastgroup
    prev = conv[s - 1 : s]
    if kind == "py":
        return [(s - 1, e, prev, PINYIN)] if prev and _IS_CJK.match(prev) else []
    if kind in ("q", "tail"):
        q_end = m.end("q")
        edits: list[Edit] = []
        after_q = _IS_CJK if q_end - s == 1 else _SPACED_CJK  # one "?" must sit right between two
        if _IS_CJK.match(prev) and (m["tail"] or after_q.match(conv, q_end)):
            edits.append((s, q_end, m["q"], MOJIBAKE))
        if m["tail"]:
            edits.append((q_end, e, "", PINYIN))
        return edits
    if kind in ("ge", "le", "odd"):
        after = _ODD.get(m[0]) or ("≥" if kind == "ge" else "≤")
        return [(s, e, after, f"{m[0]} 读作 {after}")]
    if kind == "wan":
        return [(s, e, "万元", "OCR: 万兀 → 万元")] if prev.isdigit() else []
    if kind == "xiang":
        return [(s, e, "项目", "OCR: 顼目 → 项目")]
    if kind == "fw":
        return [(s, e, m[0].translate(_FW_TABLE), FULLWIDTH)]
    if kind == "sp":
        return [(s, e, " " * (e - s), SPACE)]
    return [(s, e, m[0], MOJIBAKE)]  # U+FFFD: lost characters


PAGES = "文库预览页码已删除，前后页相连"
_PAGE_LINE = re.compile(r"^(\d{1,2})、", re.M)
_PAGE_MIN = 200  # a flattened page is long; a numbered paragraph or list item rarely is
_SENTENCE_END = tuple("。；;.!！?？:：")


def _page_joins(conv: str) -> list[Edit]:
    """A document-sharing site's preview flattens each page to one line numbered "1、", "2、", …
    (corpus 007): a row cut by the page end runs on at the start of the next page. When lines
    numbered 1, 2, 3 … follow each other, each but the last long and ending mid-sentence, the line
    break and the page number are removed, so the table reads on across the page."""
    starts = [(m.start(), int(m.group(1)), m.end()) for m in _PAGE_LINE.finditer(conv)]
    edits: list[Edit] = []
    run: list[tuple[int, int, int]] = []
    for start, number, end in starts:
        if run and number == run[-1][1] + 1:
            prev_line = conv[run[-1][0] : start].rstrip("\r\n")
            long_page = "\n" not in prev_line and len(prev_line) >= _PAGE_MIN
            if long_page and not prev_line.endswith(_SENTENCE_END):
                run.append((start, number, end))
                continue
        edits += _joins(conv, run)
        run = [(start, number, end)] if number == 1 else []
    return edits + _joins(conv, run)


def _joins(conv: str, run: list[tuple[int, int, int]]) -> list[Edit]:
    """The line breaks (blank lines too) before each page number after the first, and the number."""
    out: list[Edit] = []
    for start, _, end in run[1:]:
        k = start
        while k > 0 and conv[k - 1] in "\r\n":
            k -= 1
        out.append((k, end, "", PAGES))
    return out


def normalise_text(raw: str) -> Normalised:
    """Normalise a whole document (see the module doc); every change becomes a :class:`Repair`."""
    conv, segs = _t2s(raw)
    edits: list[Edit] = []
    done = 0  # the converted text up to here is matched
    for c in _CANDIDATE.finditer(conv):
        m = _EDITS.match(conv, c.start()) if c.start() >= done else None
        if m is None:
            continue
        done = m.end()
        for ed in _edit(m, conv):
            if edits and ed[0] < edits[-1][1]:  # "万兀(wù)": the pinyin edit reaches back into 万兀
                ed = (edits[-1][1], ed[1], "", PINYIN)
            edits.append(ed)
    pages = _page_joins(conv) if "、" in conv else []
    if pages:
        edits = sorted(edits + pages)
    if not edits and not segs:
        return Normalised(raw, raw, [])
    if not segs:  # simplified text: the raw offsets are the converted ones
        return _build(raw, conv, [(s, e, s, e, after, reason) for s, e, after, reason in edits])
    # Merge: an edit absorbs the script conversions it overlaps (頊目 → 顼目 → 项目 is one repair).
    final: list[_Final] = []
    i = shift = 0  # segs consumed; raw offset - conv offset after them
    for s, e, after, reason in edits:
        while i < len(segs) and segs[i][1] <= s:
            final.append((*segs[i], conv[segs[i][0] : segs[i][1]], T2S))
            shift, i = segs[i][3] - segs[i][1], i + 1
        if final and s < final[-1][1]:  # already inside the previous repair
            continue
        start, end, raw_start = s, e, s + shift
        while i < len(segs) and segs[i][0] < e:
            cs, ce, rs, re_ = segs[i]
            reason = reason if reason.startswith(T2S) else f"{T2S}，{reason}"
            after = conv[min(cs, start) : start] + after + conv[end:max(ce, end)]
            start, end, raw_start = min(start, cs), max(end, ce), min(raw_start, rs)
            shift, i = re_ - ce, i + 1
        final.append((start, end, raw_start, end + shift, after, reason))
    final += [(*sg, conv[sg[0] : sg[1]], T2S) for sg in segs[i:]]
    return _build(raw, conv, _join_t2s(final, conv))


def _build(raw: str, conv: str, final: list[_Final]) -> Normalised:
    """Apply the final edits (sorted, not overlapping) to the converted text; record each one."""
    pieces: list[str] = []
    repairs: list[Repair] = []
    at = delta = 0  # conv offset consumed; normalised offset - conv offset
    for s, e, rs, re_, after, reason in final:
        repairs.append(Repair(s + delta, s + delta + len(after), raw[rs:re_], after, reason))
        if reason != T2S:  # a script change is already in the converted text
            pieces += (conv[at:s], after)
            at, delta = e, delta + len(after) - (e - s)
    pieces.append(conv[at:])
    return Normalised(raw, "".join(pieces), repairs)
