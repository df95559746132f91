"""An aligned record (column -> cells) becomes an :class:`Indicator`.

The operator written in its own column (指标性质 "≥", 指标方向 "="), the value and the unit in 计量单位
are put back together and read by the value grammar (:func:`jixiao.parse.values.parse_value`). Values
the context proves damaged are repaired first, each repair noted on the indicator.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from jixiao.model.document import Indicator, ValueKind
from jixiao.model.location import Location
from jixiao.parse.indicators import unit_from_name
from jixiao.parse.normalise import repair_value
from jixiao.parse.numbers import parse_amount
from jixiao.parse.stream.placeholders import PLACEHOLDERS
from jixiao.parse.stream.rubric_targets import target_from_rule
from jixiao.parse.stream.runs import spread_run, weight_before_value
from jixiao.parse.stream.vocab import QUALITATIVE_ENDINGS
from jixiao.parse.values import parse_value

_OPERATOR_WORDS = {
    "≥",
    "≤",
    "=",
    ">",
    "<",
    ">=",
    "<=",
    "==",
    "大于等于",
    "小于等于",
    "等于",
    "大于",
    "小于",
    "不低于",
    "不高于",
    "不少于",
    "不超过",
}
_EXTRA = {
    "adjusted": "调整指标值",
    "coefficient": "得分系数",
    "core": "是否核心指标",
    "likelihood": "完成可能性",
    "history": "上年实际值",
    "grade_liang": "良",
    "grade_zhong": "中",
    "grade_cha": "差",
    "note2": "说明2",
}


_NAME_JUNK = re.compile(r"^(?:[\s:：,，)）、;；.*]+|指标\d+[:：]|任务\d+[:：])+")
_QUALIFIED = re.compile(
    r"^(?P<v>[≥≤<>=]?\s*\d+(?:\.\d+)?\s*%?)(?P<q>达标|完成|以上完成|及以上|全覆盖)$"
)
_PLUS_MINUS = re.compile(r"^±\s*(?P<v>\d+(?:\.\d+)?\s*%?)(?:以内|之内)?$")
_MONTH_END = re.compile(r"^(?P<m>\d{1,2})月(?:底|末)(?:前|之前)?(?:到位|完成|拨付)$")
_YEAR_END = re.compile(r"^(?P<y>(?:19|20)\d{2})年(?:年)?(?:底|末)(?P<before>前|之前)?$")


def _clean_name(text: str) -> str:
    """A name without the row-number and separator debris a flattened copy leaves before it."""
    return _NAME_JUNK.sub("", text.strip()).strip() or text.strip()


def _strip_qualifier(text: str) -> tuple[str, str]:
    """ "100%达标" -> "100%"; "2023年底" -> "2023年12月31日"; with the note saying so."""
    m = _QUALIFIED.match(text)
    if m is not None:
        return m["v"], f"「{text}」读作「{m['v']}」"
    m = _PLUS_MINUS.match(text)
    if m is not None:
        return f"≤{m['v']}", f"「{text}」读作「≤{m['v']}」(误差不超过)"
    m = _MONTH_END.match(text)
    if m is not None:
        return f"{m['m']}月底前", f"「{text}」读作「{m['m']}月底前」"
    m = _YEAR_END.match(text)
    if m is not None:
        date = f"{m['y']}年12月31日{m['before'] or ''}"
        return date, f"「{text}」读作「{date}」"
    return text, ""


_WORD_AT_END = re.compile(rf"(?:{'|'.join((*QUALITATIVE_ENDINGS, '时限长远', '长远', '长期', '达标'))})$")
_TARGET_IN_NAME = re.compile(
    r"(达到?|不低于|不少于)?(\d+(?:\.\d+)?)(%|次|个|人|户|项|天|小时)(以上|及以上)?"
)
_HINT = re.compile(r"[(（][≥≤<>=]?\*+([^)）*]{1,6})[)）]")


def _hint_unit(text: str) -> str | None:
    """ "元/株" from a template hint "(≤**元/株)" left next to the value."""
    m = _HINT.search(text)
    return m.group(1) if m else None


def _decimal(text: str | None) -> Decimal | None:
    if not text:
        return None
    value = parse_amount(text.replace("分", ""))
    return value


def build_indicator(
    fields: dict[str, str],
    levels: tuple[str | None, str | None],
    year: int | None,
    location: Location,
    has_weight: bool = False,
    template: Sequence[str] = (),
) -> Indicator:
    """``fields``: column kind -> cell text (cells of one column joined by a space)."""
    name = _clean_name(fields.get("name", ""))
    op = ""
    nature = fields.get("nature") or None
    direction = fields.get("direction") or None
    for written in (direction, nature):
        if written and written.strip() in _OPERATOR_WORDS:
            op = written.strip()
            break
    value_text = (fields.get("value") or fields.get("grade_you") or "").strip()
    unit_text = (fields.get("unit") or "").strip()
    if unit_text in ("/", "—", "-"):
        unit_text = ""
    hint_unit = _hint_unit(value_text) or _hint_unit(name)
    glued = (
        spread_run(fields, template)
        or weight_before_value(fields, template)
        or split_value_and_weight(fields, has_weight)
    )
    value_text = (fields.get("value") or fields.get("grade_you") or "").strip()
    value_text, repairs = repair_value(value_text, context=name, year=year)
    value_text, qualifier = _strip_qualifier(value_text)
    repairs[:0] = glued
    if qualifier:
        repairs.append(qualifier)
    blank = value_text in PLACEHOLDERS
    if blank:  # "一" / "—" in 指标值: left blank on purpose (a rubric item with no target, 169)
        repairs.append(f"指标值「{value_text}」是占位符，没有目标值")
        value_text = ""
    if not value_text and not fields.get("actual") and not blank:
        glued_word = _WORD_AT_END.search(name)
        if (
            glued_word is not None and glued_word.start() >= 4
        ):  # "…发展情况稳步提高": a qualitative target
            value_text = glued_word.group()
            name = name[: glued_word.start()]
            repairs.append(f"定性目标「{value_text}」从指标名称末尾分出(与名称连写，属推测)")
    if not value_text and not blank and template and "value" not in template and fields.get("note"):
        read = target_from_rule(fields["note"], _decimal(fields.get("weight")))
        if read is not None:  # a rubric item whose 评价标准 states its threshold (167)
            value_text = read[0]
            repairs.append(read[1])
    if not value_text and not blank:
        in_name = _TARGET_IN_NAME.findall(name)
        if len(in_name) == 1:  # "政府年内组织2次以上督查": the name carries its own target
            op, number, unit, suffix = in_name[0]
            value_text = f"{'≥' if suffix or op in ('不低于', '不少于') else ''}{number}{unit}"
            repairs.append(f"目标值「{value_text}」取自指标名称(表中没有单独的指标值，属推测)")
    if hint_unit and not unit_text:
        bare = re.fullmatch(r"([≥≤<>=]*\s*[\d.,]+)\s*(/[^\d\s]+)?", value_text)
        if bare and (bare.group(2) is None or hint_unit.endswith(bare.group(2))):
            value_text = f"{bare.group(1)}{hint_unit}"
            repairs.append(f"单位「{hint_unit}」取自模板提示")
    joined = value_text
    if unit_text and re.fullmatch(r"[≥≤<>=]?\s*[\d.,]+", value_text):
        joined = f"{value_text}{unit_text}"
    raw_value = f"{op}{joined}" if op and not re.match(r"^[≥≤<>=]", joined) else joined
    parsed = parse_value(raw_value, year)
    unit = parsed.unit
    kind = parsed.kind
    if unit is None and unit_text and kind is ValueKind.NUMBER:
        unit = unit_text
    if unit is None and kind is ValueKind.NUMBER:
        unit, kind = unit_from_name(name, kind)
    operator = parsed.operator
    extra = {label: fields[k] for k, label in _EXTRA.items() if fields.get(k)}
    if fields.get("grade_you"):
        extra["优"] = fields["grade_you"]
    ind = Indicator(
        level1=levels[0],
        level2=levels[1],
        name=name,
        operator=operator,
        value=parsed.value,
        value_kind=kind,
        unit=unit,
        raw=" | ".join(t for t in fields.values() if t),
        location=location,
        nature=nature or direction,
        weight=_decimal(fields.get("weight")),
        note=fields.get("note") or None,
        actual=fields.get("actual") or None,
        score=_decimal(fields.get("score")),
        deviation=fields.get("deviation") or None,
        repairs=tuple(repairs),
        extra=extra,
    )
    _split_merged_weight_score(ind, fields)
    return ind


_WEIGHTS = ("10", "20", "5", "15", "30", "25", "8", "6", "4", "3", "2")


def split_value_and_weight(fields: dict[str, str], has_weight: bool) -> list[str]:
    """ "210010" in 目标值 with 分值 empty: a target 2100 and a weight 10 run together (009). The tail
    is taken as the weight when it is a usual one; the note says so."""
    value = (fields.get("value") or "").strip()
    if not has_weight or fields.get("weight") or not value.isdigit() or len(value) < 4:
        return []
    for tail in _WEIGHTS:
        head = value[: -len(tail)]
        if value.endswith(tail) and head and not head.startswith("0"):
            fields["value"], fields["weight"] = head, tail
            return [f"「{value}」→ 目标值 {head}、分值 {tail}(数字粘连，按列拆分，属推测)"]
    return []


def _split_merged_weight_score(ind: Indicator, fields: dict[str, str]) -> None:
    """ "22" in 指标权重 with no 得分 (a weight 2 and a score 2 run together) is split in two halves."""
    text = (fields.get("weight") or "").strip()
    if ind.score is not None or not text.isdigit() or len(text) % 2 or len(text) < 2:
        return
    half = len(text) // 2
    if text[:half] == text[half:]:
        ind.weight = Decimal(text[:half])
        ind.score = Decimal(text[half:])
        note = f"「{text}」→ 分值 {text[:half]}、得分 {text[half:]}(数字粘连，按列拆分)"
        ind.repairs = (*ind.repairs, note)
