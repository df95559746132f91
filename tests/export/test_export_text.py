"""The conventional indicator text and the layout rows every format draws from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from export_samples import ind

from jixiao.export.indicator_text import chinese_numeral, indicator_lines, level_name, value_text
from jixiao.export.sections import grid_form, list_rows
from jixiao.model import Document, ValueKind


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (4, "四"), (10, "十"), (12, "十二"), (20, "二十"),
                                         (99, "九十九"), (100, "100")])
def test_chinese_numeral(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


@pytest.mark.parametrize(("args", "text"), [
    (("≥", Decimal("2000"), ValueKind.NUMBER, "份"), "≥2000份"),
    (("", Decimal("30"), ValueKind.NUMBER, "天"), "30天"),
    (("", Decimal("100"), ValueKind.PERCENT, "%"), "100%"),
    (("≥", Decimal("95"), ValueKind.PERCENT, None), "≥95%"),
    (("", dt.date(2021, 12, 28), ValueKind.DATE, None), "2021年12月28日"),
    (("定性", "健全", ValueKind.TEXT, None), "健全"),
    (("<", Decimal("0.5"), ValueKind.NUMBER, "万元"), "<0.5万元"),
    (("=", Decimal("30"), ValueKind.NUMBER, "天"), "=30天"),
    (("", None, ValueKind.TEXT, None), ""),
])
def test_value_text(args: tuple[str, object, ValueKind, str | None], text: str) -> None:
    op, value, kind, unit = args
    assert value_text(ind("产出指标", "数量指标", "x", op, value, kind, unit)) == text


@pytest.mark.parametrize(("written", "name"), [("一、产出指标", "产出指标"), ("(一)数量指标:", "数量指标"),
                                               ("（二）质量指标：", "质量指标"), ("效益指标", "效益指标"),
                                               (None, "")])
def test_level_name(written: str | None, name: str) -> None:
    assert level_name(written) == name


def test_indicator_lines_conventional_form() -> None:
    n = ValueKind.NUMBER
    lines = indicator_lines([
        ind("一、产出指标", "(一)数量指标:", "举办活动天数", "", Decimal("30"), n, "天"),
        ind("产出指标", "数量指标", "举办场次", "", Decimal("1"), n, "次"),
        ind("产出指标", "质量指标", "覆盖率", "", Decimal("100"), ValueKind.PERCENT, "%"),
        ind("效益指标", "社会效益指标", "运行", "定性", "顺利", ValueKind.TEXT),
        ind("满意度指标", None, "满意度", "≥", Decimal("90"), ValueKind.PERCENT, "%"),
    ])
    assert lines == ["一、产出指标", "(一)数量指标:", "1.举办活动天数 30天", "2.举办场次 1次",
                     "(二)质量指标:", "1.覆盖率 100%", "二、效益指标", "(一)社会效益指标:", "1.运行 顺利",
                     "三、满意度指标", "1.满意度 ≥90%"]


def test_list_rows_put_projects_under_their_unit(sample_doc: Document) -> None:
    rows = list(list_rows(sample_doc))
    assert [(r.kind, r.code) for r in rows] == [("total", ""), ("unit", "201"), ("unit", "201001"),
                                                ("project", "1"), ("project", "2")]
    assert rows[0].name == "合计" and rows[0].amount == "128.50"


def test_list_rows_keep_projects_of_unknown_units(sample_doc: Document) -> None:
    sample_doc.projects[1].unit_code = None
    sample_doc.total = None
    rows = list(list_rows(sample_doc))
    assert rows[-1].code == "2"
    assert rows[0].amount == "128.50"  # no 合计 given: the sum of the projects (120.5 + 8.00)


def test_grid_merges_levels(sample_doc: Document) -> None:
    form = grid_form(sample_doc, sample_doc.projects[0])
    spans = [(line.level1, line.span1, line.level2, line.span2) for line in form.lines]
    assert spans[0] == ("产出指标", 5, "数量指标", 2)
    assert spans[1] == ("产出指标", 0, "数量指标", 0)
    assert spans[5] == ("效益指标", 2, "社会效益指标", 1)
    assert sum(line.span1 for line in form.lines) == len(form.lines)
    assert form.funds[0] == ("年度资金总额", "120.50")  # one format, two decimals (issue 13)
    assert ("其中：财政拨款", "100.00") in form.funds


def test_document_without_projects_still_renders() -> None:
    rows = list(list_rows(Document()))
    assert [(r.kind, r.amount) for r in rows] == [("total", "")]
