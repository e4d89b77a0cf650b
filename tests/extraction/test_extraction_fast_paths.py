"""The claim extractor's fast paths give exactly what the plain code gives.

Each test sets a fast path beside the plain formulation it replaced and
compares them on texts built to sit on the edges: the rule pack's own
strings, cut and glued so that they nest, overlap and straddle joins.
"""

from __future__ import annotations

import random

import pytest

from claimcheck.extraction import _passes
from claimcheck.literals import passes
from claimcheck.rulepack import load_rulepack

_JOINS = ["", "", " ", "  ", ". ", ", ", "\n", "x", "qzaqq "]


def _glued(strings: list[str], seed: int, n: int = 400) -> list[str]:
    """Texts of ``strings`` and fragments of them, joined with and without separators."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = ""
        for _ in range(rng.randint(1, 8)):
            piece = rng.choice(strings)
            if rng.random() < 0.4:  # a fragment: part of a literal, or two halves meeting
                a, b = sorted(rng.sample(range(len(piece) + 1), 2))
                piece = piece[a:b]
            text += piece + rng.choice(_JOINS)
        out.append(text)
    return out


def _pattern_prefilters() -> list[list[frozenset[str]]]:
    pack = load_rulepack()
    return [pat.prefilter for pred in pack.predicates.values() for pat in pred.patterns]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_prefilter_loops_pass_where_literals_passes_does(seed):
    prefilters = _pattern_prefilters()
    words = sorted({w for clauses in prefilters for c in clauses for w in c})
    texts = _glued(words, seed) + ["", " ", "to", "with"]
    outcomes = set()
    for text in texts:
        for clauses in prefilters:
            fast = _passes(clauses, text)
            assert fast == passes(clauses, text), (clauses, text)
            outcomes.add(fast)
    assert outcomes == {True, False}  # the texts reach both answers
    assert _passes([], "anything") and not _passes([frozenset()], "anything")
