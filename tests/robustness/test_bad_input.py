"""Every kind of bad input file ends in one line naming the file (and the line
or key where there is one) and exit code 2, or, under --keep-going, in a
reported error for that file while the others are still checked."""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass

import pytest

from .conftest import assert_one_line_error

_GOOD_QA = {
    "title": "Idaho licence records",
    "items": [
        {"id": "1", "question": "Does the Idaho DMV share licence photos with ICE?",
         "answer": "The Idaho DMV shares licence photos with ICE."},
        {"id": "2", "question": "Are photos ever withheld?",
         "answer": "The Idaho DMV never shares licence photos with ICE."},
    ],
}


def _qa(items, **extra) -> bytes:
    return json.dumps({"title": "Idaho licence records", **extra, "items": items}, indent=2).encode()


@dataclass(frozen=True)
class Bad:
    name: str
    file: str
    data: bytes
    says: str
    #: The line expected in the message: a number, or text whose (first) line it is.
    line: int | bytes | None = None
    key: str | None = None

    @property
    def line_no(self) -> int | None:
        if isinstance(self.line, bytes):
            return self.data[: self.data.index(self.line)].count(b"\n") + 1
        return self.line


BAD = [
    # -- malformed syntax
    Bad("json-syntax", "idaho.json",
        b'{\n  "items": [\n    {"question": "Q?", "answer": "A."}\n    {"question": "R?"}\n  ]\n}\n',
        "invalid JSON", line=4),
    Bad("json-truncated", "idaho.json", b'{"items": [{"question": "Is it?", "ans', "invalid JSON", line=1),
    Bad("yaml-syntax", "georgia.yaml", b"faq:\n  - q: Is it?\n    a: [unclosed\n", "invalid YAML", line=4),
    Bad("yaml-tab", "georgia.yaml", b"faq:\n  - q: Is it?\n\ta: tabbed\n", "invalid YAML", line=3),
    Bad("yaml-alias-bomb", "georgia.yaml",
        ("a0: &a0 [" + ",".join(['"lol"'] * 9) + "]\n"
         + "".join(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10))
         + "faq:\n  - q: Is it?\n    a: *a9\n").encode(),
        "aliases expand"),
    Bad("yaml-too-deep", "georgia.yaml", b"faq: " + b"[" * 5000, "nested more than"),
    Bad("html-json-ld-syntax", "texas.html",
        b'<html><head>\n<script type="application/ld+json">\n{"@type": "FAQPage",\n "mainEntity": [\n'
        b'  {"@type": "Question" "name": "Q?"}]}\n</script></head></html>\n',
        "in JSON-LD: invalid JSON", line=5),
    Bad("html-microdata-incomplete", "texas.html",
        b'<html><body>\n<div itemscope itemtype="https://schema.org/Question">\n'
        b'<h3 itemprop="name">Do jails call ICE?\n</body>', "without a name and an acceptedAnswer", line=2),
    Bad("html-question-without-answer", "texas.html",
        b'<script type="application/ld+json">{"@type": "FAQPage", "mainEntity": '
        b'[{"@type": "Question", "name": "Q?"}]}</script>', "without text", line=1,
        key="acceptedAnswer.text"),
    Bad("html-tag-soup", "texas.html", b"<<<div <p</p>>>< / <!-- <![CDATA[ &#xZZ; </", "no FAQ found"),
    # -- JSON of the wrong shape
    Bad("missing-answer", "idaho.json", _qa([{"id": "1", "question": "Q?"}]), "no answer", line=b'{\n      "id": "1"',
        key="items[0]"),
    Bad("missing-answer-qajson", "idaho.json",
        _qa([{"id": "1", "question": "Q?", "answer": "A."}, {"id": "2", "question": "R?"}]),
        "missing 'answer'", line=b'{\n      "id": "2"', key="items[1]"),
    Bad("answer-is-number", "idaho.json", _qa([{"id": "1", "question": "Q?", "answer": 42}]),
        "must be text", line=b"42", key="items[0].answer"),
    Bad("items-is-object", "idaho.json", b'{"items": {"question": "Q?", "answer": "A."}}',
        "must be a list", line=1, key="items"),
    Bad("item-is-list", "idaho.json", b'{\n"items": [\n["Q?", "A."]\n]\n}', "must be a mapping",
        line=3, key="items[0]"),
    Bad("top-level-number", "idaho.json", b"42\n", "expected a list"),
    Bad("id-is-object", "idaho.json", _qa([{"id": {"n": 1}, "question": "Q?", "answer": "A."}]),
        "non-empty string or an integer", key="items[0].id"),
    Bad("bad-jurisdiction", "idaho.json", _qa(_GOOD_QA["items"], jurisdiction="Atlantis"),
        "unknown jurisdiction", line=b"Atlantis", key="jurisdiction"),
    # -- empty and question-less documents
    Bad("empty", "idaho.json", b"", "empty file"),
    Bad("whitespace-only", "notes.txt", b" \n\t\n\r\n", "empty file"),
    Bad("no-questions-json", "idaho.json", _qa([]), "no questions", key="items"),
    Bad("no-questions-yaml", "georgia.yaml", b"title: Georgia\nfaq: []\n", "no questions", key="faq"),
    Bad("no-questions-text", "notes.txt", b"Some prose about Idaho licences.\nNo questions here.\n",
        "no questions"),
    Bad("no-questions-markdown", "notes.md", b"Idaho licences.\n\nJust a paragraph, *no* heading.\n",
        "no questions"),
    Bad("yaml-comment-only", "georgia.yaml", b"# nothing but a comment\n", "no questions"),
    # -- duplicate ids
    Bad("duplicate-id-json", "idaho.json",
        _qa([{"id": "7", "question": "Q?", "answer": "A."}, {"id": "7", "question": "R?", "answer": "B."}]),
        "duplicate id '7'", line=b'"7",\n      "question": "R', key="items[1].id"),
    Bad("duplicate-id-yaml", "georgia.yaml",
        b"faq:\n  - id: 3\n    q: Q?\n    a: A.\n  - id: 3\n    q: R?\n    a: B.\n",
        "duplicate id '3'", line=5, key="faq[1].id"),
    # -- encodings and binary content
    Bad("latin-1", "notes.txt", "Q: Does Idaho share data?\nA: Sí, à ICE.\n".encode("latin-1"),
        "not valid UTF-8", line=2),
    Bad("cp1252-quotes", "idaho.json",
        '{"items": [{"question": "Q?", "answer": "\u201cyes\u201d"}]}'.encode("cp1252"),
        "not valid UTF-8", line=1),
    Bad("shift-jis", "notes.txt", "Q: 質問?\nA: はい。\n".encode("shift_jis"), "not valid UTF-8", line=1),
    Bad("utf-32", "notes.txt", "Q: Is it?\nA: Yes.\n".encode("utf-32"), "UTF-32"),
    Bad("utf-16-odd-bytes", "notes.txt", codecs.BOM_UTF16_LE + "Q: Is it?\nA: Yes.\n".encode("utf-16-le")[:-1]
        + b"\x00\xd8", "not valid UTF-16"),
    Bad("png", "photo.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)),
        "binary file"),
    Bad("gzip", "idaho.json", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(200), "binary file"),
    Bad("nul-late", "notes.txt", b"Q: Is it?\nA: Yes.\n" * 400 + b"\x00\x01\x02", "binary file"),
]


