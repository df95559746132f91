"""Issue 12: input that used to answer 500 now answers 422 or 413 with a Chinese message.

Every integer path or query parameter of every route (found by walking the app's routes) is sent
2**63; lone surrogates, NUL and over-long fields in login, indicator, goal, comment and user bodies;
bodies over 1 MB with and without a Content-Length; invisible bidi/zero-width characters."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from web_helpers import login, page_token

HUGE = str(2**63)
FIELDS = {"name": "举办活动天数", "operator": "≥", "value": "25", "unit": "天"}


def _routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif hasattr(route, "original_router"):  # FastAPI's included router
            yield from _routes(route.original_router.routes, prefix + route.include_context.prefix)


def _is_int(annotation: Any) -> bool:
    return annotation is int or int in typing.get_args(annotation)


def _probes(app: FastAPI) -> Iterator[tuple[str, str, str]]:
    for path, route in _routes(app.router.routes):
        params = route.dependant.path_params + route.dependant.query_params
        for target in (p for p in params if _is_int(p.field_info.annotation)):
            url, query = path, {}
            for param in params:
                literal = typing.get_args(param.field_info.annotation)
                value = HUGE if param is target else (literal[0] if typing.get_origin(
                    param.field_info.annotation) is typing.Literal else "1")
                if "{" + param.name + "}" in url:
                    url = url.replace("{" + param.name + "}", value)
                elif param is target:
                    query[param.alias] = value
            yield sorted(route.methods)[0], url, "&".join(f"{k}={v}" for k, v in query.items())


def test_every_integer_parameter_over_2_63_is_422(client: TestClient) -> None:
    token = login(client, "admin1")
    probes = list(_probes(client.app))  # type: ignore[arg-type]
    assert len(probes) >= 30
    for method, url, query in probes:
        reply = client.request(method, f"{url}?{query}" if query else url, headers={"X-CSRF-Token": token})
        assert reply.status_code == 422, (method, url, query, reply.status_code)
        if url.startswith("/api/"):
            assert reply.json()["error"].startswith("请求无效"), reply.text
    assert client.get("/projects", params={"year": "9" * 30}).status_code == 200
    assert client.get("/projects", params={"page": HUGE}).status_code == 422


def _raw(client: TestClient, method: str, url: str, body: str, token: str | None = None) -> Any:
    headers = {"content-type": "application/json", **({"X-CSRF-Token": token} if token else {})}
    return client.request(method, url, content=body.encode(), headers=headers)


def _unit1_project(client: TestClient) -> dict[str, Any]:
    items = client.get("/api/v1/projects", params={"limit": 500}).json()["items"]
    project = next(p for p in items if p["seq"] == "1")
    detail: dict[str, Any] = client.get(f"/api/v1/projects/{project['id']}").json()["project"]
    return detail


def test_lone_surrogates_and_nul_are_422(client: TestClient) -> None:
    login_reply = _raw(client, "POST", "/api/v1/auth/login",
                       '{"username": "\\ud800", "password": "x\\ud800yyyyyy"}')
    assert login_reply.status_code == 422 and "代理" in login_reply.json()["error"]
    token = login(client, "unit1")
    project = _unit1_project(client)
    indicator, goal = project["indicators"][0]["id"], project["goals"][0]["id"]
    for method, url, body in [
        ("PUT", f"/api/v1/indicators/{indicator}", '{"name": "满意度\\udfff", "operator": "="}'),
        ("POST", f"/api/v1/projects/{project['id']}/indicators", '{"name": "a\\u0000b", "operator": "="}'),
        ("POST", f"/api/v1/projects/{project['id']}/validate", '{"name": "\\ud83d", "operator": "="}'),
        ("PUT", f"/api/v1/goals/{goal}", '{"text": "目标\\ud800"}'),
        ("POST", f"/api/v1/projects/{project['id']}/submit", '{"comment": "\\udc00"}'),
    ]:
        reply = _raw(client, method, url, body, token)
        assert reply.status_code == 422, (url, reply.text)
        assert reply.json()["errors"] and not reply.json()["errors"][0]["message"].isascii()


def test_field_limits_are_422_in_chinese(client: TestClient) -> None:
    token = login(client, "unit1")
    project = _unit1_project(client)
    indicator = project["indicators"][0]["id"]
    long_name = client.put(f"/api/v1/indicators/{indicator}", headers={"X-CSRF-Token": token},
                           json={**FIELDS, "name": "长" * 10_001})
    assert long_name.status_code == 422 and "不能超过 10000 个字符" in long_name.json()["error"]
    fine = client.put(f"/api/v1/indicators/{indicator}", headers={"X-CSRF-Token": token},
                      json={**FIELDS, "name": "举办\u202e活动\u200b天数",
                            "version": project["indicators"][0]["version"]})
    assert fine.status_code == 200 and fine.json()["indicator"]["name"] == "举办活动天数"
    token = login(client, "admin1")
    for username in ("u" * 65, "bad name", "a\x00b"):
        reply = client.post("/api/v1/users", headers={"X-CSRF-Token": token},
                            json={"username": username, "password": "long enough pw", "role": "admin"})
        assert reply.status_code == 422 and "用户名" in reply.json()["error"] + str(reply.json()["errors"])


def test_page_forms_refuse_nul_without_500(client: TestClient) -> None:
    token = login(client, "unit1")
    project = _unit1_project(client)
    indicator = project["indicators"][0]["id"]
    reply = client.post(f"/projects/{project['id']}/indicators/{indicator}", follow_redirects=False,
                        data={**FIELDS, "name": "a\x00b", "csrf_token": token})
    assert reply.status_code == 303
    assert "空字符" in client.get(f"/projects/{project['id']}/edit").text


@pytest.mark.parametrize("chunked", [False, True])
def test_bodies_over_1_mb_are_413(client: TestClient, chunked: bool) -> None:
    token = login(client, "unit1")
    body = b'{"name": "' + b"x" * (1024 * 1024) + b'", "operator": "="}'
    content: Any = iter([body[i:i + 65536] for i in range(0, len(body), 65536)]) if chunked else body
    reply = client.post("/api/v1/projects/1/validate", content=content,
                        headers={"content-type": "application/json", "X-CSRF-Token": token})
    assert reply.status_code == 413, reply.text
    assert reply.json()["status"] == 413 and reply.json()["error"].startswith("请求体超过")
    page = client.post("/login", content=b"username=" + b"x" * (1024 * 1024 + 1),
                       headers={"content-type": "application/x-www-form-urlencoded"})
    assert page.status_code == 413


def test_refused_login_input_does_not_hold_limiter_slots(client: TestClient) -> None:
    token = page_token(client.get("/login").text)
    for _ in range(8):  # past the pydantic check (a form), refused inside the rate-limited login
        page = client.post("/login", data={"username": "bad name!", "password": "whatever pw",
                                           "csrf_token": token})
        assert page.status_code == 422 and "用户名须为" in page.text
    login(client, "unit1")  # neither the address nor the username is locked out
