"""Property tests for the stream recogniser: any text in any rendering (pipes, one cell per line,
spaces, flattened runs) yields a document and never raises; the cell stream keeps every character
but the separators; every indicator's location points inside the input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.parse.stream import recognise_text
from jixiao.parse.stream.tokens import is_piped, tokenise

WORDS = [
    "项目名称",
    "主体班",
    "年度资金总额",
    "164万元",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
    "产出指标",
    "数量指标",
    "质量指标",
    "效益指标",
    "社会效益指标",
    "满意度指标",
    "服务对象满意度指标",
    "培训人次",
    "280人次",
    "≥95%",
    "≧",
    "═",
    "100",
    "%",
    "10",
    "7",
    "有效",
    "2021年12月31日",
    "44,561",
    "(≥**株)",
    ">=17600株",
    "绩效目标值是28次,实际完成值为40次",
    "年初指标值为不低于85%,全年实际完成值100%",
    "績效指標",
    "預(yù)算",
    "优良中差",
    "1.1.1",
    "(2分)",
    "合计",
    "总分",
    "★",
    "??",
    "—",
    "",
]
SEPARATORS = [" | ", " |\n", "\n", "\n\n", "  ", "\t", " ", "", ";", ","]
rendered = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=60
).map(lambda parts: "".join(w + s for w, s in parts))
any_text = st.one_of(st.text(max_size=300), rendered)


@settings(max_examples=250, deadline=None)
@given(any_text)
def test_recognise_never_raises_and_locations_are_in_the_input(text: str) -> None:
    doc = recognise_text(text, "x.txt")
    for project in doc.projects:
        assert project.seq
        for ind in project.indicators:
            assert ind.name
            if ind.location is not None and ind.location.span is not None:
                start, end = ind.location.span
                assert 0 <= start <= end <= len(text)


@settings(max_examples=250, deadline=None)
@given(any_text)
def test_cell_stream_keeps_every_character_but_separators(text: str) -> None:
    kept = "".join("".join(t.text.split()) for t in tokenise(text))
    if text.count('","') >= 10:  # quoted CSV: the quotes and commas are the separators
        return
    sep = "|" if is_piped(text) else ""
    assert kept == "".join(ch for ch in text if not ch.isspace() and ch != sep)
