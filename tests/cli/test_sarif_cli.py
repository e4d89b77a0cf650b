"""SARIF from the real CLI: valid against the vendored 2.1.0 schema, with
fingerprints that survive text moving."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
from faqs import GEORGIA_FEDERAL_MD, OREGON_MD, TEXAS_FEDERAL_MD

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "tests" / "report" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _validate(text: str) -> dict:
    data = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    return data


def test_scan_of_the_seed_document_is_valid_sarif(run, tmp_path):
    shutil.copy(ROOT / "data" / "qa.json", tmp_path / "qa.json")
    result = run("scan", "qa.json", "--format", "sarif")
    assert result.code == 1
    data = _validate(result.out)
    sarif_run = data["runs"][0]
    assert sarif_run["results"], "the seed document has findings"
    rule_ids = [r["id"] for r in sarif_run["tool"]["driver"]["rules"]]
    assert rule_ids == sorted(set(rule_ids))
    for res in sarif_run["results"]:
        assert rule_ids[res["ruleIndex"]] == res["ruleId"]
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "qa.json"


def test_cross_document_results_and_unused_suppressions_are_valid_sarif(write, run):
    write("faq/georgia.md", GEORGIA_FEDERAL_MD.replace(
        "## 1. Must a Georgia clerk", "<!-- claimcheck: ignore CC102 -->\n## 1. Must a Georgia clerk"))
    write("faq/texas.md", TEXAS_FEDERAL_MD)
    data = _validate(run("scan", "faq", "--format", "sarif").out)
    results = data["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"CC001", "CC101"}
    pair = next(r for r in results if r["ruleId"] == "CC101")
    assert pair["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "faq/texas.md"


def _fingerprints(text: str) -> list[tuple[str, str, int]]:
    return sorted((r["ruleId"], r["partialFingerprints"]["claimcheck/v1"],
                   r["locations"][0]["physicalLocation"]["region"]["startLine"])
                  for r in json.loads(text)["runs"][0]["results"])


def test_partial_fingerprints_survive_moved_text(write, run):
    write("oregon.md", OREGON_MD)
    before = _fingerprints(run("scan", "oregon.md", "-f", "sarif").out)
    head, rest = OREGON_MD.split("## 1.", 1)
    write("oregon.md", head + "Read this first.\n\nAnd this.\n\n## 1." + rest.replace("\n## ", "\n\n## "))
    after = _fingerprints(run("scan", "oregon.md", "-f", "sarif").out)
    assert [(r, f) for r, f, _ in before] == [(r, f) for r, f, _ in after]
    assert [line for *_, line in before] != [line for *_, line in after]  # the lines did move
