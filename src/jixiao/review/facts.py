"""What a document holds at all, read once per review and shared by every rule.

Most documents are declarations (申报表): no 完成值, no 得分, no monitoring columns. The
self-evaluation and monitoring rules each walked every indicator of such a document only to find
nothing to check; with these facts a rule whose input is absent from the whole document returns at
once (issue 11: a 5,000-project declaration has 80,000 indicators, walked once here instead of once
per such rule).
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.model.document import Document


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    actuals: bool = True  # some indicator has a 完成值 (``actual``)
    scores: bool = True  # some indicator has a 得分
    extras: bool = True  # some indicator has further columns (``extra``: 完成可能性, 纠偏措施, 分档 …)
    notes: bool = True  # some indicator has a 指标值说明 / 评分标准 (``note``)

    @classmethod
    def of(cls, doc: Document) -> DocumentFacts:
        actuals = scores = extras = notes = False
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
            if actuals and scores and extras and notes:
                break
        return cls(actuals=actuals, scores=scores, extras=extras, notes=notes)


#: Facts that claim everything is present: a rule given these checks every row (the safe default).
ANYTHING = DocumentFacts()
