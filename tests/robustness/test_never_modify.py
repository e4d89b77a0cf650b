"""claimcheck only reads content files: every command, in every format, with
and without -o, leaves the corpus byte-for-byte (and mtime-for-mtime) alone
and adds nothing to it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest


def snapshot(root: Path) -> dict[str, tuple]:
    """Everything under ``root``: kind, bytes hash, mode and mtime of each entry."""
    out = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = ("link", os.readlink(path), info.st_mtime_ns)
        elif path.is_dir():
            out[rel] = ("dir", info.st_mode, info.st_mtime_ns)
        else:
            out[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mode, info.st_mtime_ns,
                        info.st_size)
    return out


def _commands(corpus: Path) -> list[list[str]]:
    files = sorted(p.name for p in corpus.iterdir() if p.is_file())
    cmds: list[list[str]] = []
    for fmt in ("text", "json", "sarif", "github"):
        cmds.append(["scan", "--format", fmt, "corpus"])
    for fmt in ("md", "json", "text"):
        cmds.append(["report", "--format", fmt, "corpus"])
        cmds.append(["report", "--format", fmt, "corpus", "-o", f"out/report.{fmt}"])
    for fmt in ("json", "graphml", "dot", "mermaid"):
        cmds.append(["graph", "--format", fmt, "corpus"])
        cmds.append(["graph", "--format", fmt, "corpus", "-o", f"out/graph.{fmt}"])
    for name in files:
        cmds.append(["import", f"corpus/{name}"])
        cmds.append(["import", f"corpus/{name}", "-o", f"out/{name}.qa.json"])
    cmds += [
        ["scan", "corpus", "-o", "out/scan.txt"],
        ["scan", "--keep-going", "--jobs", "2", "corpus"],
        ["scan", "--no-cache", "corpus/nevada_schools.txt", "--corpus", "corpus"],
        ["scan", "corpus", "--write-baseline", "out/baseline.json"],
        ["scan", "corpus", "--baseline", "out/baseline.json"],
        ["scan", "--input-format", "records", "corpus/georgia_court_records.yaml"],
        ["rules"],
        ["rules", "explain", "CC101"],
        ["rules", "explain", "consent_required"],
        ["config"],
        ["--version"],
    ]
    return cmds


def test_no_command_changes_the_corpus(cli, corpus, tmp_path):
    (tmp_path / "out").mkdir()
    os.symlink("nevada_schools.txt", corpus / "nevada-link.txt")  # a link is read, never rewritten
    before = snapshot(corpus)
    assert len(before) == 6
    ran = 0
    for argv in _commands(corpus):
        run = cli(*argv)
        assert run.rc in (0, 1), (argv, run.err)
        assert snapshot(corpus) == before, f"`claimcheck {' '.join(argv)}` changed the corpus"
        ran += 1
    assert ran > 40
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        ["baseline.json", "scan.txt"] + [f"report.{f}" for f in ("md", "json", "text")]
        + [f"graph.{f}" for f in ("json", "graphml", "dot", "mermaid")]
        + [f"{p}.qa.json" for p in before if p.endswith((".md", ".html", ".yaml", ".json", ".txt"))])


def test_failed_runs_change_nothing_either(cli, corpus, tmp_path):
    (corpus / "broken.json").write_bytes(b'{"items": [')
    (corpus / "latin1.txt").write_bytes("Q: Is it?\nA: s\xed\n".encode("latin-1"))
    before = snapshot(corpus)
    for argv in (["scan", "corpus"], ["scan", "--keep-going", "corpus"], ["report", "--keep-going", "corpus"],
                 ["import", "corpus/broken.json"], ["graph", "corpus"]):
        run = cli(*argv)
        assert run.rc == 2 or "--keep-going" in argv
        assert snapshot(corpus) == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_cache_lives_outside_the_corpus(cli, corpus, tmp_path, jobs):
    before = snapshot(corpus)
    cli("scan", "--jobs", jobs, "--cache-dir", "cache", "corpus")
    cli("scan", "--jobs", jobs, "--cache-dir", "cache", "corpus")  # second run reads the cache
    assert snapshot(corpus) == before
    assert any((tmp_path / "cache").rglob("*.json"))
