"""The loading package's public surface: detection, registry, qa.json export."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pydantic import ValidationError

from claimcheck.errors import LoadError
from claimcheck.loading import (
    FORMATS,
    RecordKeys,
    detect_format,
    load_document,
    parse_text,
    to_qa_json,
)
from claimcheck.loading.jurisdiction import infer_jurisdiction, normalize_jurisdiction


def test_registry_names():
    assert set(FORMATS) == {"qajson", "text", "markdown", "html", "records"}


@pytest.mark.parametrize("name, expected", [
    ("arizona.qa.json", "qajson"), ("utah_records.json", "records"),
    ("georgia_courts.yaml", "records"), ("oregon_dmv.md", "markdown"),
    ("texas_detainers.html", "html"), ("ohio_benefits.txt", "text"),
])
def test_detection_by_extension(fixture_path, name, expected):
    assert load_document(fixture_path(name)).format == expected


@pytest.mark.parametrize("name, expected", [
    ("arizona.qa.json", "qajson"), ("utah_records.json", "records"),
    ("georgia_courts.yaml", "records"), ("oregon_dmv.md", "markdown"),
    ("texas_detainers.html", "html"), ("nevada_booking.html", "html"),
    ("ohio_benefits.txt", "text"), ("qa_style.txt", "text"),
])
def test_detection_by_content_without_extension(fixture_path, name, expected):
    text = fixture_path(name).read_text(encoding="utf-8")
    assert detect_format(text, path="faq-page") == expected
    assert parse_text(text, path="faq-page").format == expected


def test_explicit_format_overrides_extension_and_aliases():
    text = "- q: Is Kansas data shared?\n  a: No.\n"
    assert parse_text(text, path="x.txt", input_format="yaml").format == "records"
    assert detect_format("", path="x.md", input_format="TXT") == "text"
    with pytest.raises(LoadError, match="unknown input format 'pdf'"):
        parse_text(text, path="x.txt", input_format="pdf")


def test_to_qa_json_round_trips(fixture_path):
    doc = load_document(fixture_path("georgia_courts.yaml"))
    data = to_qa_json(doc)
    assert data["title"] == "Georgia court information FAQ"
    assert data["jurisdiction"] == "GA"
    assert data["items"][2] == {"id": "9", "question": "Does a clerk check immigration status?",
                                "answer": "Clerks never ask about status.\nThey only check identity."}
    again = parse_text(json.dumps(data, indent=2), path="out.json")
    assert again.format == "qajson"
    assert [(a.id, a.question, a.text) for a in again.answers] == \
        [(a.id, a.question, a.text) for a in doc.answers]


def test_record_keys_accept_one_name_or_aliases():
    assert RecordKeys(question="prompt").question == ("prompt",)
    assert "q" in RecordKeys().question and "a" in RecordKeys().answer
    with pytest.raises(ValidationError):
        RecordKeys().question = ("x",)  # frozen


@pytest.mark.parametrize("raw, code", [
    ("Montana", "MT"), ("mt", "MT"), ("  new   york ", "NY"), ("State of Oregon", "OR"),
    ("District of Columbia", "DC"), ("Washington, D.C.", "DC"), ("Federal", "US"),
    ("United States", "US"), ("US", "US"), ("Commonwealth of Virginia", "VA"),
    ("Atlantis", None), ("", None),
])
def test_normalize_jurisdiction(raw, code):
    assert normalize_jurisdiction(raw) == code


def test_infer_jurisdiction():
    assert infer_jurisdiction(["West Virginia rules", "in West Virginia and Virginia"]) == "WV"
    assert infer_jurisdiction(["Arkansas law"]) == "AR"  # not Kansas
    assert infer_jurisdiction(["Ohio and Iowa"]) is None  # a tie is not evidence
    assert infer_jurisdiction(["no state named"]) is None


def test_importing_loading_stays_light():
    code = ("import sys, claimcheck.loading; "
            "print(sorted(m for m in ('yaml', 'html.parser', 'claimcheck.loading.html', "
            "'claimcheck.loading.records', 'claimcheck.loading.markdown') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
