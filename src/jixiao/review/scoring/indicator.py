"""Score one self-evaluation indicator and show the working (财预〔2020〕10号 比较法 and profiles).

Pure: an :class:`~jixiao.model.document.Indicator`, its weight and a profile in, an
:class:`IndicatorScore` out. Decimal only; every score is rounded to 0.01, ROUND_HALF_UP.

- higher-is-better (≥, >, 正向): min(actual / target, 1) × weight;
- lower-is-better (≤, <, 反向, a cost in money): min(target / actual, 1) × weight (profile
  ``reverse="linear"``: (1 − (actual − target) / target) × weight, 0 from twice the target);
- "=": the weight when met, 0 otherwise (profile ``equals="proportional"``: as higher-is-better);
- dates: compared as dates, the weight when on time, 0 when late;
- qualitative, or a quantitative row whose actual is a sentence: the band (达成 / 部分达成 / 未达成)
  given by a reviewer, by the table, or stated by the actual sentence; no band: not scored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from jixiao.model.document import Indicator
from jixiao.review.scoring.actual import Actual, band_in_text, convert, read_actual
from jixiao.review.scoring.profiles import Profile

CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
#: Columns of the real forms that carry a reviewer's band.
BAND_COLUMNS = ("评价等级", "自评等级", "完成等级", "达成情况", "评价档次")
_DIGIT = re.compile(r"\d")
_MONEY = ("元",)


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    """A recomputed score and how it was reached. ``score`` None: not scored (``working`` says why).

    ``method``: higher, lower, equals, date, band, none. A band without a share gives the range
    ``low``–``high``; ``score`` is then the published score when it lies in the range, the nearest
    end when it does not, and the top of the band when there is none.
    """

    score: Decimal | None
    working: str
    method: str
    band: str | None = None
    band_from: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "score": _s(self.score), "working": self.working, "method": self.method, "band": self.band,
            "band_from": self.band_from, "low": _s(self.low), "high": _s(self.high),
        }


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def q(value: Decimal) -> Decimal:
    """Round to 0.01, half up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=4096)
def n(value: Decimal) -> str:
    """A number as a reader writes it: 4604, 0.5, 98.5 (no exponent, no trailing zeros); a computed
    value with a long tail (a default weight of 40 / 3) is shown to 0.01 with "…": 13.33…."""
    if value == value.to_integral_value():
        return str(value.quantize(ONE))
    normal = value.normalize()
    if int(normal.as_tuple().exponent) < -6:
        return f"{q(value)}…"
    return format(normal, "f")


def target_text(ind: Indicator) -> str:
    """The target as one short text: "≥735人次", "=100%", "≤2023-12-31", "有效"."""
    value = ind.value
    if isinstance(value, Decimal):
        return f"{ind.operator}{n(value)}{ind.unit or ''}"
    if isinstance(value, dt.date):
        return f"{ind.operator}{value.isoformat()}"
    return str(value or "")


#: How an "=" target is written when it really means "exactly" (a bare value or 达到 does not).
EQUALS_SIGNS = ("=", "＝", "═", "等于")
#: Names of indicators where less is better, for a target written without a comparison sign
#: (部门整体 forms: 预算调整率 3%, 结转结余率 2%, 三公经费变动率 0%).
LOWER_WORDS = ("调整率", "结余率", "结转率", "变动率", "发生率", "投诉", "事故", "差错", "超支", "损失",
               "不合格", "违规", "违纪", "失误", "故障", "返工", "闲置率", "空置率", "死亡率", "发病率")


