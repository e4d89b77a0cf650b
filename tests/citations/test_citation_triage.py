"""Triage: every authority gets the status that says what to check."""

from __future__ import annotations

from citation_docs import make_doc

from claimcheck.citations import find_citations, link_claims
from claimcheck.models import (
    AnswerRef,
    CitationStatus,
    Claim,
    Evidence,
    Finding,
    Modality,
    Polarity,
    Scope,
    Severity,
)


def by_name(doc):
    return {c.normalized: c for c in find_citations(doc)}


def test_acronym_of_another_act_is_a_mismatch():
    found = by_name(make_doc(
        "Agencies follow the Health Insurance Portability and Accountability Act (FERPA)."))
    hipaa = found["Health Insurance Portability and Accountability Act of 1996"]
    assert hipaa.status is CitationStatus.acronym_mismatch
    assert "FERPA" in hipaa.reason and "Family Educational Rights and Privacy Act" in hipaa.reason
    # the acronym inside the parenthesis is not a second, separate citation
    assert "Family Educational Rights and Privacy Act of 1974" not in found


def test_acronym_not_matching_an_unknown_acts_name_is_a_mismatch():
    found = by_name(make_doc("The Montana Data Sharing Act (MPA) governs it."))
    act = found["Montana Data Sharing Act"]
    assert act.status is CitationStatus.acronym_mismatch
    assert act.jurisdiction == "MT"


def test_matching_acronym_is_fine():
    found = by_name(make_doc("It complies with the Family Educational Rights and Privacy Act (FERPA)."))
    assert found["Family Educational Rights and Privacy Act of 1974"].status is \
        CitationStatus.named_act_no_section


def test_vague_reference():
    found = by_name(make_doc("This is governed by federal laws and the Montana Code Annotated."))
    assert found["federal law"].status is CitationStatus.vague
    assert found["Montana Code Annotated"].status is CitationStatus.vague
    assert found["Montana Code Annotated"].jurisdiction == "MT"


def test_named_act_without_section():
    found = by_name(make_doc("HIPAA protects health data."))
    hipaa = found["Health Insurance Portability and Accountability Act of 1996"]
    assert hipaa.status is CitationStatus.named_act_no_section
    assert "Pub. L. 104-191" in hipaa.reason


def test_act_not_in_registry():
    found = by_name(make_doc("The Montana Benefits Confidentiality Act forbids it."))
    act = found["Montana Benefits Confidentiality Act"]
    assert act.status is CitationStatus.not_in_registry
    assert act.kind == "named_act" and act.jurisdiction == "MT"


def test_pinpoint_citation_needs_verifying():
    found = by_name(make_doc("MCA § 2-6-1201 forbids it."))
    assert found["Mont. Code Ann. § 2-6-1201"].status is CitationStatus.verify_pinpoint


def test_uses_are_merged_by_normalised_form_across_answers():
    doc = make_doc("MCA § 2-6-1201 forbids it.", "Nothing here.",
                   "Under Montana Code Annotated § 2-6-1201, it is forbidden.")
    (citation,) = [c for c in find_citations(doc) if c.kind == "statute"]
    assert citation.id == "cite:mont-code-ann-2-6-1201"
    assert [u.answer for u in citation.uses] == ["1", "3"]
    assert citation.answers == ({"doc": "faq.txt", "answer": "1"}, {"doc": "faq.txt", "answer": "3"})
    assert citation.cited_as == "MCA § 2-6-1201"
    use = citation.uses[1]
    assert doc.answers[2].text[use.start:use.end] == "Montana Code Annotated § 2-6-1201"
    assert use.sentence == "Under Montana Code Annotated § 2-6-1201, it is forbidden."
    assert use.line == doc.answers[2].line and use.claims == ()


def test_sentence_does_not_break_at_legal_abbreviations():
    doc = make_doc("First sentence. Under Mont. Code Ann. § 2-6-1201 records stay private. Last.")
    (citation,) = find_citations(doc)
    assert citation.uses[0].sentence == "Under Mont. Code Ann. § 2-6-1201 records stay private."


