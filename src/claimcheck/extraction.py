"""Extraction stage: ``Document`` -> atomic ``Claim`` objects.

For each answer the text is split into sentences; for each sentence every
predicate whose keywords occur tries its patterns in order, and the first
match becomes a claim. Around the match, cue words from the lexicon decide

* polarity: a negation cue in the same clause, before or inside the match
  (NegEx-style: its reach ends at punctuation or a termination word);
* modality: normative > conditional > hedged > presupposed > asserted;
* conditions and exceptions: restriction vocabulary in the clause, and in
  an unless/except clause;

and the entities mentioned in the sentence give the scope (jurisdiction,
actor, counterpart, program). No I/O, no printing: data in, data out.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cached_property, lru_cache

from .models import Answer, Claim, Document, Evidence, Modality, Polarity, Scope, Topic
from .loading.jurisdiction import STATE_MENTION, normalize_jurisdiction
from .literals import (finditer_at, finditer_starting, literal_starts, literal_strings, match_starts, match_width,
                       passes)
from .phrases import NOT_AFTER_WORD, MatcherGroup, PhraseMatcher, TrieStarts, boundary_after_first, lower_same_length
from .rulepack import MASKS, Lexicon, Predicate, RulePack, entity_class

# ----------------------------------------------------------------- sentences

#: Tokens after which a period does not end a sentence (legal and common
#: abbreviations; single capitals such as initials are handled separately).
ABBREVIATIONS = frozenset(
    """u.s. u.s.c. c.f.r. mont. ann. pub. l. sec. secs. gov. gov't no. nos. v. vs. e.g. i.e. inc.
    dept. st. mr. ms. mrs. dr. et seq. rev. stat. stats. cal. tex. wash. welf. inst. art. const.
    jan. feb. mar. apr. aug. sept. sep. oct. nov. dec. corp. co. ltd. approx. etc. al. ch. para.
    subd. ord. reg. regs. admin. civ. crim. proc. penal. educ. fam. health. ins. lab. veh. ariz.
    amend. exec. att'y. gen. cir. supp. haw. prof. bus. evid. cf. pt. rptr. govt. secs.
    colo. conn. fla. ga. ill. ind. kan. ky. la. md. mass. mich. minn. miss. mo. neb. nev. n.h.
    n.j. n.m. n.y. n.c. n.d. okla. or. ore. pa. r.i. s.c. s.d. tenn. vt. va. w.va. wis. wyo.""".split()
)

#: Abbreviations that stand before a number ("No. 5"); before a word they end a sentence.
_NUMBER_ABBREVIATIONS = frozenset({"no.", "nos."})

_LIST_MARKER = re.compile(r"\s*(?:\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|[-*•●▪–])\s+")
_HEADING = re.compile(r"([A-Z][\w’'&/,() -]{0,60}?):\s+(?=\S)")
_BOUNDARY = re.compile(r"[.!?]+[\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9])")
#: The characters a sentence boundary starts with.
_STOPS = (".", "!", "?")


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph-like blocks: a blank line or a list item starts a new one.

    Hard-wrapped lines inside a paragraph stay together, so a sentence that
    runs over a line break is still one sentence.
    """
    blocks: list[tuple[int, int]] = []
    pos = 0
    start = None
    for line in text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        if not line.strip():
            if start is not None:
                blocks.append((start, lo - 1))
                start = None
            continue
        if start is not None and (_LIST_MARKER.match(line) or _ends_block(text, lo)):
            blocks.append((start, lo - 1))
            start = None
        if start is None:
            start = lo
    if start is not None:
        blocks.append((start, len(text)))
    return blocks


def _ends_block(text: str, line_start: int) -> bool:
    """Whether the line before ``line_start`` ended a block (a heading-like line with no
    sentence punctuation, followed by a capitalised line, is kept apart)."""
    prev = text[:line_start - 1].rsplit("\n", 1)[-1].rstrip()
    return prev.endswith(":") or (bool(prev) and prev[-1] not in ".,;!?)\"”’" and len(prev.split()) <= 8
                                  and text[line_start:line_start + 1].isupper())


#: Initials and dotted abbreviations ("u.s.", "j.") whose period ends no sentence.
_INITIALS = re.compile(r"(?:[a-z]\.)+")


@lru_cache(maxsize=512)
def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of ``text``: blocks first, then sentence punctuation.

    A block's leading list marker ("1.", "-") and a short heading ending in a
    colon ("Data Encryption:") are left out of the sentence that follows.
    Periods after abbreviations (U.S., Mont., et seq.) and initials do not
    end a sentence. Cached: extraction and citations both ask for the same
    answers' sentences.
    """
    spans: list[tuple[int, int]] = []
    # Where a boundary can start, for all blocks at once: a find loop per mark
    # (literals.literal_starts) costs less than _BOUNDARY.finditer testing its
    # class at every character (on the 1,000-doc corpus, with the token test
    # below: 0.454 -> 0.336 s).
    stops = literal_starts(text, _STOPS)
    for start, end in _blocks(text):
        m = _LIST_MARKER.match(text, start, end)
        if m:
            start = m.end()
        h = _HEADING.match(text, start, end)
        if h and len(h.group(1).split()) <= 6:
            start = h.end()
        seg = start
        candidates = stops[bisect.bisect_left(stops, start):bisect.bisect_left(stops, end)]
        for b in finditer_at(candidates, _BOUNDARY, text, end):
            stop = b.start() + 1
            # The word the mark ends (never blank: the mark itself is in it).
            before = text[seg:stop].rsplit(None, 1)[-1].lower()
            if before in _NUMBER_ABBREVIATIONS and not text[b.end():b.end() + 1].isdigit():
                pass  # "No. The agency…" is an answer, not "No. 5"
            elif before in ABBREVIATIONS or before[0] == "§" or (
                    before[1:2] == "." and _INITIALS.fullmatch(before)):  # only initials have "." second
                continue
            _add_span(spans, text, seg, stop)
            seg = b.end()
        _add_span(spans, text, seg, end)
    return tuple(spans)


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 3:
        spans.append((start, end))


# ------------------------------------------------------------------ cue index


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    id: str
    role: str


class _Spans:
    """Sorted spans of one cue category within an answer, queryable by range."""

    def __init__(self, spans: list[tuple[int, int, str]]):
        spans.sort()
        self.spans = spans
        self.starts = [s for s, _, _ in spans]

    def within(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        i = bisect.bisect_left(self.starts, lo)
        out = []
        while i < len(self.spans) and self.spans[i][0] < hi:
            out.append(self.spans[i])
            i += 1
        return out


def _cues(found: list[tuple[int, int, str, str]], label: str = "cue") -> list[tuple[int, int, str]]:
    """The spans labelled ``label`` among one cue list's matches (pseudo-cues are matched, then dropped)."""
    return [(s, e, text) for s, e, text, lab in found if lab == label]


