"""HTML pages of the official layouts (list, grid, findings, selfeval, monitoring), from the Jinja
templates the PDF exporter shares.

The page is self-contained (CSS inlined) so it can be put on a unit's website as is. The same
:func:`render_page` draws the PDF, one slice of projects at a time (see :mod:`pdf_export`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape

from jixiao.export.eval_sections import EvalForm, eval_form
from jixiao.export.findings import FINDINGS_HEADER, FindingRow, counts, finding_rows
from jixiao.export.registry import ExportRequest, exporter
from jixiao.export.sections import (
    GRID_HEADER,
    LIST_HEADER,
    GridForm,
    ListRow,
    document_title,
    grid_form,
    list_rows,
)
from jixiao.model.document import Project

#: The year-end 项目支出绩效自评表 and in-year 项目支出绩效目标执行监控表 (issue 10).
EVAL_LAYOUTS = ("selfeval", "monitoring")


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("jixiao.export", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=False,
        keep_trailing_newline=True,
    )


@cache
def stylesheet() -> str:
    return files("jixiao.export").joinpath("templates/style.css").read_text("utf-8")


@dataclass(frozen=True, slots=True)
class Page:
    """What one rendered page (or PDF part) shows. ``show_title`` is off for continuation parts."""

    layout: str
    title: str
    rows: Sequence[ListRow] = ()
    forms: Sequence[GridForm] = ()
    findings: Sequence[FindingRow] = ()
    show_title: bool = True
    evals: Sequence[EvalForm] = ()  # the 自评表 / 执行监控表 forms


def render_page(page: Page) -> str:
    template = environment().get_template(f"{page.layout}.html")
    return template.render(
        layout=page.layout, title=page.title, css=stylesheet(), show_title=page.show_title,
        rows=page.rows, forms=page.forms, findings=page.findings, evals=page.evals,
        counts=counts(page.findings),
        list_header=LIST_HEADER, grid_header=GRID_HEADER, findings_header=FINDINGS_HEADER,
    )


def forms_for(request: ExportRequest, projects: Sequence[Project]) -> list[GridForm]:
    return [grid_form(request.doc, p) for p in projects]


def full_page(request: ExportRequest) -> Page:
    """The whole document as one page in the requested layout."""
    doc = request.doc
    title = document_title(doc)
    if request.layout == "list":
        return Page("list", title, rows=list(list_rows(doc)))
    if request.layout in EVAL_LAYOUTS:
        return Page(request.layout, title, evals=[eval_form(doc, p, request.layout) for p in doc.projects])
    forms = forms_for(request, doc.projects)
    if request.layout == "grid":
        return Page("grid", title, forms=forms)
    return Page("findings", title, forms=forms, findings=finding_rows(doc, request.findings))


@exporter("html", ("html", "htm"), ("list", "grid", "findings", "selfeval", "monitoring"))
def write_html(request: ExportRequest) -> bytes:
    return render_page(full_page(request)).encode("utf-8")
