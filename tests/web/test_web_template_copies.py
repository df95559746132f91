"""The project page writes each indicator's findings and 批注 inline (an ``{% include %}`` per row copied
the whole template context twice per row, a third of the page's rendering; a macro call per row still
costs 10-20 % of the page, measured in process). Those inline rows are copies of ``_findings.html``
and ``_indicator_comments.html``, which the other pages include: this test keeps them equal, so a change
to a partial that is not copied into ``project.html`` fails here instead of showing two different
renderings of the same finding."""

from __future__ import annotations

import re
from pathlib import Path

import jixiao.web

TEMPLATES = Path(jixiao.web.__file__).parent / "templates"


def _one(pattern: str, text: str) -> str:
    found = re.findall(pattern, text, re.S)
    assert len(found) == 1, (pattern, found)
    return str(found[0])


def test_the_project_page_s_findings_row_is_the_findings_partial() -> None:
    page = (TEMPLATES / "project.html").read_text(encoding="utf-8")
    partial = (TEMPLATES / "_findings.html").read_text(encoding="utf-8")
    inline = _one(r"\{% for f in found %\}.*?\{% endfor %\}", page)
    shared = _one(r"\{% for f in items %\}.*?\{% endfor %\}", partial)
    assert inline == shared.replace("{% for f in items %}", "{% for f in found %}")


def test_the_project_page_s_comment_row_is_the_comments_partial() -> None:
    page = (TEMPLATES / "project.html").read_text(encoding="utf-8")
    partial = (TEMPLATES / "_indicator_comments.html").read_text(encoding="utf-8")
    pattern = r"\{% if _notes %\}.*?</ul>\{% endif %\}"
    assert _one(pattern, page) == _one(pattern, partial)
    assert "comments.on(ind.id)" in page and "review_comments(request, viewer, project).on(ind.id)" in partial
