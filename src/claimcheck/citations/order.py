"""How citations are ordered: worst status first, answers in natural order."""

from __future__ import annotations

import re

from claimcheck.models import Citation, CitationStatus


def natural_key(value: str) -> tuple:
    """Sort "q2" before "q10"."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", value))


def sort_citations(citations: list[Citation]) -> list[Citation]:
    """Worst status first (the enum's order), then by normalised form and id."""
    order = list(CitationStatus)
    return sorted(citations, key=lambda c: (order.index(c.status), c.normalized.lower(), c.id))
