"""Login, logout, the current user, and user management (admin)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, StringConstraints

from jixiao.i18n import _
from jixiao.store import text_rules
from jixiao.store.access import Viewer
from jixiao.store.schema import UserRow
from jixiao.store.users import (
    AccountDisabled,
    UserError,
    add_user,
    authenticate,
    change_password,
    get_user,
    list_users,
    set_disabled,
    update_user,
    user_dict,
)
from jixiao.web.deps import DB, ViewerDep, require_admin, require_user
from jixiao.web.errors import ApiError
from jixiao.web.hardening import Password, Username
from jixiao.web.security import check_csrf, csrf_token, limiter_keys
from jixiao.web.sessions import log_in, log_out

router = APIRouter(tags=["auth"])


class Credentials(BaseModel):
    username: Username
    password: Password


class NewPassword(BaseModel):
    current_password: Password
    new_password: Password


class NewUser(BaseModel):
    username: Username
    password: Password
    role: Annotated[str, StringConstraints(max_length=20)]
    unit: Annotated[str | None, StringConstraints(max_length=100)] = None
    region: Annotated[str | None, StringConstraints(max_length=200)] = None
    #: accept a unit code / region no stored document names yet
    create_unit: bool = False
    create_region: bool = False


class UserChange(BaseModel):
    """Fields left out keep their value; "" clears a unit code or region."""

    role: Annotated[str | None, StringConstraints(max_length=20)] = None
    unit: Annotated[str | None, StringConstraints(max_length=100)] = None
    region: Annotated[str | None, StringConstraints(max_length=200)] = None
    create_unit: bool = False
    create_region: bool = False


class PasswordReset(BaseModel):
    password: Password


def _check_password(request: Request, db: DB, username: str, password: str) -> UserRow | None:
    try:
        username, password = text_rules.username(username), text_rules.password(password)
    except text_rules.TextError as exc:
        raise ApiError(422, str(exc)) from exc
    with request.app.state.password_checks.slot() as free:
        if not free:
            raise ApiError(503, _("登录人数过多，请稍后再试"),
                           headers={"Retry-After": "2"})
        return authenticate(db, username, password)


def attempt_login(request: Request, db: DB, username: str, password: str) -> Viewer:
    """Check a password under the rate limit; on success the session is (re)started."""
    from jixiao.store.users import viewer_of

    limiter = request.app.state.limiter
    keys = limiter_keys(request, username)
    wait = limiter.reserve(*keys)  # atomic: parallel guesses cannot all slip under the limit
    if wait:
        raise ApiError(429, _("登录失败次数过多，请 {wait} 秒后再试", wait=wait),
                       headers={"Retry-After": str(wait)})
    try:
        user = _check_password(request, db, username, password)
    except AccountDisabled as exc:  # the password was right: say why, but count it as a failure
        limiter.failed(*keys)
        raise ApiError(403, str(exc)) from exc
    except BaseException:
        limiter.release(*keys)  # neither failed nor succeeded: the reservation must not linger
        raise
    if user is None:
        limiter.failed(*keys)
        raise ApiError(401, _("用户名或密码错误"))
    limiter.succeeded(*keys)
    log_in(request, user)
    return viewer_of(user)


def _me(request: Request, viewer: Viewer | None) -> dict[str, Any]:
    user = None if viewer is None else {"username": viewer.username, "role": viewer.role,
                                        "unit": viewer.unit_code, "region": viewer.region}
    return {"ok": True, "user": user, "csrf_token": csrf_token(request)}


@router.post("/auth/login")
def login(request: Request, body: Credentials, db: DB) -> dict[str, Any]:
    """Start a session (signed cookie). The reply carries the CSRF token later writes must send
    in the ``X-CSRF-Token`` header. Failed logins are rate-limited per address and per username."""
    return _me(request, attempt_login(request, db, body.username, body.password))


@router.post("/auth/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request, db: DB) -> dict[str, Any]:
    """End the session, and every other session of the same user (the signed cookie stops working)."""
    log_out(request, db)
    return {"ok": True}


@router.post("/auth/password", dependencies=[Depends(check_csrf)])
def password(request: Request, body: NewPassword, db: DB,
             viewer: Annotated[Viewer, Depends(require_user)]) -> dict[str, Any]:
    """Change one's own password: every other session of the account ends, this one continues."""
    attempt_login(request, db, viewer.username, body.current_password)
    try:
        row = change_password(db, viewer.username, body.new_password, by=viewer.username)
    except UserError as exc:
        raise ApiError(422, str(exc), [{"field": "body.new_password", "message": str(exc)}]) from exc
    db.commit()
    log_in(request, row)
    return _me(request, viewer)


@router.get("/auth/me")
def me(request: Request, viewer: ViewerDep) -> dict[str, Any]:
    return _me(request, viewer)


@router.get("/users")
def users(db: DB, admin: Annotated[Viewer, Depends(require_admin)]) -> dict[str, Any]:
    return {"ok": True, "items": [user_dict(u) for u in list_users(db)]}


@router.post("/users", status_code=201, dependencies=[Depends(check_csrf)])
def create_user(body: NewUser, db: DB, admin: Annotated[Viewer, Depends(require_admin)]) -> dict[str, Any]:
    try:
        row = add_user(db, body.username, body.password, body.role, unit_code=body.unit, region=body.region,
                       by=admin.username, create_unit=body.create_unit, create_region=body.create_region)
    except UserError as exc:
        raise ApiError(422, str(exc)) from exc
    db.commit()
    return {"ok": True, "user": user_dict(row)}


@router.patch("/users/{username}", dependencies=[Depends(check_csrf)])
def change_user(username: Username, body: UserChange, db: DB,
                admin: Annotated[Viewer, Depends(require_admin)]) -> dict[str, Any]:
    """Change a user's role, unit code or region (validated against the store unless created
    explicitly); the account's sessions end."""
    try:
        row = update_user(db, username, role=body.role, unit_code=body.unit, region=body.region,
                          create_unit=body.create_unit, create_region=body.create_region, by=admin.username)
    except UserError as exc:
        raise ApiError(404 if row_missing(db, username) else 422, str(exc)) from exc
    db.commit()
    return {"ok": True, "user": user_dict(row)}


@router.post("/users/{username}/password", dependencies=[Depends(check_csrf)])
def reset_password(username: Username, body: PasswordReset, db: DB,
                   admin: Annotated[Viewer, Depends(require_admin)]) -> dict[str, Any]:
    """Set a new password for a user (an administrator's reset); the account's sessions end."""
    try:
        row = change_password(db, username, body.password, by=admin.username)
    except UserError as exc:
        raise ApiError(404 if row_missing(db, username) else 422, str(exc)) from exc
    db.commit()
    return {"ok": True, "user": user_dict(row)}


def row_missing(db: DB, username: str) -> bool:
    return get_user(db, username) is None


@router.post("/users/{username}/{change}", dependencies=[Depends(check_csrf)])
def disable_user(username: Username, change: Literal["disable", "enable"], db: DB,
                 admin: Annotated[Viewer, Depends(require_admin)]) -> dict[str, Any]:
    """Disable an account (its sessions end at once, logins are refused) or enable it again."""
    try:
        row = set_disabled(db, username, change == "disable", by=admin.username)
    except UserError as exc:
        raise ApiError(404 if row_missing(db, username) else 422, str(exc)) from exc
    db.commit()
    return {"ok": True, "user": user_dict(row)}
