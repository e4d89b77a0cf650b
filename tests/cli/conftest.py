"""Fixtures for the CLI tests (documents are in ``faqs.py``).

Every test runs in its own temporary folder (the working directory), so
configuration discovery and the default cache folder never see the
repository's own files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimcheck.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run every test in an empty folder of its own."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """``write("faq/a.md", text)`` creates the file (and its folders) under the test folder."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
        return path

    return _write


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``run("scan", "faq")``: the CLI in this process; exit code and captured output."""

    def _run(*argv: str | os.PathLike[str]) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run
