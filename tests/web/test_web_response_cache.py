"""The response cache for anonymous visitors (issue 11, ``web.response_cache``): a write through the
API, the pages or another process is visible on the next request; a logged-in user never gets a page
cached for visitors (nor a visitor one computed for a user); ETags answer 304."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session
from web_helpers import import_copy_elsewhere, login

from jixiao.store import audit
from jixiao.store.database import make_engine
from jixiao.store.list_index import ListIndex
from jixiao.web.app import create_app
from jixiao.web.response_cache import ResponseCache
from jixiao.web.settings import Settings


def _cache(app: FastAPI) -> ResponseCache:
    layer = app.middleware_stack
    while not isinstance(layer, ResponseCache):
        layer = layer.app  # type: ignore[union-attr]
    return layer


def _ids(db_url: str) -> dict[str, int]:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        found = {name: pid for pid, name in conn.execute(text("SELECT id, name FROM projects"))}
    engine.dispose()
    return found


def test_visitors_get_cached_replies_with_etags(client: TestClient) -> None:
    cache = _cache(client.app)  # type: ignore[arg-type]
    first = client.get("/api/v1/projects")
    assert first.status_code == 200 and "etag" not in first.headers and cache.misses == 1
    again = client.get("/api/v1/projects")
    assert again.json() == first.json() and again.headers["etag"] and cache.hits == 1
    assert again.headers["content-type"] == first.headers["content-type"]
    unchanged = client.get("/api/v1/projects", headers={"If-None-Match": again.headers["etag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert client.get("/api/v1/projects?lang=en").status_code == 200 and cache.misses == 2  # another key
    assert client.get("/api/v1/projects/999999").status_code == 404
    assert client.get("/api/v1/projects/999999").status_code == 404 and cache.hits == 2  # 404s not kept


def test_an_approval_through_the_api_is_visible_on_the_next_request(client: TestClient, db_url: str) -> None:
    pid = _ids(db_url)["厂务公开经费"]
    assert client.get("/api/v1/projects").json()["total"] == 0
    assert client.get("/api/v1/projects").json()["total"] == 0  # now from the cache
    assert client.get(f"/projects/{pid}").status_code == 404
    token = login(client, "unit1")
    assert client.post(f"/api/v1/projects/{pid}/submit", headers={"X-CSRF-Token": token},
                       json={"confirm": True, "comment": "已核实"}).status_code == 200
    token = login(client, "reviewer1")
    assert client.post(f"/api/v1/projects/{pid}/approve", headers={"X-CSRF-Token": token},
                       json={"confirm": True, "comment": "同意"}).status_code == 200
    client.cookies.clear()
    listed = client.get("/api/v1/projects").json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == pid
    assert "厂务公开经费" in client.get(f"/projects/{pid}").text


def test_an_audited_write_from_another_connection_is_visible_on_the_next_request(db_url: str) -> None:
    """After publication a visitor's project page comes from the cache; a change written the way
    every jixiao write is (in another process here: its own connection, with its audit row) shows on
    the visitor's next request."""
    pid = _ids(db_url)["厂务公开经费"]
    app = create_app(Settings(database_url=db_url, secret_key="test-secret"))
    with TestClient(app) as user, TestClient(app) as visitor:
        token = login(user, "unit1")
        user.post(f"/api/v1/projects/{pid}/submit", headers={"X-CSRF-Token": token},
                  json={"confirm": True, "comment": "已核实"})
        token = login(user, "reviewer1")
        user.post(f"/api/v1/projects/{pid}/approve", headers={"X-CSRF-Token": token},
                  json={"confirm": True, "comment": "同意"})
        before = visitor.get(f"/projects/{pid}").text
        assert visitor.get(f"/projects/{pid}").text == before and _cache(app).hits == 1
        assert "审核意见已改" not in before
        engine = make_engine(db_url)
        with Session(engine) as session:
            renamed = {"name": "厂务公开经费（审核意见已改）"}
            session.execute(text("UPDATE projects SET name = :name WHERE id = :id"), {"id": pid, **renamed})
            audit.record(session, "admin1", "edit", "project", pid, None, renamed)
            session.commit()
        engine.dispose()
        after = visitor.get(f"/projects/{pid}")
        assert after.status_code == 200 and "审核意见已改" in after.text


