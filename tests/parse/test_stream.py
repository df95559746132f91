"""The stream recogniser's parts, each on cells taken from a real published document (file named)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.parse.stream import recognise_text
from jixiao.parse.stream.align import Cell, align
from jixiao.parse.stream.celltypes import shape
from jixiao.parse.stream.template import build_template
from jixiao.parse.stream.tokens import is_flat, is_piped, tokenise
from jixiao.parse.stream.vocab import category, column_kind

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "published"


def _doc(stem: str) -> str:
    (path,) = CORPUS.glob(f"{stem}_*.txt")
    return path.read_text("utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("产出指标", ("产出指标", None)),
        ("数量指标", (None, "数量指标")),
        ("经济效益指标", (None, "经济效益指标")),
        ("项目完成指标", ("项目完成指标", None)),  # 013: a non-standard 一级 name
        ("满意度指标", ("满意度指标", "满意度指标")),
        ("成本指标(0-20分)", (None, "成本指标")),  # a score band in the label
        ("产出数量指标", ("产出指标", "数量指标")),  # 009: both levels in one cell
        ("学生受资助人数", (None, None)),
        ("指标", (None, None)),
    ],
)
def test_category_names(text: str, expected: tuple[str | None, str | None]) -> None:
    assert category(text) == expected


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("三级指标", "name"),
        ("年度指标值", "value"),
        ("实际完成值", "actual"),
        ("分值", "weight"),
        ("得分", "score"),
        ("偏差原因分析及改进措施", "deviation"),
        ("得分系数(%)", "coefficient"),
        ("度量单位", "unit"),
        ("指标性质", "nature"),
        ("项目名称", None),
    ],
)
def test_column_labels(label: str, kind: str | None) -> None:
    assert column_kind(label) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("≥", "op"),
        ("735", "number"),
        ("人次", "unit"),
        ("100%", "value"),
        ("≥95%", "value"),
        ("有效", "word"),
        ("—", "dash"),
        ("2021年1月-12月", "value"),
        ("学生受资助人数", "text"),
        ("", "empty"),
    ],
)
def test_cell_shapes(text: str, kind: str) -> None:
    assert shape(text) == kind


def test_group_label_gives_way_to_its_sub_columns() -> None:
    """037: 年度指标值 heads 指标性质 | 指标值 | 度量单位 in a second header row, read after the rest."""
    labels = [
        ("年度指标值", "value"),
        ("实际完成值", "actual"),
        ("分值", "weight"),
        ("得分", "score"),
        ("偏差原因分析及改进措施", "deviation"),
        ("一级指标", "level1"),
        ("二级指标", "level2"),
        ("三级指标", "name"),
        ("指标性质", "nature"),
        ("指标值", "value"),
        ("度量单位", "unit"),
    ]
    assert build_template(labels) == [
        "name",
        "nature",
        "value",
        "unit",
        "actual",
        "weight",
        "score",
        "deviation",
    ]


def test_numbers_land_in_their_columns_by_position() -> None:
    """037 row "学生受资助人数 | ≧ | 735 | 人次 | 735 | 10 | 10": the score is not the target."""
    template = ["name", "nature", "value", "unit", "actual", "weight", "score", "deviation"]
    texts = [
        "学生受资助人数",
        "≥",
        "735",
        "人次",
        "735",
        "10",
        "10",
        "营养改善计划覆盖率",
        "≥",
        "100",
        "%",
        "100%",
        "10",
        "10",
    ]
    records, leftover = align([Cell(t) for t in texts], template)
    assert leftover == []
    got = [{template[c]: texts[ks[0]] for c, ks in r.cells.items()} for r in records]
    assert got[0] == {
        "name": "学生受资助人数",
        "nature": "≥",
        "value": "735",
        "unit": "人次",
        "actual": "735",
        "weight": "10",
        "score": "10",
    }
    assert got[1]["value"] == "100" and got[1]["actual"] == "100%" and got[1]["score"] == "10"


def test_empty_cells_keep_positions_in_pipe_cells() -> None:
    """017 (one cell per line): 完成值 is blank, so 60 is the 权重, not the 完成值."""
    template = ["name", "nature", "value", "unit", "actual", "weight", "score", "deviation"]
    cells = [
        Cell("发放(缴纳)覆盖率"),
        Cell("="),
        Cell("100"),
        Cell("%"),
        Cell("", empty=True),
        Cell("60"),
        Cell("", empty=True),
        Cell("", empty=True),
    ]
    (record,), _ = align(cells, template)
    assert record.cells[template.index("weight")] == [5]
    assert template.index("actual") not in record.cells or record.cells[
        template.index("actual")
    ] == [4]


def test_separators_are_found() -> None:
    assert is_piped(_doc("019")) and is_piped(_doc("017"))
    assert not is_piped(_doc("013"))
    assert is_flat(_doc("001").split("\n")[-1])


def test_vertical_labels_split_into_characters_join_up() -> None:
    """007 writes labels with a space between characters; 029 puts one character per cell."""
    assert "产出指标" in [t.text for t in tokenise("一级指标 |\n产 出 指 标 |\n数量指标 |\n")]
    assert "产出指标" in [
        t.text for t in tokenise("一级 指标 二级 指标\n产 出 指 标 数量 指标 人数 10人")
    ]


def test_flattened_run_is_cut_by_vocabulary_and_values() -> None:
    """001: name, 绩效标准 and value run together."""
    line = (
        "绩效指标一级指标二级指标绩效标准当年预期实现值数量指标办公大楼日常维修维护次数反映办公大楼全年"
        "维修维护情况2280次大楼安检巡察次数反映大楼保卫巡检情况200次质量指标办公大楼日常维修维护验收合格率"
    )
    texts = [t.text for t in tokenise(line)]
    assert "数量指标" in texts and "2280次" in texts and "200次" in texts and "质量指标" in texts


def test_tokens_keep_every_character_but_separators() -> None:
    text = _doc("037")
    kept = "".join(t.text for t in tokenise(text))
    assert "".join(kept.split()) == "".join(ch for ch in text if not ch.isspace() and ch != "|")


def test_shifted_selfeval_columns_read_as_a_person_would() -> None:
    """037: the Yunnan 公开14表 with columns shifted against the header and ≧ / ═ operators."""
    doc = recognise_text(_doc("037"), "037.txt")
    (project,) = doc.projects
    assert doc.kind == "selfeval" and project.amount == Decimal("38.766462")
    first = project.indicators[0]
    assert (
        first.name,
        first.operator,
        first.value,
        first.unit,
        first.actual,
        first.weight,
        first.score,
    ) == ("学生受资助人数", "≥", Decimal(735), "人次", "735", Decimal(10), Decimal(10))
    timely = next(i for i in project.indicators if i.name == "资金到位及时率")
    assert (timely.value, timely.unit, timely.score) == (Decimal(100), "%", Decimal(7))  # not "≥7%"
    assert any("≧" in r for r in doc.repairs)


def test_row_span_damage_is_undone() -> None:
    """019: 产出指标 lands on the 5th data row; the rows before it still belong to 产出."""
    doc = recognise_text(_doc("019"), "019.txt")
    (project,) = doc.projects
    assert len(project.indicators) == 13
    assert all(i.level1 for i in project.indicators)
    assert project.indicators[0].level1 == "产出指标" and project.amount == Decimal(164)
    assert project.funds["其中财政拨款"] == Decimal(132)


def test_excel_date_serial_in_a_time_indicator_is_a_date_with_a_note() -> None:
    doc = recognise_text(_doc("023"), "023.txt")
    ind = next(i for p in doc.projects for i in p.indicators if i.name == "项目财政资金到位时间")
    assert ind.value == dt.date(2021, 12, 31)
    assert any("44561" in r or "44,561" in r for r in ind.repairs)
    assert doc.partial is not None  # the copy stops at "效"


def test_prose_target_and_actual_sentences() -> None:
    doc = recognise_text(_doc("025"), "025.txt")
    ind = next(
        i
        for p in doc.projects
        for i in p.indicators
        if i.name == "发放残疾人机动轮椅车燃油补贴人次数"
    )
    assert (ind.operator, ind.value, ind.actual) == ("≥", Decimal(180), "164人")


def test_inline_prose_with_template_placeholders() -> None:
    doc = recognise_text(_doc("027"), "027.txt")
    ind = next(i for p in doc.projects for i in p.indicators if i.name == "种植作物成活率")
    assert (ind.operator, ind.value) == ("≥", Decimal(85))
    assert any("占位" in r for r in ind.repairs)


def test_pdf_scattered_columns_pair_names_and_values() -> None:
    doc = recognise_text(_doc("033"), "033.txt")
    assert [(i.name, i.value) for p in doc.projects for i in p.indicators] == [
        ("新建高校(校区)", Decimal(7)),
        ("工程质量达标率(%)", Decimal(100)),
        ("开工率(%)", Decimal(100)),
    ]


def test_text_without_a_table_recognises_nothing() -> None:
    doc = recognise_text("这是一段普通的说明文字，没有任何表格。\n第二段。", "prose.txt")
    assert doc.projects == []
    assert doc.unparsed  # kept verbatim


def _found(stem: str) -> str:
    (path,) = (CORPUS.parent / "found").glob(f"{stem}_*.txt")
    return path.read_text("utf-8")


def test_long_table_opens_a_project_per_row_with_its_amount_in_wan() -> None:
    """113 (井研县马踏镇, 金额单位:元): 单位名称 | 项目名称 | 预算数 | 年度目标, then the indicators."""
    doc = recognise_text(_found("113"), "113.txt")
    amounts = {p.name: p.amount for p in doc.projects}
    assert amounts["村组干部报酬"] == Decimal("330.984")
    assert amounts["基层组织活动经费"] == Decimal("66")


def test_one_value_column_per_region_gives_a_project_per_place() -> None:
    """125 (安溪县): 7 village columns after 指标解释."""
    doc = recognise_text(_found("125"), "125.txt")
    places = [p for p in doc.projects if p.extra.get("地区")]
    assert len(places) == 7
    assert all(p.indicators[0].value == Decimal(1) and p.indicators[0].unit == "个" for p in places)


def test_rubric_headings_are_levels_and_leaves_are_items() -> None:
    """175 (江苏 改厕 评分标准): 1 / 1.1 / 1.1.1 numbering, 分值 column."""
    doc = recognise_text(_found("175"), "175.txt")
    first = doc.projects[0].indicators[0]
    assert (first.level1, first.level2, first.name, first.weight) == (
        "行政推动", "政府积极推动农村改厕工作", "政府召开会议部署农村改厕任务", Decimal(5))
    assert doc.kind == "other"
