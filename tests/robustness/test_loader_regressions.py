"""Regression tests for loader bugs found while hardening claimcheck (issue 6)."""

from __future__ import annotations

import resource

import pytest

from claimcheck.errors import LoadError
from claimcheck.loading import parse_text


def _alias_bomb(levels: int = 9, width: int = 9) -> str:
    rows = ["a0: &a0 [" + ", ".join(['"ICE"'] * width) + "]"]
    rows += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels + 1)]
    return "\n".join(rows) + f"\nfaq:\n  - q: Is it shared?\n    a: *a{levels}\n"


def test_yaml_alias_bomb_is_refused_quickly_and_in_little_memory():
    # Found by hand (a "billion laughs" file): converting the node tree
    # followed every alias, and the process died with MemoryError.
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(LoadError, match="aliases expand") as info:
        parse_text(_alias_bomb(), path="bomb.yaml")
    assert info.value.path == "bomb.yaml"
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 100


def test_yaml_that_reuses_a_paragraph_through_an_alias_still_loads():
    text = ("note: &note Requests from ICE are logged by the clerk.\n"
            "faq:\n"
            + "".join(f"  - q: Question {i} about Georgia court files?\n    a: *note\n" for i in range(40)))
    doc = parse_text(text, path="georgia.yaml")
    assert len(doc.answers) == 40
    assert {a.text for a in doc.answers} == {"Requests from ICE are logged by the clerk."}


@pytest.mark.parametrize("text", ['{"items": [', '{"items": [{"question": "Q?", "answer": "A."},]}',
                                  "[1, 2", "{'items': []}"])
def test_a_json_file_with_bad_syntax_is_reported_as_json(text):
    # Found by the bad-input table: a .json file whose JSON was broken was
    # handed to the YAML parser and reported as "invalid YAML".
    with pytest.raises(LoadError, match=r"invalid JSON: .* \(column \d+\)") as info:
        parse_text(text, path="idaho.json")
    assert info.value.line == 1


def test_yaml_text_in_a_yaml_file_still_accepts_json_flow_style():
    doc = parse_text('{faq: [{q: "Is it?", a: "Yes."}]}\n', path="flow.yaml")
    assert [a.text for a in doc.answers] == ["Yes."]


@pytest.mark.parametrize("text, path, line", [
    ("---\ntitle: Oregon DMV\x0bstate: Oregon\n---\n\n## Does the DMV share data?\n\nNo.\n", "or.md", 2),
    ("faq:\n  - q: Does the DMV share data?\x0b\n    a: No.\n", "or.yaml", 2),
])
def test_yaml_control_character_is_one_line_with_its_line(text, path, line):
    # Found by the long fuzz run (a mutated Markdown front matter): PyYAML's
    # ReaderError has no mark and a two-line str, so the message spanned two
    # lines and pointed at line 1.
    with pytest.raises(LoadError) as info:
        parse_text(text, path=path)
    assert info.value.line == line
    assert "control characters are not allowed (U+000B)" in str(info.value)
    assert "\n" not in str(info.value)


def test_every_error_message_is_one_line():
    from claimcheck.errors import ClaimcheckError

    err = ClaimcheckError("first\n  in <unicode string>\r\nthird\u2028fourth", path="x.yaml", line=3, key="k")
    assert str(err) == "x.yaml:3: k: first in <unicode string> third fourth"
