"""The target a scoring rubric states inside its 评价标准, where the table has no 指标值 column.

Evaluation rubrics (评价指标 | 分值 | 评价标准) give most items no target, but some scoring rules are
written around one: "立项且开工建设…达到年度任务90%及以上的,得4分;比例不足90%时,每减少5%,扣1分"
(167: 项目开工率, 4 分) or "年亩增施商品有机肥1000公斤以上,提供正式发票,…" (168). The target is the
threshold that earns the item's full points, read from the rule's first clause only:

- "达到/达/不低于/不少于 … X(unit)(及以上|以上)(的),得 N 分" with N the item's 分值: X, and ≥ when
  the rule says 以上 or 不低于/不少于;
- "… X(unit)以上" in the first clause (before the first ,;。): ≥ X.

A rule with no such clause ("按完成比例计算得分", "排名前5名的得满分") gives nothing. What is read
is a guess from prose and the repair note says so.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from jixiao.parse.stream.units import UNITS

_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_FULL_MARKS = re.compile(
    rf"(?P<word>达到|达|不低于|不少于)[^,，;；。]{{0,24}}?(?P<n>\d+(?:\.\d+)?)(?P<unit>{_UNIT})"
    r"(?P<up>及以上|以上)?的?[,，]?得(?P<points>\d+(?:\.\d+)?)分"
)
_AT_LEAST = re.compile(rf"^[^,，;；。]{{0,30}}?(?P<n>\d+(?:\.\d+)?)(?P<unit>{_UNIT})(?:及以上|以上)")


def target_from_rule(rule: str, weight: Decimal | None) -> tuple[str, str] | None:
    """(value text such as "≥90%", the note) from a rubric's 评价标准, or None."""
    m = _FULL_MARKS.search(rule)
    if m is not None:
        try:
            points = Decimal(m["points"])
        except InvalidOperation:
            points = None
        if weight is None or points == weight:
            op = "≥" if m["up"] or m["word"] in ("不低于", "不少于") else ""
            return f"{op}{m['n']}{m['unit']}", _note(f"{op}{m['n']}{m['unit']}", m.group())
        return None  # a band below full marks ("90%以上的,得4分" of 5): not the target
    m = _AT_LEAST.match(rule)
    if m is not None and "名" not in m.group():
        return f"≥{m['n']}{m['unit']}", _note(f"≥{m['n']}{m['unit']}", m.group())
    return None


def _note(value: str, said: str) -> str:
    return f"目标值「{value}」取自评分标准「{said}」(表中没有指标值列，属推测)"
