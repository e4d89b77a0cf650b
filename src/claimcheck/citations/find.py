"""Document -> Citation: every authority a document cites, merged by normalised form."""

from __future__ import annotations

import re
from pathlib import Path

from claimcheck.citations.scan import Hit, scanner
from claimcheck.models import Citation, CitationStatus, CitationUse, Document

#: Words that end in a period without ending a sentence (legal abbreviations).
_ABBREVIATIONS = {
    "mont", "ann", "pub", "sec", "secs", "gov", "govt", "gov't", "no", "nos", "stat", "stats", "rev",
    "v", "vs", "seq", "inc", "co", "corp", "dept", "art", "const", "amend", "ch", "pt", "exec",
    "att'y", "gen", "cir", "supp", "cal", "tex", "wash", "colo", "fla", "ga", "ariz", "ark",
    "conn", "del", "haw", "ill", "ind", "kan", "ky", "la", "me", "md", "mass", "mich", "minn",
    "miss", "mo", "neb", "nev", "okla", "or", "pa", "tenn", "vt", "va", "wis", "wyo", "welf",
    "inst", "prof", "bus", "civ", "proc", "crim", "fam", "educ", "veh", "evid", "cf", "e.g",
    "i.e", "etc", "approx", "mr", "ms", "mrs", "dr", "st", "l", "ed", "rptr", "subd", "para",
}
_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“(]?[A-Z0-9])|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence that holds ``text[start:end]``.

    A line break always ends a sentence; a period ends one unless it closes a
    legal abbreviation ("Mont.", "U.S.C.", "Pub.") or falls inside the citation.
    """
    left, right = 0, len(text)
    for m in _END.finditer(text):
        if start <= m.start() < end or _is_abbreviation(text, m.start()):
            continue
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start() + (1 if text[m.start()] in ".!?" else 0)
            break
    return left, right


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"[\w.'’]*$", text[max(0, dot - 20):dot]).group(0).replace("’", "'")
    return (word.lower().strip(".") in _ABBREVIATIONS or bool(re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word))
            or bool(re.fullmatch(r"\d+", word) and dot + 2 < len(text) and text[dot + 2].isdigit()))


def citation_id(normalized: str) -> str:
    """A stable id from the normalised form: ``cite:8-u-s-c-1373``."""
    return "cite:" + (re.sub(r"[^a-z0-9]+", "-", normalized.lower()).strip("-") or "unnamed")


def natural_key(value: str) -> tuple:
    """Sort "q2" before "q10"."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", value))


def find_citations(doc: Document, *, rules_folder: Path | None = None) -> list[Citation]:
    """Every authority cited in ``doc``'s answers: one :class:`Citation` per normalised form.

    Each citation lists every place it is cited (``uses``, with ``claims`` left
    empty for :func:`~claimcheck.citations.link_claims`) and takes the worst
    status of its uses. Sorted worst status first, then by normalised form.
    """
    found: dict[str, list[tuple[Hit, CitationUse]]] = {}
    scan = scanner(rules_folder)
    for answer in doc.answers:
        for hit in scan.scan(answer.text, doc.jurisdiction):
            left, right = sentence_bounds(answer.text, hit.start, hit.end)
            use = CitationUse(doc=doc.path, answer=answer.id, line=answer.line_of(hit.start),
                              start=hit.start, end=hit.end,
                              sentence=" ".join(answer.text[left:right].split()))
            found.setdefault(hit.normalized, []).append((hit, use))
    return sort_citations([_merge(normalized, pairs) for normalized, pairs in found.items()])


def _merge(normalized: str, pairs: list[tuple[Hit, CitationUse]]) -> Citation:
    order = list(CitationStatus)
    first = pairs[0][0]
    worst = min((hit for hit, _ in pairs), key=lambda h: order.index(h.status))
    uses = sorted((use for _, use in pairs),
                  key=lambda u: (u.doc, natural_key(u.answer), u.start))
    answers = sorted({(u.doc, u.answer) for u in uses}, key=lambda p: (p[0], natural_key(p[1])))
    return Citation(
        id=citation_id(normalized), cited_as=first.text, normalized=normalized, kind=first.kind,
        jurisdiction=first.jurisdiction, answers=tuple({"doc": d, "answer": a} for d, a in answers),
        status=worst.status, reason=worst.reason, url=first.url, uses=tuple(uses))


def sort_citations(citations: list[Citation]) -> list[Citation]:
    """Worst status first (the enum's order), then by normalised form and id."""
    order = list(CitationStatus)
    return sorted(citations, key=lambda c: (order.index(c.status), c.normalized.lower(), c.id))
