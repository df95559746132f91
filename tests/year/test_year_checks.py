"""MON001–MON004, the time schedule, the lights and the board: each check with a passing and a failing
case (plain rows, no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.model.year import MonitoringEntry, MonitoringRound
from jixiao.store.schema import IndicatorRow
from jixiao.year.board import Record, build_board
from jixiao.year.year_checks import (
    Gaps,
    Version,
    check_round,
    check_targets,
    execution_light,
    schedule,
    target_risk,
)

JULY = dt.date(2023, 7, 31)


def _indicator(id_: int = 1, operator: str = "≥", value: str | None = "100", kind: str = "number",
               unit: str | None = "个", name: str = "建设职工之家") -> IndicatorRow:
    return IndicatorRow(id=id_, name=name, operator=operator, value=value, value_kind=kind, unit=unit,
                        raw=f"{name} {operator}{value}{unit or ''}")


def _round(executed: str = "60", *entries: MonitoringEntry) -> MonitoringRound:
    return MonitoringRound(JULY, Decimal("100"), Decimal("100"), Decimal(executed), list(entries))


def _codes(rnd: MonitoringRound, *indicators: IndicatorRow,
           gaps: Gaps | None = None) -> list[tuple[str, str]]:
    return sorted((f.rule, f.severity) for f in check_round(rnd, list(indicators), "1", gaps or Gaps()))


def test_schedule_is_the_elapsed_share_of_the_year() -> None:
    assert schedule(JULY) == Decimal(212) / Decimal(365)
    assert schedule(dt.date(2024, 12, 31)) == 1  # a leap year ends at 366 / 366
    assert schedule(dt.date(2024, 2, 29)) == Decimal(60) / Decimal(366)


@pytest.mark.parametrize(("executed", "light", "codes"), [
    ("50", "green", []),  # 58.08 − 50 = 8.08 points behind: within the yellow gap
    ("45", "yellow", [("MON001", "warning")]),
    ("30", "red", [("MON001", "error")]),
    ("100", "green", []),
])
def test_mon001_execution_behind_schedule(executed: str, light: str, codes: list[tuple[str, str]]) -> None:
    assert execution_light(JULY, Decimal("100"), Decimal(executed))[0] == light
    assert _codes(_round(executed)) == codes


def test_mon001_gaps_are_settings() -> None:
    strict = Gaps(yellow=Decimal("0.05"), red=Decimal("0.08"))
    assert _codes(_round("50"), gaps=strict) == [("MON001", "error")]
    assert execution_light(JULY, Decimal("0"), Decimal("5")) == ("none", None)


def test_mon002_cannot_or_lagging_without_correction() -> None:
    ind = _indicator()
    cannot = MonitoringEntry(1, "30", "不能", "经费")
    assert _codes(_round("60", cannot), ind) == [("MON002", "error")]
    assert _codes(_round("60", MonitoringEntry(1, "30", "不能", "经费", "", "追加预算")), ind) == []
    behind = MonitoringEntry(1, "10", "能", "人员")  # 10% done, schedule 58%
    found = check_round(_round("60", behind), [ind], "1")
    assert [(f.rule, f.severity) for f in found] == [("MON002", "warning")]
    assert found[0].message == "指标“建设职工之家”完成 10%，低于序时进度 58.08%，但没有填写纠偏措施"
    assert _codes(_round("60", MonitoringEntry(1, "50", "能")), ind) == []  # 50% is within the gap
    cost = _indicator(operator="≤", value="5", unit="万元", name="单个成本")
    assert _codes(_round("60", MonitoringEntry(1, "1", "能")), cost) == []  # a ≤ target cannot lag


def test_mon002_date_target_passed_without_result() -> None:
    deadline = _indicator(operator="≤", value="2023-06-30", kind="date", unit=None, name="完成时限")
    assert _codes(_round("60", MonitoringEntry(1, "", "能", "制度")), deadline) == [("MON002", "warning")]
    assert _codes(_round("60", MonitoringEntry(1, "2023-06-20", "能")), deadline) == []


def test_mon003_doubtful_without_cause() -> None:
    ind = _indicator()
    assert _codes(_round("60", MonitoringEntry(1, "70", "可能")), ind) == [("MON003", "warning")]
    assert _codes(_round("60", MonitoringEntry(1, "70", "可能", "硬件", "设备未到")), ind) == []


def test_target_risk_light() -> None:
    indicators = {1: _indicator()}
    assert target_risk([MonitoringEntry(1, "70", "能")], indicators, JULY) == "green"
    assert target_risk([MonitoringEntry(1, "70", "可能")], indicators, JULY) == "yellow"
    assert target_risk([MonitoringEntry(1, "10", "能")], indicators, JULY) == "yellow"
    assert target_risk([MonitoringEntry(1, "70", "不能")], indicators, JULY) == "red"


def test_mon004_target_changed_without_adjustment() -> None:
    ind = _indicator(value="80")
    v1 = Version(1, "建设职工之家 ≥100个", ("≥", "100", "个"), True)
    approved = Version(2, "建设职工之家 ≥80个", ("≥", "80", "个"), True)
    unapproved = Version(2, "建设职工之家 ≥80个", ("≥", "80", "个"), False)
    assert check_targets([ind], {1: [v1, approved]}, "1") == []
    found = check_targets([ind], {1: [v1, unapproved]}, "1")
    assert [(f.rule, f.severity) for f in found] == [("MON004", "error")]
    assert "v1→v2" in found[0].message
    drifted = check_targets([ind], {1: [v1]}, "1")  # the stored target is not its last version
    assert [f.rule for f in drifted] == ["MON004"] and "（当前）" in drifted[0].message


def _record(id_: int, unit: str, executed: str | None, risk: str = "green") -> Record:
    return Record(id_, str(id_), f"项目{id_}", unit, f"单位{unit}", Decimal("100"),
                  JULY if executed is not None else None, Decimal("100"),
                  None if executed is None else Decimal(executed), risk, 0, False, None, None)


def test_board_lights_sorting_and_unit_filter() -> None:
    found = [_record(1, "A", "55"), _record(2, "B", "20"), _record(3, "A", None),
             _record(4, "B", "55", "yellow"), _record(5, "A", "45")]
    board = build_board(found)
    assert [(p["id"], p["light"]) for p in board["projects"]] == [
        (2, "red"), (5, "yellow"), (4, "yellow"), (1, "green"), (3, "none")]
    assert board["counts"] == {"red": 1, "yellow": 2, "green": 1, "none": 1}
    assert board["projects"][0]["lag"] == "38.08" and board["projects"][0]["rate"] == "20"
    only_a = build_board(found, unit="A", sort="name")
    assert [p["id"] for p in only_a["projects"]] == [1, 3, 5]


def test_board_counts_an_unapproved_target_change_as_red_target_risk() -> None:
    """MON004 on the board: a green project (and an unmonitored one) with a target changed without an
    approved adjustment turn red; sorting by it puts them first; the unit filter still applies."""
    from dataclasses import replace

    found = [_record(1, "A", "55"), _record(2, "B", "55"), _record(3, "A", None)]
    clean = build_board(found)
    assert [(p["id"], p["light"], p["unapproved_changes"]) for p in clean["projects"]] == [
        (1, "green", 0), (2, "green", 0), (3, "none", 0)]
    found[1], found[2] = replace(found[1], unapproved=2), replace(found[2], unapproved=1)
    changed = build_board(found, sort="unapproved")
    rows = [(p["id"], p["light"], p["target_risk"], p["unapproved_changes"]) for p in changed["projects"]]
    assert rows == [
        (2, "red", "red", 2), (3, "red", "red", 1), (1, "green", "green", 0)]
    assert changed["counts"] == {"red": 2, "yellow": 0, "green": 1, "none": 0}
    assert (clean["unapproved_projects"], changed["unapproved_projects"]) == (0, 2)
    assert changed["projects"][0]["execution_light"] == "green"  # the spending itself is on time
    assert [p["id"] for p in build_board(found, unit="A", sort="unapproved")["projects"]] == [3, 1]


def test_self_evaluation_band_only_for_qualitative_indicators() -> None:
    from jixiao.year import fields

    quantitative, qualitative = _indicator(1), _indicator(2, "定性", "健全", "text", None, "机制健全性")
    data = {"budget_full": "10", "executed": "10",
            "entries": {"1": {"actual": "8", "weight": "45", "band": "达成"},
                        "2": {"actual": "已建立", "weight": "45", "band": "部分达成"}}}
    refused = fields.self_evaluation(data, [quantitative, qualitative], 2023)
    assert refused.errors == {"entries.1.band": "“建设职工之家”是定量指标，按完成值计分，不选评价档次"}
    data["entries"]["1"]["band"] = ""  # type: ignore[index]
    accepted = fields.self_evaluation(data, [quantitative, qualitative], 2023)
    assert accepted.value is not None and accepted.value.entries[1].band == "部分达成"
