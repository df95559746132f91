"""A run of column labels becomes the template of the records that follow (header rows split in two
are joined; place names after the labels become one value column per region)."""

from __future__ import annotations

import re

from jixiao.model.document import Unparsed
from jixiao.parse.stream.celltypes import shape
from jixiao.parse.stream.fields import field_of
from jixiao.parse.stream.records import flush
from jixiao.parse.stream.state import SECTION_WORDS, Walk
from jixiao.parse.stream.template import build_template
from jixiao.parse.stream.tokens import Tok
from jixiao.parse.stream.vocab import COLUMN_LABELS, category, column_kind, compact, is_column_label

#: project columns of a long table, by their header label (the field each one fills)
_PROJECT_COLUMNS = {"预算数": "年度资金总额", "预算金额": "年度资金总额", "金额": "年度资金总额",
                    "资金总额": "年度资金总额"}


def _project_column(key: str) -> str | None:
    return field_of(key) or _PROJECT_COLUMNS.get(key)


_LEVEL_WORDS = ("一级指标", "二级指标", "三级指标", "优良中差")


def _keep_skipped(w: Walk, run: list[Tok]) -> None:
    """Cells inside a header run that are no label (a stray word between two labels): kept verbatim."""
    for t in run:
        key = compact(t.text)
        if t.empty or key in SECTION_WORDS or key in _LEVEL_WORDS:
            continue
        if column_kind(t.text) is None and _project_column(key) is None:
            w.unparsed.append(Unparsed(t.text, w.loc(t), "表头中未能识别的文字"))


def labels_have_levels(labels: list[tuple[str, str]]) -> bool:
    """Project columns stand before the indicator columns: none once the levels have begun."""
    return any(k in ("level1", "level2", "name") for _, k in labels)


_SCRAMBLED: dict[str, str | None] = {}


def scrambled_label(key: str) -> str | None:
    """The column a header cell names when its characters are a known label's in another order: a
    vertical header cell ("参考分值" written one character per line) that a flattened copy read out of
    order ("考值参分", 169). Labels of four characters or more only, and only when no two labels of
    different columns share the same characters."""
    if not _SCRAMBLED:
        for kind, labels in COLUMN_LABELS.items():
            for label in labels:
                if len(label) >= 4:
                    letters = "".join(sorted(label))
                    _SCRAMBLED[letters] = kind if _SCRAMBLED.get(letters, kind) == kind else None
    if len(key) < 4:
        return None
    return _SCRAMBLED.get("".join(sorted(key)))


