"""Quoted evidence in finding messages is cut between words, around the cue."""

from __future__ import annotations

from claimcheck.engine import quote
from claimcheck.extraction import extract_claims
from claimcheck.models import Answer, Document
from claimcheck.rulepack import load_rulepack

PACK = load_rulepack()

SENTENCE = ("According to the most recent annual filing that the legislature reviewed last spring, "
            "the Kansas Department of Labor has signed a memorandum of understanding with ICE covering "
            "quarterly wage records, unemployment claims and the employer registry, renewed every two years.")


def _claim():
    doc = Document(path="t.md", format="markdown", jurisdiction="KS",
                   answers=(Answer(id="1", question="Q?", text=SENTENCE, line=1),))
    [claim] = [c for c in extract_claims(doc, PACK) if c.predicate == "agreement_exists"]
    return claim


def test_a_long_sentence_is_cut_between_words_and_keeps_the_cue():
    claim = _claim()
    for width in (60, 75, 90, 120):
        q = quote(claim.text, claim.evidence.cue, width)
        assert q.startswith("…") and q.endswith("…"), q
        inner = q.strip("…")
        cue = " ".join(claim.evidence.cue.split())
        if len(cue) < width - 20:
            assert cue in inner
        assert inner in SENTENCE
        start = SENTENCE.index(inner)
        end = start + len(inner)
        assert start == 0 or SENTENCE[start - 1] == " ", f"cut inside a word: {q!r}"
        assert end == len(SENTENCE) or SENTENCE[end] in " ,", f"cut inside a word: {q!r}"
        assert len(q) <= width + 2


def test_a_short_sentence_is_quoted_whole():
    claim = _claim()
    assert quote(claim.text, claim.evidence.cue, 1000) == SENTENCE


def test_a_cue_longer_than_the_window_is_cut_between_words_too():
    claim = _claim()
    q = quote(claim.text, claim.evidence.cue, 20)
    inner = q.strip("…")
    start = SENTENCE.index(inner)
    assert start == 0 or SENTENCE[start - 1] == " ", q
    assert SENTENCE[start + len(inner)] in " ,", q
