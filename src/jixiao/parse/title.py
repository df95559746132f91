"""The title line of a published table: "门源县总工会2023年部门预算项目支出绩效目标公开表".

Gives the title as written (without Markdown ``#`` marks), the organisation before the year
(门源县总工会), the year (2023) and the region: the leading chain of administrative divisions in the
organisation name (省 / 市 / 州 / 县 / 区 / 旗 / 镇 / 乡 …), e.g. 门源县, 西宁市城东区.
"""

from __future__ import annotations

import re

_TITLE = re.compile(r"^(?P<org>.*?)\s*(?P<year>(?:19|20)\d{2})\s*年(?:度)?(?P<rest>.*)$")
_KEYWORDS = ("绩效", "预算", "公开表", "目标表", "申报表", "自评表")
_C = r"[^\s\d年]"
_REGION = re.compile(
    rf"^(?:{_C}{{1,9}}?(?:省|自治区|特别行政区))?"
    rf"(?:{_C}{{1,9}}?(?:自治州|地区|盟|州市|市|州))?"
    rf"(?:{_C}{{1,9}}?(?:自治县|县|区|旗|市))?"
    rf"(?:{_C}{{1,9}}?(?:镇|乡|街道))?"
)
#: Words that end a region match too early ("市场监督管理局" is not a 市).
_FALSE_ENDS = ("市场", "区域", "县级", "州府", "市级", "区级")


def parse_region(organisation: str) -> str | None:
    organisation = organisation.removeprefix("中国共产党").removeprefix("中共")
    m = _REGION.match(organisation)
    if m is None or not m.group(0):
        return None
    region = m.group(0)
    rest = organisation[len(region) :]
    for word in _FALSE_ENDS:
        if (region[-1:] + rest).startswith(word):
            region = region[:-1]
            trimmed = _REGION.match(region)
            region = trimmed.group(0) if trimmed else ""
            break
    return region or None


_TABLE_WORDS = re.compile(r"(?:部门|单位)?(?:预算|项目支出|整体支出|绩效)")


def _leading_organisation(rest: str) -> str | None:
    """"2023年门源县总工会部门预算…": the organisation written after the year."""
    m = _TABLE_WORDS.search(rest)
    org = rest[: m.start()].strip(" 度:：") if m else ""
    return org or None


def parse_title(text: str) -> tuple[str, str | None, int | None, str | None] | None:
    """(title, region, year, organisation) when ``text`` looks like a table title, else None."""
    title = text.strip().lstrip("#").strip()
    if not title or len(title) > 120 or not any(k in title for k in _KEYWORDS):
        return None
    m = _TITLE.match(title)
    if m is None:
        return title, parse_region(title), None, None
    organisation = m["org"].strip() or _leading_organisation(m["rest"])
    region = parse_region(organisation) if organisation else None
    return title, region, int(m["year"]), organisation
