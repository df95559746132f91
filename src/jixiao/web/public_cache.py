"""A short-lived cache for what anonymous visitors see on aggregate pages (browse facets, dashboard
figures). Those scan every published project (~0.3 s at 100,000 projects), yet only change when a
project is approved or documents are imported, so each worker keeps them for ``ttl`` seconds and
drops them as soon as it approves a project itself."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, NamedTuple

from fastapi import Request
from sqlalchemy.orm import Session

from jixiao.review.registry import rule_label
from jixiao.store.access import Viewer, visible_clause
from jixiao.store.finding_visibility import findings_shown_clause
from jixiao.store.queries import ProjectFilter, facets, stats, visible_documents


class PublicCache:
    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._items: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        now = time.monotonic()
        with self._lock:
            hit = self._items.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        value = compute()
        with self._lock:
            self._items[key] = (now + self.ttl, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def public_facets(request: Request, db: Session, viewer: Viewer | None,
                  filters: ProjectFilter) -> dict[str, list[tuple[str, int]]]:
    """Browse facets; cached for visitors when unfiltered (filtered ones are cheap)."""
    if viewer is not None or filters != ProjectFilter():
        return facets(db, visible_clause(viewer), filters)
    result: dict[str, list[tuple[str, int]]] = request.app.state.public_cache.get(
        "facets", lambda: facets(db, visible_clause(None), filters))
    return result


class DocumentLink(NamedTuple):
    id: int
    title: str | None
    source: str
    projects: int


def public_documents(request: Request, db: Session, viewer: Viewer | None) -> list[DocumentLink]:
    """Documents with visible projects (plain tuples, safe to keep between requests)."""
    def load() -> list[DocumentLink]:
        found = visible_documents(db, visible_clause(viewer))
        return [DocumentLink(d.id, d.title, d.source, n) for d, n in found]

    if viewer is not None:
        return load()
    rows: list[DocumentLink] = request.app.state.public_cache.get("documents", load)
    return rows


def public_stats(request: Request, db: Session, viewer: Viewer | None) -> dict[str, list[dict[str, object]]]:
    """The dashboard figures; each rule also gets its ``label`` ("TIM001 完成时限不在预算年度内") in the
    request's language (added after the cache, which holds language-free figures)."""
    if viewer is not None:
        result = stats(db, visible_clause(viewer))
    else:  # visitors: findings only where the deployment shows them (``store.finding_visibility``)
        shown = findings_shown_clause(None, request.app.state.settings.anonymous_findings)
        result = request.app.state.public_cache.get("stats", lambda: stats(db, visible_clause(None), shown))
    by_rule = [{**r, "label": rule_label(str(r["rule"]))} for r in result["findings_by_rule"]]
    return {**result, "findings_by_rule": by_rule}
