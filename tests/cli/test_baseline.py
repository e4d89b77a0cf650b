"""``--write-baseline`` then ``--baseline``: fail only on new findings, even after text moves."""

from __future__ import annotations

import json

from faqs import OREGON_MD

NEW_CONTRADICTION = """
## 4. Does the Oregon DMV give ICE driver records?

The Oregon DMV shares driver records with ICE.

## 5. Are driver records kept from immigration officers?

The Oregon DMV does not share driver records with ICE.
"""


def test_write_then_fail_only_on_new_findings(write, run, tmp_path):
    write("oregon.md", OREGON_MD)
    wrote = run("scan", "oregon.md", "--write-baseline", "baseline.json")
    assert wrote.code == 0  # adopting a baseline is not a failure
    assert "wrote 1 finding(s) to the baseline baseline.json" in wrote.err
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert data["baseline_version"] == 1
    assert [(e["rule"], e["path"]) for e in data["findings"]] == [("CC101", "oregon.md")]

    same = run("scan", "oregon.md", "--baseline", "baseline.json")
    assert same.code == 0
    assert same.out.splitlines()[-1].startswith("0 findings")
    assert "1 finding(s) in the baseline baseline.json not shown; 0 new" in same.err

    write("oregon.md", OREGON_MD + NEW_CONTRADICTION)
    new = run("scan", "oregon.md", "--baseline", "baseline.json")
    assert new.code == 1
    rows = new.out.splitlines()[:-1]
    assert rows and "answer 4 says data is shared with ICE" in rows[0]
    assert all("answer 5" in row for row in rows)  # only what the new answers brought
    assert f"1 finding(s) in the baseline baseline.json not shown; {len(rows)} new" in new.err


def test_moved_text_still_matches_its_entry(write, run):
    write("oregon.md", OREGON_MD)
    run("scan", "oregon.md", "--write-baseline", "baseline.json")
    # A paragraph added on top, blank lines between answers, another file name:
    # every line number changes, the sentences do not.
    head, rest = OREGON_MD.split("## 1.", 1)
    moved = head + "An introduction that pushes everything down.\n\n\n" + "## 1." + rest.replace("\n## ", "\n\n\n## ")
    write("faq/renamed.md", moved)
    before = run("scan", "faq/renamed.md")
    assert before.code == 1 and before.out.startswith("faq/renamed.md:13: error CC101")
    after = run("scan", "faq/renamed.md", "--baseline", "baseline.json")
    assert after.code == 0, after.out


def test_reordered_answers_still_match_their_entry(write, run):
    write("oregon.md", OREGON_MD)
    run("scan", "oregon.md", "--write-baseline", "baseline.json")
    head, rest = OREGON_MD.split("## 1.", 1)
    one, two_three = rest.split("## 2.", 1)
    two, three = two_three.split("## 3.", 1)
    write("oregon.md", head + "## 3." + three + "\n## 2." + two + "## 1." + one)
    assert run("scan", "oregon.md", "--baseline", "baseline.json").code == 0


def test_a_second_copy_of_a_baselined_finding_is_new(write, run):
    write("faq/a.md", OREGON_MD)
    run("scan", "faq", "--write-baseline", "baseline.json")
    write("faq/b.md", OREGON_MD.replace("Oregon DMV records and immigration", "A copy"))
    result = run("scan", "faq", "--baseline", "baseline.json", "-f", "json")
    # The copy repeats Oregon's sentences, so it also contradicts a.md across the files;
    # what matters is that exactly one finding is accepted and every other one is new.
    assert result.code == 1
    assert "1 finding(s) in the baseline" in result.err
    assert len(json.loads(result.out)["findings"]) >= 1


def test_a_corrupt_or_missing_baseline_is_a_clear_exit_2(write, run):
    write("oregon.md", OREGON_MD)
    missing = run("scan", "oregon.md", "--baseline", "nope.json")
    assert missing.code == 2 and "nope.json: baseline file not found" in missing.err
    write("bad.json", '{"baseline_version": 1, "findings": [')
    bad = run("scan", "oregon.md", "--baseline", "bad.json")
    assert bad.code == 2 and "bad.json:1: baseline is not valid JSON" in bad.err
    write("bad.json", '{"baseline_version": 1, "findings": [{"rule": "CC101"}]}')
    bad = run("scan", "oregon.md", "--baseline", "bad.json")
    assert bad.code == 2 and "findings.0: each entry needs 'rule' and 'fingerprint'" in bad.err
    write("bad.json", '{"findings": []}')
    assert "unsupported baseline_version" in run("scan", "oregon.md", "--baseline", "bad.json").err


def test_write_baseline_is_atomic_and_stable(write, run, tmp_path):
    write("oregon.md", OREGON_MD)
    run("scan", "oregon.md", "--write-baseline", "b1.json")
    run("scan", "oregon.md", "--write-baseline", "b2.json", "--no-cache")
    assert (tmp_path / "b1.json").read_bytes() == (tmp_path / "b2.json").read_bytes()
    assert not list(tmp_path.glob(".b1.json.*"))