@lru_cache(maxsize=8)
def _cue_lists(lex: Lexicon) -> MatcherGroup:
    """Every cue list of the lexicon, matched in one scan (see MatcherGroup)."""
    return MatcherGroup({f.name: getattr(lex, f.name) for f in fields(lex)})


#: What ends a clause (weakly), and what ends one strongly.
_CLAUSE_PUNCT = (",", ";", ":")
_STRONG_PUNCT = (";", ":")
# Scanned over every answer, so written with NOT_AFTER_WORD, not a leading \b.
_FEDERAL = re.compile("|".join(
    word[0] + NOT_AFTER_WORD + word[1:] + r"\b"
    for word in ("Federal", "federal", "FEDERAL", r"U\.?S\.?C", r"C\.F\.R", "Congress", "PRWORA", "IIRIRA", "INA")))
_WORD = re.compile(r"\w+")
# A comma between list items ("lists of litigants, witnesses or defendants"):
# a word or three, then "and"/"or". A comma right before "and" joins clauses.
_LIST_COMMA = re.compile(r",\s+(?:[\w’'-]+\s+){1,3}?(?:and|or)\s", re.IGNORECASE)
_YEAR = re.compile(rf"(?:1{NOT_AFTER_WORD}9|2{NOT_AFTER_WORD}0)\d\d\b")
#: Where a year can start, found with find loops (literals.literal_starts): on the
#: 1,000-doc corpus's answers 0.047 s, not the 0.112 s of _YEAR.finditer.
_YEAR_STARTS = ("19", "20")
#: Joins a document's texts for one scan of them all (_KeywordIndex.starts_each,
#: _mention_finds): no keyword, name or phrase they look for holds it.
_JOIN = "\x00"


class _Marks:
    """Punctuation, years and place names in one answer, each sorted, found once."""

    def __init__(self, text: str):
        # A few characters, rare in prose: one find loop each beats a regex scan for
        # a class of them (literals.literal_starts).
        self.punct = literal_starts(text, _CLAUSE_PUNCT)
        self.strong = literal_starts(text, _STRONG_PUNCT)
        self.years = _Spans([(m.start(), m.end(), m.group(0))
                             for m in finditer_at(literal_starts(text, _YEAR_STARTS), _YEAR, text)])
        self.federal = _Spans([(m.start(), m.end(), m.group(0)) for m in _FEDERAL.finditer(text)])
        self.states = _Spans([(m.start(), m.end(), normalize_jurisdiction(m.group(1)) or "")
                              for m in STATE_MENTION.finditer(text)])


class _ClauseIndex:
    """What deciding a match's polarity, modality and scope asks about ranges of an answer.

    The cue words in ``ranges`` (runs of sentences a predicate's keywords
    occur in: every question the extractor asks stays inside one sentence),
    with the answer's :class:`_Marks`.
    """

    def __init__(self, marks: _Marks, low: str, lexicon: Lexicon, ranges: list[tuple[int, int]]):
        self.punct, self.strong, self.years = marks.punct, marks.strong, marks.years
        self.federal, self.states = marks.federal, marks.states
        cues = _cue_lists(lexicon).find(low, ranges)
        self.negation = _Spans(_cues(cues["negation"]))
        self.termination = _Spans(_cues(cues["termination"]))
        self.hedge = _Spans(_cues(cues["hedge"]))
        self.normative = _Spans(_cues(cues["normative"]))
        self.cond_sentence = _Spans(_cues(cues["cond_sentence"]))
        self.cond_clause = _Spans(_cues(cues["cond_clause"]))
        self.exception = _Spans(_cues(cues["exception_markers"]))
        self.permission = _Spans(_cues(cues["permission"]))
        self.embedding = _Spans(_cues(cues["embedding"]))
        self.past = _Spans(_cues(cues["tense"], "past"))
        self.present = _Spans(_cues(cues["tense"], "present"))
        self.change = _Spans(_cues(cues["tense"], "change"))
        self.issuer = _Spans([(s, e, label) for s, e, _, label in cues["issuer"]])
        found = cues["conditions"]
        self.conditions = [(name, _Spans([(s, e, t) for s, e, t, lab in found if lab == name]))
                           for name in sorted({lab for *_, lab in found})]


