"""The workers of one server share visitors' cached replies (``web.shared_replies``, issue 11): a
reply one worker computed is served by another under the same data version, never after a write."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from test_web_response_cache import _cache
from web_helpers import import_copy_elsewhere

from jixiao.web.app import create_app
from jixiao.web.settings import Settings
from jixiao.web.shared_replies import SHARED_REPLIES_ENV, SharedReplies


def _worker(db_url: str) -> FastAPI:
    return create_app(Settings(database_url=db_url, secret_key="test-secret"))


def test_a_reply_computed_by_one_worker_is_served_by_another(db_url: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SHARED_REPLIES_ENV, str(tmp_path / "replies.db"))
    one, two = _worker(db_url), _worker(db_url)
    with TestClient(one) as first, TestClient(two) as second:
        computed = first.get("/api/v1/search", params={"q": "厂务公开"})
        assert _cache(one).misses == 1
        shared = second.get("/api/v1/search", params={"q": "厂务公开"})
        assert shared.content == computed.content and shared.headers["content-type"] == "application/json"
        assert _cache(two).misses == 0 and _cache(two).hits == 1  # not computed again
        assert second.get("/api/v1/search", params={"q": "厂务公开", "lang": "en"}).status_code == 200
        assert _cache(two).misses == 1  # another key
        import_copy_elsewhere(db_url, tmp_path)  # an import by another process: a new data version
        assert second.get("/api/v1/search", params={"q": "厂务公开"}).json()["total"] == 1
        assert first.get("/api/v1/search", params={"q": "厂务公开"}).json()["total"] == 1


def test_without_the_variable_nothing_is_shared(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SHARED_REPLIES_ENV, raising=False)
    assert SharedReplies.from_env(2**20) is None
    one, two = _worker(db_url), _worker(db_url)
    with TestClient(one) as first, TestClient(two) as second:
        first.get("/api/v1/projects")
        second.get("/api/v1/projects")
        assert _cache(one).misses == _cache(two).misses == 1


def test_an_unusable_file_only_means_misses(db_url: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SHARED_REPLIES_ENV, str(tmp_path / "missing-dir" / "replies.db"))
    app = _worker(db_url)
    with TestClient(app) as visitor:
        assert visitor.get("/api/v1/projects").status_code == 200
        assert visitor.get("/api/v1/projects").status_code == 200 and _cache(app).hits == 1