@pytest.mark.parametrize("bad", BAD, ids=[b.name for b in BAD])
def test_bad_file_is_one_line_and_exit_2(bad, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / bad.file).write_bytes(bad.data)
    run = cli("scan", bad.file)
    assert run.rc == 2
    assert run.out == ""
    assert_one_line_error(run.err, bad.file, line=bad.line_no, key=bad.key, says=bad.says)


@pytest.mark.parametrize("bad", BAD, ids=[b.name for b in BAD])
def test_keep_going_reports_the_bad_file_and_checks_the_rest(bad, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / bad.file).write_bytes(bad.data)
    (tmp_path / "faq" / "good.qa.json").write_text(json.dumps(_GOOD_QA), encoding="utf-8")
    run = cli("scan", "--keep-going", "--format", "json", "faq")
    assert run.rc == 2  # input errors still exit 2; the good file was checked all the same
    report = json.loads(run.out)
    assert [d["path"] for d in report["documents"]] == ["faq/good.qa.json"]
    assert {f["rule"] for f in report["findings"]} == {"CC101"}
    assert [e["path"] for e in report["errors"]] == [f"faq/{bad.file}"]
    assert bad.says.lower() in report["errors"][0]["message"].lower()
    assert run.err.count("\n") <= 1


@pytest.mark.parametrize("fmt", ["text", "github", "sarif"])
def test_keep_going_error_is_visible_in_every_scan_format(fmt, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.json").write_bytes(b'{"items": [')
    (tmp_path / "good.qa.json").write_text(json.dumps(_GOOD_QA), encoding="utf-8")
    run = cli("scan", "--keep-going", "--format", fmt, "broken.json", "good.qa.json")
    assert run.rc == 2
    assert "broken.json" in run.out and "good.qa.json" in run.out


@pytest.mark.parametrize("fmt", ["md", "json", "text"])
def test_keep_going_report_lists_the_file_not_read(fmt, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.yaml").write_bytes(b"faq: [\n")
    (tmp_path / "good.qa.json").write_text(json.dumps(_GOOD_QA), encoding="utf-8")
    run = cli("report", "--keep-going", "--format", fmt, "broken.yaml", "good.qa.json")
    assert run.rc in (0, 2)
    assert "broken.yaml" in run.out and "Idaho" in run.out


@pytest.mark.parametrize("text", [
    codecs.BOM_UTF8 + json.dumps(_GOOD_QA).encode(),
    codecs.BOM_UTF16_LE + json.dumps(_GOOD_QA).encode("utf-16-le"),
    codecs.BOM_UTF16_BE + json.dumps(_GOOD_QA).encode("utf-16-be"),
    json.dumps(_GOOD_QA).encode("utf-16-le"),
    json.dumps(_GOOD_QA).replace(", ", ",\r\n").encode(),
], ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "crlf"])
def test_bom_and_utf16_are_read(text, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "idaho.json").write_bytes(text)
    run = cli("scan", "--format", "json", "idaho.json")
    assert run.rc == 1, run.err
    assert [f["rule"] for f in json.loads(run.out)["findings"]] == ["CC101"]


def test_import_of_a_bad_file_is_one_line(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = _qa([{"id": "1", "question": "Q?", "answer": 42}])
    (tmp_path / "idaho.json").write_bytes(data)
    run = cli("import", "idaho.json")
    assert run.rc == 2
    line = data[: data.index(b"42")].count(b"\n") + 1
    assert_one_line_error(run.err, "idaho.json", line=line, key="items[0].answer")


@pytest.mark.parametrize("command", ["scan", "report", "graph"])
def test_every_command_refuses_bad_input_the_same_way(command, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_bytes("Q: Is it?\nA: caf\xe9\n".encode("latin-1"))
    run = cli(command, "notes.txt")
    assert run.rc == 2 and run.out == ""
    assert_one_line_error(run.err, "notes.txt", line=2, says="not valid UTF-8")


def test_unknown_input_format_is_one_line(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "idaho.json").write_text(json.dumps(_GOOD_QA), encoding="utf-8")
    run = cli("scan", "--input-format", "docx", "idaho.json")
    assert run.rc == 2
    assert_one_line_error(run.err, "idaho.json", says="unknown input format")
