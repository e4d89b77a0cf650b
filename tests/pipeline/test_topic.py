"""Pages are compared through what each is about.

Within a page, a claim that names no agency or program ("records go to ICE
only with a court order") shares the page's subject. Across pages it keeps
its own page's: a tax page's restriction is not contradicted by a federal
law that a school page says binds school districts. The documents here are
written for this test (Kansas, Iowa, Utah), in Markdown.
"""

from __future__ import annotations

from claimcheck.extraction import document_topic
from claimcheck.loading import parse_text
from claimcheck.models import Topic
from claimcheck.pipeline import CheckOptions, analyse
from claimcheck.rulepack import load_rulepack

PACK = load_rulepack()

KANSAS_TAX = """\
---
title: Kansas tax records and immigration enforcement
state: Kansas
---

## 1. Can ICE see my state tax return?

Records are released to ICE only when a judge has signed a court order.
"""

KANSAS_SCHOOLS = """\
---
title: Kansas school enrollment records and ICE
state: Kansas
---

## 1. Must schools hand student files to ICE?

A federal statute requires school districts to turn over enrollment records to ICE upon request.
"""

#: Same state, same subject as KANSAS_TAX, but its own federal-law claim
#: names no agency: it is about tax records, so it meets the tax page.
KANSAS_TAX_FEDERAL = """\
---
title: Federal rules for Kansas tax data
state: Kansas
---

## 1. Does federal law reach Kansas tax records?

Federal law requires the state to disclose taxpayer information to ICE whenever ICE asks.
"""


def _doc(text: str, path: str):
    return parse_text(text, path=path)


def _cross_findings(*docs):
    report = analyse(list(docs), PACK, CheckOptions(citations=False))
    return [f for f in report.findings if len({a.doc for a in f.answers}) == 2], report


def test_the_title_names_the_topic():
    assert document_topic(_doc(KANSAS_TAX, "ks-tax.md"), PACK) == Topic(program="tax_records")
    assert document_topic(_doc(KANSAS_SCHOOLS, "ks-schools.md"), PACK).program == "school_records"


def test_without_a_title_the_questions_name_it_when_a_third_of_them_agree():
    text = "\n".join(f"{i}. {q}\nThe answer is in the handbook.\n" for i, q in enumerate([
        "Do county jails in Iowa hold people for ICE?",
        "What do county jails tell ICE about release dates?",
        "Who pays for the beds?",
        "Can a lawyer visit?",
        "Where are the forms?",
        "Do county jails keep booking photos?",
    ], 1))
    assert document_topic(_doc(text, "iowa.txt"), PACK) == Topic(actor="sheriffs_and_jails")
    few = text.replace("county jails", "staff", 2)  # now one question in six names them
    assert document_topic(_doc(few, "iowa.txt"), PACK) == Topic()


def test_a_page_about_another_subject_does_not_contradict_an_unplaced_claim():
    cross, report = _cross_findings(_doc(KANSAS_TAX, "ks-tax.md"), _doc(KANSAS_SCHOOLS, "ks-schools.md"))
    assert [d.topic.program for d in report.documents] == ["school_records", "tax_records"]
    assert cross == []


def test_a_page_about_the_same_subject_still_does():
    cross, _ = _cross_findings(_doc(KANSAS_TAX, "ks-tax.md"), _doc(KANSAS_TAX_FEDERAL, "ks-tax-federal.md"))
    assert [(f.rule, sorted(a.doc for a in f.answers)) for f in cross] == [
        ("CC110", ["ks-tax-federal.md", "ks-tax.md"])]


def test_the_topic_does_not_change_findings_within_a_page():
    # The restriction names no program; on its own page it meets whatever
    # the page's other answers say, here a federal mandate for school records.
    mandate = KANSAS_SCHOOLS.rstrip().rsplit("\n", 1)[1]
    both = KANSAS_TAX + "\n## 2. And federal law?\n\n" + mandate + "\n"
    report = analyse([_doc(both, "ks.md")], PACK, CheckOptions(citations=False))
    assert [f.rule for f in report.findings] == ["CC110"]


def _page(title: str, sentence: str) -> str:
    return f"---\ntitle: {title}\nstate: Kansas\n---\n\n## 1. Is anything shared with ICE?\n\n{sentence}\n"


def test_certainty_across_pages_respects_topics_too():
    hedged = _doc(_page("Kansas tax records and ICE", "Records are probably shared with ICE."), "tax.md")
    other = _doc(_page("Kansas school records and ICE", "Enrollment records are shared with ICE."), "schools.md")
    same = _doc(_page("More on Kansas tax records", "Taxpayer information is shared with ICE."), "tax2.md")
    cross, _ = _cross_findings(hedged, other)
    assert cross == []
    cross, _ = _cross_findings(hedged, same)
    assert [(f.rule, f.kind) for f in cross] == [("CC102", "certainty")]


def test_pages_that_share_no_known_subject_do_not_meet():
    # The tax page names a program, the jail page an actor: neither slot is
    # known on both sides, so nothing says the two claims are about one thing.
    jails = _doc("---\ntitle: Kansas county jails and ICE detainers\nstate: Kansas\n---\n\n"
                 "## 1. What does federal law say?\n\n"
                 "Federal law requires county jails to share release dates with ICE upon request.\n", "jails.md")
    cross, report = _cross_findings(_doc(KANSAS_TAX, "ks-tax.md"), jails)
    assert {d.path: (d.topic.actor, d.topic.program) for d in report.documents} == {
        "jails.md": ("sheriffs_and_jails", None), "ks-tax.md": (None, "tax_records")}
    assert cross == []
