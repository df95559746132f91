"""The column template of an indicator table, from its header labels in the order they were read.

Header rows reach us flattened into one run, with a merged group label (年度指标值, 指标值) ahead of
its sub-labels (指标性质 | 指标值 | 度量单位, or 2021年实际实现值 | 预期2022年实现值). The sub-labels take
the group's place. The level columns (一级/二级) are categories carried forward, not record columns;
the name column comes first. When no header was read, the kind of form gives a default template.
"""

from __future__ import annotations

from jixiao.parse.stream.vocab import GROUP_VALUE_LABELS, compact

_SUB_OF_VALUE = ("nature", "direction", "value", "unit", "history")


def build_template(labels: list[tuple[str, str]]) -> list[str]:
    """``labels``: (label as written, column kind) in reading order -> ``["name", col, …]``."""
    labels = _drop_leading_unit(labels)
    kinds = [kind for _, kind in labels]
    texts = [compact(text) for text, _ in labels]
    # a group label followed later by its sub-labels: the sub-labels take its place
    for i, kind in enumerate(list(kinds)):
        if kind != "value":
            continue
        later = [j for j in range(i + 1, len(kinds)) if kinds[j] in _SUB_OF_VALUE]
        later_kinds = {kinds[j] for j in later}
        is_group = texts[i] in GROUP_VALUE_LABELS or "history" in later_kinds
        if is_group and later and "value" in later_kinds and (later_kinds - {"value"}):
            subs = [kinds[j] for j in later]
            kinds = [k for j, k in enumerate(kinds) if j not in later]
            kinds[i : i + 1] = subs
            break
    out = ["name"]
    seen: dict[str, int] = {}
    for kind in kinds:
        if kind in ("level1", "level2", "name", "rubric1", "rubric2"):
            continue
        seen[kind] = seen.get(kind, 0) + 1
        out.append(kind if seen[kind] == 1 else "adjusted" if kind == "value" else f"{kind}2")
    grades = [k for k in out if k.startswith("grade_")]
    if (
        grades
    ):  # 评价标准 heads 优/良/中/差 in a second header row; its 确定依据 column comes after them
        rest = [k for k in out if not k.startswith("grade_")]
        at = rest.index("note") + 1 if "note" in rest else 1
        out = rest[:at] + grades + rest[at:]
        return out
    levels = [f"level{k[-1]}" for k in kinds if k in ("rubric1", "rubric2")]
    if "weight" in out and "value" not in out:
        # a scoring rubric: its category cells (前期工作) stand before the item, on their first row only
        written = [k for k in ("level1", "level2") if k in kinds]
        return [*(levels or written or ["level1"]), *out]
    if "value" not in out:
        out.insert(1, "value")
    return [*levels, *out]


_ROW_HEAD = frozenset(("level1", "level2", "name", "rubric1", "rubric2"))


def _drop_leading_unit(labels: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Labels before the 一级/二级/三级指标 labels that cannot head a record column.

    - "单位" there is the form's 单位 (the reporting unit) line, not the 计量单位 column: a unit
      column follows the indicator it measures, it never opens the row (159: "单位 | ||||||| 序号 |
      一级 指标 | …").
    - A label the indicator header names again after its level labels belongs to another block:
      the 资金 block's "分值 | 得分 | 实际完成情况" read in the same flattened run (161), or the
      level-1 group's points "分解目标 | 自评权重 | 二级指标 | 三级指标 | … | 分值 | 得分" (173,
      printed once per group: "管理指标 30"). A header never names one column twice, so the
      record's own column is the one among the indicator labels."""
    first = next((n for n, (_, kind) in enumerate(labels) if kind in _ROW_HEAD), None)
    if first is None:
        return labels
    later = {kind for _, kind in labels[first:]}
    subs = bool(later & {"nature", "direction", "unit", "history"})
    return [
        lk for n, lk in enumerate(labels)
        if n >= first
        or (subs and compact(lk[0]) in GROUP_VALUE_LABELS)  # 年度指标值 over its sub-labels (037)
        or not (lk[1] == "unit" or lk[1] in later)
    ]


def default_template(kind: str) -> list[str]:
    if kind in ("selfeval", "unit-overall"):
        return ["name", "value", "actual", "weight", "score", "deviation"]
    if kind == "monitoring":
        return ["name", "value", "actual", "likelihood", "deviation"]
    return ["name", "value", "note"]
