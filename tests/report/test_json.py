from __future__ import annotations

import json

from claimcheck.models import SCHEMA_VERSION, Report
from claimcheck.report import json_contract


def _keys_sorted(value) -> bool:
    if isinstance(value, dict):
        return list(value) == sorted(value) and all(_keys_sorted(v) for v in value.values())
    if isinstance(value, list):
        return all(_keys_sorted(v) for v in value)
    return True


def test_contract_fields_sorted_keys_and_layout(report):
    out = json_contract.render(report)
    data = json.loads(out)
    assert {"schema_version", "documents", "claims", "findings", "citations"} <= set(data)
    assert data["schema_version"] == SCHEMA_VERSION
    assert _keys_sorted(data)
    assert out.endswith("}\n") and out.startswith('{\n  "citations"')


def test_round_trips_to_the_same_report(report):
    back = Report.model_validate(json.loads(json_contract.render(report)))
    assert back == json_contract.canonical(report)
    assert sorted(back.findings, key=lambda f: f.id) == sorted(report.findings, key=lambda f: f.id)


def test_citations_worst_status_first(report):
    statuses = [c["status"] for c in json.loads(json_contract.render(report))["citations"]]
    assert statuses == ["acronym_mismatch", "verify_pinpoint"]


def _dumped_whole(report: Report) -> str:
    return json.dumps(json_contract.to_data(report), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_written_item_by_item_it_is_the_whole_dump_byte_for_byte(report):
    """``render`` writes list items one at a time; the text is that of dumping everything at once."""
    assert report.claims and report.findings and report.citations
    assert json_contract.render(report) == _dumped_whole(report)
    # Empty lists, errors (plain dicts), one-item lists, text with quotes, newlines and non-ASCII.
    odd = report.model_copy(update={
        "claims": report.claims[:1], "relations": (), "documents": (),
        "errors": ({"path": "a “b”.md", "message": "line 1\nline 2 \u2014 \"quoted\""}, {"path": "z.md", "message": ""}),
    })
    assert json_contract.render(odd) == _dumped_whole(odd)
    assert json_contract.render(Report()) == _dumped_whole(Report())
