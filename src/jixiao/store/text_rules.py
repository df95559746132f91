"""What stored text may contain: the same rules for the API, the pages and the command line.

Text that cannot be stored or shown safely is refused with a Chinese message (a lone surrogate
such as ``\\ud800`` cannot be encoded as UTF-8; NUL cannot be stored in PostgreSQL text; more
than :data:`MAX_TEXT` characters is not a budget indicator). Characters that are invisible but
change how text reads — zero-width spaces and joiners, bidirectional overrides and isolates, the
byte-order mark — are removed (normalised), so ``满意度\\u202e%59≥`` cannot pose as another value.
"""

from __future__ import annotations

import re

from jixiao.i18n import _

#: names, values, units and goals: at most this many characters
MAX_TEXT = 10_000
#: passwords (argon2 hashes any length; this bounds the work per request)
MAX_PASSWORD = 1_024
MAX_USERNAME = 64
USERNAME = re.compile(r"[\w.@-]{1,64}")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class TextError(ValueError):
    """The text is refused; the message is Chinese first."""


def refusal(value: str, limit: int = MAX_TEXT) -> str | None:
    """Why ``value`` cannot be stored, or None."""
    if _SURROGATE.search(value):
        return _("包含无效的 Unicode 字符（孤立代理项）")
    if "\x00" in value:
        return _("不能包含空字符 NUL")
    if len(value) > limit:
        return _("不能超过 {limit} 个字符", limit=limit)
    return None


def clean(value: str, limit: int = MAX_TEXT) -> str:
    """``value`` without invisible formatting characters; TextError when it cannot be stored."""
    problem = refusal(value, limit)
    if problem:
        raise TextError(problem)
    return _INVISIBLE.sub("", value)


def has_invisible(value: str) -> bool:
    return _INVISIBLE.search(value) is not None


def username(value: str) -> str:
    problem = refusal(value.strip(), MAX_USERNAME)
    if problem:
        raise TextError(_("用户名{problem}", problem=problem))
    value = value.strip()
    if not USERNAME.fullmatch(value):
        raise TextError(_("用户名须为 1–{limit} 个字母、数字或 . _ - @", limit=MAX_USERNAME))
    return value


def password(value: str) -> str:
    problem = refusal(value, MAX_PASSWORD)
    if problem:
        raise TextError(_("密码{problem}", problem=problem))
    return value
