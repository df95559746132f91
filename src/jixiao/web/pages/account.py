"""Login, logout and user management pages."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from jixiao.i18n import _
from jixiao.store.access import Viewer
from jixiao.store.schema import ROLES, UserRow
from jixiao.store.users import (
    UserError,
    add_user,
    change_password,
    get_user,
    list_users,
    set_disabled,
    update_user,
)
from jixiao.web.api.auth import attempt_login
from jixiao.web.deps import DB, ViewerDep, require_admin
from jixiao.web.errors import ApiError
from jixiao.web.hardening import Username
from jixiao.web.pages.render import page, redirect
from jixiao.web.security import check_csrf
from jixiao.web.sessions import log_out

router = APIRouter()


def _next(value: str) -> str:
    return value if value.startswith("/") and not value.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, viewer: ViewerDep, next: str = "/") -> HTMLResponse:
    return page(request, "login.html", viewer, next=_next(next), error=None)


@router.post("/login", dependencies=[Depends(check_csrf)])
def login(request: Request, db: DB, viewer: ViewerDep, username: str = Form(""), password: str = Form(""),
          next: str = Form("/")) -> Response:
    try:
        user = attempt_login(request, db, username, password)
    except ApiError as exc:
        return page(request, "login.html", None, status_code=exc.status, next=_next(next), error=exc.error,
                    username=username)
    return redirect(request, _next(next), _("欢迎，{user}", user=user.username))


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request, db: DB) -> Response:
    log_out(request, db)
    return redirect(request, "/", _("已退出登录"))


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, db: DB, viewer: ViewerDep) -> HTMLResponse:
    admin = require_admin(viewer)
    return page(request, "users.html", admin, users=list_users(db), roles=ROLES, error=None)


@router.post("/admin/users", dependencies=[Depends(check_csrf)])
def create_user(request: Request, db: DB, viewer: ViewerDep, username: str = Form(""),
                password: str = Form(""), role: str = Form(""), unit: str = Form(""),
                region: str = Form(""), create_unit: str = Form(""),
                create_region: str = Form("")) -> Response:
    admin = require_admin(viewer)
    try:
        add_user(db, username, password, role, unit_code=unit or None, region=region or None,
                 by=admin.username, create_unit=create_unit == "1", create_region=create_region == "1")
    except UserError as exc:
        return page(request, "users.html", admin, status_code=422, users=list_users(db), roles=ROLES,
                    error=str(exc))
    db.commit()
    return redirect(request, "/admin/users", _("已创建用户 {user}", user=username))


def _user(db: DB, username: str) -> UserRow:
    row = get_user(db, username)
    if row is None:
        raise ApiError(404, _("用户 {user} 不存在", user=repr(username)))
    return row


def _edit_refused(request: Request, db: DB, admin: Viewer, username: str, exc: UserError) -> HTMLResponse:
    """The user's page again, with why the change was refused (422); nothing of it is kept."""
    db.rollback()
    return page(request, "user_edit.html", admin, status_code=422, user=_user(db, username), roles=ROLES,
                error=str(exc))


@router.get("/admin/users/{username}", response_class=HTMLResponse)
def user_page(request: Request, db: DB, viewer: ViewerDep, username: Username) -> HTMLResponse:
    admin = require_admin(viewer)
    return page(request, "user_edit.html", admin, user=_user(db, username), roles=ROLES, error=None)


@router.post("/admin/users/{username}/change", dependencies=[Depends(check_csrf)])
def change_user(request: Request, db: DB, viewer: ViewerDep, username: Username, role: str = Form(""),
                unit: str = Form(""), region: str = Form(""), create_unit: str = Form(""),
                create_region: str = Form("")) -> Response:
    """Change a user's role, unit code and region (its sessions end)."""
    admin = require_admin(viewer)
    row = _user(db, username)
    try:
        update_user(db, username, role=role, unit_code=unit, region=region, by=admin.username,
                    create_unit=create_unit == "1", create_region=create_region == "1")
    except UserError as exc:
        return _edit_refused(request, db, admin, username, exc)
    db.commit()
    return redirect(request, "/admin/users", _("已修改用户 {user}", user=row.username))


@router.post("/admin/users/{username}/password", dependencies=[Depends(check_csrf)])
def reset_password(request: Request, db: DB, viewer: ViewerDep, username: Username,
                   password: str = Form("")) -> Response:
    """Set a new password for a user (its sessions end)."""
    admin = require_admin(viewer)
    row = _user(db, username)
    try:
        change_password(db, username, password, by=admin.username)
    except UserError as exc:
        return _edit_refused(request, db, admin, username, exc)
    db.commit()
    return redirect(request, "/admin/users", _("已重置用户 {user} 的密码", user=row.username))


@router.post("/admin/users/{username}/{change}", dependencies=[Depends(check_csrf)])
def disable_user(request: Request, db: DB, viewer: ViewerDep, username: Username,
                 change: Literal["disable", "enable"]) -> Response:
    """Disable an account (every session of it ends at once) or enable it again."""
    admin = require_admin(viewer)
    _user(db, username)
    try:
        set_disabled(db, username, change == "disable", by=admin.username)
    except UserError as exc:
        return redirect(request, "/admin/users", _("未完成：{why}", why=str(exc)))
    db.commit()
    return redirect(request, "/admin/users", (_("已停用用户 {user}", user=username) if change == "disable"
                                           else _("已启用用户 {user}", user=username)))
