"""Cell-level repairs of an indicator VALUE, each only where the context proves it, each with a note.

:func:`repair_value` takes one cell already known to hold a value (and, as ``context``, the indicator
name and/or column header) and returns the repaired text with Chinese notes for
``Indicator.repairs``. It expects text that went through :func:`jixiao.parse.normalise.normalise_text`
(half-width digits and operators). Word operators (不低于, 达到 …) are left to
:mod:`jixiao.parse.values`, which reads them.
"""

from __future__ import annotations

import datetime as dt
import re

from jixiao.model.document import ValueKind
from jixiao.parse.values import KNOWN_UNITS, parse_value

#: Note for a value that is only a template placeholder ("≥**人", "XX", "★").
PLACEHOLDER_NOTE = "占位符，未填写"

_OP = r"(?:>=|<=|≥|≤|≧|≦|>|<|=|不低于|不少于|不高于|不超过|达到)"
_MARK = r"(?:\*+|[xX×]+|★+)"
_UNITS = "|".join(re.escape(u) for u in sorted(KNOWN_UNITS, key=len, reverse=True))
_UNIT = rf"(?:(?:{_UNITS}|/)[^\s\d()（）*]{{0,4}})?"  # "人", "%", "元/株", "万元"
_PLACEHOLDER = re.compile(rf"[(（]?\s*{_OP}?\s*{_MARK}\s*{_UNIT}\s*[)）]?")
_HINT = re.compile(rf"[(（]\s*{_OP}?\s*{_MARK}\s*{_UNIT}\s*[)）]")
_STAR = re.compile(r"^\s*★+\s*")
_WAN = re.compile(r"(?<=\d)\s*万兀")
_W = re.compile(r"^(\s*)[Ww]\s*(?=\d)")
_OCR_NUM = re.compile(r"(?<![A-Za-z])[0-9OoIl][0-9OoIl.]*(?![A-Za-z])")
_OCR_DIGITS = str.maketrans("OoIl", "0011")
_PLAIN_NUMBER = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
_RATE_NAME = re.compile(r"率|满意度|覆盖|合格|达标|知晓")
_NOT_CAPPED = re.compile(r"增长|增幅|增加|提高|提升|上升|下降|变动|变化|完成率|超")
_GE_MISREAD = re.compile(r"^(\s*)([23])((?:[1-9]\d|100)(?:\.\d+)?)(\s*%\s*)$")
_TIME_NAME = re.compile(r"时间|时限|日期|期限|完成时|到位时")
_SERIAL = re.compile(
    r"^(\s*(?:[=≥≤<>]|不晚于|不迟于)?\s*)(\d{2},?\d{3})(?:\s+(\d{2},?\d{3}))?(\s*(?:前|之前|以前)?\s*)$"
)
_US_DATE = re.compile(r"(?<![\d./])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d./])")
_DOT_DATE = re.compile(r"(?<![\d./])((?:19|20)\d{2})([./])(\d{1,2})\2(\d{1,2})(?![\d./])")
#: two dates joined into a period: "2020.1.1-2020.12.31", "2021.1.1-12.31", "1/1/2021至12/31/2021"
_PERIOD = re.compile(r"\d[./]\d{1,2}\s*(?:-|—|–|~|～|至)\s*(?:(?:19|20)\d{2}[./])?\d{1,2}[./]\d{1,2}")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 36526, 55153  # 2000-01-01 .. 2050-12-31


def is_placeholder(text: str) -> bool:
    """True for a value that is only a template placeholder: "≥**人", "（≥**%）", "XX", "★", "**"."""
    return _PLACEHOLDER.fullmatch(text.strip()) is not None


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _serial(text: str, context: str, year: int | None, notes: list[str]) -> str:
    m = _SERIAL.fullmatch(text)
    if m is None or _TIME_NAME.search(context) is None:
        return text
    first, second = m[2].replace(",", ""), (m[3] or "").replace(",", "")
    n = int(first)
    if (second and second != first) or not _SERIAL_MIN <= n <= _SERIAL_MAX:
        return text
    date = _EXCEL_EPOCH + dt.timedelta(days=n)
    if year is not None and abs(date.year - year) > 3:  # far from the budget year: not proved
        return text
    twice = "（重复两次，合为一个）" if second else ""
    notes.append(f"Excel 日期序列号 {n} 读作 {date.isoformat()}{twice}")
    return f"{m[1]}{date.isoformat()}{m[4]}"


