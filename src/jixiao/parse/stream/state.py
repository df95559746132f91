"""The walk's state: the projects being built, the current template, levels and the cells gathered
since the last category; the words that end a table."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from jixiao.model.document import Project, Unparsed
from jixiao.model.location import Location
from jixiao.parse.stream.tokens import Tok

TERMINATORS = re.compile(
    r"^(?:合计|总分(?:\(\d+分\))?|总计|自评等级|自评总分|说明|注:|注：|备注:|填报说明|评价结论|存在问题|改进措施|其他需要说明事项|项目负责人:?"
    r"|财务负责人:?|.{0,14}(?:审核|初审|审批)意见.*|财政.*(?:盖章|科室).*|单位负责人.*|填表人.*|联系电话.*)$"
)

SECTION_WORDS = {
    "绩效指标",
    "绩效目标",
    "年度绩效指标",
    "长期绩效指标",
    "项目绩效目标",
    "总体绩效目标",
    "绩效指标(90分)",
    "绩效指标(权重分值90分)",
}

@dataclass(slots=True)
class Walk:
    source: str
    year: int | None
    kind: str
    projects: list[Project] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    template: list[str] | None = None
    levels: tuple[str | None, str | None] = (None, None)
    segment: list[Tok] = field(default_factory=list)
    in_body: bool = False
    seen_table: bool = False
    records: int = 0
    good: int = 0
    last_body_tok: Tok | None = None
    ended_cleanly: bool = False
    open_category: tuple[Tok, int] | None = None  # the last level-2 category and the records then
    budget_cols: list[str] = field(default_factory=list)  # a self-evaluation's budget block header
    header_labels: list[tuple[str, str]] = field(default_factory=list)  # the last header run read
    project_cols: list[str] = field(default_factory=list)  # a long table's project columns (fields)
    money_unit: str = "万元"  # "金额单位:元" above a long table makes it 元
    header_at: tuple[int, int] = (-1, -1)  # (records, projects) when it was read

    raw_span: Callable[[int, int], tuple[int, int]] = lambda a, b: (a, b)
    raw_text: str = ""  # the document as read: an indicator's raw is its record's slice of it

    def loc(self, tok: Tok) -> Location:
        return Location(self.source, line=tok.line, span=self.raw_span(tok.start, tok.end))

    def project(self, tok: Tok | None = None) -> Project:
        if not self.projects:
            self.projects.append(
                Project(seq="1", name="", amount=None, location=self.loc(tok) if tok else None)
            )
        return self.projects[-1]
