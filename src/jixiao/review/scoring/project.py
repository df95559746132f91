"""Score a whole self-evaluation: each project's 预算执行率 row and indicator rows, the total and the
grade, next to what the table published. Pure and JSON-able (:meth:`ProjectScore.to_dict`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.model.document import Document, Indicator, Project
from jixiao.review.measure import level1_of
from jixiao.review.scoring.budget import has_budget_row, score_budget
from jixiao.review.scoring.indicator import ZERO, IndicatorScore, n, q, score_indicator, target_text
from jixiao.review.scoring.profiles import Profile

DEFAULT_TOLERANCE = Decimal("0.5")
NO_WEIGHT_COLUMN = "表中有得分而没有分值：各指标的分值未写明，不按默认分值重算（否则每行都会误报不符）"
TOTAL_LABELS = ("总分", "自评总分", "自评得分", "总得分", "综合得分")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_GRADE = re.compile(r"[优良中差]")


@dataclass(slots=True)
class Row:
    """One scored row: the budget row (``kind`` budget) or an indicator."""

    kind: str
    name: str
    weight: Decimal | None
    weight_from: str
    published: Decimal | None
    recomputed: Decimal | None
    working: str
    status: str  # match, differs, not-scored, unpublished
    level1: str | None = None
    level2: str | None = None
    target: str | None = None
    actual: str | None = None
    method: str = ""
    band: str | None = None
    band_from: str | None = None

    @property
    def difference(self) -> Decimal | None:
        if self.published is None or self.recomputed is None:
            return None
        return self.recomputed - self.published

    def to_dict(self) -> dict[str, Any]:
        diff = self.difference
        return {
            "kind": self.kind, "level1": self.level1, "level2": self.level2, "name": self.name,
            "target": self.target, "actual": self.actual,
            "weight": None if self.weight is None else n(self.weight).rstrip("…"),
            "weight_from": self.weight_from, "published": _s(self.published),
            "recomputed": _s(self.recomputed), "difference": _s(diff), "status": self.status,
            "method": self.method, "band": self.band, "band_from": self.band_from, "working": self.working,
        }


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass(slots=True)
class ProjectScore:
    seq: str
    name: str
    rows: list[Row] = field(default_factory=list)
    total: Decimal = ZERO
    total_working: str = ""
    complete: bool = True
    grade: str = ""
    published_total: Decimal | None = None
    published_grade: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "name": self.name, "rows": [r.to_dict() for r in self.rows],
            "total": {"recomputed": _s(self.total), "grade": self.grade or None, "complete": self.complete,
                      "working": self.total_working, "published": _s(self.published_total),
                      "published_grade": self.published_grade},
            "notes": self.notes,
        }


def _status(published: Decimal | None, recomputed: Decimal | None, tolerance: Decimal) -> str:
    if published is None:
        return "unpublished"
    if recomputed is None:
        return "not-scored"
    return "match" if abs(recomputed - published) <= tolerance else "differs"


def default_weights(indicators: list[Indicator], profile: Profile) -> tuple[list[Decimal | None], list[str]]:
    """The profile's per-一级 points shared equally among that group's indicators; groups absent
    from the table give their points to the others in proportion (10号: 不适用的指标 … 调整权重)."""
    groups = [profile.group(level1_of(i.level1, i.level2)) for i in indicators]
    points = dict(profile.groups)
    present = [g for g in points if g in groups]
    base = sum((points[g] for g in present), ZERO)
    if base == 0:
        return [None] * len(indicators), ["没有可识别的一级指标，无法按默认权重分配分值"]
    scale = profile.indicator_points / base
    notes = []
    per: dict[str, Decimal] = {}
    for g in present:
        count = groups.count(g)
        per[g] = points[g] * scale / count
        share = f"{n(points[g])} × {n(profile.indicator_points)} / {n(base)}" if scale != 1 else n(points[g])
        notes.append(f"{g}指标 {share} 分 ÷ {count} 个 = 每个 {q(per[g])} 分（{profile.name} 默认权重）")
    weights: list[Decimal | None] = [per.get(g) if g else None for g in groups]
    unknown = [i.name for i, g in zip(indicators, groups, strict=True) if g is None]
    if unknown:
        notes.append(f"一级指标无法归入 {'/'.join(points)} 的指标没有默认分值：{'、'.join(unknown[:5])}")
    return weights, notes


def score_project(
    project: Project,
    profile: Profile,
    year: int | None = None,
    bands: Mapping[str, str] | None = None,
    tolerance: Decimal = DEFAULT_TOLERANCE,
) -> ProjectScore:
    out = ProjectScore(project.seq, project.name)
    bands = bands or {}
    parts: list[str] = []
    if has_budget_row(project):
        b = score_budget(project, profile)
        out.rows.append(Row("budget", "预算执行率", b.points, "表中" if b.points_from == "表中" else "默认",
                            b.published, b.score, b.working, _status(b.published, b.score, tolerance),
                            method="budget"))
    stated = any(i.weight is not None for i in project.indicators)
    scored_only = not stated and any(i.score is not None for i in project.indicators)
    if stated or scored_only:
        # A table with a 得分 column but no 分值 column (the Baoshan 20 + 80 form, found 155/174/179)
        # has weights of its own that it does not write: the profile's defaults would make every
        # published score "differ". Such rows are not recomputed, and the note says why.
        weights: list[Decimal | None] = [i.weight for i in project.indicators]
        if scored_only:
            out.notes.append(NO_WEIGHT_COLUMN)
    else:
        weights, notes = default_weights(project.indicators, profile)
        out.notes += notes
    for ind, weight in zip(project.indicators, weights, strict=True):
        band = bands.get(f"{project.seq}/{ind.name}") or bands.get(ind.name)
        s: IndicatorScore = score_indicator(ind, weight, profile, year, band, ind.score)
        out.rows.append(Row(
            "indicator", ind.name, weight, "表中" if stated else "默认", ind.score, s.score, s.working,
            _status(ind.score, s.score, tolerance), ind.level1, ind.level2, target_text(ind), ind.actual,
            s.method, s.band, s.band_from,
        ))
    total, omitted = ZERO, False
    for row in out.rows:
        value = row.recomputed
        if value is None and row.published is not None:
            value, out.complete = row.published, False
            parts.append(f"{n(value)}(公布)")
        elif value is None:
            out.complete, omitted = False, True
            continue
        else:
            parts.append(str(value))
        total += value
    out.total = q(total)
    if not parts:
        omitted, out.complete = True, False
    out.grade = "" if omitted else profile.grade(out.total)
    grade = ("没有可计分的行" if not parts else "有行未计分") + "，不评等级" if omitted else out.grade
    out.total_working = f"{' + '.join(parts) or '0'} = {out.total}，{grade}"
    if not out.complete:
        out.notes.append("有的行没有重算（见各行说明），合计中用了公布得分或略去")
    out.published_total, out.published_grade = published_total(project)
    _check_published(out, profile, tolerance)
    return out


def _check_published(out: ProjectScore, profile: Profile, tolerance: Decimal) -> None:
    """The published table against itself: its 总分 against the sum of its row scores, its grade
    against its 总分."""
    scores = [r.published for r in out.rows if r.published is not None]
    if out.published_total is not None and scores:
        added = sum(scores, ZERO)
        if abs(added - out.published_total) > tolerance:
            out.notes.append(f"公布总分 {n(out.published_total)} 与公布各行得分之和 {n(added)} 不符")
    if out.published_total is not None and out.published_grade:
        expected, total = profile.grade(out.published_total), n(out.published_total)
        if expected != out.published_grade:
            out.notes.append(f"公布总分 {total} 应评“{expected}”，表中评为“{out.published_grade}”")


def published_total(project: Project) -> tuple[Decimal | None, str | None]:
    """The 总分 line as the table writes it ("100 | 96 | 优": full marks, score, grade)."""
    for label in TOTAL_LABELS:
        text = project.extra.get(label)
        if not text:
            continue
        numbers = [Decimal(x) for x in _NUMBER.findall(text)]
        grade = _GRADE.search(text)
        return (numbers[-1] if numbers else None), (grade.group(0) if grade else None)
    return None, None


def score_document(
    doc: Document,
    profile: Profile,
    bands: Mapping[str, str] | None = None,
    tolerance: Decimal = DEFAULT_TOLERANCE,
) -> dict[str, Any]:
    """Every project of ``doc`` scored; JSON-able. ``summary.rows`` counts rows with a published score."""
    projects = [score_project(p, profile, doc.year, bands, tolerance) for p in doc.projects]
    published = [r for p in projects for r in p.rows if r.published is not None]
    return {
        "source": doc.source, "profile": profile.to_dict(), "tolerance": str(tolerance),
        "projects": [p.to_dict() for p in projects],
        "summary": {
            "rows": len(published),
            "match": sum(r.status == "match" for r in published),
            "differs": sum(r.status == "differs" for r in published),
            "not_scored": sum(r.status == "not-scored" for r in published),
            "unpublished": sum(r.status == "unpublished" for p in projects for r in p.rows),
        },
    }
