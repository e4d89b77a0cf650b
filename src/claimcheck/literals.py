"""The literal strings a regular expression cannot match without.

``required_literals(pattern)`` reads a pattern's parse tree and returns clauses:
each clause is a set of strings, and any text the pattern finds a match in
contains at least one string of *every* clause. Testing a few substrings with
``in`` is far cheaper than running a regex that starts with a look-behind or an
optional group (the regex engine then tries every position), so a caller can
skip a pattern on a text that fails a clause, and get the same matches.

The analysis is deliberately conservative: anything it does not understand
(look-arounds, back-references, case-insensitive parts, large character
classes) yields no clause rather than a guess. Fewer clauses only means fewer
texts skipped, never a lost match. It uses the standard library's regex parser
(``re._parser``, as ``sre_parse`` is deprecated); should that ever change
shape, the caller gets no clauses and runs every pattern as before.

The same analysis of how matches *start* (``leading_literals``) gives
``match_starts``, and ``finditer_starting`` then tries a pattern only where one
of those strings occurs, found with a ``str.find`` loop for each of a few
strings (``literal_starts``, ``finditer_at``) or one regex of many
(``start_regex``, ``finditer_from``): the citation scanner and the
entity-class scan of extraction both use them.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older layout
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

#: A clause with more alternatives than this costs more to test than it saves.
MAX_ALTERNATIVES = 16
#: A character class is expanded into alternatives only when this small ([Ss], [Ff]).
MAX_CLASS = 4

Clause = frozenset


def required_literals(pattern: str, flags: int = 0) -> list[frozenset[str]]:
    """Clauses every match of ``re.compile(pattern, flags)`` satisfies (see the module doc).

    Most selective first (longest shortest string). Empty when nothing is certain.
    """
    try:
        parsed = _p.parse(pattern, flags)
        if (parsed.state.flags | flags) & re.IGNORECASE:
            return []
        clauses = _sequence(list(parsed))
    except Exception:  # an unfamiliar parse tree: no pre-filter, never a wrong one
        return []
    unique = sorted(set(clauses), key=lambda c: (-min(map(len, c)), len(c), sorted(c)))
    return unique


def literal_strings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Every string ``pattern`` matches, when it is only literal characters and tiny
    classes (``licen[cs]e`` -> licence, license) and they are few; else None."""
    try:
        parsed = _p.parse(pattern, flags)
        if (parsed.state.flags | flags) & re.IGNORECASE:
            return None
        strings = {""}
        for op, av in parsed:
            chars = _chars(op, av)
            if chars is None:
                return None
            strings = {s + c for s in strings for c in chars}
            if len(strings) > MAX_ALTERNATIVES:
                return None
    except Exception:  # an unfamiliar parse tree: no answer rather than a wrong one
        return None
    return frozenset(strings) if strings != {""} else None


def match_width(pattern: str, flags: int = 0) -> int | None:
    """The most characters a match of ``pattern`` can span, or None when that is
    unbounded, unknown, or the pattern can match the empty string."""
    try:
        low, high = _p.parse(pattern, flags).getwidth()
    except Exception:
        return None
    return high if 0 < low and high < _c.MAXREPEAT - 1 else None


def passes(clauses: list[frozenset[str]], text: str) -> bool:
    """Whether ``text`` satisfies every clause (holds one string of each: could contain a match).

    Plain loops, not ``all(any(...))``: the extractor asks this for every
    pattern of every predicate a sentence's keywords hit (930,000 times on
    the 1,000-page benchmark corpus), it nearly always fails on the first
    clause, and making the generators cost more than the ``in`` tests
    (a third of the time this way).
    """
    for clause in clauses:
        for string in clause:
            if string in text:
                break
        else:  # no string of this clause occurs
            return False
    return True


def _chars(op, av) -> set[str] | None:
    """The characters one element matches, when it is a literal or a tiny class."""
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN:
        chars: set[str] = set()
        for item_op, item_av in av:
            if item_op is _c.LITERAL:
                chars.add(chr(item_av))
            elif item_op is _c.RANGE and item_av[1] - item_av[0] < MAX_CLASS:
                chars.update(chr(x) for x in range(item_av[0], item_av[1] + 1))
            else:  # NEGATE, CATEGORY, a wide range
                return None
        return chars if 0 < len(chars) <= MAX_CLASS else None
    return None


def _minimal(strings: set[str]) -> frozenset[str] | None:
    """Drop strings that contain another of the set (finding the shorter one suffices)."""
    if not strings or "" in strings:
        return None
    kept = {s for s in strings if not any(o != s and o in s for o in strings)}
    return frozenset(kept) if len(kept) <= MAX_ALTERNATIVES else None


def _best(clauses: list[frozenset[str]]) -> frozenset[str] | None:
    if not clauses:
        return None
    return max(clauses, key=lambda c: (min(map(len, c)), -len(c)))


