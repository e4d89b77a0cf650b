"""Extraction on sentences written for these tests: the phenomena DOMAIN.md lists."""

from __future__ import annotations

import pytest

from claimcheck.engine import denial_covers, scopes_overlap
from claimcheck.extraction import extract_claims, split_sentences
from claimcheck.models import Answer, Document, Scope
from claimcheck.rulepack import load_rulepack

PACK = load_rulepack()


def claims_of(*texts: str, jurisdiction: str | None = "WA"):
    answers = tuple(Answer(id=str(i), question="Q?", text=t, line=10 * i) for i, t in enumerate(texts, 1))
    return extract_claims(Document(path="t.md", format="markdown", jurisdiction=jurisdiction, answers=answers), PACK)


def only(text: str, predicate: str):
    found = [c for c in claims_of(text) if c.predicate == predicate]
    assert len(found) == 1, [(c.predicate, c.pattern) for c in claims_of(text)]
    return found[0]


# ------------------------------------------------------------- sentences

def _sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_and_section_numbers_do_not_end_sentences():
    text = ("Under Wash. Rev. Code § 43.17.425 the U.S. government gets nothing. "
            "See also 8 U.S.C. § 1373 et seq. for the federal side.")
    assert _sentences(text) == [
        "Under Wash. Rev. Code § 43.17.425 the U.S. government gets nothing.",
        "See also 8 U.S.C. § 1373 et seq. for the federal side.",
    ]


def test_list_markers_and_item_headings_are_left_out():
    text = "Safeguards include:\n1. Encryption: Files are encrypted.\n- Logging: Every request is logged."
    assert _sentences(text) == ["Safeguards include:", "Files are encrypted.", "Every request is logged."]


def test_a_sentence_wrapped_over_lines_stays_whole():
    text = "The licensing agency has not signed any\nagreement with ICE. Requests are refused."
    assert _sentences(text) == ["The licensing agency has not signed any\nagreement with ICE.", "Requests are refused."]


# ------------------------------------------------------------- polarity

@pytest.mark.parametrize("text", [
    "The department doesn't share client addresses with ICE.",
    "The department does not share client addresses with ICE.",
    "The department never shares client addresses with ICE.",
    "No client addresses are shared with ICE.",
])
def test_negation_cues(text):
    assert only(text, "data_shared").polarity.value == "negated"


@pytest.mark.parametrize("text", [
    "Not only is the data shared with ICE, it is also shared with CBP.",
    "Agencies share records with ICE, and no further review takes place.",
])
def test_pseudo_negations_do_not_negate(text):
    assert claims_of(text)[0].polarity.value == "affirmed"


def test_negation_does_not_reach_past_a_termination_word():
    c = only("The agency has no written policy, but it shares addresses with ICE.", "data_shared")
    assert c.polarity.value == "affirmed"


def test_a_negated_side_remark_is_not_a_claim_about_opting_out():
    assert claims_of("Since the agency keeps no such file, the question of opting out does not arise.") == []


def test_a_restriction_is_not_a_practice_claim():
    assert not [c for c in claims_of("Files are released to ICE only with a court order.")
                if c.predicate == "data_shared"]
    assert only("Files are released to ICE only with a court order.",
                "sharing_requires_legal_process").polarity.value == "affirmed"


# ------------------------------------------------------------- modality

@pytest.mark.parametrize(("text", "modality"), [
    ("Wage records are likely shared with ICE.", "hedged"),
    ("Wage records could potentially be shared with ICE.", "hedged"),
    ("Wage records are typically shared with ICE.", "hedged"),
    ("Wage records are shared with ICE.", "asserted"),
    ("If wage records are shared with ICE, the worker is told.", "conditional"),
    ("Agencies should not share wage records with ICE.", "normative"),
    ("It is important to note that wage records are shared with ICE.", "asserted"),
])
def test_modality(text, modality):
    assert only(text, "data_shared").modality.value == modality


def test_permission_is_not_a_hedge():
    c = only("Staff may release a file to ICE only with a court order.", "sharing_requires_legal_process")
    assert c.modality.value == "asserted"