class _AnswerIndex:
    """What every predicate tried on one answer's sentences needs: its entity mentions and masked text.

    The rest (cue words, punctuation, years, place names) only decides a
    match's polarity, modality and scope, and is found when a pattern first
    matches in a range of the answer (:meth:`clauses`): of the 65,524 ranges
    of the 1,000-doc benchmark corpus's 15,157 answers, 10,078 hold a match,
    in 8,473 answers.
    """

    def __init__(self, text: str, low: str, pack: RulePack, aliases: dict[str, str],
                 ranges: list[tuple[int, int]], finds: _Finds | None = None):
        self.text = text
        self.low = low
        self._lexicon = pack.lexicon
        self._ranges = ranges
        self._range_starts = [lo for lo, _ in ranges]
        self._clauses: dict[int, _ClauseIndex] = {}
        self.mentions = _entity_mentions(text, low, pack, aliases, finds)
        self.mention_starts = [m.start for m in self.mentions]
        self.masked = _mask(low, self.mentions)

    @cached_property
    def _marks(self) -> _Marks:
        return _Marks(self.text)

    def clauses(self, at: int) -> _ClauseIndex:
        """The clause index of the range that holds position ``at`` (a sentence's start)."""
        i = bisect.bisect_right(self._range_starts, at) - 1
        found = self._clauses.get(i)
        if found is None:
            found = self._clauses[i] = _ClauseIndex(self._marks, self.low, self._lexicon, self._ranges[i:i + 1])
        return found

    def mentions_in(self, lo: int, hi: int) -> list[_Mention]:
        i = bisect.bisect_left(self.mention_starts, lo)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < hi:
            out.append(self.mentions[i])
            i += 1
        return out


#: What _entity_mentions scans a text for: entity names (PhraseMatcher.find of
#: the lowered text), exact-case names (start, end, text), and per entity class
#: where its matches can start (None: scan the text).
_Finds = tuple[list[tuple[int, int, str, str]], list[tuple[int, int, str]], list[list[int] | None]]


def _mention_finds(texts: Sequence[str], lows: Sequence[str], pack: RulePack) -> list[_Finds]:
    """The scans of :func:`_entity_mentions` for each of ``texts`` (``lows`` lowered), run once for all.

    The texts (a document's answers, or its questions) are joined by _JOIN.
    Names, exact names and the words class shapes start with are literal
    phrases that do not hold it, and where their patterns look at the
    character before or after a phrase, a join is no word character, as the
    edge of a text is not: each find lies where it lies in its own text. A
    document costs three scans and a find loop per class word instead of
    that many for each answer and question (the 1,000-doc corpus, CPU time:
    extract_claims 5.14 -> 4.98 s, document_topic 0.25 -> 0.17 s).
    """
    starts = [_class_starts(pat) for _, pat in pack.entity_classes]
    leads = [s for s in starts if isinstance(s, tuple)]
    if len(texts) <= 1:
        if not texts:
            return []
        offsets, text, low = [0], texts[0], lows[0]
    elif _joins_apart(pack.entity_names, tuple(pack.entity_exact), tuple(leads)):
        offsets = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        text, low = _JOIN.join(texts), _JOIN.join(lows)
    else:  # a name holds the joining character: each text alone
        return [_mention_finds([t], [lo], pack)[0] for t, lo in zip(texts, lows)]
    names = _per_text(offsets, pack.entity_names.find(low))
    exact = _per_text(offsets, [(m.start(), m.end(), m.group(0)) for m in pack.entity_exact_re.finditer(text)])
    classes: list[list[list[int] | None]] = [[] for _ in offsets]
    for found in starts:
        if isinstance(found, tuple):
            for i, positions in enumerate(_positions_per_text(offsets, literal_starts(text, found))):
                classes[i].append(positions)
        else:  # not a few literal words: each text is scanned by itself
            for own in classes:
                own.append(None)
    return list(zip(names, exact, classes))


@lru_cache(maxsize=8)
def _joins_apart(names: PhraseMatcher, exact: tuple[str, ...], leads: tuple[tuple[str, ...], ...]) -> bool:
    """Whether no entity name, exact name or class word holds _JOIN (never so in a real rule pack)."""
    return not any(_JOIN in p for p in (*names.labels, *exact, *(w for ws in leads for w in ws)))


def _per_text(offsets: list[int], found: list[tuple]) -> list[list[tuple]]:
    """``found`` (sorted, each starting with its start and end in the joined text) split by text, made local."""
    out: list[list[tuple]] = [[] for _ in offsets]
    i, last = 0, len(offsets) - 1
    for item in found:
        while i < last and item[0] >= offsets[i + 1]:
            i += 1
        off = offsets[i]
        out[i].append((item[0] - off, item[1] - off, *item[2:]))
    return out


def _positions_per_text(offsets: list[int], positions: list[int]) -> list[list[int]]:
    """Sorted ``positions`` in the joined texts split by text, made the text's own."""
    out: list[list[int]] = [[] for _ in offsets]
    i, last = 0, len(offsets) - 1
    for k in positions:
        while i < last and k >= offsets[i + 1]:
            i += 1
        out[i].append(k - offsets[i])
    return out


