"""Copy-paste across programmes: an indicator, or its basis, that names a sibling programme (临时救助 in
a 低保 table, 学前教育 in an 义务教育 table) instead of the project's own."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.i18n import _
from jixiao.model.document import Indicator, Project
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.registry import rule

#: Families of sibling programmes, funded from the same lines and filled in from the same templates:
#: programme -> the words that name it. A table about one is easily copied into another's.
FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "社会救助": {
        "最低生活保障": ("低保", "最低生活保障"),
        "临时救助": ("临时救助",),
        "特困人员供养": ("特困供养", "特困人员", "五保"),
        "医疗救助": ("医疗救助",),
        "孤儿基本生活保障": ("孤儿",),
    },
    "学生资助": {
        "学前教育": ("学前教育", "幼儿园", "幼儿资助"),
        "义务教育": ("义务教育", "营养改善", "小学", "初中"),
        "普通高中": ("普通高中", "高中生", "高中阶段"),
        "中等职业教育": ("中职", "中等职业"),
        "高等教育": ("大学生", "高校", "本专科", "研究生"),
    },
    "优抚安置": {
        "优抚对象抚恤": ("抚恤", "优抚"),
        "退役士兵安置": ("退役士兵", "安置"),
    },
}


#: Every word of a family, as one pattern: the cheap test before naming the programmes.
_ANY_WORD = {family: re.compile("|".join(re.escape(w) for words in programmes.values() for w in words))
             for family, programmes in FAMILIES.items()}


def _named(text: str, words: tuple[str, ...]) -> str | None:
    return next((w for w in words if w in text), None)


def _indicator_text(ind: Indicator) -> str:
    return " ".join([ind.name, ind.note or "", *ind.extra.values()])


def _own(project: Project) -> str:
    return "".join([project.name, *(g.text for g in project.goals)]).replace(" ", "")


@rule("CON005", "indicator-from-another-programme", "warning", "consistency", title="指标属于其他项目")
def indicator_from_another_programme(ctx: RuleContext) -> Iterator[Finding]:
    """指标或其依据写的是同级的其他项目，而不是本项目。

    Programmes of one family (社会救助: 低保, 临时救助, 特困供养, 医疗救助; 学生资助: 学前, 义务教育,
    高中, 中职, 高校; 优抚安置) share funding lines and templates, and their tables are often filled in
    by copying one into the other. When the project's name and goal name one programme of a family and
    an indicator's name, explanation or basis (评价标准确定依据 …) names another of the same family that
    the project never mentions, the indicator (or its standard) was copied from the other programme.

    Fails: 农村低保 目标表 (邯郸, 015): 救助覆盖率 with basis "按临时救助标准评价".
    Passes: the same indicator with basis "按农村低保标准评价".
    """
    for project in ctx.doc.projects:
        own = _own(project)
        for family, programmes in FAMILIES.items():
            if not _ANY_WORD[family].search(own):
                continue  # the project names no programme of this family (most projects: one search)
            mine = {p for p, words in programmes.items() if _named(own, words)}
            if not mine:
                continue
            for ind in project.indicators:
                text = _indicator_text(ind).replace(" ", "")
                for programme, words in programmes.items():
                    word = _named(text, words)
                    if programme in mine or word is None:
                        continue
                    yield ctx.finding(
                        _("指标“{name}”提到“{word}”（{programme}），而本项目是{mine}，可能是从同类{family}项目照搬的",
                          name=ind.name, word=word, programme=programme, mine="、".join(sorted(mine)),
                                                                                        family=family),
                        project=project,
                        indicator=ind,
                        evidence=" | ".join(t for t in (ind.raw, ind.note, *ind.extra.values()) if t),
                        expected=_("针对{mine}的指标和依据", mine="、".join(sorted(mine))),
                        context={"family": family, "programme": programme, "word": word},
                    )
                    break