def test_an_import_by_another_process_is_visible_on_the_next_request(client: TestClient, db_url: str,
                                                                       tmp_path: Path) -> None:
    assert client.get("/api/v1/search", params={"q": "厂务公开"}).json()["total"] == 0
    import_copy_elsewhere(db_url, tmp_path)
    assert client.get("/api/v1/search", params={"q": "厂务公开"}).json()["total"] == 1
    assert client.get("/api/v1/projects").json()["total"] == 5


def test_a_logged_in_user_never_gets_the_visitors_cached_page(db_url: str) -> None:
    pid = _ids(db_url)["厂务公开经费"]
    app = create_app(Settings(database_url=db_url, secret_key="test-secret"))
    with TestClient(app) as visitor, TestClient(app) as admin, TestClient(app) as unit2:
        assert visitor.get("/api/v1/projects").json()["total"] == 0
        assert visitor.get("/projects").status_code == 200
        login(admin, "admin1")
        login(unit2, "unit2")
        assert admin.get("/api/v1/projects").json()["total"] == 5  # not the visitors' cached 0
        assert "厂务公开经费" in admin.get("/projects").text
        assert admin.get(f"/projects/{pid}").status_code == 200
        assert admin.get(f"/api/v1/projects/{pid}").status_code == 200
        assert unit2.get(f"/projects/{pid}").status_code == 404  # another unit's draft
        assert unit2.get("/api/v1/projects").json()["total"] == 0
        # ... nor a visitor one computed for a user
        assert visitor.get(f"/projects/{pid}").status_code == 404
        assert visitor.get(f"/api/v1/projects/{pid}").status_code == 404
        assert visitor.get("/api/v1/projects").json()["total"] == 0
        assert "厂务公开经费" not in visitor.get("/projects").text
        assert "退出" not in visitor.get("/projects").text  # no logged-in header in a visitor's page


def test_a_write_outside_jixiao_shows_once_the_entries_expire(db_url: str) -> None:
    """Raw SQL records no audit row, so the data version stays: visitors see the change only once
    their cached replies expire (``response_cache_ttl``)."""
    pid = _ids(db_url)["厂务公开经费"]
    kept = create_app(Settings(database_url=db_url, secret_key="test-secret"))
    expiring = create_app(Settings(database_url=db_url, secret_key="test-secret", response_cache_ttl=0.0))
    with TestClient(kept) as one, TestClient(expiring) as other:
        assert one.get("/api/v1/projects").json()["total"] == 0
        assert other.get("/api/v1/projects").json()["total"] == 0
        engine = make_engine(db_url)
        with engine.begin() as conn:
            conn.execute(text("UPDATE projects SET status = 'approved' WHERE id = :id"), {"id": pid})
        engine.dispose()
        assert one.get("/api/v1/projects").json()["total"] == 0  # until the ttl
        assert other.get("/api/v1/projects").json()["total"] == 1


def test_the_cache_can_be_turned_off(db_url: str) -> None:
    app = create_app(Settings(database_url=db_url, secret_key="test-secret", response_cache_bytes=0))
    with TestClient(app) as visitor:
        visitor.get("/api/v1/projects")
        visitor.get("/api/v1/projects")
        assert (_cache(app).hits, _cache(app).misses) == (0, 0)


def test_a_database_that_cannot_be_read_gets_the_applications_own_error(db_url: str) -> None:
    """The version lookup failing does not turn into a bare 500: the request goes on uncached and
    the application answers as it does when the database is unwell (503 with its envelope)."""
    app = create_app(Settings(database_url=db_url, secret_key="test-secret"))
    with TestClient(app) as visitor:
        visitor.get("/api/v1/projects")
        engine = make_engine(db_url)
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE audit_log RENAME TO audit_log_gone"))
            conn.execute(text("ALTER TABLE projects RENAME TO projects_gone"))
        engine.dispose()
        broken = visitor.get("/api/v1/projects")
        assert broken.status_code >= 500 and broken.json()["ok"] is False


def test_the_visitors_long_list_is_read_before_the_first_request(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE projects SET status = 'approved'"))
    engine.dispose()
    app = create_app(Settings(database_url=db_url, secret_key="test-secret"))
    app.state.list_index = ListIndex(ttl=300, threshold=2)  # five published projects: a long list here
    with TestClient(app) as visitor:
        assert app.state.list_index.builds == 1  # at startup
        listed = visitor.get("/api/v1/projects", params={"limit": 2, "offset": 3}).json()
        assert listed["total"] == 5 and len(listed["items"]) == 2
        assert app.state.list_index.builds == 1
