"""Bytes to text: encodings, binary, size, unreadable paths."""

from __future__ import annotations

import codecs

import pytest

from claimcheck.errors import LoadError
from claimcheck.loading import decode, load_document

FAQ = "1. Does Alaska share records?\nAlaska shares records only with a warrant.\n"


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + FAQ.encode(),
    codecs.BOM_UTF16_LE + FAQ.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + FAQ.encode("utf-16-be"),
    FAQ.encode("utf-16-le"),  # no BOM: told apart by its NUL pattern
    FAQ.encode("utf-16-be"),
    FAQ.replace("\n", "\r\n").encode(),
])
def test_accepted_encodings(tmp_path, data):
    doc = load_document(_write(tmp_path, "a.txt", data))
    assert doc.answers[0].question == "Does Alaska share records?"
    assert doc.answers[0].text == "Alaska shares records only with a warrant."
    assert doc.answers[0].line == 2
    assert doc.jurisdiction == "AK"


def test_latin1_is_rejected_with_offset_line_and_advice(tmp_path):
    data = "1. Is it shared?\nThe caf\u00e9 says no.\n".encode("latin-1")
    with pytest.raises(LoadError) as info:
        load_document(_write(tmp_path, "l.txt", data))
    err = info.value
    assert "not valid UTF-8" in err.message and "0xe9" in err.message
    assert f"offset {data.index(0xE9)}" in err.message
    assert "UTF-8" in err.message and "iconv" in err.message
    assert err.line == 2


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"  \n\t\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary file"),
    (codecs.BOM_UTF32_LE + "x".encode("utf-32-le"), "UTF-32"),
])
def test_rejected_content(tmp_path, data, message):
    with pytest.raises(LoadError, match=message) as info:
        load_document(_write(tmp_path, "f.txt", data))
    assert info.value.path.endswith("f.txt")


def test_oversize_is_refused_before_reading(tmp_path, monkeypatch):
    path = _write(tmp_path, "big.txt", FAQ.encode() * 50)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a) or real_open(*a, **k))
    with pytest.raises(LoadError, match="too large"):
        load_document(path, max_bytes=100)
    assert opened == []


def test_default_limit_is_twenty_megabytes():
    assert decode.DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(LoadError, match="no such file") as info:
        load_document(tmp_path / "nope.txt", display_path="docs/nope.txt")
    assert info.value.path == "docs/nope.txt"
    with pytest.raises(LoadError, match="is a directory"):
        load_document(tmp_path)


def test_permission_denied(tmp_path, monkeypatch):
    # chmod does not stop root, so simulate the OS refusing the read.
    path = _write(tmp_path, "secret.txt", FAQ.encode())

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(LoadError, match="permission denied"):
        load_document(path)


def test_display_path_uses_forward_slashes(tmp_path):
    path = _write(tmp_path, "a.txt", FAQ.encode())
    assert load_document(path, display_path="faq\\alaska\\a.txt").path == "faq/alaska/a.txt"
    assert load_document(path).path == path.as_posix()
