"""The ``jixiao`` program leaves ``check`` without freeing its objects (jixiao.cli.fast_exit): same output,
same exit status, the ``atexit`` functions still run; an in-process caller gets the usual SystemExit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import fast_exit
from jixiao.cli.main import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = str(FIXTURES / "menyuan-2023.txt")

# ``python -m jixiao ARGS`` with an atexit function registered first (it must still run, after the output)
PROGRAM = (
    "import atexit, runpy, sys\n"
    "atexit.register(lambda: print('atexit ran', file=sys.stderr))\n"
    "sys.argv = ['jixiao', *sys.argv[1:]]\n"
    "runpy.run_module('jixiao', run_name='__main__', alter_sys=True)\n"
)


def _program(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", PROGRAM, *args], capture_output=True, check=False)


@pytest.mark.parametrize(("args", "status"), [
    (("check", "--format", "json", SEED), 1),
    (("check", "--fail-on", "never", SEED), 0),
    (("check", "--preset", "nonsense", SEED), 2),
    (("check", "--year", "x", SEED), 2),
    (("check", str(FIXTURES / "README.md")), 3),
])
def test_program_output_and_status_equal_the_in_process_run(args: tuple[str, ...], status: int) -> None:
    done = _program(*args)
    expected = CliRunner().invoke(main, list(args))
    assert done.returncode == expected.exit_code == status
    assert done.stdout == expected.stdout_bytes
    assert done.stderr.decode().endswith("atexit ran\n")


def _leave_calls(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record fast_exit's ``os._exit`` and ``atexit`` run instead of ending the test process."""
    calls: list[object] = []

    class Left(BaseException):
        pass

    def fake_exit(code: int) -> None:
        calls.append(code)
        raise Left

    monkeypatch.setattr(fast_exit.os, "_exit", fake_exit)
    monkeypatch.setattr(fast_exit.atexit, "_run_exitfuncs", lambda: calls.append("atexit"))
    monkeypatch.setattr(sys, "argv", ["jixiao", "check", "--format", "json", SEED])
    try:
        main.main()
    except Left:
        pass
    except SystemExit as stop:
        calls.append(("SystemExit", stop.code))
    return calls


def test_the_program_leaves_with_the_status_after_atexit(monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(fast_exit, "is_program", lambda: True)
    assert _leave_calls(monkeypatch) == ["atexit", 1]
    assert '"rule": "TIM001"' in capsys.readouterr().out


def test_an_in_process_caller_gets_system_exit(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert not fast_exit.is_program()  # pytest is the program here
    assert _leave_calls(monkeypatch) == [("SystemExit", 1)]
    capsys.readouterr()


def test_leave_returns_when_not_requested_or_not_a_status(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fast_exit.os, "_exit", lambda code: pytest.fail("left"))
    monkeypatch.setattr(fast_exit.atexit, "_run_exitfuncs", lambda: pytest.fail("ran atexit"))
    fast_exit.reset()
    fast_exit.leave(0)
    fast_exit.request()
    try:
        fast_exit.leave("a message")
        fast_exit.leave(256)
    finally:
        fast_exit.reset()
