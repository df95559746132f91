"""Settings of one web application instance (no globals: ``create_app(settings)`` gets them all)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field

from jixiao.store.database import database_url
from jixiao.store.finding_visibility import DEFAULT_MODE, MODES

SECRET_KEY_ENV = "JIXIAO_SECRET_KEY"
SECURE_COOKIES_ENV = "JIXIAO_SECURE_COOKIES"
ANONYMOUS_FINDINGS_ENV = "JIXIAO_ANONYMOUS_FINDINGS"
RESPONSE_CACHE_ENV = "JIXIAO_RESPONSE_CACHE_MB"


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = field(default_factory=lambda: database_url(None))
    #: signs the session cookie; set ``JIXIAO_SECRET_KEY`` so sessions survive a restart.
    secret_key: str = field(default_factory=lambda: os.environ.get(SECRET_KEY_ENV)
                            or secrets.token_urlsafe(32))
    #: send the session cookie over HTTPS only, and HSTS (turn on behind TLS: ``jixiao serve
    #: --secure-cookies`` or ``JIXIAO_SECURE_COOKIES=1``).
    secure_cookies: bool = field(default_factory=lambda: env_flag(SECURE_COOKIES_ENV))
    #: a session ends after this many seconds without a request ...
    session_idle_timeout: float = 2 * 3600
    #: ... and this many seconds after login, however active (also the cookie's max-age)
    session_absolute_timeout: float = 12 * 3600
    #: failed logins allowed per client address and per username within ``login_window`` seconds.
    login_attempts: int = 5
    login_window: float = 300.0
    #: argon2 verifications running at once (each ~64 MiB); a login waiting longer than
    #: ``password_check_wait`` seconds for a slot answers 503
    password_checks: int = 4
    password_check_wait: float = 10.0
    #: editor validate/check calls per user and minute (each reviews the whole document)
    validate_per_minute: int = 240
    #: seconds a write waits for the database lock per attempt (SQLite retries twice more); then 503
    busy_timeout: float = 5.0
    page_size: int = 50
    #: request bodies over this many bytes are refused with 413
    max_body_bytes: int = 1024 * 1024
    #: ... except uploads of documents (``/upload``, ``/api/v1/uploads``): this many bytes a request
    max_upload_bytes: int = 20 * 1024 * 1024
    #: PDF downloads laid out at once per worker (each takes seconds of CPU); a download waiting
    #: longer than ``pdf_export_wait`` seconds for a turn answers 503
    pdf_exports: int = 2
    pdf_export_wait: float = 30.0
    #: seconds a worker keeps visitors' browse facets and dashboard figures (cleared on approval).
    public_cache_ttl: float = 60.0
    #: bytes of anonymous visitors' replies each worker keeps (``web.response_cache``; 0: off, also
    #: ``JIXIAO_RESPONSE_CACHE_MB``), each reused until the next write or for ``response_cache_ttl`` s
    response_cache_bytes: int = field(default_factory=lambda: int(
        float(os.environ.get(RESPONSE_CACHE_ENV, "").strip() or "64") * 2**20))
    response_cache_ttl: float = 300.0
    title: str = "jixiao 绩效目标"
    #: performance year (MON001, the board): execution lagging the time schedule by more than this
    #: many percentage points is yellow, by more than ``lag_red`` red
    lag_yellow: str = "10"
    lag_red: str = "20"
    #: which review findings anonymous visitors see: ``unmanaged`` (only on projects never handled in
    #: the workflow), ``all`` or ``none`` (``jixiao serve --anonymous-findings``, env
    #: ``JIXIAO_ANONYMOUS_FINDINGS``; see ``store.finding_visibility``)
    anonymous_findings: str = field(default_factory=lambda: os.environ.get(ANONYMOUS_FINDINGS_ENV, "").strip()
                                    or DEFAULT_MODE)

    def __post_init__(self) -> None:
        if self.anonymous_findings not in MODES:
            raise ValueError(f"anonymous_findings must be one of {', '.join(MODES)}, "
                             f"not {self.anonymous_findings!r} (${ANONYMOUS_FINDINGS_ENV})")
