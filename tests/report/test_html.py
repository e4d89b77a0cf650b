"""The HTML report, read as markup: self-contained, complete, escaped, well formed.

What it looks like in a browser is tested in tests/browser.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from oregon_report import DOC, QUESTIONS, page, predicate_infos, rule_infos, with_questions

from claimcheck.models import CitationStatus
from claimcheck.report import get_renderer

render = get_renderer("html")

VOID = {"meta", "br", "input", "link", "img", "hr", "wbr", "source", "area", "base", "col", "embed", "param",
        "track", "circle", "line", "path"}


class _Tree(HTMLParser):
    """Elements as (tag, attributes, text inside), and whether every tag closes where it should."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.problems: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree


@pytest.fixture
def full(report) -> str:
    """The report as ``claimcheck report --format html`` makes it: with rules, predicates and the page."""
    return render(with_questions(report), rules=rule_infos(), predicates=predicate_infos(), pages={DOC: page()})


def test_golden_with_everything_the_cli_passes(full, golden):
    golden("report.full.html", full)


def test_tags_are_balanced(full, report):
    for html in (full, render(report)):
        tree = parse(html)
        assert tree.problems == [] and [t for t, _ in tree.stack] == []


def test_nothing_is_fetched(full):
    """One file that opens offline: no stylesheet, script, image or font from elsewhere."""
    tree = parse(full)
    assert not [t for t, a in tree.elements if t in ("link", "img", "iframe", "object", "embed")]
    assert not [a for t, a in tree.elements if t == "script" and "src" in a]
    assert "@import" not in full and "url(" not in full
    csp = next(a["content"] for t, a in tree.elements if t == "meta" and a.get("http-equiv") ==
               "Content-Security-Policy")
    assert csp.startswith("default-src 'none';")
    # The only addresses are links an editor follows: the official text of a statute.
    external = [a["href"] for t, a in tree.elements if t == "a" and not a["href"].startswith("#")]
    assert external == ["https://www.oregonlegislature.gov/bills_laws/ors/ors802.html"]


def test_every_finding_is_listed_worst_first_with_both_sides(full, report):
    tree = parse(full)
    articles = [a for t, a in tree.elements if t == "article" and "finding" in (a.get("class") or "")]
    assert [a["data-severity"] for a in articles] == ["error", "warning", "info"]
    assert {a["id"] for a in articles} == {f"finding-{f.id}" for f in report.findings}
    assert [a["data-rule"] for a in articles] == ["agreement-existence", "restriction-vs-practice",
                                                    "hedged-vs-certain"]
    # Each side quotes its sentence with the claim's words and the cue words marked.
    assert ('<blockquote>The DMV <b class="cue">has not</b> entered into any <mark class="claim p0 neg start">'
            'formal agreement with ICE</mark>.</blockquote>\n'
            '        <p class="says"><span class="chip claim p0 neg">denies</span> '
            'the DMV has no agreement with ICE, stated as fact</p>') in full
    assert "the DMV has an agreement with ICE, stated as fact" in full
    # On the page, hovering a claim tells what it says.
    assert ('<mark class="claim p0 neg flagged start" title="the DMV has no agreement with ICE, stated as fact '
            '[agreement_with_ice]">formal agreement with ICE</mark>') in full
    assert "records encrypted, hedged (likely)" in full  # no predicate info: the id in words
    # The rule's explanation and what to do.
    assert "<b>What to do:</b> Decide which is right and correct the other answer." in full
    assert "One answer says an agreement exists, another that none does." in full


def test_filters_offer_every_severity_and_rule(full):
    tree = parse(full)
    boxes = [a["value"] for t, a in tree.elements if t == "input" and a.get("name") == "severity"]
    options = [a["value"] for t, a in tree.elements if t == "option"]
    assert boxes == ["error", "warning", "info"]
    assert options == ["", "agreement-existence", "hedged-vs-certain", "restriction-vs-practice"]