def _entity_mentions(text: str, low: str, pack: RulePack, aliases: dict[str, str],
                     finds: _Finds | None = None) -> list[_Mention]:
    """Entity mentions, longest first where they overlap, in text order.

    ``finds``: what :func:`_mention_finds` found in ``text``, if it was asked.
    """
    names, exact, class_starts = finds if finds is not None else _mention_finds([text], [low], pack)[0]
    ents = pack.entities
    found = [_Mention(s, e, ent_id, ents[ent_id].role) for s, e, _, ent_id in names]
    for start, end, written in exact:
        ent_id = pack.entity_exact[written]
        found.append(_Mention(start, end, ent_id, ents[ent_id].role))
    listed_spans = sorted((m.start, m.end) for m in found)
    for (cls, pat), candidates in zip(pack.entity_classes, class_starts):
        for m in (finditer_at(candidates, pat, text) if candidates is not None else _finditer_class(pat, text)):
            end, name_end = m.end(), m.end("name")
            # A class shape must not swallow a listed name after it: "Bureau of
            # Motor Vehicles and U.S. Immigration and Customs Enforcement".
            for ls, _ in listed_spans:
                if m.start("name") < ls < end:
                    end = name_end = ls
                    break
            name = _TRAILING_JOINERS.sub("", text[m.start("name"):name_end])
            if name:
                end = m.start("name") + len(name)
                found.append(_Mention(m.start(), end, cls.prefix + _entity_key(name), cls.role))
    for alias, ent_id in aliases.items():
        cls = entity_class(ent_id, pack)
        role = ents[cls].role if cls else "actor"
        found.extend(_Mention(m.start(), m.end(), ent_id, role)
                     for m in re.finditer(r"\b" + re.escape(alias) + r"\b", text))
    # Longest mention wins where mentions overlap; ties go to the earlier one.
    taken = bytearray(len(text) + 1)
    kept: list[_Mention] = []
    # A listed name beats a class shape of the same length ("Department of
    # Homeland Security" is DHS, not some state department).
    listed = {m.id for m in found if m.id in ents}
    for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start, m.id not in listed, m.id)):
        if not any(taken[m.start:m.end]):
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))


#: What a class name may not end with ("Department of Labor and" -> "Department of Labor").
_TRAILING_JOINERS = re.compile(r"(?:[\s,]+(?:and|&|of|for|the))*[\s,]*$")


def _finditer_class(pattern: re.Pattern[str], text: str):
    """``pattern.finditer(text)`` for an entity class, tried only where a match can start.

    A class pattern opens with ``\\b`` ("\\b(?:Department|Office|…) of"), so ``re``
    tries it at every position of every answer; the capitalised words it
    starts with are found far faster (literals.finditer_starting; on the
    1,000-doc corpus 0.38 -> 0.19 s with a regex of those words, -> 0.14 s
    with a find loop for each). The same matches, in the same order.
    """
    return finditer_starting(_class_starts(pattern), pattern, text)


@lru_cache(maxsize=64)
def _class_starts(pattern: re.Pattern[str]) -> tuple[str, ...] | re.Pattern[str] | None:
    """Where matches of ``pattern`` can start (see literals.match_starts), or None."""
    if pattern.flags & re.IGNORECASE:
        return None  # leading_literals reads the letters as written
    return match_starts(pattern.pattern)


def _mask(low: str, mentions: list[_Mention]) -> str:
    """``low`` with every actor and counterpart mention written over (see rulepack.MASKS).

    The mentions of _entity_mentions come in text order without overlaps, so
    the text is cut at the two or three masked ones (the 1,000-doc corpus:
    0.37 -> 0.13 s in cProfile) rather than copied into a list of its characters;
    mentions in any other order are written over one by one, later ones last.
    """
    pieces: list[str] = []
    pos = 0
    for m in mentions:
        mark = MASKS.get(m.role)
        if mark and m.end - m.start >= len(mark):
            if m.start < pos:  # not in order: write over a list of characters instead
                return _mask_chars(low, mentions)
            pieces += (low[pos:m.start], mark + "q" * (m.end - m.start - len(mark)))
            pos = m.end
    if not pieces:
        return low
    pieces.append(low[pos:])
    return "".join(pieces)


def _mask_chars(low: str, mentions: list[_Mention]) -> str:
    """:func:`_mask` for mentions in any order: each written over the characters in turn."""
    chars = list(low)
    for m in mentions:
        mark = MASKS.get(m.role)
        if mark and m.end - m.start >= len(mark):
            chars[m.start:m.end] = mark + "q" * (m.end - m.start - len(mark))
    return "".join(chars)


def _entity_key(name: str) -> str:
    words = name.replace("’", "'").split()
    while words and words[0].lower() == "the":
        words = words[1:]
    while words and words[-1].lower() in {"and", "of", "the", "for", "&"}:
        words = words[:-1]
    return " ".join(w.lower() for w in words)


#: What an alias definition must contain (the acronym _document_aliases reads).
_PARENTHESISED_ACRONYM = re.compile(r"\([A-Z][A-Za-z]{1,9}\)")


def _document_aliases(doc: Document, pack: RulePack) -> dict[str, str]:
    """Acronyms a document defines for named agencies: "… Services (DPHHS)"."""
    aliases: dict[str, str] = {}
    for answer in doc.answers:
        # Every alias is a parenthesised acronym: an answer without one defines
        # none, and one cheap search spares scanning it for every agency name.
        if not _PARENTHESISED_ACRONYM.search(answer.text):
            continue
        for cls, pat in pack.entity_classes:
            for m in _finditer_class(pat, answer.text):
                after = re.match(r"\s*\(([A-Z][A-Za-z]{1,9})\)", answer.text[m.end():m.end() + 14])
                if after and after.group(1) not in aliases:
                    aliases[after.group(1)] = cls.prefix + _entity_key(m.group("name"))
    return dict(sorted(aliases.items()))


# ------------------------------------------------------------------ keywords


def _branches(regex: str) -> list[str]:
    """The top-level branches of ``regex``: ``"a|b(c|d)|[|]"`` -> ``["a", "b(c|d)", "[|]"]``."""
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(regex):
        ch = regex[i]
        if ch == "\\":
            i += 2  # an escaped character is never a bar or a bracket
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            # "]" first in a class ("[]a]", "[^]a]") is a literal, not its end.
            if regex.startswith("^", i + 1):
                i += 1
            if regex.startswith("]", i + 1):
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(regex[start:i])
            start = i + 1
        i += 1
    parts.append(regex[start:])
    return parts


