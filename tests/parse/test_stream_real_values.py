"""Values read from real published tables (tests/corpus), one test per recogniser fix: each shows
the document as found, the indicator a person reads in it, and what jixiao now reads."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model.document import Document, Indicator
from jixiao.services import parse_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
_DOCS: dict[str, Document] = {}


def _doc(prefix: str) -> Document:
    if prefix not in _DOCS:
        (path,) = [p for folder in ("published", "found") for p in (CORPUS / folder).glob(f"{prefix}_*.txt")]
        _DOCS[prefix] = parse_file(path)
    return _DOCS[prefix]


def _ind(prefix: str, name: str) -> Indicator:
    found = [i for p in _doc(prefix).projects for i in p.indicators if i.name == name]
    assert found, f"{prefix}: no indicator named {name!r}"
    return found[0]


def test_header_split_around_the_first_rows_is_one_header() -> None:
    """160: "年度 实际 指标值 完成值" comes before the first rows and "二级指标 三级指标 分值 得分" after
    them; the two runs are one header, so 221人 | 221人 | 2 | 2 are target, actual, weight, score."""
    ind = _ind("160", "建立预防接种证")
    assert (ind.value, ind.unit, ind.actual, ind.weight, ind.score) == (
        Decimal(221), "人", "221人", Decimal(2), Decimal(2))
    rate = _ind("160", "适龄儿童疫苗接种率")
    assert (rate.value, rate.unit, rate.actual, rate.score) == (
        Decimal("100.00"), "%", "97.30%", Decimal("1.9"))
    # the number in the name is not the target any more: the target column has one
    visits = _ind("160", "孕产妇7天访视数")
    assert (visits.value, visits.unit) == (Decimal(214), "人")


def test_unit_cut_off_by_a_space_joins_its_number() -> None:
    """160: "不少于12 种" in a table with no 计量单位 column is one value, ≥12种."""
    ind = _ind("160", "发放健康教育资料")
    assert (ind.operator, ind.value, ind.unit) == ("≥", Decimal(12), "种")


@pytest.mark.parametrize("prefix", ["160"])
def test_no_indicator_of_these_documents_is_a_blank_qualitative(prefix: str) -> None:
    blank = [i.name for p in _doc(prefix).projects for i in p.indicators
             if i.operator == "定性" and i.value == "" and i.score is not None]
    assert not blank


def test_unit_line_before_the_level_labels_is_no_unit_column() -> None:
    """159: "单位 | |||||||" opens the header run of a rubric (序号 | 一级 指标 | … | 指标分值 | 自评得分);
    it is the form's 单位 line, so the points 3 are 指标分值 (weight), not a target in 计量单位's wake."""
    ind = _ind("159", "基础信息 完整性")
    assert (ind.value, ind.weight) == ("", Decimal(3))
    assert _ind("159", "年度工作 计划完整性").weight == Decimal(3)


def test_numeric_columns_run_together_are_split_by_the_header_order() -> None:
    """170: 指标名称 | 计量单位 | 指标性质 | 指标值 | 指标权重 | 全年完成值 | 指标得分, flattened:
    "国家级公益林管护面积万亩2810810" is 28 万亩, weight 10, actual 8, score 10."""
    ind = _ind("170", "国家级公益林管护面积")
    assert (ind.value, ind.unit, ind.weight, ind.actual, ind.score) == (
        Decimal(28), "万亩", Decimal(10), "8", Decimal(10))
    assert any("属推测" in note for note in ind.repairs)
    (rate,) = [i for p in _doc("170").projects for i in p.indicators
               if i.name.endswith("天然林和公益林管护当期任务完成率")]
    assert (rate.value, rate.unit, rate.actual) == (Decimal(90), "%", "100")
    # "2110110天保工程区…": the 天 starts the next name, it is not the run's unit
    assert _ind("170", "天保工程区森林资源管护面积").value == Decimal(250)
    fire = _ind("170", "森林火灾受害率")
    assert (fire.value, fire.actual) == (Decimal("0.9"), "0")


def test_split_run_rules() -> None:
    from jixiao.parse.stream.runs import split_run

    cols = ["value", "weight", "actual", "score"]
    assert split_run("901010010", cols) == {"value": "90", "weight": "10", "actual": "100", "score": "10"}
    assert split_run("0.910010", cols) == {"value": "0.9", "weight": "10", "actual": "0", "score": "10"}
    assert split_run("12", cols) is None  # too short for four numbers
    assert split_run("2021", ["value", "actual"]) is None  # one number may fill two columns' first
    assert split_run("00", ["value", "actual"]) == {"value": "0", "actual": "0"}
    assert split_run("2021年", cols) is None


def test_the_budget_blocks_score_labels_do_not_join_the_indicator_header() -> None:
    """163: the 资金情况 block's "分值 | 执行率 | 得分" and the indicator header "一级指标 | … | 分值 |
    年度指标值 | 全年实际值 | 得分" name 分值 and 得分 twice: two headers. The target is >=4754人, the
    4604人 after it is 全年实际值."""
    ind = _ind("163", "★★★特困人员救助供养人数(按月平均)(≥**人)")
    assert (ind.operator, ind.value, ind.unit, ind.actual, ind.weight, ind.score) == (
        "≥", Decimal(4754), "人", "4604人", Decimal(5), Decimal(5))
    cap = _ind("163", "扶贫临时救助标准(<**元/户·年)——一户年最高5300元")
    assert (cap.operator, cap.value, cap.actual) == ("≤", Decimal(5300), "5830元/户")


def test_annual_work_target_is_the_value_column() -> None:
    """158: a rubric with a 年度工作目标 column: 0.0900000762939453 is the target, 20 the 权数."""
    ind = _ind("158", "结转结余率")
    assert (ind.value, ind.weight) == (Decimal("0.0900000762939453"), Decimal(20))


def test_labels_before_the_levels_that_the_header_names_again_belong_to_another_block() -> None:
    """161: "分值 | 得分 | 实际完成情况" of the 资金 block and the indicator header are one flattened
    run; the indicator row's 分值 and 得分 are the ones after 三级指标, so "50件50件2020" is target 50件,
    actual 50件, weight 20, score 20 (before, the 20s went to a phantom first 分值 column)."""
    ind = _ind("161", "更新剧团老化、损坏的音")
    assert (ind.value, ind.unit, ind.actual, ind.weight, ind.score) == (
        Decimal(50), "件", "50件", Decimal(20), Decimal(20))
    # 173: "分解目标 | 自评权重 | 二级指标 …": 自评权重 is the level-1 group's points
    rate = _ind("173", "政府采购管理执行率")
    assert (rate.value, rate.actual, rate.weight, rate.score) == (
        Decimal(100), "100%", Decimal(5), Decimal(5))


def test_a_doubled_qualitative_word_after_a_name_is_target_and_actual() -> None:
    """161 "…服装质量等合格合格2020" and 007 "…安全性高高": name, 指标值, 实际完成值."""
    ind = _ind("161", "音响、灯光、道具、服装质量等")
    assert (ind.value, ind.actual) == ("合格", "合格")
    grain = _ind("007", "粮食储备设备维护及安全性")
    assert (grain.value, grain.actual) == ("高", "高")


def test_empty_template_rows_are_no_indicators() -> None:
    """161: "指标1:指标2:" under 时效/效益 are empty template rows, not indicators named 指标."""
    assert not [i for p in _doc("161").projects for i in p.indicators if i.name == "指标"]


def test_a_run_that_cannot_be_one_number_fills_target_and_actual() -> None:
    """007 "…明显变质比例00": no number starts with 0, so 指标值 0 and 实际完成值 0."""
    ind = _ind("007", "县级储备粮库存粮食明显变质比例")
    assert (ind.value, ind.actual) == (Decimal(0), "0")


def test_a_name_that_opens_with_a_quantity_list_is_a_name() -> None:
    """007: "5000吨稻谷、500吨成 品粮储备到位率 100% 100%" is an indicator (the label has it), not a
    digit run glued to text."""
    ind = _ind("007", "5000吨稻谷、500吨成品粮储备到位率")
    assert (ind.value, ind.unit, ind.actual) == (Decimal(100), "%", "100%")


def test_weight_before_the_target_is_split_off_where_the_actual_repeats_the_target() -> None:
    """152: 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 flattened: "项目(工程)验收合格率20100%100%20"
    is weight 20, target 100% (the actual repeats it); "项目计划总投资1020万元20万元10" is 10 | 20万元."""
    ind = _ind("152", "项目(工程)验收合格率")
    assert (ind.weight, ind.value, ind.unit, ind.actual, ind.score) == (
        Decimal(20), Decimal(100), "%", "100%", Decimal(20))
    cost = _ind("152", "项目计划总投资")
    assert (cost.weight, cost.value, cost.unit) == (Decimal(10), Decimal(20), "万元")


def test_a_qualitative_phrase_twice_is_target_and_actual() -> None:
    """152: "群众生产生活条件改善状况 10 显著提升显著提升 10"."""
    ind = _ind("152", "群众生产生活条件改善状况")
    assert (ind.weight, ind.value, ind.actual, ind.score) == (
        Decimal(10), "显著提升", "显著提升", Decimal(10))


def test_a_rubric_items_threshold_is_read_from_its_scoring_rule() -> None:
    """167: 项目开工率 (4分) "…达到年度任务90%及以上的,得4分": no 指标值 column, the full-marks
    threshold is the target, noted as a guess; 168: "…有机肥1000公斤以上" is ≥1000公斤. Items whose
    rule states no threshold keep no value."""
    ind = _ind("167", "项目开工率")
    assert (ind.operator, ind.value, ind.unit) == ("≥", Decimal(90), "%")
    assert any("取自评分标准" in note and "属推测" in note for note in ind.repairs)
    manure = _ind("168", "增施有机肥")
    assert (manure.operator, manure.value, manure.unit) == ("≥", Decimal(1000), "公斤")
    assert _ind("167", "任务分解").value == ""


def test_rule_readings() -> None:
    from jixiao.parse.stream.rubric_targets import target_from_rule

    assert target_from_rule("达到年度任务90%及以上的,得4分;比例不足90%时", Decimal(4)) is not None
    assert target_from_rule("达到年度任务90%及以上的,得4分", Decimal(5)) is None  # not full marks
    assert target_from_rule("占比排名前5名的得满分,6-10名的扣0.5分", Decimal(5)) is None
    assert target_from_rule("按完成比例计算得分,满分为止.", Decimal(20)) is None


def test_a_row_the_walk_read_without_a_value_takes_the_reports_sentence() -> None:
    """011: "(1)時效目標:人才驛站補助資金到位時間績效目標值是2023年12月前,實際完成值為2023年12月前":
    the walk cut the sentence at the label 绩效目标值 and read that word as the value; the sentence
    reader's value for the same name replaces it."""
    ind = _ind("011", "人才驿站补助资金到位时间")
    assert (ind.operator, str(ind.value), ind.actual) == ("≤", "2023-12-31", "2023年12月前")
    assert ind.level2 == "时效指标"
    cost = _ind("011", "项目资金投入")
    assert (cost.value, cost.unit, cost.actual) == (Decimal(10), "万元", "0万元")


