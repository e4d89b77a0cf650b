"""YAML and JSON record lists, and qa.json."""

from __future__ import annotations

import json

import pytest

from claimcheck.errors import LoadError
from claimcheck.loading import RecordKeys, load_document, parse_text


def test_yaml_records_with_short_keys(fixture_path, file_line, answer_line):
    path = fixture_path("georgia_courts.yaml")
    doc = load_document(path)
    assert doc.format == "records"
    assert doc.title == "Georgia court information FAQ"
    assert doc.jurisdiction == "GA"
    assert [a.id for a in doc.answers] == ["1", "2", "9"]
    calendars, arrests, clerks = doc.answers
    assert calendars.text == ("Hearing calendars are public records.\n"
                              "Anyone, ICE included, may read them online.")
    assert calendars.suppress == ("CC606", "CC707")
    # ">" folds lines: one text line per paragraph.
    assert arrests.text == ("Georgia has no statute that forbids arrests inside a courthouse.\n"
                            "Judges may still bar officers from a courtroom.")
    assert clerks.text == "Clerks never ask about status.\nThey only check identity."
    for answer, needle in [(calendars, "Hearing calendars"), (calendars, "ICE included"),
                           (arrests, "Georgia has no statute"), (arrests, "Judges may still"),
                           (clerks, "Clerks never")]:
        assert answer_line(answer, needle) == file_line(path, needle)
    # Both lines of a one-line quoted string map to that line.
    assert answer_line(clerks, "They only") == file_line(path, "Clerks never")
    assert arrests.question_line == file_line(path, "Can ICE officers")


def test_json_records_under_a_container(fixture_path, file_line, answer_line):
    path = fixture_path("utah_records.json")
    doc = load_document(path)
    assert doc.format == "records"
    assert doc.jurisdiction == "UT"
    assert [a.id for a in doc.answers] == ["1", "2"]
    assert doc.answers[0].suppress == ("CC808",)
    assert answer_line(doc.answers[1], "parent consent") == file_line(path, "parent consent")


def test_configured_keys():
    text = "entries:\n  - prompt: Is it shared?\n    reply: Never.\n    ref: x1\n"
    keys = RecordKeys(question="prompt", answer="reply", id="ref", container="entries")
    doc = parse_text(text, path="f.yaml", input_format="records", keys=keys)
    assert [(a.id, a.question, a.text, a.line) for a in doc.answers] == [
        ("x1", "Is it shared?", "Never.", 3)]
    with pytest.raises(LoadError, match="no answer .*reply"):
        parse_text("- prompt: Q?\n  a: A.\n", path="f.yaml", input_format="records",
                   keys=keys)


@pytest.mark.parametrize("text, message, line, key", [
    ("- q: Is it?\n  a: [unclosed\n", "invalid YAML", 3, None),
    ("- q: Is it?\n\ta: tab\n", "invalid YAML", 2, None),
    ("title: no list here\n", "under one of", 1, None),
    ("faq: just text\n", "must be a list", 1, "faq"),
    ("- q: Is it?\n  a: 42\n", "must be text", 2, "records[0].a"),
    ("- just a string\n", "must be a mapping", 1, "records[0]"),
    ("- a: Answer without question.\n", "no question", 1, "records[0]"),
    ("- {id: 1, q: A?, a: B.}\n- {id: 1, q: C?, a: D.}\n", "duplicate id", 2, "records[1].id"),
    ("faq: []\n", "no questions", None, "faq"),
    ("- q: Is it?\n  a: x\n  claimcheck-ignore: {a: 1}\n", "rule id", 3,
     "records[0].claimcheck-ignore"),
])
def test_bad_records(text, message, line, key):
    with pytest.raises(LoadError, match=message) as info:
        parse_text(text, path="bad.yaml", input_format="records")
    assert info.value.line == line
    assert info.value.key == key
    assert info.value.path == "bad.yaml"


def test_qa_json(fixture_path, file_line, answer_line):
    path = fixture_path("arizona.qa.json")
    doc = load_document(path)
    assert doc.format == "qajson"
    assert doc.jurisdiction == "AZ"  # "Arizona" normalised
    assert doc.source == "https://example.org/az"
    assert [a.id for a in doc.answers] == ["a1", "a2"]
    first = doc.answers[0]
    assert first.text.split("\n")[1] == "The sheriff signed the agreement in 2019."
    # Both text lines come from one JSON string on one file line.
    assert answer_line(first, "2019") == file_line(path, "Jail rosters are shared")
    assert first.line_map == (first.line, first.line)
    assert first.question_line == file_line(path, "Does the Maricopa")
    assert doc.answers[1].line == file_line(path, "No warrant is needed")


def _qa(items, **extra) -> str:
    return json.dumps({"title": "T", **extra, "items": items}, indent=2)


@pytest.mark.parametrize("text, message, key", [
    (_qa([{"id": "1", "question": "Q?"}]), "missing 'answer'", "items[0]"),
    (_qa([{"id": "1", "question": "Q?", "answer": 3}]), "must be text", "items[0].answer"),
    (_qa([["Q?", "A."]]), "must be an object", "items[0]"),
    (_qa([{"id": "1", "question": "Q?", "answer": "A."},
          {"id": "1", "question": "R?", "answer": "B."}]), "duplicate id", "items[1].id"),
    (_qa([]), "no questions", "items"),
    (json.dumps({"title": "T"}), "missing 'items'", "items"),
    (json.dumps({"items": {"a": 1}}), "must be a list", "items"),
    (json.dumps([1, 2]), "expected a JSON object", None),
    (_qa([{"question": "Q?", "answer": "A."}], jurisdiction="Narnia"), "unknown jurisdiction",
     "jurisdiction"),
    (_qa([{"question": "Q?", "answer": "A."}], title=5), "must be text", "title"),
])
def test_bad_qa_json(text, message, key):
    with pytest.raises(LoadError, match=message) as info:
        parse_text(text, path="qa.json", input_format="qajson")
    assert info.value.key == key
    assert info.value.path == "qa.json"


def test_qa_json_error_lines():
    text = _qa([{"id": "1", "question": "Q?", "answer": "A."},
                {"id": "2", "question": "R?", "answer": ["x"]}])
    with pytest.raises(LoadError) as info:
        parse_text(text, path="qa.json", input_format="qajson")
    assert info.value.line == text[: text.index('"answer": [')].count("\n") + 1
    with pytest.raises(LoadError, match="invalid JSON") as info:
        parse_text('{\n  "items": [\n    {"question": "Q?",}\n  ]\n}\n', path="qa.json",
                   input_format="qajson")
    assert info.value.line == 3


def test_qa_json_infers_jurisdiction_and_numbers_missing_ids():
    text = _qa([{"question": "Does Maine share data?", "answer": "No."},
                {"question": "Is Maine bound by federal law?", "answer": "Yes."}])
    doc = parse_text(text, path="qa.json", input_format="qajson")
    assert doc.jurisdiction == "ME"
    assert [a.id for a in doc.answers] == ["1", "2"]


@pytest.mark.parametrize("text", ["[" * 100_000, "- " * 50_000 + "x"])
def test_pathological_nesting_is_refused_not_crashed(text):
    # libyaml's C parser overflows the stack (a crash) on input like this.
    with pytest.raises(LoadError, match="nested"):
        parse_text(text, path="deep.yaml", input_format="records")
