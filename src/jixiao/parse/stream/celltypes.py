"""What a cell is (operator, unit, number, value, word, text …) and how well it fits each column.

:func:`fit` is the emission score of the aligner: 1 for a perfect fit, around 0 for "could be",
negative for "certainly not". The numbers were set against the labelled corpus.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.parse.stream.names import name_plausibility as name_plausibility  # re-exported
from jixiao.parse.values import parse_value

_OP_ALONE = re.compile(
    r"^(?:是/否|正向指标|反向指标|≥|≤|>|<|=|≥=|<=|>=|==|正向|反向|定量|定性|定量指标|定性指标|大于等于|小于等于|等于|"
    r"大于|小于|不低于|不高于|不少于|不超过)$"
)
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_UNIT = re.compile(r"^(?:%|‰|[^\d\s≥≤<>=%]{1,4}(?:/[^\d\s]{1,3})?|万元/人|人/次|元/人)$")
_UNIT_WORDS = frozenset(
    (
        "%",
        "‰",
        "人",
        "人次",
        "个",
        "次",
        "万元",
        "元",
        "天",
        "户",
        "份",
        "项",
        "条",
        "篇",
        "件",
        "台",
        "辆",
        "套",
        "批",
        "所",
        "家",
        "名",
        "吨",
        "亩",
        "公里",
        "km",
        "米",
        "平方米",
        "万元/人",
        "人/次",
        "元/人",
        "小时",
        "课时",
        "学时",
        "场",
        "期",
        "月",
        "年",
        "株",
        "只",
        "座",
        "处",
        "间",
        "册",
        "本",
        "张",
        "班",
        "类",
        "栋",
        "门",
        "起",
        "周",
        "万人次",
        "户次",
        "立方米",
        "公顷",
        "分",
        "元/辆",
        "元/株",
        "万元/km",
        "万平方米",
        "千元",
        "亿元",
        "个/次",
        "种",
        "例",
        "万立方米",
        "万亩",
        "公斤",
        "厘米",
        "千米",
    )
)
_QUALITATIVE = frozenset(
    (
        "高",
        "好",
        "有效",
        "健全",
        "完善",
        "长期",
        "持续",
        "明显",
        "显著",
        "提高",
        "提升",
        "改善",
        "达标",
        "合格",
        "是",
        "否",
        "无",
        "优",
        "良",
        "中",
        "差",
        "较好",
        "良好",
        "满意",
        "基本满意",
        "规范",
        "及时",
        "准确",
        "完成",
        "已完成",
        "按时",
        "稳定",
        "增加",
        "降低",
        "减少",
        "下降",
        "减轻",
        "有所提高",
        "有所改善",
        "逐步提高",
        "不断提升",
        "持续发挥",
        "长期有效",
        "中长期",
        "一年",
        "三年",
        "有",
        "达到预期",
        "达成预期",
        "符合",
        "合规",
        "不超预算",
        "全覆盖",
        "高高", "确定能", "有可能", "不可能", "能", "可能",
        "好好",
    )
)
#: qualitative targets a cell may hold alone (高, 合格, 按时 …)
QUALITATIVE_WORDS = _QUALITATIVE
#: unit words a cell may hold alone (a number's unit cut off by a space)
UNIT_WORDS = _UNIT_WORDS

#: "显著提升", "有所减轻": a direction with its degree, a qualitative target of its own (152)
_QUALITATIVE_PHRASE = re.compile(  # and deadlines or schedules in words: 按时限完成, 按月安排
    r"^(?:明显|显著|有所|稳步|逐步|进一步|不断|持续|大幅|大幅度)(?:提高|提升|改善|增强|增加|降低|下降|减少|减轻)$"
    r"|^按(?:时|期|月|季|年|时限|规定时限|规定|计划|要求)(?:完成|安排|拨付|发放)?$"  # 174, 104
)
_DIGIT_RUN = re.compile(r"^\d+(?:\.\d+){2,}$")
_DASH = frozenset(("/", "—", "-", "--", "——", "/ ", "无"))


@lru_cache(maxsize=8192)
def shape(text: str) -> str:
    """One of: empty, op, number, unit, value, word, dash, text."""
    t = text.strip()
    if not t:
        return "empty"
    if t in _DASH:
        return "dash"
    if _OP_ALONE.match(t):
        return "op"
    if _NUMBER.match(t):
        return "number"
    if t in _UNIT_WORDS:
        return "unit"
    if t in _QUALITATIVE or _QUALITATIVE_PHRASE.match(t):
        return "word"
    if re.search(r"\d", t):
        parsed = parse_value(t)
        if parsed.ok and len(t) <= 24:
            return "value"
        if re.match(r"^(?:19|20)\d\d年\d{1,2}月(?:-|--|—|至|~)", t) and len(t) <= 24:
            return "value"  # a period: 2021年1月-12月
        if _DIGIT_RUN.match(t):
            return "number"  # "0.4100.110": numbers of several columns run together (runs.py)
        return "text"
    if len(t) <= 3 and _UNIT.match(t) and not re.search(r"[指标率度量数]", t):
        return "unit"
    return "text"


#: column kind -> shape -> fit
_FIT: dict[str, dict[str, float]] = {
    "name": {"text": 1.0, "word": -0.6, "value": -1.5, "number": -3.0,
            "unit": -3.0, "op": -3.0, "dash": -3.0, "empty": -5.0},
    "value": {"value": 1.0, "number": 0.9, "word": 0.8, "text": 0.15,
             "dash": 0.3, "empty": 0.0, "op": -1.5, "unit": -1.0},
    "adjusted": {"value": 0.5, "number": 0.4, "word": 0.3, "dash": 0.4,
                "empty": 0.2, "text": -0.5, "op": -2, "unit": -2},
    "actual": {"value": 0.9, "number": 0.85, "word": 0.8, "text": 0.3,
              "dash": 0.6, "empty": 0.3, "op": -2.0, "unit": -1.0},
    "nature": {"op": 1.0, "empty": 0.3, "dash": 0.2, "word": -1,
              "text": -2.0, "number": -2, "value": -2, "unit": -2},
    "unit": {"unit": 1.0, "empty": 0.3, "dash": 0.3, "word": -1.0,
            "text": -2.0, "number": -2, "value": -2, "op": -2},
    "weight": {"number": 1.0, "empty": 0.3, "dash": 0.2, "value": -1.0,
              "word": -2, "text": -2, "op": -2, "unit": -2},
    "coefficient": {"value": 0.8, "number": 0.6, "empty": 0.2, "dash": 0.2,
                   "word": -1, "text": -2, "op": -2, "unit": -2},
    "note": {"text": 0.6, "empty": 0.3, "dash": 0.3, "word": 0.2,
            "value": 0.1, "number": -0.5, "op": -2, "unit": -1},
    "deviation": {"text": 0.6, "empty": 0.3, "dash": 0.4, "word": 0.3,
                 "value": -0.5, "number": -1, "op": -2, "unit": -1},
    "core": {"word": 1.0, "empty": 0.3, "dash": 0.2, "text": -2,
            "number": -2, "value": -2, "op": -2, "unit": -2},
    "likelihood": {"word": 1.0, "text": 0.3, "empty": 0.3, "dash": 0.2,
                  "number": -2, "value": -1, "op": -2, "unit": -2},
    "history": {"value": 0.5, "number": 0.5, "word": 0.4, "empty": 0.3,
               "dash": 0.3, "text": 0.0, "op": -2, "unit": -2},
}
_FIT["score"] = _FIT["weight"]  # 得分 takes the same cells as 分值
_FIT["direction"] = _FIT["nature"]  # 指标方向 holds the same operator cells as 指标性质
_FIT["level1"] = {
    "text": 0.4,
    "word": -1,
    "value": -2,
    "number": -3,
    "unit": -3,
    "op": -3,
    "dash": -3,
    "empty": -0.2,
}
_FIT["level2"] = _FIT["level1"]
for _g in ("grade_you", "grade_liang", "grade_zhong", "grade_cha"):
    _FIT[_g] = {
        "value": 1.0,
        "number": 0.8,
        "word": 0.5,
        "empty": 0.2,
        "dash": 0.2,
        "text": -1,
        "op": -2,
        "unit": -2,
    }

#: cost of leaving a column of this kind empty (not even an empty cell in it)
SKIP: dict[str, float] = {
    "value": -0.8,
    "name": -3.0,
    "region": -0.8,
    "grade_you": -0.8,
    "level1": 0.0,
    "level2": 0.0,
}
DEFAULT_SKIP = -0.05


def is_doubled(text: str) -> bool:
    """ "1010", "22": a weight and an equal score run together."""
    t = text.strip()
    half = len(t) // 2
    return (
        t.isdigit()
        and len(t) % 2 == 0
        and half > 0
        and t[:half] == t[half:]
        and int(t[:half]) <= 100
    )


def fit(column: str, text: str, empty: bool = False) -> float:
    s = "empty" if empty else shape(text)
    if column.startswith("region:"):
        column = "value"
    table = _FIT.get(column) or _FIT.get(column.rstrip("2")) or _FIT["note"]
    score = table.get(s, -1.0)
    if column in ("weight", "score") and s == "number":
        if is_doubled(text):
            score = 0.9 if column == "weight" else 0.3
        elif _NUMBER.match(text.strip()) and float(text.strip().replace(",", "")) > 100:
            score = -0.5
    if column in ("level1", "level2") and s == "text" and len(text.strip()) > 12:
        score = -1.0
    if column == "name" and s == "text":
        score = min(score, name_plausibility(text))
    return score