@pytest.mark.parametrize(("prefix", "name", "period"), [
    ("124", "补贴期限", "2020.1.1-2020.12.31"),
    ("153", "培训任务完成及时", "2021.1.1-12.31"),
])
def test_a_period_is_kept_as_written(prefix: str, name: str, period: str) -> None:
    assert _ind(prefix, name).value == period


def test_required_column_marks_and_the_value_type_column_are_read() -> None:
    """104: "三级指标 | 指标值类型 | *指标值 | 计量单位 | *指标解释 | *评(扣)分标准 | 备注" (Hunan
    template, "*" marks a required column): the header words are no indicators and 定量/定性 is the
    type column, so 保证单位正常运转 reads 应保尽保, not its type 定性."""
    names = [i.name for p in _doc("104").projects for i in p.indicators]
    assert not {"指标值类型", "指标值", "指标解释", "评(扣)分标准"} & set(names)
    assert _ind("104", "保证单位正常运转").value == "应保尽保"


def test_type_cells_glued_to_a_row_end_are_cut_off() -> None:
    """128: "伙食补助资金到位率90%以上实际收到…每减少1%扣1分-定量": the row's 度量单位 "-" and 指标值类型
    "定量" glued to its end are cut off and the row is cut like the others: target 90%."""
    ind = _ind("128", "伙食补助资金到位率")
    assert (ind.value, ind.unit) == (Decimal(90), "%")
    assert (_ind("128", "伙食补助覆盖率").value, _ind("128", "伙食补助覆盖率").unit) == (Decimal(90), "%")


