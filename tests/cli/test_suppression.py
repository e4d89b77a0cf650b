"""Inline suppressions, per answer, in every format; unused ones are CC001 findings."""

from __future__ import annotations

import json

import pytest
from faqs import GEORGIA_YAML, OREGON_MD, TEXAS_HTML, UTAH_JSON


def _suppressed_in(name: str) -> str:
    """Each document, with its first answer suppressing CC101 the way its format does it."""
    if name == "oregon.md":
        return OREGON_MD.replace("## 1. Has the Oregon DMV signed an agreement with ICE?\n",
                                 "## 1. Has the Oregon DMV signed an agreement with ICE?\n"
                                 "<!-- claimcheck: ignore CC101 -->\n")
    if name == "texas.html":
        return TEXAS_HTML.replace("jail screening in Texas.</p>",
                                  "jail screening in Texas.</p><!-- claimcheck: ignore CC101 -->")
    if name == "georgia.yaml":
        return GEORGIA_YAML.replace("  - q: Is there a court agreement with ICE?\n",
                                    "  - q: Is there a court agreement with ICE?\n"
                                    "    claimcheck-ignore: [CC101]\n")
    data = json.loads(UTAH_JSON)
    data["items"][0]["claimcheck-ignore"] = "CC101"
    return json.dumps(data, indent=2)


@pytest.mark.parametrize("name", ["oregon.md", "texas.html", "georgia.yaml", "utah.json"])
def test_a_suppression_silences_the_finding_of_its_answer(name, write, run):
    write(name, _suppressed_in(name))
    result = run("scan", name, "--fail-on", "info")
    assert result.code == 0, result.out
    assert result.out.splitlines()[-1].startswith("0 findings")


def test_a_suppression_that_matches_nothing_is_reported_as_cc001(write, run):
    text = OREGON_MD.replace(
        "## 2. Can ICE look up an Oregon driver record?\n",
        "## 2. Can ICE look up an Oregon driver record?\n<!-- claimcheck: ignore CC110, CC999 -->\n")
    write("oregon.md", text)
    result = run("scan", "oregon.md", "--fail-on", "warning")
    rows = result.out.splitlines()
    assert rows[0].startswith("oregon.md:10: error CC101")  # still reported: not suppressed
    line = text.splitlines().index("Only a judge's order opens a driver record to federal officers.") + 1
    assert rows[1] == (f"oregon.md:{line}: info CC001 unused suppression of CC110 in answer 2: "
                       "no finding of that rule involves this answer")
    assert rows[2] == f"oregon.md:{line}: info CC001 unused suppression of CC999 in answer 2: there is no such rule"
    assert result.err == ""  # not an input error
    data = json.loads(run("scan", "oregon.md", "-f", "json").out)
    unused = [f for f in data["findings"] if f["rule"] == "CC001"]
    assert len(unused) == 2 and data["errors"] == []
    assert unused[0]["claims"] == [] and unused[0]["answers"] == [{"doc": "oregon.md", "answer": "2"}]
    assert unused[0]["kind"] == "unused-suppression" and unused[0]["severity"] == "info"
    assert unused[0]["line"] == line


def test_unused_suppressions_are_info_so_they_fail_only_with_fail_on_info(write, run):
    write("georgia.yaml", GEORGIA_YAML.replace(
        "  - q: Do Georgia courts exchange information with DHS?\n",
        "  - q: Do Georgia courts exchange information with DHS?\n    claimcheck-ignore: CC102\n"))
    assert run("scan", "georgia.yaml").code == 1  # the contradiction
    assert run("scan", "georgia.yaml", "--exit-zero").code == 0
    write("georgia.yaml", GEORGIA_YAML.replace("have not entered into any agreement", "have an agreement").replace(
        "  - q: Do Georgia courts exchange information with DHS?\n",
        "  - q: Do Georgia courts exchange information with DHS?\n    claimcheck-ignore: CC102\n"))
    assert run("scan", "georgia.yaml").code == 0
    assert run("scan", "georgia.yaml", "--fail-on", "info").code == 1


def test_rule_names_all_and_cc001_itself(write, run):
    named = OREGON_MD.replace("## 1. Has the Oregon DMV signed an agreement with ICE?\n",
                              "## 1. Has the Oregon DMV signed an agreement with ICE?\n"
                              "<!-- claimcheck: ignore opposite-polarity -->\n")
    write("a.md", named)
    assert run("scan", "a.md", "--fail-on", "info").code == 0
    write("a.md", named.replace("ignore opposite-polarity", "ignore all"))
    assert run("scan", "a.md", "--fail-on", "info").code == 0
    write("a.md", OREGON_MD.replace("## 2. Can ICE look up an Oregon driver record?\n",
                                    "## 2. Can ICE look up an Oregon driver record?\n"
                                    "<!-- claimcheck: ignore CC110, CC001 -->\n"))
    result = run("scan", "a.md", "--fail-on", "info")
    assert "CC001" not in result.out and result.code == 1  # only the CC101 contradiction


def test_cc001_can_be_disabled_or_raised_by_configuration(write, run):
    write("a.md", OREGON_MD.replace("## 2. Can ICE look up an Oregon driver record?\n",
                                    "## 2. Can ICE look up an Oregon driver record?\n"
                                    "<!-- claimcheck: ignore CC110 -->\n"))
    write(".claimcheck.toml", 'severity = { CC001 = "error" }\n')
    assert "error CC001" in run("scan", "a.md").out
    write(".claimcheck.toml", 'disable = ["unused-suppression"]\n')
    assert "CC001" not in run("scan", "a.md").out


def test_cc001_is_described_in_sarif_and_rules(write, run):
    write("a.md", OREGON_MD.replace("## 2. Can ICE look up an Oregon driver record?\n",
                                    "## 2. Can ICE look up an Oregon driver record?\n"
                                    "<!-- claimcheck: ignore CC110 -->\n"))
    sarif = json.loads(run("scan", "a.md", "-f", "sarif").out)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["CC001"]["name"] == "unused-suppression"
    assert "suppresses nothing" in rules["CC001"]["fullDescription"]["text"]
    assert "CC001  unused-suppression" in run("rules").out
    assert run("rules", "explain", "CC001").out.startswith("CC001 unused-suppression")
