"""Cells a flattened copy of a real published table glued across a row boundary (tests/corpus)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model.document import Indicator
from jixiao.parse.stream.resplit import split_repeated_tail
from jixiao.parse.stream.tokens import Tok
from jixiao.services import parse_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _indicators(prefix: str) -> list[Indicator]:
    (path,) = [p for folder in ("published", "found") for p in (CORPUS / folder).glob(f"{prefix}_*.txt")]
    return [i for p in parse_file(path).projects for i in p.indicators]


def test_repeated_last_column_glued_to_the_next_name_is_cut_off() -> None:
    """015: "…85%按臨時救助標準評價農村低保救助資金按標準發放的比率…90%80%70%70%按臨時救助標準評價": the
    评价标准确定依据 text that ends every row is glued to the next row's name; it is cut off, so the row
    農村低保救助資金按標準發放的比率 is read with its 优 threshold 90%, and the first row keeps the text."""
    inds = _indicators("015")
    rate = [i for i in inds if i.name.startswith("农村低保救助资金按标准发放的比率")]
    assert len(rate) == 1
    assert (rate[0].value, rate[0].unit, rate[0].extra.get("良")) == (Decimal(90), "%", "80%")
    assert inds[0].extra.get("说明2") == "按临时救助标准评价"


def _line(*texts: str) -> list[Tok]:
    out, at = [], 0
    for text in texts:
        out.append(Tok(text, at, at + len(text), 1, 0))
        at += len(text)
    return out


def test_repeated_tail_needs_a_name_after_it_and_one_line() -> None:
    seg = _line("名称甲", "90%", "按计划标准评价服务覆盖率", "80%", "按计划标准评价")
    assert [t.text for t in split_repeated_tail(seg)][2:4] == ["按计划标准评价", "服务覆盖率"]
    prose = _line("名称甲", "90%", "分。没有不得分。", "80%", "分。没有")
    assert [t.text for t in split_repeated_tail(prose)] == [t.text for t in prose]
    rows = _line("名称甲", "90%", "按计划标准评价服务覆盖率", "80%", "按计划标准评价")
    rows[-1].row = rows[-2].row = 1  # real rows (not one flattened line): cells are cells
    assert [t.text for t in split_repeated_tail(rows)] == [t.text for t in rows]


def test_cell_wrapped_over_two_lines_in_a_pipe_cell_copy_is_one_cell() -> None:
    """117: one cell per line closed by " |"; the 可持续影响 row's name wraps ("打造金安国际网球" /
    "公开赛等系列品牌赛事 |"): one name, and its target is the next cell 影响可持续, not the name's
    second half."""
    rows = [i for i in _indicators("117") if i.level2 == "可持续影响指标"]
    assert [(i.name, i.value) for i in rows] == [("打造金安国际网球公开赛等系列品牌赛事", "影响可持续")]


def test_hint_with_spaces_in_its_brackets_stays_in_the_name() -> None:
    """115 (cells cut at spaces): "贫困地区旅游景点开发数量( ≥**个 ) >=4个": the template hint's
    brackets hold spaces, the name is the whole "…数量( ≥**个 )" and the target ≥4个."""
    found = [i for i in _indicators("115") if i.name.startswith("贫困地区旅游景点开发数量")]
    assert [(i.name, i.operator, i.value, i.unit) for i in found] == [
        ("贫困地区旅游景点开发数量( ≥**个 )", "≥", Decimal(4), "个")]


def test_name_runs_into_its_qualitative_target_and_the_scoring_rule() -> None:
    """128: "残疾学生家庭负担率有所减轻对家庭负担减轻情况较大得10分,一般得6分-定性": name 残疾学生家庭负担率,
    target 有所减轻; the scoring rule after it ("…较大得 10分", "一般得 6分") is no indicator."""
    inds = _indicators("128")
    burden = [i for i in inds if i.name == "残疾学生家庭负担率"]
    assert [(i.value, i.operator) for i in burden] == [("有所减轻", "定性")]
    assert not [i.name for i in inds if i.name.endswith("得")]


def test_name_ending_in_a_target_in_words_before_its_points() -> None:
    """173: "任务1:医疗文书及时率按规定时限43个别人未及时完成": the name ends in its target 按规定时限,
    the digits after it are 分值/得分, not the target."""
    inds = _indicators("173")
    for name in ("医疗文书及时率", "健康档案更新率"):
        assert [i.value for i in inds if i.name == name] == ["按规定时限"]