@pytest.mark.parametrize(("prefix", "junk"), [
    ("122", "(必填硬性指标)"),  # a template's hint in brackets
    ("112", "计划标准"),  # the 指标值设定依据 cell
    ("011", "10分"),  # a scoring sentence's tail
    ("128", "每减少"),
    ("123", "反映实施项目对社会产生的不利影响。"),  # a description (指标解释)
    ("115", "财政部门支出股室初审意见"),  # the approval lines after the table
])
def test_cells_of_other_columns_are_not_read_as_indicators(prefix: str, junk: str) -> None:
    names = [i.name for p in _doc(prefix).projects for i in p.indicators]
    assert junk not in names


def test_a_suffix_operator_stays_with_its_value_in_a_flattened_row() -> None:
    """128: "学生对学校伙食得满意度95%以上学生对学校伙食满意程度…": 以上 is the target's ≥, not the
    start of the next cell."""
    ind = _ind("128", "学生对学校伙食得满意度")
    assert (ind.operator, ind.value, ind.unit) == ("≥", Decimal(95), "%")
    assert not [i for p in _doc("128").projects for i in p.indicators if i.name.startswith("以上")]


def test_a_four_character_unit_cell_is_a_unit() -> None:
    """105: "| 林木采伐监管(万立方米) | = | 6 | 万立方米 | 该指标值数据合理 |": 万立方米 is the 度量单位 cell,
    not the name of another indicator."""
    ind = _ind("105", "林木采伐监管(万立方米)")
    assert (ind.value, ind.unit) == (Decimal(6), "万立方米")
    assert not [i for p in _doc("105").projects for i in p.indicators if i.name == "万立方米"]


