"""Every rendition (html, xlsx, xls, docx, pdf) of a real published table parses to the same Document
as its text original: the seed (list layout), two per-project target tables (grid layout) and a
self-evaluation table (selfeval layout). The renditions are made by tests/fixtures/formats/generate.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from reader_fixtures import FIXTURES, FORMATS, doc_key

from jixiao.model.document import Document
from jixiao.services import parse_file

ORIGINALS = {
    "menyuan-2023": FIXTURES / "menyuan-2023.txt",
    "huangshi-2022-target": FORMATS / "huangshi-2022-target.txt",
    "puyang-2021-target": FORMATS / "puyang-2021-target.txt",
    "yongde-2022-selfeval": FORMATS / "yongde-2022-selfeval.txt",
    "qingshen-2023-selfeval": FORMATS / "qingshen-2023-selfeval.txt",
}
FORMATS_ = ("html", "xlsx", "xls", "docx", "pdf")
_CACHE: dict[Path, Document] = {}


def parsed(path: Path) -> Document:
    if path not in _CACHE:
        _CACHE[path] = parse_file(path)
    return _CACHE[path]


@pytest.mark.parametrize("ext", FORMATS_)
@pytest.mark.parametrize("stem", sorted(ORIGINALS))
def test_rendition_equals_text_original(stem: str, ext: str) -> None:
    original = parsed(ORIGINALS[stem])
    rendition = parsed(FORMATS / f"{stem}.{ext}")
    assert original.projects, "the original must parse to projects, or the comparison proves nothing"
    assert doc_key(rendition) == doc_key(original)


def test_seed_original_is_the_list_layout() -> None:
    doc = parsed(ORIGINALS["menyuan-2023"])
    assert doc.layout == "list"
    assert [p.amount for p in doc.projects] == [Decimal(x) for x in ("30", "4.00", "400.00", "1.00", "0.21")]
    assert sum(len(p.indicators) for p in doc.projects) == 66


def test_huangshi_grid_facts_from_the_published_table() -> None:
    doc = parsed(ORIGINALS["huangshi-2022-target"])
    assert (doc.layout, doc.kind, doc.year, doc.title) == ("grid", "target", 2022, "项目支出绩效目标批复表")
    (p,) = doc.projects
    assert (p.name, p.implementer, p.department) == ("主体班", "中共黄石市委党校", None)
    assert p.funds == {"年度资金总额": Decimal("164"), "其中财政拨款": Decimal("132")}
    assert len(p.indicators) == 13
    assert {(i.level1, i.level2) for i in p.indicators} == {
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("产出指标", "时效指标"),
        ("产出指标", "成本指标"),
        ("满意度指标", "服务对象满意度指标"),
    }
    last = p.indicators[-1]
    assert (last.name, last.operator, last.value, last.unit) == (
        "培训学员对培训效果满意度",
        "≥",
        Decimal(95),
        "%",
    )
    assert [g.text[:7] for g in p.goals] == ["主体班培训28"]
    assert p.extra["盖章"] == "财政资金管理科室(盖章) 年 月 日 | 财政绩效管理科室(盖章) 年 月 日"  # kept
    assert not p.unparsed


def test_puyang_grid_keeps_three_decimals_and_dates() -> None:
    (p,) = parsed(ORIGINALS["puyang-2021-target"]).projects
    assert p.amount == Decimal("24.998") and p.funds["其中财政拨款"] == Decimal("24.998")
    assert "其他资金" not in p.funds  # blank in the original
    done = p.indicators[-1]
    assert (done.name, done.value, done.level2) == ("项目完工时间", dt.date(2021, 12, 31), "时效指标")
    assert p.extra["资金单位"] == "万元"


def test_yongde_selfeval_keeps_actuals_scores_and_budget_block() -> None:
    doc = parsed(ORIGINALS["yongde-2022-selfeval"])
    assert (doc.layout, doc.kind, doc.organisation) == ("selfeval", "selfeval", "临沧市永德县明朗中学")
    (p,) = doc.projects
    assert p.amount == Decimal("387664.62")
    assert p.funds["年度资金总额/年初预算数"] == Decimal("387664.62")
    assert p.funds["年度资金总额/得分"] == Decimal(10)
    assert p.extra["年度资金总额/执行率"] == "100%"
    assert p.extra["总分"] == "100 | 96 | 优"
    timely = next(i for i in p.indicators if i.name == "资金到位及时率")
    assert (timely.operator, timely.value, timely.nature, timely.actual, timely.weight, timely.score) == (
        "≥",
        Decimal(100),
        "≧",
        "100%",
        Decimal(10),
        Decimal(7),
    )
    assert sum(i.score or 0 for i in p.indicators) + p.funds["年度资金总额/得分"] == 96


def test_qingshen_sichuan_selfeval_budget_block_and_blank_scores() -> None:
    doc = parsed(ORIGINALS["qingshen-2023-selfeval"])
    assert (doc.layout, doc.year) == ("selfeval", 2023)
    (p,) = doc.projects
    assert (p.amount, p.department, p.implementer) == (
        Decimal("251.89"),
        "青神县发展和改革局本级",
        "青神县发展和改革局",
    )
    assert p.funds["年度资金总额/年初预算"] == Decimal("238.93")  # adjusted 238.93 -> 251.89
    assert p.funds["财政专户管理资金/预算执行数"] == Decimal("0.00")
    assert p.extra["年度资金总额/预算执行率"] == "100.00%" and p.extra["合计"] == "100"
    assert p.extra["goal_actual"].startswith("对照年度目标")  # the template instruction, kept as written
    assert [(i.name, i.weight, i.actual, i.score) for i in p.indicators] == [
        ("发放(缴纳)覆盖率", Decimal(60), None, None),
        ("足额保障率(参保率)", Decimal(30), None, None),
    ]
