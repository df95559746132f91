"""Score 预算执行率 (budget execution) from a project's funds block.

10号 [R]: 执行率 = 全年执行数 / 全年预算数; 得分 = min(执行率, 1) × 分值 (10 by default; 20 in the
Hubei form [L]). The Sichuan form writes 调整后预算数 / 预算执行数 [L]. When the executed amount is
blank but the table writes the rate ("100%"), the written rate is used and the working says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.document import Project
from jixiao.parse.numbers import parse_amount
from jixiao.review.scoring.indicator import ONE, ZERO, n, q
from jixiao.review.scoring.profiles import Profile

#: The row of the funds block that holds the project's total, as the parser keys it.
TOTAL_ROWS = ("年度资金总额", "总额", "合计")
BUDGET_COLUMNS = ("全年预算数", "调整后预算数", "全年(调整)预算数", "变动后预算数", "年初预算数", "年初预算")
EXECUTED_COLUMNS = ("全年执行数", "预算执行数", "执行数")
RATE_COLUMNS = ("执行率", "预算执行率")
POINTS_COLUMNS = ("分值", "权重")
SCORE_COLUMNS = ("得分",)


@dataclass(frozen=True, slots=True)
class BudgetScore:
    points: Decimal
    points_from: str  # "表中" or the profile name
    budget: Decimal | None
    executed: Decimal | None
    rate: Decimal | None  # share, 0–1+ (not capped)
    score: Decimal | None
    working: str
    published: Decimal | None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "points": str(self.points), "points_from": self.points_from, "budget": _s(self.budget),
            "executed": _s(self.executed), "rate": _s(self.rate), "score": _s(self.score),
            "working": self.working, "published": _s(self.published),
        }


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _cell(project: Project, columns: tuple[str, ...]) -> tuple[str, Decimal | str] | None:
    """The first of ``columns`` filled in the total row: (column, Decimal from funds or text)."""
    for row in TOTAL_ROWS:
        for column in columns:
            key = f"{row}/{column}"
            if key in project.funds:
                return column, project.funds[key]
            text = project.extra.get(key, "").strip()
            if text and text not in ("—", "-", "/", "／"):
                return column, text
    return None


def _number(found: tuple[str, Decimal | str] | None) -> tuple[str, Decimal] | None:
    if found is None:
        return None
    column, value = found
    if isinstance(value, Decimal):
        return column, value
    amount = parse_amount(value.replace(",", "").replace("%", ""))
    if amount is None:
        return None
    return column, amount / 100 if "%" in value else amount


def has_budget_row(project: Project) -> bool:
    return any(_cell(project, cols) is not None for cols in (BUDGET_COLUMNS, EXECUTED_COLUMNS, SCORE_COLUMNS))


def score_budget(project: Project, profile: Profile) -> BudgetScore:
    stated = _number(_cell(project, POINTS_COLUMNS))
    points, points_from = (stated[1], "表中") if stated and stated[1] > 0 else (profile.budget_points,
                                                                                profile.name)
    published = _number(_cell(project, SCORE_COLUMNS))
    pub = published[1] if published else None
    budget = _number(_cell(project, BUDGET_COLUMNS))
    executed = _number(_cell(project, EXECUTED_COLUMNS))
    written = _number(_cell(project, RATE_COLUMNS))
    b, e = (budget[1] if budget else None), (executed[1] if executed else None)
    p = n(points)
    if points_from == "表中" and points != profile.budget_points:
        p += f"（表中分值；{profile.name} 默认 {n(profile.budget_points)}）"
    if budget is not None and executed is not None and b is not None and e is not None:
        if b <= 0:
            return BudgetScore(points, points_from, b, e, None, None, f"{budget[0]} {n(b)}，无法计算执行率",
                               pub)
        rate = e / b
        head = f"{executed[0]} {n(e)} / {budget[0]} {n(b)}"
        if rate >= ONE:
            score = q(points)
            return BudgetScore(points, points_from, b, e, rate, score, f"{head} ≥ 1，按 1 计 × {p} = {score}",
                               pub)
        score = q(max(rate, ZERO) * points)
        return BudgetScore(points, points_from, b, e, rate, score, f"{head} × {p} = {score}", pub)
    if written is not None:
        rate = written[1]
        score = q(min(max(rate, ZERO), ONE) * points)
        why = "全年执行数空白" if e is None else "预算数空白"
        return BudgetScore(points, points_from, b, e, rate, score,
                           f"执行率 {n(rate * 100)}%（表中所填，{why}）× {p} = {score}", pub)
    return BudgetScore(points, points_from, b, e, None, None, "没有预算数和执行数，不计算", pub)
