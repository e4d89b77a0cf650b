"""claimcheck: find the places where a Q&A document contradicts itself.

The pipeline, one module per stage:

    loading      paths            -> Document          (claimcheck.loading)
    extraction   Document         -> Claim             (claimcheck.extraction)
    citations    Document, Claim  -> Citation          (claimcheck.citations)
    engine       ClaimFacts       -> Finding, Relation (claimcheck.engine; ClaimFacts: a claim as plain data)
    graph        Report           -> networkx graph    (claimcheck.graph)
    report       Report           -> str               (claimcheck.report.<format>)

``claimcheck.pipeline.check`` runs them in order; ``claimcheck.cli`` is the only
place that prints or chooses an exit code. The rule pack (``rules/``) is data,
loaded and validated by ``claimcheck.rulepack``.
"""

__version__ = "0.1.0"