def _us_date(m: re.Match[str], notes: list[str]) -> str:
    a, b, y = int(m[1]), int(m[2]), int(m[3])
    date, order = _date(y, a, b), "月/日/年"
    if date is None:
        date, order = _date(y, b, a), "日/月/年"
    if date is None:
        return m[0]
    notes.append(f"日期「{m[0]}」({order}) 读作 {date.isoformat()}")
    return date.isoformat()


def _dot_date(m: re.Match[str], notes: list[str]) -> str:
    date = _date(int(m[1]), int(m[3]), int(m[4]))
    if date is None:
        return m[0]
    notes.append(f"日期「{m[0]}」读作 {date.isoformat()}")
    return date.isoformat()


def _ocr_number(m: re.Match[str], notes: list[str]) -> str:
    token = m[0]
    if token.isdigit() or not any(c in "OoIl" for c in token):
        return token
    if not any(c.isdigit() for c in token) and re.fullmatch(r"[Il][Oo]+", token) is None:
        return token  # "IO", "lOO" are numbers; "O", "Il" alone are not proved
    fixed = token.translate(_OCR_DIGITS)
    if _PLAIN_NUMBER.fullmatch(fixed) is None:  # "O76" -> "076" has a leading zero: not proved
        return token
    notes.append(f"OCR: {token} 读作 {fixed}")
    return fixed


def _ocr_numbers(text: str, notes: list[str]) -> str:
    local: list[str] = []
    fixed = _OCR_NUM.sub(lambda m: _ocr_number(m, local), text)
    if local and _is_number(fixed) and not _is_number(text):  # only when that makes it a value
        notes.extend(local)
        return fixed
    return text


def _is_number(text: str) -> bool:
    parsed = parse_value(text)
    return parsed.ok and parsed.kind is not ValueKind.TEXT


def _ge_misread(text: str, context: str, notes: list[str]) -> str:
    m = _GE_MISREAD.fullmatch(text)
    if m is None or _RATE_NAME.search(context) is None or _NOT_CAPPED.search(context) is not None:
        return text
    if float(m[2] + m[3]) <= 100 or float(m[3]) > 100:
        return text
    fixed = f"{m[1]}≥{m[3]}{m[4]}"
    notes.append(f"OCR: {m[2]}{m[3]}% 读作 ≥{m[3]}%（「≥」误识为「{m[2]}」，比率不超过 100%）")
    return fixed


def repair_value(cell: str, *, context: str = "", year: int | None = None) -> tuple[str, list[str]]:
    """Repair one value cell; return (text, notes). Only repairs the context proves (see the module doc)."""
    notes: list[str] = []
    if is_placeholder(cell):
        return cell, [PLACEHOLDER_NOTE]
    text = cell
    star = _STAR.match(text)
    if star is not None:
        notes.append(f"行首标记「{star[0].strip()}」已删除")
        text = text[star.end():]
    for hint in _HINT.findall(text):
        rest = text.replace(hint, "", 1)
        if rest.strip():
            notes.append(f"模板占位提示「{hint}」已删除")
            text = rest
    if is_placeholder(text):
        return text, [*notes, PLACEHOLDER_NOTE]
    if _WAN.search(text):
        text = _WAN.sub(lambda m: m[0][:-1] + "元", text)
        notes.append("OCR: 万兀 → 万元")
    if "顼目" in text:
        text = text.replace("顼目", "项目")
        notes.append("OCR: 顼目 → 项目")
    w = _W.match(text)
    if w is not None:
        text = f"{w[1]}≤{text[w.end():]}"
        notes.append("OCR: W 读作 ≤")
    text = _ocr_numbers(text, notes)
    text = _ge_misread(text, context, notes)
    text = _serial(text, context, year, notes)
    if _PERIOD.search(text):  # "2020.1.1-2020.12.31": a period stays as written (124, 153);
        return text, notes  # rewriting its dates one by one gave "2021-01-01-12.31"
    text = _US_DATE.sub(lambda m: _us_date(m, notes), text)
    text = _DOT_DATE.sub(lambda m: _dot_date(m, notes), text)
    return text, notes
