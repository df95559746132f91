"""The message catalogue: every message in the code has an English translation, the compiled
``.mo`` matches its ``.po``, and a translation keeps the fields its Chinese message fills."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("babel")

from jixiao.i18n import _, use_language
from jixiao.i18n.build import check, load, messages

FIELD = re.compile(r"\{(\w*)\}")


def test_english_catalogue_is_complete_and_compiled() -> None:
    assert check("en") == [], "run python -m jixiao.i18n.build and translate what it lists"


def test_translations_keep_their_fields() -> None:
    catalog = load("en")
    for msgid in messages():
        found = catalog.get(msgid)
        assert found is not None and isinstance(found.string, str)
        assert sorted(FIELD.findall(msgid)) == sorted(FIELD.findall(found.string)), msgid


def test_default_is_chinese_and_unknown_ids_fall_back() -> None:
    assert _("用户名或密码错误") == "用户名或密码错误"
    with use_language("en"):
        assert _("用户名或密码错误") == "wrong username or password"
        assert _("没有这条消息") == "没有这条消息"
    with use_language("en_US.UTF-8"):
        assert _("项目 {id} 不存在", id=7) == "project 7 not found"
