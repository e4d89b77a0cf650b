"""The JSON contract: ``Report.model_dump(mode="json")``, sorted and indented.

This is the documented, versioned output (``schema_version``); other tools parse
it, so it is byte-stable: keys sorted, 2-space indent, trailing newline, and every
list in a fixed order whatever order the pipeline produced it in.
"""

from __future__ import annotations

import json
from typing import Any

from claimcheck.models import CitationStatus, Report
from claimcheck.report.findings import answer_sort_key, claim_index, lint_order

_STATUS_RANK = {status: rank for rank, status in enumerate(CitationStatus)}


def canonical(report: Report) -> Report:
    """``report`` with every tuple sorted by a stable key (the contract's order).

    documents by path; claims by (doc, answer, line, id); findings as the lint
    formats list them; citations worst status first; relations by their ends.
    """
    claims = claim_index(report)
    return report.model_copy(
        update={
            "documents": tuple(sorted(report.documents, key=lambda d: d.path)),
            "claims": tuple(
                sorted(
                    report.claims,
                    key=lambda c: (c.doc, answer_sort_key(c.answer), c.line, c.id),
                )
            ),
            "findings": tuple(lint_order(report.findings, claims)),
            "citations": tuple(
                sorted(report.citations, key=lambda c: (_STATUS_RANK[c.status], c.normalized, c.id))
            ),
            "relations": tuple(
                sorted(report.relations, key=lambda r: (r.source, r.target, r.kind, r.rule))
            ),
            "errors": tuple(
                sorted(report.errors, key=lambda e: (e.get("path", ""), e.get("message", "")))
            ),
        }
    )


def to_data(report: Report) -> dict[str, Any]:
    """The contract as plain JSON-ready data."""
    return canonical(report).model_dump(mode="json")


def render(report: Report) -> str:
    """Render ``report`` as the JSON contract."""
    return json.dumps(to_data(report), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
