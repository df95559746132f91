"""Jinja helpers: the indicator tree of a project page, labels and value display."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment

from jixiao.model.taxonomy import canonical_level1, canonical_level2

STATUS_LABELS = {"draft": "草稿", "submitted": "已提交", "approved": "已批准", "returned": "已退回"}
ROLE_LABELS = {"unit": "预算单位", "reviewer": "财政审核", "admin": "管理员"}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(slots=True)
class Branch:
    label: str
    children: list[Leaf] = field(default_factory=list)


@dataclass(slots=True)
class Leaf:
    label: str
    #: (indicator, its findings): ORM rows or Core rows with the same attribute names
    indicators: list[tuple[Any, list[Any]]] = field(default_factory=list)


def indicator_tree(indicators: Sequence[Any], findings: Sequence[Any]) -> list[Branch]:
    """Level 1 → level 2 → indicators (in document order), each with the findings that concern it."""
    by_indicator: dict[int, list[Any]] = {}
    for finding in findings:
        if finding.indicator_id is not None:
            by_indicator.setdefault(finding.indicator_id, []).append(finding)
    tree: list[Branch] = []
    for row in indicators:
        l1 = row.level1 or "（未分级）"
        l2 = row.level2 or "（未分二级）"
        if not tree or tree[-1].label != l1:
            tree.append(Branch(l1))
        branch = tree[-1]
        if not branch.children or branch.children[-1].label != l2:
            branch.children.append(Leaf(l2))
        branch.children[-1].indicators.append((row, by_indicator.get(row.id, [])))
    return tree


def show_value(row: Any) -> str:
    """The indicator's target as people write it: ``≥95%``, ``30天``, ``2023-12-28``, ``健全``."""
    value = row.value or ""
    operator = "" if row.operator in ("=", "定性") else row.operator
    return f"{operator}{value}{row.unit or ''}"


def category(row: Any) -> str:
    l1 = canonical_level1(row.level1)
    l2 = canonical_level2(row.level2)
    return "/".join(x for x in (l1, l2) if x) or "未识别"


def money(value: Any) -> str:
    return "" if value is None else f"{value}"


def install_filters(env: Environment) -> None:
    env.filters.update(show_value=show_value, category=category, money=money,
                       status_label=lambda s: STATUS_LABELS.get(s, s),
                       role_label=lambda r: ROLE_LABELS.get(r, r),
                       severity_label=lambda s: SEVERITY_LABELS.get(s, s))
    env.globals.update(indicator_tree=indicator_tree, STATUS_LABELS=STATUS_LABELS)
