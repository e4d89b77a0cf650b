"""lower_regex lower-cases a pattern's literals and leaves its escapes alone."""

from __future__ import annotations

import re

import pytest

from claimcheck.rulepack import lower_regex


@pytest.mark.parametrize(("pattern", "lowered"), [
    (r"Department\s+of\s+\w+", r"department\s+of\s+\w+"),
    (r"\bICE\b|\SDHS\B", r"\bice\b|\Sdhs\B"),      # \S and \B keep their case, and so their meaning
    (r"(?:MOU|Memorandum)\.", r"(?:mou|memorandum)\."),
    ("A\\\nB", "a\\\nb"),                           # an escaped newline is one escape
    ("ENDS\\", "ends\\"),                           # a lone backslash at the end stays
    ("", ""),
])
def test_lower_regex(pattern, lowered):
    assert lower_regex(pattern) == lowered


def test_lowered_pattern_matches_lowered_text_like_ignorecase():
    pattern = r"\bFederal\s+Law\s+(?:Requires|Mandates)\b"
    text = "In short, FEDERAL law REQUIRES nothing of the kind."
    assert re.search(lower_regex(pattern), text.lower()).group(0) == \
        re.search(pattern, text, re.IGNORECASE).group(0).lower()
