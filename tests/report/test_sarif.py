from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from claimcheck.models import Report
from claimcheck.report import sarif
from claimcheck.report.ruleinfo import RuleInfo

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate(text: str) -> dict:
    data = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    return data


def test_validates_against_the_sarif_2_1_0_schema(report):
    validate(sarif.render(report))


def test_empty_report_validates():
    data = validate(sarif.render(Report()))
    assert data["runs"][0]["results"] == []


def test_schema_rejects_a_broken_log(report):
    data = json.loads(sarif.render(report))
    data["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(data)


def test_what_github_code_scanning_needs(report):
    data = validate(sarif.render(report))
    assert data["version"] == "2.1.0" and data["$schema"]
    (run,) = data["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "claimcheck" and driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == sorted(rule_ids)
    for rule in driver["rules"]:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {"agreement-existence": "error", "restriction-vs-practice": "warning",
                      "hedged-vs-certain": "note"}
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        (loc,) = result["locations"]
        uri = loc["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "faqs/oregon-dmv-ice.txt" and "\\" not in uri
        assert loc["physicalLocation"]["region"]["startLine"] >= 1
        assert len(result["relatedLocations"]) == 1
        assert len(result["partialFingerprints"]["claimcheck/v1"]) == 32


def test_fingerprints_come_from_the_finding(report):
    data = json.loads(sarif.render(report))
    prints = {r["ruleId"]: r["partialFingerprints"]["claimcheck/v1"] for r in data["runs"][0]["results"]}
    assert prints == {f.rule: f.fingerprint for f in report.findings}


def test_fingerprint_fallback_is_stable(report):
    finding = report.findings[0].model_copy(update={"fingerprint": ""})
    assert sarif.fingerprint(finding) == sarif.fingerprint(finding.model_copy())
    assert len(sarif.fingerprint(finding)) == 32


def test_rule_metadata_from_the_pipeline(report):
    rules = {"agreement-existence": RuleInfo(
        id="agreement-existence", name="AgreementStatedAndDenied",
        description="One answer says an agreement with ICE exists, another that none does.",
        help="Find out which is true and correct the other answer.",
        help_uri="https://example.org/rules/agreement-existence")}
    data = validate(sarif.render(report, rules=rules))
    rule = data["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["name"] == "AgreementStatedAndDenied"
    assert rule["help"]["text"] == "Find out which is true and correct the other answer."
    assert rule["helpUri"] == "https://example.org/rules/agreement-existence"


@pytest.mark.parametrize(("path", "uri"), [
    ("faqs/or.txt", "faqs/or.txt"),
    ("./faqs/or.txt", "faqs/or.txt"),
    ("faqs\\or dmv.txt", "faqs/or%20dmv.txt"),
    ("/abs/or.txt", "file:///abs/or.txt"),
])
def test_artifact_uri(path, uri):
    assert sarif.artifact_uri(path) == uri
