"""The 绩效目标 cell: split into goals (目标一 / 目标1 / <p> paragraphs) and find numeric commitments.

A commitment is a number promised in prose: "建设职工之家不低于10个" (≥ 10 个, subject 建设职工之家),
"不高于20万元", "达80%", "不少于2次", "上解州总工会108万元" (= 108 万元). A number without an operator
counts only when it carries a unit from :data:`COMMITMENT_UNITS` (so years and list numbers do not).
"""

from __future__ import annotations

import re

from jixiao.model.document import NO_OPERATOR, Commitment, Goal
from jixiao.model.location import Location
from jixiao.parse.indicator_scan import located
from jixiao.parse.numbers import normalise, parse_decimal
from jixiao.parse.values import KNOWN_UNITS, OPERATOR_WORDS

COMMITMENT_UNITS = KNOWN_UNITS
_OPS = "|".join(re.escape(w) for w in sorted(OPERATOR_WORDS, key=len, reverse=True))
_UNITS = "|".join(re.escape(u) for u in sorted(COMMITMENT_UNITS, key=len, reverse=True))
_OP_FIRST = re.escape("".join(sorted({w[0] for w in OPERATOR_WORDS})))
#: A commitment starts with an operator, a space or a digit: the look-ahead rejects other positions
#: before the operator alternatives are tried.
_COMMITMENT = re.compile(
    rf"(?=[{_OP_FIRST}\s\d])(?P<op>{_OPS})?\s*(?P<num>(?<![\d.])\d+(?:,\d{{3}})*(?:\.\d+)?)\s*"
    rf"(?P<unit>{_UNITS})?(?P<after>[年月日号]?)"
)
_SUBJECT_STOPS = frozenset(",;:。、!?()<>\"'“”")


def _stops(char: str) -> bool:
    """Whether ``char`` ends a commitment's subject: whitespace (as ``\\s`` matches it) or a mark."""
    return char in _SUBJECT_STOPS or char.isspace()


_LABEL = re.compile(r"(?:^|(?<=[\s>。;]))(?P<label>目标\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2}))\s*[:.、]?")
_NUMBERED = re.compile(r"(?:^|(?<=[\s>。;]))(?P<label>\d{1,2}(?=[.、](?!\d))|\(\d{1,2}\))\s*[.、]?")
#: tags that end a paragraph (a goal may end there); inline ones (<script>, <span>, <b> …) are text
_TAG = re.compile(r"<\s*/?\s*(?:p|br|div|li|ul|ol|tr|td|table)\b[^<>]{0,80}>", re.IGNORECASE)
_CONJUNCTIONS = "和及与或、,， "


def extract_commitments(text: str, norm: str | None = None) -> list[Commitment]:
    """Numeric promises in ``text``, in order, with operator, value, unit, subject and span.
    ``norm`` is ``normalise(text)`` when the caller has it already."""
    if norm is None:
        norm = normalise(text)
    out: list[Commitment] = []
    for m in _COMMITMENT.finditer(norm):
        unit = m["unit"]
        op_text = m["op"]
        if m["after"] and unit is None:
            continue  # a date part such as "2023年" or "12月"
        if unit in ("年", "月") and op_text is None:
            continue
        if op_text is None and unit is None:
            continue
        value = parse_decimal(m["num"])
        if value is None:  # pragma: no cover - the regex only admits valid decimals
            continue
        start, end = m.start(), m.end("unit") if unit else m.end("num")
        stop = start
        floor = out[-1].span[1] if out and out[-1].span else 0
        while stop > floor and not _stops(norm[stop - 1]):
            stop -= 1
        subject = text[stop:start].strip()
        operator = OPERATOR_WORDS[op_text] if op_text else NO_OPERATOR
        if out and stop == floor and subject.strip(_CONJUNCTIONS) == "":
            # "分别达80%和100%": the second shares the first one's subject (and its 达 when it has none)
            subject = out[-1].subject
            operator = operator or out[-1].operator
        out.append(Commitment(text[start:end], operator, value, unit, subject, (start, end)))
    return out


def _goal(text: str, norm: str, start: int, label: str | None, location: Location | None) -> Goal | None:
    stripped = text.strip()
    if not stripped:
        return None
    lead = len(text) - len(text.lstrip())
    a = start + lead
    loc = None if location is None else located(location, a, a + len(stripped))
    return Goal(stripped, label, extract_commitments(stripped, norm[lead : lead + len(stripped)]), loc)


def parse_goals(text: str, location: Location | None = None) -> list[Goal]:
    """Split a 绩效目标 cell into goals: at 目标一/目标1 labels (or, failing those, at a list numbered
    1. 2. … / (1) (2) … from its start), at <p> paragraphs, else one goal.

    Paragraph tags between goals are dropped (they are markup); each goal keeps its text verbatim,
    other tags included (a ``<script>`` in a cell is text to show escaped, not a place to cut).
    """
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in _TAG.finditer(text):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    goals: list[Goal] = []
    for a, b in pieces:
        chunk = text[a:b]
        norm = normalise(chunk)
        labels = list(_LABEL.finditer(norm))
        if not labels:
            numbered = list(_NUMBERED.finditer(norm))
            if len(numbered) >= 2 and not norm[: numbered[0].start()].strip():
                labels = numbered  # "1.深入开展宣传… 2.通过成本控制…"
        labels_from: list[tuple[int, str | None]] = []
        if not labels or (labels[0].start() > 0 and chunk[: labels[0].start()].strip()):
            labels_from.append((0, None))
        labels_from += [(m.start(), _compact(chunk[m.start("label") : m.end("label")])) for m in labels]
        for i, (start, label) in enumerate(labels_from):
            end = labels_from[i + 1][0] if i + 1 < len(labels_from) else len(chunk)
            goal = _goal(chunk[start:end], norm[start:end], a + start, label, location)
            if goal is not None:
                goals.append(goal)
    return goals


def _compact(label: str) -> str:
    return "".join(label.split())
