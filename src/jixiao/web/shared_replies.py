"""Visitors' cached replies shared by the workers of one server (issue 11).

``web.response_cache`` keeps replies per worker process: with ``jixiao serve --workers N`` each page
was computed N times per data version, once by every worker that happened to be asked for it. A
server started with several workers now also keeps them in one small SQLite file in a private temp
directory (``JIXIAO_SHARED_REPLIES``, set by ``jixiao serve`` and removed when it stops; ``off``
turns it off): a worker that does not hold a reply looks there before computing it, and offers
what it computes.

The shared file follows the same rules as the per-worker cache: an entry is used only under the
data version it was computed for (the caller's version, read after the request arrived) and before
it expires; a newer version drops the older entries; at most ``max_bytes`` of bodies are kept
(the oldest half dropped past that). Only what the per-worker cache keeps is shared (anonymous
visitors' 200 replies). Any error of the file only means a miss: it is a cache.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from typing import Any

#: the file the workers of one ``jixiao serve`` share (unset: nothing is shared)
SHARED_REPLIES_ENV = "JIXIAO_SHARED_REPLIES"

#: seconds left, headers, body, etag
Reply = tuple[float, list[tuple[bytes, bytes]], bytes, bytes]

_SCHEMA = ("CREATE TABLE IF NOT EXISTS replies (key TEXT PRIMARY KEY, version INTEGER NOT NULL, "
           "expires REAL NOT NULL, headers TEXT NOT NULL, body BLOB NOT NULL, etag BLOB NOT NULL)")


class SharedReplies:
    def __init__(self, path: str, max_bytes: int) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self._local = threading.local()
        self._newest = 0
        self._puts = 0
        self.hits = 0

    @classmethod
    def from_env(cls, max_bytes: int) -> SharedReplies | None:
        path = os.environ.get(SHARED_REPLIES_ENV, "").strip()
        return cls(path, max_bytes) if path and path != "off" and max_bytes > 0 else None

    def _db(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=0.2, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")  # a cache: a crash may lose it whole
            conn.execute(_SCHEMA)
            self._local.conn = conn
        return conn

    def get(self, key: tuple[Any, ...], version: int) -> Reply | None:
        """(seconds left, headers, body, etag) of the reply kept for ``key`` under ``version``."""
        try:
            row = self._db().execute("SELECT version, expires, headers, body, etag FROM replies "
                                     "WHERE key = ?", (json.dumps(key),)).fetchone()
        except sqlite3.Error:
            return None
        if row is None or row[0] != version or row[1] <= time.time():
            return None
        self.hits += 1
        headers = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in json.loads(row[2])]
        return row[1] - time.time(), headers, bytes(row[3]), bytes(row[4])

    def put(self, key: tuple[Any, ...], version: int, seconds: float, headers: list[tuple[bytes, bytes]],
            body: bytes, etag: bytes) -> None:
        try:
            db = self._db()
            if version > self._newest:  # every older entry is dead
                db.execute("DELETE FROM replies WHERE version < ?", (version,))
                self._newest = version
            named = json.dumps([(n.decode("latin-1"), v.decode("latin-1")) for n, v in headers])
            db.execute("INSERT OR REPLACE INTO replies VALUES (?, ?, ?, ?, ?, ?)",
                       (json.dumps(key), version, time.time() + seconds, named, body, etag))
            self._puts += 1
            if self._puts % 200 == 0:
                size = db.execute("SELECT coalesce(sum(length(body)), 0) FROM replies").fetchone()[0]
                if size > self.max_bytes:
                    db.execute("DELETE FROM replies WHERE rowid IN (SELECT rowid FROM replies ORDER BY rowid "
                               "LIMIT (SELECT count(*) / 2 + 1 FROM replies))")
        except sqlite3.Error:
            return
