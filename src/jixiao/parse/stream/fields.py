"""Header fields of the forms (项目名称, 主管部门, 实施单位, 资金, 年度目标) read from the cell stream.

A field label takes the cells after it up to the next label. Money fields take the first amount in a
short window (the self-evaluation block puts 年初预算数 / 全年预算数 / 执行数 headers between); the
money unit comes from a "(元)" / "(万元)" note near the label, and 元 is converted to 万元 with a note.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.parse.numbers import parse_amount
from jixiao.parse.stream.vocab import FIELD_LABELS, compact

_MONEY_FIELDS = (
    "年度资金总额",
    "其中财政拨款",
    "其他资金",
    "上年结转资金",
    "财政专户管理资金",
    "单位资金",
)
_AMOUNT = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元)?$")


def field_of(text: str) -> str | None:
    key = compact(text)
    key = re.sub(r"^(?:其中:?|\([一二三四五六七八九十]+\)|\d+、)", "", key)
    found = FIELD_LABELS.get(key)
    if found is None:
        found = FIELD_LABELS.get(re.sub(r"\([^)]*\)$", "", key))
    if found is None and key.endswith(":"):
        found = FIELD_LABELS.get(key[:-1])
    return found


def money_unit_near(texts: list[str]) -> str:
    """ "元" when a nearby label says the money is in 元 (项目资金 (元)); else 万元."""
    for text in texts:
        key = compact(text)
        if re.search(r"\(元\)|（元）|单位:元|单位：元|^元$", key):
            return "元"
    return "万元"


def amount_of(text: str) -> tuple[Decimal | None, str | None]:
    """(amount, unit written with it) of a money cell, or (None, None)."""
    t = compact(text).replace(",", "")
    if not _AMOUNT.match(t):
        return None, None
    unit = "万元" if t.endswith("万元") else "元" if t.endswith("元") else None
    return parse_amount(re.sub(r"万?元$", "", t)), unit


def to_wan(amount: Decimal, unit: str) -> Decimal:
    return amount / Decimal(10000) if unit == "元" else amount


def is_money_field(name: str) -> bool:
    return name in _MONEY_FIELDS
