"""``--max-input-mb`` / ``JIXIAO_MAX_INPUT_MB``: bigger inputs are refused with one line and exit 3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli.main import main
from jixiao.readers.limits import MAX_FILE_BYTES, max_input_bytes

SEED = Path(__file__).parent.parent / "fixtures" / "menyuan-2023.txt"
TINY = f"{(SEED.stat().st_size - 1) / 2**20:.6f}"  # one byte short of the seed table


@pytest.mark.parametrize("command", ["parse", "check"])
def test_flag_refuses_a_bigger_file(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--max-input-mb", TINY, str(SEED)])
    assert result.exit_code == 3
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"jixiao: {SEED}: 文件过大（")
    assert "--max-input-mb" in lines[0] and "JIXIAO_MAX_INPUT_MB" in lines[0]


def test_env_var_refuses_and_english_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_MAX_INPUT_MB", TINY)
    result = CliRunner().invoke(main, ["--lang", "en", "parse", str(SEED)])
    assert result.exit_code == 3
    assert "file too large" in result.stderr and "limit" in result.stderr


def test_file_within_the_limit_is_parsed_and_default_restored() -> None:
    result = CliRunner().invoke(main, ["parse", "--max-input-mb", "1", str(SEED)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == "435.21"
    assert max_input_bytes() == MAX_FILE_BYTES  # the flag lasts for its command only


def test_a_zero_limit_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["check", "--max-input-mb", "0", str(SEED)])
    assert result.exit_code == 2
