"""A scoring rubric mixed into an indicator table, as a doc site's OCR copy flattened it (corpus 169:
银川市本级部门项目支出绩效自评表): its scrambled 分值 header and
the dash its rubric items put in 指标值."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model.document import Document, Indicator
from jixiao.parse.stream.headers import scrambled_label
from jixiao.parse.stream.placeholders import split_glued_dash
from jixiao.parse.stream.tokens import Tok
from jixiao.services import parse_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
_DOCS: dict[str, Document] = {}


def _ind(prefix: str, name: str) -> Indicator:
    if prefix not in _DOCS:
        (path,) = [p for folder in ("published", "found") for p in (CORPUS / folder).glob(f"{prefix}_*.txt")]
        _DOCS[prefix] = parse_file(path)
    found = [i for p in _DOCS[prefix].projects for i in p.indicators if i.name == name]
    assert found, f"{prefix}: no indicator named {name!r}"
    return found[0]


def test_scrambled_header_label_is_its_column() -> None:
    """169: the header reads "三级指标 考值参分 指标值(八) 全年实际值(B) 得分" — 参考分值 written one
    character per line, read out of order. It is the 分值 column, so "415万元 | 15万元 | 4" is weight 4,
    target 15万元 (the actual repeats it), score 4, not a target of 415万元."""
    cost = _ind("169", "办公所需成本")
    assert (cost.weight, cost.value, cost.unit, cost.actual, cost.score) == (
        Decimal(4), Decimal(15), "万元", "15万元", Decimal(4))
    people = _ind("169", "保障人数")
    assert (people.weight, people.value, people.unit) == (Decimal(10), Decimal(2370), "人")
    assert any("属推测" in r for r in people.repairs)


def test_scrambled_label_needs_the_same_characters_and_four_of_them() -> None:
    assert scrambled_label("考值参分") == "weight"
    assert scrambled_label("参考分值") == "weight"
    assert scrambled_label("值分") is None  # two characters prove nothing
    assert scrambled_label("考值参数") is None


def test_dash_in_the_value_column_is_no_target() -> None:
    """169: the rubric items (项目决策, 项目管理) write "一" (a dash, as OCR reads it) in 指标值; the
    indicator has no target, not the qualitative target "一" nor its 分值 as a target."""
    rate = _ind("169", "投入管理预算执行率")
    assert (rate.value, rate.weight, rate.actual, rate.score) == ("", Decimal(10), "100%", Decimal(9))
    assert any("占位符" in r for r in rate.repairs)
    goal = _ind("169", "项目目标完整性")  # "4一目标明确…": the dash glued to the actual's words
    assert (goal.value, goal.weight) == ("", Decimal(4))


def _toks(*texts: str) -> list[Tok]:
    out, at = [], 0
    for text in texts:
        out.append(Tok(text, at, at + len(text), 1, 0))
        at += len(text)
    return out


def test_glued_dash_splits_only_after_a_number_and_not_a_numeral() -> None:
    cut = split_glued_dash(_toks("完整性", "4", "一目标明确", "4"))
    assert [t.text for t in cut] == ["完整性", "4", "一", "目标明确", "4"]
    kept = split_glued_dash(_toks("完整性", "4", "一次性补助到位", "4"))
    assert [t.text for t in kept] == ["完整性", "4", "一次性补助到位", "4"]
    assert [t.text for t in split_glued_dash(_toks("名称", "一目标明确"))] == ["名称", "一目标明确"]

