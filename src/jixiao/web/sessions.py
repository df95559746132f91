"""Login sessions: a signed cookie that the database can end.

The cookie (Starlette's SessionMiddleware, signed with itsdangerous) holds the username, the
user's ``session_version`` when it was issued, when it was issued (``iat``) and when it was last
used (``seen``), and the CSRF token. A session is valid only while

* the account exists, is not disabled, and its ``session_version`` still equals the cookie's —
  logout, a password change and disabling the account bump it, ending every session of that user
  everywhere (a copied cookie included);
* it was used within ``Settings.session_idle_timeout`` seconds (default 2 h);
* it was issued within ``Settings.session_absolute_timeout`` seconds (default 12 h).

An ended session is cleared, so the reply also tells the browser to drop the cookie.
"""

from __future__ import annotations

import secrets
import time

from fastapi import Request
from sqlalchemy.orm import Session

from jixiao.i18n import _
from jixiao.store.schema import UserRow
from jixiao.store.users import end_sessions, get_user


def _now() -> float:
    return time.time()


def log_in(request: Request, user: UserRow) -> None:
    now = int(_now())
    request.session.clear()
    request.session.update(user=user.username, ver=user.session_version, iat=now, seen=now,
                           csrf=secrets.token_urlsafe(32))


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def session_user(request: Request, db: Session) -> UserRow | None:
    """The logged-in account if the session is still valid; otherwise the session is ended."""
    username = request.session.get("user")
    if not isinstance(username, str):
        return None
    settings = request.app.state.settings
    now = _now()
    issued, seen = _number(request.session.get("iat")), _number(request.session.get("seen"))
    row = get_user(db, username)
    valid = (row is not None and not row.disabled and issued is not None and seen is not None
             and request.session.get("ver") == row.session_version
             and now - issued <= settings.session_absolute_timeout
             and now - seen <= settings.session_idle_timeout)
    if not valid:
        request.session.clear()
        if row is not None and row.disabled:  # the next page says why the user was logged out
            request.session["flash"] = _("账户 {user} 已被停用，会话已结束", user=row.username)
        return None
    if seen is not None and now - seen >= 1:
        request.session["seen"] = int(now)
    return row


def log_out(request: Request, db: Session) -> None:
    """End this session and every other session of the same user (their version is bumped)."""
    username = request.session.get("user")
    if isinstance(username, str):
        end_sessions(db, username)
        db.commit()
    request.session.clear()