def _sequence(items) -> list[frozenset[str]]:
    """Clauses of a concatenation: runs of adjacent literals, and each part's own."""
    clauses: list[frozenset[str]] = []
    run: set[str] = {""}

    def flush() -> None:
        nonlocal run
        clause = _minimal(run) if run != {""} else None
        if clause is not None:
            clauses.append(clause)
        run = {""}

    for op, av in items:
        chars = _chars(op, av)
        if chars is not None:
            grown = {s + c for s in run for c in chars}
            if len(grown) > MAX_ALTERNATIVES:
                flush()
                grown = set(chars)
            run = grown
            continue
        # Anything else ends the run: what it matches lies between the literals.
        flush()
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if not add_flags & re.IGNORECASE:
                clauses.extend(_sequence(list(sub)))
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            clauses.extend(_sequence(list(av)))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            if low >= 1:  # the item occurs at least once
                clauses.extend(_sequence(list(sub)))
        elif op is _c.BRANCH:
            # Some alternative matched: the union of one clause from each holds.
            union: set[str] = set()
            for alternative in av[1]:
                best = _best(_sequence(list(alternative)))
                if best is None:
                    union = set()
                    break
                union |= best
            clause = _minimal(union)
            if clause is not None:
                clauses.append(clause)
        # AT, ANY, CATEGORY, look-arounds, back-references: no clause.
    flush()
    return clauses


def trie_regex(strings) -> str:
    """One regex matching exactly the given literal strings, shared prefixes written once.

    :func:`phrases.trie_pattern` with a space matched as itself (no white-space
    folding). At a position the longest of the strings wins. No capture
    groups, so ``findall`` returns the strings matched.
    """
    from .phrases import trie_pattern

    return trie_pattern(strings, space=re.escape(" "))


class LiteralScan:
    """Which of many literal strings occur in a text, found in one regex pass.

    ``occurring(text)`` equals ``{s for s in strings if s in text}``, but scans the
    text once instead of once per string: the strings become one trie regex
    (:func:`trie_regex`), which the regex engine skips through quickly when the
    strings start with characters that are rare in the text.

    ``findall`` does not report overlapping matches, so two kinds of occurrence
    are recovered afterwards: a string inside a found one occurs with it (also
    one that is a prefix of the longest match at a position), and a string that
    starts inside a found one and runs past its end is tested with ``in``.
    """

    def __init__(self, strings) -> None:
        self.strings = frozenset(s for s in strings if s)
        self._regex = re.compile(trie_regex(self.strings)) if self.strings else None
        #: string -> the strings it contains (itself included)
        self._within = {m: frozenset(s for s in self.strings if s in m) for m in self.strings}
        #: string -> the strings that may start inside it and end after it
        self._straddling = {
            m: tuple(sorted(s for s in self.strings if s not in m
                            and any(s.startswith(m[i:]) for i in range(1, len(m)))))
            for m in self.strings}

    def occurring(self, text: str) -> set[str]:
        """The strings that occur in ``text`` (see the class doc)."""
        if self._regex is None:
            return set()
        found = set(self._regex.findall(text))
        out: set[str] = set()
        for m in found:
            out |= self._within[m]
        for m in found:
            for s in self._straddling[m]:
                if s not in out and s in text:
                    out.add(s)
        return out


#: Items that match without consuming text: ``\b``, ``^``, look-aheads and look-behinds.
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)