def test_a_target_word_and_an_actual_word_glued_are_two_cells() -> None:
    """164: "救助对象生活水平=提高已完成" under 三级指标 | 指标性质 | 指标值 | 实际完成值: the actual is
    已完成, not part of the target."""
    ind = _ind("164", "救助对象生活水平")
    assert ind.actual == "已完成" and "提高" in str(ind.value) and "已完成" not in str(ind.value)


def test_a_column_label_inside_a_name_stays_in_the_name() -> None:
    """108: "博物馆绩效考核指标完成率=100": 考核指标 is a column label, but glued inside a name it is
    part of the name."""
    ind = _ind("108", "博物馆绩效考核指标完成率")
    assert (ind.operator, ind.value) == ("=", Decimal(100))


def test_a_sentence_repeating_a_table_row_is_not_a_second_indicator() -> None:
    """011: "當年獲得寧德市級以上確認的人才驛站數量績效目標值是2個,…" repeats the table's row >=2個; it is
    kept in unparsed, so `jixiao score` counts the indicator once."""
    doc = _doc("011")
    names = [i.name for p in doc.projects for i in p.indicators]
    assert names.count("当年获得宁德市级以上确认的人才驿站数量") == 1
    assert any(u.reason == "正文句子重复表中已读出的指标" for p in doc.projects for u in p.unparsed)


def test_a_deadline_in_words_is_a_value_and_the_total_line_ends_the_table() -> None:
    """174: "春节前完成走访慰问 | 按时限完成 | 100% | 20": 按时限完成 is the target, not a new row's name;
    "总分(100分)" and "自评等级" end the indicator table."""
    assert _ind("174", "春节前完成走访慰问").value == "按时限完成"
    names = [i.name for p in _doc("174").projects for i in p.indicators]
    assert "总分(100分)" not in names and "自评等级" not in names


def test_a_direction_word_is_a_qualitative_target() -> None:
    """123: "| 实施项目对社会产生的不利影响 | 定性 | 减少 | 反映…": 减少 is the 目标值."""
    assert _ind("123", "实施项目对社会产生的不利影响").value == "减少"


def test_a_schedule_in_words_is_a_qualitative_target() -> None:
    """104: "工作安排时间 | 定量 | 按月安排 | 该指标主要考察…": 按月安排 is the 指标值."""
    assert _ind("104", "工作安排时间").value == "按月安排"


def test_a_standard_glued_to_a_name_stays_in_it_when_the_row_has_its_own_value() -> None:
    """115: "质量指标 *贫困地区旅游基础设施建设质量达标率100% >=98%": one 指标值 column, so 100% is part
    of the name (the template's standard) and the target is ≥98%."""
    (ind,) = [i for p in _doc("115").projects for i in p.indicators if "旅游基础设施建设质量达标率" in i.name]
    assert (ind.operator, ind.value, ind.unit) == ("≥", Decimal(98), "%")


def test_a_rows_first_cell_with_name_and_number_before_words_is_name_and_target() -> None:
    """154: "成本 | 年度预算220万元 | 按进度执行,已使用约40% | 确定能": the target is 220万元."""
    ind = _ind("154", "年度预算")
    assert (ind.value, ind.unit) == (Decimal(220), "万元")


def test_a_unit_character_that_starts_the_next_word_is_not_taken_as_the_unit() -> None:
    """169 "…目标量化4项目立项相关性2…" and 173 "…按规定时限43个别人未及时完成": 项目 and 个别 are the
    next cell's words, so the names keep their first character."""
    names = [i.name for p in _doc("169").projects for i in p.indicators]
    assert "项目立项相关性" in names and "目立项相关性" not in names
    assert not [i for p in _doc("173").projects for i in p.indicators if i.name.startswith("别人")]


def test_a_target_sentence_without_a_name_is_no_indicator() -> None:
    """Found by the property test: "\\r\\r绩效目标值0," gave an indicator with an empty name."""
    from jixiao.parse.stream import recognise_text

    doc = recognise_text("\r\r绩效目标值0,", "x.txt")
    assert all(i.name for p in doc.projects for i in p.indicators)
