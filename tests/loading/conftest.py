"""Shared helpers for the loading-stage tests."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_path():
    """Path of a fixture file by name."""
    return lambda name: FIXTURES / name


@pytest.fixture
def file_line():
    """1-based line of the first occurrence of ``needle`` in a file, searched in
    the file itself so that tests never hard-code line numbers."""

    def find(path: Path, needle: str) -> int:
        text = path.read_text(encoding="utf-8")
        assert text.count(needle) >= 1, f"{needle!r} not in {path.name}"
        return text[: text.index(needle)].count("\n") + 1

    return find


@pytest.fixture
def answer_line():
    """File line that the loader reports for ``needle`` inside an answer."""

    def find(answer, needle: str) -> int:
        assert needle in answer.text, f"{needle!r} not in answer {answer.id}: {answer.text!r}"
        return answer.line_of(answer.text.index(needle))

    return find
