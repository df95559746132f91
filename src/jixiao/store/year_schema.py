"""Tables of the performance year (issue 10, migration 0005): the year lock, monitoring rounds,
target adjustments, target versions and the self-evaluation.

Per-indicator entries of a round or a self-evaluation are JSON lists on their row (read and written
whole, with the round), keyed by the indicator's id, with decimals as strings. The board reads the
round's own columns only (amounts, ``target_risk``), so it never opens the JSON.
Imported by :mod:`jixiao.store.schema`, so ``Base.metadata`` always holds these tables.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from jixiao.store.schema import Base, DecimalText, utcnow


class PerformanceYearRow(Base):
    """A project's budget year: locked once its self-evaluation is confirmed (admin unlocks)."""

    __tablename__ = "performance_years"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), unique=True)
    locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    locked_by: Mapped[str | None] = mapped_column(String(100))
    locked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class MonitoringRoundRow(Base):
    __tablename__ = "monitoring_rounds"
    __table_args__ = (UniqueConstraint("project_id", "as_of", name="uq_monitoring_project_as_of"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    as_of: Mapped[dt.date] = mapped_column(Date)
    budget_initial: Mapped[Decimal | None] = mapped_column(DecimalText)
    budget_full: Mapped[Decimal | None] = mapped_column(DecimalText)
    executed: Mapped[Decimal | None] = mapped_column(DecimalText)
    entries: Mapped[list[Any]] = mapped_column(JSON, default=list)
    #: red / yellow / green from the entries alone (不能, lagging), set on every save
    target_risk: Mapped[str] = mapped_column(String(10), default="green")
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class TargetAdjustmentRow(Base):
    __tablename__ = "target_adjustments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicators.id", ondelete="SET NULL"))
    indicator_name: Mapped[str] = mapped_column(Text)
    old_target: Mapped[str] = mapped_column(Text)
    #: the new target as the editor's fields (operator, value, unit) and its text
    new_operator: Mapped[str] = mapped_column(String(20))
    new_value: Mapped[str] = mapped_column(Text)
    new_unit: Mapped[str | None] = mapped_column(Text)
    new_target: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    requested_by: Mapped[str] = mapped_column(String(100))
    requested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    decision_comment: Mapped[str | None] = mapped_column(Text)


class TargetVersionRow(Base):
    """One version of an indicator's target: number 1 is the approved declaration, each approved
    adjustment adds the next (``adjustment_id``). History is never rewritten."""

    __tablename__ = "target_versions"
    __table_args__ = (UniqueConstraint("indicator_id", "number", name="uq_target_versions_number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    operator: Mapped[str] = mapped_column(String(20))
    value: Mapped[str | None] = mapped_column(Text)
    value_kind: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str | None] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)
    adjustment_id: Mapped[int | None] = mapped_column(
        ForeignKey("target_adjustments.id", ondelete="SET NULL"))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SelfEvaluationRow(Base):
    __tablename__ = "self_evaluations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), unique=True)
    budget_initial: Mapped[Decimal | None] = mapped_column(DecimalText)
    budget_full: Mapped[Decimal | None] = mapped_column(DecimalText)
    executed: Mapped[Decimal | None] = mapped_column(DecimalText)
    conclusion: Mapped[str] = mapped_column(Text, default="")
    entries: Mapped[list[Any]] = mapped_column(JSON, default=list)
    profile: Mapped[str] = mapped_column(String(40), default="czy2020-10")
    #: recomputed by the scoring engine on every save
    total: Mapped[Decimal | None] = mapped_column(DecimalText)
    grade: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    review_comment: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    confirmed_by: Mapped[str | None] = mapped_column(String(100))
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


__all__ = ["MonitoringRoundRow", "PerformanceYearRow", "SelfEvaluationRow", "TargetAdjustmentRow",
           "TargetVersionRow"]