def _keyword_branches(keywords: re.Pattern[str]) -> tuple[re.Pattern[str], ...]:
    """``keywords`` as separately compiled top-level branches; just ``keywords`` if it cannot be split.

    A pattern matches at a position exactly when one of its branches does.
    A branch that does not compile alone (a back-reference) or loses an
    inline flag such as ``(?i)`` means the pattern is kept whole.
    """
    parts = _branches(keywords.pattern)
    if len(parts) < 2:
        return (keywords,)
    parts = [boundary_after_first(part) for part in parts]  # \bmou: 12x faster, same matches
    try:
        compiled = tuple(re.compile(part, keywords.flags) for part in parts)
    except re.error:
        return (keywords,)
    if any(c.flags != keywords.flags for c in compiled):
        return (keywords,)
    return compiled


class _KeywordIndex:
    """Where each predicate's keywords match in an answer: what ``finditer`` finds, found faster.

    Why: an alternation of twenty keyword fragments makes ``re`` try every
    branch at almost every position, and there are seventeen predicates.
    Most branches are plain words ("shar", "court order"): they go into
    one trie (phrases.TrieStarts), which reports the longest of them
    starting at each position; every plain branch that it starts with
    matches there too. Other branches (``\\bmou``, ``licen[cs]e``) are
    scanned alone. From those positions, :meth:`starts` keeps what
    ``finditer`` would: the next one after each match's end.
    """

    def __init__(self, keywords: Mapping[str, re.Pattern[str]]):
        self.keywords = dict(keywords)
        #: plain branch -> the predicates that have it
        self.plain: dict[str, set[str]] = {}
        #: branches scanned alone, with their predicate
        self.scans: list[tuple[re.Pattern[str], str]] = []
        for name, pattern in self.keywords.items():
            for branch in _keyword_branches(pattern):
                # "licen[cs]e" is two plain words: the trie finds them in its scan,
                # where a scan of its own costs as much as it does for "licence".
                words = literal_strings(branch.pattern) if branch.flags == re.UNICODE else None
                if words and all(re.fullmatch(r"[\w ]+", w) for w in words):
                    for word in words:
                        self.plain.setdefault(word, set()).add(name)
                else:
                    self.scans.append((branch, name))
        # Where a plain branch starts, and the longest one there (see TrieStarts: the
        # "(?=(trie))" scan it replaces cost twice as much).
        self.trie = TrieStarts(self.plain, space=" ")
        #: longest plain branch found -> the predicates with a branch it starts with (filled as met)
        self._owners: dict[str, list[str]] = {}
        #: the longest match of each predicate's keywords, when it is known and none is empty
        self.widths = {name: match_width(pattern.pattern, pattern.flags) for name, pattern in self.keywords.items()}

    def _owners_of(self, longest: str) -> list[str]:
        if longest not in self._owners:
            self._owners[longest] = sorted({name for branch, names in self.plain.items()
                                            if longest.startswith(branch) for name in names})
        return self._owners[longest]

    def starts(self, low: str) -> dict[str, list[int]]:
        """For each predicate, where the matches of ``keywords.finditer(low)`` start."""
        return self._starts(low, self.trie.find(low))

    def starts_each(self, lows: Sequence[str]) -> list[dict[str, list[int]]]:
        """:meth:`starts` of each of ``lows`` (a document's answers).

        Their plain branches are found in one trie scan of the texts joined by
        a character that no plain branch holds (letters, digits and spaces are
        all they hold), so no match reaches across a join and each is where it
        is in its own text: a document costs nineteen scans, not nineteen an
        answer (the trie over d1000's answers: 0.70 -> 0.55 s).
        """
        offsets = list(itertools.accumulate((len(low) + 1 for low in lows[:-1]), initial=0))
        found: list[list[tuple[int, str]]] = [[] for _ in lows]
        for start, longest in self.trie.find(_JOIN.join(lows)):
            i = bisect.bisect_right(offsets, start) - 1
            found[i].append((start - offsets[i], longest))
        return [self._starts(low, hits) for low, hits in zip(lows, found)]

    def _starts(self, low: str, plain: list[tuple[int, str]]) -> dict[str, list[int]]:
        """:meth:`starts`, given the trie's finds in ``low``."""
        candidates: dict[str, set[int]] = {name: set() for name in self.keywords}
        for start, longest in plain:
            for name in self._owners_of(longest):
                candidates[name].add(start)
        for branch, name in self.scans:
            candidates[name].update(m.start() for m in branch.finditer(low))
        # Most predicates have no candidate in an answer: no match, nothing to check.
        return {name: _finditer_starts(self.keywords[name], low, sorted(found), self.widths[name]) if found else []
                for name, found in candidates.items()}


def _finditer_starts(keywords: re.Pattern[str], low: str, candidates: list[int],
                     width: int | None = None) -> list[int]:
    """The starts of ``keywords.finditer(low)``, given every position where ``keywords`` matches.

    ``width`` is the longest a match can be, when known: a match cannot reach
    a candidate that far on, so its end (a ``match`` call) is needed only
    when the next candidate is nearer (d1000: at 427 of 197,986 candidates).
    """
    found: list[int] = []
    pos = 0
    last = len(candidates) - 1
    for i, k in enumerate(candidates):
        if k < pos:
            continue  # inside the previous match: finditer does not look there
        if width is not None and (i == last or candidates[i + 1] >= k + width):
            found.append(k)
            continue
        m = keywords.match(low, k)
        if m is None or m.end() == k:
            # Not expected (a branch matched here); an empty match follows
            # finditer's own rules, so let it decide.
            return [m.start() for m in keywords.finditer(low)]
        found.append(k)
        pos = m.end()
    return found


