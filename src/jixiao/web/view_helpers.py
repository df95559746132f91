"""Jinja helpers: the indicator tree of a project page, labels and value display."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment

from jixiao.i18n import N_, _
from jixiao.model.taxonomy import canonical_level1, canonical_level2
from jixiao.review.finding import severity_name
from jixiao.year.year_checks import LIGHT_NAMES

STATUS_LABELS = {"draft": N_("草稿"), "submitted": N_("已提交"), "approved": N_("已批准"),
                 "returned": N_("已退回")}
ROLE_LABELS = {"unit": N_("预算单位"), "reviewer": N_("财政审核"), "admin": N_("管理员")}
#: the performance year (issue 10): lights, self-evaluation and adjustment states
LIGHT_LABELS = LIGHT_NAMES
SELF_EVALUATION_LABELS = {"draft": N_("草稿"), "submitted": N_("已提交"), "confirmed": N_("已确认")}
ADJUSTMENT_LABELS = {"pending": N_("待审批"), "approved": N_("已批准"), "refused": N_("已驳回")}


def _label(labels: dict[str, str]) -> Any:
    return lambda key: _(labels[key]) if key in labels else key


#: the audit log's actions and entities as the change logs show them
AUDIT_LABELS = {"add": N_("添加"), "edit": N_("修改"), "delete": N_("删除"), "import": N_("导入"),
                "submit": N_("提交"), "approve": N_("批准"), "return": N_("退回"), "comment": N_("批注"),
                "change": N_("修改"), "disable": N_("停用"), "enable": N_("启用"),
                "password": N_("修改密码"), "reset-password": N_("重置密码"),
                "indicator": N_("指标"), "goal": N_("绩效目标"), "project": N_("项目"), "user": N_("用户"),
                "document": N_("文件")}


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
    operator = "" if row.operator == "定性" else row.operator  # "=" only when written; "" when none was
    return f"{operator}{value}{row.unit or ''}"


def category(row: Any) -> str:
    l1 = canonical_level1(row.level1)
    l2 = canonical_level2(row.level2)
    return "/".join(x for x in (l1, l2) if x) or "未识别"


def money(value: Any) -> str:
    return "" if value is None else f"{value}"


def install_filters(env: Environment) -> None:
    env.filters.update(show_value=show_value, category=category, money=money,
                       status_label=lambda s: _(STATUS_LABELS[s]) if s in STATUS_LABELS else s,
                       role_label=lambda r: _(ROLE_LABELS[r]) if r in ROLE_LABELS else r,
                       audit_label=_label(AUDIT_LABELS),
                       severity_label=severity_name, light_label=_label(LIGHT_LABELS),
                       self_evaluation_label=_label(SELF_EVALUATION_LABELS),
                       adjustment_label=_label(ADJUSTMENT_LABELS))
    env.globals.update(indicator_tree=indicator_tree, STATUS_LABELS=STATUS_LABELS)
