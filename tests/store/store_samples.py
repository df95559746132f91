"""Hypothesis strategies and a hand-built example document for the store tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from jixiao.model import Commitment, Document, Goal, Indicator, Location, Project, Unit, Unparsed, ValueKind

# PostgreSQL text cannot hold NUL; surrogates are not valid UTF-8.
_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)
_opt_text = st.none() | _text
_dec = st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-10**9, max_value=10**9)
_opt_dec = st.none() | _dec
_small = st.integers(min_value=0, max_value=100000)
_loc = st.none() | st.builds(
    Location, source=_text, line=st.none() | _small, column=st.none() | _small,
    span=st.none() | st.tuples(_small, _small), page=st.none() | _small, sheet=_opt_text,
    row=st.none() | _small)
_unparsed = st.builds(Unparsed, text=_text, location=_loc, reason=_text)


@st.composite
def _indicator(draw: st.DrawFn) -> Indicator:
    kind = draw(st.sampled_from(list(ValueKind)))
    value: Decimal | dt.date | str | None
    if kind in (ValueKind.NUMBER, ValueKind.PERCENT):
        value = draw(st.none() | _dec)
    elif kind is ValueKind.DATE:
        value = draw(st.none() | st.dates())
    else:
        value = draw(_opt_text)
    return Indicator(
        level1=draw(_opt_text), level2=draw(_opt_text), name=draw(_text),
        operator=draw(st.sampled_from(["≥", "≤", "=", ">", "<", "定性"])), value=value, value_kind=kind,
        unit=draw(_opt_text), raw=draw(_text), location=draw(_loc), nature=draw(_opt_text),
        weight=draw(_opt_dec), note=draw(_opt_text), actual=draw(_opt_text), score=draw(_opt_dec),
        deviation=draw(_opt_text), repairs=tuple(draw(st.lists(_text, max_size=2))),
        extra=draw(st.dictionaries(_text, _text, max_size=2)))


_commitment = st.builds(Commitment, text=_text, operator=st.sampled_from(["≥", "≤", "="]), value=_dec,
                        unit=_opt_text, subject=_text, span=st.none() | st.tuples(_small, _small))
_goal = st.builds(Goal, text=_text, label=_opt_text, commitments=st.lists(_commitment, max_size=2),
                  location=_loc)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    units = draw(st.lists(st.builds(Unit, code=_text, name=_text, amount=_opt_dec, parent=_opt_text,
                                    location=_loc), max_size=3))
    seqs = draw(st.lists(st.text("0123456789", min_size=1, max_size=3), max_size=4, unique=True))
    projects = [Project(
        seq=seq, name=draw(_text), amount=draw(_opt_dec), unit_code=draw(_opt_text),
        goals=draw(st.lists(_goal, max_size=3)), indicators=draw(st.lists(_indicator(), max_size=4)),
        unparsed=draw(st.lists(_unparsed, max_size=2)), location=draw(_loc),
        department=draw(_opt_text), implementer=draw(_opt_text),
        funds=draw(st.dictionaries(_text, _dec, max_size=2)),
        extra=draw(st.dictionaries(_text, _text, max_size=2)),
        confidence=draw(st.none() | st.decimals(min_value=0, max_value=1, places=2))) for seq in seqs]
    return Document(
        title=draw(_opt_text), region=draw(_opt_text), year=draw(st.none() | st.integers(1990, 2100)),
        kind=draw(st.sampled_from(["target", "selfeval", "unit-overall", "other"])), total=draw(_opt_dec),
        units=units, projects=projects, unparsed=draw(st.lists(_unparsed, max_size=2)), source=draw(_text),
        layout=draw(st.none() | st.sampled_from(["list", "grid", "selfeval"])), organisation=draw(_opt_text),
        partial=draw(_opt_text), repairs=draw(st.lists(_text, max_size=2)))


def example_document(region: str = "门源县", unit_code: str = "003006",
                     source: str = "menyuan.txt") -> Document:
    """Two projects of the seed document, written out by hand."""
    loc = Location(source, line=5)
    return Document(
        title="门源县总工会2023年部门预算项目支出绩效目标公开表", region=region, year=2023, kind="target",
        total=Decimal("34.00"), source=source, layout="list", organisation="门源县总工会",
        units=[Unit(unit_code, "门源县总工会", Decimal("34.00"), None, loc)],
        projects=[
            Project("1", "环卫工人爱心早餐", Decimal("30"), unit_code,
                    [Goal("向一线环卫工人开展送爱心早餐活动")],
                    [Indicator("一、产出指标", "(一)数量指标", "举办活动天数", "=", Decimal("30"),
                               ValueKind.NUMBER, "天", "1.举办活动天数 30天", loc),
                     Indicator("三、满意度指标", "(一)服务对象满意度指标", "环卫工人满意度", "=",
                               Decimal("98"), ValueKind.PERCENT, "%", "1.环卫工人满意度 98%", loc)],
                    location=loc),
            Project("2", "厂务公开经费", Decimal("4.00"), unit_code,
                    [Goal("目标一：深入企事业开展厂务公开宣传，年宣传次数不少于2次", "目标一")],
                    [Indicator("一、产出指标", "(三)时效指标", "工作完成时限", "=", dt.date(2021, 12, 28),
                               ValueKind.DATE, None, "1.工作完成时限 2021年12月28日", loc)],
                    [Unparsed("??", loc, "not an indicator")], location=loc),
        ],
    )


def recogniser_document() -> Document:
    """The example with every field a recogniser sets when it is unsure: a cut-off document, repairs
    on the document and on an indicator, extra indicator columns and a project's confidence."""
    doc = example_document(source="cut-off.html")
    doc.partial = "第 3 页第 12 行（项目 2 的效益指标之后）"
    doc.repairs = ["繁体字转为简体 (412 字)", "全角数字转为半角 (37 处)"]
    doc.projects[0].confidence = Decimal("0.60")
    doc.projects[1].confidence = Decimal("1")
    indicator = doc.projects[0].indicators[0]
    indicator.repairs = ("≧ 读作 ≥", "Excel 日期序号 45291 读作 2023-12-31")
    indicator.extra = {"优": "≥30天", "良": "≥25天", "年初指标值": "30", "是否核心指标": "是"}
    return doc


def example_findings() -> list[dict[str, object]]:
    return [{"rule": "TIM001", "name": "deadline-before-budget-year", "severity": "error",
             "message": "工作完成时限 2021-12-28 早于预算年度 2023", "project": "2",
             "indicator": "工作完成时限",
             "location": {"source": "menyuan.txt", "line": 5}, "evidence": "1.工作完成时限 2021年12月28日",
             "expected": "a date within 2023", "context": {}, "docs": "docs/rules.md#tim001"}]
