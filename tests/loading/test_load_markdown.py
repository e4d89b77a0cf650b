"""Markdown FAQs: headings and bold questions, front matter, suppressions."""

from __future__ import annotations

import pytest

from claimcheck.errors import LoadError
from claimcheck.loading import load_document, parse_text


@pytest.fixture
def oregon(fixture_path):
    path = fixture_path("oregon_dmv.md")
    return path, load_document(path)


def test_questions_titles_and_front_matter(oregon):
    _, doc = oregon
    assert doc.format == "markdown"
    assert doc.title == "Oregon DMV records and ICE"
    assert doc.jurisdiction == "OR"
    assert doc.source == "https://example.org/oregon-dmv-faq"
    assert [(a.id, a.question) for a in doc.answers] == [
        ("1", "Does the Oregon DMV give driver records to ICE?"),
        ("2", "Can a driver find out who asked for their record"),
        ("3", "Does the DMV keep a copy of each request?"),
    ]


def test_markup_is_stripped_and_deeper_headings_stay_in_the_answer(oregon):
    _, doc = oregon
    first = doc.answers[0]
    assert "federal agencies only with a court order." in first.text
    assert "example.org" not in first.text
    assert "- Photos are never released in bulk." in first.text
    assert "- Addresses require a signed warrant." in first.text
    assert "Background" in first.text and "###" not in first.text
    assert "<!--" not in first.text


def test_non_question_heading_ends_an_answer(oregon):
    _, doc = oregon
    assert doc.answers[1].text == "A driver can ask the DMV for a log of requests."


def test_fenced_heading_is_not_a_question(oregon):
    _, doc = oregon
    assert all("inside a fence" not in a.question for a in doc.answers)


@pytest.mark.parametrize("needle", ["court order", "Addresses require", "sanctuary law",
                                    "log of requests", "five years"])
def test_lines_map_to_the_file(oregon, file_line, answer_line, needle):
    path, doc = oregon
    answer = next(a for a in doc.answers if needle in a.text)
    assert answer_line(answer, needle) == file_line(path, needle)


def test_question_lines(oregon, file_line):
    path, doc = oregon
    assert doc.answers[0].question_line == file_line(path, "## 1. Does the Oregon DMV")
    assert doc.answers[2].question_line == file_line(path, "**3. Does the DMV")


def test_suppression_comments_inside_and_before_a_question(oregon):
    _, doc = oregon
    assert doc.answers[0].suppress == ("CC101", "CC202")
    # The comment just above question 2 belongs to question 2, not answer 1.
    assert doc.answers[1].suppress == ("CC303",)
    assert doc.answers[2].suppress == ()


def test_headings_without_question_marks_when_none_have_one():
    text = "# Idaho FAQ\n\n## Sharing with ICE\nIdaho shares nothing.\n\n## Consent\nNone needed.\n"
    doc = parse_text(text, path="idaho.md", input_format="markdown")
    assert doc.title == "Idaho FAQ"
    assert [a.question for a in doc.answers] == ["Sharing with ICE", "Consent"]
    assert doc.jurisdiction == "ID"


def test_bad_front_matter_names_its_line():
    text = "---\ntitle: [unclosed\n---\n## Is it?\nYes.\n"
    with pytest.raises(LoadError, match="front matter") as info:
        parse_text(text, path="bad.md", input_format="markdown")
    assert info.value.line is not None and 2 <= info.value.line <= 3


def test_unknown_jurisdiction_in_front_matter():
    text = "---\njurisdiction: Atlantis\n---\n## Is it?\nYes.\n"
    with pytest.raises(LoadError, match="unknown jurisdiction") as info:
        parse_text(text, path="bad.md", input_format="markdown")
    assert info.value.key == "jurisdiction" and info.value.line == 2


def test_no_questions():
    with pytest.raises(LoadError, match="no questions found"):
        parse_text("Plain prose only.\n", path="x.md", input_format="markdown")


def test_suppression_comment_after_the_last_answer_belongs_to_it():
    text = ("## Is there an agreement?\n\nNo state agency has one.\n\n"
            "## Does the Department of Labor have one?\n\nIt has one with ICE.\n\n"
            "<!-- claimcheck: ignore CC101 -->\n")
    doc = parse_text(text, path="faq.md", input_format="markdown")
    assert doc.answers[-1].suppress == ("CC101",)
    assert doc.answers[0].suppress == ()
