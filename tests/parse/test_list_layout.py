"""The list layout on the seed (the issue's acceptance figures) and on the shapes published tables take."""

from decimal import Decimal
from pathlib import Path

from jixiao.model.taxonomy import canonical_level1
from jixiao.parse.registry import parse_source
from jixiao.readers.base import Cell, Source, Table
from jixiao.readers.text import read_text
from jixiao.services import parse_bytes, parse_file

SEED = Path(__file__).parent.parent / "fixtures" / "menyuan-2023.txt"
HEADER = "单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标"


def test_seed_acceptance_figures() -> None:
    doc = parse_file(SEED)
    assert (doc.title, doc.region, doc.year, doc.organisation) == (
        "门源县总工会2023年部门预算项目支出绩效目标公开表", "门源县", 2023, "门源县总工会")
    assert (doc.layout, doc.kind, doc.total) == ("list", "target", Decimal("435.21"))
    assert [(u.code, u.parent) for u in doc.units] == [("003", None), ("003006", "003")]
    assert [p.seq for p in doc.projects] == ["1", "2", "3", "4", "5"]
    amounts = [p.amount for p in doc.projects]
    assert [str(a) for a in amounts] == ["30", "4.00", "400.00", "1.00", "0.21"]
    assert sum(a for a in amounts if a is not None) == doc.total
    assert sum(len(p.indicators) for p in doc.projects) == 66
    assert [len(p.indicators) for p in doc.projects] == [8, 14, 22, 15, 7]
    assert doc.unparsed == [] and all(p.unparsed == [] for p in doc.projects)
    assert all(p.unit_code == "003006" for p in doc.projects)
    assert [len(p.goals) for p in doc.projects] == [1, 3, 4, 3, 1]
    for project in doc.projects:
        for ind in project.indicators:
            assert canonical_level1(ind.level1) is not None
            assert ind.location is not None and ind.location.span is not None
            assert ind.location.line is not None


def test_seed_spans_point_at_the_raw_text() -> None:
    doc = parse_file(SEED)
    text = SEED.read_text("utf-8")
    for project in doc.projects:
        for ind in project.indicators:
            assert ind.location is not None and ind.location.span is not None
            assert text[ind.location.span[0] : ind.location.span[1]] == ind.raw
        for goal in project.goals:
            assert goal.location is not None and goal.location.span is not None
            assert text[goal.location.span[0] : goal.location.span[1]] == goal.text


def _doc(lines: list[str]) -> str:
    return "\n".join(["某某市某局2024年部门预算项目支出绩效目标公开表", "", HEADER, *lines]) + "\n"


def test_page_break_header_continuation_and_unknown_rows() -> None:
    text = _doc([
        "\t合计\t5.5\t\t",
        "101\t某某市某局\t5.5\t\t",
        "101001\t某某市某局本级\t5.5\t\t",
        "1\t项目甲\t5.5\t目标一：办班不少于2期\t一、产出指标 (一)数量指标: 1.培训班 ≥2期",
        "",
        HEADER,
        "\t\t\t\t(二)质量指标: 1.合格率 100%",
        "2\t项目乙\t不详\t\t1.满意度 95%\t附注",
        "甲乙丙\t丁\t\t\t",
    ])
    doc = parse_bytes(text.encode("gb18030"), "x.txt")
    assert (doc.region, doc.year, doc.total) == ("某某市", 2024, Decimal("5.5"))
    assert [(u.code, u.parent) for u in doc.units] == [("101", None), ("101001", "101")]
    first, second = doc.projects
    assert [(i.level1, i.level2, i.name) for i in first.indicators] == [
        ("产出指标", "数量指标", "培训班"), ("产出指标", "质量指标", "合格率")]
    assert first.goals[0].commitments[0].value == Decimal(2)
    assert second.amount is None
    assert [u.reason for u in second.unparsed] == ["amount is not a number", "cell outside the known columns"]
    assert [u.text for u in doc.unparsed] == ["甲乙丙", "丁"]


