"""Long project lists without ``COUNT(*)`` and deep ``OFFSET`` on every page (issue 11).

A list of a million published projects cost, per page, a count of every visible project (for
``total``) and a scan past ``offset`` index entries: ~100 ms each at 1,000,000 projects. A list
that long now keeps, per worker, the ordered ids of its projects for one data version of the store
(:mod:`jixiao.store.data_version`): ``total`` is their number (exact), a page is a slice of them,
read by primary key. The ids are read once per version (any write starts a new one) and expire
after ``ttl`` seconds; lists up to ``threshold`` projects are counted and paged in SQL as before.
"""

from __future__ import annotations

import threading
import time
from array import array
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from jixiao.store.data_version import data_version
from jixiao.store.schema import SUMMARY_COLUMNS, ProjectRow


class ListIndex:
    def __init__(self, ttl: float, threshold: int = 20_000, lists: int = 8) -> None:
        self.ttl = ttl
        self.threshold = threshold
        self.lists = lists
        self._ids: OrderedDict[Hashable, tuple[int, float, array[int]]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}
        self.builds = 0

    def page(self, session: Session, key: Hashable, where: list[ColumnElement[bool]], limit: int,
             offset: int, version: int | None = None) -> tuple[list[Any], int]:
        """One page of the projects ``where`` selects, in id order, and their total. ``key`` names
        ``where`` (the same key always means the same conditions). ``version``: the store's data
        version when the caller read it already, before any of this request's data."""
        if version is None:  # first: the ids read below are at least this new
            version = data_version(session.connection())
        ids = self._fresh(key, version)
        if ids is None:
            total = session.scalar(select(func.count(ProjectRow.id)).where(*where)) or 0
            if total <= self.threshold:
                rows = session.execute(select(*SUMMARY_COLUMNS).where(*where).order_by(ProjectRow.id)
                                       .limit(limit).offset(offset)).all()
                return list(rows), total
            ids = self._build(session, key, version, where)
        chosen = ids[offset:offset + limit].tolist()
        found = {r.id: r for r in session.execute(select(*SUMMARY_COLUMNS).where(ProjectRow.id.in_(chosen)))}
        return [found[i] for i in chosen if i in found], len(ids)

    def _fresh(self, key: Hashable, version: int) -> array[int] | None:
        with self._lock:
            held = self._ids.get(key)
            if held is None or held[0] != version or held[1] <= time.monotonic():
                return None
            self._ids.move_to_end(key)
            return held[2]

    def _build(self, session: Session, key: Hashable, version: int,
               where: list[ColumnElement[bool]]) -> array[int]:
        """Read the ids, once: concurrent requests for the same list wait for the first one's ids
        (under load, each reading a million ids itself would take them all seconds)."""
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        with building:
            done = self._fresh(key, version)
            if done is not None:
                return done
            stmt = select(ProjectRow.id).where(*where).order_by(ProjectRow.id)
            result = session.connection().execute(stmt)
            try:  # the driver's rows as they come (no per-row result processing: ~2x faster)
                raw = result.cursor.fetchall() if result.cursor is not None else list(result)
                ids = array("q", [row[0] for row in raw])
            finally:
                result.close()
            self.builds += 1
            self._keep(key, version, ids)
        return ids

    def _keep(self, key: Hashable, version: int, ids: array[int]) -> None:
        with self._lock:
            self._ids[key] = (version, time.monotonic() + self.ttl, ids)
            self._ids.move_to_end(key)
            while len(self._ids) > self.lists:
                self._ids.popitem(last=False)
