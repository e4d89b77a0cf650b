"""The citations stage: which authorities a document leans on, and which need checking.

    rules.py  rules/citations/*.yaml -> validated models (templates, state codes, acts)
    scan.py   text                   -> Hit            (regex templates, overlaps resolved)
    find.py   Document               -> Citation       (merged by normalised form)
    link.py   Citation, Claim, Finding -> Citation    (claims filled, contradictory use)

Public API: :func:`find_citations` and :func:`link_claims`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimcheck.models import Citation, Claim, Document, Finding

__all__ = ["find_citations", "link_claims"]


def find_citations(doc: Document, **kwargs) -> list[Citation]:
    """Every authority ``doc`` cites (see :func:`claimcheck.citations.find.find_citations`)."""
    # Imported here: a run whose files all come from the cache only links
    # citations, and should not pay for loading the scanner and its rules.
    from claimcheck.citations.find import find_citations as find

    return find(doc, **kwargs)


def link_claims(citations: list[Citation], claims: list[Claim], findings: list[Finding]) -> list[Citation]:
    """Tie citations to the claims they back (see :func:`claimcheck.citations.link.link_claims`)."""
    from claimcheck.citations.link import link_claims as link

    return link(citations, claims, findings)
