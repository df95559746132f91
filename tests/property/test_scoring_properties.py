"""The scoring engine on arbitrary written targets and actuals: it never raises, never floats, every
score lies between 0 and the weight with two decimals, and a score always comes with its working."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model.document import Indicator
from jixiao.parse.values import parse_value
from jixiao.review.scoring import PROFILES, get_profile, score_indicator

_PIECES = st.sampled_from([
    "≥", "≤", "=", "<", ">", "不低于", "不超过", "0", "1", "2.5", "95", "100", "-3", "735", "1,000,000",
    "%", "人次", "万元", "元", "起", "2023年", "12月", "31日", "底前", "前", "有效", "无", "—", "/", " ",
    "达成预期指标", "基本完成", "未达到", "按时完成", "完成率", "左右", "以上",
])
_TEXT = st.lists(_PIECES, max_size=5).map("".join)
_WEIGHTS = st.sampled_from([None, "0", "0.5", "2", "10", "12.5", "60"]).map(lambda w: w and Decimal(w))
_BANDS = st.sampled_from([None, "达成", "部分达成:70%", "未达成:10%", "很好", "达成:50%"])


@settings(max_examples=300, deadline=None)
@given(_TEXT, _TEXT, _WEIGHTS, st.sampled_from(list(PROFILES)), _BANDS,
       st.sampled_from([None, "正向", "反向"]), st.sampled_from(["数量指标", "成本指标"]))
def test_scores_stay_within_the_weight(target: str, actual: str, weight: Decimal | None, profile: str,
                                       band: str | None, nature: str | None, level2: str) -> None:
    parsed = parse_value(target, 2023)
    ind = Indicator("产出指标", level2, "指标", parsed.operator, parsed.value, parsed.kind, parsed.unit,
                    target, nature=nature, weight=weight, actual=actual)
    result = score_indicator(ind, weight, get_profile(profile), 2023, band)
    assert result.working
    if result.score is not None:
        assert weight is not None and Decimal(0) <= result.score <= weight
        assert result.score.as_tuple().exponent == -2
        assert str(result.score) in result.working or result.method == "band"
