"""Predicate-pattern pre-filters (literals.py) never lose a claim.

_match_predicate skips a pattern on a sentence that lacks a literal the
pattern's regex needs. Extraction with the pre-filters must give exactly the
claims extraction without them gives: on the test corpora, on every
predicate's own examples, and on texts that glue those examples' fragments
together (literals without the rest of a match, matches across joins).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from claimcheck.extraction import extract_claims
from claimcheck.loading import load_document, parse_text
from claimcheck.rulepack import load_rulepack

ROOT = Path(__file__).resolve().parents[2]
_JOINS = [" ", ". ", ", ", " but ", " and ", "\n\n", " not ", " only with a warrant ", ""]


def _claims(docs, pack, with_prefilter: bool):
    patterns = [p for pred in pack.predicates.values() for p in pred.patterns]
    saved = {id(p): p.prefilter for p in patterns}
    try:
        if not with_prefilter:
            for p in patterns:
                p.__dict__["prefilter"] = []  # what the cached property would hold: no clause
        return [extract_claims(d, pack) for d in docs]
    finally:
        for p in patterns:
            p.__dict__["prefilter"] = saved[id(p)]


def _generated(pack, seed: int, n: int = 40):
    rng = random.Random(seed)
    sentences = [e.text for pred in pack.predicates.values() for e in pred.examples]
    docs = []
    for i in range(n):
        answers = []
        for _ in range(6):
            text = ""
            for _ in range(rng.randint(1, 5)):
                s = rng.choice(sentences)
                if rng.random() < 0.3:
                    a, b = sorted(rng.sample(range(len(s) + 1), 2))
                    s = s[a:b]
                text += s + rng.choice(_JOINS)
            answers.append(text.replace("\n", " "))
        body = "\n\n".join(f"{k + 1}. Question {k + 1}?\n{a}" for k, a in enumerate(answers))
        docs.append(parse_text(body, path=f"gen{i}.txt"))
    return docs


def test_patterns_have_prefilters():
    pack = load_rulepack()
    with_clauses = [p for pred in pack.predicates.values() for p in pred.patterns if p.prefilter]
    assert len(with_clauses) > 20


def test_corpus_claims_are_the_same_with_and_without_prefilters():
    pack = load_rulepack()
    files = sorted(f for folder in ("tests/corpus", "tests/corpus_unseen") for f in (ROOT / folder).rglob("*")
                   if f.is_file())
    docs = [load_document(f) for f in files]
    assert docs
    assert _claims(docs, pack, True) == _claims(docs, pack, False)


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_claims_are_the_same_with_and_without_prefilters(seed):
    pack = load_rulepack()
    docs = _generated(pack, seed)
    with_ = _claims(docs, pack, True)
    assert any(with_)
    assert with_ == _claims(docs, pack, False)


def test_a_masked_role_stands_in_a_skeleton_for_its_mask():
    from claimcheck.literals import passes, required_literals
    from claimcheck.rulepack import MASKS, _stand_in

    terms = {"counterpart": MASKS["counterpart"] + "q*", "actor": "(?:clerks|officers)", "data": "records?"}
    assert _stand_in("counterpart", terms) == "(?:qzc(?:.))"
    assert _stand_in("actor", terms) == "(?:.)"  # a rule folder's own actor term: opaque
    assert _stand_in("data", terms) == "(?:.)"
    role = _stand_in("counterpart", terms)
    assert required_literals(r"with\s+" + role) == [frozenset({"with"}), frozenset({"qzc"})]
    assert required_literals(r"with\s+" + role + "?") == [frozenset({"with"})]  # optional: not required
    # Whatever the clauses, every match of the expanded pattern satisfies them.
    clauses = required_literals("x" + role + "y")
    assert clauses and all(passes(clauses, m) for m in ("xqzcy", "xqzcqqqqy", "axqzcqyb"))
    assert not passes(clauses, "xy") and not passes(clauses, "qzcy")


def test_every_match_in_the_corpora_passes_its_patterns_prefilter():
    # The pre-filter must hold wherever the expanded regex matches, masked roles included.
    from claimcheck.extraction import _AnswerIndex, _document_aliases, split_sentences
    from claimcheck.literals import passes
    from claimcheck.phrases import lower_same_length

    pack = load_rulepack()
    patterns = [p for pred in pack.predicates.values() for p in pred.patterns]
    files = sorted(f for folder in ("tests/corpus", "tests/corpus_unseen") for f in (ROOT / folder).rglob("*")
                   if f.is_file())
    docs = [load_document(f) for f in files] + _generated(pack, 3)
    matched = skipped = 0
    for doc in docs:
        aliases = _document_aliases(doc, pack)
        for answer in doc.answers:
            spans = split_sentences(answer.text)
            ix = _AnswerIndex(answer.text, lower_same_length(answer.text), pack, aliases, list(spans))
            for s0, s1 in spans:
                for p in patterns:
                    ok = passes(p.prefilter, ix.masked[s0:s1])
                    if p.regex.search(ix.masked, s0, s1):
                        assert ok, (p.id, ix.masked[s0:s1])
                        matched += 1
                    skipped += not ok
    assert matched > 200 and skipped > 1000


def test_skipping_predicates_whose_required_roles_are_not_mentioned_loses_no_claim(monkeypatch):
    from claimcheck import extraction

    pack = load_rulepack()
    assert any("counterpart" in pred.requires for pred in pack.predicates.values())
    files = sorted(f for folder in ("tests/corpus", "tests/corpus_unseen") for f in (ROOT / folder).rglob("*")
                   if f.is_file())
    docs = [load_document(f) for f in files] + _generated(pack, 4)
    skipping = [extract_claims(d, pack) for d in docs]
    monkeypatch.setattr(extraction, "_MENTION_ROLES", ())  # every predicate tried
    assert [extract_claims(d, pack) for d in docs] == skipping
    assert sum(map(len, skipping)) > 100
