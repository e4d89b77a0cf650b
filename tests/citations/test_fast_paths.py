"""The citation scanner's fast paths find exactly what the plain scans find.

* LiteralScan (literals.py) reports the same strings as one ``in`` test each,
  overlapping and nested occurrences included;
* a template's gate (scan._gate) passes on every text its clauses pass;
* finditer_at from the number starts gives number_re.finditer's matches.

Texts are generated to sit on the edges: the strings themselves, cut and glued
so that they overlap, nest and straddle joins.
"""

from __future__ import annotations

import re

import pytest
from gluedtext import glued

from claimcheck.citations.scan import _gate, scanner
from claimcheck.literals import (LiteralScan, finditer_at, finditer_starting, leading_literals, literal_starts,
                                 passes, trie_regex)

from test_prefilter import _texts


def _glued(strings: list[str], seed: int, n: int = 400) -> list[str]:
    return glued(strings, seed, n)


def test_the_trie_regex_matches_exactly_the_strings_longest_first():
    regex = re.compile(trie_regex(["ab", "abcd", "a.b", "b c"]))
    assert regex.findall("abcd ab a.b b c abc axb") == ["abcd", "ab", "a.b", "b c", "ab"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_literal_scan_finds_what_one_in_test_per_string_finds(seed):
    # Nested ("ab" in "abc"), overlapping ("abc"/"cde"), repeated ("aa"/"aaa").
    strings = ["ab", "abc", "cde", "bcd", "e", "aa", "aaa", "a.b", "b.", "x y", "y z", "zz"]
    scan = LiteralScan(strings)
    for text in _glued(strings, seed) + ["abcde", "aaaa", "a.b.", "x y z", "zzz"]:
        assert scan.occurring(text) == {s for s in strings if s in text}, text


@pytest.mark.parametrize("seed", [4, 5])
def test_the_scanners_gate_strings_are_found_as_in_finds_them(seed):
    s = scanner()
    strings = sorted(s._gate_scan.strings)
    for text in _texts(seed, n=300) + _glued(strings, seed):
        assert s._gate_scan.occurring(text) == {w for w in strings if w in text}, text


@pytest.mark.parametrize("seed", [6, 7])
def test_a_gate_passes_wherever_its_templates_clauses_pass(seed):
    s = scanner()
    words = sorted({w for clauses in s._prefilters for c in clauses for w in c})
    checked = 0
    for text in _texts(seed, n=300) + _glued(words, seed):
        occurring = s._gate_scan.occurring(text)
        for gate, clauses in zip(s._gates, s._prefilters):
            if gate is not None and passes(clauses, text):
                assert not occurring.isdisjoint(gate), (gate, text)
                checked += 1
    assert checked
    assert sum(g is not None for g in s._gates) >= 15  # most templates are gated


def test_a_gate_is_cut_from_a_clause_at_a_rare_character():
    clauses = [frozenset({"section", "Sec."}), frozenset({"U.S.C", "xUSC"})]
    assert _gate(clauses) == frozenset({"U.S.C", "USC"})
    assert _gate([frozenset({"law", "statute"})]) is None


_NUMBERS = ["§ 12", "§§ 5-6", "Section 2-6-1201", "sections 10850(a)", "Sec. 4", "secs. 9",
            "43.17.425", "44:1", "12A", "10-B-3", "(e)(8)", "x12", "a.5", "-7", "§5", "Sec.",
            "Section", "S 5", "Se 1", "2019", "MCA", ", ", " of the ", "Code"]


@pytest.mark.parametrize("seed", [8, 9, 10])
def test_numbers_found_from_their_starts_are_number_re_matches(seed):
    s = scanner()
    for text in _texts(seed, n=300) + _glued(_NUMBERS, seed):
        fast = [(m.span(), m.groupdict())
                for m in finditer_at(literal_starts(text, s.number_starts), s.number_re, text)]
        plain = [(m.span(), m.groupdict()) for m in s.number_re.finditer(text)]
        assert fast == plain, text


@pytest.mark.parametrize("pattern, leading", [
    (r"(?<![\w-])(?:(?:data\s+)?privacy\s+)?laws?\b", {"data", "privacy", "law"}),
    (r"\b(?:[Ss]tate|[Ff]ederal\s+and)\s+law", {"State", "state", "Federal", "federal"}),
    (r"[Ff](?<!\w[\s\S])ederal\s+law", {"Federal", "federal"}),
    (r"(?:ab)?c", {"ab", "c"}),
    (r"x*y", {"x", "y"}),
])
def test_leading_literals_are_what_every_match_starts_with(pattern, leading):
    assert leading_literals(pattern) == frozenset(leading)


@pytest.mark.parametrize("pattern", [r"(?:a)?", r"\w+law", r"(?i)law", r"(?:.)x", r"a|\d", r"(?i:a)b"])
def test_leading_literals_give_none_when_they_cannot_tell(pattern):
    assert leading_literals(pattern) is None


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_templates_found_from_their_starts_are_the_plain_regex_matches(seed):
    s = scanner()
    used = [t for t in s.rule_templates if s.regex(t) and s._starts[t.id] is not None]
    assert {t.id for t in used} >= {"vague-state-law", "vague-named-state-law"}
    texts = _texts(seed, n=300) + _glued(
        ["state law", "State", "federal and state", "data", "privacy", "laws", "statutes", "-law",
         "xlaw", "regulation", "benefits ", "confidentiality", "immigration", "Texas", "SB 4"], seed)
    for t in used:
        regex = s.regex(t)
        for text in texts:
            fast = [(m.span(), m.groupdict()) for m in finditer_starting(s._starts[t.id], regex, text)]
            assert fast == [(m.span(), m.groupdict()) for m in regex.finditer(text)], (t.id, text)


@pytest.mark.parametrize("seed", [14, 15])
def test_the_generic_act_scan_is_skipped_only_where_it_finds_nothing(seed):
    from claimcheck.citations.scan import _GENERIC_ACT, _GENERIC_ACT_CLAUSES

    assert _GENERIC_ACT_CLAUSES == [frozenset({"Act"})]
    texts = _texts(seed, n=300) + _glued(["Privacy Act", "the Act of 2019", "Acts", "Actual", "REAL ID",
                                          "Act (PA)", "State Law Act", "Ac", "t"], seed)
    for text in texts:
        if _GENERIC_ACT.search(text):
            assert passes(_GENERIC_ACT_CLAUSES, text), text
