"""A bare "Yes." / "No." opening an answer: the claim is read from the question."""

from __future__ import annotations

import pytest

from claimcheck.extraction import extract_claims
from claimcheck.models import Answer, Document
from claimcheck.rulepack import load_rulepack

PACK = load_rulepack()


def _claims(question: str, answer: str):
    doc = Document(path="faq.json", format="qajson", jurisdiction="OH",
                   answers=(Answer(id="1", question=question, text=answer, line=3, question_line=2),))
    return extract_claims(doc, PACK)


def test_no_denies_what_the_question_asks():
    [c] = _claims("Does the DMV share photos with ICE?", "No. Photographs stay in the state's own system.")
    assert (c.predicate, c.polarity.value, c.scope.actor, c.scope.counterpart) == ("data_shared", "negated", "dmv", "ice")
    # The evidence is the answer's word; the quoted sentence names the question.
    assert (c.evidence.start, c.evidence.end, c.evidence.cue) == (0, 2, "No")
    assert c.id.endswith("#1:q1") and "Does the DMV share photos with ICE?" in c.text
    assert c.pattern.startswith("answer_no+data_shared.") and c.line == 3


def test_yes_affirms_it():
    [c] = _claims("Do county jails honor ICE detainers?", "Yes, in most counties.")
    assert (c.predicate, c.polarity.value) == ("detainers_honored", "affirmed")


@pytest.mark.parametrize(("question", "answer"), [
    ("Does the DMV share photos with ICE?", "Not necessarily. It depends on the request."),
    ("Does the DMV share photos with ICE?", "No formal policy covers photographs."),   # not a bare "No."
    ("Is the card valid as federal identification?", "No. It cannot be used to board a plane."),
    ("Doesn't the DMV share photos with ICE?", "No."),   # a negated question: "No" is ambiguous
])
def test_no_claim_from_the_question(question, answer):
    assert not [c for c in _claims(question, answer) if c.id.split(":")[-1].startswith("q")]


def test_the_answer_s_own_words_rule():
    claims = _claims("Does the city police department work with ICE?",
                     "No. The city police department does not cooperate with ICE on civil matters.")
    assert [(c.predicate, c.polarity.value, c.id[-2:]) for c in claims] == \
        [("cooperates_with_counterpart", "negated", "c1")]
