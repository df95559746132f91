"""The database schema (SQLAlchemy 2 declarative models).

Money and measured values are stored as decimal *text* (:class:`DecimalText`) so a value reads back
exactly as written on both SQLite and PostgreSQL. Locations, unparsed text and free-form dicts are
JSON. Every table the editor or the workflow touches has its changes recorded in ``audit_log``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Dialect, ForeignKey, Index, Integer, String, Text, false, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

#: Workflow states of a project's targets.
STATUSES = ("draft", "submitted", "approved", "returned")
#: Roles a user may hold.
ROLES = ("unit", "reviewer", "admin")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal stored as its exact string form."""

    impl = String(64)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str | None] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(String(200), index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(40), default="target")
    layout: Mapped[str | None] = mapped_column(String(40))
    organisation: Mapped[str | None] = mapped_column(Text)
    total: Mapped[Decimal | None] = mapped_column(DecimalText)
    unparsed: Mapped[list[Any]] = mapped_column(JSON, default=list)
    #: where a cut-off document stopped (None: complete); repairs made before recognition
    partial: Mapped[str | None] = mapped_column(Text)
    repairs: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    units: Mapped[list[UnitRow]] = relationship(
        back_populates="document", order_by="UnitRow.position", cascade="all, delete-orphan")
    projects: Mapped[list[ProjectRow]] = relationship(
        back_populates="document", order_by="ProjectRow.position", cascade="all, delete-orphan")


class UnitRow(Base):
    __tablename__ = "units"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(100), index=True)
    name: Mapped[str] = mapped_column(Text)
    amount: Mapped[Decimal | None] = mapped_column(DecimalText)
    parent: Mapped[str | None] = mapped_column(String(100))
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    document: Mapped[DocumentRow] = relationship(back_populates="units")


class ProjectRow(Base):
    __tablename__ = "projects"
    __table_args__ = (Index("ix_projects_status_region_year", "status", "region", "year"),
                      Index("ix_projects_status_id", "status", "id"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    seq: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(Text)
    amount: Mapped[Decimal | None] = mapped_column(DecimalText)
    unit_code: Mapped[str | None] = mapped_column(String(100), index=True)
    unit_name: Mapped[str | None] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer)
    department: Mapped[str | None] = mapped_column(Text)
    implementer: Mapped[str | None] = mapped_column(Text)
    funds: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    unparsed: Mapped[list[Any]] = mapped_column(JSON, default=list)
    confidence: Mapped[Decimal | None] = mapped_column(DecimalText)  # the recogniser's, 0–1
    status: Mapped[str] = mapped_column(String(20), default="draft")
    review_comment: Mapped[str | None] = mapped_column(Text)
    document: Mapped[DocumentRow] = relationship(back_populates="projects")
    goals: Mapped[list[GoalRow]] = relationship(
        back_populates="project", order_by="GoalRow.position", cascade="all, delete-orphan")
    indicators: Mapped[list[IndicatorRow]] = relationship(
        back_populates="project", order_by="IndicatorRow.position", cascade="all, delete-orphan")


#: the columns a project list shows (the rest, JSON included, stays unloaded: lists are hot paths)
SUMMARY_COLUMNS = (ProjectRow.id, ProjectRow.document_id, ProjectRow.seq, ProjectRow.name, ProjectRow.amount,
                   ProjectRow.unit_code, ProjectRow.unit_name, ProjectRow.region, ProjectRow.year,
                   ProjectRow.status)


class GoalRow(Base):
    __tablename__ = "goals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str | None] = mapped_column(String(100))
    commitments: Mapped[list[Any]] = mapped_column(JSON, default=list)
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: bumped by every edit: an edit naming an older version is refused (``store.editing``)
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    project: Mapped[ProjectRow] = relationship(back_populates="goals")


class IndicatorRow(Base):
    __tablename__ = "indicators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    level1: Mapped[str | None] = mapped_column(Text)
    level2: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    operator: Mapped[str] = mapped_column(String(20))
    value: Mapped[str | None] = mapped_column(Text)
    value_kind: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str | None] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    nature: Mapped[str | None] = mapped_column(Text)
    weight: Mapped[Decimal | None] = mapped_column(DecimalText)
    note: Mapped[str | None] = mapped_column(Text)
    actual: Mapped[str | None] = mapped_column(Text)
    score: Mapped[Decimal | None] = mapped_column(DecimalText)
    deviation: Mapped[str | None] = mapped_column(Text)
    repairs: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    #: bumped by every edit: an edit naming an older version is refused (``store.editing``)
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    project: Mapped[ProjectRow] = relationship(back_populates="indicators")


class FindingRow(Base):
    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicators.id", ondelete="SET NULL"))
    rule: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(200))
    severity: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    project: Mapped[str | None] = mapped_column(String(100))
    indicator: Mapped[str | None] = mapped_column(Text)
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    evidence: Mapped[str | None] = mapped_column(Text)
    expected: Mapped[str | None] = mapped_column(Text)
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    docs: Mapped[str | None] = mapped_column(Text)


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    unit_code: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: bumped by logout, a password change and disabling: every session signed earlier ends
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ReviewActionRow(Base):
    __tablename__ = "review_actions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    username: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: the open 错误 findings (rule codes) a submit or approval was confirmed over; None: there were none
    confirmed_errors: Mapped[list[Any] | None] = mapped_column(JSON)


class ReviewCommentRow(Base):
    """A reviewer's 批注 on a submitted project (``indicator_id`` None: on the project as a whole).

    ``return_action_id`` is None while the project is under review (only reviewers see the comment);
    returning the project attaches its pending comments to that return, and the unit then sees them."""

    __tablename__ = "review_comments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicators.id", ondelete="SET NULL"))
    #: the indicator's name when the comment was written (kept if the indicator is deleted later)
    indicator_name: Mapped[str | None] = mapped_column(Text)
    username: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    return_action_id: Mapped[int | None] = mapped_column(ForeignKey("review_actions.id", ondelete="SET NULL"))


class AuditRow(Base):
    """Append-only and hash-chained: rows are inserted and sealed once, never changed or deleted
    (see ``store.audit`` and ``store.audit_chain``). The database sets ``at``."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    username: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    #: the previous row's ``hash`` (``audit_chain.GENESIS`` for the first row)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    #: sha256 over this row's fields and ``prev_hash``; NULL only until sealed in the same transaction
    hash: Mapped[str | None] = mapped_column(String(64))


# The performance year's tables (issue 10) live in their own module on the same Base; importing it
# here keeps Base.metadata complete wherever the schema is used (migrations, tests, create_all).
from jixiao.store import year_schema as _year_schema  # noqa: E402,F401

__all__ = [
    "ROLES",
    "STATUSES",
    "AuditRow",
    "Base",
    "DocumentRow",
    "FindingRow",
    "GoalRow",
    "IndicatorRow",
    "ProjectRow",
    "ReviewActionRow",
    "ReviewCommentRow",
    "UnitRow",
    "UserRow",
]
