"""Scoring profiles: the national rule of 财预〔2020〕10号 and the local variants, each with its source.

A profile fixes what a self-evaluation table leaves open: the points of 预算执行率, the default
points of each 一级指标 (used only when the table states no weights of its own), how a
lower-is-better and an "=" target are scored, the qualitative bands and the grade bands. Sources are
the sections of ``/work/shared/domain.md`` with its trust tags: [R] recalled from the official text,
[P] vendor practice (the ``pmkpi`` module), [L] one locality, [V] checked in a public copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jixiao.i18n import N_

D = Decimal


class ProfileError(KeyError):
    """An unknown profile name (a usage error at the CLI)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown profile"


@dataclass(frozen=True, slots=True)
class Band:
    """A qualitative band: its name, the share of the weight it spans, and how forms write it."""

    name: str
    low: Decimal  # share of the weight, inclusive
    high: Decimal  # share of the weight, inclusive for the top band
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    title: str
    source: str
    #: Points of 预算执行率 when the table does not state its own 分值/权重.
    budget_points: Decimal
    #: Default points per 一级 group (产出 / 效益 / 满意度), used only when no indicator has a weight.
    groups: tuple[tuple[str, Decimal], ...]
    #: 一级 (canonical, as review.measure.level1_of gives it) -> group.
    group_of: tuple[tuple[str, str], ...]
    #: "ratio": target / actual × weight (10号 forms); "linear": (1 − (actual − target) / target) ×
    #: weight, 0 from twice the target (the vendor's PERF_T_WARNSET).
    reverse: Literal["ratio", "linear"] = "ratio"
    #: "met": an "=" target earns the weight when met, 0 otherwise; "proportional": scored as ≥.
    equals: Literal["met", "proportional"] = "met"
    #: Read a negative actual as 0 before scoring (the vendor's rule).
    negative_as_zero: bool = False
    bands: tuple[Band, ...] = ()
    #: (lowest total, grade), highest first.
    grades: tuple[tuple[Decimal, str], ...] = ()
    #: ``source`` in Chinese for the web (a catalogue id: English shows ``source``'s sense).
    source_zh: str = ""

    @property
    def indicator_points(self) -> Decimal:
        return sum((p for _, p in self.groups), D(0))

    def group(self, level1: str | None) -> str | None:
        return dict(self.group_of).get(level1 or "")

    def band(self, name: str) -> Band | None:
        return next((b for b in self.bands if b.name == name), None)

    def grade(self, total: Decimal) -> str:
        return next((g for low, g in self.grades if total >= low), self.grades[-1][1])

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name, "title": self.title, "source": self.source,
            "budget_points": str(self.budget_points),
            "groups": {g: str(p) for g, p in self.groups},
            "reverse": self.reverse, "equals": self.equals, "negative_as_zero": self.negative_as_zero,
            "bands": [{"name": b.name, "low": str(b.low), "high": str(b.high)} for b in self.bands],
            "grades": [{"from": str(low), "grade": g} for low, g in self.grades],
        }


#: 10号: 达成 100–80% (inclusive), 部分达成 80–60%, 未达成 60–0% of the weight [R] domain.md §3.3.
BANDS_10 = (
    Band("达成", D("0.8"), D(1), ("达成年度指标", "达成预期指标", "达成", "已达成")),
    Band("部分达成", D("0.6"), D("0.8"), ("部分达成年度指标", "部分达成", "基本达成")),
    Band("未达成", D(0), D("0.6"), ("未达成年度指标", "未达成")),
)
#: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60 [R] domain.md §3.7 (MOF rule confirmed [V]).
GRADES_10 = ((D(90), "优"), (D(80), "良"), (D(60), "中"), (D(0), "差"))
_GROUPS_10 = (("产出", D(50)), ("效益", D(30)), ("满意度", D(10)))
#: 成本 is an output indicator in 10号's self-evaluation table (产出: 数量/质量/时效/成本).
_GROUP_OF_10 = (("产出", "产出"), ("成本", "产出"), ("效益", "效益"), ("满意度", "满意度"))

PROFILES: dict[str, Profile] = {}


def _register(profile: Profile) -> Profile:
    if profile.name in PROFILES:
        raise ValueError(f"duplicate scoring profile {profile.name!r}")
    PROFILES[profile.name] = profile
    return profile


