"""Keep the catalogues in step with the code (needs Babel, a development dependency).

``python -m jixiao.i18n.build``          update every ``.po`` from the code and compile its ``.mo``
``python -m jixiao.i18n.build --check``  exit 1 when a message has no translation or a ``.mo`` is stale

Message ids are the ``_()`` / ``N_()`` literals under ``src/jixiao`` plus every rule's title and
summary (the first docstring line), which the registry holds rather than a ``_()`` call.
"""

from __future__ import annotations

import contextlib
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from jixiao.i18n import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, LOCALE_DIR
from jixiao.review.registry import all_rules

SOURCE = Path(__file__).resolve().parents[1]
_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def messages() -> list[str]:
    """Every message id in the code, in first-seen order."""
    seen: dict[str, None] = {}
    with contextlib.redirect_stderr(io.StringIO()):  # Babel warns of f-strings passed as fields
        found = list(extract_from_dir(
            str(SOURCE), method_map=[("**.py", "python")], keywords={"_": None, "N_": None}
        ))
    for _file, _line, message, _comments, _context in found:
        if isinstance(message, str) and message:
            seen.setdefault(message, None)
    for spec in all_rules():
        seen.setdefault(spec.title, None)
        seen.setdefault(spec.summary, None)
    return list(seen)


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN)
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    catalog.creation_date = catalog.revision_date = _EPOCH  # a .mo that depends only on the .po
    return catalog


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def update(lang: str) -> list[str]:
    """Rewrite ``lang``'s ``.po`` (new ids added, unused dropped) and ``.mo``; return untranslated ids."""
    old = load(lang)
    new = Catalog(locale=lang, domain=DOMAIN, project="jixiao", fuzzy=False)
    for msgid in messages():
        found = old.get(msgid)
        new.add(msgid, found.string if found is not None else "")
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, new, width=110, omit_header=True, sort_output=False)
    path.with_suffix(".mo").write_bytes(compiled(load(lang)))  # from the file, as --check reads it
    return [m.id for m in new if isinstance(m.id, str) and m.id and not m.string]


def check(lang: str) -> list[str]:
    """Problems with ``lang``'s catalogue: missing or untranslated ids, a stale ``.mo``."""
    catalog = load(lang)
    problems = [
        f"{lang}: no translation for {m!r}" for m in messages() if not (catalog.get(m) or _empty).string
    ]
    mo = po_path(lang).with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != compiled(catalog):
        problems.append(f"{lang}: {mo.name} is stale; run python -m jixiao.i18n.build")
    return problems


class _Empty:
    string = ""


_empty = _Empty()


def main(argv: list[str]) -> int:
    others = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    if "--check" in argv:
        problems = [p for lang in others for p in check(lang)]
        sys.stdout.write("".join(p + "\n" for p in problems))
        return 1 if problems else 0
    for lang in others:
        missing = update(lang)
        sys.stdout.write(f"{lang}: {len(missing)} untranslated\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
