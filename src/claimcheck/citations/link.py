"""Citation + Claim + Finding -> Citation: what each authority is cited for.

An authority cited for two claims that a finding sets against each other is
itself suspect: at least one of the two uses must be wrong.
"""

from __future__ import annotations

from claimcheck.citations.order import natural_key, sort_citations
from claimcheck.models import Citation, CitationStatus, Claim, Finding

#: Finding kinds that do not set two claims against each other: a "certainty"
#: finding is the same claim stated with and without a hedge.
_NOT_OPPOSED = {"certainty"}


def link_claims(citations: list[Citation], claims: list[Claim],
                findings: list[Finding]) -> list[Citation]:
    """Fill each use's ``claims`` and mark authorities used for opposed claims.

    A claim backs a use when the claim's sentence span (``evidence.sentence_start``
    .. ``sentence_end`` in the same doc and answer) contains the citation's span.
    When two claims backed by the same authority appear together in one finding,
    the citation becomes ``contradictory_use`` with a reason naming both answers.
    Returns the citations (new objects where something changed), sorted worst
    status first, then by normalised form.
    """
    by_answer: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        by_answer.setdefault((claim.evidence.doc, claim.evidence.answer), []).append(claim)
    claim_by_id = {claim.id: claim for claim in claims}
    # Findings by the claims they involve, so each citation looks only at the
    # findings of the claims it backs (linear in corpus size, not quadratic).
    opposed_by_claim: dict[str, list[Finding]] = {}
    for f in sorted(findings, key=lambda f: f.id):
        if f.kind not in _NOT_OPPOSED:
            for claim_id in set(f.claims):
                opposed_by_claim.setdefault(claim_id, []).append(f)

    linked = []
    for citation in citations:
        uses = []
        for use in citation.uses:
            backing = sorted(
                c.id for c in by_answer.get((use.doc, use.answer), [])
                if c.evidence.sentence_start <= use.start and use.end <= c.evidence.sentence_end)
            # Most uses back no claim: the object as found is reused, not copied.
            uses.append(use if use.claims == tuple(backing) else use.model_copy(update={"claims": tuple(backing)}))
        backed = {claim_id for use in uses for claim_id in use.claims}
        update: dict = {"uses": tuple(uses)}
        candidates = sorted({f.id: f for c in backed for f in opposed_by_claim.get(c, ())}.values(),
                            key=lambda f: f.id)
        for finding in candidates:
            pair = [c for c in finding.claims if c in backed]
            if len(set(pair)) >= 2:
                first, second = (claim_by_id[c] for c in pair[:2])
                where = sorted({(first.evidence.doc, first.evidence.answer),
                                (second.evidence.doc, second.evidence.answer)},
                               key=lambda p: (p[0], natural_key(p[1])))
                places = " and ".join(f"answer {a}" + (f" of {d}" if len(
                    {p[0] for p in where}) > 1 else "") for d, a in where)
                update.update(status=CitationStatus.contradictory_use, reason=(
                    f"cited for claims that contradict each other ({places}; "
                    f"finding {finding.id}, rule {finding.rule})"))
                break
        changed = "status" in update or any(u is not o for u, o in zip(uses, citation.uses))
        linked.append(citation.model_copy(update=update) if changed else citation)
    return sort_citations(linked)
