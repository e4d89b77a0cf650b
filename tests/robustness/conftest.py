"""Shared helpers for the robustness tests: run the CLI in-process, check the
one-line error contract, and lay out a small corpus of our own documents."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimcheck.cli import main

CORPUS = Path(__file__).parent / "corpus"


@dataclass
class Run:
    rc: int
    out: str
    err: str


@pytest.fixture
def cli(capsys):
    """Run ``claimcheck ARGV`` in this process; never lets a traceback through."""

    def run(*argv: str) -> Run:
        rc = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in out and "Traceback" not in err, err
        assert rc in (0, 1, 2), (rc, err)
        return Run(rc, out, err)

    return run


def assert_one_line_error(err: str, path: str, *, line: int | None = None,
                          key: str | None = None, says: str | None = None) -> None:
    """``err`` is exactly ``claimcheck: error: PATH[:LINE]: [KEY: ]message``.

    ``line`` is checked when given; without it any line (or none) is accepted.
    """
    assert err.endswith("\n") and err.count("\n") == 1, f"not one line: {err!r}"
    assert err.startswith("claimcheck: error: "), err
    if line:
        where = f"claimcheck: error: {path}:{line}: "
        assert err.startswith(where), f"{err!r} does not start with {where!r}"
    else:
        assert re.match(rf"claimcheck: error: {re.escape(path)}(?::\d+)?: ", err), \
            f"{err!r} does not name {path!r}"
    if key:
        assert f" {key}: " in err, f"key {key!r} not named in {err!r}"
    if says:
        assert says.lower() in err.lower(), f"{says!r} not in {err!r}"


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    """A copy of tests/robustness/corpus under tmp_path, with tmp_path as the working folder.

    Five documents, one per input format, each in its own words and state.
    """
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    monkeypatch.chdir(tmp_path)
    return target
