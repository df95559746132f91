"""The indicator taxonomy under both frameworks, with loose matching of the names documents use.

* ``MOF2015`` (财预〔2015〕88号, most local systems): 产出 (数量/质量/时效/成本), 效益
  (经济/社会/生态/可持续影响), 满意度 (服务对象满意度).
* ``MOF2021`` (财预〔2021〕101号): 产出 (数量/质量/时效), 成本 as its own level 1
  (经济成本/社会成本/生态环境成本), 效益 (经济/社会/生态), 满意度.

Documents write the names in many ways ("产出指标", "一、产出指标", "项目完成指标", "进度指标",
"社会公众或服务对象满意度指标"); :func:`canonical_level1` and :func:`canonical_level2` map them to the
canonical short names used here, or ``None`` when a name is not a known category.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Framework(StrEnum):
    MOF2015 = "MOF2015"
    MOF2021 = "MOF2021"


LEVEL1 = ("产出", "成本", "效益", "满意度")

#: level-2 canonical name -> the level-1 names it may sit under, per framework.
_PARENTS: dict[Framework, dict[str, tuple[str, ...]]] = {
    Framework.MOF2015: {
        "数量": ("产出",),
        "质量": ("产出",),
        "时效": ("产出",),
        "成本": ("产出",),
        "经济效益": ("效益",),
        "社会效益": ("效益",),
        "生态效益": ("效益",),
        "可持续影响": ("效益",),
        "服务对象满意度": ("满意度",),
    },
    Framework.MOF2021: {
        "数量": ("产出",),
        "质量": ("产出",),
        "时效": ("产出",),
        "经济成本": ("成本",),
        "社会成本": ("成本",),
        "生态环境成本": ("成本",),
        "经济效益": ("效益",),
        "社会效益": ("效益",),
        "生态效益": ("效益",),
        "服务对象满意度": ("满意度",),
    },
}

_L1_SYNONYMS = {
    "产出": "产出",
    "项目完成": "产出",
    "完成": "产出",
    "成本": "成本",
    "效益": "效益",
    "效果": "效益",
    "项目效益": "效益",
    "满意度": "满意度",
    "服务对象满意度": "满意度",
    "社会公众或服务对象满意度": "满意度",
}

_L2_SYNONYMS = {
    "数量": "数量",
    "质量": "质量",
    "时效": "时效",
    "进度": "时效",
    "成本": "成本",
    "经济成本": "经济成本",
    "社会成本": "社会成本",
    "生态环境成本": "生态环境成本",
    "生态成本": "生态环境成本",
    "经济效益": "经济效益",
    "社会效益": "社会效益",
    "生态效益": "生态效益",
    "环境效益": "生态效益",
    "可持续影响": "可持续影响",
    "可持续": "可持续影响",
    "服务对象满意度": "服务对象满意度",
    "社会公众或服务对象满意度": "服务对象满意度",
    "社会公众满意度": "服务对象满意度",
    "满意度": "服务对象满意度",
}

_NUM = "一二三四五六七八九十"
_PREFIX = re.compile(rf"^\s*(?:[{_NUM}]+[、.．]|[（(][{_NUM}\d]+[)）]|\d+[、.．])\s*")
_SUFFIX = re.compile(r"(?:指标|类)?\s*[:：]?\s*$")


def _core(name: str) -> str:
    text = _PREFIX.sub("", name.strip())
    text = re.sub(r"\s+", "", text)
    return _SUFFIX.sub("", text)


def canonical_level1(name: str | None) -> str | None:
    """Map a level-1 heading as written to 产出/成本/效益/满意度, or None."""
    if not name:
        return None
    return _L1_SYNONYMS.get(_core(name))


def canonical_level2(name: str | None) -> str | None:
    """Map a level-2 heading as written to its canonical name (数量, 社会效益, …), or None."""
    if not name:
        return None
    return _L2_SYNONYMS.get(_core(name))


def allowed_parents(level2: str, framework: Framework) -> tuple[str, ...]:
    """Level-1 names a canonical level-2 name may sit under in ``framework`` (empty if unknown)."""
    return _PARENTS[framework].get(level2, ())


def level2_names(framework: Framework) -> tuple[str, ...]:
    return tuple(_PARENTS[framework])


def default_level1_for(level2: str) -> str | None:
    """The level-1 a level-2 belongs to when either framework agrees (used when a document omits it)."""
    parents = {p for fw in Framework for p in _PARENTS[fw].get(level2, ())}
    return parents.pop() if len(parents) == 1 else None


def is_category_name(name: str) -> bool:
    """True when ``name`` is just a category heading (数量指标, 社会效益, 产出指标 …)."""
    return canonical_level1(name) is not None or canonical_level2(name) is not None


def guess_framework(level1_names: list[str | None], level2_names: list[str | None]) -> Framework:
    """MOF2021 when 成本 appears as its own level 1, else MOF2015."""
    if any(canonical_level1(n) == "成本" for n in level1_names):
        return Framework.MOF2021
    if any(canonical_level2(n) in {"经济成本", "社会成本", "生态环境成本"} for n in level2_names):
        return Framework.MOF2021
    return Framework.MOF2015
