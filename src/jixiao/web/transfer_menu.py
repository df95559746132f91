"""The download menu shown on the project, document, browse and search pages, and the words of the
upload page (all through the catalogue: templates use ``_(T["…"])``)."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from jixiao.i18n import N_, _
from jixiao.web.exporting import list_query

#: the words of the download menu and the upload page, by key
T = {
    "download": N_("下载"), "print": N_("打印"), "upload": N_("上传文件"),
    "upload_title": N_("上传绩效目标文件"),
    "upload_help": N_(
        "可一次选择或拖入多个文件（xlsx、xls、docx、pdf、html、txt、csv、json），每个不超过 {mb} MB。"),
    "upload_unit_rule": N_(
        "本单位用户上传的文件只能包含本单位（{unit}）的项目；未写单位编码的项目记为本单位。"),
    "drop_here": N_("把文件拖到这里，或"), "choose": N_("选择文件"), "send": N_("上传"),
    "file": N_("文件"), "result": N_("结果"), "document": N_("文档"), "projects": N_("项目数"),
    "findings": N_("审核意见数"), "progress": N_("进度"),
    "stored": N_("已存储"), "already": N_("已存储过（未重复存储）"), "refused": N_("已拒绝"),
    "uploading": N_("上传中"), "processing": N_("处理中"), "failed": N_("上传失败"),
    "results_title": N_("上传结果"), "store_as": N_("存为"), "as_draft": N_("草稿（待审核）"),
    "as_approved": N_("已批准（直接公开）"), "no_files": N_("没有选择文件"), "again": N_("继续上传"),
}

FORMAT_LABELS = {"xlsx": N_("电子表格"), "pdf": N_("PDF文件"), "html": N_("网页"), "csv": N_("CSV数据")}
#: (group title, layout, formats) of the menu; a project page offers its form first
PROJECT_MENU = ((N_("绩效目标表"), "grid", ("xlsx", "pdf", "html")),
                (N_("公开表"), "list", ("xlsx", "pdf", "html")),
                (N_("指标数据"), "flat", ("csv",)),
                (N_("审核意见"), "findings", ("xlsx", "pdf", "html", "csv")))
LIST_MENU = (PROJECT_MENU[1], PROJECT_MENU[0], *PROJECT_MENU[2:])


@dataclass(frozen=True, slots=True)
class MenuLink:
    label: str
    url: str
    format: str
    layout: str


@dataclass(frozen=True, slots=True)
class MenuGroup:
    title: str
    links: list[MenuLink]


def export_menu(kind: str, path: str, query: str = "") -> list[MenuGroup]:
    """The download links of one page: ``path`` is the export URL (``/projects/3/export``),
    ``query`` the page's own filters to repeat (``region=…&year=…``)."""
    groups = []
    for title, layout, formats in PROJECT_MENU if kind == "project" else LIST_MENU:
        extra = f"&{query}" if query else ""
        links = [MenuLink(_(FORMAT_LABELS[fmt]), f"{path}?format={fmt}&layout={layout}{extra}", fmt, layout)
                 for fmt in formats]
        groups.append(MenuGroup(_(title), links))
    return groups


def install(env: Environment) -> None:
    env.globals.update(T=T, export_menu=export_menu, list_query=list_query)
