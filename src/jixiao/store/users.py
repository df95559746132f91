"""User accounts: argon2-hashed passwords, roles (unit / reviewer / admin) and their scope."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.store import audit
from jixiao.store.access import Viewer
from jixiao.store.schema import ROLES, UserRow

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
        raise UserError("username is empty")
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if role == "unit" and not unit_code:
        raise UserError("a unit user needs --unit (the unit code whose projects they edit)")
    if role == "reviewer" and not region:
        raise UserError("a reviewer needs --region (the region they review)")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"password must be at least {MIN_PASSWORD} characters")
    if get_user(session, username) is not None:
        raise UserError(f"user {username!r} already exists")
    row = UserRow(username=username, password_hash=hash_password(password), role=role,
                  unit_code=unit_code if role == "unit" else None,
                  region=region if role in ("reviewer", "unit") else None)
    session.add(row)
    session.flush()
    audit.record(session, by, "add", "user", row.id, None, user_dict(row))
    return row


def get_user(session: Session, username: str) -> UserRow | None:
    return session.scalars(select(UserRow).where(UserRow.username == username)).first()


def authenticate(session: Session, username: str, password: str) -> UserRow | None:
    row = get_user(session, username)
    if row is None:
        verify_password(_DUMMY_HASH, password)
        return None
    return row if verify_password(row.password_hash, password) else None


def list_users(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.username)))


def viewer_of(row: UserRow) -> Viewer:
    return Viewer(row.username, row.role, row.unit_code, row.region)


def user_dict(row: UserRow) -> dict[str, str | None]:
    return {"username": row.username, "role": row.role, "unit": row.unit_code, "region": row.region}
