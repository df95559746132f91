"""Dates as written: Excel serial numbers and US-style or impossible dates in targets, and a target
table published after its budget year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import Any

from jixiao.i18n import _
from jixiao.model.document import Document, Indicator, Project, Unparsed
from jixiao.review.context import RuleContext
from jixiao.review.finding import Finding
from jixiao.review.measure import fmt, l2
from jixiao.review.registry import rule

#: Excel serials of 2000-01-01 and 2049-12-31 (day 0 = 1899-12-30).
_SERIALS = (Decimal(36526), Decimal(54788))
_EPOCH = dt.date(1899, 12, 30)
_SERIAL_TEXT = re.compile(r"^\s*(\d{2},?\d{3})\s*$")
_TIME_NAME = re.compile(r"时间|日期|时限|期限|截止|完成时|到位时")
_US = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
_YMD = re.compile(r"((?:19|20)\d{2})\s*(?:年|-|\.|/)\s*(\d{1,2})\s*(?:月|-|\.|/)(?:\s*(\d{1,2})\s*日?)?")


@lru_cache(maxsize=4096)
def _unit_serial(unit: str) -> Decimal | None:
    """The Excel serial a unit column holds ("44,561"), else None."""
    match = _SERIAL_TEXT.match(unit)
    return Decimal(match.group(1).replace(",", "")) if match else None


def _serial(ind: Indicator) -> Decimal | None:
    """An Excel date serial standing as the value or the unit of a time indicator."""
    unit = _unit_serial(ind.unit) if ind.unit else None
    if unit is not None:
        return unit
    number = ind.number
    if (number is not None and _SERIALS[0] <= number <= _SERIALS[1] and number == int(number)
            and (l2(ind) == "时效" or _TIME_NAME.search(ind.name))):
        return number
    if ind.repairs and any("Excel" in r or "序列" in r for r in ind.repairs):
        match = re.search(r"\d{2},?\d{3}", " ".join(ind.repairs) + " " + ind.raw)
        return Decimal(match.group(0).replace(",", "")) if match else Decimal(0)
    return None


def _impossible(text: str) -> tuple[str, str] | None:
    """(as written, why) for a US-style or impossible date in ``text``."""
    if "/" not in text and "月" not in text and "-" not in text:
        return None
    us = _US.search(text)
    if us:
        return us.group(0), _("美式日期（月/日/年）")
    for match in _YMD.finditer(text):
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
        if not 1 <= month <= 12:
            return match.group(0), _("不存在 {month} 月", month=month)
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            return match.group(0), _("{month} 月没有 {day} 日", month=month, day=day)
    return None


_UNSEEN = object()


@rule("TIM003", "date-in-impossible-format", "error", "timeliness", title="日期格式错误")
def date_in_impossible_format(ctx: RuleContext) -> Iterator[Finding]:
    """日期写成了 Excel 序列号、美式格式（12/31/2021）或不存在的日子。

    A spreadsheet cell formatted as a number shows a date as its serial ("44,561" is 2021-12-31); a
    published target reading "44,561" in 目标值 and 计量单位 cannot be checked by anyone without Excel.
    "12/31/2021" is not a Chinese date format and is ambiguous with 31/12; "2021年13月" or "2月30日"
    does not exist. Looked for in time indicators' values and units, and in the text of every value.

    Fails: 项目财政资金到位时间 = 44,561 44,561 (乌海市供销社 2021, 023).
    Passes: 项目完成时间 2021年12月31日 (濮阳市档案馆, 021).
    """
    checked: dict[str, Any] = {}  # text -> _impossible(text) (dates repeat)
    for project in ctx.doc.projects:
        for ind in project.indicators:
            serial = _serial(ind)
            if serial is not None:
                in_range = _SERIALS[0] <= serial <= _SERIALS[1]
                day = _EPOCH + dt.timedelta(days=int(serial)) if in_range else None
                meant = _("，即 {date}", date=day.isoformat()) if day else ""
                yield ctx.finding(
                    _("时效指标“{name}”的目标值是 Excel 日期序列号 {serial}{meant}，不是日期", name=ind.name,
                      serial=fmt(serial), meant=meant),
                    project=project,
                    indicator=ind,
                    expected=_("中文写法的日期（{date}）",
                               date=f"{day.year}年{day.month}月{day.day}日") if day
                    else _("日期（YYYY年M月D日）"),
                    context={"serial": fmt(serial), "date": day.isoformat() if day else ""},
                )
                continue
            text = (ind.value if isinstance(ind.value, str) else ind.raw) or ""
            if "/" not in text and "月" not in text and "-" not in text:
                continue  # no date in it (_impossible's own first test)
            found = checked.get(text, _UNSEEN)
            if found is _UNSEEN:
                found = checked[text] = _impossible(text)
            if found is not None:
                yield ctx.finding(
                    _("指标“{name}”的日期“{date}”格式不对：{why}", name=ind.name, date=found[0],
                      why=found[1]),
                    project=project,
                    indicator=ind,
                    expected=_("按 YYYY年M月D日 书写的真实日期"),
                    context={"date": found[0]},
                )


_PUBLISHED = re.compile(r"发布时间|发布日期|发文时间|发文日期|公开时间|公开日期|印发日期|成文日期")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|-|/|\.)")
_LABELLED = re.compile(rf"^\s*({_PUBLISHED.pattern})\s*[:：]?\s*(.*)$")


def publication_dates(doc: Document) -> Iterator[tuple[Project | None, str, str]]:
    """(project, label, date as written) for each publication date the document carries: a header
    field (``Project.extra``), or a loose line "发布时间:2022-03-01" (a label alone on its line takes
    the next line: "发文时间" / "2023-03-27")."""
    for each in doc.projects:
        for key, value in each.extra.items():
            if _PUBLISHED.search(key) and _YEAR.search(value):
                yield each, key, value.strip()
    sole = doc.projects[0] if len(doc.projects) == 1 else None  # the page's lines are about it
    owners: list[tuple[Project | None, list[Unparsed]]] = [(sole, doc.unparsed)]
    owners += [(p, p.unparsed) for p in doc.projects]
    for project, items in owners:
        texts = [" ".join(u.text.split()) for u in items]
        for n, text in enumerate(texts):
            match = _LABELLED.match(text)
            if match is None:
                continue
            value = match.group(2) or (texts[n + 1] if n + 1 < len(texts) else "")
            if _YEAR.match(value):
                yield project, match.group(1), value


@rule("TIM004", "published-after-budget-year", "warning", "timeliness", title="预算年度结束后才公开")
def published_after_budget_year(ctx: RuleContext) -> Iterator[Finding]:
    """绩效目标表在其预算年度结束之后才公开。

    Performance targets are set with the budget and published with it (预算法 and 财预〔2015〕88号:
    targets are approved together with the budget, before the money is spent); a target table
    published the year after can no longer steer the spending. Checked only for target documents
    that carry a publication date among their header fields (发布时间, 发文时间, 公开日期 … in
    ``Project.extra``, or a line of the page such as "发布时间:2022年09月12日"); self-evaluations are
    published after the year by nature and are not checked.

    Fails: 再生资源回收市场管理经费 绩效目标表 (2021年), 发布时间 2022年09月12日 (乌海市供销社, 023).
    Passes: 黄金蜜(葡萄)种植项目 绩效目标 (2023), 发文时间 2023-03-27 (同心县下马关镇, 027).
    """
    year = ctx.year
    if year is None or ctx.doc.kind != "target":
        return
    for project, key, value in publication_dates(ctx.doc):
        match = _YEAR.search(value)
        if match is None or int(match.group(1)) <= year:
            continue
        yield ctx.finding(
            _("{year}年度的绩效目标表到 {published} 才公开，预算年度已经结束", year=year, published=value),
            project=project,
            evidence=f"{key} {value}",
            expected=_("与 {year} 年预算同时公开（最迟 {year} 年初）", year=year),
            context={"published": value, "budget_year": str(year)},
        )
        return  # one publication date is enough
