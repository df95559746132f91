"""The application factory: ``create_app(settings)`` builds a complete, independent app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache, partial
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import SQLAlchemyError
from starlette.middleware.sessions import SessionMiddleware

from jixiao import __version__
from jixiao.i18n import _, current_language
from jixiao.review.registry import rule_label
from jixiao.store.access import visibility_scope, visible_clause
from jixiao.store.data_version import read_data_version
from jixiao.store.database import make_engine, session_factory
from jixiao.store.list_index import ListIndex
from jixiao.store.queries import ProjectFilter, list_projects
from jixiao.store.search import query_words
from jixiao.web import errors
from jixiao.web.api import router as api_router
from jixiao.web.comment_view import review_comments
from jixiao.web.hardening import BodyLimit, SecurityHeaders
from jixiao.web.language import Language
from jixiao.web.limiter import LoginLimiter, PasswordChecks, RateLimit
from jixiao.web.pages import router as pages_router
from jixiao.web.public_cache import PublicCache
from jixiao.web.response_cache import ResponseCache
from jixiao.web.security import csrf_token
from jixiao.web.settings import Settings
from jixiao.web.shared_replies import SharedReplies
from jixiao.web.transfer_menu import install as install_transfer_menu
from jixiao.web.view_helpers import install_filters
from jixiao.year.year_checks import check_label

HERE = Path(__file__).parent


def _api_docs(app: FastAPI) -> None:
    """Swagger UI at /docs, served from the installed ``swagger-ui-bundle`` package (no CDN: the
    page works offline and its policy allows this site only)."""
    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse

    app.mount("/docs/static", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/v1/openapi.json", title="jixiao API",
            swagger_js_url="/docs/static/swagger-ui-bundle.js", swagger_css_url="/docs/static/swagger-ui.css",
            swagger_favicon_url="/docs/static/favicon-32x32.png")


@lru_cache(maxsize=4096)
def _rule_label(code: str, name: str, language: str) -> str:
    """A finding's rule as pages show it, in ``language`` (the current one): the registry is looked
    up once per rule and language, not once per finding on every page."""
    return check_label(code) or rule_label(code, name)


def _warm_list(app: FastAPI) -> None:
    """Read the ids of the visitors' unfiltered project list into ``app.state.list_index`` (when it
    is long enough to be kept there) before the first request; a store not yet usable is left alone."""
    try:
        with app.state.sessions() as session:
            list_projects(session, visible_clause(None), ProjectFilter(), 1, 0, index=app.state.list_index,
                          scope=visibility_scope(None))
    except SQLAlchemyError:
        pass


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    engine = make_engine(settings.database_url, settings.busy_timeout)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        query_words("预热")  # load jieba's dictionary (~1 s) before the first search, not during it
        _warm_list(_app)  # and the visitors' list: a million ids take ~1 s to read, once per version
        yield
        engine.dispose()

    app = FastAPI(title="jixiao", lifespan=lifespan, version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/v1/openapi.json",
                  description="Budget performance targets (预算项目支出绩效目标): documents, projects, "
                              "indicators, findings, search and the review workflow. Errors use one "
                              "envelope: `{ok: false, error, errors, status}`.")
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.limiter = LoginLimiter(settings.login_attempts, settings.login_window)
    app.state.password_checks = PasswordChecks(settings.password_checks, settings.password_check_wait)
    app.state.validate_limit = RateLimit(settings.validate_per_minute, 60.0)
    app.state.pdf_exports = PasswordChecks(settings.pdf_exports, settings.pdf_export_wait)  # any slots
    app.state.public_cache = PublicCache(settings.public_cache_ttl)
    app.state.list_index = ListIndex(settings.response_cache_ttl)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.auto_reload = False  # no stat() of every template and include on every render
    templates.env.globals.update(csrf_token=csrf_token, site_title=settings.title, _=_,
                                 rule_label=lambda code, name="": _rule_label(code, name, current_language()),
                                 review_comments=review_comments)
    install_filters(templates.env)
    install_transfer_menu(templates.env)
    app.state.templates = templates
    app.add_middleware(Language)  # innermost: handlers and error pages of this request speak its language
    app.add_middleware(ResponseCache, version=partial(read_data_version, engine),  # needs the session
                       max_bytes=settings.response_cache_bytes, ttl=settings.response_cache_ttl,
                       shared=SharedReplies.from_env(settings.response_cache_bytes))
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key, session_cookie="jixiao_session",
                       max_age=int(settings.session_absolute_timeout), same_site="lax",
                       https_only=settings.secure_cookies)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes,  # before any parsing
                       upload_limit=settings.max_upload_bytes)
    app.add_middleware(SecurityHeaders, hsts=settings.secure_cookies)  # outermost: even on a 413
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _api_docs(app)
    app.include_router(api_router, prefix="/api/v1")
    app.include_router(pages_router)
    errors.install(app)
    return app
