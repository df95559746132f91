"""A per-process cache of what anonymous visitors are sent: project pages, lists, searches and their
JSON (issue 11: a public portal's traffic is mostly visitors reading the same published projects).

A response is reused only while the store's data version (:mod:`jixiao.store.data_version`: the
newest audit row, read on every request before anything else — by a read that began after the
request arrived, shared with the requests that arrived meanwhile: :mod:`jixiao.web.version_reads`)
is unchanged, so any write — an edit, an approval, an import, by this worker, another worker or the
CLI — is visible on the next request; entries also expire after ``ttl`` seconds (writes made
outside jixiao record no audit row).

Only a ``GET`` of a reading path is cached, and only when the request carries an empty session (no
login, no CSRF token, no flash message) and leaves it empty, the reply is 200 and sets no cookie:
a logged-in user, whatever the role, always gets a freshly computed page, and never one cached for
someone else. The key is the path and query, the request's language and ``HX-Request``. Cached
replies carry an ``ETag`` (the version and a hash of the body); a matching ``If-None-Match``
answers 304. The cache holds at most ``max_bytes`` of bodies, least recently used dropped first.
The workers of one server also share what they compute (``web.shared_replies``).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import anyio.to_thread
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jixiao.i18n import current_language
from jixiao.web.language import requested_language
from jixiao.web.shared_replies import SharedReplies
from jixiao.web.version_reads import VersionReads

#: the reading paths whose replies depend only on the store, the query and the language
CACHED_PATHS = re.compile(
    r"/(?:|projects|projects/\d+|search|dashboard|documents/\d+"
    r"|api/v1/(?:projects|projects/\d+|projects/\d+/indicators|search|documents|documents/\d+|findings|stats))")


#: path, query, Host, language, HX-Request
Key = tuple[str, str, str, str, bool]


@dataclass(frozen=True, slots=True)
class Entry:
    version: int
    expires: float
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes


class ResponseCache:
    """ASGI middleware; sits inside the session middleware (it reads ``scope["session"]``)."""

    def __init__(self, app: ASGIApp, *, version: Callable[[], int], max_bytes: int, ttl: float,
                 shared: SharedReplies | None = None) -> None:
        self.app = app
        self.shared = shared  # the other workers' replies (``web.shared_replies``), if any
        self.versions = VersionReads(version)  # concurrent requests share a read (web.version_reads)
        self.max_bytes = max_bytes
        self.ttl = ttl
        self.entries: OrderedDict[Key, Entry] = OrderedDict()
        self.size = 0
        self.current = 0  # the newest data version seen
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (self.max_bytes <= 0 or scope["type"] != "http" or scope["method"] != "GET"
                or scope.get("session") or not CACHED_PATHS.fullmatch(scope["path"])):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        language = requested_language(scope) or current_language()
        key: Key = (scope["path"], scope.get("query_string", b"").decode("latin-1"),
                    headers.get(b"host", b"").decode("latin-1"), language, b"hx-request" in headers)
        try:
            version = await self.versions.current()
        except SQLAlchemyError:  # the database is unwell: the application answers as it does then
            await self.app(scope, receive, send)
            return
        # the route may reuse it (``request.state.data_version``): read before any of its data
        scope.setdefault("state", {})["data_version"] = version
        entry = self.entries.get(key)
        if entry is not None and entry.version == version and entry.expires > time.monotonic():
            self.hits += 1
            self.entries.move_to_end(key)
            await self._replay(entry, headers.get(b"if-none-match"), send)
            return
        if self.shared is not None:
            found = await anyio.to_thread.run_sync(self.shared.get, key, version)
            if found is not None:  # computed by another worker for this version
                seconds, kept_headers, body, etag = found
                entry = Entry(version, time.monotonic() + seconds, kept_headers, body, etag)
                self._store(key, entry)
                self.hits += 1
                await self._replay(entry, headers.get(b"if-none-match"), send)
                return
        self.misses += 1
        await self._record(key, version, scope, receive, send)

    async def _replay(self, entry: Entry, if_none_match: bytes | None, send: Send) -> None:
        if if_none_match is not None and entry.etag in (t.strip() for t in if_none_match.split(b",")):
            await send({"type": "http.response.start", "status": 304,
                        "headers": [(b"etag", entry.etag), (b"cache-control", b"no-cache")]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": entry.headers})
        await send({"type": "http.response.body", "body": entry.body})

    async def _record(self, key: Key, version: int, scope: Scope, receive: Receive,
                      send: Send) -> None:
        start: Message | None = None
        parts: list[bytes] = []
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200 and not any(
                    name.lower() == b"set-cookie" for name, _ in message.get("headers", []))
            elif message["type"] == "http.response.body" and keep:
                parts.append(message.get("body", b""))
                keep = sum(map(len, parts)) <= self.max_bytes // 8
            await send(message)

        await self.app(scope, receive, capture)
        if keep and start is not None and not scope.get("session"):
            body = b"".join(parts)
            etag = b'"%d-%s"' % (version, hashlib.blake2b(body, digest_size=8).hexdigest().encode())
            headers = [*start.get("headers", []), (b"etag", etag), (b"cache-control", b"no-cache")]
            self._store(key, Entry(version, time.monotonic() + self.ttl, headers, body, etag))
            if self.shared is not None:
                await anyio.to_thread.run_sync(self.shared.put, key, version, self.ttl, headers, body, etag)

    def _store(self, key: Key, entry: Entry) -> None:
        if entry.version < self.current:
            return  # computed before a write another request has seen already
        if entry.version > self.current:
            self.entries.clear()  # a newer version: every older entry is dead
            self.size = 0
            self.current = entry.version
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self.entries[key] = entry
        self.size += len(entry.body)
        while self.size > self.max_bytes and self.entries:
            _key, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)
