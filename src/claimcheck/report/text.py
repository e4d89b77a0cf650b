"""Plain-text lint output: one line per finding, then a summary line.

    faqs/or-dmv.txt:12: error agreement-existence answer 2 says … ; answer 4 says …
    3 findings (1 error, 1 warning, 1 info) in 1 document

Lines are sorted by (path, line, rule) so editors and ``grep`` can use them.
"""

from __future__ import annotations

from claimcheck.models import Report, Severity
from claimcheck.report.findings import (
    claim_index,
    describe,
    lint_order,
    one_line,
    plural,
    primary_location,
    severity_counts,
)


def render(report: Report) -> str:
    """Render ``report`` as lint lines and a closing summary line."""
    claims = claim_index(report)
    lines = []
    for finding in lint_order(report.findings, claims):
        where = primary_location(finding, claims)
        lines.append(
            f"{where.path}:{where.line}: {finding.severity.value} {finding.rule} "
            f"{describe(finding, claims)}"
        )
    for error in sorted(report.errors, key=lambda e: (e.get("path", ""), e.get("message", ""))):
        where = error.get("path", "") + (f":{error['line']}" if error.get("line") else "")
        lines.append(f"{where}: error {one_line(error.get('message', ''))}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def summary_line(report: Report) -> str:
    """``N findings (E errors, W warnings, I info) in D documents``."""
    counts = severity_counts(report.findings)
    line = (
        f"{plural(len(report.findings), 'finding')} "
        f"({plural(counts[Severity.error], 'error')}, {plural(counts[Severity.warning], 'warning')}, "
        f"{counts[Severity.info]} info) in {plural(len(report.documents), 'document')}"
    )
    if report.errors:
        line += f"; {plural(len(report.errors), 'file')} not read"
    return line

