"""Property-based robustness: arbitrary text, arbitrary JSON and mutated real
documents go to every loader (only LoadError may escape) and through the
whole CLI (exit 0, 1 or 2; an error is one line; nothing escapes).

Two profiles of the same properties:

* fast, in the default run: a few dozen examples per property;
* long, marked ``slow``: ``pytest -m slow tests/robustness/test_fuzz.py``;
  ``CLAIMCHECK_FUZZ_EXAMPLES`` sets the examples per property (default 2000).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.cli import main
from claimcheck.errors import LoadError
from claimcheck.loading import FORMATS, parse_text
from claimcheck.loading.decode import decode_bytes

from .conftest import CORPUS

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=_HEALTH)
LONG = settings(max_examples=int(os.environ.get("CLAIMCHECK_FUZZ_EXAMPLES", "2000")), deadline=None,
                suppress_health_check=_HEALTH)

#: Real documents to mutate: our own corpus and the loader fixtures.
SEEDS = sorted([*CORPUS.iterdir(), *(Path(__file__).parents[1] / "loading" / "fixtures").iterdir()])
SEED_BYTES = [p.read_bytes() for p in SEEDS]
EXTENSIONS = [".json", ".yaml", ".yml", ".md", ".txt", ".html", ".htm", ".markdown"]

# ------------------------------------------------------------------ strategies

# Fragments that steer random text into each format's syntax.
_PIECES = [
    "1. ", "Q: ", "A: ", "Question: ", "Answer: ", "?", "\n", "\n\n", "# ", "## ", "**", "---\n", "- q: ",
    "  a: ", "faq:\n", "items:\n", "|\n", ">\n", "&a ", "*a ", "!!python/object ", "<!-- ", " -->",
    "claimcheck: ignore CC101", "<p>", "</p>", "<li>", "<ol>", "</div>", "<br>", "&amp;", "&#", "<![CDATA[",
    '<div itemscope itemtype="https://schema.org/Question">', 'itemprop="name"', 'itemprop="acceptedAnswer"',
    'itemprop="text"', '<script type="application/ld+json">', "</script>",
    '{"@type": "FAQPage", "mainEntity": [', '{"@type": "Question", "name": ', '"acceptedAnswer": {"text": ',
    "{", "}", "[", "]", '"', ":", ",", '"items": [', '"question": ', '"answer": ', '"id": ',
    "\r", "\r\n", "\t", "\x00", "\ufeff", "\u2028", "\x85", "\u200b", "é", "𝔘",
    "Oregon ", "DMV ", "ICE ", "never ", "shares ", "data ", "with ", "not ", "may ", "only with consent ",
    "warrant ", "agreement ", "42 U.S.C. § 1373 ", "Or. Rev. Stat. § 181A.820 ", "unless ", "if ",
]
TEXTS = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=12)), max_size=60).map("".join)

_KEYS = ["items", "title", "jurisdiction", "state", "source", "question", "answer", "id", "faq", "q", "a",
         "claimcheck-ignore", "@type", "mainEntity", "name", "acceptedAnswer", "text"]
_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
            | st.text(max_size=30) | st.sampled_from(["Oregon", "OR", "ICE", "CC101", "FAQPage", "Question",
                                                       "The DMV shares data with ICE.",
                                                       "The DMV never shares data with ICE."]))
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=5)
    | st.dictionaries(st.sampled_from(_KEYS) | st.text(max_size=8), inner, max_size=6),
    max_leaves=40,
)


@st.composite
def mutated_documents(draw) -> tuple[str, bytes]:
    """(extension, bytes): a real document after a few random edits."""
    k = draw(st.integers(0, len(SEEDS) - 1))
    data = SEED_BYTES[k]
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "flip", "splice"]))
        lines = data.split(b"\n")
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        j = draw(st.integers(0, max(0, len(lines) - 1)))
        at = draw(st.integers(0, len(data)))
        if op == "delete":
            del lines[i: i + draw(st.integers(1, 3))]
        elif op == "duplicate":
            lines[i:i] = lines[i: i + draw(st.integers(1, 3))]
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        if op in ("delete", "duplicate", "swap"):
            data = b"\n".join(lines)
        elif op == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        elif op == "truncate":
            data = data[:at]
        elif op == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1:]
        elif op == "splice":  # a piece of another document
            other = SEED_BYTES[draw(st.integers(0, len(SEEDS) - 1))]
            a = draw(st.integers(0, len(other)))
            data = data[:at] + other[a: a + draw(st.integers(1, 200))] + data[at:]
    ext = draw(st.sampled_from([SEEDS[k].suffix, *EXTENSIONS]))
    return ext, data


# ------------------------------------------------------------------ properties


def loaders_raise_only_load_error(text: str, fmt: str | None, ext: str) -> None:
    try:
        doc = parse_text(text, path=f"fuzz/doc{ext}", input_format=fmt)
    except LoadError as exc:
        assert exc.path == f"fuzz/doc{ext}"
        assert "\n" not in str(exc), repr(str(exc))
        return
    assert doc.answers and len({a.id for a in doc.answers}) == len(doc.answers)
    assert all(a.line >= 1 for a in doc.answers)


def bytes_load_or_raise_load_error(data: bytes, ext: str) -> None:
    try:
        text = decode_bytes(data, path=f"fuzz/doc{ext}")
    except LoadError:
        return
    for fmt in (None, *sorted(FORMATS)):
        loaders_raise_only_load_error(text, fmt, ext)


@pytest.fixture(scope="module")
def workdir():
    """A private working folder (no configuration file above it), entered for the module."""
    old = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="claimcheck-fuzz-") as folder:
        os.chdir(folder)
        try:
            yield Path(folder)
        finally:
            os.chdir(old)


def _cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(argv)
    return rc, out.getvalue(), err.getvalue()


def whole_pipeline_survives(folder: Path, data: bytes, ext: str) -> None:
    name = f"doc{random.randrange(10**9)}{ext}"
    path = folder / name
    path.write_bytes(data)
    try:
        rc, out, err = _cli(["scan", "--no-cache", "--format", "json", name])
        assert rc in (0, 1, 2), rc
        assert "Traceback" not in err
        if rc == 2:
            assert err.startswith(f"claimcheck: error: {name}") and err.count("\n") == 1, err
            assert out == ""
            return
        report = json.loads(out)
        assert [d["path"] for d in report["documents"]] == [name]
        for argv in (["report", "--no-cache", "--format", "md", name],
                     ["scan", "--no-cache", "--format", "sarif", name],
                     ["graph", "--no-cache", "--format", "mermaid", name]):
            rc2, out2, err2 = _cli(argv)
            assert rc2 in (0, 1) and out2 and not err2, (argv, rc2, err2)
    finally:
        path.unlink()


# ------------------------------------------------------------------ fast profile (default run)


@pytest.mark.parametrize("fmt", [None, *sorted(FORMATS)])
@FAST
@given(text=TEXTS, ext=st.sampled_from(EXTENSIONS))
def test_loaders_on_arbitrary_text(fmt, text, ext):
    loaders_raise_only_load_error(text, fmt, ext)


@FAST
@given(value=JSON_VALUES, ext=st.sampled_from([".json", ".yaml"]))
def test_loaders_on_arbitrary_json(value, ext):
    text = json.dumps(value, allow_nan=True)
    for fmt in (None, "qajson", "records", "html"):
        loaders_raise_only_load_error(text, fmt, ext)


@FAST
@given(doc=mutated_documents())
def test_loaders_on_mutated_documents(doc):
    ext, data = doc
    bytes_load_or_raise_load_error(data, ext)


@settings(FAST, max_examples=40)
@given(doc=mutated_documents())
def test_pipeline_on_mutated_documents(workdir, doc):
    whole_pipeline_survives(workdir, doc[1], doc[0])


@settings(FAST, max_examples=30)
@given(value=JSON_VALUES)
def test_pipeline_on_arbitrary_json(workdir, value):
    whole_pipeline_survives(workdir, json.dumps(value).encode(), ".json")


@settings(FAST, max_examples=30)
@given(text=TEXTS, ext=st.sampled_from(EXTENSIONS))
def test_pipeline_on_arbitrary_text(workdir, text, ext):
    whole_pipeline_survives(workdir, text.encode("utf-8", "surrogatepass"), ext)


# ------------------------------------------------------------------ long profile (pytest -m slow)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", [None, *sorted(FORMATS)])
@LONG
@given(text=TEXTS, ext=st.sampled_from(EXTENSIONS))
def test_long_loaders_on_arbitrary_text(fmt, text, ext):
    loaders_raise_only_load_error(text, fmt, ext)


@pytest.mark.slow
@LONG
@given(value=JSON_VALUES, ext=st.sampled_from([".json", ".yaml"]))
def test_long_loaders_on_arbitrary_json(value, ext):
    test_loaders_on_arbitrary_json.hypothesis.inner_test(value, ext)


@pytest.mark.slow
@LONG
@given(doc=mutated_documents())
def test_long_loaders_on_mutated_documents(doc):
    bytes_load_or_raise_load_error(doc[1], doc[0])


@pytest.mark.slow
@LONG
@given(doc=mutated_documents())
def test_long_pipeline_on_mutated_documents(workdir, doc):
    whole_pipeline_survives(workdir, doc[1], doc[0])


@pytest.mark.slow
@LONG
@given(value=JSON_VALUES)
def test_long_pipeline_on_arbitrary_json(workdir, value):
    whole_pipeline_survives(workdir, json.dumps(value).encode(), ".json")


@pytest.mark.slow
@LONG
@given(text=TEXTS, ext=st.sampled_from(EXTENSIONS))
def test_long_pipeline_on_arbitrary_text(workdir, text, ext):
    whole_pipeline_survives(workdir, text.encode("utf-8", "surrogatepass"), ext)