def leading_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` starts with, or None.

    ``re`` skips quickly to where a match can start only when a pattern begins
    with a literal or a character class; one that begins with a look-behind or
    an optional group is tried at every position. A regex of these strings
    (see :func:`trie_regex`) finds the candidate starts fast instead.
    None when the analysis cannot tell (the same conservative reading as
    :func:`required_literals`), or when the pattern can match the empty string.
    """
    try:
        parsed = _p.parse(pattern, flags)
        if (parsed.state.flags | flags) & re.IGNORECASE:
            return None
        strings, nullable = _lead(list(parsed))
    except Exception:  # an unfamiliar parse tree: no answer rather than a wrong one
        return None
    if strings is None or nullable or not strings or "" in strings:
        return None
    return frozenset(strings)


def starts_slowly(pattern: str, flags: int = 0) -> bool:
    """True when ``pattern`` begins with a zero-width item or an optional one (see above)."""
    try:
        items = list(_p.parse(pattern, flags))
    except Exception:
        return False
    while items:
        op, av = items[0]
        if op in _ZERO_WIDTH:
            return True
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            return av[0] == 0
        if op is _c.SUBPATTERN:
            items = list(av[3])
            continue
        return False
    return False


def _lead(items) -> tuple[set[str] | None, bool]:
    """(strings every match of the sequence starts with, whether it can match empty).

    The strings are None when unknown. A nullable sequence's strings are those of
    its matches that are not empty; the caller adds what follows.
    """
    out: set[str] = set()
    for index, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        chars = _chars(op, av)
        if chars is not None:
            run = set(chars)
            for next_op, next_av in items[index + 1:]:
                if next_op in _ZERO_WIDTH:
                    continue
                more = _chars(next_op, next_av)
                if more is None or len(run) * len(more) > MAX_ALTERNATIVES:
                    break
                run = {s + c for s in run for c in more}
            return out | run, False
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if add_flags & re.IGNORECASE:
                return None, False
            inner, nullable = _lead(list(sub))
        elif op is _c.BRANCH:
            inner, nullable = set(), False
            for alternative in av[1]:
                strings, empty = _lead(list(alternative))
                if strings is None:
                    return None, False
                inner |= strings
                nullable = nullable or empty
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            inner, nullable = _lead(list(sub))
            nullable = nullable or low == 0
        else:  # ANY, CATEGORY, wide classes, back-references: cannot tell
            return None, False
        if inner is None:
            return None, False
        out |= inner
        if not nullable:
            return out, False
    return out, True


def start_regex(pattern: str) -> re.Pattern[str] | None:
    """A regex of the strings ``pattern``'s matches start with, when ``re`` would try
    ``pattern`` at every position (it begins with a look-behind, ``\\b`` or an optional
    group) and those strings are known (:func:`leading_literals`); else None."""
    if not starts_slowly(pattern):
        return None
    leading = leading_literals(pattern)
    return re.compile(trie_regex(leading)) if leading else None


def literal_starts(text: str, strings) -> list[int]:
    """Every position where one of ``strings`` begins in ``text``, in order (a position once).

    One ``str.find`` loop per string: ``find`` skips to the next occurrence
    about as fast as ``memchr``, while ``re`` scanning for a character class
    tests every character (~5 ns each). On the 1,000-doc benchmark corpus's
    answers, ``[,;:]`` found with ``finditer`` took 0.139 s, with three find
    loops 0.02 s. Best for a few strings that are rare in prose.
    """
    found: list[int] = []
    find, add = text.find, found.append
    for string in strings:
        if not string:
            raise ValueError("an empty string starts everywhere")
        i = find(string)
        while i >= 0:
            add(i)
            i = find(string, i + 1)
    if len(strings) > 1:
        found = sorted(set(found))  # one string may begin with another ("Sec", "S")
    return found


def finditer_at(starts, regex: re.Pattern[str], text: str, endpos: int | None = None):
    """``regex.finditer(text, 0, endpos)``, trying ``regex`` only at the positions ``starts`` (in order).

    ``starts`` must hold every position where a match of ``regex`` can begin
    (others are tried and passed over), e.g. :func:`literal_starts` of
    :func:`leading_literals`. The matches are ``regex``'s own, found left to
    right without overlap as finditer finds them. ``regex`` must not match
    the empty string.
    """
    pos = 0
    match = regex.match
    end = len(text) if endpos is None else endpos
    for k in starts:
        if k < pos:
            continue  # inside the previous match
        m = match(text, k, end)
        if m is not None:
            yield m
            pos = m.end()


#: Up to this many strings, one find loop each (literal_starts) costs less than one
#: regex scan for all of them: the citation templates with 4 and 8 leading strings
#: took 0.085 -> 0.066 s and 0.163 -> 0.092 s on the 1,000-doc corpus, the one with 22
#: took 0.010 -> 0.039 s.
FIND_LOOPS_MAX = 10


def match_starts(pattern: str) -> tuple[str, ...] | re.Pattern[str] | None:
    """How :func:`finditer_starting` finds where matches of ``pattern`` can begin.

    None when ``re`` itself is quick to find them (the pattern begins with a
    literal or a class) or they are not known; else the strings matches begin
    with (:func:`leading_literals`): a few as a tuple, for find loops; more as
    one regex of them (:func:`start_regex`).
    """
    if not starts_slowly(pattern):
        return None
    leading = leading_literals(pattern)
    if not leading:
        return None
    if len(leading) <= FIND_LOOPS_MAX:
        return tuple(sorted(leading))
    return re.compile(trie_regex(leading))


def finditer_starting(starts: tuple[str, ...] | re.Pattern[str] | None, regex: re.Pattern[str], text: str):
    """``regex.finditer(text)``, tried only where ``starts`` (from :func:`match_starts`) says a match can begin."""
    if starts is None:
        return regex.finditer(text)
    if isinstance(starts, tuple):
        return finditer_at(literal_starts(text, starts), regex, text)
    return finditer_from(starts, regex, text)


def finditer_from(starts: re.Pattern[str], regex: re.Pattern[str], text: str):
    """``regex.finditer(text)``, trying ``regex`` only where ``starts`` matches.

    ``starts`` must match wherever a match of ``regex`` can begin (it may match
    elsewhere too: those positions are tried and passed over). The matches are
    ``regex``'s own, found left to right without overlap as finditer finds them.
    ``regex`` must not match the empty string.
    """
    pos = 0
    search, match = starts.search, regex.match
    while True:
        candidate = search(text, pos)
        if candidate is None:
            return
        m = match(text, candidate.start())
        if m is None:
            pos = candidate.start() + 1
        else:
            yield m
            pos = m.end()
