"""Document -> Citation: every authority a document cites, merged by normalised form."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from claimcheck.citations.order import natural_key, sort_citations
from claimcheck.citations.scan import Hit, scanner
from claimcheck.extraction import split_sentences
from claimcheck.models import Citation, CitationStatus, CitationUse, Document

def sentence_bounds(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence (from :func:`claimcheck.extraction.split_sentences`) that holds ``[start, end)``.

    The same sentences the extractor uses, so a citation and the claims it
    backs are cut alike; a citation that straddles a boundary gets the union.
    """
    hit = [(lo, hi) for lo, hi in spans if lo < end and start < hi]
    if not hit:
        return start, end
    return min(lo for lo, _ in hit), max(hi for _, hi in hit)


def citation_id(normalized: str) -> str:
    """A stable id from the normalised form: ``cite:8-u-s-c-1373``."""
    return "cite:" + (re.sub(r"[^a-z0-9]+", "-", normalized.lower()).strip("-") or "unnamed")


def find_citations(doc: Document, *, rules_folder: Path | None = None) -> list[Citation]:
    """Every authority cited in ``doc``'s answers: one :class:`Citation` per normalised form.

    Each citation lists every place it is cited (``uses``, with ``claims`` left
    empty for :func:`~claimcheck.citations.link_claims`) and takes the worst
    status of its uses. Sorted worst status first, then by normalised form.
    """
    found: dict[str, list[tuple[Hit, CitationUse]]] = {}
    scan = scanner(rules_folder)
    for answer in doc.answers:
        spans = split_sentences(answer.text)
        for hit in scan.scan(answer.text, doc.jurisdiction):
            left, right = sentence_bounds(spans, hit.start, hit.end)
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


