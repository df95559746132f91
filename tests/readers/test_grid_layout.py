"""The grid and self-evaluation layouts on their own: many projects per file, written values, page
copies with pipes (positions lost), and arbitrary input that must never raise or lose text."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from reader_fixtures import FIXTURES, FORMATS

from jixiao.model.document import Indicator
from jixiao.model.jsonify import document_to_dict
from jixiao.model.location import Location
from jixiao.parse.grid_layout import grid_score, parse_blocks
from jixiao.parse.registry import parse_source
from jixiao.readers.base import Cell, Source, Table
from jixiao.readers.html import decode
from jixiao.services import parse_bytes, parse_file

GRID = FIXTURES / "grid"


def _body(path: str) -> str:
    page, _ = decode((FORMATS / path).read_bytes())
    return re.search(r"<body>(.*)</body>", page, re.S).group(1)  # type: ignore[union-attr]


def test_many_projects_in_one_file() -> None:
    page = (
        "<html><body>"
        + _body("huangshi-2022-target.html")
        + _body("puyang-2021-target.html")
        + "</body></html>"
    )
    doc = parse_bytes(page.encode(), "two.html")
    assert doc.layout == "grid"
    assert [(p.seq, p.name, p.amount) for p in doc.projects] == [
        ("1", "主体班", Decimal(164)),
        ("2", "濮阳市档案馆库房消防设备改造安装工程", Decimal("24.998")),
    ]
    assert [len(p.indicators) for p in doc.projects] == [13, 8]
    assert doc.total == Decimal("188.998")
    assert any(u.text == "市级部门预算项目绩效目标表" for u in doc.projects[0].unparsed)  # second title kept


def _grid(values: list[str]) -> Source:
    rows = [["项目名称", "测试项目", "", ""], ["一级指标", "二级指标", "三级指标", "指标值"]]
    rows += [["产出指标", "数量指标", f"指标{i}", v] for i, v in enumerate(values)]
    table = [
        [Cell(t, Location("v.html", row=r + 1, column=c + 1)) for c, t in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    return Source("v.html", "html", [Table(table)])


def test_written_values_are_read_as_they_say() -> None:
    doc = parse_source(_grid(["≥95%", "≤120万元", "2025年12月31日前", "＞＝90", "2280次", "9O%", "健全"]))
    got = [(i.operator, i.value, i.unit) for i in doc.projects[0].indicators]
    assert got[:5] == [
        ("≥", Decimal(95), "%"),
        ("≤", Decimal(120), "万元"),
        ("≤", dt.date(2025, 12, 31), None),
        ("≥", Decimal(90), None),
        ("", Decimal(2280), "次"),  # no operator written: not "="
    ]
    assert got[5][0] == "定性" and got[5][1] == "9O%"  # OCR noise: kept verbatim ...
    assert [u.text for u in doc.projects[0].unparsed] == ["9O%"]  # ... and reported
    assert got[6] == ("定性", "健全", None)


def test_page_copy_with_pipes_keeps_what_is_there() -> None:
    doc = parse_file(GRID / "huangshi-2022-target.pipes.txt")
    (p,) = doc.projects
    assert (doc.layout, p.name, p.amount, p.implementer) == (
        "stream",  # a page copy (pipe paragraphs, no real table): the stream recogniser reads it
        "主体班",
        Decimal(164),
        "中共黄石市委党校",
    )
    assert len(p.indicators) == 13
    assert p.indicators[-1].operator == "≥" and p.indicators[-1].level1 == "满意度指标"


def test_selfeval_page_copy_never_loses_text() -> None:
    source_text = (GRID / "yongde-2022-selfeval.pipes.txt").read_text("utf-8")
    doc = parse_file(GRID / "yongde-2022-selfeval.pipes.txt")
    assert doc.layout == "stream" and doc.projects[0].name == "义务教育营养改善计划专项资金"
    kept = " ".join(
        [u.text for u in doc.unparsed]
        + [u.text for p in doc.projects for u in p.unparsed]
        + [i.raw for p in doc.projects for i in p.indicators]
        + [v for p in doc.projects for v in p.extra.values()]  # the budget block, as written
    )
    for token in ("387664.62", "学生受资助人数", "家长满意度", "公开14表"):
        assert token in source_text and token in kept


def test_target_table_is_not_claimed_by_selfeval() -> None:
    assert parse_file(FORMATS / "puyang-2021-target.txt").layout == "grid"
    assert grid_score(Source("empty", "text")) == 0


_TEXTS = st.sampled_from(
    [
        "项目名称",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "实际完成值",
        "得分",
        "产出指标",
        "数量指标",
        "年度资金总额",
        "≥95%",
        "合计",
        "",
        "x",
        "12.5",
        "主管部门",
        "指标性质",
        "≧",
        "年初预算数",
        "全年预算数",
        "执行率",
        "预期目标",
        "实际完成情况",
        "年度总体目标",
        "其中:财政拨款",
        "其他资金",
        "项目负责人",
        "总分",
        "(盖章)",
        "金额",
        "绩效指标",
        "|",
        "2021年12月31日",
        "项目年度目标",
        "年度目标完成情况",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_TEXTS, min_size=0, max_size=8), min_size=0, max_size=25))
def test_never_raises_and_keeps_every_cell(rows: list[list[str]]) -> None:
    table = [
        [Cell(t, Location("h.html", row=r, column=c)) for c, t in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    source = Source("h.html", "html", [Table(table)])
    for selfeval in (False, True):
        doc = parse_blocks(source, selfeval)
        assert doc.layout in ("grid", "selfeval")
        dumped = json.dumps(document_to_dict(doc), ensure_ascii=False)
        for row in rows:
            for text in row:
                if text in ("x", "12.5", "≥95%"):
                    assert text in dumped


def test_traditional_script_labels_are_recognised_and_kept_as_written() -> None:
    rows = [
        ["項目名稱", "人才驛站補助", "", ""],
        ["項目資金(萬元)", "年度資金總額", "20", ""],
        ["一級指標", "二級指標", "三級指標", "指標值"],
        ["產出指標", "數量指標", "補助人數", "≥2人"],
    ]
    cells = [
        [Cell(t, Location("t.html", row=r, column=c)) for c, t in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    doc = parse_source(Source("t.html", "html", [Table(cells)]))
    (p,) = doc.projects
    assert (doc.layout, p.name, p.amount) == ("grid", "人才驛站補助", Decimal(20))
    assert [(i.level1, i.level2, i.name, i.operator, i.value) for i in p.indicators] == [
        ("產出指標", "數量指標", "補助人數", "≥", Decimal(2))
    ]


def test_nature_direction_unit_weight_and_note_columns() -> None:
    rows = [
        ["项目名称", "供销社运转", "", "", "", "", "", "", ""],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标方向",
            "目标值",
            "计量单位",
            "分值",
            "指标值说明",
        ],
        ["产出指标", "数量指标", "出差人数", "正向", "≥", "12", "人", "10", ""],
        ["", "时效指标", "完成时间", "正向", "≤", "2021年12月31日", "", "10", "年底前"],
        ["效益指标", "社会效益指标", "投诉率", "反向", "≤", "5", "%", "10", ""],
    ]
    cells = [
        [Cell(t, Location("w.xlsx", row=r, column=c)) for c, t in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    (p,) = parse_source(Source("w.xlsx", "xlsx", [Table(cells)])).projects
    got = [
        (i.level1, i.level2, i.operator, i.value, i.unit, i.nature, i.weight, i.note) for i in p.indicators
    ]
    assert got == [
        ("产出指标", "数量指标", "≥", Decimal(12), "人", "正向", Decimal(10), None),
        ("产出指标", "时效指标", "≤", dt.date(2021, 12, 31), None, "正向", Decimal(10), "年底前"),
        ("效益指标", "社会效益指标", "≤", Decimal(5), "%", "反向", Decimal(10), None),
    ]


def test_goal_lines_become_goals() -> None:
    rows = [
        ["项目名称", "职工之家建设"],
        ["年度绩效目标", "目标1：建设职工之家不低于10个。\n目标2：职工满意度达到95%。"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "建设职工之家", "≥10个"],
    ]
    cells = [
        [Cell(t, Location("g.docx", row=r, column=c)) for c, t in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    (p,) = parse_source(Source("g.docx", "docx", [Table(cells)])).projects
    assert [(g.label, g.text) for g in p.goals] == [
        ("目标1", "目标1：建设职工之家不低于10个。"),
        ("目标2", "目标2：职工满意度达到95%。"),
    ]
    assert [(c.operator, c.value) for c in p.goals[0].commitments] == [("≥", Decimal(10))]


def _value_text(ind: Indicator) -> str:
    if isinstance(ind.value, dt.date):
        text = f"{ind.value.year}年{ind.value.month}月{ind.value.day}日"
    else:
        text = f"{ind.value}{ind.unit or ''}"
    return text if ind.operator in ("=", "定性") else ind.operator + text


def test_long_table_of_the_seed_equals_the_list_layout() -> None:
    """The seed's projects written the way departmental disclosures list them (one row per indicator,
    project cells merged down) parse to the same projects, amounts and indicator tuples."""
    seed = parse_file(FIXTURES / "menyuan-2023.txt")
    rows = [
        "<tr><td>项目名称</td><td>金额(万元)</td><td>年度目标</td><td>一级指标</td><td>二级指标</td>"
        "<td>三级指标</td><td>指标值</td></tr>"
    ]
    for p in seed.projects:
        span = len(p.indicators)
        goals = "<br>".join(html.escape(g.text) for g in p.goals)
        for k, ind in enumerate(p.indicators):
            head = (
                (
                    f'<td rowspan="{span}">{p.name}</td><td rowspan="{span}">{p.amount}</td>'
                    f'<td rowspan="{span}">{goals}</td>'
                )
                if k == 0
                else ""
            )
            rows.append(
                f"<tr>{head}<td>{ind.level1 or ''}</td><td>{ind.level2 or ''}</td>"
                f"<td>{html.escape(ind.name)}</td><td>{html.escape(_value_text(ind))}</td></tr>"
            )
    page = f"<html><body><h2>{seed.title}</h2><table>{''.join(rows)}</table></body></html>"
    doc = parse_bytes(page.encode(), "long.html")
    assert doc.layout == "grid"
    assert [(p.seq, p.name, p.amount) for p in doc.projects] == [
        (p.seq, p.name, p.amount) for p in seed.projects
    ]
    assert [[g.text for g in p.goals] for p in doc.projects] == [
        [g.text for g in p.goals] for p in seed.projects
    ]
    for got, want in zip(doc.projects, seed.projects, strict=True):
        assert [(i.level1, i.level2, i.name, i.operator, i.value, i.unit) for i in got.indicators] == [
            (i.level1, i.level2, i.name, i.operator, i.value, i.unit) for i in want.indicators
        ]
        assert all(p.name not in i.raw for i in got.indicators)  # project columns are not indicator text
    assert doc.total == seed.total


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_TEXTS, min_size=0, max_size=8), min_size=0, max_size=20))
def test_long_tables_never_raise_and_keep_every_cell(rows: list[list[str]]) -> None:
    rows = [["项目名称", "金额", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"], *rows]
    table = [
        [Cell(t, Location("l.html", row=r, column=c)) for c, t in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    doc = parse_blocks(Source("l.html", "html", [Table(table)]), False)
    dumped = json.dumps(document_to_dict(doc), ensure_ascii=False)
    for row in rows:
        for text in row:
            if text in ("x", "≥95%"):
                assert text in dumped


def test_word_exported_html_with_office_markup() -> None:
    page = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>x</o:Author></o:DocumentProperties></xml><![endif]-->
</head><body lang=ZH-CN><div class=WordSection1>
<p class=MsoNormal align=center><b><span style='font-size:16.0pt'>项目支出绩效目标表<o:p></o:p></span></b></p>
<table class=MsoNormalTable border=1>
<tr><td><p class=MsoNormal><span>项目名称</span></p></td>
<td colspan=3><p class=MsoNormal>职工之家建设<o:p></o:p></p></td></tr>
<tr><td><p class=MsoNormal>年度资金总额</p></td><td colspan=3><p class=MsoNormal>20.00</p></td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
<tr><td rowspan=2><p class=MsoNormal><span>产出</span><span>指标</span></p></td><td>数量指标</td>
<td><p class=MsoNormal>建设职工之家<o:p></o:p></p></td>
<td><p class=MsoNormal>&ge;10<span>个</span></p></td></tr>
<tr><td>质量指标</td><td>验收合格率</td><td>100%</td></tr>
<tr><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>
</table></div></body></html>""".encode("gb18030")
    doc = parse_bytes(page, "word.htm")
    assert (doc.layout, doc.title) == ("grid", "项目支出绩效目标表")
    (p,) = doc.projects
    assert (p.name, p.amount, p.unparsed, doc.unparsed) == ("职工之家建设", Decimal("20.00"), [], [])
    assert [(i.level1, i.level2, i.name, i.operator, i.value, i.unit) for i in p.indicators] == [
        ("产出指标", "数量指标", "建设职工之家", "≥", Decimal(10), "个"),
        ("产出指标", "质量指标", "验收合格率", "", Decimal(100), "%"),
    ]


def test_header_row_repeated_on_a_new_page_is_not_an_indicator() -> None:
    rows = [["项目名称", "测试项目", "", ""], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人次", "≥280人次"],
            ["一级指标", "二级指标", "三级指标", "指标值"],  # the header a PDF repeats on page 2
            ["", "", "培训班次", "≥8次"]]
    table = [[Cell(t, Location("p.pdf", row=r + 1, column=c + 1)) for c, t in enumerate(row)]
             for r, row in enumerate(rows)]
    doc = parse_source(Source("p.pdf", "pdf", [Table(table)]))
    assert [(i.level1, i.level2, i.name, i.value) for i in doc.projects[0].indicators] == [
        ("产出指标", "数量指标", "培训人次", Decimal(280)),
        ("产出指标", "数量指标", "培训班次", Decimal(8)),
    ]
