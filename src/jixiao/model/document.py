"""The typed domain model: Document → Unit → Project → Goal / Indicator.

Pure dataclasses, stdlib only. Money and measured values are ``Decimal``; every parsed element keeps
its raw text and its :class:`Location`. Text that could not be placed is kept in ``unparsed`` lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from jixiao.model.location import Location


class ValueKind(StrEnum):
    NUMBER = "number"
    PERCENT = "percent"
    DATE = "date"
    TEXT = "text"


#: No operator was written (a bare "1天"): kept apart from a written "=" (等于, 达到 …), which scores
#: and reads differently. JSON writes it as ``null``; the editor shows it as 未写明.
NO_OPERATOR = ""

#: Operators as normalised by the parser. "定性" marks a qualitative value with no comparison;
#: :data:`NO_OPERATOR` a number or date written with none.
OPERATORS = ("≥", "≤", "=", ">", "<", "定性", NO_OPERATOR)

IndicatorValue = Decimal | dt.date | str | None

class _NoExtra(Mapping[str, str]):
    """The shared, read-only, empty ``Indicator.extra`` (hashable, so a dataclass may default to it)."""

    __slots__ = ()

    def __getitem__(self, key: str) -> str:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __hash__(self) -> int:
        return 0

    def get(self, key: str, default: Any = None) -> Any:  # the Mapping mixin's is slow; rules call it per row
        return default

    def __contains__(self, key: object) -> bool:
        return False

    def keys(self) -> KeysView[str]:  # the views of an empty dict: cheaper than the Mapping mixins
        return _EMPTY.keys()

    def values(self) -> ValuesView[str]:
        return _EMPTY.values()

    def items(self) -> ItemsView[str, str]:
        return _EMPTY.items()


_EMPTY: dict[str, str] = {}


NO_EXTRA: Mapping[str, str] = _NoExtra()


@dataclass(slots=True)
class Unparsed:
    """Text the parser could not place, kept verbatim with where it was and why."""

    text: str
    location: Location | None = None
    reason: str = ""


@dataclass(slots=True)
class Commitment:
    """A numeric promise found in goal text: "不低于10个", "不高于20万元", "达80%"."""

    text: str
    operator: str
    value: Decimal
    unit: str | None
    subject: str = ""
    span: tuple[int, int] | None = None


@dataclass(slots=True)
class Goal:
    text: str
    label: str | None = None  # "目标一", "目标1", … when the text carries one
    commitments: list[Commitment] = field(default_factory=list)
    location: Location | None = None


@dataclass(slots=True)
class Indicator:
    level1: str | None
    level2: str | None
    name: str
    operator: str
    value: IndicatorValue
    value_kind: ValueKind
    unit: str | None
    raw: str
    location: Location | None = None
    # Optional columns of the grid / self-evaluation layouts.
    nature: str | None = None  # 指标性质 as written (正向/反向/定量/定性 …)
    weight: Decimal | None = None
    note: str | None = None  # 指标值说明 / 指标解释
    actual: str | None = None  # 实际完成值 (self-evaluation)
    score: Decimal | None = None  # 得分 (self-evaluation)
    deviation: str | None = None  # 偏差原因分析及改进措施
    #: Every repair made to the text before it was understood (繁→简, ≧→≥, OCR, Excel date serial …),
    #: in Chinese, so a reader sees what was changed: "≧ 读作 ≥".
    #: (A tuple and a read-only mapping by default: a table holds hundreds of thousands of indicators,
    #: and most have neither, so none pays for an empty list and dict.)
    repairs: tuple[str, ...] = ()
    #: Further columns of the real forms, by their header as written: 优/良/中/差 thresholds,
    #: 年初指标值, 调整指标值, 得分系数, 是否核心指标, 评价标准, 指标方向 …
    extra: Mapping[str, str] = NO_EXTRA

    @property
    def number(self) -> Decimal | None:
        """The value as a Decimal when it is a number or a percent."""
        return self.value if isinstance(self.value, Decimal) else None


@dataclass(slots=True)
class Project:
    seq: str
    name: str
    amount: Decimal | None
    unit_code: str | None = None
    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    location: Location | None = None
    # Grid / self-evaluation header fields (None in the list layout).
    department: str | None = None  # 主管部门
    implementer: str | None = None  # 实施单位
    funds: dict[str, Decimal] = field(default_factory=dict)  # 年度资金总额, 其中财政拨款, …
    extra: dict[str, str] = field(default_factory=dict)
    #: How sure the recogniser is that this project was read as the document gives it, 0–1
    #: (None: a clean layout read by its own parser). Below 1 the project is partly a guess.
    confidence: Decimal | None = None


@dataclass(slots=True)
class Unit:
    code: str
    name: str
    amount: Decimal | None
    parent: str | None = None
    location: Location | None = None


@dataclass(slots=True)
class Document:
    title: str | None = None
    region: str | None = None
    year: int | None = None
    kind: str = "target"  # target | selfeval | unit-overall | other
    total: Decimal | None = None
    units: list[Unit] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    source: str = ""
    layout: str | None = None  # list | grid | selfeval
    organisation: str | None = None  # the unit named in the title (e.g. 门源县总工会)
    #: Where a document that stops mid-table (most copies found online do) stopped; None: complete.
    partial: str | None = None
    #: Document-wide repairs made before recognition (e.g. "繁体字转为简体 (412 字)").
    repairs: list[str] = field(default_factory=list)

    def unit(self, code: str) -> Unit | None:
        return next((u for u in self.units if u.code == code), None)

    def project(self, seq: str) -> Project | None:
        return next((p for p in self.projects if p.seq == seq), None)
