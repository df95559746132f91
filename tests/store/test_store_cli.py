"""``jixiao import``, ``db``, ``user``, ``serve`` and ``demo`` through click's CliRunner (SQLite)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao import services
from jixiao.cli.main import main

EXAMPLE = Path(services.__file__).parent / "examples" / "menyuan-2023.txt"


def test_import_file_and_dir_is_idempotent(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'j.db'}"
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.txt")
    (folder / ".hidden.txt").write_text("ignored", "utf-8")
    runner = CliRunner()
    first = runner.invoke(main, ["import", "--db", db, str(EXAMPLE)])
    assert first.exit_code == 0, first.output
    assert "：已存入，文件编号 1（5 个项目" in first.output
    again = runner.invoke(main, ["import", "--db", db, "--format", "json", str(folder)])
    assert again.exit_code == 0, again.output
    outcomes = json.loads(again.output)
    assert [(o["document_id"], o["created"], o["projects"]) for o in outcomes] == [(1, False, 5)]


def test_import_reports_unreadable_files_and_goes_on(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'j.db'}"
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 8)
    result = CliRunner().invoke(main, ["import", "--db", db, str(junk), str(EXAMPLE)])
    assert result.exit_code == 3
    assert result.stderr.startswith("jixiao: ") and "junk.bin" in result.stderr
    assert "：已存入，文件编号 1" in result.stdout


def test_db_and_user_commands(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'j.db'}"
    runner = CliRunner()
    assert runner.invoke(main, ["db", "current", "--db", db]).output.strip() == "none"
    upgraded = runner.invoke(main, ["db", "upgrade", "--db", db])
    assert upgraded.exit_code == 0 and "修订版本 0009" in upgraded.output
    add = ["user", "add", "li", "--role", "reviewer", "--region", "门源县", "--db", db]
    unknown = runner.invoke(main, add, env={"JIXIAO_PASSWORD": "a long password"})
    assert unknown.exit_code == 2 and "地区 门源县 不在库中" in unknown.stderr
    assert "--create-region" in unknown.stderr
    added = runner.invoke(main, [*add, "--create-region"], env={"JIXIAO_PASSWORD": "a long password"})
    assert added.exit_code == 0 and "已创建用户 li（reviewer）" in added.output
    bad = runner.invoke(main, ["user", "add", "wang", "--role", "unit", "--password", "a long password",
                               "--db", db])
    assert bad.exit_code == 2 and "--unit" in bad.stderr
    listed = runner.invoke(main, ["user", "list", "--db", db, "--format", "json"])
    assert json.loads(listed.output) == [{"username": "li", "role": "reviewer", "unit": None,
                                          "region": "门源县", "disabled": False}]


def test_serve_refuses_an_empty_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert result.exit_code == 3 and "jixiao db upgrade" in result.stderr
    assert not (tmp_path / "none.db").exists()  # refused before connecting: no empty file left (issue 13)


def test_serve_refuses_an_existing_empty_database(tmp_path: Path) -> None:
    (tmp_path / "empty.db").write_bytes(b"")
    result = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path / 'empty.db'}"])
    assert result.exit_code == 3 and "jixiao db upgrade" in result.stderr


def test_demo_builds_a_database(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    runner = CliRunner()
    result = runner.invoke(main, ["demo", "--no-serve", "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert "menyuan-2023.txt：文件编号 1，5 个项目" in result.output and "jixiao-demo" in result.output
    again = runner.invoke(main, ["demo", "--no-serve", "--path", str(path)])  # reuses, no duplicates
    assert again.exit_code == 0, again.output
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from jixiao.store.database import make_engine
    from jixiao.store.schema import ProjectRow, UserRow

    engine = make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        statuses = session.scalars(select(ProjectRow.status).order_by(ProjectRow.id)).all()
        assert statuses == ["approved"] * 3 + ["draft"] * 2
        assert session.scalar(select(func.count()).select_from(UserRow)) == 3
    engine.dispose()


def test_user_passwd_and_disable_end_sessions(tmp_path: Path) -> None:
    from sqlalchemy.orm import Session

    from jixiao.store.database import make_engine
    from jixiao.store.users import AccountDisabled, authenticate, get_user

    db = f"sqlite:///{tmp_path / 'u.db'}"
    runner = CliRunner()
    assert runner.invoke(main, ["user", "add", "ann", "--role", "admin", "--password", "first password",
                                "--db", db]).exit_code == 0
    assert runner.invoke(main, ["user", "passwd", "ann", "--password", "second password", "--db", db]
                         ).exit_code == 0
    assert runner.invoke(main, ["user", "disable", "ann", "--db", db]).exit_code == 0
    assert runner.invoke(main, ["user", "disable", "bob", "--db", db]).exit_code == 2
    engine = make_engine(db)
    with Session(engine) as session:
        row = get_user(session, "ann")
        assert row is not None and row.disabled and row.session_version == 2
        with pytest.raises(AccountDisabled, match="已被停用"):
            authenticate(session, "ann", "second password")
        assert authenticate(session, "ann", "wrong password") is None
    assert runner.invoke(main, ["user", "disable", "ann", "--enable", "--db", db]).exit_code == 0
    with Session(engine) as session:
        assert authenticate(session, "ann", "second password") is not None
    engine.dispose()


def test_user_add_refuses_an_unknown_unit_code(tmp_path: Path) -> None:
    """Issue 13: a unit code no stored document names is refused unless --create-unit is given."""
    db = f"sqlite:///{tmp_path / 'j.db'}"
    runner = CliRunner()
    assert runner.invoke(main, ["import", "--db", db, str(EXAMPLE)]).exit_code == 0
    add = ["user", "add", "--role", "unit", "--region", "门源县", "--password", "a long password", "--db", db]
    bad = runner.invoke(main, [*add, "zhao", "--unit", "999999"])
    assert bad.exit_code == 2
    assert bad.stderr.startswith("jixiao: 单位编码 999999 不在库中") and bad.stderr.count("\n") == 1
    assert "--create-unit" in bad.stderr
    created = runner.invoke(main, [*add, "zhao", "--unit", "999999", "--create-unit"])
    assert created.exit_code == 0, created.output
    known = runner.invoke(main, [*add, "qian", "--unit", "003006"])
    assert known.exit_code == 0, known.output
    listed = runner.invoke(main, ["user", "list", "--db", db, "--format", "json"])
    assert sorted((u["username"], u["unit"]) for u in json.loads(listed.output)) == [
        ("qian", "003006"), ("zhao", "999999")]


def test_user_set_and_enable(tmp_path: Path) -> None:
    """Issue 13: role/unit/region changes are validated against the store; enable undoes disable."""
    from sqlalchemy.orm import Session

    from jixiao.store import audit
    from jixiao.store.database import make_engine
    from jixiao.store.users import get_user

    db = f"sqlite:///{tmp_path / 's.db'}"
    runner = CliRunner()
    assert runner.invoke(main, ["import", "--db", db, str(EXAMPLE)]).exit_code == 0
    pw = {"JIXIAO_PASSWORD": "a long password"}
    assert runner.invoke(main, ["user", "add", "qian", "--role", "unit", "--unit", "003006", "--region",
                                "门源县", "--db", db], env=pw).exit_code == 0
    bad_name = runner.invoke(main, ["user", "add", "<img src=x>", "--role", "admin", "--db", db], env=pw)
    assert bad_name.exit_code == 2 and "用户名须为 2–32" in bad_name.stderr
    unknown = runner.invoke(main, ["user", "set", "qian", "--role", "reviewer", "--region", "海晏县",
                                   "--db", db])
    assert unknown.exit_code == 2 and "地区 海晏县 不在库中" in unknown.stderr
    moved = runner.invoke(main, ["user", "set", "qian", "--role", "reviewer", "--region", "海晏县",
                                 "--create-region", "--db", db])
    assert moved.exit_code == 0 and "已修改用户 qian：reviewer  海晏县" in moved.output
    assert runner.invoke(main, ["user", "set", "nobody", "--role", "admin", "--db", db]).exit_code == 2
    assert runner.invoke(main, ["user", "disable", "qian", "--db", db]).exit_code == 0
    listed = runner.invoke(main, ["user", "list", "--db", db])
    assert "qian\treviewer\t\t海晏县\t已停用" in listed.output
    enabled = runner.invoke(main, ["user", "enable", "qian", "--db", db])
    assert enabled.exit_code == 0 and "已启用用户 qian" in enabled.output
    engine = make_engine(db)
    with Session(engine) as session:
        row = get_user(session, "qian")
        assert row is not None and not row.disabled and (row.role, row.region) == ("reviewer", "海晏县")
        actions = [r.action for r in audit.history(session, "user")]
        assert actions[:4] == ["enable", "disable", "change", "add"]
    engine.dispose()


def test_serve_refuses_an_unknown_findings_mode(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}",
                                       "--anonymous-findings", "some"])
    assert result.exit_code == 2 and "unmanaged" in result.output
    env = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}"],
                             env={"JIXIAO_ANONYMOUS_FINDINGS": "everyone"})
    assert env.exit_code == 2 and not (tmp_path / "x.db").exists()