@lru_cache(maxsize=8)
def _keyword_index(keywords: tuple[tuple[str, re.Pattern[str]], ...]) -> _KeywordIndex:
    return _KeywordIndex(dict(keywords))


# ------------------------------------------------------------------ claims


def extract_claims(doc: Document, pack: RulePack) -> list[Claim]:
    """All claims in ``doc``, in document order, with ids ``{path}#{answer}:c{n}``."""
    aliases = _document_aliases(doc, pack)
    keywords = _keyword_index(tuple((p.id, p.keywords) for p in pack.predicates.values()))
    order = {pred_id: i for i, pred_id in enumerate(pack.predicates)}
    claims: list[Claim] = []
    lows = [lower_same_length(answer.text) for answer in doc.answers]
    # Which sentences each predicate's keywords occur in: one scan of the
    # answers for all of them (see _KeywordIndex), not one per sentence.
    keyword_starts = keywords.starts_each(lows)
    finds = _mention_finds([answer.text for answer in doc.answers], lows, pack)
    for answer, low, found_starts, answer_finds in zip(doc.answers, lows, keyword_starts, finds):
        sentences = split_sentences(answer.text)
        if not sentences:
            continue
        starts = [s for s, _ in sentences]
        hits: list[set[str]] = [set() for _ in sentences]
        for pred_id, found in found_starts.items():
            for k in found:
                i = bisect.bisect_right(starts, k) - 1
                if i >= 0 and k < sentences[i][1]:
                    hits[i].add(pred_id)
        if not any(hits):
            continue
        ranges: list[tuple[int, int]] = []
        for (lo, hi), wanted in zip(sentences, hits):
            if wanted:
                if ranges and lo - ranges[-1][1] <= 2:
                    ranges[-1] = (ranges[-1][0], hi)
                else:
                    ranges.append((lo, hi))
        index = _AnswerIndex(answer.text, low, pack, aliases, ranges, answer_finds)
        n = 0
        for (s_start, s_end), wanted in zip(sentences, hits):
            # The predicates the sentence's keywords hit, in the pack's order: a
            # sentence hits one or two of them, so sorting those is cheaper than
            # walking all seventeen to ask each whether it is wanted.
            if not wanted:
                continue
            roles: set[str] | None = None
            for pred_id in sorted(wanted, key=order.__getitem__):
                pred = pack.predicates[pred_id]
                if pred.requires:
                    # A scope's actor, counterpart and program are mentions in the
                    # sentence (_scope): with none of a role the predicate requires,
                    # no pattern of it can make a claim here (d1000: 77,198 of
                    # 183,581 tries).
                    if roles is None:
                        roles = {m.role for m in index.mentions_in(s_start, s_end)}
                    if any(need in _MENTION_ROLES and need not in roles for need in pred.requires):
                        continue
                claim = _match_predicate(pred, doc, answer, index, s_start, s_end, pack,
                                         f"{doc.path}#{answer.id}:c{n + 1}")
                if claim is not None:
                    n += 1
                    claims.append(claim)
    return _with_answered_questions(doc, pack, aliases, claims)


#: The Scope fields that hold a mention of the sentence in that role, or None.
_MENTION_ROLES = ("actor", "counterpart", "program")


# ------------------------------------------------- bare yes/no answers

#: An answer that opens with a bare "Yes." or "No." (not "No formal agreement…").
_BARE_ANSWER = re.compile(r"\s*(Yes|No)\s*[.,!;:—–]")


def _with_answered_questions(doc: Document, pack: RulePack, aliases: dict[str, str],
                             claims: list[Claim]) -> list[Claim]:
    """``claims`` plus, after each answer's own, the claims its bare "Yes."/"No." makes of its question.

    "Does the DMV share photos with ICE?" answered "No. Photos stay in the
    state's system." denies sharing, though the answer's words claim nothing:
    the claim is in the question. The question is read like an answer; "Yes"
    keeps the polarity its words have, "No" flips it. The claim's evidence is
    the answer's word, quoted with the question (id ``…#{answer}:q{n}``).
    Skipped: a predicate the answer's first sentence claims itself (its own
    words rule), and a negated question ("Can't residents …?" — "No." agrees
    or disagrees by convention, not by logic).
    """
    by_answer: dict[str, list[Claim]] = {}
    for c in claims:
        by_answer.setdefault(c.answer, []).append(c)
    out: list[Claim] = []
    for answer in doc.answers:
        own = by_answer.get(answer.id, [])
        out.extend(own)
        bare = _BARE_ANSWER.match(answer.text)
        if not bare or not answer.question.strip():
            continue
        spans = split_sentences(answer.text)
        first = next((sp for sp in spans if sp[0] >= bare.end(1) + 1), None)
        claimed = {c.predicate for c in own if first and c.evidence.sentence_start == first[0]}
        question = Answer(id=answer.id, question="", text=answer.question, line=answer.question_line)
        word, w0, w1 = bare.group(1), bare.start(1), bare.end(1)
        n = 0
        for c in extract_claims(doc.model_copy(update={"answers": (question,)}), pack):
            if c.predicate in claimed or c.polarity == Polarity.negated:
                continue
            claimed.add(c.predicate)
            n += 1
            polarity = Polarity.negated if word == "No" else Polarity.affirmed
            text = f"{word}, in answer to: {' '.join(answer.question.split())}"
            out.append(c.model_copy(update={
                "id": f"{doc.path}#{answer.id}:q{n}", "polarity": polarity, "text": text,
                "line": answer.line_of(w0), "pattern": f"answer_{word.lower()}+{c.pattern}",
                "cues": (word.lower(),) + c.cues,
                "evidence": Evidence(doc=doc.path, answer=answer.id, start=w0, end=w1, line=answer.line_of(w0),
                                     sentence=text, sentence_start=w0, sentence_end=w1,
                                     cue=word)}))
    return out


