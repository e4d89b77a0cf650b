"""GitHub Actions workflow commands: one annotation per finding.

    ::error file=faqs/or.txt,line=12,title=agreement-existence::answer 2 says …

GitHub shows these on the pull request's diff. Values are escaped the way the
Actions toolkit escapes them (``@actions/core`` ``escapeData``/``escapeProperty``):
otherwise a ``,`` in a path or a newline in a message would cut the command short.
"""

from __future__ import annotations

from claimcheck.models import Report, Severity
from claimcheck.report.findings import claim_index, claim_locations, describe, lint_order

#: claimcheck severity -> workflow command.
COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a command property value (file, title)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, message: str, **properties: str | int) -> str:
    """One workflow command line; properties keep the order given."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{command} {props}::{escape_data(message)}" if props else f"::{command}::{escape_data(message)}"


def render(report: Report) -> str:
    """Render each finding (and each unreadable file) as a workflow annotation."""
    claims = claim_index(report)
    lines = []
    for finding in lint_order(report.findings, claims):
        first, *others = claim_locations(finding, claims)
        message = describe(finding, claims)
        # The annotation sits on one line of one file; say where the other side is.
        for other in others:
            if (other.path, other.line) != (first.path, first.line):
                message += f"\nSee also answer {other.answer} at {other.path}:{other.line}"
        lines.append(
            annotation(
                COMMANDS[finding.severity],
                message,
                file=first.path,
                line=first.line,
                title=f"claimcheck {finding.rule}",
            )
        )
    for error in sorted(report.errors, key=lambda e: (e.get("path", ""), e.get("message", ""))):
        lines.append(
            annotation("error", error.get("message", ""), file=error.get("path", ""),
                       **({"line": error["line"]} if error.get("line") else {}),
                       title="claimcheck: file not read")
        )
    return "".join(line + "\n" for line in lines)
