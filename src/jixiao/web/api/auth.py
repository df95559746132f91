"""Login, logout, the current user, and user management (admin)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from jixiao.store.access import Viewer
from jixiao.store.users import UserError, add_user, authenticate, list_users, user_dict
from jixiao.web.deps import DB, ViewerDep, require_admin
from jixiao.web.errors import ApiError
from jixiao.web.security import check_csrf, csrf_token, limiter_keys, log_in, log_out

router = APIRouter(tags=["auth"])


class Credentials(BaseModel):
    username: str
    password: str


class NewUser(BaseModel):
    username: str
    password: str
    role: str
    unit: str | None = None
    region: str | None = None


def attempt_login(request: Request, db: DB, username: str, password: str) -> Viewer:
    """Check a password under the rate limit; on success the session is (re)started."""
    from jixiao.store.users import viewer_of

    limiter = request.app.state.limiter
    keys = limiter_keys(request, username)
    wait = limiter.retry_after(*keys)
    if wait:
        raise ApiError(429, f"too many failed logins: try again in {wait} s",
                       headers={"Retry-After": str(wait)})
    user = authenticate(db, username.strip(), password)
    if user is None:
        limiter.failed(*keys)
        raise ApiError(401, "wrong username or password")
    limiter.succeeded(*keys)
    log_in(request, user.username)
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
def logout(request: Request) -> dict[str, Any]:
    log_out(request)
    return {"ok": True}


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
                       by=admin.username)
    except UserError as exc:
        raise ApiError(422, str(exc)) from exc
    db.commit()
    return {"ok": True, "user": user_dict(row)}
