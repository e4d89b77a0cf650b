"""Texts for fast-path tests: given strings, and fragments of them, glued together.

A fast path (a trie, a literal gate, a scan from leading words) tends to go
wrong where strings nest, overlap or straddle a join, so the texts are built
to sit there: each is a few of the strings, some cut to a random part, joined
with and without separators. Seeded, so a failure can be replayed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence


def glued(strings: Sequence[str], seed: int, n: int = 400, *, most: int = 6,
          joins: Sequence[str] = ("", "", " ", ".", "x", "\n")) -> list[str]:
    """``n`` texts of 1 to ``most`` pieces of ``strings``, each followed by one of ``joins``."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = ""
        for _ in range(rng.randint(1, most)):
            piece = rng.choice(strings)
            if rng.random() < 0.4:  # a fragment: part of a string, or two halves meeting
                a, b = sorted(rng.sample(range(len(piece) + 1), 2))
                piece = piece[a:b]
            text += piece + rng.choice(joins)
        out.append(text)
    return out
