"""Whole-pipeline golden files: the sample document and the test corpus, every report format.

When a rule or the extractor changes, these files change: regenerate them
with ``pytest tests/golden --update-golden`` and read the diff. A finding
that appears or disappears there is the change's real effect on users.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.pipeline import CheckOptions, check
from claimcheck.report import get_renderer

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "files"

CASES = [
    ("qa", [ROOT / "data" / "qa.json"], "md"),
    ("qa", [ROOT / "data" / "qa.json"], "json"),
    ("qa", [ROOT / "data" / "qa.json"], "text"),
    ("corpus", [ROOT / "tests" / "corpus"], "json"),
    ("corpus", [ROOT / "tests" / "corpus"], "md"),
]


@pytest.mark.parametrize(("name", "paths", "fmt"), CASES, ids=[f"{n}.{f}" for n, _, f in CASES])
def test_report_matches_golden(name, paths, fmt, update_golden, monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in reports are relative to the working directory
    report = check([str(p.relative_to(ROOT)) for p in paths], CheckOptions())
    out = get_renderer(fmt)(report)
    golden = GOLDEN / f"{name}.{fmt}"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8", newline="\n")
    assert golden.exists(), f"{golden} is missing: run pytest tests/golden --update-golden"
    assert out == golden.read_text(encoding="utf-8"), f"{golden.name} differs (review, then --update-golden)"


CLI_CASES = [
    ("qa.html", ["report", "data/qa.json", "--format", "html"]),
    ("qa.svg", ["graph", "data/qa.json", "--format", "svg"]),
]


@pytest.mark.parametrize(("name", "argv"), CLI_CASES, ids=[n for n, _ in CLI_CASES])
def test_cli_output_matches_golden(name, argv, update_golden, monkeypatch, tmp_path):
    """What the command writes, with what only the CLI adds (rule texts, the page's own words)."""
    from claimcheck.cli import main

    monkeypatch.chdir(ROOT)
    out = tmp_path / name
    assert main([*argv, "--no-cache", "-o", str(out)]) == 0
    golden = GOLDEN / name
    if update_golden:
        golden.write_bytes(out.read_bytes())
    assert golden.exists(), f"{golden} is missing: run pytest tests/golden --update-golden"
    assert out.read_bytes() == golden.read_bytes(), f"{golden.name} differs (review, then --update-golden)"
