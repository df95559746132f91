"""Hand labels of real documents and the measure of how much of them a parse recovers.

A label (format: ``tests/corpus/README.md``) lists what a person reading the document sees: its
kind, projects and every fully visible indicator. :func:`score_document` matches a parsed
:class:`~jixiao.model.document.Document` against it: indicator recall (the name found), value
accuracy (value and unit right), level accuracy and the kind. Matching is one-to-one and greedy in
document order, so an indicator listed twice must be found twice.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from jixiao.model.document import Document, Indicator

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
_LEVEL1 = {"产出": "产出", "效益": "效益", "满意": "满意度", "成本": "成本", "完成": "产出"}


def fold(text: str | None) -> str:
    """Compare key: NFKC, no spaces or punctuation, lower case."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def names_match(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    short, long_ = sorted((fa, fb), key=len)
    if len(short) >= 4 and short in long_ and (
        len(short) >= 0.6 * len(long_) or long_.startswith(short) or long_.endswith(short)
    ):
        return True
    return SequenceMatcher(None, fa, fb, autojunk=False).ratio() >= 0.8


def _number(text: Any) -> Decimal | None:
    try:
        return Decimal(str(text).replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def value_matches(label: dict[str, Any], ind: Indicator) -> bool:
    want = label.get("value")
    got = ind.value
    if isinstance(got, dt.date):
        ok = str(want) == got.isoformat()
    elif isinstance(got, Decimal):
        n = _number(want)
        ok = n is not None and n == got
    else:
        ok = fold(str(want)) == fold(str(got)) if want is not None else got in (None, "")
    if not ok:
        return False
    return fold(label.get("unit")) == fold(ind.unit) or isinstance(got, dt.date)


def level_matches(label: dict[str, Any], ind: Indicator) -> bool:
    def key(text: str | None) -> str:
        t = fold(text)
        return next((v for k, v in _LEVEL1.items() if k in t), t)

    want = label.get("level1")
    return want is None or key(want) == key(ind.level1)


@dataclass(slots=True)
class FileScore:
    file: str
    labelled: int = 0
    recalled: int = 0
    value_ok: int = 0
    level_ok: int = 0
    parsed: int = 0  # indicators the parse produced (precision = recalled / parsed)
    projects_labelled: int = 0
    projects_found: int = 0
    kind_ok: bool = False
    missed: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.recalled / self.labelled if self.labelled else 1.0


def load_label(path: str | Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(path).read_text("utf-8"))
    return data


def _indicator_text(ind: Indicator) -> str:
    return f"{ind.name} {ind.operator} {ind.value}{ind.unit or ''}"


def score_document(doc: Document, label: dict[str, Any]) -> FileScore:
    """How much of ``label`` the parsed ``doc`` recovers."""
    score = FileScore(str(label.get("file", "")))
    score.kind_ok = doc.kind == label.get("kind")
    projects = label.get("projects", [])
    score.projects_labelled = len(projects)
    score.projects_found = min(len(doc.projects), len(projects))
    pool = [ind for project in doc.projects for ind in project.indicators]
    score.parsed = len(pool)
    used = [False] * len(pool)
    for project in projects:
        for want in project.get("indicators", []):
            score.labelled += 1
            hit = next((i for i, ind in enumerate(pool) if not used[i] and names_match(want["name"], ind.name)
                        and value_matches(want, ind)), None)
            if hit is None:
                hit = next((i for i, ind in enumerate(pool)
                            if not used[i] and names_match(want["name"], ind.name)), None)
            if hit is None:
                score.missed.append(str(want["name"]))
                continue
            used[hit] = True
            score.recalled += 1
            ind = pool[hit]
            if value_matches(want, ind):
                score.value_ok += 1
            else:
                score.wrong_values.append(
                    f"{want['name']}: want {want.get('value')}{want.get('unit') or ''}, "
                    f"got {_indicator_text(ind)}")
            if level_matches(want, ind):
                score.level_ok += 1
    return score


def label_path_for(document: Path, labels_dir: Path) -> Path:
    return labels_dir / f"{document.stem}.json"
