"""A finding about an answer rather than two claims (an unused suppression,
rule CC001) is located at ``Finding.line`` in every format."""

from __future__ import annotations

import json

import pytest
from oregon_report import DOC

from claimcheck.models import AnswerRef, Finding, Severity
from claimcheck.report import RENDERERS, get_renderer

UNUSED = Finding(id="U1", rule="CC001", kind="unused-suppression", severity=Severity.info,
                 message="unused suppression of CC101 in answer 3: no finding of that rule involves this answer",
                 claims=(), answers=(AnswerRef(doc=DOC, answer="3"),), fingerprint="0123456789abcdef0123",
                 line=6)


@pytest.fixture
def with_unused(report):
    return report.model_copy(update={"findings": (*report.findings, UNUSED)})


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_format_renders_a_finding_without_claims(fmt, with_unused):
    out = get_renderer(fmt)(with_unused)
    assert "unused suppression of CC101 in answer 3" in out


def test_text_and_github_put_it_on_its_line(with_unused):
    assert f"{DOC}:6: info CC001 unused suppression of CC101 in answer 3" in get_renderer("text")(with_unused)
    assert f"::notice file={DOC},line=6,title=claimcheck CC001::" in get_renderer("github")(with_unused)


def test_sarif_result_has_a_region_and_no_related_locations(with_unused):
    run = json.loads(get_renderer("sarif")(with_unused))["runs"][0]
    result = next(r for r in run["results"] if r["ruleId"] == "CC001")
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 6}
    assert "relatedLocations" not in result
    assert result["level"] == "note"


def test_markdown_groups_it_apart_from_the_predicates(with_unused):
    md = get_renderer("md")(with_unused)
    assert "### `(suppressions)`" in md
    assert f"(`{DOC}:6`)" in md