def direction(ind: Indicator) -> tuple[str, str]:
    """(higher | lower | equals, why when not read from a sign): 指标性质/指标方向 first, then the
    operator, then a cost in money, then a name where less is better; an "=" that was not written
    as a sign (a bare value, 达到) is a target to reach, scored as ≥ (10号's 完成值 / 指标值)."""
    nature = (ind.nature or "") + ind.extra.get("指标方向", "")
    if "反向" in nature or "逆向" in nature:
        return "lower", ""
    if "正向" in nature:
        return "higher", ""
    if ind.operator in ("≥", ">"):
        return "higher", ""
    if ind.operator in ("≤", "<"):
        return "lower", ""
    cost = "成本" in (ind.level2 or "") or "成本" in (ind.level1 or "")
    if cost and ind.unit and any(m in ind.unit for m in _MONEY):
        return "lower", "成本指标，按反向计；"
    if any(sign in f"{ind.nature or ''} {ind.raw}" for sign in EQUALS_SIGNS):
        return "equals", ""
    word = next((w for w in LOWER_WORDS if w in ind.name), None)
    if word is not None:
        return "lower", f"未写比较符，名称含“{word}”，按反向计；"
    return "higher", "未写比较符，按 ≥ 计；"


def score_indicator(
    ind: Indicator,
    weight: Decimal | None,
    profile: Profile,
    year: int | None = None,
    band: str | None = None,
    published: Decimal | None = None,
) -> IndicatorScore:
    """Recompute one indicator's score out of ``weight``. ``band``: a reviewer's band ("达成" or
    "部分达成:70%"); ``published`` only places a band's score inside its range."""
    if weight is None or weight <= 0:
        return IndicatorScore(None, "没有分值，不计算", "none")
    given = band or next((ind.extra[c] for c in BAND_COLUMNS if ind.extra.get(c)), None)
    if given:
        source = "评审" if band else "表中评价等级"
        return score_band(given, source, weight, profile, published)
    actual = read_actual(ind.actual, year)
    if actual.kind == "missing":
        return IndicatorScore(None, "没有实际完成值，不计算", "none")
    target = ind.value
    if isinstance(target, Decimal) and ind.operator != "定性":
        if actual.kind == "number" and actual.number is not None:
            return _quantitative(ind, target, actual, weight, profile)
    elif isinstance(target, dt.date) and actual.kind == "date" and actual.date is not None:
        return _date(ind, target, actual.date, weight)
    if actual.kind == "text" and not _DIGIT.search(actual.text):
        stated = band_in_text(actual.text)
        if stated is not None:
            return score_band(stated, f"实际完成值“{actual.text}”", weight, profile, published)
    if target is None or target == "":
        return IndicatorScore(None, "没有年度指标值，不计算", "none")
    if isinstance(target, Decimal | dt.date) and ind.operator != "定性":
        return IndicatorScore(
            None, f"实际完成值“{actual.text}”无法与目标 {target_text(ind)} 比较，不计算", "none"
        )
    return IndicatorScore(None, "定性指标，未给出评价档次（达成/部分达成/未达成），不计算", "band")


def _quantitative(
    ind: Indicator, target: Decimal, actual: Actual, weight: Decimal, profile: Profile
) -> IndicatorScore:
    assert actual.number is not None
    value, note = convert(actual.number, actual.unit, ind.unit)
    prefix = f"{note}；" if note else ""
    if actual.nothing:
        prefix += "“无”读作 0；"
    way, why = direction(ind)
    prefix += why
    if profile.negative_as_zero and value < 0:
        value, prefix = ZERO, prefix + f"负数 {n(actual.number)} 读作 0；"
    w = n(weight)
    if way == "equals" and profile.equals == "proportional" and target > 0:
        way = "higher"
    if way == "higher":
        if target <= 0:  # no proportion to a zero or negative target: met or not
            if value >= target:
                return _full(prefix + f"目标 {n(target)}，{n(value)} ≥ {n(target)}", weight, way)
            return _none(prefix + f"目标 {n(target)}，{n(value)} < {n(target)}", way)
        if value >= target:
            ratio = f"{n(value)} / {n(target)} " + ("= 1" if value == target else "> 1，按 1 计")
            return IndicatorScore(q(weight), prefix + f"{ratio} × {w} = {q(weight)}", way)
        if value < 0:
            return _none(prefix + f"{n(value)} / {n(target)} < 0，按 0 计", way)
        share = value / target
        return IndicatorScore(q(share * weight), prefix + f"{n(value)} / {n(target)} × {w} = "
                              f"{q(share * weight)}", way)
    if way == "lower":
        if value <= target:
            return _full(prefix + f"{n(value)} ≤ {n(target)}，达到", weight, way)
        if target <= 0:
            return _none(prefix + f"目标 {n(target)}，实际 {n(value)} 超出", way)
        if profile.reverse == "linear":
            if value >= 2 * target:
                return _none(prefix + f"{n(value)} ≥ 2 × {n(target)}", way)
            share = ONE - (value - target) / target
            return IndicatorScore(q(share * weight), prefix + f"(1 − ({n(value)} − {n(target)}) / "
                                  f"{n(target)}) × {w} = {q(share * weight)}", way)
        share = target / value
        return IndicatorScore(q(share * weight), prefix + f"{n(target)} / {n(value)} × {w} = "
                              f"{q(share * weight)}", way)
    if value == target:
        return _full(prefix + f"{n(value)} = {n(target)}，达到", weight, way)
    return _none(prefix + f"{n(value)} ≠ {n(target)}，未达到", way)


