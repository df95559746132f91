"""One message catalogue for every user-facing sentence (findings, rule titles, report labels, web
messages). Chinese is the source language: the text in the code *is* the message id, so the default
output needs no catalogue at all. Other languages are gettext catalogues compiled from
``locale/<lang>/LC_MESSAGES/jixiao.po`` (``python -m jixiao.i18n.build``); a message with no
translation falls back to Chinese.

The language is chosen per run or per request: ``set_language("en")`` (the CLI's ``--lang``), the
``JIXIAO_LANG`` environment variable, or ``use_language()`` around one web request. It lives in a
context variable, so concurrent requests never see each other's choice.

Write ``_("项目 {seq} 未找到", seq=seq)``: the id is a ``str.format`` template with named fields, and the
fields are filled *after* translation so a translator may reorder them.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from pathlib import Path

#: Languages the tool speaks; the first is the source language and the default.
LANGUAGES: tuple[str, ...] = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
DOMAIN = "jixiao"
LOCALE_DIR = Path(__file__).parent / "locale"

_chosen: ContextVar[str | None] = ContextVar("jixiao_lang", default=None)


@lru_cache(maxsize=64)
def normalise(lang: str | None) -> str | None:
    """``"en_US.UTF-8"`` -> ``"en"``, ``"zh-CN"`` -> ``"zh"``; None for an unknown or empty value."""
    if not lang:
        return None
    short = lang.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return short if short in LANGUAGES else None


def current_language() -> str:
    """The explicit choice, else ``JIXIAO_LANG``, else Chinese."""
    return _chosen.get() or normalise(os.environ.get("JIXIAO_LANG")) or DEFAULT_LANGUAGE


def set_language(lang: str | None) -> None:
    """Choose the language for the rest of this context (None: back to ``JIXIAO_LANG`` / default)."""
    _chosen.set(normalise(lang))


@contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    token = _chosen.set(normalise(lang))
    try:
        yield current_language()
    finally:
        _chosen.reset(token)


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str, /, **fields: object) -> str:
    """``message`` in the current language, its ``{fields}`` filled in. Chinese, the source language,
    needs no catalogue look-up (the review calls this once per finding, ~10^5 times a large run)."""
    lang = _chosen.get() or normalise(os.environ.get("JIXIAO_LANG")) or DEFAULT_LANGUAGE
    text = message if lang == DEFAULT_LANGUAGE else _catalogue(lang).gettext(message)
    return text.format(**fields) if fields else text


def N_(message: str, /) -> str:
    """Mark a constant for the catalogue without translating it yet (translate with ``_()`` on use)."""
    return message


def join(items: list[str]) -> str:
    """A list in the current language's punctuation: 甲、乙 / a, b."""
    return _("、").join(items)
