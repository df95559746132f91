"""The domain vocabulary the stream recogniser is driven by: category names, column labels of the
indicator table, header fields of the forms, and the cues of each form kind.

Column labels come from the grid layout's vocabulary (:data:`jixiao.parse.grid_indicators.COLUMNS`)
plus the labels only real published forms use (得分系数, 调整指标值, 优/良/中/差, 绩效标准 …).
"""

from __future__ import annotations

import re

from jixiao.model.taxonomy import canonical_level1, canonical_level2
from jixiao.parse.grid_header import FIELDS
from jixiao.parse.grid_indicators import COLUMNS
from jixiao.parse.grid_indicators import column_of as grid_column_of

#: column kind -> labels as written (compact: no spaces).
COLUMN_LABELS: dict[str, tuple[str, ...]] = {
    **COLUMNS,
    "name": (
        *COLUMNS["name"],
        "绩效指标名称",
        "指标",
        "绩效内容",
        "评价内容",
        "考核验收内容",
        "考核指标",
        "评价要点",
        "考核项目",
        "评价指标",
    ),
    "value": (
        *COLUMNS["value"],
        "绩效目标值",
        "年初指标值",
        "指标值(包含数字及文字描述)",
        "年度指标值",
        "当年预期实现值",
        "预期2022年实现值",
        "预期实现值",
        "目标值",
        "年度工作目标",
    ),
    "adjusted": ("调整指标值", "全年(调整)指标值", "调整后指标值"),
    "actual": (
        *COLUMNS["actual"],
        "全年完成值",
        "全年实际完成值",
        "实际完成值",
        "全年实际值",
        "年成值全完值",
        "累计完成值",
        "1-6月完成值",
        "1-6月实际完成值",
        "截至6月底完成情况",
        "半年度指标执行情况",
        "1-6月指标执行情况",
        "指标执行情况",
        "半年完成情况",
    ),
    "coefficient": ("得分系数", "得分系数(%)", "累计完成率"),
    "weight": (*COLUMNS["weight"], "指标权重(分)", "分值(分)", "权重(分)", "权数", "指标分值", "参考分值"),
    "score": (*COLUMNS["score"], "指标得分(分)", "得分(分)", "考评得分", "评价得分", "自评得分"),
    "note": (
        *COLUMNS["note"],
        "绩效标准",
        "评价标准",
        "确定依据",
        "评价标准确定依据",
        "指标解释",
        "指标说明",
        "指标描述",
        "绩效指标描述",
        "说明",
        "计算方法",
        "评分标准",
        "指标说明及评分标准",
    ),
    "deviation": (
        *COLUMNS["deviation"],
        "偏差或不能完成目标原因分析",
        "偏差原因及纠偏措施",
        "纠偏措施",
        "未完成原因和改进措施",
        "偏差原因分析及改进措施",
        "原因分析及改进措施",
        "偏差原因及改进措施",
        "未完成原因分析及改进措施",
        "未完成原因及拟采取的改进措施",
    ),
    "direction": (*COLUMNS["direction"], "指标方向性", "指标方向"),
    "nature": (*COLUMNS["nature"], "指标值类型", "指标类型"),
    "core": ("是否核心指标",),
    "rubric1": ("评价维度",),
    "rubric2": ("考核内容",),
    "likelihood": ("完成可能性", "全年完成可能性", "预计完成情况", "完成目标可能性", "全年完成目标可能性"),
    "grade_you": ("优",),
    "grade_liang": ("良",),
    "grade_zhong": ("中",),
    "grade_cha": ("差",),
}
#: labels that head a group of sub-columns (年度指标值 over 指标性质 | 指标值 | 度量单位)
GROUP_VALUE_LABELS = ("年度指标值",)
LEVEL_LABELS = {"一级指标": "level1", "二级指标": "level2"}

_LABEL_KIND = {label: kind for kind, labels in COLUMN_LABELS.items() for label in labels}
_LABEL_KIND.update(LEVEL_LABELS)
#: single characters are column labels only in the graded form (优良中差 written as one run)
_SHORT = {"优", "良", "中", "差", "指标", "说明"}


def column_kind(label: str) -> str | None:
    """The column a header label names, or None. A leading "*" (the template's mark of a required
    column, "*指标值", 104) is no part of the label."""
    key = compact(label).lstrip("*＊")
    kind = _LABEL_KIND.get(key)
    if kind is not None:
        return kind
    stripped = re.sub(r"\([^)]*\)$", "", key)
    kind = _LABEL_KIND.get(stripped)
    if kind is None and len(key) <= 12 and key.endswith("值"):
        kind = grid_column_of(key)  # 预期2022年实现值 (value), 2021年实际实现值 (history)
    return kind


def is_column_label(text: str) -> bool:
    return column_kind(text) is not None and compact(text) not in _SHORT


_SPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    return _SPACE.sub("", text).replace("（", "(").replace("）", ")").rstrip(":：")


#: Category words as they appear glued into flattened text, longest first.
LEVEL1_WORDS = (
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "项目完成指标",
    "项目效益指标",
    "效果指标",
    "产出目标",
    "效益目标",
    "满意度目标",
    "成本目标",
    "社会公众或服务对象满意度指标",
)
LEVEL2_WORDS = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "社会公众或服务对象满意度指标",
    "满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "数量目标",
    "质量目标",
    "时效目标",
    "成本目标",
    "社会效益目标",
    "经济效益目标",
    "生态效益目标",
    "服务对象满意度指标等",
    "进度指标",
    "可持续影响",
    "经济效益",
    "社会效益",
    "生态效益",
)


