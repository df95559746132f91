"""Header fields of the forms read from the stream: 项目名称 (a second one starts the next project),
主管部门, 实施单位, money (元 converted to 万元), 年度目标 and the 预期目标 | 实际完成情况 pair."""

from __future__ import annotations

from jixiao.model.document import Goal, Project
from jixiao.parse.goals import parse_goals
from jixiao.parse.stream.blocks import budget_row
from jixiao.parse.stream.fields import amount_of, field_of, is_money_field, money_unit_near, to_wan
from jixiao.parse.stream.records import flush
from jixiao.parse.stream.state import SECTION_WORDS, Walk
from jixiao.parse.stream.tokens import Tok
from jixiao.parse.stream.vocab import category, compact, is_column_label


def _paired_labels(w: Walk, toks: list[Tok], i: int) -> int | None:
    """ "预期目标 | 实际完成情况 | text | text": labels side by side, their values after them in the
    same order. Returns where the pair ends, or None when the labels are not followed by values."""
    pair_words = ("预期目标", "年初设定目标", "年初绩效目标")
    if compact(toks[i].text) not in pair_words:
        if i + 1 < len(toks) and compact(toks[i + 1].text) in pair_words:
            return i + 1  # 年度总体目标 heads the pair: the pair's labels follow
        return None
    labels = [i]
    j = i + 1
    while j < len(toks) and field_of(toks[j].text) in ("goal", "goal_result") and len(labels) < 3:
        labels.append(j)
        j += 1
    values = toks[j : j + len(labels)]
    if (
        len(labels) < 2
        or len(values) < len(labels)
        or any(t.empty or field_of(t.text) or category(t.text) != (None, None) for t in values)
    ):
        return None
    project = w.project(toks[i])
    for at, value in zip(labels, values, strict=True):
        if field_of(toks[at].text) == "goal":
            project.goals.extend(
                parse_goals(value.text, w.loc(value)) or [Goal(value.text, location=w.loc(value))]
            )
        else:
            project.extra["年度目标完成情况"] = value.text
    return j + len(labels)

def read_field(w: Walk, toks: list[Tok], i: int, fld: str) -> int:
    nxt = next((t for t in toks[i + 1 : i + 3] if not t.empty), None)
    header_row = nxt is not None and (field_of(nxt.text) or is_column_label(nxt.text))
    if header_row and fld in ("name", "implementer"):
        from jixiao.parse.stream.headers import read_header

        before = w.template
        header_end = read_header(w, toks, i)  # 单位名称 | 项目名称 | 预算数 | …: a long table's header
        if w.template is not before:
            return header_end
    flush(w)
    w.in_body = False
    if fld == "goal":
        end = _paired_labels(w, toks, i)
        if end is not None:
            return end
    label = toks[i]
    j = i + 1
    values: list[Tok] = []
    window = 8 if is_money_field(fld) else 3
    while j < len(toks) and len(values) < window:
        t = toks[j]
        if t.empty:
            j += 1
            continue
        is_label = (
            field_of(t.text)
            or is_column_label(t.text)
            or category(t.text) != (None, None)
            or compact(t.text) in SECTION_WORDS  # "绩效指标" heading the table after 年度目标 (117)
        )
        if is_label and (not is_money_field(fld) or values):
            break
        values.append(t)
        j += 1
        if not is_money_field(fld) and fld != "goal":
            break
    project = w.project(label)
    if fld == "name":
        if project.name or project.indicators:
            w.projects.append(
                Project(seq=str(len(w.projects) + 1), name="", amount=None, location=w.loc(label))
            )
            project = w.projects[-1]
        if values:
            project.name = values[0].text
            project.location = w.loc(values[0])
        return j
    if is_money_field(fld) and w.budget_cols:
        unit = money_unit_near([t.text for t in toks[max(0, i - 20) : i + 1]] + [label.text])
        end = budget_row(
            w, toks, i + 1, project, "年度资金总额" if fld == "年度资金总额" else fld, unit
        )
        if end > i + 1:
            if unit == "元":
                project.extra.setdefault("金额单位", "元（已换算为万元）")
            return end
    if is_money_field(fld):
        unit = money_unit_near([t.text for t in toks[max(0, i - 14) : i + 1]] + [label.text])
        for t in values:
            amount, written = amount_of(t.text)
            if amount is not None:
                wan = to_wan(amount, written or unit)
                project.funds.setdefault(fld, wan)
                if fld == "年度资金总额" and project.amount is None:
                    project.amount = wan
                if (written or unit) == "元":
                    project.extra.setdefault("金额单位", "元（已换算为万元）")
                return j if values and values[-1] is t else toks.index(t, i) + 1
        return i + 1
    text = " ".join(t.text for t in values)
    if fld == "department":
        project.department = project.department or text
    elif fld == "implementer":
        project.implementer = project.implementer or text
    elif fld in ("goal", "goal_long"):
        if values:
            loc = w.loc(values[0])
            if fld == "goal":
                project.goals.extend(parse_goals(text, loc) or [Goal(text=text, location=loc)])
            else:
                project.extra["实施期目标"] = text
    else:
        project.extra[compact(label.text)] = text
    return j
