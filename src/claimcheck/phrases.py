"""Fast matching of many literal phrases in one pass.

Python's ``re`` tries every branch of an alternation at every position, so
fifty phrases cost fifty times one. Folding the phrases into a trie-shaped
pattern (shared prefixes written once) and matching lower-cased text
without ``re.IGNORECASE`` makes a cue list cost about as much as one word
(measured on the seed: entity names 9 ms -> 1 ms).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cached_property

_APOSTROPHES = ("'", "’")

#: "Not after a word character", for use right after a pattern's first
#: (word) character: it looks two back. Written there instead of a leading
#: ``\b``, it lets a pattern start with a literal, so ``re`` skips ahead to
#: where that character occurs instead of trying every position (3-12x
#: faster on the scans that run over every answer), with the same matches.
NOT_AFTER_WORD = r"(?<!\w[\s\S])"

#: A pattern that opens with a word boundary before a letter, digit or small class of them.
_LEADING_BOUNDARY = re.compile(r"\\b(\[[A-Za-z0-9]+\]|[A-Za-z0-9])(?=[A-Za-z0-9\[(\\])")


def boundary_after_first(pattern: str) -> str:
    """``\\b[Ff]ederal…`` as ``[Ff](?<!\\w[\\s\\S])ederal…`` (see NOT_AFTER_WORD); other patterns unchanged."""
    m = _LEADING_BOUNDARY.match(pattern)
    if m is None:
        return pattern
    return m.group(1) + NOT_AFTER_WORD + pattern[m.end():]


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping every offset valid (a few characters lengthen when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _variants(phrase: str) -> set[str]:
    phrase = " ".join(phrase.lower().split())
    out = {phrase}
    for a in _APOSTROPHES:
        for b in _APOSTROPHES:
            out.add(phrase.replace(a, b))
    return out


def trie_pattern(words: Iterable[str], *, space: str = r"\s+", chars: Mapping[str, str] | None = None,
                 after_first: str = "") -> str:
    """One regex for many literal words, shared prefixes written once; the longest match wins.

    A space in a word stands for ``space`` (any run of white space unless told);
    ``chars`` maps other characters to the pattern that stands for them
    (``{"'": "['’]"}``). ``after_first`` is written after each word's first
    character: a look-behind placed there (see :data:`NOT_AFTER_WORD`) lets
    ``re`` skip to where a word can start.
    """
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    pieces = {" ": space, **(chars or {})}

    def build(node: dict, after: str = "") -> str:
        ends = "" in node
        alts = [pieces.get(ch, re.escape(ch)) + after + build(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return build(root, after_first)


class TrieStarts:
    """Every position where one of many literal words starts, with the longest word there.

    ``find(text)`` gives, in text order, what ``finditer`` of
    ``(?=({trie_pattern(words)}){after})`` gives as ``(m.start(), m.group(1))``,
    optionally with ``after_first`` (a look-behind) after the first character.

    Why not that one regex: a pattern that opens with a look-ahead is tried
    at every position of the text, which costs ~60 ns a character. Here the
    words are grouped by their first character, and each group is one
    pattern ``c(?=(rest))`` that opens with the literal ``c``: ``re`` jumps
    straight to the next ``c``, and matching only that one character lets
    the next search start right after it, so no start is missed. About
    twenty such scans cost half what the one look-ahead scan costs (keyword
    index, 1,000-doc benchmark corpus: 1.29 -> 0.66 s). Positions found by
    different groups never coincide, since their first characters differ.
    """

    def __init__(self, words: Iterable[str], *, space: str = r"\s+", after_first: str = "", after: str = ""):
        by_first: dict[str, list[str]] = {}
        for w in words:
            if w:
                by_first.setdefault(w[0], []).append(w[1:])
        if " " in by_first:  # never so in the rule pack: a word's first character is a space
            raise ValueError("a word may not start with a space")
        #: (first character, its pattern), one for each first character
        self.scans = [(first, re.compile(re.escape(first) + after_first
                                         + "(?=(" + trie_pattern(rests, space=space) + ")" + after + ")"))
                      for first, rests in sorted(by_first.items())]

    def find(self, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, str]]:
        """(start, the longest word starting there as written in ``text``) in ``text[pos:endpos]``, in order."""
        end = len(text) if endpos is None else endpos
        found = [(m.start(), first + m.group(1))
                 for first, pattern in self.scans for m in pattern.finditer(text, pos, end)]
        found.sort()
        return found


class WordStarts:
    """Every position where one of many phrases starts a word, with the longest one there that ends a word.

    ``find(text)`` gives, in text order, what ``finditer`` of
    ``(?<![\\w'’])(?=(TRIE)(?!\\w))`` gives as ``(m.start(), m.group(1))``,
    TRIE being ``trie_pattern(words, space=space)``.

    Why not that regex: it opens with a look-behind, so ``re`` tries it at
    every position of the text. A word starts after a character that is no
    word character, and most often after a space: ``" (?=(TRIE)(?!\\w))"``
    opens with a literal, so ``re`` jumps from one space to the next. A scan
    that opens with a class of the other such characters, written as ASCII
    ranges (``re`` tests it with a bitmap; the exact look-behind follows),
    finds the words after a newline, a bracket or a quotation mark; and a
    word right at ``pos``, whose character before lies outside the range,
    is one ``match``. The cue lists' word phrases over the 1,000-doc benchmark
    corpus's answers: 0.62 -> 0.37 s (CPU time, median of 5); on texts cut to
    50 characters the two ways cost the same.
    """

    def __init__(self, words: Iterable[str], *, space: str = r"\s+"):
        words = [w for w in words if w]
        if any(w[0] == " " for w in words):  # its first character would stand for any white space
            raise ValueError("a word may not start with a space")
        self._trie = "(?=(" + trie_pattern(words, space=space) + r")(?!\w))" if words else None
        # Most characters of that class are a comma or a full stop before a space:
        # asking for a word's first character next rejects them before the trie.
        self._first = "[" + "".join(sorted({re.escape(w[0]) for w in words})) + "]"

    @cached_property
    def _scans(self) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        # Compiled when first used: a rule pack builds a dozen matchers, and a
        # run that takes every file from the cache uses none of them.
        return (re.compile(" " + self._trie),
                re.compile(r"[^A-Za-z0-9_'’ ](?=" + self._first + r")(?<![\w'’])" + self._trie),
                re.compile(r"(?<![\w'’])" + self._trie))

    def find(self, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, str]]:
        """(start, the longest phrase starting a word there, as written) in ``text[pos:endpos]``, in order."""
        if self._trie is None:
            return []
        end = len(text) if endpos is None else endpos
        after_space, after_other, at = self._scans
        # The two scans match the character before the word: the word starts one on.
        found = [(m.start() + 1, m.group(1)) for m in after_space.finditer(text, pos, end)]
        found += [(m.start() + 1, m.group(1)) for m in after_other.finditer(text, pos, end)]
        first = at.match(text, pos, end)  # its look-behind sees the character before ``pos``
        if first is not None:
            found.append((pos, first.group(1)))
        found.sort()
        return found


class PhraseMatcher:
    """Finds phrases (case-insensitively, on word boundaries) and says which label each has.

    A phrase that starts with a letter must start a word ("not" does not
    match in "cannot"); one that starts otherwise ("n't") may follow a
    letter. Where phrases overlap the longest wins, so a pseudo-cue such as
    "not only" hides the cue "not" inside it.
    """

    def __init__(self, phrases: Mapping[str, str]):
        self.labels: dict[str, str] = {}
        for phrase, label in phrases.items():
            for v in _variants(phrase):
                self.labels.setdefault(v, label)
        # A contraction ending ("n't") is written after a letter, not at a word start.
        attached = {p for p in self.labels if len(p) > 1 and p[1] in _APOSTROPHES}
        word = [p for p in self.labels if p[:1].isalnum() and p not in attached]
        other = [p for p in self.labels if p and (not p[:1].isalnum() or p in attached)]
        # Kept for MatcherGroup, which needs each matcher's phrases of each kind.
        self.word_phrases = frozenset(word)
        self.other_phrases = frozenset(other)
        self._word = WordStarts(word)
        # A contraction ending ("n't") opens with a character ``re`` can jump to.
        self._other = TrieStarts(other, after=r"(?!\w)") if other else None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The plain regex: :meth:`find` gives what its ``finditer`` finds (kept for comparing)."""
        parts = []
        if self.word_phrases:
            parts.append(r"(?<![\w'’])" + trie_pattern(self.word_phrases))
        if self.other_phrases:
            parts.append(trie_pattern(self.other_phrases))
        return re.compile("(?:" + "|".join(parts) + r")(?!\w)" if parts else r"(?!x)x")

    def find(self, low: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, str, str]]:
        """(start, end, matched text, label) in ``low[pos:endpos]`` (text from :func:`lower_same_length`).

        What ``pattern.finditer`` finds, worked out from where phrases start
        (WordStarts, TrieStarts; the pattern opens with a look-behind, so
        ``re`` would try it at every position): at one position the pattern
        tries the word phrases before the others, and after a match it goes
        on from the match's end.
        """
        end = len(low) if endpos is None else endpos
        starts = [(start, False, text) for start, text in self._word.find(low, pos, end)]
        if self._other is not None:
            starts += [(start, True, text) for start, text in self._other.find(low, pos, end)]
            starts.sort()
        out = []
        free = pos
        for start, _, text in starts:
            if start < free:
                continue  # inside the previous match
            key = " ".join(text.split())
            free = start + len(text)
            out.append((start, free, key, self.labels.get(key, "")))
        return out

    def __bool__(self) -> bool:
        return bool(self.labels)


_WORD_CHAR = re.compile(r"\w")


class MatcherGroup:
    """Several :class:`PhraseMatcher` run as one scan of a text, each with its own results.

    Why: the extractor asks eleven cue lists about the same sentences, and
    each ``find`` is a scan of its own. Here one trie of every list's
    phrases reports, at each position, the longest phrase any list has
    there (a lookahead, so positions inside a longer phrase are reported
    too). A list's own match at that position is its longest phrase that
    the reported one starts with and that ends at a word boundary; skipping
    the positions inside a list's previous match, as its ``find`` does,
    gives exactly the matches its ``find`` would give.
    """

    def __init__(self, matchers: Mapping[str, PhraseMatcher]):
        self.matchers = dict(matchers)
        word = frozenset().union(*(m.word_phrases for m in self.matchers.values()))
        other = frozenset().union(*(m.other_phrases for m in self.matchers.values()))
        # As in PhraseMatcher: word phrases start a word, the others ("n't") may follow a letter.
        self._word = WordStarts(word)
        self._other = TrieStarts(other, after=r"(?!\w)") if other else None
        #: (other kind?, longest phrase found) -> [(matcher name, its phrase, label)], filled as met.
        self._own: dict[tuple[bool, str], list[tuple[str, str, str]]] = {}

    def _own_phrases(self, other: bool, found: str) -> list[tuple[str, str, str]]:
        """Each matcher's longest phrase of the same kind that ``found`` starts with, cut at a word boundary."""
        key = (other, found)
        if key not in self._own:
            cuts = [k for k in range(len(found), 0, -1) if k == len(found) or not _WORD_CHAR.match(found[k])]
            own = []
            for name, m in self.matchers.items():
                phrases = m.other_phrases if other else m.word_phrases
                for k in cuts:
                    if found[:k] in phrases:
                        own.append((name, found[:k], m.labels[found[:k]]))
                        break
            self._own[key] = own
        return self._own[key]

    def find(self, low: str, ranges: Iterable[tuple[int, int]]) -> dict[str, list[tuple[int, int, str, str]]]:
        """For each matcher, what its ``find(low, lo, hi)`` gives for each range, in range order."""
        out: dict[str, list[tuple[int, int, str, str]]] = {name: [] for name in self.matchers}
        for lo, hi in ranges:
            # At one position a matcher tries its word phrases before the others; False sorts first.
            found = [(start, False, text) for start, text in self._word.find(low, lo, hi)]
            if self._other is not None:
                found += [(start, True, text) for start, text in self._other.find(low, lo, hi)]
                found.sort()
            free = dict.fromkeys(self.matchers, lo)  # where each matcher's next match may start
            for start, other, text in found:
                for name, phrase, label in self._own_phrases(other, " ".join(text.split())):
                    if start < free[name]:
                        continue  # inside this matcher's previous match
                    end = start + len(phrase) if text.startswith(phrase) else _raw_end(low, start, phrase)
                    out[name].append((start, end, phrase, label))
                    free[name] = end
        return out


def _raw_end(low: str, start: int, phrase: str) -> int:
    """Where ``phrase`` ends in ``low`` from ``start`` when the text has runs of white space for its spaces."""
    i = start
    for ch in phrase:
        if ch == " ":
            while low[i].isspace():
                i += 1
        else:
            i += 1
    return i


def matcher(cues: Iterable[str] = (), pseudo: Iterable[str] = ()) -> PhraseMatcher:
    """A matcher labelling ``cues`` "cue" and ``pseudo`` (cue look-alikes) "pseudo"."""
    table = {p: "pseudo" for p in pseudo}
    table.update({c: "cue" for c in cues if c not in table})
    return PhraseMatcher(table)
