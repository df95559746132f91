"""Validating what a unit types into a monitoring round, a self-evaluation or an adjustment request.

Every function takes the submitted values as plain strings (a form or a JSON body, the same keys)
and returns the typed model object, or field errors in Chinese (through the catalogue): the web's
live check, the save and the API all call these, so they say the same thing. Field keys are
``as_of``, ``executed``, … and ``entries.<indicator id>.<field>`` for an indicator's row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar

from jixiao.i18n import _
from jixiao.model.document import ValueKind
from jixiao.model.year import (
    CAUSES,
    LIKELIHOODS,
    OFFICIAL_CAUSE,
    OFFICIAL_LIKELIHOOD,
    MonitoringEntry,
    MonitoringRound,
    SelfEvaluation,
    SelfEvaluationEntry,
)
from jixiao.review.scoring.actual import read_actual
from jixiao.review.scoring.profiles import DEFAULT_PROFILE, PROFILES
from jixiao.store import text_rules
from jixiao.store.schema import IndicatorRow

T = TypeVar("T")
#: amounts in 万元 above this are a typing mistake, not a project
MAX_AMOUNT = Decimal("1e12")
_ISO = re.compile(r"^(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})日?$")
BANDS = ("达成", "部分达成", "未达成")
_BAND = re.compile(r"^(达成|部分达成|未达成)(?:[:：]\d+(?:\.\d+)?%?)?$")


@dataclass(slots=True)
class Checked(Generic[T]):
    value: T | None
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(raw: Any, key: str, errors: dict[str, str], limit: int = 2000) -> str:
    value = "" if raw is None else str(raw)
    problem = text_rules.refusal(value, limit)
    if problem:
        errors[key] = problem
        return ""
    return text_rules.clean(value, limit).strip()


def amount(raw: Any, key: str, label: str, errors: dict[str, str], required: bool = True) -> Decimal | None:
    """A non-negative amount (万元); '1,234.5' is read as 1234.5."""
    text = _text(raw, key, errors).replace(",", "").replace("，", "")
    if not text:
        if required:
            errors[key] = _("请填写{label}", label=label)
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        errors[key] = _("{label}须为数字，而不是 {value}", label=label, value=repr(text[:40]))
        return None
    if value < 0:
        errors[key] = _("{label}不能为负数", label=label)
        return None
    if value > MAX_AMOUNT:
        errors[key] = _("{label}过大（万元）：{value}", label=label, value=text[:40])
        return None
    return value


def date_in_year(raw: Any, key: str, year: int | None, errors: dict[str, str]) -> dt.date | None:
    text = _text(raw, key, errors)
    match = _ISO.match(text)
    if not text:
        errors[key] = _("请填写截至日期")
        return None
    try:
        value = dt.date(*(int(g) for g in match.groups())) if match else None
    except ValueError:
        value = None
    if value is None:
        errors[key] = _("日期须写作 2023-07-31，而不是 {value}", value=repr(text[:40]))
        return None
    if year is not None and value.year != year:
        errors[key] = _("日期 {date} 不在预算年度 {year} 年内", date=value.isoformat(), year=year)
        return None
    return value


def actual(raw: Any, key: str, ind: IndicatorRow, year: int | None, errors: dict[str, str]) -> str:
    """An indicator's actual as the scoring engine will read it: a number for a numeric target
    (not negative), a date on or after the year's start for a date target; words otherwise."""
    text = _text(raw, key, errors, 200)
    read = read_actual(text, year)
    if read.kind == "missing":
        return text
    kind = ValueKind(ind.value_kind)
    if ind.operator != "定性" and kind in (ValueKind.NUMBER, ValueKind.PERCENT):
        if read.kind != "number" or read.number is None:
            errors[key] = _("“{name}”的完成值须为数值（目标 {target}），而不是 {value}", name=ind.name,
                            target=ind.raw or ind.value or "", value=repr(text[:40]))
        elif read.number < 0:
            errors[key] = _("“{name}”的完成值不能为负数", name=ind.name)
    elif kind is ValueKind.DATE and ind.operator != "定性":
        if read.kind != "date" or read.date is None:
            errors[key] = _("“{name}”的完成值须为日期，例如 {year}-11-30", name=ind.name, year=year or 2023)
        elif year is not None and read.date < dt.date(year, 1, 1):
            errors[key] = _("“{name}”的完成日期 {date} 早于预算年度 {year}", name=ind.name,
                            date=read.date.isoformat(), year=year)
    return text


def _choice(raw: Any, key: str, allowed: Sequence[str], official: Mapping[str, str], label: str,
            errors: dict[str, str]) -> str | None:
    text = _text(raw, key, errors, 40)
    if not text:
        return None
    back = {v: k for k, v in official.items()}
    if text in allowed or text in back:
        return back.get(text, text)
    errors[key] = _("{label}须为 {allowed} 之一", label=label, allowed="/".join(allowed))
    return None


def _entries(data: Mapping[str, Any]) -> Mapping[str, Mapping[str, Any]]:
    given = data.get("entries") or {}
    if isinstance(given, list):  # the API's list form: [{"indicator_id": 5, …}, …]
        return {str(e.get("indicator_id")): e for e in given if isinstance(e, Mapping)}
    if not isinstance(given, Mapping):
        return {}
    return {str(k): v for k, v in given.items() if isinstance(v, Mapping)}


