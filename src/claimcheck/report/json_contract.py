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
    """Render ``report`` as the JSON contract.

    The same text as ``json.dumps(to_data(report), sort_keys=True, indent=2,
    ensure_ascii=False)``, written one list item at a time: the dump of a
    whole 10,000-page report as Python data (a dict per claim, finding,
    span, ...) peaked at 2.65 GB; one item at a time it never exists whole.
    """
    data = canonical(report)
    parts = ["{"]
    names = sorted(Report.model_fields)
    for i, name in enumerate(names):
        value = getattr(data, name)
        comma = "," if i < len(names) - 1 else ""
        if isinstance(value, tuple) and value:
            parts.append(f"  {json.dumps(name)}: [")
            last = len(value) - 1
            for j, item in enumerate(value):
                plain = item.model_dump(mode="json") if hasattr(item, "model_dump") else item
                text = json.dumps(plain, sort_keys=True, indent=2, ensure_ascii=False)
                # Strings never hold a raw newline (JSON escapes it), so every
                # line of the item moves in by the two levels it sits at.
                parts.append("    " + text.replace("\n", "\n    ") + ("," if j < last else ""))
            parts.append(f"  ]{comma}")
        else:
            plain = list(value) if isinstance(value, tuple) else value
            parts.append(f"  {json.dumps(name)}: {json.dumps(plain, ensure_ascii=False)}{comma}")
    parts.append("}\n")
    return "\n".join(parts)
