"""Title facts: organisation, year, region from the title line."""

import pytest

from jixiao.parse.title import parse_region, parse_title


@pytest.mark.parametrize(("title", "region", "year", "organisation"), [
    ("## 门源县总工会2023年部门预算项目支出绩效目标公开表", "门源县", 2023, "门源县总工会"),
    ("2023年门源县总工会部门预算项目支出绩效目标公开表", "门源县", 2023, "门源县总工会"),
    ("西宁市城东区教育局2024年单位预算项目支出绩效目标表", "西宁市城东区", 2024, "西宁市城东区教育局"),
    ("2023年度部门预算项目支出绩效目标公开表", None, 2023, None),
    ("部门预算项目支出绩效目标公开表", None, None, None),
])
def test_title(title: str, region: str | None, year: int | None, organisation: str | None) -> None:
    parsed = parse_title(title)
    assert parsed is not None
    assert parsed[0] == title.lstrip("# ")
    assert parsed[1:] == (region, year, organisation)


@pytest.mark.parametrize(("organisation", "region"), [
    ("门源县总工会", "门源县"), ("青海省海北州门源县总工会", "青海省海北州门源县"),
    ("西宁市市场监督管理局", "西宁市"),
    ("门源回族自治县民政局", "门源回族自治县"), ("同心县下马关镇人民政府", "同心县下马关镇"),
    ("鄂州市机关事务服务中心", "鄂州市"), ("中共门源县委组织部", "门源县"), ("总工会", None),
])
def test_region(organisation: str, region: str | None) -> None:
    assert parse_region(organisation) == region


@pytest.mark.parametrize("text", ["", "单位：万元", "说明：本表金额单位为万元" * 20, "003"])
def test_not_a_title(text: str) -> None:
    assert parse_title(text) is None
