"""jsonpos's string token (an unrolled loop) splits JSON exactly as the plain form does."""

from __future__ import annotations

import json
import random
import re

from claimcheck.loading import jsonpos

# The textbook form: one character or one escape at a time.
_PLAIN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.S)
_CHARS = ['a', ' ', '"', '\\', '\n', 'é', '\u2028', '/', 'u', '0', '{', '}', ':', ',', '[', ']']


def _values(rng: random.Random, depth: int = 0):
    kind = rng.randrange(6 if depth < 4 else 3)
    if kind == 0:
        return "".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 12)))
    if kind == 1:
        return rng.choice([0, -1.5, 1e300, True, False, None])
    if kind == 2:
        return rng.choice(["", "\\", '"', "\\\\\""])
    if kind == 3:
        return [_values(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {"".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 5))): _values(rng, depth + 1)
            for _ in range(rng.randint(0, 4))}


def test_tokens_and_offsets_match_the_plain_string_form():
    rng = random.Random(3)
    for i in range(400):
        value = _values(rng)
        text = json.dumps(value, ensure_ascii=bool(i % 2), indent=(i % 3) or None)
        assert [m.span() for m in jsonpos._TOKEN.finditer(text)] == [m.span() for m in _PLAIN.finditer(text)]
        assert jsonpos.value_offsets(text)  # and the pass over them still runs
