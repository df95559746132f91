"""``jixiao year``: a stored project's year, the board and the year's tables from the command line,
through the same service functions as the web (exit 1 when a check finds an error, 3 for a missing
project or table)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao import services
from jixiao.cli.main import main
from jixiao.store.access import Viewer
from jixiao.store.database import make_engine, upgrade
from jixiao.store.schema import ProjectRow
from jixiao.store.workflow import transition
from jixiao.year import service

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"
UNIT = Viewer("u", "unit", unit_code="003006", region="门源县")
REVIEWER = Viewer("r", "reviewer", region="门源县")


def _store(tmp_path: Path, executed: str) -> tuple[str, int]:
    url = f"sqlite:///{tmp_path / 'year.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        assert services.import_file(session, EXAMPLE).error is None
        project = session.scalars(select(ProjectRow).where(ProjectRow.seq == "1")).one()
        transition(session, UNIT, project, "submit")
        transition(session, REVIEWER, project, "approve")
        service.save_monitoring(session, UNIT, project, {
            "as_of": "2023-07-31", "budget_full": "30", "executed": executed, "entries": {}})
        session.commit()
        project_id = project.id
    engine.dispose()
    return url, project_id


def test_show_exits_1_on_a_red_light_and_0_when_on_schedule(tmp_path: Path) -> None:
    url, project_id = _store(tmp_path, "6")
    red = CliRunner().invoke(main, ["year", "show", str(project_id), "--db", url])
    assert red.exit_code == 1, red.output
    assert "（2023）红灯 · 未锁定" in red.output
    assert "MON001 error 截至 2023-07-31 预算执行率 20%" in red.output
    as_json = CliRunner().invoke(main, ["year", "show", str(project_id), "--db", url, "--format", "json"])
    assert json.loads(as_json.output)["light"] == "red"
    (tmp_path / "year.db").unlink()
    url, project_id = _store(tmp_path, "18")
    green = CliRunner().invoke(main, ["year", "show", str(project_id), "--db", url])
    assert green.exit_code == 0 and "绿灯" in green.output
    missing = CliRunner().invoke(main, ["year", "show", "999", "--db", url])
    assert missing.exit_code == 3 and "项目 999 不存在" in missing.output


def test_board_and_document(tmp_path: Path) -> None:
    url, project_id = _store(tmp_path, "6")
    board = CliRunner().invoke(main, ["year", "board", "--db", url, "--format", "json"])
    assert board.exit_code == 0
    data = json.loads(board.output)
    assert data["counts"] == {"red": 1, "yellow": 0, "green": 0, "none": 0}
    assert data["projects"][0]["id"] == project_id
    text = CliRunner().invoke(main, ["year", "board", "--db", url])
    assert text.exit_code == 0 and "红灯 1 · 黄灯 0 · 绿灯 0 · 未监控 0 · 目标变更未批 0" in text.output
    assert "落后" in text.output and "目标变更未批 0 项" not in text.output
    out = tmp_path / "monitoring.json"
    written = CliRunner().invoke(main, ["year", "document", str(project_id), "--kind", "monitoring",
                                        "-o", str(out), "--db", url])
    assert written.exit_code == 0, written.output
    assert services.read_document(out).kind == "monitoring"
    none = CliRunner().invoke(main, ["year", "document", str(project_id), "--kind", "selfeval", "-o",
                                     str(tmp_path / "s.json"), "--db", url])
    assert none.exit_code == 3 and "尚未填写自评" in none.output
