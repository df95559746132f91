"""User accounts: argon2-hashed passwords, roles (unit / reviewer / admin) and their scope.

New usernames follow :data:`NEW_USERNAME` (2–32 letters, digits, CJK characters or ``_ . @ -``), so a
name like ``<img src=x>`` is refused. The CLI and the web accept only unit codes and regions a stored
document names, unless asked to create them (``--create-unit`` / ``--create-region``, the web's
checkboxes).
"""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jixiao.i18n import _
from jixiao.store import audit, text_rules
from jixiao.store.access import Viewer
from jixiao.store.schema import ROLES, DocumentRow, ProjectRow, UnitRow, UserRow

_HASHER = PasswordHasher()
#: verified against when the user does not exist, so a missing user costs the same time.
_DUMMY_HASH = _HASHER.hash("not-a-real-password")
MIN_PASSWORD = 8
#: what a new account's name may be (existing accounts keep theirs)
NEW_USERNAME = re.compile(r"[A-Za-z0-9_.@\-\u4e00-\u9fff]{2,32}")


class UserError(ValueError):
    """Invalid account data (one-line message)."""


class AccountDisabled(UserError):
    """The password was right but the account is disabled."""


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return bool(_HASHER.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def new_username(value: str) -> str:
    """``value`` stripped, if it may name a new account; UserError otherwise."""
    value = value.strip()
    if not value:
        raise UserError(_("用户名不能为空"))
    problem = text_rules.refusal(value, text_rules.MAX_USERNAME)
    if problem:
        raise UserError(_("用户名{problem}", problem=problem))
    if not NEW_USERNAME.fullmatch(value):
        raise UserError(_("用户名须为 2–32 个字母、数字、汉字或 _ . @ -"))
    return value


def _scope(session: Session, role: str, unit_code: str | None, region: str | None,
           create_unit: bool, create_region: bool) -> tuple[str | None, str | None]:
    """The (unit code, region) an account of ``role`` keeps, checked; UserError when invalid."""
    try:
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
    unit_code = unit_code if role == "unit" else None
    region = region if role in ("reviewer", "unit") else None
    if not create_unit and unit_code and not unit_known(session, unit_code):
        raise UserError(_("单位编码 {code} 不在库中（没有已导入的文件列出该单位）；"
                          "如确需新建，请加 --create-unit", code=unit_code))
    if not create_region and region and not region_known(session, region):
        raise UserError(_("地区 {region} 不在库中（没有已导入的文件属于该地区）；"
                          "如确需新建，请加 --create-region", region=region))
    return unit_code, region


def add_user(session: Session, username: str, password: str, role: str, *, unit_code: str | None = None,
             region: str | None = None, by: str = "system", create_unit: bool = True,
             create_region: bool = True) -> UserRow:
    """Create an account; with ``create_unit`` / ``create_region`` False its unit code / region must
    be one a stored document names (the CLI and the web pass False unless asked to create)."""
    username = new_username(username)
    unit_code, region = _scope(session, role, unit_code, region, create_unit, create_region)
    _check_password(password)
    if get_user(session, username) is not None:
        raise UserError(_("用户 {user} 已存在", user=repr(username)))
    row = UserRow(username=username, password_hash=hash_password(password), role=role,
                  unit_code=unit_code, region=region)
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


def region_known(session: Session, region: str) -> bool:
    """Whether a stored document or project belongs to ``region``."""
    name = region.strip()
    return session.scalar(select(ProjectRow.id).where(ProjectRow.region == name).limit(1)) is not None or \
        session.scalar(select(DocumentRow.id).where(DocumentRow.region == name).limit(1)) is not None


def update_user(session: Session, username: str, *, role: str | None = None, unit_code: str | None = None,
                region: str | None = None, create_unit: bool = False, create_region: bool = False,
                by: str) -> UserRow:
    """Change an account's role, unit code or region (None keeps the stored value; "" clears it).
    Its sessions end, so the new scope applies at once."""
    row = _existing(session, username)
    before = user_dict(row)
    role = row.role if role is None else role.strip()
    unit_code = row.unit_code if unit_code is None else unit_code
    region = row.region if region is None else region
    row.unit_code, row.region = _scope(session, role, unit_code, region, create_unit, create_region)
    row.role = role
    end_sessions(session, username)
    session.flush()
    audit.record(session, by, "change", "user", row.id, before, user_dict(row))
    return row


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
    audit.record(session, by, "password" if by == username else "reset-password", "user", row.id, None,
                 {"username": username})
    return row


def set_disabled(session: Session, username: str, disabled: bool, *, by: str) -> UserRow:
    """Disable (ending every session, refusing logins) or enable an account."""
    row = _existing(session, username)
    if disabled and by == username:
        raise UserError(_("不能停用自己的账户"))
    before = user_dict(row)
    row.disabled = disabled
    end_sessions(session, username)
    audit.record(session, by, "disable" if disabled else "enable", "user", row.id, before, user_dict(row))
    return row


def get_user(session: Session, username: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.username == username)).first()


def authenticate(session: Session, username: str, password: str) -> UserRow | None:
    """The account if the password is right; AccountDisabled when it is right but the account is
    disabled (a wrong password says nothing about the account's state)."""
    row = get_user(session, username)
    if row is None:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(row.password_hash, password):
        return None
    if row.disabled:
        raise AccountDisabled(_("账户 {user} 已被停用，请联系管理员", user=row.username))
    return row


def list_users(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.username)))


def viewer_of(row: UserRow) -> Viewer:
    return Viewer(row.username, row.role, row.unit_code, row.region)


def user_dict(row: UserRow) -> dict[str, str | bool | None]:
    return {"username": row.username, "role": row.role, "unit": row.unit_code, "region": row.region,
            "disabled": bool(row.disabled)}
