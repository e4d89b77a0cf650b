"""The claim extractor's fast paths give exactly what the plain code gives.

Each test sets a fast path beside the plain formulation it replaced and
compares them on texts built to sit on the edges: the rule pack's own
strings, cut and glued so that they nest, overlap and straddle joins.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
import re

import pytest
from gluedtext import glued

from claimcheck.literals import passes
from claimcheck.phrases import TrieStarts, trie_pattern
from claimcheck.rulepack import load_rulepack

_JOINS = ["", "", " ", "  ", ". ", ", ", "\n", "x", "qzaqq "]


def _glued(strings: list[str], seed: int, n: int = 400) -> list[str]:
    return glued(strings, seed, n, most=8, joins=_JOINS)


def _pattern_prefilters() -> list[list[frozenset[str]]]:
    pack = load_rulepack()
    return [pat.prefilter for pred in pack.predicates.values() for pat in pred.patterns]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_prefilter_loops_pass_where_the_plain_formulation_does(seed):
    prefilters = _pattern_prefilters()
    words = sorted({w for clauses in prefilters for c in clauses for w in c})
    texts = _glued(words, seed) + ["", " ", "to", "with"]
    outcomes = set()
    for text in texts:
        for clauses in prefilters:
            fast = passes(clauses, text)
            assert fast == all(any(w in text for w in clause) for clause in clauses), (clauses, text)
            outcomes.add(fast)
    assert outcomes == {True, False}  # the texts reach both answers
    assert passes([], "anything") and not passes([frozenset()], "anything")


def _ranges(n: int, rng: random.Random) -> list[tuple[int, int]]:
    cuts = sorted(rng.sample(range(n + 1), k=min(n + 1, rng.choice([2, 4]))))
    return [(0, n)] + [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]


# Words nested in each other ("a", "ab", "abc"), overlapping ("abc"/"bcd"), repeated
# letters ("aa", "aaa"), with spaces, apostrophes and a one-letter word.
_WORDS = ["a", "ab", "abc", "bcd", "aa", "aaa", "a b", "b c d", "n't", "’s", "don't", "x", "xy z", ".b"]


@pytest.mark.parametrize("space, after_first, after", [
    (r"\s+", "", ""),
    (" ", "", ""),
    (r"\s+", r"(?<![\w'’][\s\S])", r"(?!\w)"),  # MatcherGroup's word phrases
    (r"\s+", "", r"(?!\w)"),
])
@pytest.mark.parametrize("seed", [1, 2])
def test_trie_starts_finds_what_the_one_lookahead_regex_finds(space, after_first, after, seed):
    words = _WORDS + [w.upper() for w in _WORDS[:3]]
    # The plain form: one look-ahead; the look-behind that follows the first character
    # is written before it, where it asks the same of the same character.
    before = after_first.replace(r"[\s\S])", ")")
    plain = re.compile(before + "(?=(" + trie_pattern(words, space=space) + ")" + after + ")")
    fast = TrieStarts(words, space=space, after_first=after_first, after=after)
    rng = random.Random(seed)
    found = 0
    for text in _glued(words, seed, n=600) + ["", "a", "aaaa", "a  b", "a\nb c\td"]:
        for lo, hi in _ranges(len(text), rng):
            want = [(m.start(), m.group(1)) for m in plain.finditer(text, lo, hi)]
            assert fast.find(text, lo, hi) == want, (text, lo, hi)
            found += len(want)
    assert found > 1000


def test_trie_starts_of_the_keyword_branches():
    from claimcheck.extraction import _keyword_index

    pack = load_rulepack()
    index = _keyword_index(tuple((p.id, p.keywords) for p in pack.predicates.values()))
    words = sorted(index.plain)
    plain = re.compile("(?=(" + trie_pattern(words, space=" ") + "))")
    for text in _glued(words, seed=3):
        assert index.trie.find(text) == [(m.start(), m.group(1)) for m in plain.finditer(text)], text


_CLASS_PIECES = ["Department of", "Dept. of", "Office for", "Board of", "Bureau", "Agency of", "Authority",
                 "Commission for", "Division of", "Motor Vehicles", "Labor", "the State", "and", "&", "of",
                 "U.S. Immigration", "department of", "xDepartment of", "Health and Human Services",
                 "Revenue, and", "DMV", "Department  of", "O'Brien"]


@pytest.mark.parametrize("seed", [1, 2])
def test_entity_class_matches_found_from_their_starts_are_finditers(seed):
    from claimcheck.extraction import _class_starts, _finditer_class

    pack = load_rulepack()
    assert pack.entity_classes and all(_class_starts(pat) is not None for _, pat in pack.entity_classes)
    found = 0
    for text in _glued(_CLASS_PIECES, seed, n=2000):
        text = text.replace("qzaqq ", " ")
        for _, pat in pack.entity_classes:
            want = [(m.span(), m.groupdict()) for m in pat.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in _finditer_class(pat, text)] == want, text
            found += len(want)
    assert found > 60


@pytest.mark.parametrize("pattern", [r"\b(?:Office|Board) of (?P<name>[A-Z]\w+)", r"(?<![A-Z])Dept\.? (?P<name>\w+)",
                                     r"(?P<name>[A-Z]\w+) Agency", r"\b(?i:board) (?P<name>\w+)"])
def test_finditer_class_on_other_shapes(pattern):
    from claimcheck.extraction import _finditer_class

    regex = re.compile(pattern)
    for text in _glued(["Office of Labor", "Board of Ed", "Dept Labor", "Dept. X", "XDept y", "Tax Agency",
                        "board x", "BOARD y", "of ", "Office"], seed=3):
        assert [m.span() for m in _finditer_class(regex, text)] == [m.span() for m in regex.finditer(text)], text


def test_remembered_state_codes_are_those_worked_out_afresh():
    from claimcheck.loading.jurisdiction import STATE_MENTION, normalize_jurisdiction

    text = ("New York, new york, NEW YORK, New  York, New\nYork, Texas, TX, the State of Ohio, Georgia, "
            "Washington, D.C., Virginia, West Virginia, Kansas, Arkansas, Puerto Rico, Guam, Oregon’s")
    names = [m.group(1) for m in STATE_MENTION.finditer(text)]
    assert len(names) >= 8
    for name in names * 2:  # the second time from the cache
        assert normalize_jurisdiction(name) == normalize_jurisdiction.__wrapped__(name), name


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_masking_by_cuts_is_masking_character_by_character(seed):
    from claimcheck.extraction import _mask, _mask_chars, _Mention

    rng = random.Random(seed)
    roles = ["actor", "counterpart", "program", "actor"]
    for _ in range(500):
        low = "".join(rng.choice("ab .,") for _ in range(rng.randint(0, 40)))
        mentions = []
        for _ in range(rng.randint(0, 5)):
            a = rng.randint(0, len(low))
            b = min(len(low), a + rng.randint(0, 8))
            mentions.append(_Mention(a, b, "x", rng.choice(roles)))
        if rng.random() < 0.7:  # as _entity_mentions gives them: in order, no overlaps
            kept, end = [], -1
            for m in sorted(mentions, key=lambda m: (m.start, m.end)):
                if m.start >= end:
                    kept.append(m)
                    end = m.end
            mentions = kept
        assert _mask(low, mentions) == _mask_chars(low, mentions), (low, mentions)


def test_masking_the_corpus_answers():
    from claimcheck.extraction import _document_aliases, _entity_mentions, _mask, _mask_chars
    from claimcheck.loading import load_document
    from claimcheck.phrases import lower_same_length
    from pathlib import Path

    pack = load_rulepack()
    root = Path(__file__).resolve().parents[1] / "corpus"
    masked = 0
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        doc = load_document(path)
        aliases = _document_aliases(doc, pack)
        for answer in doc.answers:
            low = lower_same_length(answer.text)
            mentions = _entity_mentions(answer.text, low, pack, aliases)
            assert _mask(low, mentions) == _mask_chars(low, mentions)
            masked += _mask(low, mentions) != low
    assert masked > 20


# Word phrases after every kind of character: a space, a newline, a bracket, a
# quotation mark, an apostrophe, a hyphen, a letter, a non-ASCII letter and digit.
_WORD_JOINS = ["", " ", "  ", "\n", "(", "“", '"', "'", "’", "-", "x", "é", "٣", ", ", ". ", "\t", "_"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_word_starts_finds_what_the_look_behind_regex_finds(seed):
    from claimcheck.phrases import WordStarts

    words = _WORDS + ["é", "éa", "٣b", "_a", "a_"]
    plain = re.compile(r"(?<![\w'’])(?=(" + trie_pattern(words) + r")(?!\w))")
    fast = WordStarts(words)
    rng = random.Random(seed)
    found = 0
    for text in glued(words, seed, 600, most=8, joins=_WORD_JOINS) + ["", "a", " a", "(a", "xa"]:
        for lo, hi in _ranges(len(text), rng):
            want = [(m.start(), m.group(1)) for m in plain.finditer(text, lo, hi)]
            assert fast.find(text, lo, hi) == want, (text, lo, hi)
            found += len(want)
    assert found > 1000
    assert WordStarts([]).find("a b") == [] and WordStarts([""]).find("a b") == []


def _phrase_matchers() -> dict[str, object]:
    from claimcheck.phrases import PhraseMatcher, matcher

    lex = load_rulepack().lexicon
    found = {f.name: getattr(lex, f.name) for f in dataclasses.fields(lex)}
    found["entity_names"] = load_rulepack().entity_names
    found["odd"] = matcher(["a", "n", "not", "a b", "’s"], ["a b c", "n't"])
    found["other only"] = PhraseMatcher({"n't": "x", "’s": "y"})
    found["empty"] = matcher()
    return found


@pytest.mark.parametrize("seed", [1, 2])
def test_phrase_matcher_find_is_its_patterns_finditer(seed):
    from claimcheck.phrases import lower_same_length

    matchers = _phrase_matchers()
    phrases = sorted({p for m in matchers.values() for p in m.labels}) + ["a", "n", "n't", "’s", "don't"]
    rng = random.Random(seed)
    found = 0
    for text in glued(phrases, seed, 500, most=8, joins=_WORD_JOINS):
        low = lower_same_length(text)
        for lo, hi in _ranges(len(low), rng):
            for name, m in matchers.items():
                want = [(x.start(), x.end(), " ".join(x.group(0).split())) for x in m.pattern.finditer(low, lo, hi)]
                got = m.find(low, lo, hi)
                assert [g[:3] for g in got] == want, (name, low, lo, hi)
                assert all(label == m.labels.get(key, "") for _, _, key, label in got)
                found += len(want)
    assert found > 1000


def test_clause_index_built_only_where_a_pattern_matches_changes_no_claim(monkeypatch):
    from pathlib import Path

    from claimcheck import extraction
    from claimcheck.loading import load_document

    pack = load_rulepack()
    root = Path(__file__).resolve().parents[1]
    docs = [load_document(p) for folder in ("corpus", "corpus_unseen")
            for p in sorted((root / folder).iterdir()) if p.is_file()]
    built, made = [], []
    original = extraction._ClauseIndex.__init__
    original_answer = extraction._AnswerIndex.__init__

    def counting(self, *args):
        built.append(self)
        original(self, *args)

    def keeping(self, *args):
        made.append(self)
        original_answer(self, *args)

    monkeypatch.setattr(extraction._ClauseIndex, "__init__", counting)
    monkeypatch.setattr(extraction._AnswerIndex, "__init__", keeping)
    lazy = [extraction.extract_claims(d, pack) for d in docs]
    lazily_built, ranges = len(built), sum(len(ix._ranges) for ix in made)

    def whole(self, at):
        # The plain way: one index of every range of the answer, built up front.
        if "_whole" not in self.__dict__:
            self._whole = extraction._ClauseIndex(extraction._Marks(self.text), self.low, self._lexicon,
                                                  self._ranges)
        return self._whole

    monkeypatch.setattr(extraction._AnswerIndex, "clauses", whole)
    plain = [extraction.extract_claims(d, pack) for d in docs]
    assert plain == lazy
    assert sum(map(len, lazy)) > 100
    assert 0 < lazily_built < ranges  # some ranges never needed it


@pytest.mark.parametrize("seed", [1, 2])
def test_literal_starts_are_every_occurrence_of_every_string(seed):
    from claimcheck.literals import literal_starts

    sets = [(",", ";", ":"), ("19", "20"), ("a", "aa", "aaa"), ("ab", "b", "ba"), ("Sec", "sec", "§", "1"), ("x",)]
    pieces = ["a", "aa", "b", "ab", "ba", "19", "2019", "1920", ",", ";:", "Sec.", "§", "sec", "x"]
    for text in _glued(pieces, seed) + ["", "aaaa", "abab"]:
        for strings in sets:
            want = sorted({m.start() for s in strings for m in re.finditer("(?=" + re.escape(s) + ")", text)})
            assert literal_starts(text, strings) == want, (strings, text)
    with pytest.raises(ValueError):
        literal_starts("abc", ("a", ""))


@pytest.mark.parametrize("seed", [1, 2])
def test_punctuation_and_years_found_from_their_starts_are_the_plain_scans(seed):
    from claimcheck.extraction import _CLAUSE_PUNCT, _STRONG_PUNCT, _YEAR, _YEAR_STARTS
    from claimcheck.literals import finditer_at, leading_literals, literal_starts

    assert frozenset(_YEAR_STARTS) == leading_literals(_YEAR.pattern)
    pieces = ["1999", "2020", "19999", "x2015", "201", "19", "20", "2019.", "(2012)", "a, b", "c; d", "e: f",
              "1919", "2020s", "192019"]
    found = 0
    for text in _glued(pieces, seed):
        assert literal_starts(text, _CLAUSE_PUNCT) == [m.start() for m in re.finditer(r"[,;:]", text)]
        assert literal_starts(text, _STRONG_PUNCT) == [m.start() for m in re.finditer(r"[;:]", text)]
        years = [m.span() for m in finditer_at(literal_starts(text, _YEAR_STARTS), _YEAR, text)]
        assert years == [m.span() for m in _YEAR.finditer(text)], text
        found += len(years)
    assert found > 100


def _plain_split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """split_sentences as it was written before its boundaries were found from find loops."""
    from claimcheck.extraction import (
        _BOUNDARY, _HEADING, _INITIALS, _LIST_MARKER, _NUMBER_ABBREVIATIONS, ABBREVIATIONS, _add_span, _blocks)

    spans: list[tuple[int, int]] = []
    for start, end in _blocks(text):
        m = _LIST_MARKER.match(text, start, end)
        if m:
            start = m.end()
        h = _HEADING.match(text, start, end)
        if h and len(h.group(1).split()) <= 6:
            start = h.end()
        seg = start
        for b in _BOUNDARY.finditer(text, start, end):
            head = text[seg:b.start() + 1]
            before = head.rsplit(None, 1)[-1].lower() if head.strip() else ""
            if before in _NUMBER_ABBREVIATIONS and not text[b.end():b.end() + 1].isdigit():
                pass
            elif before in ABBREVIATIONS or _INITIALS.fullmatch(before) or before.startswith("§"):
                continue
            _add_span(spans, text, seg, b.start() + 1)
            seg = b.end()
        _add_span(spans, text, seg, end)
    return tuple(spans)


_SENTENCE_PIECES = ["The agency shares data", "U.S.", "§5.", "§§12-3.", "Mont.", "No.", "No. 5", "et seq.", "§ 2-6-1201.", "J. Smith",
                    "e.g.", "Yes", "no", "1. Data Encryption:", "- ", "(a) ", "It does?", "Wow!", "...", "?!",
                    '."', ".”", ".)", "a.b.", "Sec.", "2019.", "x", "Data Sharing: ", "Q", "“Quoted”", "(Paren)"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_split_sentences_is_the_plain_boundary_scan(seed):
    from claimcheck.extraction import split_sentences

    joins = [" ", "  ", ". ", "! ", "? ", "\n", "\n\n", ".\n", ": ", "", ". 5 ", ". A ", ".) B ", "\t"]
    spans = 0
    for text in glued(_SENTENCE_PIECES, seed, 800, most=10, joins=joins):
        assert split_sentences.__wrapped__(text) == _plain_split_sentences(text), text
        spans += len(_plain_split_sentences(text))
    assert spans > 1500


@pytest.mark.parametrize("pattern, strings", [
    ("licen[cs]e", {"licence", "license"}),
    ("authori[sz]ation", {"authorisation", "authorization"}),
    ("court order", {"court order"}),
    ("a|b", {"a", "b"}),
    (r"x\.y", {"x.y"}),
    ("[ab][cd]", {"ac", "ad", "bc", "bd"}),
])
def test_literal_strings_are_all_the_pattern_matches(pattern, strings):
    from claimcheck.literals import literal_strings

    assert literal_strings(pattern) == frozenset(strings)
    alphabet = sorted({c for s in strings for c in s} | {"z"})
    for s in strings:
        assert re.fullmatch(pattern, s)
    # Nothing else of those characters and lengths matches.
    for length in {len(s) for s in strings}:
        if length <= 3:
            for chars in itertools.product(alphabet, repeat=length):
                text = "".join(chars)
                assert bool(re.fullmatch(pattern, text)) == (text in strings), text


@pytest.mark.parametrize("pattern", ["", "a+", "a?", r"\bmou", r"logs?\b", "(?i)ab", r"a\s", "[a-z]x", "a.b", "(ab)"])
def test_literal_strings_give_none_for_anything_else(pattern):
    from claimcheck.literals import literal_strings

    assert literal_strings(pattern) is None


@pytest.mark.parametrize("pattern, width", [("abc", 3), ("a|bcd", 3), ("x{2,5}", 5), (r"\bmou", 3), (r"logs?\b", 4),
                                            ("a+", None), ("a?", None), ("a|(?=b)", None), ("", None)])
def test_match_width_is_the_longest_match_or_none(pattern, width):
    from claimcheck.literals import match_width

    assert match_width(pattern) == width


_MENTION_PIECES = _CLASS_PIECES + ["ICE", "ice", "DHS", "U.S. Immigration and Customs Enforcement", "SNAP",
                                   "Department of Homeland Security", "the DMV", "federal immigration authorities",
                                   "MOU", "x", "(", "“", "\x00"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mentions_found_in_joined_texts_are_each_texts_own(seed):
    from claimcheck.extraction import _entity_mentions, _joins_apart, _mention_finds
    from claimcheck.phrases import PhraseMatcher, lower_same_length

    pack = load_rulepack()
    texts = glued(_MENTION_PIECES, seed, 600, most=6, joins=["", " ", "\n", ". ", ", ", "-", "'s "])
    rng = random.Random(seed)
    mentions = 0
    for _ in range(60):
        group = rng.sample(texts, k=rng.randint(1, 12)) + rng.choice([[], [""], ["a"]])
        lows = [lower_same_length(t) for t in group]
        joined = _mention_finds(group, lows, pack)
        alone = [_mention_finds([t], [low], pack)[0] for t, low in zip(group, lows)]
        assert joined == alone, group
        for t, low, finds in zip(group, lows, joined):
            got = _entity_mentions(t, low, pack, {}, finds)
            assert got == _entity_mentions(t, low, pack, {}), t
            mentions += len(got)
    assert mentions > 100
    assert _mention_finds([], [], pack) == []
    assert not _joins_apart(PhraseMatcher({"a\x00b": "x"}), (), ())
