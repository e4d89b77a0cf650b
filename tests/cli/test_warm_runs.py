"""A warm run (facts and pairs from the cache) reports exactly what a cold run does.

The cache keeps, per file, the facts the engine reads and, per rule and
predicate, the pairs the engine made, so that a re-check after one edit
pairs again only the predicates whose claims changed. These tests edit a
corpus in several ways and compare every warm run with a run without the
cache, byte for byte, and check that the shortcuts are taken when they may
be and not when they may not.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import claimcheck.cache
import claimcheck.pipeline

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def corpus(tmp_path):
    """Every test page, in two folders, as a content repository would hold them."""
    shutil.copytree(ROOT / "tests" / "corpus", tmp_path / "faq" / "seen")
    shutil.copytree(ROOT / "tests" / "corpus_unseen", tmp_path / "faq" / "unseen")
    return tmp_path / "faq"


@pytest.fixture
def pairs_made(monkeypatch):
    """Memo keys of the pairing problems solved (not taken from the cache), in order."""
    made: list[str] = []
    real = claimcheck.cache.PairStore.put

    def counting(self, key, value):
        made.append(key)
        return real(self, key, value)

    monkeypatch.setattr(claimcheck.cache.PairStore, "put", counting)
    return made


def same_as_cold(run, *args: str) -> str:
    """Run ``scan ARGS -f json`` warm and without the cache; assert equal output; return it."""
    warm = run("scan", *args, "-f", "json")
    cold = run("scan", *args, "-f", "json", "--no-cache")
    assert warm.code == cold.code
    assert warm.out == cold.out
    return warm.out


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")


EDITS = {
    "a blank line at the end": lambda faq: faq.joinpath("seen/oregon_dmv.md").open("a").write("\n"),
    "an answer's claim turned around": lambda faq: _edit(
        faq / "seen/ohio_benefits.txt", "not", "indeed"),
    # The same claim, same place, same scope: only its polarity differs.
    "a denial made an affirmation": lambda faq: _edit(
        faq / "seen/oregon_dmv.md", "has not signed any\nmemorandum", "has signed a\nmemorandum"),
    "a new answer that contradicts the page": lambda faq: faq.joinpath("unseen/arizona_enrollment.md").open("a").write(
        "\n## 40. Does the state send enrollment records to ICE?\n\n"
        "The Arizona Department of Education routinely shares enrollment records with ICE.\n"),
    "a denial of sharing": lambda faq: faq.joinpath("unseen/michigan_unemployment.txt").open("a").write(
        "\n41. Are wage records shared?\n"
        "The Michigan Department of Labor does not share wage records with ICE.\n"),
    # Only agreement claims change, yet sharing is paired again: an agreement implies sharing.
    "an agreement that implies sharing": lambda faq: faq.joinpath("unseen/michigan_unemployment.txt").open("a").write(
        "\n42. Is there an agreement?\n"
        "The Michigan Department of Labor has a data-sharing agreement with ICE.\n"),
    "a page removed": lambda faq: (faq / "seen/texas_detainers.html").unlink(),
    "a page added under another name": lambda faq: shutil.copy(
        faq / "unseen/virginia_dmv.txt", faq / "seen/virginia_dmv_copy.txt"),
    "a suppression added": lambda faq: faq.joinpath("seen/nevada_dmv.md").open("a").write(
        "\n## 50. Is anything else shared?\n\n<!-- claimcheck: ignore CC101 -->\n"
        "Nevada does not share any records with ICE.\n"),
}


def test_warm_runs_report_what_cold_runs_do_through_a_series_of_edits(corpus, run):
    same_as_cold(run, "faq")
    for what, edit in EDITS.items():
        edit(corpus)
        whole = same_as_cold(run, "faq")
        assert '"findings"' in whole, what
        # A pre-commit hook: the edited files against the rest of the corpus.
        same_as_cold(run, "faq/seen/ohio_benefits.txt", "faq/unseen/arizona_enrollment.md", "--corpus", "faq")


def test_an_edit_that_changes_no_claim_pairs_nothing_again(corpus, run, pairs_made):
    first = run("scan", "faq", "-f", "json").out
    assert pairs_made  # a cold cache: every problem is solved
    pairs_made.clear()
    assert run("scan", "faq", "-f", "json").out == first
    assert pairs_made == []
    # New bytes (so the file is extracted again), the same claims: the pairs stand.
    _edit(corpus / "seen/oregon_dmv.md", "# Oregon DMV records", "# Oregon DMV records\n\nUpdated.")
    assert run("scan", "faq", "-f", "json").code == 1
    assert pairs_made == []


def test_an_edit_to_one_claim_pairs_again_only_what_reads_its_predicate(corpus, run, pairs_made):
    run("scan", "faq")
    solved = len(pairs_made)
    pairs_made.clear()
    EDITS["a new answer that contradicts the page"](corpus)
    same_as_cold(run, "faq")
    # The warm run of same_as_cold solved some problems again; the cold one
    # has no cache and stores nothing.
    assert 0 < len(pairs_made) < solved / 2


def test_damaged_facts_and_pairs_are_misses_not_errors(corpus, tmp_path, run, pairs_made):
    clean = run("scan", "faq", "-f", "json").out
    cache = tmp_path / ".claimcheck_cache"
    damaged = sorted(cache.rglob("*.facts")) + sorted(cache.rglob("*.pairs"))
    assert damaged
    for i, path in enumerate(damaged):
        # Cut short; right checksum over the wrong data; not even a checksum.
        data = path.read_bytes()
        path.write_bytes([data[: len(data) // 2], b"0" * 64 + b"\nXXXX", b"garbage"][i % 3])
    pairs_made.clear()
    assert run("scan", "faq", "-f", "json").out == clean
    assert pairs_made  # the pairs were made again, and written back
    pairs_made.clear()
    assert run("scan", "faq", "-f", "json").out == clean
    assert pairs_made == []


@pytest.fixture
def reads(monkeypatch):
    """Paths the pipeline read (to hash) in the last run."""
    seen: list[str] = []
    real = claimcheck.pipeline._read_for_cache

    def counting(path):
        seen.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(claimcheck.pipeline, "_read_for_cache", counting)
    return seen


def test_an_unchanged_file_is_not_read_again_once_its_times_are_settled(corpus, run, reads, monkeypatch):
    # Files written a moment ago could still change unseen within their time
    # stamps' resolution, so they are read again; pretend the moment is long past.
    monkeypatch.setattr(claimcheck.cache, "_RACY_NS", 0)
    first = run("scan", "faq", "-f", "json").out
    assert len(reads) == 22
    reads.clear()
    assert run("scan", "faq", "-f", "json").out == first
    assert reads == []


def test_a_file_rewritten_to_the_same_size_and_time_is_read_again(corpus, run, reads, monkeypatch):
    monkeypatch.setattr(claimcheck.cache, "_RACY_NS", 0)
    run("scan", "faq")
    page = corpus / "seen/ohio_benefits.txt"
    before = page.stat()
    _edit(page, "not", "yes")  # same length
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size and page.stat().st_mtime_ns == before.st_mtime_ns
    reads.clear()
    same_as_cold(run, "faq")
    assert "ohio_benefits.txt" in reads  # its change time moved: it was read and hashed


def test_files_changed_just_before_a_run_are_read_every_time(corpus, run, reads):
    run("scan", "faq")
    reads.clear()
    run("scan", "faq")
    assert len(reads) == 22  # all were written less than two seconds before they were recorded


STATES = ["Ohio", "Georgia", "Kansas"]
SAYINGS = [
    "The Department of Labor shares wage records with ICE.",
    "The Department of Labor does not share wage records with ICE.",
    "The Department of Labor has a data-sharing agreement with ICE.",
    "Wage records are released to ICE only with a judicial warrant.",
    "The Department of Labor likely shares wage records with ICE.",
]


def _page(state: str, n: int) -> str:
    lines = [f"---\ntitle: {state} wage records, page {n}\njurisdiction: {state}\n---\n"]
    for q in range(1, 4):
        lines.append(f"## {q}. Question {q} about {state} wage records?\n\n{SAYINGS[(n + q) % len(SAYINGS)]}\n")
    return "\n".join(lines)


def test_many_pages_saying_the_same_thing_stay_right_through_edits(tmp_path, run, pairs_made):
    # Over sixty claims saying one thing: support edges go to the group's first
    # claim, and each state's claims are paired (and memoised) apart.
    faq = tmp_path / "faq"
    faq.mkdir()
    for i in range(90):
        (faq / f"{i:03d}.md").write_text(_page(STATES[i % 3], i), encoding="utf-8")
    same_as_cold(run, "faq")
    graph_json = ("graph", "faq", "-f", "json")
    edits = [
        # (page, old, new, whether any pairs must be made again)
        ("045.md", "does not share", "shares", True),  # one Ohio claim turned around
        ("001.md", "shares wage records", "sends wage records", False),  # other words, the same claim
        # A new first claim of the group: every state's support edges change.
        ("000.md", "## 1.", "## 1. New?\n\nThe Department of Labor does not share wage records with ICE.\n\n## 1b.",
         True),
    ]
    for name, old, new, repaired in edits:
        page = faq / name
        text = page.read_text(encoding="utf-8")
        assert old in text, (name, old)
        page.write_text(text.replace(old, new, 1), encoding="utf-8")
        pairs_made.clear()
        out = same_as_cold(run, "faq")
        assert '"supports"' in out
        assert bool(pairs_made) == repaired, name
        warm, cold = run(*graph_json), run(*graph_json, "--no-cache")
        assert warm.out == cold.out
    (faq / "045.md").unlink()
    same_as_cold(run, "faq")
    # A federal page sorts first: its claim heads the group and meets every
    # state's. Each edit to it changes every state's support edges, though no
    # state's own pages changed.
    federal = faq / "0-federal.md"
    federal.write_text("---\ntitle: Federal overview\njurisdiction: United States\n---\n\n## 1. Shared?\n\n"
                       "The Department of Labor does not share wage records with ICE.\n", encoding="utf-8")
    same_as_cold(run, "faq")
    federal.write_text(federal.read_text(encoding="utf-8").replace("does not share", "shares"), encoding="utf-8")
    same_as_cold(run, "faq")
    federal.unlink()
    same_as_cold(run, "faq")


def test_a_file_changed_during_a_run_whose_entry_must_be_made_again_is_an_error_not_a_mixed_report(
        corpus, tmp_path, run, monkeypatch):
    run("scan", "faq")
    for entry in (tmp_path / ".claimcheck_cache").rglob("*.json"):
        entry.unlink()  # the facts remain: the entries must be made again from the files
    page = corpus / "seen/oregon_dmv.md"
    real = claimcheck.pipeline.load_files

    def then_edit(*args, **kwargs):
        loaded = real(*args, **kwargs)
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        return loaded

    monkeypatch.setattr(claimcheck.pipeline, "load_files", then_edit)
    result = run("scan", "faq")
    assert result.code == 2
    assert "oregon_dmv.md" in result.err and "changed while it was being checked" in result.err
    monkeypatch.setattr(claimcheck.pipeline, "load_files", real)
    same_as_cold(run, "faq")  # and the next run is whole again