_register(Profile(
    name="czy2020-10",
    title="财预〔2020〕10号 项目支出绩效自评（全国）",
    source="domain.md §3.2 weights 产出50/效益30/满意度10/预算执行率10 [R]; §3.3 比较法 ≥: B/A×分值, "
           "≤: A/B×分值, capped at the points, 定性 bands 100–80/80–60/60–0 [R]; §3.5 执行率 × 10 [R]; "
           "§3.7 grades 优90/良80/中60 [R][V]",
    budget_points=D(10), groups=_GROUPS_10, group_of=_GROUP_OF_10,
    bands=BANDS_10, grades=GRADES_10,
    source_zh=N_("财预〔2020〕10号 [R]（domain.md §3.2、§3.3、§3.5、§3.7）：产出 50、效益 30、满意度"
              " 10、预算执行率 10 分；比较法 ≥ 为 完成值/目标×分值，≤ 为 目标/完成值×分值，以分值"
              "为上限；定性档次 100–80%、80–60%、60–0%；执行率×10；等级 优 90、良 80、中 60 [V]"),
))
_register(Profile(
    name="hubei",
    title="湖北式自评表：预算执行 20 分、年度绩效目标 80 分（产出 60% / 效益 40%）",
    source="domain.md §3.2 and §3.5 local variation [L] (kunmingchi.com archive 973rxnk2je7n4oep6ym4): "
           "得分 = 20 × 执行率, 年度绩效目标 80 分 split 产出60/效益40, read as shares of the 80 "
           "(48 + 32 points); 满意度 counted under 效益 as in the 2015 framework",
    budget_points=D(20), groups=(("产出", D(48)), ("效益", D(32))),
    group_of=(("产出", "产出"), ("成本", "产出"), ("效益", "效益"), ("满意度", "效益")),
    bands=BANDS_10, grades=GRADES_10,
    source_zh=N_("湖北地方口径 [L]（domain.md §3.2、§3.5，kunmingchi.com 存档 973rxnk2je7n4oep6ym4）"
              "：得分 = 20 × 执行率；年度绩效目标 80 分按产出 60%、效益 40% 分配（48 + 32 分）；"
              "满意度按 2015 年框架计入效益"),
))
_register(Profile(
    name="sichuan-510000",
    title="四川统一格式 510000_0013zp：预算执行情况 10 分、绩效指标 90 分",
    source="the form of corpus document 017 (青神县, 报表编号 510000_0013zp, 预算执行率 = 预算执行数 / "
           "调整后预算数; 预算执行情况(10分), 绩效指标(90分), weights stated per row) [L]; default split "
           "and formulas as 10号 [R]",
    budget_points=D(10), groups=_GROUPS_10, group_of=_GROUP_OF_10,
    bands=BANDS_10, grades=GRADES_10,
    source_zh=N_("四川统一格式 [L]：语料第 017 号文件（青神县，报表编号 510000_0013zp；预算执行率 = "
              "预算执行数 / 调整后预算数；预算执行情况 10 分、绩效指标 90 分，各行自列分值）；默"
              "认分配与公式同 10号 [R]"),
))
_register(Profile(
    name="pmkpi",
    title="财政系统 pmkpi 模块的算法（≤ 线性扣分，= 按 ≥ 计）",
    source="domain.md §3.3 vendor PERF_T_WARNSET [P] code#54848695388: ≤ scores "
           "(1 − (actual − target)/target) × weight, 0 from 2 × target; = with target > 0 as ≥, with "
           "target 0 full only at actual ≤ 0; negative actual read as 0 [P] code#54504033813",
    budget_points=D(10), groups=_GROUPS_10, group_of=_GROUP_OF_10,
    reverse="linear", equals="proportional", negative_as_zero=True, bands=BANDS_10, grades=GRADES_10,
    source_zh=N_("财政系统 pmkpi 模块的算法 [P]（domain.md §3.3，PERF_T_WARNSET，code#54848695388）"
              "：≤ 指标得分 (1 − (完成值 − 目标)/目标) × 分值，达到目标 2 倍时为 0；= 且目标大于 "
              "0 时按 ≥ 计，目标为 0 时完成值 ≤ 0 才得满分；负的完成值按 0 计 [P]（code#545040338"
              "13）"),
))
_register(Profile(
    name="jiangxi",
    title="江西式定性档次 100–80 / 80–50 / 50–0",
    source="domain.md §3.3 Jiangxi form variant [L] (anecdotal: the copy had no URL); the rest as 10号 [R]",
    budget_points=D(10), groups=_GROUPS_10, group_of=_GROUP_OF_10,
    bands=(
        Band("达成", D("0.8"), D(1), BANDS_10[0].words),
        Band("部分达成", D("0.5"), D("0.8"), BANDS_10[1].words),
        Band("未达成", D(0), D("0.5"), BANDS_10[2].words),
    ),
    grades=GRADES_10,
    source_zh=N_("江西式表格 [L]（domain.md §3.3，传闻：所见副本无网址）：定性档次 100–80%、80–50%、"
              "50–0%；其余同 10号 [R]"),
))

DEFAULT_PROFILE = "czy2020-10"


def get_profile(name: str | Profile | None = None) -> Profile:
    """The profile called ``name`` (default czy2020-10). Raises :class:`ProfileError` when unknown."""
    if isinstance(name, Profile):
        return name
    try:
        return PROFILES[name or DEFAULT_PROFILE]
    except KeyError:
        raise ProfileError(f"unknown scoring profile {name!r}; known: {', '.join(PROFILES)}") from None
