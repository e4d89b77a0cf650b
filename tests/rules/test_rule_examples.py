"""Every predicate and relation rule carries examples; this runs them all.

A predicate's examples are sentences with the claim they must (or must not)
yield; a relation rule's examples are small documents with the findings
they must (or must not) produce. A rule without both kinds fails here.
"""

from __future__ import annotations

import pytest

from claimcheck.engine import evaluate
from claimcheck.extraction import extract_claims
from claimcheck.models import Answer, Document
from claimcheck.rulepack import load_rulepack

PACK = load_rulepack()


def _doc(texts: list[str], jurisdiction: str | None = "OH") -> Document:
    answers = tuple(Answer(id=str(i), question=f"Question {i}?", text=t, line=i * 2)
                    for i, t in enumerate(texts, 1))
    return Document(path="example.json", format="qajson", jurisdiction=jurisdiction, answers=answers)


PREDICATE_CASES = [
    pytest.param(pred.id, ex, id=f"{pred.id}-{i}")
    for pred in PACK.predicates.values() for i, ex in enumerate(pred.examples)
]


@pytest.mark.parametrize(("predicate", "example"), PREDICATE_CASES)
def test_predicate_example(predicate, example):
    claims = [c for c in extract_claims(_doc([example.text]), PACK) if c.predicate == predicate]
    if example.expect is None:
        assert claims == [], f"expected no {predicate} claim in {example.text!r}, got {claims[0].pattern}"
        return
    assert claims, f"expected a {predicate} claim in {example.text!r}"
    claim = claims[0]
    for field, want in example.expect.model_dump(exclude_none=True).items():
        got = getattr(claim.scope, field) if field in ("actor", "counterpart", "program", "jurisdiction", "level") \
            else getattr(claim, field)
        got = getattr(got, "value", got)
        assert got == want, f"{field}: expected {want!r}, got {got!r} (pattern {claim.pattern}, cues {claim.cues})"


@pytest.mark.parametrize("predicate", sorted(PACK.predicates))
def test_predicate_has_pass_and_fail_examples(predicate):
    examples = PACK.predicates[predicate].examples
    assert any(e.expect is not None for e in examples), f"{predicate} has no example that yields a claim"
    assert any(e.expect is None for e in examples), f"{predicate} has no example that must yield nothing"


RELATION_CASES = [
    pytest.param(rule.id, ex, id=f"{rule.id}-{i}")
    for rule in PACK.relations for i, ex in enumerate(rule.spec.examples)
]


@pytest.mark.parametrize(("rule_id", "example"), RELATION_CASES)
def test_relation_example(rule_id, example):
    claims = extract_claims(_doc(example.answers, example.jurisdiction), PACK)
    findings, _ = evaluate(claims, PACK)
    got = sorted(
        (f.kind, f.severity.value, sorted(a.answer for a in f.answers))
        for f in findings if f.rule == rule_id
    )
    want = sorted((e.kind, e.severity, sorted(e.answers)) for e in example.expect)
    assert got == want, (
        f"claims: {[(c.answer, c.predicate, c.polarity.value, c.modality.value) for c in claims]}")
    by_id = {c.id: c for c in claims}
    for e in example.expect:
        if e.predicate:
            preds = [{by_id[c].predicate for c in f.claims} for f in findings if f.rule == rule_id]
            assert any(e.predicate in p for p in preds), f"no {rule_id} finding involves {e.predicate}: {preds}"


@pytest.mark.parametrize("rule_id", [r.id for r in PACK.relations])
def test_relation_has_pass_and_fail_examples(rule_id):
    examples = PACK.relation(rule_id).spec.examples
    assert any(e.expect for e in examples), f"{rule_id} has no example that must produce a finding"
    assert any(not e.expect for e in examples), f"{rule_id} has no example that must produce nothing"


def test_packaged_pack_passes_the_exponential_pattern_check():
    # Loading the packaged pack skips the check for speed; naming the folder
    # explicitly runs it, as it runs for every user rule folder.
    from claimcheck.rulepack import default_rules_dir

    checked = load_rulepack(str(default_rules_dir()))
    assert set(checked.predicates) == set(PACK.predicates)
