"""Plain numbered FAQ text and Q:/A: text."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.errors import LoadError
from claimcheck.loading import load_document, parse_text

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed" / "000_a78f4cfef25a95ac.txt"


def test_in_answer_lists_never_become_questions(fixture_path):
    doc = load_document(fixture_path("ohio_benefits.txt"))
    assert doc.format == "text"
    assert [a.id for a in doc.answers] == ["1", "2", "3", "4", "5", "6"]
    safeguards = doc.answers[1]
    assert safeguards.question == "Which safeguards protect applicant files in Ohio?"
    # "3. Who may look?" continues the list 1., 2. and is followed by the real
    # question 3, so it stays inside answer 2.
    assert "3. Who may look?" in safeguards.text
    assert "These safeguards apply statewide." in safeguards.text
    assert doc.answers[2].question.startswith("Are Ohio county offices")


def test_answer_that_starts_with_a_list(fixture_path):
    doc = load_document(fixture_path("ohio_benefits.txt"))
    county = doc.answers[2]
    assert county.text.startswith("1. County Discretion:")
    assert county.text.count("\n") == 2
    assert doc.answers[3].question == "Can an applicant see what was released about them?"
    assert doc.answers[5].text.endswith("help with hearings.")


def test_header_gives_title_and_state_is_inferred(fixture_path):
    doc = load_document(fixture_path("ohio_benefits.txt"))
    assert doc.title == "Ohio Cash Assistance Records and Federal Immigration Agencies"
    assert doc.jurisdiction == "OH"


@pytest.mark.parametrize("needle", ["judge signs an order", "Audit Trails", "Oversight:",
                                    "thirty days", "Legal Aid"])
def test_line_of_points_at_the_word_in_the_file(fixture_path, file_line, answer_line, needle):
    path = fixture_path("ohio_benefits.txt")
    doc = load_document(path)
    answer = next(a for a in doc.answers if needle in a.text)
    assert answer_line(answer, needle) == file_line(path, needle)


def test_question_lines(fixture_path, file_line):
    path = fixture_path("ohio_benefits.txt")
    doc = load_document(path)
    assert doc.answers[4].question_line == file_line(path, "5. What happens after")
    assert doc.answers[4].line == file_line(path, "Applicants may appeal")


def test_restarted_and_skipped_numbering(fixture_path, file_line, answer_line):
    path = fixture_path("restart_sections.txt")
    doc = load_document(path)
    assert [a.id for a in doc.answers] == ["1", "2", "1-2", "2-2", "4"]
    assert doc.answers[2].question.startswith("Does a jail hold people")
    assert answer_line(doc.answers[4], "Others do not") == file_line(path, "Others do not")


def test_question_marked_list_items_after_a_colon(fixture_path):
    doc = load_document(fixture_path("list_questions.txt"))
    assert [a.id for a in doc.answers] == ["1", "2"]
    assert "2. How long are copies kept?" in doc.answers[0].text
    assert doc.answers[1].question == "Does Vermont law limit sharing with ICE?"


def test_q_and_a_style(fixture_path, file_line, answer_line):
    path = fixture_path("qa_style.txt")
    doc = load_document(path)
    assert [(a.id, a.question) for a in doc.answers] == [
        ("1", "Does the Nebraska DMV share photos with ICE?"),
        ("2", "Can ICE search the licence database directly?")]
    assert doc.answers[0].text == ("The DMV shares photos only in response to a subpoena.\n"
                                   "Requests are logged.")
    assert doc.answers[1].text == "No direct access exists for federal agencies."
    assert answer_line(doc.answers[0], "Requests are logged") == file_line(path, "Requests are")
    assert doc.title == "Nebraska Licence Data FAQ"


def test_crlf_keeps_line_numbers():
    text = "1. Is it shared?\r\nNo.\r\n\r\n2. Is it stored?\r\nYes, stored.\r\n"
    doc = parse_text(text, path="x.txt", input_format="text")
    assert doc.answers[1].line == 5
    assert doc.answers[1].text == "Yes, stored."


def test_no_questions_is_an_error_with_a_hint():
    with pytest.raises(LoadError, match="no questions found.*'1\\. Can") as info:
        parse_text("Just a paragraph.\nAnd another line.\n", path="notes.txt",
                   input_format="text")
    assert info.value.path == "notes.txt"


def test_numbered_lines_without_question_marks_are_not_questions():
    with pytest.raises(LoadError, match="no questions found"):
        parse_text("1. First step.\n2. Second step.\n", path="steps.txt", input_format="text")


def _seed_text() -> str:
    """The seed's plain text: the file beside the checkout, else rebuilt from data/qa.json.

    data/qa.json was imported from that file, so writing its items back as
    "N. question" lines followed by the answer lines gives the same layout
    (in-answer numbered lists included), and the test never has to skip.
    """
    if SEED.exists():
        return SEED.read_text(encoding="utf-8")
    import json

    data = json.loads((Path(__file__).resolve().parents[2] / "data" / "qa.json").read_text(encoding="utf-8"))
    return "".join(f"{item['id']}. {item['question']}\n{item['answer']}\n" for item in data["items"])


def test_seed_parses_into_twenty_answers(tmp_path):
    text = _seed_text()
    seed = tmp_path / "seed.txt"
    seed.write_text(text, encoding="utf-8")
    doc = load_document(seed)
    assert [a.id for a in doc.answers] == [str(n) for n in range(1, 21)]
    assert doc.jurisdiction == "MT"
    lines = text.split("\n")
    for answer in doc.answers:
        assert lines[answer.question_line - 1].startswith(f"{answer.id}. ")
        first = answer.text.split("\n")[0]
        assert lines[answer.line - 1] == first