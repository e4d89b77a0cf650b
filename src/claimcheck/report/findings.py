"""What every renderer needs to know about a finding: where it is and in what order.

One sort order for every lint-style format (Vale's habit), so ``text``, ``sarif``
and ``github`` list the same findings in the same order whatever order the
``Report`` holds them in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from claimcheck.models import AnswerRef, Claim, Finding, Report, Severity

#: How a finding's severity is counted in summaries, in rank order.
SEVERITY_ORDER: tuple[Severity, ...] = (Severity.error, Severity.warning, Severity.info)


@dataclass(frozen=True)
class Location:
    """Where a finding (or one of its claims) is reported."""

    path: str
    line: int
    answer: str
    claim: Claim | None = None


def answer_sort_key(answer_id: str) -> tuple[int, int, str]:
    """Sort answer ids as numbers when they are numbers ("3" before "14")."""
    if answer_id.isdigit():
        return (0, int(answer_id), answer_id)
    return (1, 0, answer_id)


def ref_sort_key(ref: AnswerRef) -> tuple[str, tuple[int, int, str]]:
    """Sort answer references by document, then answer number."""
    return (ref.doc, answer_sort_key(ref.answer))


def claim_index(report: Report) -> dict[str, Claim]:
    """Claims by id."""
    return {claim.id: claim for claim in report.claims}


def claim_locations(finding: Finding, claims: Mapping[str, Claim]) -> list[Location]:
    """Where each claim of ``finding`` is; the first is the one reported at.

    A claim id missing from the report (it should not happen) falls back to the
    matching answer reference at line 1, so a renderer never fails on it. A
    finding with no claims is located at its answer, on ``Finding.line``.
    """
    locations = []
    for index, claim_id in enumerate(finding.claims):
        claim = claims.get(claim_id)
        if claim is not None:
            locations.append(Location(claim.doc, claim.line, claim.answer, claim))
            continue
        ref = finding.answers[min(index, len(finding.answers) - 1)] if finding.answers else None
        locations.append(Location(ref.doc if ref else "", 1, ref.answer if ref else ""))
    if not locations and finding.answers:
        # A finding about an answer rather than claims (an unused suppression).
        ref = finding.answers[0]
        locations.append(Location(ref.doc, finding.line or 1, ref.answer))
    return locations


def primary_location(finding: Finding, claims: Mapping[str, Claim]) -> Location:
    """The location a finding is reported at (its first claim)."""
    locations = claim_locations(finding, claims)
    return locations[0] if locations else Location("", 1, "")


def lint_order(findings: Iterable[Finding], claims: Mapping[str, Claim]) -> list[Finding]:
    """Findings sorted by (path, line, rule), then by the other claim and the id."""

    def key(finding: Finding) -> tuple[object, ...]:
        locations = claim_locations(finding, claims)
        first = locations[0] if locations else Location("", 1, "")
        rest = tuple((loc.path, loc.line) for loc in locations[1:])
        return (first.path, first.line, finding.rule, rest, finding.severity.rank, finding.id)

    return sorted(findings, key=key)


def one_line(message: str) -> str:
    """A message on one line: lint output is read line by line."""
    return " ".join(message.split())


def describe(finding: Finding, claims: Mapping[str, Claim]) -> str:
    """The finding's message on one line, naming both answers.

    The engine writes messages that name both answers ("answer 3 says …; answer 14
    says …"); a message that does not gets the answers appended, so a reader of
    any format always learns where the other side is.
    """
    message = one_line(finding.message)
    answers = []
    for loc in claim_locations(finding, claims):
        if loc.answer and loc.answer not in answers:
            answers.append(loc.answer)
    lowered = message.lower()
    missing = [a for a in answers if f"answer {a.lower()}" not in lowered]
    if missing and answers:
        names = " and ".join(answers)
        noun = "answers" if len(answers) > 1 else "answer"
        message = f"{message} ({noun} {names})" if message else f"{noun} {names}"
    return message


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """How many findings there are of each severity (every severity present)."""
    counts = {severity: 0 for severity in SEVERITY_ORDER}
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 finding``, ``2 findings``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


__all__ = [
    "Location",
    "SEVERITY_ORDER",
    "answer_sort_key",
    "claim_index",
    "claim_locations",
    "describe",
    "lint_order",
    "one_line",
    "plural",
    "primary_location",
    "ref_sort_key",
    "severity_counts",
]