#: categories written without 指标: the short names, and a level 2 after its level 1 ("产出质量", 153)
_SHORT_NAMES = frozenset(
    ("经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度", "满意度", "数量", "质量", "时效",
     "成本")
)
_SHORT_PREFIXED = re.compile(r"(?:产出|效益)(?:数量|质量|时效|成本|(?:经济|社会|生态)效益|可持续影响)")


def category(text: str) -> tuple[str | None, str | None]:
    """(level1, level2) a cell names, as written; (None, None) when it is no category.

    "产出数量指标" names both; "满意度指标" alone is level 1 (满意度) unless a level 1 is already known."""
    key = compact(text)
    if not key or len(key) > 16:
        return None, None
    key = re.sub(
        r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[、.])", "", key
    )
    key = re.sub(r"目标$", "指标", key)
    key = re.sub(r"\(\d+-?\d*分\)$|\(\d+分\)$", "", key)  # 成本指标(0-20分)
    for word in ("指标等", "指标"):
        if key.endswith(word) and len(key) > len(word):
            break
    else:
        if key not in _SHORT_NAMES and not _SHORT_PREFIXED.fullmatch(key):
            return None, None  # only the category's short name ("成本 | 年度预算220万元", 154; 产出质量, 153)
    base = re.sub(r"指标等?$", "", key)
    l1 = canonical_level1(base)
    l2 = canonical_level2(base)
    if base in ("成本",):
        return None, key
    if l1 is not None and l2 is None:
        return key, None
    if l2 is not None and l1 is None:
        return None, key
    if l1 is not None and l2 is not None:  # 满意度, 服务对象满意度: level 1 and 2 share the name
        return key, key
    for head in ("产出", "效益", "满意度", "成本"):
        if base.startswith(head) and canonical_level2(base[len(head) :]) is not None:
            return head + "指标", base[len(head) :] + "指标"
    return None, None


#: Header fields of the grid forms: label as written -> field (name, department, 年度资金总额 …).
FIELD_LABELS: dict[str, str] = {label: name for name, labels in FIELDS.items() for label in labels}
FIELD_LABELS.update(
    {
        "专项资金名称": "name",
        "项目名称": "name",
        "资金名称": "name",
        "项目单位": "implementer",
        "填报单位": "implementer",
        "部门(单位)名称": "department",
        "县级主管部门": "department",
        "主管预算部门": "department",
        "归口科室": "attribute",
        "项目类别": "attribute",
        "项目性质": "attribute",
        "项目预算金额": "年度资金总额",
        "年度资金总额": "年度资金总额",
        "资金总额": "年度资金总额",
        "年度目标": "goal",
        "年度总体目标": "goal",
        "绩效目标": "goal",
        "总体目标": "goal",
        "年度绩效目标(文字)": "goal",
        "项目年度目标": "goal",
        "长期目标": "goal_long",
        "预期目标": "goal",
        "年初设定目标": "goal",
        "年初绩效目标": "goal",
        "实际完成情况": "goal_result",
        "全年实际完成情况": "goal_result",
        "全年目标实际完成情况": "goal_result",
        "实施期目标": "goal_long",
    }
)
for _drop in ("金额", "预算数", "总额", "财政资金", "一般公共预算"):
    FIELD_LABELS.pop(_drop, None)

#: Cues of each form kind, strongest first (searched in the compacted document text).
KIND_CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "monitoring",
        ("运行监控", "执行监控", "监控表", "1-6月执行", "全年预计执行", "完成可能性", "半年度执行"),
    ),
    (
        "other",
        (
            "评价报告",
            "评价指标表",
            "评价指标体系",
            "第三方评价",
            "评价机构",
            "绩效评价指标",
            "评分标准",
            "评分表",
            "再评价",
            "进行绩效评价",
        ),
    ),
    ("unit-overall", ("整体支出", "部门整体", "单位整体", "整体绩效", "履职目标", "年度履职")),
    ("selfeval", ("自评", "实际完成值", "全年完成值", "完成值", "实际完成情况", "未完成原因")),
)
#: Title words of a target form: decide the kind when the title says nothing else.
TARGET_TITLE_CUES = (
    "绩效目标表",
    "目标申报表",
    "目标批复表",
    "目标审批表",
    "目标公开表",
    "绩效目标",
    "申报表",
    "批复表",
)


def field_label(text: str) -> bool:
    """Whether ``text`` is one of the forms' header-field labels (项目名称, 主管部门 …)."""
    return compact(text) in FIELD_LABELS


#: Qualitative targets as they end a phrase ("…服务水平有所提高"), longest first.
QUALITATIVE_ENDINGS = (
    "基本健全", "基本完善", "逐步完善", "进一步提高", "进一步提升", "稳步提高", "有所提高",
    "有所改善", "有所提升", "明显提高", "明显提升", "显著提高", "不断提升", "逐步提高",
    "持续提高", "提高", "提升", "改善", "增强", "健全", "完善",
)
