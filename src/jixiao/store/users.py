"""User accounts: argon2-hashed passwords, roles (unit / reviewer / admin) and their scope."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jixiao.i18n import _
from jixiao.store import audit, text_rules
from jixiao.store.access import Viewer
from jixiao.store.schema import ROLES, ProjectRow, UnitRow, UserRow

_HASHER = PasswordHasher()
#: verified against when the user does not exist, so a missing user costs the same time.
_DUMMY_HASH = _HASHER.hash("not-a-real-password")
MIN_PASSWORD = 8


class UserError(ValueError):
    """Invalid account data (one-line message)."""


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return bool(_HASHER.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def add_user(session: Session, username: str, password: str, role: str, *, unit_code: str | None = None,
             region: str | None = None, by: str = "system") -> UserRow:
    username = username.strip()
    if not username:
        raise UserError(_("用户名不能为空"))
    try:
        username = text_rules.username(username)
        unit_code = None if unit_code is None else text_rules.clean(unit_code.strip(), 100) or None
        region = None if region is None else text_rules.clean(region.strip(), 200) or None
    except text_rules.TextError as exc:
        raise UserError(str(exc)) from exc
    if role not in ROLES:
        raise UserError(_("角色须为 {roles} 之一，而不是 {role}", roles=", ".join(ROLES), role=repr(role)))
    if role == "unit" and not unit_code:
        raise UserError(_("单位用户须指定单位编码 --unit"))
    if role == "reviewer" and not region:
        raise UserError(_("审核用户须指定地区 --region"))
    _check_password(password)
    if get_user(session, username) is not None:
        raise UserError(_("用户 {user} 已存在", user=repr(username)))
    row = UserRow(username=username, password_hash=hash_password(password), role=role,
                  unit_code=unit_code if role == "unit" else None,
                  region=region if role in ("reviewer", "unit") else None)
    session.add(row)
    session.flush()
    audit.record(session, by, "add", "user", row.id, None, user_dict(row))
    return row


def unit_known(session: Session, unit_code: str) -> bool:
    """Whether a stored document names the unit ``unit_code`` (in its units or on a project)."""
    code = unit_code.strip()
    if session.scalar(select(UnitRow.id).where(UnitRow.code == code).limit(1)) is not None:
        return True
    return session.scalar(select(ProjectRow.id).where(ProjectRow.unit_code == code).limit(1)) is not None


def _check_password(password: str) -> None:
    try:
        text_rules.password(password)
    except text_rules.TextError as exc:
        raise UserError(str(exc)) from exc
    if len(password) < MIN_PASSWORD:
        raise UserError(_("密码至少 {minimum} 个字符", minimum=MIN_PASSWORD))


def end_sessions(session: Session, username: str) -> bool:
    """Bump the user's session version: every session issued before ends. False: no such user."""
    done = session.execute(update(UserRow).where(UserRow.username == username)
                           .values(session_version=UserRow.session_version + 1)
                           .execution_options(synchronize_session="fetch"))
    return getattr(done, "rowcount", 0) == 1


def _existing(session: Session, username: str) -> UserRow:
    row = get_user(session, username)
    if row is None:
        raise UserError(_("用户 {user} 不存在", user=repr(username)))
    return row


def change_password(session: Session, username: str, password: str, *, by: str) -> UserRow:
    """Set a new password and end every session of the user."""
    _check_password(password)
    row = _existing(session, username)
    row.password_hash = hash_password(password)
    end_sessions(session, username)
    audit.record(session, by, "password", "user", row.id, None, {"username": username})
    return row


def set_disabled(session: Session, username: str, disabled: bool, *, by: str) -> UserRow:
    """Disable (ending every session, refusing logins) or enable an account."""
    row = _existing(session, username)
    before = user_dict(row)
    row.disabled = disabled
    end_sessions(session, username)
    audit.record(session, by, "disable" if disabled else "enable", "user", row.id, before, user_dict(row))
    return row


def get_user(session: Session, username: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.username == username)).first()


def authenticate(session: Session, username: str, password: str) -> UserRow | None:
    row = get_user(session, username)
    if row is None or row.disabled:
        verify_password(_DUMMY_HASH, password)
        return None
    return row if verify_password(row.password_hash, password) else None


def list_users(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.username)))


def viewer_of(row: UserRow) -> Viewer:
    return Viewer(row.username, row.role, row.unit_code, row.region)


def user_dict(row: UserRow) -> dict[str, str | bool | None]:
    return {"username": row.username, "role": row.role, "unit": row.unit_code, "region": row.region,
            "disabled": bool(row.disabled)}
