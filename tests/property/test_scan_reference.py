"""The indicator scanner's regular expression (written for speed: each alternative opens with a character
test, the bare heading's boundary checked in Python) cuts exactly as its plain form, the one regex with
one boundary test in front of the headings and item numbers that it replaced (issue 11)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.parse import indicator_scan as scan
from jixiao.parse.numbers import normalise

_CN, _KNOWN, _NAME, _FIRST = scan._CN, scan._KNOWN, scan._NAME, scan._FIRST
_BOUNDARY = r"(?<![^\s>;。:,])"
PLAIN = re.compile(
    rf"(?=[{_FIRST}])(?:(?P<tag>(?:<\s*/?\s*[a-zA-Z][a-zA-Z0-9]{{0,9}}(?:\s[^<>]{{0,80}})?/?>\s*)+)"
    rf"|(?P<sep>[;。])"
    rf"|{_BOUNDARY}(?:(?P<h1>[{_CN}]{{1,3}}\s*[、.]\s*(?P<h1n>{_NAME})(?:\s*:)?)"
    rf"|(?P<h2>\(\s*[{_CN}0-9]{{1,3}}\s*\)\s*(?P<h2n>{_NAME})(?:\s*:)?)"
    rf"|(?P<hb>(?P<hbn>(?:{'|'.join(_KNOWN)})(?:指标|目标))(?:\s*[:,]|(?=\s|<|$)))"
    rf"|(?P<num>\d{{1,3}}\s*[.、](?!\d)))"
    rf"|(?P<nump>\(\d{{1,3}}\)(?!\s*[%个次人天万元])|[①-⑳]))"
)
NAMES = {"h1": "h1n", "h2": "h2n", "hb": "hbn"}


def plain_markers(norm: str) -> list[tuple[str, int, int, str | None]]:
    out: list[tuple[str, int, int, str | None]] = []
    for m in PLAIN.finditer(norm):
        kind = str(m.lastgroup)
        name = norm[m.start(NAMES[kind]) : m.end(NAMES[kind])] if kind in NAMES else None
        out.append(("num" if kind == "nump" else kind, m.start(), m.end(), name))
    return out


def fast_markers(norm: str) -> list[tuple[str, int, int, str | None]]:
    out: list[tuple[str, int, int, str | None]] = []
    for m in scan._MARKERS.finditer(norm):
        kind, start = str(m.lastgroup), m.start()
        before = norm[start - 1] if start else " "
        if kind == "hb" and not (before in scan._BOUNDARY_CHARS or before.isspace()):
            continue
        name = None
        if kind in NAMES:
            name = norm[start if kind == "hb" else m.start(NAMES[kind]) : m.end(NAMES[kind])]
        out.append(("num" if kind in ("nump", "circled") else kind, start, m.end(), name))
    return out


TOKENS = ["一、", "二.", "十一、", "(一)", "（二）", "( 3 )", "(12)", "(1)个", "产出指标", "产出目标",
          "效益指标:", "满意度指标，", "成本指标", "社会公众或服务对象满意度指标", "社会公众满意度指标",
          "数量指标", "生态环境成本指标", "服务对象满意度目标", ":", "：", "1.", "2、", "123.", "1234.",
          "1.5", "①", "⑳", "举办活动天数", " ", "\t", "\n", "\u3000", "<p>", "</p>", "<br/>", "< p >",
          "<a href='x'>", "<", ">", ";", "。", "，", ",", "≥", "30", "%", "天", "健全", "x", "指标", "目标",
          "一", "产", "经济", "٣", "３"]
TEXTS = st.one_of(st.lists(st.sampled_from(TOKENS), max_size=16).map("".join), st.text(max_size=60))


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_markers_equal_the_plain_regex(text: str) -> None:
    norm = normalise(text)
    assert fast_markers(norm) == plain_markers(norm)
