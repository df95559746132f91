"""What a document holds, read once per review and shared by every rule.

Document-wide flags: most documents are declarations (申报表) with no 完成值, 得分 or monitoring
columns, and the self-evaluation and monitoring rules each walked every indicator of such a document
only to find nothing to check; with these flags a rule whose input is absent from the whole document
returns at once. Per project (read on first use, then shared): the indicators sorted by what they
measure (counts by unit, floors, costs, money, percentages), which three rules each recomputed for
every project (issue 11: a 5,000-project declaration has 80,000 indicators).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model.document import NO_OPERATOR, Document, Indicator, Project, ValueKind
from jixiao.review.measure import COUNT_UNITS, MONEY_FACTORS, base_unit, cost_named

#: Operators that state a floor or an exact number (≥ 3次, 10个).
FLOOR_OPERATORS = frozenset({"≥", ">", "=", NO_OPERATOR})


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    #: Count indicators (:func:`~jixiao.review.measure.count_of` set) by base unit.
    counts: dict[str, list[Indicator]]
    #: Count indicators stating a floor or an exact number, in row order (``rules.budget.floors``).
    floors: list[Indicator]
    #: Cost indicators (:func:`~jixiao.review.measure.is_cost`), in row order.
    costs: list[Indicator]
    #: Indicators that can measure a goal's commitment, by kind: "money", "percent", "count:<unit>",
    #: "count:" (every number; one with no unit is in it twice).
    kinds: dict[str, list[Indicator]]
    #: Cost totals (``rules.budget.cost_total`` over ``floors``) by ``id(indicator)``, filled on first use.
    totals: dict[int, tuple[Decimal, str, Indicator | None] | None] = field(default_factory=dict)

    @classmethod
    def of(cls, project: Project) -> ProjectFacts:
        counts: dict[str, list[Indicator]] = {}
        floors: list[Indicator] = []
        costs: list[Indicator] = []
        money: list[Indicator] = []
        percent: list[Indicator] = []
        numbers: list[Indicator] = []
        kinds: dict[str, list[Indicator]] = {"money": money, "percent": percent, "count:": numbers}
        for ind in project.indicators:
            kind = ind.value_kind
            if kind is _PERCENT:
                percent.append(ind)
                continue
            if kind is not _NUMBER:
                continue  # neither a count nor money
            unit = base_unit(ind.unit)
            decimal = isinstance(ind.value, Decimal)
            is_money = decimal and unit in MONEY_FACTORS  # money_wan(ind) is set
            if is_money:
                money.append(ind)
            numbers.append(ind)
            if unit:
                kinds.setdefault(f"count:{unit}", []).append(ind)
            else:
                numbers.append(ind)
            if decimal and unit in COUNT_UNITS:
                counts.setdefault(unit, []).append(ind)
                if ind.operator in FLOOR_OPERATORS:
                    floors.append(ind)
            elif is_money and cost_named(ind):
                costs.append(ind)
        return cls(counts, floors, costs, kinds)


_PERCENT, _NUMBER = ValueKind.PERCENT, ValueKind.NUMBER


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    actuals: bool = True  # some indicator has a 完成值 (``actual``)
    scores: bool = True  # some indicator has a 得分
    extras: bool = True  # some indicator has further columns (``extra``: 完成可能性, 纠偏措施, 分档 …)
    notes: bool = True  # some indicator has a 指标值说明 / 评分标准 (``note``)
    deviations: bool = True  # some indicator has a 偏差原因 (``deviation``)
    #: ProjectFacts by ``id(project)``, filled on first use (one review: the document outlives it).
    projects: dict[int, ProjectFacts] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document) -> DocumentFacts:
        actuals = scores = extras = notes = deviations = False
        for project in doc.projects:
            for ind in project.indicators:
                if ind.actual is not None:
                    actuals = True
                if ind.score is not None:
                    scores = True
                if ind.extra:
                    extras = True
                if ind.note:
                    notes = True
                if ind.deviation:
                    deviations = True
            if actuals and scores and extras and notes and deviations:
                break
        return cls(actuals=actuals, scores=scores, extras=extras, notes=notes, deviations=deviations)

    def project(self, project: Project) -> ProjectFacts:
        """The project's indicators sorted by what they measure (computed once per review)."""
        found = self.projects.get(id(project))
        if found is None:
            found = self.projects[id(project)] = ProjectFacts.of(project)
        return found
