"""How much a text cell looks like an indicator's name (1) rather than running prose, a fragment or a
cell of another column (negative): the aligner's fit of the name column, and the records' test
before a row becomes an indicator."""

from __future__ import annotations

import re
from functools import lru_cache

_LEADING_NUMBER = re.compile(r"^\d{3,}")


_PROSE_MARKS = re.compile(r"[,，。;；]")
_PROSE_WORDS = re.compile(
    r"得分|扣分|满分|本项目|原因为|完成率为|目标值(?:为|是)|完成值(?:为|是)|^[(（][一二三四五六七八九十]+[)）]"
)


#: cells of other columns that stand where a name would: an indicator's description (指标解释
#: "反映…", "该指标主要考察…"), a template's hint in brackets ("(必填硬性指标)", "(或计划水平)"), the
#: 指标值设定依据 (计划标准 …), a scoring rule's tail ("每减少1%扣1分", "10分", "…情况较大得" before its
#: points, 128), page furniture
_NOT_A_NAME = re.compile(
    r"^(?:反映|该指标|每(?:减少|降低|超出|增加|少于|多于))"
    r"|^[(（][^()（）]*[)）]$"
    r"|^(?:计划|行业|历史|其他)标准$"
    r"|^[\d.]+分$|(?<![获取赢])得$"
    r"|^扫一扫|^\[[^\]]*\]$"
)


def _quantity_first(text: str) -> bool:
    """A name that opens with a quantity and its unit, then goes on in words ("5000吨稻谷、…")."""
    from jixiao.parse.stream.units import UNITS

    digits = re.match(r"\d+(?:\.\d+)?", text)
    rest = text[digits.end():] if digits else ""
    return any(
        rest.startswith(u) and re.match(r"[\u4e00-\u9fff]", rest[len(u):]) for u in UNITS if u != "%"
    )


@lru_cache(maxsize=8192)
def name_plausibility(text: str) -> float:
    """How much a text cell looks like an indicator's name (1) rather than running prose or a stray
    fragment (negative): names are short phrases, not sentences about scores."""
    from jixiao.parse.stream.vocab import column_kind, compact, field_label

    t = text.strip()
    bare = t.lstrip(":：,，、")  # ":指标" of an empty template row "指标1:指标2:" (161)
    if len(bare) < 2 or (_LEADING_NUMBER.match(t) and not _quantity_first(t)):
        return -0.5  # a stray character; "20100社会…" is no name ("5000吨稻谷、…储备到位率" is, 007)
    if column_kind(bare) is not None or field_label(bare):  # a header word used in a sentence
        return -1.5
    if _NOT_A_NAME.search(bare):
        return -1.0
    score = 1.0 if len(t) <= 60 else 0.2
    if len(_PROSE_MARKS.findall(t)) >= 2 or _PROSE_WORDS.search(compact(t)):
        score = -0.8
    elif t.endswith(("为", "是", ":", "：")):
        score = -0.5
    return score
