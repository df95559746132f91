"""docs/parsing.md lists every reason the parser gives for unparsed text (docs cannot drift)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["list_layout.py", "list_fills.py", "indicators.py", "registry.py"]


def test_every_unparsed_reason_is_documented() -> None:
    docs = (ROOT / "docs" / "parsing.md").read_text("utf-8")
    reasons: set[str] = set()
    for name in SOURCES:
        code = (ROOT / "src" / "jixiao" / "parse" / name).read_text("utf-8")
        reasons |= set(re.findall(r'(?:Unparsed\([^\n]*?|keep\([^\n]*?), "([a-z][a-z -]+)"\)', code))
    assert len(reasons) >= 10
    assert sorted(r for r in reasons if f"`{r}`" not in docs) == []


def test_every_stream_reason_is_documented() -> None:
    """The stream recogniser's reasons are Chinese; each one stands in docs/parsing.md in backquotes."""
    docs = (ROOT / "docs" / "parsing.md").read_text("utf-8")
    reasons: set[str] = set()
    for path in (ROOT / "src" / "jixiao" / "parse" / "stream").glob("*.py"):
        code = path.read_text("utf-8")
        # the reason is the last argument of an Unparsed(...) or a `reason` chosen just before one
        calls = r"Unparsed\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)|reason = \([^)]*\)"
        for call in re.findall(calls, code, re.S):
            reasons |= set(re.findall(r'"([\u4e00-\u9fff][^"]*)"\s*(?:\)|if|$)', call, re.M))
    assert len(reasons) >= 8
    assert sorted(r for r in reasons if f"`{r}`" not in docs) == []
