"""The HTML report as a person sees it: opened from disk in a real headless Chromium.

Chromium comes from the system's packages (`.ci/run` installs Debian's
`chromium` where it is missing) and is driven through its DevTools protocol
over a pipe (``cdp.py``). A machine without it fails these tests rather than
skipping them: a report nobody looked at is not tested.

Screenshots of what was checked go to ``tests/browser/screenshots/`` (not
committed), for a person to look at.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cdp import Browser

from claimcheck.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="module")
def browser():
    with Browser(width=1280, height=900) as b:
        yield b


def _report(tmp_path: Path, monkeypatch, *paths: str, cwd: Path = ROOT) -> tuple[Path, dict]:
    """The HTML report of ``paths`` (and the JSON one, to know what it should show)."""
    monkeypatch.chdir(cwd)
    html, data = tmp_path / "report.html", tmp_path / "report.json"
    assert main(["report", *paths, "--format", "html", "--no-cache", "-o", str(html)]) == 0
    assert main(["report", *paths, "--format", "json", "--no-cache", "-o", str(data)]) == 0
    return html, json.loads(data.read_text(encoding="utf-8"))


def _visible(browser: Browser, selector: str) -> int:
    return browser.evaluate(
        f"Array.from(document.querySelectorAll({json.dumps(selector)}))"
        ".filter(e => e.getClientRects().length > 0).length")


def _go(browser: Browser, anchor: str) -> None:
    """Follow a link to ``#anchor``, as clicking one does, and wait for its view to show."""
    browser.evaluate(f"location.hash = {json.dumps(anchor)}")
    browser.wait_for(f"(() => {{ const e = document.getElementById({json.dumps(anchor)});"
                     " return e && e.closest('section.view').classList.contains('current'); })()")


def test_sample_report_on_screen(browser, tmp_path, monkeypatch):
    html, data = _report(tmp_path, monkeypatch, "data/qa.json")
    browser.open(html.as_uri())
    findings = data["findings"]
    by_severity = {s: sum(f["severity"] == s for f in findings) for s in ("error", "warning", "info")}

    # The summary first: the counts, and nothing fetched from anywhere.
    assert browser.evaluate("document.querySelector('section.view.current').id") == "summary"
    tiles = browser.evaluate("Array.from(document.querySelectorAll('.tile b')).map(b => b.textContent)")
    assert tiles[:3] == [str(by_severity[s]) for s in ("error", "warning", "info")]
    browser.screenshot(SHOTS / "qa-summary.png")

    # Every finding listed, worst first.
    _go(browser, "findings")
    assert _visible(browser, "article.finding") == len(findings) > 0
    quoted = browser.evaluate("Array.from(document.querySelectorAll('article.finding .side blockquote'))"
                              ".filter(q => q.querySelector('mark.claim')).length")
    assert quoted == 2 * len(findings)
    order = browser.evaluate("Array.from(document.querySelectorAll('article.finding')).map(a => a.dataset.severity)")
    assert order == sorted(order, key=["error", "warning", "info"].index)
    browser.screenshot(SHOTS / "qa-findings.png")

    # A filter works as clicked: info off, then one rule.
    browser.click("input[name=severity][value=info]")
    assert _visible(browser, "article.finding") == len(findings) - by_severity["info"]
    assert browser.evaluate("document.getElementById('shown').textContent") == \
        f"{len(findings) - by_severity['info']} of {len(findings)} shown"
    rule = "CC110"
    browser.evaluate("const s = document.querySelector('select[name=rule]'); s.value = 'CC110';"
                     "s.dispatchEvent(new Event('change', {bubbles: true}))")
    wanted = sum(f["rule"] == rule and f["severity"] != "info" for f in findings)
    assert wanted > 0 and _visible(browser, "article.finding") == wanted
    assert browser.evaluate("Array.from(document.querySelectorAll('article.finding'))"
                            ".filter(a => !a.hidden).every(a => a.dataset.rule === 'CC110')")
    browser.screenshot(SHOTS / "qa-findings-filtered.png")

    # The rule's explanation opens in place.
    browser.click("article.finding:not([hidden]) details.why summary")
    explained = browser.wait_for("document.querySelector('article.finding:not([hidden]) details.why[data-filled]')"
                                 " && document.querySelector('article.finding:not([hidden]) details.why p').textContent")
    rule_text = browser.evaluate("document.querySelector('#rule-CC110 + dd .explain').textContent")
    assert explained == rule_text and len(explained) > 40

    # The page: every answer, every claim highlighted; a finding's link lands on its answer.
    _go(browser, "d0-a7")
    assert browser.evaluate("document.querySelector('section.view.current').id") == "pages"
    assert _visible(browser, "section.answer") == len(data["documents"][0]["questions"])
    assert _visible(browser, "#pages mark.claim") >= len(data["claims"])
    # Scrolled to, just below the sticky header.
    top = browser.wait_for("(() => { const t = document.getElementById('d0-a7').getBoundingClientRect().top;"
                           " return t > 0 && t < 300 && t; })()")
    header = browser.evaluate("document.querySelector('header.top').getBoundingClientRect().bottom")
    assert top >= header - 1, (top, header)
    browser.screenshot(SHOTS / "qa-page.png")

    # The graph: drawn, one circle per answer in conflict, support hidden until asked.
    _go(browser, "graph")
    box = browser.evaluate("(() => { const r = document.querySelector('svg.cc-graph').getBoundingClientRect();"
                           " return [r.width, r.height]; })()")
    assert box[0] > 600 and box[1] > 200, box
    in_conflict = {(r["doc"], r["answer"]) for f in findings for r in f["answers"]}
    assert _visible(browser, "svg.cc-graph g.cc-node circle") == len(in_conflict)
    assert _visible(browser, "svg.cc-graph g.cc-links line") > 0
    assert _visible(browser, "svg.cc-graph .cc-support-group line") == 0
    browser.click("#show-support")
    assert _visible(browser, "svg.cc-graph .cc-support-group line") > 0
    browser.click("#show-support")
    browser.screenshot(SHOTS / "qa-graph.png")

    _go(browser, "statutes")
    assert _visible(browser, "article.cite") == len(data["citations"])
    browser.screenshot(SHOTS / "qa-statutes.png")

    assert browser.console_errors() == []
    assert [u for u in browser.requested_urls() if not u.startswith(("file:", "data:"))] == []


