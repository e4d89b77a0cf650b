"""Baselines: accept the findings a corpus has today, fail only on new ones.

A baseline file lists findings by rule and ``Finding.fingerprint``, a hash of
the claims' sentences rather than of line numbers, so text that moves (an
answer reordered, a paragraph added above it) still matches its entry. Each
(rule, fingerprint) is counted, so a second copy of a baselined contradiction
is still new. Paths and messages are kept for the reader, not for matching.

    {"baseline_version": 1, "tool_version": "0.1.0",
     "findings": [{"rule": "CC101", "fingerprint": "…", "path": "faq/a.md", "message": "…"}]}
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .errors import ClaimcheckError
from .models import Finding, Report
from .report.findings import claim_index, lint_order, one_line, primary_location

BASELINE_VERSION = 1

Baseline = Counter  # (rule, fingerprint) -> how many findings the baseline accepts


def finding_key(finding: Finding) -> tuple[str, str]:
    """What a baseline matches a finding by."""
    from .report.sarif import fingerprint

    return finding.rule, fingerprint(finding)


def dump_baseline(report: Report) -> str:
    """The baseline file for ``report``'s findings (sorted, stable JSON)."""
    from . import __version__

    claims = claim_index(report)
    entries = []
    for f in lint_order(report.findings, claims):
        rule, fp = finding_key(f)
        entries.append({"rule": rule, "fingerprint": fp, "path": primary_location(f, claims).path,
                        "message": one_line(f.message)})
    entries.sort(key=lambda e: (e["rule"], e["fingerprint"], e["path"], e["message"]))
    data = {"baseline_version": BASELINE_VERSION, "tool_version": report.tool_version or __version__,
            "findings": entries}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load_baseline(path: str | Path) -> Baseline:
    """Read a baseline file; any problem is a ClaimcheckError naming the file."""
    shown = Path(path).as_posix()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ClaimcheckError("baseline file not found (create it with --write-baseline)", path=shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimcheckError(f"cannot read baseline: {exc}", path=shown) from None
    except json.JSONDecodeError as exc:
        raise ClaimcheckError(f"baseline is not valid JSON: {exc.msg}", path=shown, line=exc.lineno) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ClaimcheckError("not a claimcheck baseline: expected an object with a 'findings' list",
                              path=shown)
    if data.get("baseline_version") != BASELINE_VERSION:
        raise ClaimcheckError(f"unsupported baseline_version {data.get('baseline_version')!r} "
                              f"(expected {BASELINE_VERSION}); write it again with --write-baseline",
                              path=shown, key="baseline_version")
    counts: Baseline = Counter()
    for i, entry in enumerate(data["findings"]):
        if not (isinstance(entry, dict) and isinstance(entry.get("rule"), str)
                and isinstance(entry.get("fingerprint"), str)):
            raise ClaimcheckError("each entry needs 'rule' and 'fingerprint' strings", path=shown,
                                  key=f"findings.{i}")
        counts[(entry["rule"], entry["fingerprint"])] += 1
    return counts


def apply_baseline(report: Report, baseline: Baseline) -> tuple[Report, int]:
    """``report`` without the findings the baseline accepts, and how many those were."""
    left = Counter(baseline)
    claims = claim_index(report)
    kept = []
    for f in lint_order(report.findings, claims):  # a fixed order decides which copy is new
        key = finding_key(f)
        if left[key] > 0:
            left[key] -= 1
        else:
            kept.append(f)
    accepted = len(report.findings) - len(kept)
    return report.model_copy(update={"findings": tuple(kept)}), accepted
