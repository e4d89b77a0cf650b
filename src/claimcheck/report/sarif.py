"""SARIF 2.1.0, as GitHub code scanning accepts it.

One run; ``tool.driver.rules`` describes every rule that has a finding (from the
``RuleInfo`` mapping the pipeline passes, else a description built from the
finding kind). Each result is located at its first claim; the other claim is a
related location, so the alert shows both answers. ``partialFingerprints`` carry
``Finding.fingerprint`` so GitHub tracks an alert across commits even when lines
move.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import claimcheck
from claimcheck.models import Finding, Report, Severity
from claimcheck.report.findings import (
    Location,
    claim_index,
    claim_locations,
    describe,
    lint_order,
    one_line,
)
from claimcheck.report.ruleinfo import RuleInfo, default_rule_info

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "claimcheck"
#: Where a user of the alert learns about the tool (SARIF ``informationUri``).
INFORMATION_URI = "https://pypi.org/project/claimcheck/"
#: Key of our fingerprint in ``partialFingerprints``; bump the suffix if its recipe changes.
FINGERPRINT_KEY = "claimcheck/v1"

LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def artifact_uri(path: str) -> str:
    """A relative, forward-slash URI reference for a document path."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    if path.startswith("/"):
        return "file://" + quote(path, safe="/")
    return quote(path, safe="/")


def fingerprint(finding: Finding) -> str:
    """``Finding.fingerprint``, or a hash of rule and claim ids when the engine gave none."""
    if finding.fingerprint:
        return finding.fingerprint
    seed = "\x1f".join((finding.rule, *finding.claims))
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32]


def _artifact(path: str) -> dict[str, Any]:
    return {"artifactLocation": {"uri": artifact_uri(path)}}


def _physical(loc: Location) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": artifact_uri(loc.path)},
        "region": {"startLine": max(1, loc.line)},
    }


def _rule_descriptor(info: RuleInfo, severity: Severity) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": info.display_name,
        "shortDescription": {"text": one_line(info.description)},
        "fullDescription": {"text": one_line(info.description)},
        "help": {"text": info.help_text},
        "defaultConfiguration": {"level": LEVELS[info.severity or severity]},
    }
    if info.help_uri:
        descriptor["helpUri"] = info.help_uri
    if info.kind:
        descriptor["properties"] = {"tags": [info.kind]}
    return descriptor


def _result(finding: Finding, rule_index: int, report_claims: Mapping[str, Any]) -> dict[str, Any]:
    first, *others = claim_locations(finding, report_claims)
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "kind": "fail",
        "message": {"text": describe(finding, report_claims)},
        "locations": [{"physicalLocation": _physical(first)}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding)},
    }
    related = []
    for number, other in enumerate(others, start=1):
        entry: dict[str, Any] = {"id": number, "physicalLocation": _physical(other)}
        if other.claim is not None:
            entry["message"] = {"text": f"answer {other.answer}: {one_line(other.claim.text)}"}
        related.append(entry)
    if related:
        result["relatedLocations"] = related
    properties: dict[str, Any] = {"kind": finding.kind}
    if finding.chain:
        properties["chain"] = list(finding.chain)
    result["properties"] = properties
    return result


def to_data(report: Report, rules: Mapping[str, RuleInfo] | None = None) -> dict[str, Any]:
    """The SARIF log as plain data."""
    rules = rules or {}
    claims = claim_index(report)
    findings = lint_order(report.findings, claims)

    # One descriptor per rule that fired, sorted by id; the severity and kind of
    # its first finding stand in where the rule's metadata does not say.
    first_of_rule: dict[str, Finding] = {}
    for finding in sorted(findings, key=lambda f: (f.rule, f.severity.rank)):
        first_of_rule.setdefault(finding.rule, finding)
    rule_ids = sorted(first_of_rule)
    descriptors = [
        _rule_descriptor(
            rules.get(rule_id) or default_rule_info(rule_id, first_of_rule[rule_id].kind),
            first_of_rule[rule_id].severity,
        )
        for rule_id in rule_ids
    ]
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}

    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": report.tool_version or claimcheck.__version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "results": [_result(f, index[f.rule], claims) for f in findings],
    }
    artifacts = sorted({artifact_uri(d.path) for d in report.documents})
    if artifacts:
        run["artifacts"] = [{"location": {"uri": uri}} for uri in artifacts]
    if report.errors:
        # Files that could not be read are tool notifications, not results.
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": one_line(e.get("message", ""))},
                        "locations": [{"physicalLocation": {
                            **_artifact(e.get("path", "")),
                            **({"region": {"startLine": int(e["line"])}} if e.get("line") else {})}}],
                    }
                    for e in sorted(report.errors, key=lambda e: (e.get("path", ""), e.get("message", "")))
                ],
            }
        ]
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render(report: Report, rules: Mapping[str, RuleInfo] | None = None) -> str:
    """Render ``report`` as a SARIF 2.1.0 log (sorted keys, 2-space indent)."""
    return json.dumps(to_data(report, rules), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
