"""Files claimcheck writes (-o reports, baselines, cache entries) are written to a
temporary file and renamed: an interrupted write leaves the old file whole and
no temporary file behind, and a damaged cache entry is re-extracted."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from claimcheck.cli import main

from .conftest import assert_one_line_error

OLD = "# the previous report, which must survive\n"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_rename_interrupted(corpus, tmp_path, monkeypatch, capsys):
    target = tmp_path / "report.md"
    target.write_text(OLD, encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    assert main(["report", "corpus", "-o", "report.md"]) == 130
    assert "Traceback" not in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


class _HalfWriter:
    """A file whose write stops half-way with ``exc``, like a full disk or Ctrl-C."""

    def __init__(self, real, exc: BaseException) -> None:
        self.real, self.exc = real, exc

    def write(self, text: str) -> int:
        self.real.write(text[: len(text) // 2])
        self.real.flush()
        raise self.exc

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.real.close()


def _break_writes(monkeypatch, exc: BaseException) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: _HalfWriter(real_fdopen(fd, *a, **k), exc))


def test_write_interrupted_half_way(corpus, tmp_path, monkeypatch, capsys):
    target = tmp_path / "report.md"
    target.write_text(OLD, encoding="utf-8")
    _break_writes(monkeypatch, KeyboardInterrupt())
    assert main(["report", "corpus", "-o", "report.md"]) == 130
    assert target.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_baseline_write_interrupted(corpus, tmp_path, monkeypatch, capsys):
    baseline = tmp_path / "baseline.json"
    assert main(["scan", "corpus", "--write-baseline", "baseline.json"]) == 0
    good = baseline.read_bytes()
    json.loads(good)
    (corpus / "nevada_schools.txt").unlink()  # the new baseline would differ
    _break_writes(monkeypatch, KeyboardInterrupt())
    assert main(["scan", "corpus", "--write-baseline", "baseline.json"]) == 130
    assert baseline.read_bytes() == good
    assert _leftovers(tmp_path) == []


def test_disk_full_half_way_is_one_line(corpus, tmp_path, monkeypatch, capsys):
    target = tmp_path / "report.md"
    target.write_text(OLD, encoding="utf-8")
    _break_writes(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    try:
        rc = main(["report", "corpus", "-o", "report.md"])
    finally:
        assert target.read_text(encoding="utf-8") == OLD
        assert _leftovers(tmp_path) == []
    assert rc == 2
    assert_one_line_error(capsys.readouterr().err, "report.md", says="cannot write output")


def test_output_that_is_a_directory_is_one_line(corpus, tmp_path, capsys):
    (tmp_path / "out").mkdir()
    try:
        rc = main(["report", "corpus", "-o", "out"])
    finally:
        assert _leftovers(tmp_path) == []
    assert rc == 2
    assert_one_line_error(capsys.readouterr().err, "out", says="cannot write output")


def test_output_in_a_missing_folder_is_one_line(corpus, capsys):
    assert main(["report", "corpus", "-o", "no/such/folder/report.md"]) == 2
    assert_one_line_error(capsys.readouterr().err, "no/such/folder/report.md", says="cannot write output")


def test_output_gets_the_usual_file_mode(corpus, tmp_path):
    old = os.umask(0o022)
    try:
        assert main(["report", "corpus", "-o", "report.md"]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o644


def test_output_replaces_the_old_file_whole(corpus, tmp_path, capsys):
    target = tmp_path / "report.md"
    target.write_text(OLD * 1000, encoding="utf-8")
    assert main(["report", "corpus", "-o", "report.md"]) == 0
    assert main(["report", "corpus"]) == 0
    assert target.read_text(encoding="utf-8") == capsys.readouterr().out
    assert _leftovers(tmp_path) == []


# ------------------------------------------------------------------ cache


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.json"))


_DAMAGE = {
    "truncated": lambda b: b[: len(b) // 2],
    "empty": lambda b: b"",
    "garbage": lambda b: os.urandom(64),
    "not-utf8": lambda b: b"\xff\xfe" + b,
    "wrong-shape": lambda b: b'{"document": 1}',
    "valid-json-list": lambda b: b"[]",
    "other-file": None,  # every entry holds another file's result
}


@pytest.mark.parametrize("damage", sorted(_DAMAGE))
def test_damaged_cache_entries_are_re_extracted(damage, corpus, tmp_path, capsys):
    assert main(["scan", "--format", "json", "--no-cache", "corpus"]) == 1
    expected = capsys.readouterr().out
    assert main(["scan", "--format", "json", "--cache-dir", "cache", "corpus"]) == 1
    assert capsys.readouterr().out == expected
    entries = _entries(tmp_path / "cache")
    assert len(entries) == 5
    originals = [e.read_bytes() for e in entries]
    for i, entry in enumerate(entries):
        fn = _DAMAGE[damage]
        entry.write_bytes(originals[(i + 1) % len(entries)] if fn is None else fn(originals[i]))
    assert main(["scan", "--format", "json", "--cache-dir", "cache", "corpus"]) == 1
    out, err = capsys.readouterr()
    assert out == expected and "Traceback" not in err
    if damage != "other-file":
        assert [e.read_bytes() for e in entries] == originals  # rewritten whole


def test_cache_folder_that_cannot_be_used(corpus, tmp_path, capsys):
    (tmp_path / "cache").write_text("a file where the cache folder should be", encoding="utf-8")
    assert main(["scan", "--format", "json", "--no-cache", "corpus"]) == 1
    expected = capsys.readouterr().out
    assert main(["scan", "--format", "json", "--cache-dir", "cache", "corpus"]) == 1
    assert capsys.readouterr().out == expected


def test_cache_entries_are_written_atomically(corpus, tmp_path, monkeypatch, capsys):
    def interrupted(src, dst):
        raise OSError(errno.EIO, "simulated")

    monkeypatch.setattr(os, "replace", interrupted)
    assert main(["scan", "--cache-dir", "cache", "corpus"]) == 1
    cache = tmp_path / "cache"
    assert not _entries(cache)
    assert not [p for p in cache.rglob("*.tmp")]


def test_a_named_pipe_is_written_not_replaced(tmp_path):
    """``-o /dev/null`` or a pipe: renaming over it would leave a regular file in its place
    (as root, a /dev/null that every other program then fails to open)."""
    import threading

    from claimcheck.atomic import write_atomic

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert _leftovers(tmp_path) == []
