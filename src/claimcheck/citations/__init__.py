"""The citations stage: which authorities a document leans on, and which need checking.

    rules.py  rules/citations/*.yaml -> validated models (templates, state codes, acts)
    scan.py   text                   -> Hit            (regex templates, overlaps resolved)
    find.py   Document               -> Citation       (merged by normalised form)
    link.py   Citation, Claim, Finding -> Citation    (claims filled, contradictory use)

Public API: :func:`find_citations` and :func:`link_claims`.
"""

from claimcheck.citations.find import find_citations
from claimcheck.citations.link import link_claims

__all__ = ["find_citations", "link_claims"]
