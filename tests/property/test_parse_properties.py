"""Property tests: the parser never raises and never loses text.

For arbitrary text, and for random mixes of the grammar's own tokens, every character of an
indicator cell ends up in an indicator's raw text, in a heading that some indicator carries, in
``unparsed``, or is markup (whitespace, an HTML tag, a ; or 。 separator). At document level every
non-blank cell is held by the document (title, unit, project, goal, indicator) or kept in ``unparsed``.
"""

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model import OPERATORS, Document
from jixiao.parse.goals import parse_goals
from jixiao.parse.indicators import indicator_segments, parse_indicator_text
from jixiao.parse.numbers import parse_amount
from jixiao.parse.registry import parse_source
from jixiao.parse.values import parse_value
from jixiao.readers import UnreadableInput
from jixiao.readers.text import read_text

TOKENS = [
    "一、", "二、", "三、", "(一)", "（二）", "(四)", "产出指标", "效益指标", "满意度指标", "成本指标",
    "数量指标", "质量指标", "时效指标", "社会效益指标", "可持续影响指标", "经济成本指标",
    "服务对象满意度指标",
    ":", "：", "1.", "2.", "3、", "(1)", "①", "举办活动天数", "补贴人数", "政策知晓率", "公用及慰问金额",
    "满意度", " ", "  ", "\t", "<p>", "</p>", "<br/>", ";", "。", "，", "≥", "≤", ">=", "＞＝", "<", "=",
    "不低于", "不高于", "达", "30", "0.21", "98", "2000", "44561", "%", "％", "万元", "元", "次", "个", "份",
    "块", "天", "名", "人", "批", "2022年12月28日", "2025年12月31日前", "健全", "合理", "提升", "及时", "**",
    "(≥**株)", "-", "—", "目标一", "目标2", "x", "\u3000", "\"", "\n",
]
token_text = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=200), token_text)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_parse_value_never_raises(text: str) -> None:
    parsed = parse_value(text)
    assert parsed.operator in OPERATORS
    assert parsed.ok or parsed.value == text.strip()


MARKUP = re.compile(r"<[^<>]*>|[;；。,，\s]")


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_indicator_text_loses_nothing(text: str) -> None:
    segments = indicator_segments(text)
    gaps = [text[a.end : b.start] for a, b in itertools.pairwise(segments)]
    if segments:
        gaps += [text[: segments[0].start], text[segments[-1].end :]]
    else:
        gaps.append(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(segments))
    for gap in gaps:
        assert not MARKUP.sub("", gap), gap
    indicators, unparsed = parse_indicator_text(text)
    ind_spans = {i.location.span: i for i in indicators if i.location is not None}
    rest_spans = {u.location.span for u in unparsed if u.location is not None}
    assert len(ind_spans) == len(indicators) and len(rest_spans) == len(unparsed)
    for seg in segments:
        span = (seg.start, seg.end)
        if seg.kind == "item":
            assert (span in ind_spans) != (span in rest_spans), seg
            if span in ind_spans:
                assert ind_spans[span].raw == seg.text(text)
        elif span not in rest_spans:  # a heading: some later indicator must carry it
            spans = [(i, i.location.span) for i in indicators if i.location is not None]
            later = [i for i, where in spans if where is not None and where[0] >= seg.end]
            attr = "level1" if seg.kind == "level1" else "level2"
            assert any(getattr(i, attr) == seg.name for i in later), seg


HEADER = "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标"
STRUCTURE = ["", "合计", "003", "003006", "1", "2", "4.00", "１２", "标题"]
cells = st.one_of(token_text, st.sampled_from(STRUCTURE))
rows = st.lists(cells, min_size=1, max_size=6).map("\t".join)
documents = st.lists(st.one_of(rows, st.just(HEADER), st.just("")), max_size=12).map(
    lambda lines: "\n".join(["某县某局2023年部门预算项目支出绩效目标公开表", HEADER, *lines]))


def _held(doc: Document) -> set[str]:
    held = {doc.title or "", str(doc.total)} | ({"合计"} if doc.total is not None else set())
    for unit in doc.units:
        held |= {unit.code, unit.name, str(unit.amount)}
    for project in doc.projects:
        held |= {project.seq, project.name, str(project.amount)}
    return held - {"None", ""}


@settings(max_examples=200, deadline=None)
@given(documents)
def test_documents_never_raise_and_keep_every_cell(text: str) -> None:
    """Every cell is held by the document or kept; an indicator cell is passed whole to the grammar
    (whose own property above proves it loses nothing): all it yields is in the document."""
    try:
        source = read_text(text.encode(), "x.txt")
    except UnreadableInput:
        return
    doc = parse_source(source)
    held = _held(doc)
    raws = {i.raw for p in doc.projects for i in p.indicators}
    kept = {u.text for u in doc.unparsed} | {u.text for p in doc.projects for u in p.unparsed}
    goals = "".join(g.text for p in doc.projects for g in p.goals)
    squash = re.compile(r"<[^<>]*>|[;；。\s]")
    for row in source.rows():
        for index, cell in enumerate(row):
            content = cell.text.strip()
            if not content or content in held or cell.text in kept or content in HEADER.split("\t"):
                continue
            amount = parse_amount(content)
            if amount is not None and str(amount) in held:  # an amount written "003" or "１２"
                continue
            if index == 4:  # the 绩效指标 column
                found, rest = parse_indicator_text(cell.text)
                assert {i.raw for i in found} <= raws and {u.text for u in rest} <= kept, cell
                continue
            for piece in squash.split(content):
                assert piece in goals or piece in (doc.title or ""), (piece, cell)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_goals_never_raise_and_point_into_the_text(text: str) -> None:
    for goal in parse_goals(text):
        assert goal.text and goal.text in text
        for commitment in goal.commitments:
            assert commitment.operator in OPERATORS
            assert commitment.span is not None
            assert goal.text[commitment.span[0] : commitment.span[1]] == commitment.text


reader_text = st.lists(st.sampled_from([*TOKENS, ",", "\r\n", "\r", '""', "a"]), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(reader_text, st.sampled_from(["t.txt", "t.csv"]))
def test_text_reader_never_raises_and_spans_stay_in_the_text(text: str, name: str) -> None:
    try:
        source = read_text(text.encode(), name)
    except UnreadableInput:
        return
    assert source.text is not None
    for row in source.rows():
        for cell in row:
            span = cell.location.span
            assert span is not None and 0 <= span[0] <= span[1] <= len(source.text)
            if '"' not in source.text[span[0] - 1 if span[0] else 0 : span[1] + 1]:
                assert source.text[span[0] : span[1]] == cell.text


HEADER = "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标"


@settings(max_examples=60, deadline=None)
@given(st.integers(9_980, 9_999), st.integers(1, 25), st.integers(10_000, 10**15))
def test_long_seq_is_taken_only_where_the_numbering_reaches_it(start: int, count: int, stray: int) -> None:
    """Projects numbered across 10,000 all parse; a long number in the code column of a row with
    content is a project exactly when it is the next number, never otherwise."""
    seqs = [*range(start, start + count), stray]
    lines = [HEADER, "101\t某某县总工会\t\t\t"]
    lines += [f"{n}\t项目{i}\t1.00\t开展培训。\t1.培训人次 3人次" for i, n in enumerate(seqs)]
    doc = parse_source(read_text("\n".join(lines).encode(), "list.txt"))
    expected = [str(n) for n in seqs[:-1]] + ([str(stray)] if stray == start + count else [])
    assert [p.seq for p in doc.projects] == expected
    assert all(len(p.indicators) == 1 for p in doc.projects)