def _full(text: str, weight: Decimal, way: str) -> IndicatorScore:
    return IndicatorScore(q(weight), f"{text} → 满分 {q(weight)}", way)


def _none(text: str, way: str) -> IndicatorScore:
    return IndicatorScore(q(ZERO), f"{text} → 0.00", way)


def _date(ind: Indicator, target: dt.date, actual: dt.date, weight: Decimal) -> IndicatorScore:
    if ind.operator in ("≥", ">"):
        if actual >= target:
            return _full(f"{actual.isoformat()} 不早于 {target.isoformat()}", weight, "date")
        return _none(f"{actual.isoformat()} 早于 {target.isoformat()}", "date")
    if actual <= target:  # ≤, < and "=": a deadline
        return _full(f"{actual.isoformat()} ≤ {target.isoformat()}，按期", weight, "date")
    return _none(f"{actual.isoformat()} 晚于 {target.isoformat()}，逾期", "date")


_SHARE = re.compile(r"^\s*(?P<band>[^:：\d]+?)\s*(?:[:：]\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<pct>%)?)?\s*$")


def score_band(
    spec: str, source: str, weight: Decimal, profile: Profile, published: Decimal | None = None
) -> IndicatorScore:
    """Score a band: "达成" (range), "部分达成:70%" or "部分达成:0.7" (a share inside the band)."""
    m = _SHARE.match(spec)
    name = band_in_text(m["band"]) if m else None
    found = profile.band(name) if name else None
    if m is None or found is None:
        return IndicatorScore(None, f"评价档次“{spec}”不是 达成/部分达成/未达成，不计算", "band")
    low, high = q(found.low * weight), q(found.high * weight)
    lead = {"评审": "评审定为", "表中评价等级": "表中评为"}.get(source, f"{source}读作")
    span = f"{lead}{found.name}（{n(found.low * 100)}%–{n(found.high * 100)}%）"
    if m["num"] is not None:
        number = Decimal(m["num"])
        share = number / 100 if m["pct"] or number > 1 else number  # "达成:90" means 90%
        if not found.low <= share <= found.high:
            return IndicatorScore(None, f"{span}不含 {n(share * 100)}%，不计算", "band", found.name, source)
        score = q(share * weight)
        return IndicatorScore(score, f"{span}：{n(share * 100)}% × {n(weight)} = {score}", "band",
                              found.name, source, low, high)
    text = f"{span}：{low}–{high}"
    if published is None:
        return IndicatorScore(high, f"{text}，取档内最高 {high}", "band", found.name, source, low, high)
    if low <= published <= high:
        return IndicatorScore(q(published), f"{text}，公布 {n(published)} 在档内", "band",
                              found.name, source, low, high)
    nearest = low if published < low else high
    return IndicatorScore(nearest, f"{text}，公布 {n(published)} 在档外，取 {nearest}", "band",
                          found.name, source, low, high)
