"""Targets written in running text of real published documents (tests/corpus)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.services import parse_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_target_zero_written_in_words() -> None:
    """118: "经济效益指标:…确保全年未发生一起安全事故,师生犯罪率为零,校园安全…": 师生犯罪率, target 0,
    with a note that 为零 was read as 0."""
    (path,) = (CORPUS / "found").glob("118_*.txt")
    found = [i for p in parse_file(path).projects for i in p.indicators if i.name == "师生犯罪率"]
    assert len(found) == 1
    assert (found[0].value, found[0].unit, found[0].level2) == (Decimal(0), None, "经济效益指标")
    assert "「为零」读作 0" in found[0].repairs


def test_category_line_alone_and_a_number_in_the_first_list_item() -> None:
    """177: "1、产出指标数量指标:" on a line of its own, then "石头卧子村新建水房1座、铺设输水管线;…": the
    levels come from the short line, and the first 、-item holds the clause's only number."""
    (path,) = (CORPUS / "found").glob("177_*.txt")
    inds = [i for p in parse_file(path).projects for i in p.indicators]
    found = [i for i in inds if i.name == "石头卧子村新建水房"]
    assert [(i.value, i.unit, i.level1, i.level2) for i in found] == [
        (Decimal(1), "座", "产出指标", "数量指标")]
    assert {i.level1 for i in inds if i.level2 == "社会效益指标"} == {"效益指标"}  # "2、效益指标" alone
