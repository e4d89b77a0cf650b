from __future__ import annotations

import re

from claimcheck.models import Report
from claimcheck.report import markdown

SECTIONS = [
    "## Summary",
    "## Inconsistencies",
    "## Claims by answer",
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
    inconsistencies = out.split("## Inconsistencies")[1].split("## Claims by answer")[0]
    headings = re.findall(r"^#### \d+\. (\w+)", inconsistencies, re.M)
    assert headings == ["Error", "Warning", "Info"]
    assert "**Answer 2**" in out and "**Answer 4**" in out
    assert "The DMV **has not** entered into any **formal agreement with ICE**." in out
    assert "Chain:\n\n1. answer 1: state law restricts" in out


def test_claims_by_answer_one_row_per_answer(report):
    out = markdown.render(report)
    assert "| A1 | — | law restricts sharing: **yes** (#2); shares records with ice: yes, if |" in out
    assert "| A2 | — | agreement with ice: **no** (#1); shares records with ice: no, hedged |" in out


def test_every_answer_has_a_row_even_without_claims(report):
    from oregon_report import QUESTIONS, with_questions

    questions = {**QUESTIONS, "6": "Who can I ask about my record?"}
    doc = report.documents[0].model_copy(update={"questions": questions, "answers": 6})
    out = markdown.render(with_questions(report).model_copy(update={"documents": (doc,)}))
    rows = [line for line in out.split("## Claims by answer")[1].split("##")[0].splitlines()
            if line.startswith("| A") and not line.startswith("| Answer")]
    assert [r.split(" | ")[0] for r in rows] == ["| A1", "| A2", "| A3", "| A4", "| A5", "| A6"]
    assert rows[-1] == "| A6 | Who can I ask about my record? | — |"
    # The table has three columns whatever the number of predicates: it fits GitHub's width.
    assert all(r.count(" | ") == 2 for r in rows)


def test_a_sentence_is_quoted_once_and_later_findings_point_back(report):
    from claimcheck.models import Finding, Severity

    c = {claim.id.split("#")[1]: claim for claim in report.claims}
    again = Finding(id="F4", rule="agreement-existence", kind="contradiction", severity=Severity.error,
                    message="answer 2 says no; answer 4 says yes", claims=(c["2:c1"].id, c["4:c1"].id),
                    answers=report.findings[0].answers)
    out = markdown.render(report.model_copy(update={"findings": (*report.findings, again)}))
    assert out.count("The DMV **has not** entered into any **formal agreement with ICE**.") == 1
    assert "> *Quoted in [finding 1](#finding-1)*: “formal agreement with ICE”" in out
    assert '<a id="finding-1"></a>' in out


def test_support_is_explained_and_names_the_answers(report):
    out = markdown.render(report)
    assert "*Also said in* lists other answers with a claim saying the same thing" in out


def test_summary_has_no_empty_table_header(report):
    summary = markdown.render(report).split("## Inconsistencies")[0]
    assert "|  |  |" not in summary
    assert "- **3 findings**: 1 error, 1 warning, 1 info (1 contradiction, 1 tension, 1 certainty mismatch)" in summary


def test_citations_worst_status_first_with_link_and_backed_sentence(report):
    out = markdown.render(report)
    assert out.index("acronym mismatch") < out.index("verify pinpoint")
    assert "### Pinpoints to check" in out and "### Vague references" not in out
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
    assert "### `faqs/wa.txt`" in out  # one table of claims per document
    assert "**Answer 2** of `faqs/oregon-dmv-ice.txt`" in out
    assert 'd1_A2["faqs/oregon-dmv-ice.txt A2"]:::error' in out
    assert 'd1_A2 ---|"agreement-existence"| d1_A4' in out
