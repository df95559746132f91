"""``jixiao parse DIR`` over every rendition and every broken file: one JSON line per readable
document, the broken ones summarised on stderr, exit 3, no traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from reader_fixtures import BROKEN, FORMATS

from jixiao.cli.main import main


def test_parse_dir_reads_every_format_and_reports_the_broken(tmp_path: Path) -> None:
    kinds = (".html", ".xlsx", ".xls", ".docx", ".pdf")
    renditions = sorted(p for p in FORMATS.iterdir() if p.suffix in kinds)
    for path in renditions + sorted(BROKEN.iterdir()):
        shutil.copy(path, tmp_path / path.name)
    result = CliRunner().invoke(main, ["parse", str(tmp_path)])
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(docs) == len(renditions) == 25
    by_layout: dict[str, int] = {}
    for doc in docs:
        by_layout[doc["layout"]] = by_layout.get(doc["layout"], 0) + 1
        assert doc["projects"], doc["source"]
    assert by_layout == {"list": 5, "grid": 10, "selfeval": 10}
    assert f"5/{len(renditions) + 5} 个文件无法读取" in result.stderr
