"""Template pre-filters (literals.py) never drop a citation.

A template is skipped on a text that lacks one of the literals its regex
cannot match without. Scanning with the pre-filters must therefore give
exactly what scanning without them gives, on texts built to sit on the edge:
every template's own examples, cut and glued to each other and to filler, so
that literals appear without the rest of a match and matches straddle joins.
"""

from __future__ import annotations

import copy
import random
import re

import pytest

from claimcheck.citations.scan import _PLACEHOLDER, scanner
from claimcheck.literals import passes, required_literals

_JOINS = [" ", "  ", "\n", ", ", ". ", "", "-", " of the ", " v. ", " § ", " (a) "]
_FILLER = ["state law", "Federal", "the", "Section 5", "U.S.", "SB", "Texas", "Const.",
           "Title 8", "12", "2019", "Act", "Code", "law", "statutes", "(b)(2)", "H. R."]


def _pieces() -> list[str]:
    s = scanner()
    out = list(_FILLER)
    for t in s.rule_templates:
        out += list(t.examples.match) + list(t.examples.no_match)
    return out


def _texts(seed: int, n: int = 600) -> list[str]:
    rng = random.Random(seed)
    pieces = _pieces()
    out = []
    for _ in range(n):
        text = ""
        for _ in range(rng.randint(1, 8)):
            piece = rng.choice(pieces)
            if rng.random() < 0.3:  # a fragment: a literal without the rest of its match
                a, b = sorted(rng.sample(range(len(piece) + 1), 2))
                piece = piece[a:b]
            text += piece + rng.choice(_JOINS)
        out.append(text)
    return out


def test_every_template_has_the_prefilter_it_is_expected_to():
    # The templates that matter for speed, scanned over most answers, get clauses.
    s = scanner()
    by_id = {t.id: f for t, f in zip(s.rule_templates, s._prefilters)}
    for tid in ("state-bill", "vague-federal-law", "vague-state-law", "vague-named-state-law"):
        assert by_id[tid], tid


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scanning_with_prefilters_finds_what_scanning_without_finds(seed):
    fast = scanner()
    slow = copy.copy(fast)
    slow._prefilters = [[] for _ in fast.rule_templates]
    slow._gates = [None for _ in fast.rule_templates]  # and no one-pass gate before them
    skipped = 0
    for text in _texts(seed):
        for jurisdiction in (None, "TX"):
            assert fast.scan(text, jurisdiction) == slow.scan(text, jurisdiction), text
        skipped += sum(not passes(f, text) for f in fast._prefilters)
    assert skipped  # the texts do exercise the skip


@pytest.mark.parametrize("seed", [4, 5])
def test_a_template_regex_never_matches_a_text_its_clauses_reject(seed):
    s = scanner()
    for template, clauses in zip(s.rule_templates, s._prefilters):
        regex = s.regex(template)
        for text in _texts(seed, n=200):
            if regex.search(text):
                assert passes(clauses, text), (template.id, text, clauses)


@pytest.mark.parametrize("pattern, text", [
    (r"ab(?:cd|ef)g", "abefg"),
    (r"[Ss]tate\s+laws?", "State  law"),
    (r"x(?:y)?z", "xz"),
    (r"(?:foo)+bar", "foofoobar"),
    (r"a(?:.)b", "a-b"),
    (r"\bSB\s*\d+", "SB 4"),
    (r"(?:A|B|)c", "c"),
    (r"q{2,3}", "qqq"),
])
def test_clauses_hold_for_a_match(pattern, text):
    assert re.search(pattern, text)
    assert passes(required_literals(pattern), text)


@pytest.mark.parametrize("pattern", [r"(?i)state law", r"(?i:state) law", r"(?:A|B|)c"])
def test_what_cannot_be_known_gives_no_clause_rather_than_a_wrong_one(pattern):
    clauses = required_literals(pattern)
    for text in ("STATE LAW", "STATE law", "c"):
        if re.search(pattern, text):
            assert passes(clauses, text)


def test_a_placeholder_stand_in_keeps_literals_apart():
    # "{ACT}" between two literals must not make them one run ("ofSection").
    clauses = required_literals(_PLACEHOLDER.sub("(?:.)", r"of{ACT}Section"))
    assert frozenset({"ofSection"}) not in clauses
    assert passes(clauses, "of Privacy Act Section")


@pytest.mark.parametrize("seed", [6, 7])
def test_a_leading_boundary_moved_after_the_first_character_finds_the_same_matches(seed):
    # Scanner.regex() rewrites "\b[Ff]ederal…" as "[Ff](?<!\w[\s\S])ederal…".
    s = scanner()
    rewritten = [t for t in s.rule_templates if s.regex(t).pattern != _PLACEHOLDER.sub(
        lambda m: s._fill["SUB"] if m.group(1) == "SUB" else "(?:" + s._fill[m.group(1)] + ")", t.regex)]
    assert {t.id for t in rewritten} >= {"vague-federal-law", "federal-bill"}
    texts = _texts(seed, n=300) + ["Federal law", "xFederal law", "_federal law", "-federal law",
                                   "Federal", "H.R. 5", "SH.R. 5", "287(g) agreements", "a287(g) programs"]
    for t in rewritten:
        plain = re.compile(_PLACEHOLDER.sub(
            lambda m: s._fill["SUB"] if m.group(1) == "SUB" else "(?:" + s._fill[m.group(1)] + ")", t.regex))
        for text in texts:
            assert [m.span() for m in s.regex(t).finditer(text)] == \
                [m.span() for m in plain.finditer(text)], (t.id, text)


@pytest.mark.parametrize("pattern, kept", [
    (r"\b[Ff]+ederal", True), (r"\b\d+", True), (r"\b[A-Z]x", True), (r"\bHx|y", False), (r"\\bH", True),
])
def test_the_boundary_rewrite_leaves_what_it_cannot_prove_alone(pattern, kept):
    from claimcheck.phrases import boundary_after_first
    assert (boundary_after_first(pattern) == pattern) is kept
