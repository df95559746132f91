"""Issue 12: adversarial JSON bodies (markup, quotes, control characters, lone surrogates escaped as
``\\ud800``, huge numbers, bidi marks, wrong types, extra keys, broken JSON) sent to every API
endpoint that takes a body, through the app with TestClient: never a 500, always the JSON
envelope, and text that is stored comes back without loss (bar the characters the store removes
on purpose: zero-width and bidi overrides)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_helpers import login

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "property"))
from adversarial import any_text, json_value, text

#: (method, path, body fields); ``{p}``, ``{i}`` and ``{g}`` are a project, indicator and goal of unit1
ENDPOINTS = [
    ("POST", "/api/v1/auth/login", ("username", "password")),
    ("POST", "/api/v1/auth/password", ("current_password", "new_password")),
    ("POST", "/api/v1/users", ("username", "password", "role", "unit", "region")),
    ("PUT", "/api/v1/indicators/{i}", ("name", "operator", "value", "unit", "level1", "level2", "version")),
    ("POST", "/api/v1/projects/{p}/indicators", ("name", "operator", "value", "unit", "level1", "level2")),
    ("POST", "/api/v1/projects/{p}/validate", ("name", "operator", "value", "unit", "level1", "level2")),
    ("PUT", "/api/v1/goals/{g}", ("text", "version")),
    ("POST", "/api/v1/projects/{p}/return", ("comment",)),
]
endpoint = st.sampled_from(ENDPOINTS)


@st.composite
def bodies(draw: st.DrawFn, fields: tuple[str, ...]) -> bytes:
    """A JSON body: the endpoint's fields (adversarial text or any JSON value), maybe extra keys,
    maybe not an object at all, maybe not JSON."""
    kind = draw(st.sampled_from(["fields", "fields", "fields", "value", "broken"]))
    if kind == "broken":
        return draw(st.sampled_from([b"{", b'{"name": "\\ud800', b"\xff\xfe{}", b'{"a": 1e999999}',
                                     b"[" * 5000, b'{"name": "x", "name": 1}', b"null", b""]))
    if kind == "value":
        return json.dumps(draw(json_value)).encode()
    body: dict[str, Any] = {f: draw(st.one_of(any_text, any_text, json_value)) for f in fields
                            if draw(st.booleans()) or f in ("name", "operator", "text")}
    body.update(draw(st.dictionaries(text, json_value, max_size=2)))
    return json.dumps(body).encode()  # lone surrogates go out escaped, as a browser would send them


def _ids(client: TestClient) -> dict[str, int]:
    listed = client.get("/api/v1/projects?limit=100").json()["items"]
    project = next(p for p in listed if p["unit"] == "003006")
    detail = client.get(f"/api/v1/projects/{project['id']}").json()["project"]
    return {"p": project["id"], "i": detail["indicators"][0]["id"], "g": detail["goals"][0]["id"]}


@settings(max_examples=250, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_no_body_makes_a_500(client: TestClient, data: st.DataObject) -> None:
    if "csrf" not in client.headers:
        client.headers["X-CSRF-Token"] = login(client, "unit1")
        client.headers["csrf"] = "1"
    ids = _ids(client)
    method, path, fields = data.draw(endpoint)
    body = data.draw(bodies(fields))
    reply = client.request(method, path.format(**ids), content=body,
                           headers={"Content-Type": "application/json"})
    assert reply.status_code < 500, (method, path, body[:200], reply.text[:300])
    answer = reply.json()
    assert isinstance(answer, dict)
    if reply.status_code >= 400:
        assert answer["ok"] is False and answer["status"] == reply.status_code and answer["error"]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=text.filter(lambda t: t.strip() and len(t) <= 10_000))
def test_stored_names_come_back_whole(client: TestClient, name: str) -> None:
    """An indicator name accepted by the API is stored and served back exactly as the store keeps
    it: the text minus NUL refusals and the zero-width/bidi marks it removes, nothing else lost."""
    from jixiao.store import text_rules

    if "csrf" not in client.headers:
        client.headers["X-CSRF-Token"] = login(client, "unit1")
        client.headers["csrf"] = "1"
    ids = _ids(client)
    reply = client.post(f"/api/v1/projects/{ids['p']}/indicators",
                        json={"name": name, "operator": "定性", "value": ""})
    assert reply.status_code in (201, 422), reply.text
    if reply.status_code == 422:
        assert text_rules.refusal(name) or not text_rules.clean(name).strip()
        return
    stored = reply.json()["indicator"]
    assert stored["name"] == text_rules.clean(name).strip()
    served = client.get(f"/api/v1/projects/{ids['p']}/indicators").json()["items"]
    assert any(i["id"] == stored["id"] and i["name"] == stored["name"] for i in served)
