"""How the rules read an indicator: its canonical category, money in 万元, counts, per-unit costs,
and the distinctive character bigrams used to match goal text with indicator names."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

from jixiao.model.document import Commitment, Goal, Indicator, Project, ValueKind
from jixiao.model.taxonomy import canonical_level1, canonical_level2, default_level1_for, is_category_name


def wordset(text: str) -> frozenset[str]:
    """``wordset("个 次 场")`` -> the set of white-space separated words."""
    return frozenset(text.split())


#: Money units and their factor to 万元 (project amounts in these tables are in 万元).
MONEY_FACTORS = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1), "亿元": Decimal(10000)}

COUNT_UNITS = wordset(
    "个 次 场 场次 人 名 人次 份 块 天 日 批 期 户 所 座 台 件 辆 套 篇 项 家 处 张 本 册 条 门 棵 株 亩 "
    "公里 千米 米 平方米 立方米 公顷 吨 课时 学时 小时 月 周 年 栋 间 村 组 支 部 幅 版 届 轮 单 宗 "
    "只 位 头 把 盏 班 类 个次 户次 万人次 所次 台次 辆次"
)

#: Per-unit cost markers and the count units they multiply with ("" = any count unit).
_PER_UNIT = (
    ("单次", ("次", "场", "场次", "期", "批", "轮", "届")),
    ("每次", ("次", "场", "场次", "期", "批", "轮", "届")),
    ("人均", ("人", "名", "人次", "户")),
    ("每人", ("人", "名", "人次")),
    ("平均", ()),
    ("单个", ()),
    ("单位", ()),
    ("每个", ()),
    ("单价", ()),
)

_COST_WORDS = ("成本", "费用", "经费", "金额", "资金", "费", "单价", "支出")

#: Bigrams too common in these documents to tell two items apart.
GENERIC_BIGRAMS = wordset(
    "成本 经费 费用 支出 平均 单次 每次 开展 工作 完成 建设 项目 资金 不低 低于 不高 高于 不少 少于 "
    "不超 超过 达到 提高 提升 保障 保证 通过 控制 实施 安排 组织 举办 制作 合理 有效 指标 数量 质量 时效 "
    "情况 相关 各类 以上 以下 以内 万元 合格 达标 及时 满意 覆盖 知晓 人员 单位"
)

_PUNCT = re.compile(r"[\s,，。；;：:、（）()《》“”\"'!！?？<>/\-—·…\[\]【】0-9０-９.%％≥≤=＝><]+")


@lru_cache(maxsize=8192)
def level1_of(level1: str | None, level2: str | None) -> str | None:
    """Canonical level 1 (产出/成本/效益/满意度), falling back to the level-2's only parent."""
    l1 = canonical_level1(level1)
    if l1 is None and level2:
        l2 = canonical_level2(level2)
        if l2 is not None:
            l1 = default_level1_for(l2)
    return l1


@lru_cache(maxsize=8192)
def level2_of(level2: str | None) -> str | None:
    return canonical_level2(level2)


@lru_cache(maxsize=65536)
def category_name(name: str) -> bool:
    """Cached :func:`~jixiao.model.taxonomy.is_category_name`."""
    return is_category_name(name)


def l1(ind: Indicator) -> str | None:
    return level1_of(ind.level1, ind.level2)


def l2(ind: Indicator) -> str | None:
    return level2_of(ind.level2)


@lru_cache(maxsize=4096)
def base_unit(unit: str | None) -> str:
    """``"万元/个"`` -> ``"万元"``; ``None`` -> ``""``."""
    return (unit or "").split("/")[0].strip()


@lru_cache(maxsize=4096)
def money_factor(unit: str | None) -> Decimal | None:
    """The factor to 万元 of a unit as written ("元/人" -> 0.0001), None when it is not money."""
    return MONEY_FACTORS.get(base_unit(unit))


@lru_cache(maxsize=4096)
def is_count_unit(unit: str | None) -> bool:
    return base_unit(unit) in COUNT_UNITS