def test_presupposition_survives_negation_elsewhere_in_the_sentence():
    c = only("Residents cannot opt out of having their data shared with ICE.", "data_shared")
    assert (c.polarity.value, c.modality.value) == ("affirmed", "presupposed")


# ------------------------------------------------------------- conditions and exceptions

def test_exception_clause_is_recorded():
    c = only("The agency may not disclose benefit files without consent unless disclosure is required by law.",
             "consent_required")
    assert c.polarity.value == "affirmed"
    assert "law" in c.exceptions


def test_request_condition_is_recorded():
    c = only("Federal law requires the agency to share benefit files with ICE upon request.", "law_mandates_sharing")
    assert "on_request" in c.conditions
    assert c.scope.jurisdiction == "US"


# ------------------------------------------------------------- scope

def test_named_department_and_its_acronym_are_one_actor():
    claims = claims_of("The Department of Revenue (DOR) keeps wage data.", "The DOR has an agreement with ICE.")
    c = [c for c in claims if c.predicate == "agreement_exists"][0]
    assert c.scope.actor == "agency:revenue"


def test_sentence_naming_another_state_takes_its_jurisdiction():
    c = only("In Idaho, driver records are shared with ICE.", "data_shared")
    assert c.scope.jurisdiction == "ID"


def test_entity_hierarchy_decides_which_denials_cover_which_claims():
    broad = Scope(jurisdiction="WA", actor="state_agencies", counterpart="federal_immigration_authorities")
    narrow = Scope(jurisdiction="WA", actor="agency:revenue", counterpart="ice")
    assert denial_covers(broad, narrow, PACK)          # "no state agency…" vs "the DOR has one"
    assert not denial_covers(narrow, broad, PACK)      # "the DOR has none" vs "agencies have some"
    assert scopes_overlap(narrow, broad, PACK)
    assert not scopes_overlap(narrow, narrow.model_copy(update={"jurisdiction": "OR"}), PACK)
    assert scopes_overlap(narrow, narrow.model_copy(update={"jurisdiction": "US"}), PACK)


def test_evidence_points_at_the_words_and_the_line():
    text = "First line about nothing.\nThe Department of Labor has an MOU with ICE."
    c = claims_of(text)[0]
    assert text[c.evidence.start:c.evidence.end] == c.evidence.cue
    assert c.line == 10 + 1  # answer starts on line 10; the claim is on its second line
    assert c.text == "The Department of Labor has an MOU with ICE."


def test_an_answer_opening_no_is_its_own_sentence():
    # "No." before a word ends a sentence; before a number it abbreviates "number".
    c = only("No. The licensing agency never shares driving records with ICE.", "data_shared")
    assert c.polarity.value == "negated"
    assert _sentences("See Directive No. 5 on sharing.") == ["See Directive No. 5 on sharing."]


def test_a_page_repeating_one_contradiction_gets_a_bounded_number_of_findings():
    from claimcheck.engine import SAME_DOCUMENT_LIMIT, evaluate

    texts = ["No state agency has an agreement with ICE."] * 40 + \
            ["The Department of Labor has an agreement with ICE."] * 40
    findings, _ = evaluate(claims_of(*texts), PACK)
    assert 0 < len(findings) <= 40 * SAME_DOCUMENT_LIMIT


def test_a_department_name_does_not_swallow_the_counterpart_after_it():
    c = only("A formal data-sharing agreement between the Department of Justice and ICE is in place.",
             "agreement_exists")
    assert (c.scope.actor, c.scope.counterpart) == ("agency:justice", "ice")
    c = only("There is no agreement between the Bureau of Motor Vehicles and U.S. Immigration and Customs "
             "Enforcement.", "agreement_exists")
    assert c.scope.counterpart == "ice"


def test_a_mandate_names_its_records_in_any_words():
    c = only("Vermont law requires the Department of Labor to share wage claim files with CBP upon request.",
             "law_mandates_sharing")
    assert (c.polarity.value, c.scope.counterpart) == ("affirmed", "cbp")
