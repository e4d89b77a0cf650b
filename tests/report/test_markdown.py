from __future__ import annotations

import re

from claimcheck.models import Report
from claimcheck.report import markdown

SECTIONS = [
    "## Summary",
    "## Inconsistencies",
    "## Claim matrix",
    "## Statutes that need verifying",
    "## Most contested answers",
    "## Clusters of mutually contradicting answers",
    "## Contradiction graph",
]


def test_every_section_in_order(report):
    out = markdown.render(report)
    positions = [out.index(section) for section in SECTIONS]
    assert positions == sorted(positions)


def test_mermaid_block(report):
    out = markdown.render(report)
    block = re.search(r"```mermaid\n(.*?)```", out, re.S)
    assert block and block.group(1).startswith("flowchart LR\n")
    assert 'A2 ---|"agreement-existence"| A4' in block.group(1)
    assert 'A1 -.-|"restriction-vs-practice"| A5' in block.group(1)


def test_inconsistencies_ranked_by_severity_with_both_answers_and_bold_cues(report):
    out = markdown.render(report)
    headings = re.findall(r"^#### \d+\. (\w+)", out, re.M)
    assert headings == ["Error", "Warning", "Info"]
    assert "**Answer 2**" in out and "**Answer 4**" in out
    assert "The DMV **has not** entered into any **formal agreement with ICE**." in out
    assert "Chain:\n\n1. answer 1: state law restricts" in out


def test_claim_matrix_cells(report):
    out = markdown.render(report)
    assert "| A1 | — | **✓** | — | ✓ (if) |" in out
    assert "| A2 | **✗** | — | — | ✗? |" in out


def test_citations_worst_status_first_with_link_and_backed_sentence(report):
    out = markdown.render(report)
    assert out.index("acronym mismatch") < out.index("verify pinpoint")
    assert "<https://www.oregonlegislature.gov/bills_laws/ors/ors802.html>" in out
    assert "**may not disclose** a person's records" in out


def test_table_pipes_are_escaped(report):
    docs = (report.documents[0].model_copy(update={"title": "DMV | ICE"}),)
    out = markdown.render(report.model_copy(update={"documents": docs}))
    row = next(line for line in out.splitlines() if line.startswith("| `faqs/"))
    assert "DMV \\| ICE" in row
    assert row.count(" | ") == 5  # six cells, none split by the title's pipe


def test_escape_and_code():
    assert markdown.escape("a*b_c|d [x]") == "a\\*b\\_c\\|d \\[x\\]"
    assert markdown.code("a|b`c") == "`a\\|b'c`"


def test_empty_report_still_has_every_section():
    out = markdown.render(Report())
    for section in SECTIONS:
        assert section in out
    assert "No inconsistencies found." in out


def test_questions_are_shown_when_document_summaries_carry_them(report):
    doc = report.documents[0].model_copy(
        update={"questions": {"2": "Is there an agreement with ICE?", "4": "What does ICE receive?"}})
    out = markdown.render(report.model_copy(update={"documents": (doc,)}))
    assert "**Answer 2** — *Is there an agreement with ICE?*" in out
    assert "| A2 | Is there an agreement with ICE? | 1 |" in out


def test_several_documents_are_told_apart(report):
    other = [c.model_copy(update={"doc": "faqs/wa.txt", "id": c.id.replace("oregon-dmv-ice", "wa")})
             for c in report.claims]
    docs = (*report.documents, report.documents[0].model_copy(update={"path": "faqs/wa.txt"}))
    out = markdown.render(report.model_copy(update={"claims": (*report.claims, *other), "documents": docs}))
    assert "### `faqs/wa.txt`" in out  # one claim matrix per document
    assert "**Answer 2** of `faqs/oregon-dmv-ice.txt`" in out
    assert 'd1_A2["faqs/oregon-dmv-ice.txt A2"]' in out
    assert 'd1_A2 ---|"agreement-existence"| d1_A4' in out