def read_header(w: Walk, toks: list[Tok], i: int) -> int:
    """A run of column labels: the template of the records that follow."""
    labels: list[tuple[str, str]] = []
    j = i
    misses = 0
    while j < len(toks) and misses <= 1:
        t = toks[j]
        kind = column_kind(t.text)
        key = compact(t.text)
        if key in ("一级指标", "二级指标"):
            kind = "level1" if key == "一级指标" else "level2"
        elif key == "三级指标":
            kind = "name"
        elif kind is None and labels:
            kind = scrambled_label(key)
        project_field = _project_column(key) if kind is None and not labels_have_levels(labels) else None
        if project_field is not None:  # 单位名称 | 项目名称 | 预算数 | 年度目标 before the indicator columns
            labels.append((t.text, f"project:{project_field}"))
            misses = 0
        elif key == "优良中差":
            labels.extend(
                (g, f"grade_{k}")
                for g, k in zip(key, ("you", "liang", "zhong", "cha"), strict=True)
            )
            misses = 0
        elif kind is not None:
            labels.append((t.text, kind))
            misses = 0
        elif t.empty or key in SECTION_WORDS:
            pass
        else:
            misses += 1
            if misses > 1 or category(t.text) != (None, None) or field_of(t.text):
                break
        j += 1
    while (
        j > i + 1
        and column_kind(toks[j - 1].text) is None
        and compact(toks[j - 1].text) not in ("一级指标", "二级指标", "三级指标", "优良中差")
    ):
        j -= 1
    w.project_cols = [k.split(":", 1)[1] for _, k in labels if k.startswith("project:")]
    labels = [(t, k) for t, k in labels if not k.startswith("project:")]
    kinds = {k for _, k in labels}
    if len(labels) >= 2 and kinds & {"name", "value", "level1", "level2", "actual", "grade_you"}:
        flush(w)
        _keep_skipped(w, toks[i:j])
        regions, j = (
            region_columns(toks, j) if "name" in kinds and "value" not in kinds else ([], j)
        )
        if not regions and j < len(toks) - 1 and category(toks[j + 1].text) != (None, None):
            places = PLACES.fullmatch(compact(toks[j].text)) if len(toks[j].text) <= 60 else None
            if places is not None:  # "新罗区永定区上杭县…" glued in a flattened header
                regions = PLACE.findall(compact(toks[j].text))
                j += 1
        if (
            w.header_at == (w.records, len(w.projects))
            and w.header_labels
            and not any(not t.empty for t in w.segment)
            and not _repeats(w.header_labels, labels)
        ):  # a header split over two runs (labels, then 一级/二级/三级)
            labels = [*w.header_labels, *labels]
        elif completes_header(w, labels):
            labels = [*w.header_labels, *labels]
        w.header_labels, w.header_at = labels, (w.records, len(w.projects))
        w.template = build_template(labels)
        if regions:  # one value column per region (township, village): no 指标值 column of its own
            w.template = [k for k in w.template if k != "value"] + [f"region:{r}" for r in regions]
        w.in_body = True
        w.seen_table = True
        return j
    if (
        len(labels) >= 2 and not w.in_body
    ):  # the first half of a header split in two: kept for the next
        w.header_labels, w.header_at = labels, (w.records, len(w.projects))
        return j
    # a lone label (e.g. 说明 or 指标) in running text: keep it
    if w.in_body:
        w.segment.append(toks[i])
    else:
        w.unparsed.append(Unparsed(toks[i].text, w.loc(toks[i]), "页面附属文字（表格之外）"))
    return i + 1

_LEVEL_KINDS = frozenset(("level1", "level2", "name"))


def _repeats(before: list[tuple[str, str]], now: list[tuple[str, str]]) -> bool:
    """The run before names a column this one names again (分值, 得分 of the budget block above an
    indicator header that has its own 分值 and 得分, 163): two headers, not two halves of one."""
    return bool({k for _, k in before} & {k for _, k in now} - {"note"})


def completes_header(w: Walk, labels: list[tuple[str, str]]) -> bool:
    """The second half of a header row that a flattened spreadsheet scattered around the first rows
    (160: "年度 实际 指标值 完成值", two records, then "二级指标 三级指标 分值 得分"). The first run held
    only value columns (no 三级指标, so it was not a whole header), this one holds the level and score
    columns and none of the first run's kinds, and no project began in between: together they are
    the one header, the first run's columns first (they were read first)."""
    if not w.header_labels or w.header_at[1] != len(w.projects):
        return False
    before = {k for _, k in w.header_labels}
    now = {k for _, k in labels}
    return (
        not before & _LEVEL_KINDS
        and bool(now & _LEVEL_KINDS)
        and not (before & now)
        and not now & {"value", "actual"}
    )


PLACE = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:自治县|街道办|街道|区|县|市|镇|乡|村|旗)")

PLACES = re.compile(rf"(?:{PLACE.pattern}){{2,}}")

def region_columns(toks: list[Tok], j: int) -> tuple[list[str], int]:
    """Column headings after the known labels that are names of places (西坪镇尧山村 | 桃舟乡吾培村 …),
    ending where the first category starts the body."""
    names: list[str] = []
    k = j
    while k < len(toks):
        t = toks[k]
        if t.empty:
            k += 1
            continue
        if category(t.text) != (None, None) or compact(t.text) in SECTION_WORDS:
            break
        if (
            shape(t.text) != "text"
            or len(t.text) > 14
            or field_of(t.text)
            or is_column_label(t.text)
        ):
            return [], j
        names.append(t.text)
        k += 1
    if len(names) < 2 or k >= len(toks):
        return [], j
    return names, k