def _match_predicate(pred: Predicate, doc: Document, answer: Answer, ix: _AnswerIndex,
                     s_start: int, s_end: int, pack: RulePack, claim_id: str) -> Claim | None:
    """The claim ``pred``'s first matching pattern makes in the sentence, with id ``claim_id``; else None."""
    text = answer.text
    masked = ix.masked
    sentence_low = masked[s_start:s_end]
    for pat in pred.patterns:
        # Most patterns of a predicate its keywords hit cannot match the sentence:
        # a literal the pattern needs ("consent", "warrant") is not there. Looking
        # for it costs less than a regex search (which cannot use those literals).
        if not passes(pat.prefilter, sentence_low):
            continue
        m = pat.regex.search(masked, s_start, s_end)
        if m is None:
            continue
        ms, me = m.start(), m.end()
        cx = ix.clauses(s_start)
        clause_lo = _clause_start(cx, s_start, ms, weak=True)
        hedge_lo = _clause_start(cx, s_start, ms, weak=False)
        clause_hi = _clause_end(cx, me, s_end)
        if pat.exclude is not None and pat.exclude.search(ix.masked, clause_lo, clause_hi):
            continue
        strong_lo = max([s_start] + [p + 1 for p in cx.strong if s_start <= p < ms])
        if any(_near(text, e0, ms, max_words=6) for e0, _, _ in cx.embedding.within(strong_lo, ms + 1)):
            continue  # "explains when a warrant is needed": reported, not asserted
        cues: list[str] = []

        polarity = pat.polarity
        if not (pat.fixed or pat.presupposed):
            # A negation reaches the claim only from inside its last clause:
            # in "has no policy, but it shares…" the "no" stays behind "but".
            neg_lo = _clause_start(cx, clause_lo, me, weak=True)
            # A list comma inside the claim's own words does not end its clause:
            # "do not send lists of litigants, witnesses or defendants to ICE".
            while neg_lo > max(clause_lo, ms) and _LIST_COMMA.match(text, neg_lo - 1):
                neg_lo = _clause_start(cx, clause_lo, neg_lo - 1, weak=True)
            negs = [c for c in cx.negation.within(neg_lo, me) if _near(text, c[0], ms)]
            if any(c[2].lower() == "neither" for c in negs):  # "neither … nor" is one negation
                negs = [c for c in negs if c[2].lower() != "nor"]
            cues += [c[2] for c in negs]
            if len(negs) % 2 == 1:
                polarity = "negated" if polarity == "affirmed" else "affirmed"

        modality, mod_cues = _modality(cx, text, s_start, hedge_lo, ms, me, clause_hi, pat.presupposed)
        cues += mod_cues

        mentions = ix.mentions_in(s_start, s_end)
        scope = _scope(pred, doc, cx, mentions, s_start, s_end, ms, me, pack, hedge_lo)
        if any(getattr(scope, need) is None for need in pred.requires):
            continue
        exceptions, exc_lo = _exceptions(cx, ms, s_end)
        if polarity == "negated" and not pat.fixed and modality == "asserted" and exc_lo < s_end \
                and not any(me <= p < exc_lo for p in cx.strong):
            modality = "conditional"  # "not shared unless a judge signs a warrant" restricts, it does not deny
        conditions = sorted({name for name, spans in cx.conditions
                             if any(lo >= hedge_lo and lo < min(clause_hi, exc_lo) for lo, _, _ in spans.within(hedge_lo, clause_hi))})
        sentence = text[s_start:s_end]
        # A state change in the claim's own words ("the agreement expired in
        # 2017 and was not renewed") is present, past wording or not: the
        # state it starts holds now.
        tense = "past" if cx.past.within(hedge_lo, clause_hi) and not cx.present.within(hedge_lo, clause_hi) \
            and not cx.change.within(ms, me) else "present"
        years = tuple(sorted({int(y) for _, _, y in cx.years.within(hedge_lo, clause_hi)}))
        return Claim(
            id=claim_id,
            doc=doc.path,
            answer=answer.id,
            predicate=pred.id,
            polarity=Polarity(polarity),
            modality=Modality(modality),
            scope=scope,
            text=sentence,
            line=answer.line_of(ms),
            evidence=Evidence(doc=doc.path, answer=answer.id, start=ms, end=me, line=answer.line_of(ms),
                              sentence=sentence, sentence_start=s_start, sentence_end=s_end,
                              cue=text[ms:me]),
            pattern=pat.id,
            cues=tuple(dict.fromkeys(c.lower() for c in cues)),
            conditions=tuple(conditions),
            exceptions=tuple(exceptions),
            tense=tense,
            years=years,
        )
    return None


def _near(text: str, cue_start: int, match_start: int, max_words: int = 12) -> bool:
    """A negation cue reaches at most ``max_words`` words ahead of the claim's words."""
    if cue_start >= match_start:
        return True
    return len(_WORD.findall(text, cue_start, match_start)) <= max_words


def _clause_start(ix: _ClauseIndex, s_start: int, ms: int, *, weak: bool) -> int:
    """Where the clause holding ``ms`` begins: after punctuation or a termination word."""
    marks = ix.punct if weak else ix.strong
    i = bisect.bisect_left(marks, ms) - 1
    lo = marks[i] + 1 if i >= 0 and marks[i] >= s_start else s_start
    for t0, t1, _ in ix.termination.within(lo, ms):
        if t1 <= ms:
            lo = t1
    return lo


def _clause_end(ix: _ClauseIndex, me: int, s_end: int) -> int:
    i = bisect.bisect_left(ix.strong, me)
    hi = ix.strong[i] if i < len(ix.strong) and ix.strong[i] < s_end else s_end
    for t0, _, _ in ix.termination.within(me, hi):
        return t0
    return hi


