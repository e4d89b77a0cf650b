"""_document_aliases skips answers with no parenthesised acronym; it must learn the same aliases.

The pre-check (one search for "(ABC)") replaces nothing but the answers it
rules out, so the aliases must equal those found when every answer is scanned.
"""

from __future__ import annotations

import re
from pathlib import Path

import claimcheck.extraction as extraction
from claimcheck.loading import load_document, parse_text
from claimcheck.rulepack import load_rulepack

ROOT = Path(__file__).resolve().parents[2]

_TEXTS = [
    "The Department of Public Health and Human Services (DPHHS) shares records.",
    "The Department of Revenue  (DOR) does not.", "The Department of Labor (dol) is lower case.",
    "The Department of Motor Vehicles(DMV) writes no space.", "Department of Education (E)",
    "The Department of Corrections (DOC-1) is not an acronym.", "No agency (NONE) here.",
    "The Department of Health Care Services (ABCDEFGHIJK) is too long.",
]


def _docs():
    files = [ROOT / "data" / "qa.json"] + sorted(
        f for folder in ("tests/corpus", "tests/corpus_unseen") for f in (ROOT / folder).rglob("*") if f.is_file())
    docs = [load_document(f) for f in files if f.exists()]
    body = "\n\n".join(f"{i + 1}. Question {i + 1}?\n{t}" for i, t in enumerate(_TEXTS))
    return docs + [parse_text(body, path="aliases.txt")]


def test_aliases_are_the_same_without_the_precheck(monkeypatch):
    pack = load_rulepack()
    docs = _docs()
    fast = [extraction._document_aliases(d, pack) for d in docs]
    monkeypatch.setattr(extraction, "_PARENTHESISED_ACRONYM", re.compile(""))  # every answer scanned
    slow = [extraction._document_aliases(d, pack) for d in docs]
    assert fast == slow
    assert any(fast)
