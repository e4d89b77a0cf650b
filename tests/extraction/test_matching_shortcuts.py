"""The extractor's faster ways of matching give what the plain regex scans give.

MatcherGroup (all cue lists in one scan) must give each cue list's own
``find``; keyword branches must give the starts of ``keywords.finditer``.
Both are checked on texts made of the lexicon's own phrases joined in
awkward ways: overlapping phrases, runs of white space, contractions.
"""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from claimcheck.extraction import _branches, _KeywordIndex
from claimcheck.phrases import MatcherGroup, PhraseMatcher, lower_same_length, matcher
from claimcheck.rulepack import load_rulepack

_JOINS = [" ", "  ", "\n", ", ", ". ", "'", "’", "-", "", " n't ", "n’t ", "\t"]


def _texts(phrases: list[str], seed: int, n: int = 300) -> list[str]:
    rng = random.Random(seed)
    filler = ["the", "agency", "data", "ice", "shares", "notably", "cannot", "nothing", "x"]
    out = []
    for _ in range(n):
        words = [rng.choice(phrases) if rng.random() < 0.6 else rng.choice(filler)
                 for _ in range(rng.randint(1, 12))]
        text = ""
        for w in words:
            text += w + rng.choice(_JOINS)
        out.append(text)
    return out


def _ranges(text: str, rng: random.Random) -> list[tuple[int, int]]:
    cuts = sorted(rng.sample(range(len(text) + 1), k=min(len(text) + 1, rng.choice([2, 4, 6]))))
    return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]


def _group_agrees(matchers: dict[str, PhraseMatcher], texts: list[str], seed: int) -> None:
    group = MatcherGroup(matchers)
    rng = random.Random(seed)
    for text in texts:
        low = lower_same_length(text)
        for ranges in ([(0, len(low))], _ranges(low, rng)):
            got = group.find(low, ranges)
            for name, m in matchers.items():
                want = [x for lo, hi in ranges for x in m.find(low, lo, hi)]
                assert got[name] == want, (name, text, ranges)


def test_matcher_group_gives_each_lexicon_list_its_own_matches():
    lex = load_rulepack().lexicon
    matchers = {f.name: getattr(lex, f.name) for f in dataclasses.fields(lex)}
    phrases = sorted({p for m in matchers.values() for p in m.labels})
    _group_agrees(matchers, _texts(phrases, seed=1), seed=2)


def test_matcher_group_with_phrases_inside_each_other():
    # "n" is a word phrase and a prefix of the contraction "n't"; "a b" hides "a".
    matchers = {
        "short": matcher(["a", "n", "not"], ["a b c"]),
        "long": matcher(["a b", "not only", "n't", "b c"]),
        "other": PhraseMatcher({"n't": "x", "’s": "y", "c": "z"}),
        "empty": matcher(),
    }
    phrases = ["a", "b", "c", "a b", "a b c", "n", "not", "not only", "n't", "n’t", "’s", "don't"]
    _group_agrees(matchers, _texts(phrases, seed=3, n=2000), seed=4)


@pytest.mark.parametrize("regex, parts", [
    ("a|b(c|d)|[|]", ["a", "b(c|d)", "[|]"]),
    (r"x\|y|z", [r"x\|y", "z"]),
    ("[]|]|q", ["[]|]", "q"]),
    ("[^]|]|q", ["[^]|]", "q"]),
    ("(?:a|b)c|d", ["(?:a|b)c", "d"]),
    ("single", ["single"]),
])
def test_branches(regex, parts):
    assert _branches(regex) == parts


def _index_agrees(keywords: dict[str, re.Pattern[str]], texts: list[str]) -> None:
    index = _KeywordIndex(keywords)
    lows = [lower_same_length(text) for text in texts]
    for low in lows:
        got = index.starts(low)
        for name, pattern in keywords.items():
            assert got[name] == [m.start() for m in pattern.finditer(low)], (name, low)
    # A document's answers scanned as one text give each answer's own starts;
    # groups of one, a few and many, with empty answers and the joining character.
    rng = random.Random(len(texts))
    groups = [lows[:1], ["", *lows[1:3], ""], lows[3:40], [low + "\x00" for low in lows[40:45]], []]
    for _ in range(20):
        groups.append(rng.sample(lows, k=rng.randint(2, 8)))
    # Words cut in two, the halves in consecutive answers: no match may reach across.
    words = [w for w in index.plain if len(w) > 1] + ["court order", "exchange", "shares"]
    groups.append([piece for w in words for k in range(1, len(w)) for piece in (w[:k], w[k:])])
    for group in groups:
        assert index.starts_each(group) == [index.starts(low) for low in group], group


def test_keyword_index_like_finditer_on_odd_patterns():
    patterns = [r"(?i)ab|cd", r"(a)|\1b", r"a|ab|b", r"\bab|b\b|ba", r"shar|share|hare", r"x?|y",
                r"a|(?=b)", r"a b|b", "share", r"a\s+b|ab", r"\bab|\bb a|x", r"\bhare|\bs\b|y"]
    keywords = {f"p{i}": re.compile(p) for i, p in enumerate(patterns)}
    _index_agrees(keywords, _texts(["a", "b", "ab", "ba", "x", "y", "share", "hare", "cd", "AB"], seed=5))


def test_keyword_index_like_finditer_on_the_packaged_keywords():
    preds = load_rulepack().predicates.values()
    words = [w for p in preds for w in re.findall(r"[a-z]+(?: [a-z]+)*", p.keywords.pattern)]
    _index_agrees({p.id: p.keywords for p in preds}, _texts(words + ["mou", "logs", "licence", "license"], seed=6))


def test_federal_and_year_patterns_match_like_a_leading_word_boundary():
    from claimcheck.extraction import _FEDERAL, _YEAR

    federal = re.compile(r"\bFederal\b|\bfederal\b|\bFEDERAL\b|\bU\.?S\.?C\b|\bC\.F\.R\b|\bCongress\b"
                         r"|\bPRWORA\b|\bIIRIRA\b|\bINA\b")
    year = re.compile(r"\b(?:19|20)\d\d\b")
    words = ["Federal", "federal", "FEDERAL", "USC", "U.S.C", "C.F.R", "Congress", "PRWORA", "IIRIRA",
             "INA", "1999", "2020", "19999", "x2015", "Federalist"]
    for text in _texts(words, seed=7):
        for mine, plain in ((_FEDERAL, federal), (_YEAR, year)):
            assert [m.span() for m in mine.finditer(text)] == [m.span() for m in plain.finditer(text)], text
