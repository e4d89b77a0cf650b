from __future__ import annotations

from oregon_report import DOC

from claimcheck.models import Finding, Severity
from claimcheck.report import text
from claimcheck.report.findings import claim_index, describe


def test_lines_are_sorted_by_path_line_rule_and_end_with_a_summary(report):
    lines = text.render(report).splitlines()
    findings = [line for line in lines if line.startswith(DOC)]
    keys = [(line.split(":")[0], int(line.split(":")[1])) for line in findings]
    assert keys == sorted(keys) and len(findings) == 3
    assert lines[-1] == "3 findings (1 error, 1 warning, 1 info) in 1 document; 1 file not read"


def test_lint_line_shape_and_both_answers_named(report):
    first = text.render(report).splitlines()[0]
    assert first.startswith(f"{DOC}:4: error agreement-existence answer 2 says")
    assert "answer 4 says" in first


def test_message_without_answers_gets_them_appended(report):
    claims = claim_index(report)
    bare = Finding(id="x", rule="r", kind="contradiction", severity=Severity.error,
                   message="agreement\nstated and denied", claims=report.findings[0].claims,
                   answers=report.findings[0].answers)
    assert describe(bare, claims) == "agreement stated and denied (answers 2 and 4)"


def test_empty_report_summary():
    from claimcheck.models import Report

    assert text.render(Report()) == "0 findings (0 errors, 0 warnings, 0 info) in 0 documents\n"
