"""A run of digits that a flattened copy made of several numeric columns, split back by the template.

Doc sites that flatten a self-evaluation table drop the separators between its numeric cells: the
row 指标值 90 | 指标权重 10 | 全年完成值 100 | 指标得分 10 arrives as "901010010" (170). When the
header says these columns stand side by side and the record has only the one run for all of them,
every way of cutting the run into one number per column is tried under the rules the columns obey:

- no number has a leading zero (``0`` and ``0.4`` excepted) or more than one decimal point;
- a weight (分值/权重) is 1–100; a score (得分) is between 0 and its weight;
- the cut that needs the fewest unusual readings wins: a score below its weight (full marks are the
  common case), a weight that is not a round one (10, 20, 5 …), an actual of 0, and how far the
  actual lies from the target (a self-evaluation reports the target's own order of magnitude).

When two cuts tie the run is left as it is. Over two columns only a run that cannot be one number
is split ("00" in 指标值 | 实际完成值 is 0 | 0, 007; "2021" stays whole). The chosen cut is a guess
and the note says so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation

#: columns a digit run may be spread over, in the order the template gives them
NUMERIC = ("value", "weight", "actual", "score")
_ROUND_WEIGHTS = frozenset((2, 3, 4, 5, 6, 8, 10, 15, 20, 25, 30))
_NUMBER = re.compile(r"0|0\.\d+|[1-9]\d*(?:\.\d+)?")
_RUN = re.compile(r"[\d.]+")


def run_columns(fields: dict[str, str], template: Sequence[str]) -> list[str]:
    """The numeric columns from 指标值 on that the record left empty: the ones a run in 指标值 may
    also hold (stops at the first non-numeric column or a column that has its own cell)."""
    if "value" not in template:
        return []
    cols: list[str] = []
    for kind in template[template.index("value") :]:
        if kind not in NUMERIC or (kind != "value" and fields.get(kind)):
            break
        cols.append(kind)
    return cols


def _cuts(run: str, parts: int) -> Iterator[list[str]]:
    if parts == 1:
        if _NUMBER.fullmatch(run):
            yield [run]
        return
    for end in range(1, len(run) - parts + 2):
        head = run[:end]
        if _NUMBER.fullmatch(head):
            for rest in _cuts(run[end:], parts - 1):
                yield [head, *rest]


def _cost(reading: dict[str, Decimal]) -> float | None:
    weight, score = reading.get("weight"), reading.get("score")
    if weight is not None and not 1 <= weight <= 100:
        return None
    if score is not None and weight is not None and score > weight:
        return None
    cost = 0.0
    if weight is not None and weight not in _ROUND_WEIGHTS:
        cost += 1
    if score is not None and weight is not None and score != weight:
        cost += 2
    value, actual = reading.get("value"), reading.get("actual")
    if value is not None and actual is not None:
        if value > 0 and actual > 0:
            cost += abs(math.log10(float(actual / value)))
        else:
            cost += 1
    return cost


def split_run(run: str, columns: Sequence[str]) -> dict[str, str] | None:
    """``run`` cut into one number per column (column -> text), or None when no cut fits or two fit
    equally well."""
    if len(columns) < 2 or not _RUN.fullmatch(run):
        return None
    if len(columns) == 2 and _NUMBER.fullmatch(run):
        return None  # "2021" in 指标值 | 实际完成值 may well be one number; "00" cannot be
    scored: list[tuple[float, list[str]]] = []
    for cut in _cuts(run, len(columns)):
        try:
            reading = {c: Decimal(t) for c, t in zip(columns, cut, strict=True)}
        except InvalidOperation:
            continue
        cost = _cost(reading)
        if cost is not None:
            scored.append((cost, cut))
    if not scored:
        return None
    scored.sort(key=lambda s: s[0])
    if len(scored) > 1 and math.isclose(scored[0][0], scored[1][0]):
        return None
    return dict(zip(columns, scored[0][1], strict=True))


def spread_run(fields: dict[str, str], template: Sequence[str]) -> list[str]:
    """Split a digit run in 指标值 over the empty numeric columns after it; the repair notes."""
    cols = run_columns(fields, template)
    run = (fields.get("value") or "").strip()
    cut = split_run(run, cols)
    if cut is None:
        return []
    fields.update(cut)
    shown = "、".join(f"{_LABEL[c]} {t}" for c, t in cut.items())
    return [f"「{run}」→ {shown}(数字粘连，按表头列序拆分，属推测)"]


_LABEL = {"value": "目标值", "weight": "分值", "actual": "完成值", "score": "得分"}


_LEAD = re.compile(r"^(?P<op>[≥≤<>=]?)(?P<digits>\d{3,})(?P<rest>[^\d.].*|)$")


def weight_before_value(fields: dict[str, str], template: Sequence[str]) -> list[str]:
    """ "20100%" in 指标值 where the header puts 分值 right before 指标值 and the record has no 分值:
    the weight 20 and the target 100% run together (152: "项目(工程)验收合格率20100%100%20"). Split
    only when the actual proves the cut: the rest is exactly the number written in 实际完成值 (the
    table repeats the target there), and the head is a weight (1–100, no leading zero)."""
    cols = list(template)
    if "weight" not in cols or "value" not in cols or cols.index("weight") + 1 != cols.index("value"):
        return []
    value = (fields.get("value") or "").strip()
    actual = (fields.get("actual") or "").strip()
    m = _LEAD.match(value)
    if fields.get("weight") or m is None or not actual:
        return []
    seen = re.match(r"^[≥≤<>=]?(\d+(?:\.\d+)?)", actual)
    if seen is None:
        return []
    digits = m["digits"]
    for cut in range(1, min(3, len(digits) - 1) + 1):
        head, rest = digits[:cut], digits[cut:]
        if head.startswith("0") or rest.startswith("0") or not 1 <= int(head) <= 100:
            continue
        if Decimal(rest) == Decimal(seen.group(1)):
            fields["weight"], fields["value"] = head, f"{m['op']}{rest}{m['rest']}"
            return [f"「{value}」→ 分值 {head}、目标值 {fields['value']}"
                    f"(数字粘连；与实际完成值「{actual}」对照拆分，属推测)"]
    return []
