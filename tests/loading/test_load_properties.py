"""No input text makes a parser fail with anything but LoadError."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.errors import LoadError
from claimcheck.loading import FORMATS, parse_text
from claimcheck.loading.decode import decode_bytes

# Fragments that steer random text towards each format's syntax.
_PIECES = [
    "1. ", "2. ", "?", "\n", "Q: ", "A: ", "# ", "## ", "**", "---\n", "<!-- ", " -->",
    "claimcheck: ignore X1", "[a](b)", "<p>", "</p>", "<li>", "</div>",
    '<div itemscope itemtype="https://schema.org/Question">', 'itemprop="name"',
    '<script type="application/ld+json">', "</script>", '{"@type": "FAQPage", "mainEntity": [',
    "{", "}", "[", "]", '"', ":", "- q: ", "  a: ", "faq:\n", "|", '"items": ', '"question": ',
    '"answer": ', ",", "\r", "\t", "&amp;", "\x00", "Montana ", "\ufeff",
]
texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=8)), max_size=40).map(
    "".join)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_parsers_raise_only_load_error(fmt, text):
    try:
        doc = parse_text(text, path="fuzz", input_format=fmt)
    except LoadError as exc:
        assert exc.path == "fuzz"
        return
    assert doc.answers
    for answer in doc.answers:
        assert answer.line >= 1
        assert all(answer.line_of(i) >= 1 for i in range(0, len(answer.text) + 1, 7))
    assert len({a.id for a in doc.answers}) == len(doc.answers)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=64))
def test_decoding_raises_only_load_error(data):
    try:
        text = decode_bytes(data, path="fuzz")
    except LoadError:
        return
    assert "\r" not in text