def test_citations_sort_worst_status_first():
    doc = make_doc("MCA § 2-6-1201 applies. HIPAA applies. Federal laws apply. "
                   "The Montana Widget Act applies.")
    statuses = [c.status for c in find_citations(doc)]
    order = list(CitationStatus)
    assert statuses == sorted(statuses, key=order.index)
    assert statuses[0] is CitationStatus.not_in_registry


def test_find_citations_is_deterministic(seed_doc):
    assert find_citations(seed_doc) == find_citations(seed_doc)


# ----------------------------------------------------------------- link_claims


def claim(cid: str, doc, answer: int, sentence: str, polarity=Polarity.affirmed) -> Claim:
    text = doc.answers[answer - 1].text
    start = text.index(sentence)
    evidence = Evidence(doc=doc.path, answer=str(answer), start=start, end=start + 5, line=1,
                        sentence=sentence, sentence_start=start,
                        sentence_end=start + len(sentence), cue="share")
    return Claim(id=cid, doc=doc.path, answer=str(answer), predicate="shares_data_with_ice",
                 polarity=polarity, modality=Modality.asserted, scope=Scope(jurisdiction="MT"),
                 text=sentence, line=1, evidence=evidence, pattern="p")


def finding(fid: str, kind: str, *claims: Claim) -> Finding:
    return Finding(id=fid, rule="negation-conflict", kind=kind, severity=Severity.error,
                   message="m", claims=tuple(c.id for c in claims),
                   answers=tuple(AnswerRef(doc=c.doc, answer=c.answer) for c in claims))


def _contradicting_doc():
    s1 = "MCA § 2-6-1201 forbids sharing benefits data with ICE."
    s2 = "Under MCA § 2-6-1201 the agency shares benefits data with ICE."
    doc = make_doc("Intro. " + s1, "Other text. " + s2 + " HIPAA also applies.")
    return doc, s1, s2


def test_link_claims_fills_claims_of_the_sentence():
    doc, s1, s2 = _contradicting_doc()
    c1 = claim("c1", doc, 1, s1, Polarity.negated)
    c2 = claim("c2", doc, 2, s2)
    linked = {c.normalized: c for c in link_claims(find_citations(doc), [c1, c2], [])}
    mca = linked["Mont. Code Ann. § 2-6-1201"]
    assert [u.claims for u in mca.uses] == [("c1",), ("c2",)]
    assert mca.status is CitationStatus.verify_pinpoint
    # HIPAA is outside both claim sentences
    hipaa = linked["Health Insurance Portability and Accountability Act of 1996"]
    assert hipaa.uses[0].claims == ()


def test_contradictory_use():
    doc, s1, s2 = _contradicting_doc()
    c1 = claim("c1", doc, 1, s1, Polarity.negated)
    c2 = claim("c2", doc, 2, s2)
    result = link_claims(find_citations(doc), [c1, c2], [finding("f1", "contradiction", c2, c1)])
    assert result[0].normalized == "Mont. Code Ann. § 2-6-1201"
    assert result[0].status is CitationStatus.contradictory_use
    assert "answer 1 and answer 2" in result[0].reason and "f1" in result[0].reason


def test_certainty_finding_is_not_a_contradictory_use():
    doc, s1, s2 = _contradicting_doc()
    c1 = claim("c1", doc, 1, s1)
    c2 = claim("c2", doc, 2, s2)
    result = link_claims(find_citations(doc), [c1, c2], [finding("f1", "certainty", c1, c2)])
    assert all(c.status is not CitationStatus.contradictory_use for c in result)


def test_one_claimed_side_is_not_contradictory_use():
    doc, s1, _ = _contradicting_doc()
    c1 = claim("c1", doc, 1, s1)
    other = claim("c9", doc, 2, "HIPAA also applies.")
    result = link_claims(find_citations(doc), [c1, other],
                         [finding("f1", "contradiction", c1, other)])
    assert all(c.status is not CitationStatus.contradictory_use for c in result)


def test_bill_in_parenthesis_is_not_an_acronym():
    found = by_name(make_doc("The California Values Act (SB 54) limits cooperation.",
                             jurisdiction="CA"))
    assert found["California Values Act"].status is CitationStatus.named_act_no_section
    assert found["Cal. SB 54"].kind == "bill"
