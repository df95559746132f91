"""The rest of a project's budget year after its targets are approved (issue 10): in-year monitoring
rounds (双监控), target adjustments and the year-end self-evaluation. Pure dataclasses, stdlib only;
money and measured values are ``Decimal``.

The vocabulary follows the issue (能/可能/不能; 经费/制度/人员/硬件/政策/其他); the official 监控表
spells them 确定能/有可能/完全不可能 and 经费保障/制度保障/… (``OFFICIAL_*`` below, domain.md §4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

#: 完成目标可能性, as stored
LIKELIHOODS = ("能", "可能", "不能")
#: 偏差原因 categories, as stored
CAUSES = ("经费", "制度", "人员", "硬件", "政策", "其他")
#: the official form's spelling of each stored word (and what an input in that spelling reads as)
OFFICIAL_LIKELIHOOD = {"能": "确定能", "可能": "有可能", "不能": "完全不可能"}
OFFICIAL_CAUSE = {"经费": "经费保障", "制度": "制度保障", "人员": "人员保障", "硬件": "硬件条件保障",
                  "政策": "政策变化", "其他": "其他"}
#: states of a self-evaluation: the unit edits a draft and submits it; the reviewer confirms
#: (the year is then locked) or returns it to draft
SELF_EVALUATION_STATES = ("draft", "submitted", "confirmed")
#: states of a target adjustment
ADJUSTMENT_STATES = ("pending", "approved", "refused")


@dataclass(slots=True)
class MonitoringEntry:
    """One indicator's progress in a monitoring round."""

    indicator_id: int
    actual: str = ""  # 完成值 to date, as typed ("420", "75%", "2023-06-30", or words)
    likelihood: str | None = None  # one of LIKELIHOODS
    cause: str | None = None  # one of CAUSES
    cause_text: str = ""
    correction: str = ""  # 纠偏措施


@dataclass(slots=True)
class MonitoringRound:
    as_of: dt.date
    budget_initial: Decimal | None  # 年初预算数 (万元)
    budget_full: Decimal | None  # 全年预算数 (adjusted)
    executed: Decimal | None  # 执行数 to date
    entries: list[MonitoringEntry] = field(default_factory=list)


@dataclass(slots=True)
class SelfEvaluationEntry:
    """One indicator of the self-evaluation: what the unit states; the score is recomputed."""

    indicator_id: int
    actual: str = ""  # 实际完成值
    weight: Decimal | None = None  # 分值
    score: Decimal | None = None  # 得分 as the unit scored it (the engine recomputes it)
    band: str | None = None  # 达成 / 部分达成 / 未达成 for a qualitative indicator
    deviation: str = ""  # 偏差原因分析及改进措施


@dataclass(slots=True)
class SelfEvaluation:
    budget_initial: Decimal | None
    budget_full: Decimal | None
    executed: Decimal | None  # 全年执行数
    conclusion: str = ""  # 自评结论 / 年度总体目标完成情况
    entries: list[SelfEvaluationEntry] = field(default_factory=list)


@dataclass(slots=True)
class TargetChange:
    """A requested target adjustment: the indicator and its new target (fields as the editor's)."""

    indicator_id: int
    operator: str
    value: str
    unit: str
    reason: str
