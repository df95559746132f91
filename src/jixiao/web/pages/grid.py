"""The grid editor page: a project's whole indicator table in one editable table (``static/grid.js``).

The page carries the rows, the grid version, the taxonomy choices and its own sentences (from the
message catalogue, so ``?lang=en`` gives English) as data attributes; the script checks the table
as it is typed (``/api/v1/projects/{id}/grid/check``) and saves it in one request (``PUT …/grid``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from jixiao.i18n import N_, _
from jixiao.model.document import NO_OPERATOR, OPERATORS
from jixiao.store.access import can_edit
from jixiao.web.deps import DB, ViewerDep, visible_project
from jixiao.web.errors import ApiError
from jixiao.web.grid_view import grid_json
from jixiao.web.hardening import Id
from jixiao.web.pages.render import page

router = APIRouter()

#: column key -> heading (the order of the grid's cells and of a pasted row without a header)
COLUMNS = {"level1": N_("一级指标"), "level2": N_("二级指标"), "name": N_("三级指标"),
           "operator": N_("运算符"), "value": N_("指标值"), "unit": N_("计量单位"), "weight": N_("分值"),
           "note": N_("指标值说明")}

#: the script's sentences (translated per request)
TEXT = {
    "not_written": N_("未写明"), "none": N_("（空）"), "row": N_("第 {n} 行"),
    "up": N_("上移"), "down": N_("下移"), "delete": N_("删除"), "insert": N_("在下方插入行"),
    "checking": N_("正在检查…"), "checked": N_("已检查：{errors} 个错误，{warnings} 个警告"),
    "no_findings": N_("✓ 未发现问题"), "saving": N_("正在保存…"),
    "saved": N_("已保存：新增 {added} 行，修改 {updated} 行，删除 {deleted} 行"),
    "unsaved": N_("有未保存的修改"), "pasted": N_("已粘贴 {n} 行"), "header_skipped": N_("（已跳过表头行）"),
    "failed": N_("未保存：{why}"), "network": N_("无法连接服务器，修改仍在表格中"),
    "expected": N_("应为：{expected}"), "too_fast": N_("检查过于频繁，稍后自动重试"),
    "row_deleted": N_("已删除第 {n} 行（保存后生效）"), "row_moved": N_("已移动到第 {n} 行"),
}

#: the sentences templates/grid.html (and the link in edit.html) pass to ``_()``, marked for the catalogue
PAGE_TEXT = (
    N_("表格编辑"), N_("返回项目"), N_("逐行编辑"), N_("指标体系"), N_("绩效指标"), N_("操作"),
    N_("审核结果"), N_("添加行"), N_("保存全部"), N_("表格编辑（整表一次保存）"),
    N_("整张指标表一次保存。方向键、Enter、Tab 在单元格间移动；可从 Excel 粘贴多行（自动跳过表头）；"
       "Ctrl+Enter 插入行，Ctrl+Delete 删除行，Alt+↑/↓ 移动行。输入时按审核规则检查，结果显示在每行右侧。"),
)


def _texts() -> dict[str, Any]:
    return {"columns": {k: _(v) for k, v in COLUMNS.items()}, **{k: _(v) for k, v in TEXT.items()},
            "operators": [{"value": op, "label": _("未写明") if op == NO_OPERATOR else op}
                          for op in (NO_OPERATOR, *[o for o in OPERATORS if o != NO_OPERATOR])]}


@router.get("/projects/{project_id}/grid", response_class=HTMLResponse)
def grid_page(request: Request, project_id: Id, db: DB, viewer: ViewerDep) -> HTMLResponse:
    row = visible_project(db, viewer, project_id)
    if not can_edit(viewer, row):
        raise ApiError(403, _("你不能编辑这个项目（只有本单位用户可以编辑草稿或退回的项目）"))
    return page(request, "grid.html", viewer, project=row, grid=grid_json(db, row), text=_texts(),
                columns=list(COLUMNS))