def test_the_page_shows_every_answer_with_its_claims_highlighted(full):
    tree = parse(full)
    answers = [a["id"] for t, a in tree.elements if t == "section" and "answer" in (a.get("class") or "")]
    assert answers == [f"d0-a{i}" for i in "12345"]
    text = "".join(tree.text)
    for question in QUESTIONS.values():
        assert question in text
    # Answer 5's two sentences, each claim in its own colour; answer 2's finding number links to it.
    assert ('The DMV <b class="cue">routinely</b> <mark class="claim p3 flagged start"' in full)
    assert '<a class="fref error" href="#finding-F1">#1</a>' in full


def test_without_the_page_text_the_claimed_sentences_are_shown(report):
    html = render(report)
    assert "The text of this page was not available" in html
    assert '<ul class="sentences">' in html


def test_a_page_that_changed_since_falls_back_to_its_sentences(report):
    changed = page()
    first = changed.answers[0].model_copy(update={"text": "Entirely new wording."})
    changed = changed.model_copy(update={"answers": (first, *changed.answers[1:])})
    html = render(with_questions(report), pages={DOC: changed})
    tree = parse(html)
    assert tree.problems == []
    assert "Entirely new wording." not in html
    assert html.count('<ul class="sentences">') == 1


def test_statutes_pinpoints_first_worst_first(full, report):
    groups = re.findall(r'<h3 id="cite-(\w+)">', full)
    assert groups == ["pinpoints"]  # an acronym that does not match is checked like a pinpoint
    # Worst first: the mismatched acronym, then the section to read against its claim.
    assert full.index("Oregon Records Confidentiality Act <span") < full.index("Or. Rev. Stat. § 802.250 <span")
    vague = report.citations[0].model_copy(update={"id": "cite-3", "status": CitationStatus.vague, "kind": "vague",
                                                   "normalized": "state law (OR)", "url": None})
    act = report.citations[0].model_copy(update={"id": "cite-4", "status": CitationStatus.named_act_no_section,
                                                 "kind": "named_act", "normalized": "Driver Privacy Act"})
    html = render(report.model_copy(update={"citations": (vague, act, *report.citations)}))
    assert re.findall(r'<h3 id="cite-(\w+)">', html) == ["pinpoints", "acts", "vague"]
    assert "official text (www.oregonlegislature.gov)" in full
    # What the authority is cited for: the claim's sentence, marked, and the claim in a finding.
    assert "law restricts sharing, in a finding" in full


def test_the_graph_is_drawn_inline_and_links_answers(full):
    assert full.count("<svg ") == 1 and 'class="cc-graph"' in full
    assert '<a href="#d0-a2"><circle' in full


def test_text_from_the_page_is_escaped(report):
    hostile = with_questions(report)
    doc = hostile.documents[0].model_copy(update={"questions": {"1": "<script>alert(1)</script>?"}})
    html = render(hostile.model_copy(update={"documents": (doc,)}))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;?" in html


def test_output_is_the_same_every_time(full, report):
    again = render(with_questions(report), rules=rule_infos(), predicates=predicate_infos(), pages={DOC: page()})
    assert again == full


def test_a_denied_claim_cut_by_its_cue_gets_one_negation_mark(report):
    """"does not disclose": the cue splits the claim's words; ¬ must not repeat on each piece."""
    from claimcheck.models import Polarity

    claim = report.claims[0]
    ev = claim.evidence
    sentence = ev.sentence
    start, end = ev.start - ev.sentence_start, ev.end - ev.sentence_start
    words = sentence[start:end]
    cue = words.split()[1] if len(words.split()) > 2 else words.split()[0]
    denied = claim.model_copy(update={"polarity": Polarity.negated, "cues": (cue,)})
    html = render(report.model_copy(update={"claims": (denied, *report.claims[1:])}))
    quote = html.split("<blockquote>")[1:]
    pieces = [q.split("</blockquote>")[0] for q in quote if words.split()[0] in q]
    assert pieces and all(p.count(" start\"") == 1 for p in pieces), pieces
