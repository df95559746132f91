"""``review_comments(request, viewer, project)`` for templates: the reviewers' comments (批注) the
viewer may read on a project, read once per request. The project page and the editor both show
them through ``_indicator_comments.html`` (beside each indicator) and ``_project_comments.html``."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from jixiao.store.access import Viewer
from jixiao.store.review_comments import Comments, project_comments


def review_comments(request: Request, viewer: Viewer | None, project: Any) -> Comments:
    cache: dict[int, Comments] = getattr(request.state, "review_comments", None) or {}
    found = cache.get(project.id)
    if found is None:
        with request.app.state.sessions() as session:
            found = project_comments(session, viewer, project, project.id)
        cache[project.id] = found
        request.state.review_comments = cache
    return found
