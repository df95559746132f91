# ruff: noqa: E501  (one table row per line reads better than wrapped rows)
"""Documents of the published corpus (``tests/corpus/published/``) built by hand for the rule tests:
values copied from the file (file:line in the comment), no parser involved, so the cases hold whatever
a parser makes of these files."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from jixiao.model.document import Document, Indicator, Project, Unparsed, ValueKind
from review.builders import document, goal, ind, project, scored


def se(indicator: Indicator, weight: str, score: str | None, actual: str | None, **extra: str) -> Indicator:
    """A self-evaluation row: 分值, 得分, 实际完成值 and further columns (得分系数 …)."""
    scored(indicator, weight, score)
    indicator.actual = actual
    indicator.extra = {**indicator.extra, **extra}
    return indicator


def kind(doc: Document, kind: str, *, partial: str | None = None) -> Document:
    doc.kind, doc.partial = kind, partial
    return doc


def extra(p: Project, **fields: str) -> Project:
    p.extra.update(fields)
    return p


def unparsed(p: Project, *texts: str) -> Project:
    p.unparsed.extend(Unparsed(t, None, "no grammar") for t in texts)
    return p


# 037 永德县明朗中学 义务教育营养改善计划 自评表 (lines 19-37): target, actual, 分值, 得分.
def yongde(*, extra_row: bool = False) -> list[Indicator]:
    rows = [
        se(ind("数量指标", "学生受资助人数", "735", "人次", raw="学生受资助人数 ≧ 735 人次"), "10", "10", "735"),
        se(ind("质量指标", "营养改善计划覆盖率", "100", "%", raw="营养改善计划覆盖率 ≧ 100 %"), "10", "10", "100%"),
        se(ind("时效指标", "资金到位及时率", "100", "%", raw="资金到位及时率 ≧ 100 %"), "10", "7", "100%"),
        se(ind("成本指标", "生均补助标准达标率", "100", "%", "=", raw="生均补助标准达标率 ═ 100 %"), "10", "10", "100%"),
        se(ind("经济效益指标", "减轻贫困学生家庭经济负担", "有效"), "10", "10", "有效"),
        se(ind("社会效益指标", "政策知晓率", "100", "%", "=", raw="政策知晓率 ═ 100 %"), "10", "9", "98%"),
        se(ind("可持续影响指标", "促进学校教育事业健康发展", "100", "%"), "10", "10", "100%"),
        se(ind("服务对象满意度指标", "学生满意度", "95", "%"), "10", "10", "100%"),
        se(ind("服务对象满意度指标", "家长满意度", "95", "%"), "10", "10", "100%"),
    ]
    if extra_row:  # the same table with a tenth row of 10 points: 100 + 预算执行率 10 = 110
        rows.append(se(ind("社会效益指标", "学生体质达标率", "90", "%"), "10", "10", "92%"))
    return rows


def yongde_doc(**kw: bool) -> Document:
    funds = {"年度资金总额/年初预算数": "387664.62", "年度资金总额/全年预算数": "387664.62", "年度资金总额/分值": "10",
             "年度资金总额/得分": "10", "其中财政拨款/年初预算数": "387664.62", "其中财政拨款/全年预算数": "387664.62"}
    p = project(yongde(**kw), name="义务教育营养改善计划专项资金", amount="387664.62", funds=funds)
    return kind(document(p, year=2022), "selfeval")


# 017 青神县发改局 工资性支出 自评表: 发放(缴纳)覆盖率 = 100 % 权重 60, 足额保障率 = 100 % 权重 30 (lines 84-99),
# 完成值/得分 blank; 预算执行 权重 10 (line 40); template instructions left in (lines 23, 107-111).
def qingshen(*, filled: bool = False, instructions: bool = True) -> Document:
    a = ind("数量指标", "发放(缴纳)覆盖率", "100", "%", "=", raw="发放(缴纳)覆盖率 = 100 %")
    b = ind("社会效益指标", "足额保障率(参保率)", "100", "%", "=", raw="足额保障率(参保率) = 100 %")
    se(a, "60", "60" if filled else None, "100%" if filled else None)
    se(b, "30", "30" if filled else None, "100%" if filled else None)
    p = project([a, b], name="51000021R000000019951-工资性支出", amount="251.89",
                funds={"年度资金总额/调整后预算数": "251.89", "年度资金总额/权重": "10"})
    if instructions:
        extra(p, goal_actual="对照年度目标,说明相关任务目标的完成情况(100字以内)",
               评价结论="结合自评情况,说明项目自评总分,说明项目实施取得的成效或成果。(200字以内)")
    else:
        extra(p, goal_actual="工资及社保均按月足额发放")
    return kind(document(p, year=2023), "selfeval")


def qingshen_total() -> Document:  # 017 lines 102-103: 合计 100 (= 60 + 30 + 预算执行 10)
    doc = qingshen()
    extra(doc.projects[0], 合计="100")
    return doc


# 019 黄石市委党校 主体班 批复表: 项目金额 164 / 当年市级财政资金 132 (line 8); indicators lines 14-26, no 效益.
def huangshi(*, benefit: bool = False) -> Document:
    rows = [
        ind("数量指标", "主体班培训人次", "280", "人次", "="), ind("数量指标", "开设课程数量", "220", "门", "="),
        ind("质量指标", "培训完成率", "100", "%", "="), ind("时效指标", "及时完成率", "100", "%", "="),
        ind("成本指标", "成本控制率", "100", "%", "="), ind("服务对象满意度指标", "培训学员对培训效果满意度", "95", "%"),
    ]
    if benefit:
        rows.append(ind("社会效益指标", "学员党性修养提升率", "90", "%"))
    return document(project(rows, name="主体班", amount="164", funds={"年度资金总额": "164", "其中财政拨款": "132"}),
                    year=2022)


# 005 宁德市党史和地方志研究室 部门整体 (lines 21-23 资金总额/项目支出/基本支出; lines 35-37 履职 rows).
def ningde_duties() -> Document:
    rows = [("1", "地情、市志编纂与年鉴出版经费", "49.8"), ("2", "地情、市志编纂与年鉴出版经费", "11"), ("3", "基本支出", "171.41")]
    return kind(document(*(project([], seq=s, name=n, amount=a) for s, n, a in rows), year=2019, total="171.41"),
                 "unit-overall")


def ningde_funds() -> Document:
    funds = {"资金总额": "171.41", "项目支出": "60.8", "基本支出": "110.61"}
    return kind(document(project([], name="中共宁德市委党史和地方志研究室", amount="171.41", funds=funds), year=2019),
                 "unit-overall")


# 031 重庆科学城融媒体中心 整体自评 (OCR, lines 8-9): 年初指标值 / 全年完成值 / 得分系数 / 权重 / 得分.
def chongqing(*rows: Indicator) -> Document:
    return kind(document(project(list(rows), name="部门整体支出"), year=2021), "unit-overall", partial="line 9")


def party_training() -> Indicator:
    return se(ind("数量指标", "党性教育培训次数", "26", "次", "=", raw="党性教育培训次数 次 26次 12次 100% 5 5"),
               "5", None, "12次", 得分系数="100%")


def procurement() -> Indicator:
    return se(ind("质量指标", "政府采购执行率", "100", "%", "=", raw="政府采购执行率 % 100% 72.74% 100% 2 2"),
               "2", "2", "72.74%")


def broadcast() -> Indicator:
    return se(ind("数量指标", "播发稿件数量", "2200", "篇", "=", raw="播发稿件数量 篇 2200篇 2859篇 100% 10 10"),
               "10", "10", "2859篇")


# 025 镜湖区残联 自评 (prose, lines 15-18).
JINGHU_SUMMARY = "对照总体绩效目标,该资金项目已按照计划完成目标,完成质量较好,达到预期效果。"


def jinghu(*, fuel_actual: str = "164人", summary: str = JINGHU_SUMMARY, in_prose: bool = False) -> Document:
    rows = [
        se(ind("数量指标", "资助接受托养服务人次数", "105", "人"), "10", None, "116人"),
        se(ind("数量指标", "发放残疾人机动轮椅车燃油补贴人次数", "180", "人"), "10", None, fuel_actual),
    ]
    p = project(rows, name="2023年中央残疾人事业发展补助资金")
    doc = kind(document(p if in_prose else extra(p, 总体绩效目标完成情况=summary), year=2023), "selfeval")
    if in_prose:  # a prose report: the paragraph is document text no field holds (line 15)
        doc.unparsed.append(Unparsed(summary, None, "prose"))
    return doc


def jinghu_deadline(actual: str) -> Document:
    row = se(ind("时效指标", "项目完成时间", "2023-12-31", "date", raw="项目完成时间年初指标值为2023年12月底"), "10", None, actual)
    return kind(document(project([row], name="2023年中央残疾人事业发展补助资金"), year=2023), "selfeval")


# 027 同心县下马关镇 黄金蜜(葡萄)种植项目 (prose, lines 11-15).
def tongxin(*rows: Indicator, published: str | None = None) -> Document:
    p = project(list(rows), name="下马关镇设施农业黄金蜜(葡萄)种植项目", amount="50")
    if published:
        extra(p, 发文时间=published)
    return document(p, year=2023)


# 023 乌海市供销社 再生资源回收市场管理经费 (lines 8, 22-32).
def wuhai(*rows: Indicator, published: str | None = None, partial: bool = False) -> Document:
    p = project(list(rows), name="再生资源回收市场管理经费", amount="3", funds={"资金总额": "3", "其中财政拨款": "3", "其他资金": "0"})
    if published:
        extra(p, 发布时间=published)
    return kind(document(p, year=2021), "target", partial="line 33" if partial else None)


def serial() -> Indicator:
    row = ind("时效指标", "项目财政资金到位时间", "44561", None, "=", raw="产出指标 时效指标 项目财政资金到位时间 正向 = 44,561 44,561 10")
    row.value, row.value_kind, row.unit = Decimal(44561), ValueKind.NUMBER, "44,561"
    return row


def wuhai_weighted() -> list[Indicator]:
    rows = [("数量指标", "出差人数", "8", "人", "4"), ("数量指标", "出差人次", "24", "人次", "4"), ("质量指标", "工作任务完成率", "100", "%", "4"),
            ("时效指标", "财政资金到位及时支付率", "100", "%", "4"), ("成本指标", "出差总成本", "1", "万元", "4"),
            ("成本指标", "劳务人员总成本", "2", "万元", "4"), ("成本指标", "年度预算总成本", "3", "万元", "4")]
    return [scored(ind(l2, n, v, u, "="), w) for l2, n, v, u, w in rows]


def percent_in_wan() -> Indicator:  # corpus README pattern 5: "28.8万元" filed with unit %
    row = ind("数量指标", "业务工作支出安排金额", "28.8", "%", "=", raw="业务工作支出安排金额 28.8万元 %")
    return row


# 037 line 27: the 生态效益指标 row is printed empty.
def empty_row() -> Indicator:
    row = ind("生态效益指标", "", "0", "%", level1="效益指标", raw="生态效益 指标")
    row.value, row.value_kind = None, ValueKind.TEXT
    return row


def with_empty_row(p: Project) -> Project:
    p.indicators.append(empty_row())
    return p


def yongde_with(p: Callable[[Project], Project]) -> Document:
    doc = yongde_doc()
    p(doc.projects[0])
    return doc


def menyuan_breakfast(name: str) -> Document:  # src/jixiao/examples/menyuan-2023.txt line 9
    rows = [ind("数量指标", "举办活动天数", "30", "天", "="), ind("数量指标", "举办场次", "1", "次", "="),
            ind("质量指标", name, "100", "%", "="), ind("质量指标", "环卫工人覆盖率", "100", "%", "="),
            ind("成本指标", "爱心早餐成本", "30", "万元", "≤")]
    return document(project(rows, name="环卫工人爱心早餐", amount="30", goals=[goal("向一线环卫工人开展送爱心早餐活动")]))


# 015 邯郸 2019 中央困难群众救助 (农村低保) 目标表, line 22 (traditional script, converted): goal 保障农村低保金的发放;
# 救助覆盖率 优/良/中/差 100%/90%/85%/85%, basis 按临时救助标准评价.
def handan(basis: str, poor: str = "85%") -> Document:
    row = ind("数量指标", "救助覆盖率", "100", "%", raw=f"救助覆盖率 困难群众基本生活救助是否应救尽救 100% 90% 85% {poor} {basis}")
    row.extra = {**row.extra, "优": "100%", "良": "90%", "中": "85%", "差": poor, "评价标准确定依据": basis}
    p = project([row], name="2019年中央财政困难群众救助补助", goals=[goal("保障农村低保金的发放,保障农村低保户的基本生活")])
    return document(p, year=2019)
