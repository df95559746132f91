"""Every rule speaks the default language (Chinese) and English from the one catalogue.

Table-driven over every failing case of every rule (``test_review_rules.CASES`` and the real-document
cases): in the default language a finding's ``message`` and ``expected`` hold no Latin-script
sentence (rule codes, units, identifiers such as ``--year`` or ``MOF2015`` and quoted source text are
fine); with English chosen they are English sentences.
"""

from __future__ import annotations

import re

import pytest

from jixiao.i18n import use_language
from jixiao.review.finding import Finding
from jixiao.review.registry import all_rules
from review.test_review_rules import CASES, REAL_CASES, CaseFn, _run

FAILING = [c for c in [*CASES, *REAL_CASES] if c[3] > 0]
#: two Latin words in a row ("wrong username", "a date within"): a sentence, not an identifier
LATIN_SENTENCE = re.compile(r"(?<![\w-])[A-Za-z]{2,}[ ,]+(?:[a-z]+[ ,]+)*[a-z]{2,}(?![\w-])")
LATIN_WORD = re.compile(r"\b[a-z]{2,}\b")
HAN = re.compile(r"[\u4e00-\u9fff]")
#: expected values that are figures and Chinese terms of art in both languages ("合计 = 10", "人/名/人次")
TERMS = re.compile(r"^[\d\s.=≥≤<>%–,/…合计元万人名次户天日个]*$")


def _quoted(text: str, finding: Finding) -> str:
    """The text without what it quotes from the document (“…”, the evidence) or from the parser (an
    unparsed piece's reason), which may be in any language."""
    for quoted in (finding.evidence, finding.context.get("reason", "")):
        if quoted:
            text = text.replace(quoted, "")
    return re.sub(r"“[^”]*”", "“”", text)


def _findings(name: str, make: CaseFn, lang: str | None) -> list[Finding]:
    with use_language(lang):
        return _run(name, make())


def test_every_rule_has_a_failing_case_in_the_table() -> None:
    assert {spec.name for spec in all_rules()} <= {c[0] for c in FAILING}


@pytest.mark.parametrize(("name", "case", "make", "count"), FAILING, ids=[f"{c[0]}:{c[1]}" for c in FAILING])
def test_findings_are_chinese_by_default_and_english_on_request(
    name: str, case: str, make: CaseFn, count: int
) -> None:
    chinese = _findings(name, make, None)
    english = _findings(name, make, "en")
    assert len(chinese) == len(english) == count
    for zh, en in zip(chinese, english, strict=True):
        for field in ("message", "expected"):
            text = _quoted(getattr(zh, field), zh)
            assert not LATIN_SENTENCE.search(text), f"{name}:{case} {field} is not Chinese: {text}"
        assert HAN.search(_quoted(zh.message, zh)), f"{name}:{case}: {zh.message}"
        words = LATIN_WORD.findall(_quoted(en.message, en))
        assert len(words) >= 2, f"{name}:{case} message not English: {en.message}"
        if zh.expected and not TERMS.match(zh.expected) and name != "rule-crashed":
            assert en.expected != zh.expected, f"{name}:{case} expected not translated: {en.expected}"
        # the contract is the same in both languages: only the sentences differ
        assert (zh.rule, zh.name, zh.severity, zh.evidence, zh.context) == \
            (en.rule, en.name, en.severity, en.evidence, en.context)
