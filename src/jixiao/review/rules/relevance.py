"""Relevance: an indicator whose distinctive words appear nowhere else in its project was probably
copied from another project. Words are cut with jieba, imported lazily (it is slow to load)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from jixiao.i18n import _
from jixiao.model.document import Project
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import l1, words, wordset
from jixiao.review.registry import rule

#: Measure words stripped from the end of a name before looking for its subject.
GENERIC_SUFFIXES = tuple(
    sorted(
        wordset(
            "安全保障率 政策知晓率 知晓率 满意度 满意率 覆盖率 合格率 达标率 完成率 及时率 "
            "到位率 执行率 保障率 通过率 使用率 利用率 参与率 出勤率 准确率 健全性 合理性 "
            "规范性 完整性 有效性 合规性 时限 时间 期限 天数 次数 人数 场次 数量 成本 费用 金额 率"
        ),
        key=lambda w: (-len(w), w),
    )
)

#: Words that say nothing about what an indicator is about.
GENERIC_WORDS = wordset(
    "工作 完成 开展 举办 组织 安排 实施 建设 管理 服务 质量 数量 时效 效益 社会 经济 生态 可持续 影响 "
    "安全 保障 提升 提高 改善 促进 加强 推进 情况 水平 能力 机制 制度 体系 单次 平均 每次 人均 单个 "
    "相关 有关 各类 各项 年度 全年 当年 按时 及时 有效 合理 规范 日常 顺利 运行 正常 项目 资金 经费 "
    "成本 控制 使用 合规 到位 完工 竣工 验收 按期 标准 指标 补助 补贴"
)


def _core(name: str, suffixes: tuple[str, ...]) -> str:
    core = "".join(name.split())
    changed = True
    while changed:
        changed = False
        for suffix in suffixes:
            if core.endswith(suffix) and len(core) > len(suffix):
                core = core[: -len(suffix)]
                changed = True
    return core


@lru_cache(maxsize=65536)
def distinctive_words(name: str, suffixes: tuple[str, ...], generic: frozenset[str]) -> tuple[str, ...]:
    """Words of ``name`` that say what it is about: ≥2 characters, not generic, measure stripped."""
    compact = "".join(name.split())
    if compact in suffixes:
        return ()
    return tuple(w for w in words(_core(compact, suffixes)) if w not in generic)


def _context(project: Project) -> str:
    parts = [project.name, *(g.text for g in project.goals), *(i.name for i in project.indicators)]
    return "\n".join(parts)


@rule(
    "CON003", "indicator-unrelated-to-project", "warning", "consistency", title="指标与项目无关",
    params={"extra_generic": [], "levels": ["产出", "成本"]},
)
def indicator_unrelated_to_project(ctx: RuleContext) -> Iterator[Finding]:
    """指标的特征词在本项目中无处出现：可能抄自其他项目。

    The indicator name loses its measure suffix (及时率, 满意度, 覆盖率, 合格率, 保障率, 时限 …); the rest
    is cut into words with jieba, and words that are generic (工作, 安全, 质量, 服务 … plus
    ``extra_generic``) are dropped. If none of the remaining words occurs in the project's name, goal
    text or other indicator names, the indicator is unrelated to the project. Only indicators under the
    level-1 categories in ``levels`` are checked (default 产出 and 成本, which must trace back to the
    project's content; benefit and satisfaction indicators name effects and beneficiaries in words of
    their own).

    Fails: 展品安全保障率 ("exhibit safety rate") in 环卫工人爱心早餐 (a sanitation workers' breakfast).
    Passes: 环卫工人覆盖率 in the same project.
    """
    generic = GENERIC_WORDS | frozenset(ctx.param_words("extra_generic"))
    suffixes = tuple(GENERIC_SUFFIXES)
    levels = set(ctx.param_words("levels"))
    known: dict[str, tuple[str, ...]] = {}  # name -> its distinctive words (names repeat across projects)
    said: dict[str, tuple[str, dict[str, str]]] = {}  # name -> its message and context (the same each time)
    for project in ctx.doc.projects:
        context = expected = ""
        for ind in project.indicators:
            if (l1(ind) or "产出") not in levels:
                continue
            name = ind.name
            found = known.get(name)
            if found is None:
                found = known[name] = distinctive_words(name, suffixes, generic)
            if not found:
                continue
            if not context:
                context = _context(project)
            if any(context.count(w) > name.count(w) for w in found):  # said elsewhere too
                continue
            if name not in said:
                said[name] = (
                    _("指标“{name}”中的“{words}”在本项目名称、目标和其他指标中都没有出现，可能是从其他项目照搬的",
                      name=name, words="、".join(found)),
                    {"words": " ".join(found)},
                )
            if not expected:
                expected = _("关于“{project}”的指标", project=project.name)
            message, details = said[name]
            yield ctx.finding(message, project=project, indicator=ind, expected=expected, context=details)
