from __future__ import annotations

from oregon_report import DOC

from claimcheck.models import Report
from claimcheck.report import github


def test_escaping_of_data_and_properties():
    assert github.escape_data("100% sure\r\nnext: a,b") == "100%25 sure%0D%0Anext: a,b"
    assert github.escape_property("dir,x/a:b%\n") == "dir%2Cx/a%3Ab%25%0A"


def test_annotation_escapes_path_title_and_message():
    line = github.annotation("error", "50% of answers:\nsee 3, 4", file="faqs/a,b:c.txt", line=7,
                             title="claimcheck rule")
    assert line == (
        "::error file=faqs/a%2Cb%3Ac.txt,line=7,title=claimcheck rule::50%25 of answers:%0Asee 3, 4"
    )


def test_one_annotation_per_finding_with_level_mapping(report):
    lines = github.render(report).splitlines()
    assert [line.split(" ")[0] for line in lines] == ["::error", "::notice", "::warning", "::error"]
    assert lines[0].startswith(f"::error file={DOC},line=4,title=claimcheck agreement-existence::")
    assert all("\n" not in line for line in lines)


def test_document_path_with_comma_is_escaped(report):
    moved = report.model_copy(update={
        "claims": tuple(c.model_copy(update={"doc": "faqs/or,dmv.txt"}) for c in report.claims),
        "errors": (),
    })
    assert "file=faqs/or%2Cdmv.txt,line=" in github.render(moved)


def test_empty_report_renders_nothing():
    assert github.render(Report()) == ""
