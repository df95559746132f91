"""Golden JSON for the published list-layout tables checked by hand (see tests/fixtures/README.md).

Regenerate after a deliberate change with ``JIXIAO_UPDATE_GOLDEN=1 pytest tests/golden``, then read the
diff: every changed value must be checked against the document by hand.
"""

import json
import os
from pathlib import Path

import pytest

from jixiao.model.jsonify import document_from_dict, document_to_dict
from jixiao.services import parse_file

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOLDEN = Path(__file__).parent
#: golden name -> fixture path (relative to tests/fixtures)
CASES = {
    "menyuan-2023": "menyuan-2023.txt",
    # real page copies read by the stream recogniser (tests/corpus, checked against their labels)
    "019-huangshi-pipes": "../corpus/published/019_huangshi-party-school-2022-target-approval-pipes.txt",
    "037-yongde-selfeval": "../corpus/published/037_yongde-minglang-school-2022-selfeval-yunnan-table14.txt",
    "027-tongxin-prose": "../corpus/published/027_tongxin-xiamaguan-2023-grape-target-prose.txt",
    "011-ningde-traditional": "../corpus/published/011_ningde-talent-station-2023-selfeval-trad.txt",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    got = document_to_dict(parse_file(FIXTURES / CASES[name]))
    path = GOLDEN / f"{name}.json"
    if os.environ.get("JIXIAO_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert got == json.loads(path.read_text("utf-8"))
    assert document_to_dict(document_from_dict(got)) == got


def test_every_golden_file_has_a_case() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(CASES)
