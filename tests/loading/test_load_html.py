"""HTML FAQ pages: JSON-LD and microdata FAQPage."""

from __future__ import annotations

import pytest

from claimcheck.errors import LoadError
from claimcheck.loading import load_document, parse_text


def test_json_ld_in_a_graph(fixture_path, file_line):
    path = fixture_path("texas_detainers.html")
    doc = load_document(path)
    assert doc.format == "html"
    assert doc.title == "Texas Detainer FAQ"
    assert doc.jurisdiction == "TX"
    assert [(a.id, a.question) for a in doc.answers] == [
        ("1", "Must Texas jails honor ICE detainer requests?"),
        ("2", "Does a detainer need a judge's signature?"),
    ]
    first = doc.answers[0]
    assert first.text == ("State law requires every county jail to honor a detainer.\n"
                          "1. Sheriffs must comply & report.\n"
                          "2. Refusal can cost a county its grants.")
    assert first.suppress == ("CC404",)
    # Every text line maps to the line of the JSON string in the script.
    expected = file_line(path, '"text": "<p>State law')
    assert {first.line_of(i) for i in range(len(first.text))} == {expected}
    assert first.question_line == file_line(path, '"name": "1. Must Texas')
    assert "visible text" not in " ".join(a.text for a in doc.answers)


def test_microdata(fixture_path, file_line, answer_line):
    path = fixture_path("nevada_booking.html")
    doc = load_document(path)
    assert doc.title == "Nevada Booking Data FAQ"
    assert [a.question for a in doc.answers] == ["Does the county send booking data to ICE?",
                                                "Can a person stop that transfer?"]
    first, second = doc.answers
    assert first.text == ("The county sends booking data to ICE every night.\n"
                          "- Names and dates of birth\n- Charges & bail amounts")
    assert first.suppress == ("CC505",)
    assert second.text == "No. Nevada residents cannot opt out\nof booking transfers."
    for answer, needle in [(first, "The county sends"), (first, "bail amounts"),
                           (second, "of booking transfers")]:
        assert answer_line(answer, needle) == file_line(path, needle)
    # HTML folds a wrapped paragraph into one text line; the line that the
    # paragraph starts on is reported for all of it.
    assert answer_line(first, "to ICE every night") == file_line(path, "The county sends")
    assert first.question_line == file_line(path, "Does the county send")
    assert "Site menu" not in first.text


def test_json_ld_list_and_single_main_entity():
    page = ('<script type="application/ld+json">[{"@type": "FAQPage", "mainEntity": '
            '{"@type": "Question", "name": "Is Iowa data shared?", "acceptedAnswer": '
            '{"@type": "Answer", "text": "Iowa shares <b>nothing</b>."}}}]</script>')
    doc = parse_text(page, path="p.html", input_format="html")
    assert [(a.id, a.text) for a in doc.answers] == [("1", "Iowa shares nothing.")]
    assert doc.jurisdiction == "IA"


def test_malformed_json_ld_names_the_line():
    page = ('<html>\n<head>\n<script type="application/ld+json">\n'
            '{"@type": "FAQPage",\n "mainEntity": [,]}\n</script></head></html>\n')
    with pytest.raises(LoadError, match="JSON-LD") as info:
        parse_text(page, path="broken.html", input_format="html")
    assert info.value.line == 5


def test_question_without_answer_text():
    page = ('<script type="application/ld+json">{"@type": "FAQPage", "mainEntity": '
            '[{"@type": "Question", "name": "Where?"}]}</script>')
    with pytest.raises(LoadError, match="acceptedAnswer"):
        parse_text(page, path="p.html", input_format="html")


@pytest.mark.parametrize("page", ["<html><body><p>No FAQ here.</p></body></html>",
                                  "<div><p>unclosed <b>tags", "plain words, no markup",
                                  "<!DOCTYPE html><![CDATA[ odd ]]><!x"])
def test_pages_without_faq_data(page):
    with pytest.raises(LoadError, match="no FAQ found"):
        parse_text(page, path="p.html", input_format="html")
