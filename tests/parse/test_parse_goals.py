"""Goals: splitting the 绩效目标 cell and finding the numeric commitments in it."""

from decimal import Decimal

from jixiao.model import Location
from jixiao.parse.goals import extract_commitments, parse_goals


def commitments(text: str) -> list[tuple[str, str, Decimal, str | None]]:
    return [(c.subject, c.operator, c.value, c.unit) for c in extract_commitments(text)]


def test_commitment_forms() -> None:
    assert commitments("通过项目实施，建设职工之家不低于10个，举办专项培训不低于3次") == [
        ("建设职工之家", "≥", Decimal(10), "个"), ("举办专项培训", "≥", Decimal(3), "次")]
    assert commitments("保证职工之家建设经费不高于20万元") == [
        ("保证职工之家建设经费", "≤", Decimal(20), "万元")]
    assert commitments("年宣传次数不少于2次") == [("年宣传次数", "≥", Decimal(2), "次")]
    assert commitments("目标一：上解州总工会108万元，进一步推动") == [
        ("上解州总工会", "", Decimal(108), "万元")]
    assert commitments("促进厂务公开覆盖面分别达80%和100%。") == [
        ("促进厂务公开覆盖面分别", "=", Decimal(80), "%"), ("促进厂务公开覆盖面分别", "=", Decimal(100), "%")]


def test_years_and_unitless_numbers_are_not_commitments() -> None:
    assert commitments("2023年12月完成，目标1：做好3项工作的第2阶段") == [("做好", "", Decimal(3), "项")]


def test_commitment_spans_point_into_the_text() -> None:
    text = "印刷宣传资料不低于2000份，制作宣传品不高于2.66万元"
    for c in extract_commitments(text):
        assert c.span is not None and text[c.span[0] : c.span[1]] == c.text
    assert [c.text for c in extract_commitments(text)] == ["不低于2000份", "不高于2.66万元"]


def test_split_on_labels() -> None:
    text = "目标一：深入开展宣传，年宣传次数不少于2次。 目标二：通过成本控制，制作宣传品不高于2.66万元。"
    goals = parse_goals(text)
    assert [g.label for g in goals] == ["目标一", "目标二"]
    assert goals[0].text == "目标一：深入开展宣传，年宣传次数不少于2次。"
    assert [len(g.commitments) for g in goals] == [1, 1]


def test_split_on_paragraphs_with_numeric_labels_and_locations() -> None:
    text = "<p>目标1：甲</p> <p>目标2：乙</p><p>丙</p>"
    goals = parse_goals(text, Location("a.txt", line=3, span=(50, 50 + len(text))))
    assert [(g.label, g.text) for g in goals] == [
        ("目标1", "目标1：甲"), ("目标2", "目标2：乙"), (None, "丙")]
    for goal in goals:
        assert goal.location is not None and goal.location.span is not None
        a, b = goal.location.span
        assert text[a - 50 : b - 50] == goal.text


def test_unlabelled_goal_and_text_before_first_label() -> None:
    assert [g.text for g in parse_goals("为退休干部提供服务")] == ["为退休干部提供服务"]
    goals = parse_goals("总体目标 目标一：甲")
    assert [(g.label, g.text) for g in goals] == [(None, "总体目标"), ("目标一", "目标一：甲")]
    assert parse_goals("  ") == []


def test_split_on_a_numbered_list() -> None:
    goals = parse_goals("1.深入开展宣传，不少于2次。2.通过成本控制，不高于2万元。")
    assert [(g.label, g.text) for g in goals] == [
        ("1", "1.深入开展宣传，不少于2次。"), ("2", "2.通过成本控制，不高于2万元。")]
    assert [len(g.commitments) for g in goals] == [1, 1]
    assert len(parse_goals("（1）甲不少于2次；（2）乙达80%")) == 2
    assert [g.text for g in parse_goals("2023年完成 1.甲")] == ["2023年完成 1.甲"]  # no list from the start


def test_an_inline_tag_in_a_goal_is_text_not_a_cut() -> None:
    """Issue 12: a <script>…</script> in a goal cell cut the goal short (its text became other goals)."""
    cell = "目标一：<script>alert(1)</script>年宣传次数不少于2次<p>目标二：制作宣传栏不高于1万元"
    goals = parse_goals(cell)
    assert [g.label for g in goals] == ["目标一", "目标二"]
    assert goals[0].text == "目标一：<script>alert(1)</script>年宣传次数不少于2次"