def test_sibling_units_reset_the_parent_chain() -> None:
    doc = parse_bytes(_doc(["001\t甲\t1\t\t", "001001\t甲一\t1\t\t", "002\t乙\t1\t\t",
                            "1\t项目\t1\t\t1.人数 1人"]).encode(), "x.txt")
    assert [(u.code, u.parent) for u in doc.units] == [("001", None), ("001001", "001"), ("002", None)]
    assert doc.projects[0].unit_code == "002"


def test_any_source_with_the_columns_parses_the_same() -> None:
    """An xlsx/html rendition (cells from another reader) gives the same document as the text."""
    text_source = read_text(SEED.read_bytes(), "menyuan-2023.txt")
    rows = [[Cell(c.text, c.location) for c in row] for row in text_source.rows()]
    grid = Source("menyuan-2023.xlsx", "xlsx", [Table(rows, "Sheet1")])
    a, b = parse_source(text_source), parse_source(grid)
    assert (a.title, a.total, len(a.projects)) == (b.title, b.total, len(b.projects))
    raws = [[i.raw for p in d.projects for i in p.indicators] for d in (a, b)]
    assert raws[0] == raws[1] and len(raws[0]) == 66


def test_no_header_means_not_this_layout() -> None:
    doc = parse_bytes("随便一段文字\n另一行\n".encode(), "x.txt")
    assert doc.layout != "list"
    assert {u.text for u in doc.unparsed} >= {"随便一段文字", "另一行"}


def test_project_rows_without_a_number_are_numbered_in_order() -> None:
    doc = parse_bytes(_doc(["1\t甲\t1\t\t1.人数 1人", "\t乙\t2\t\t1.人数 2人"]).encode(), "x.txt")
    assert [(p.seq, p.name, p.extra) for p in doc.projects] == [
        ("1", "甲", {}), ("2", "乙", {"seq": "not in the document; numbered in order"})]


def test_a_goal_cell_starting_with_a_quote_swallows_no_rows() -> None:
    """Issue 12: a cell starting with '"' swallowed the following rows."""
    from pathlib import Path

    from jixiao.services import parse_bytes

    seed = (Path(__file__).resolve().parents[2] / "src/jixiao/examples/menyuan-2023.txt").read_text("utf-8")
    lines = seed.split("\n")
    at = next(i for i, line in enumerate(lines) if "目标一" in line)
    lines[at] = lines[at].replace("目标一", '"目标一', 1)
    quoted = parse_bytes("\n".join(lines).encode(), "menyuan.txt")
    plain = parse_bytes(seed.encode(), "menyuan.txt")
    assert [len(p.indicators) for p in quoted.projects] == [len(p.indicators) for p in plain.projects]


def _numbered_list(seqs: list[str]) -> Source:
    lines = [HEADER, "101\t某某县总工会\t\t\t"]
    lines += [f"{seq}\t项目{seq}\t1.00\t开展培训。\t1.培训人次 {len(seq)}人次" for seq in seqs]
    return read_text("\n".join(lines).encode(), "list.txt")


def test_more_than_9999_projects_under_one_unit_all_parse() -> None:
    """序号 10,000 and on continue the numbering (the parser once took at most four digits, and every
    project after the 9,999th was left unparsed)."""
    doc = parse_source(_numbered_list([str(n) for n in range(1, 10_051)]))
    assert len(doc.projects) == 10_050
    assert [p.seq for p in doc.projects[9_998:10_001]] == ["9999", "10000", "10001"]
    assert doc.projects[-1].seq == "10050" and doc.projects[-1].indicators[0].name == "培训人次"
    assert doc.unparsed == [] and all(p.unit_code == "101" for p in doc.projects)


def test_long_digit_runs_that_do_not_continue_the_numbering_are_no_seq() -> None:
    """A unit code, an amount or a date written in the code column of a row with content is not a
    序号: it does not continue the numbering (1, 2, 3 → 4)."""
    strays = ["101001", "12345", "20240101", "10000"]
    doc = parse_source(_numbered_list(["1", "2", "3", *strays]))
    assert [p.seq for p in doc.projects] == ["1", "2", "3"]
    kept = [u for u in doc.unparsed if u.location is not None and u.location.column == 1]
    assert [(u.text, u.reason) for u in kept] == [(s, "row of unknown kind") for s in strays]