def monitoring_round(data: Mapping[str, Any], indicators: Sequence[IndicatorRow],
                     year: int | None) -> Checked[MonitoringRound]:
    errors: dict[str, str] = {}
    as_of = date_in_year(data.get("as_of"), "as_of", year, errors)
    initial = amount(data.get("budget_initial"), "budget_initial", _("年初预算数"), errors, required=False)
    full = amount(data.get("budget_full"), "budget_full", _("全年预算数"), errors)
    executed = amount(data.get("executed"), "executed", _("执行数"), errors)
    if full is not None and executed is not None and executed > full:
        errors["executed"] = _("执行数 {executed} 超过全年预算数 {budget}", executed=executed, budget=full)
    given = _entries(data)
    entries = []
    for ind in indicators:
        row, key = given.get(str(ind.id)) or {}, f"entries.{ind.id}"
        entries.append(MonitoringEntry(
            ind.id, actual(row.get("actual"), f"{key}.actual", ind, year, errors),
            _choice(row.get("likelihood"), f"{key}.likelihood", LIKELIHOODS, OFFICIAL_LIKELIHOOD,
                    _("完成可能性"), errors),
            _choice(row.get("cause"), f"{key}.cause", CAUSES, OFFICIAL_CAUSE, _("偏差原因"), errors),
            _text(row.get("cause_text"), f"{key}.cause_text", errors),
            _text(row.get("correction"), f"{key}.correction", errors)))
    if errors or as_of is None:
        return Checked(None, errors)
    return Checked(MonitoringRound(as_of, initial, full, executed, entries))


def self_evaluation(data: Mapping[str, Any], indicators: Sequence[IndicatorRow],
                    year: int | None) -> Checked[SelfEvaluation]:
    errors: dict[str, str] = {}
    initial = amount(data.get("budget_initial"), "budget_initial", _("年初预算数"), errors, required=False)
    full = amount(data.get("budget_full"), "budget_full", _("全年预算数"), errors)
    executed = amount(data.get("executed"), "executed", _("全年执行数"), errors)
    conclusion = _text(data.get("conclusion"), "conclusion", errors, text_rules.MAX_TEXT)
    given = _entries(data)
    entries = []
    for ind in indicators:
        row, key = given.get(str(ind.id)) or {}, f"entries.{ind.id}"
        weight = amount(row.get("weight"), f"{key}.weight", _("“{name}”的分值", name=ind.name), errors,
                        required=False)
        if weight is not None and weight > 100:
            errors[f"{key}.weight"] = _("“{name}”的分值 {weight} 超过 100", name=ind.name, weight=weight)
        score = amount(row.get("score"), f"{key}.score", _("“{name}”的得分", name=ind.name), errors,
                       required=False)
        if score is not None and weight is not None and score > weight:
            errors[f"{key}.score"] = _("“{name}”的得分 {score} 超过分值 {weight}", name=ind.name, score=score,
                                       weight=weight)
        band = _text(row.get("band"), f"{key}.band", errors, 40) or None
        if band is not None and not _BAND.match(band):
            errors[f"{key}.band"] = _("评价档次须为 {allowed} 之一", allowed="/".join(BANDS))
        elif band is not None and ind.operator != "定性" and ind.value_kind != ValueKind.TEXT.value:
            errors[f"{key}.band"] = _("“{name}”是定量指标，按完成值计分，不选评价档次", name=ind.name)
        entries.append(SelfEvaluationEntry(
            ind.id, actual(row.get("actual"), f"{key}.actual", ind, year, errors), weight, score, band,
            _text(row.get("deviation"), f"{key}.deviation", errors)))
    total = sum((e.weight for e in entries if e.weight is not None), Decimal(0))
    if total > 100:
        errors["entries"] = _("各指标分值合计 {total} 超过 100", total=total)
    if errors:
        return Checked(None, errors)
    return Checked(SelfEvaluation(initial, full, executed, conclusion, entries))


def reason(raw: Any, key: str, label: str, errors: dict[str, str]) -> str:
    text = _text(raw, key, errors, text_rules.MAX_TEXT)
    if not text and key not in errors:
        errors[key] = _("请填写{label}", label=label)
    return text


def scoring_profile(profile: str | None, errors: dict[str, str]) -> str:
    """The chosen scoring profile's name (blank: the 10号 default); an unknown one is a field error."""
    name = (str(profile or "")).strip() or DEFAULT_PROFILE
    if name not in PROFILES:
        errors["profile"] = _("评分口径须为 {allowed} 之一", allowed="/".join(PROFILES))
    return name


def profile_json(name: str | None) -> dict[str, str]:
    """A profile's name, title and documented source, in the reader's language (an unknown stored
    name: the name alone)."""
    found = PROFILES.get(name or DEFAULT_PROFILE)
    if found is None:
        return {"name": name or "", "title": name or "", "source": ""}
    return {"name": found.name, "title": found.title,
            "source": _(found.source_zh) if found.source_zh else found.source}


def profile_choices() -> list[dict[str, str]]:
    """Every scoring profile for the self-evaluation form's choice, the default first."""
    return [profile_json(name) for name in PROFILES]
