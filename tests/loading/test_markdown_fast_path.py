"""strip_inline returns a line with no markup character untouched; that must change nothing.

The fast path (_MAYBE_MARKUP) is checked two ways: each substitution's
required literals (literals.py) include a string the fast path notices, and on
lines glued from Markdown fragments the result equals the full substitution
chain's.
"""

from __future__ import annotations

import random
import re

import claimcheck.loading.markdown as markdown
from claimcheck.literals import required_literals

_PIECES = ["-", "--", "---", " - ", "* ", "+ ", "**bold**", "__b__", "_i_", "*i*", "`code`", "``x``",
           "[a](b)", "![i](s)", "[r][1]", "[1]: http://x", "<https://x.org>", "<b>", "</b>", "# ", "## h ##",
           "> ", ">>", "_", "*", "#", "word", "shares data", "ICE", " ", "  ", "\t", "3 - 4", "a-b",
           "e.g.", "(DPHHS)", ":", "?", "!"]


def test_every_substitution_needs_a_string_the_fast_path_notices():
    for regex, _ in markdown._LINE + markdown._INLINE:
        clauses = required_literals(regex.pattern, regex.flags)
        assert any(all(markdown._MAYBE_MARKUP.search(s) for s in clause) for clause in clauses), regex.pattern


def test_strip_inline_is_the_same_without_the_fast_path(monkeypatch):
    rng = random.Random(7)
    lines = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 7))) for _ in range(5000)]
    fast = [markdown.strip_inline(line) for line in lines]
    monkeypatch.setattr(markdown, "_MAYBE_MARKUP", re.compile(""))  # every line substituted
    slow = [markdown.strip_inline(line) for line in lines]
    assert fast == slow
    assert any(f != line for f, line in zip(fast, lines))