def _modality(ix: _ClauseIndex, text: str, s_start: int, lo: int, ms: int, me: int, clause_hi: int,
              presupposed: bool) -> tuple[str, list[str]]:
    norm = ix.normative.within(lo, me)
    if norm:
        return "normative", [norm[0][2]]
    # A sentence-level conditional cue ("if", "would") anywhere before the
    # claim's end in its clause, or opening the sentence.
    j = bisect.bisect_left(ix.punct, me)
    comma_hi = min(clause_hi, ix.punct[j]) if j < len(ix.punct) else clause_hi
    cond = ix.cond_sentence.within(lo, comma_hi) + \
        [c for c in ix.cond_sentence.within(s_start, lo) if c[0] <= s_start + 1]
    if cond:
        return "conditional", [cond[0][2]]
    for c0, _, word in ix.cond_clause.within(s_start, ms + 1):
        if c0 <= ms and not any(c0 < p < ms for p in ix.punct):
            return "conditional", [word]
    hedges = []
    for h0, h1, word in ix.hedge.within(lo, me):
        if word.lower() == "may" and ix.permission.within(h1, clause_hi):
            continue  # "may … only": permission, not doubt
        hedges.append(word)
    if hedges:
        return "hedged", hedges[:1]
    if presupposed:
        return "presupposed", []
    return "asserted", []


def _exceptions(ix: _ClauseIndex, ms: int, s_end: int) -> tuple[list[str], int]:
    """Condition names inside the first unless/except clause at or after the claim."""
    for e0, e1, _ in ix.exception.within(ms, s_end):
        hi = s_end
        j = bisect.bisect_left(ix.strong, e1)
        if j < len(ix.strong) and ix.strong[j] < s_end:
            hi = ix.strong[j]
        names = sorted({name for name, spans in ix.conditions if spans.within(e1, hi)})
        return names, e0
    return [], s_end


def _scope(pred: Predicate, doc: Document, ix: _ClauseIndex, mentions: list[_Mention], s_start: int,
           s_end: int, ms: int, me: int, pack: RulePack, clause_lo: int) -> Scope:
    def pick(role: str) -> str | None:
        of_role = [m for m in mentions if m.role == role]
        if not of_role:
            return None
        if role == "actor":
            # The subject usually comes first in its clause ("County jails in
            # the state honor…"); failing that, the nearest mention before.
            in_clause = [m for m in of_role if clause_lo <= m.start < me]
            before = [m for m in of_role if m.start < me]
            return (in_clause[0] if in_clause else before[-1] if before else of_role[0]).id
        return of_role[0].id

    jurisdiction = doc.jurisdiction
    # "federal" inside a counterpart's name ("federal immigration
    # authorities") says who receives the data, not whose law it is.
    federal = [f for f in ix.federal.within(s_start, me)
               if not any(m.role == "counterpart" and m.start <= f[0] < m.end for m in mentions)]
    if pred.law and federal:
        jurisdiction = "US"
    else:
        named = ix.states.within(s_start, s_end)
        distinct = {w for _, _, w in named}
        if len(distinct) == 1:
            jurisdiction = named[0][2]
        elif len(distinct) > 1:
            before = [n for n in named if n[0] < me]
            jurisdiction = (before[-1] if before else named[0])[2]
    level = _issuer_level(ix, s_start, s_end, me) if pred.law and jurisdiction != "US" else None
    return Scope(jurisdiction=jurisdiction, actor=pick("actor"), counterpart=pick("counterpart"),
                 program=pick("program"), level=level)


def _issuer_level(ix: _ClauseIndex, s_start: int, s_end: int, me: int) -> str | None:
    """Who issued the law a claim is about: the nearest issuer cue up to the
    claim's words ("no state statute limits …"), else the first after them
    ("… limits cooperation under a county ordinance")."""
    before = ix.issuer.within(s_start, me)
    if before:
        return before[-1][2]
    after = ix.issuer.within(me, s_end)
    return after[0][2] if after else None


# ------------------------------------------------------------------ topic


def document_topic(doc: Document, pack: RulePack) -> Topic:
    """The actor and program a whole page is about, for comparing it with other pages.

    Within a page, a claim that names no actor ("records are shared only with
    a court order") is about the page's subject, which every other claim on
    the page shares. Across pages it is still about *its own* page's subject:
    a tax page's unplaced claim says nothing about school districts. The
    subject is what the title names; failing that, what at least a third of
    the questions name (the most often named, then the first named).
    """
    aliases = _document_aliases(doc, pack)
    found: dict[str, str | None] = {"actor": None, "program": None}
    if doc.title:
        for m in _entity_mentions(doc.title, lower_same_length(doc.title), pack, aliases):
            if m.role in found and found[m.role] is None:
                found[m.role] = m.id
    questions = [a.question for a in doc.answers if a.question]
    mentioned: list[list[_Mention]] = []  # each question's mentions, found when a role needs them
    for role in found:
        if found[role] is not None or not questions:
            continue
        if not mentioned:
            lows = [lower_same_length(q) for q in questions]
            mentioned = [_entity_mentions(q, low, pack, aliases, finds)
                         for q, low, finds in zip(questions, lows, _mention_finds(questions, lows, pack))]
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for i, mentions in enumerate(mentioned):
            for ent in {m.id for m in mentions if m.role == role}:
                counts[ent] = counts.get(ent, 0) + 1
                first.setdefault(ent, i)
        if counts:
            best = min(counts, key=lambda e: (-counts[e], first[e], e))
            if 3 * counts[best] >= len(questions):
                found[role] = best
    return Topic(actor=found["actor"], program=found["program"])