def money_wan(ind: Indicator) -> Decimal | None:
    """The indicator's value in 万元 when its unit is a money unit, else None.

    (Not memoised on the value: hashing a Decimal costs more than the multiplication.)"""
    value = ind.value
    if ind.value_kind is not _NUMBER or not isinstance(value, Decimal):
        return None
    factor = money_factor(ind.unit)
    return None if factor is None else value * factor


def count_of(ind: Indicator) -> Decimal | None:
    """The indicator's value when it counts things (个, 次, 人 …), else None."""
    value = ind.value
    if ind.value_kind is not _NUMBER or not isinstance(value, Decimal):
        return None
    return value if is_count_unit(ind.unit) else None


_NUMBER = ValueKind.NUMBER


def is_cost(ind: Indicator) -> bool:
    """A cost indicator: filed under 成本, or named like a cost and measured in money."""
    if money_wan(ind) is None:
        return False
    return cost_named(ind)


def cost_named(ind: Indicator) -> bool:
    """Filed under 成本 or named like a cost (:func:`is_cost` for an indicator measured in money)."""
    return l2(ind) in {"成本", "经济成本"} or l1(ind) == "成本" or any(w in ind.name for w in _COST_WORDS)


def per_unit_marker(name: str) -> tuple[str, tuple[str, ...]] | None:
    """("单次", ("次", …)) when the name is a per-unit cost, else None."""
    for marker, units in _PER_UNIT:
        if marker in name:
            return marker, units
    return None


def project_amount_wan(project: Project, amount_unit: str) -> Decimal | None:
    factor = MONEY_FACTORS.get(amount_unit)
    if project.amount is None or factor is None:
        return None
    return project.amount * factor


@lru_cache(maxsize=65536)
def bigrams(text: str) -> frozenset[str]:
    """Distinctive two-character pieces of ``text`` (punctuation, digits and generic words removed)."""
    out: set[str] = set()
    for chunk in _PUNCT.split(text):
        for i in range(len(chunk) - 1):
            pair = chunk[i : i + 2]
            if pair not in GENERIC_BIGRAMS:
                out.add(pair)
    return frozenset(out)


def overlap(a: str, b: str, ignore: frozenset[str] = frozenset()) -> int:
    return len((bigrams(a) & bigrams(b)) - ignore)


def best_matches(
    subject: str, candidates: list[Indicator], ignore: frozenset[str] = frozenset()
) -> list[Indicator]:
    """The candidates sharing the most distinctive bigrams with ``subject`` (none when nothing shared)."""
    if not candidates:
        return []
    own = bigrams(subject) - ignore if ignore else bigrams(subject)  # overlap(): len(own & theirs)
    scores = [len(own & bigrams(ind.name)) for ind in candidates]
    top = max(scores)
    return [ind for ind, score in zip(candidates, scores, strict=True) if score == top] if top > 0 else []


@lru_cache(maxsize=1)
def _cutter() -> Callable[[str], list[str]]:
    from jixiao.review.jieba_import import import_jieba
    from jixiao.review.jieba_lazy import lazy_tokenizer

    jieba = import_jieba()  # slow to import: only when a rule needs words

    jieba.setLogLevel(logging.WARNING)
    tokenizer = lazy_tokenizer(jieba)  # the dictionary read on demand, not loaded whole

    def cut(text: str) -> list[str]:
        return list(tokenizer.cut_for_search(text, HMM=False))

    return cut


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """Chinese words of ``text`` (jieba search mode: long words and their parts), ≥ 2 characters."""
    return tuple(dict.fromkeys(w for w in _cutter()(text) if len(w) >= 2 and not w.isdigit()))


def fmt(value: Decimal) -> str:
    """Decimal without exponent or trailing zeros: 50, 0.2, 2.66."""
    text = format(value.normalize(), "f")
    return text


@lru_cache(maxsize=16384)
def _extracted(text: str) -> tuple[Commitment, ...]:
    from jixiao.parse.goals import extract_commitments

    return tuple(extract_commitments(text))


def commitments(goal: Goal) -> list[Commitment]:
    """The goal's commitments; recomputed from its text when a document came from JSON or the store
    (document JSON does not carry them)."""
    if goal.commitments or not goal.text.strip():
        return goal.commitments
    return list(_extracted(goal.text))