def test_corpus_of_100_pages_on_screen(browser, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--docs", "100", "--seed", "1",
                    "--out", str(corpus)], check=True, capture_output=True)
    html, data = _report(tmp_path, monkeypatch, "faq", cwd=corpus)
    browser.open(html.as_uri())
    events = len(browser.events)
    assert _visible(browser, "table.docs tbody tr") == len(data["documents"]) == 100
    paint = browser.evaluate("performance.getEntriesByName('first-contentful-paint').length")
    assert paint == 1
    browser.screenshot(SHOTS / "d100-summary.png")

    # Filter by document: only findings that touch it.
    doc_key, path = browser.evaluate(
        "(() => { const o = document.querySelectorAll('select[name=doc] option')[1]; return [o.value, o.textContent]; })()")
    _go(browser, "findings")
    browser.evaluate(f"const s = document.querySelector('select[name=doc]'); s.value = {json.dumps(doc_key)};"
                     "s.dispatchEvent(new Event('change', {bubbles: true}))")
    touching = sum(any(r["doc"] == path for r in f["answers"]) for f in data["findings"])
    assert touching > 0 and _visible(browser, "article.finding") == touching
    browser.screenshot(SHOTS / "d100-findings.png")

    # A link to an answer deep in the pages lands on it.
    deep = browser.evaluate("document.querySelectorAll('section.answer')[1200].id")
    _go(browser, deep)
    browser.wait_for(f"(() => {{ const t = document.getElementById({json.dumps(deep)}).getBoundingClientRect().top;"
                     " return t > 0 && t < 300; })()")
    browser.screenshot(SHOTS / "d100-page.png")

    _go(browser, "graph")
    assert _visible(browser, "svg.cc-graph g.cc-node circle") > 10
    browser.screenshot(SHOTS / "d100-graph.png")
    assert [e for e in browser.console_errors()] == []
    assert len(browser.events) > events
