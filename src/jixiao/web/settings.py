"""Settings of one web application instance (no globals: ``create_app(settings)`` gets them all)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field

from jixiao.store.database import database_url


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = field(default_factory=lambda: database_url(None))
    #: signs the session cookie; set ``JIXIAO_SECRET_KEY`` so sessions survive a restart.
    secret_key: str = field(default_factory=lambda: os.environ.get("JIXIAO_SECRET_KEY")
                            or secrets.token_urlsafe(32))
    #: send the session cookie over HTTPS only (turn on behind TLS).
    secure_cookies: bool = False
    #: a session ends after this many seconds without a request ...
    session_idle_timeout: float = 2 * 3600
    #: ... and this many seconds after login, however active (also the cookie's max-age)
    session_absolute_timeout: float = 12 * 3600
    #: failed logins allowed per client address and per username within ``login_window`` seconds.
    login_attempts: int = 5
    login_window: float = 300.0
    #: seconds a write waits for the database lock per attempt (SQLite retries twice more); then 503
    busy_timeout: float = 5.0
    page_size: int = 50
    #: request bodies over this many bytes are refused with 413
    max_body_bytes: int = 1024 * 1024
    #: seconds a worker keeps visitors' browse facets and dashboard figures (cleared on approval).
    public_cache_ttl: float = 60.0
    title: str = "jixiao 绩效目标"
