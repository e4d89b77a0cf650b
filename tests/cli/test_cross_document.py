"""Checking across documents: jurisdiction scoping, and a few changed files
checked against the rest of the corpus (``--corpus`` / ``corpus = [...]``)."""

from __future__ import annotations

import json

from faqs import GEORGIA_FEDERAL_MD, OREGON_MD, OREGON_NO_AGREEMENT_MD, TEXAS_FEDERAL_MD


def _pairs(out: str) -> list[tuple[str, list[str]]]:
    data = json.loads(out)
    return [(f["rule"], sorted({a["doc"] for a in f["answers"]})) for f in data["findings"]]


def test_federal_law_claims_conflict_across_states_state_claims_do_not(write, run):
    write("faq/georgia.md", GEORGIA_FEDERAL_MD)
    write("faq/texas.md", TEXAS_FEDERAL_MD)  # also: Harris County has an agreement (Texas)
    write("faq/oregon.md", OREGON_NO_AGREEMENT_MD)  # Oregon has none: another state
    result = run("scan", "faq", "-f", "json")
    assert result.code == 1
    assert _pairs(result.out) == [("CC101", ["faq/georgia.md", "faq/texas.md"])]
    text = run("scan", "faq").out
    assert "faq/georgia.md answer 1 says a law requires" in text
    assert "faq/texas.md answer 1 says no law requires" in text


def test_the_same_state_in_two_documents_does_conflict(write, run):
    write("faq/oregon-dmv.md", OREGON_MD.split("## 3.")[0])  # only the agreement
    write("faq/oregon-other.md", OREGON_NO_AGREEMENT_MD)
    assert _pairs(run("scan", "faq", "-f", "json").out) == [
        ("CC101", ["faq/oregon-dmv.md", "faq/oregon-other.md"])]


def test_a_changed_file_is_checked_against_the_corpus(write, run):
    write("faq/georgia.md", GEORGIA_FEDERAL_MD)
    write("faq/texas.md", TEXAS_FEDERAL_MD)
    write("faq/oregon.md", OREGON_MD)  # contradicts itself, but it is not the changed file
    alone = run("scan", "faq/georgia.md")
    assert alone.code == 0  # nothing to compare with
    result = run("scan", "faq/georgia.md", "--corpus", "faq", "-f", "json")
    assert result.code == 1
    assert _pairs(result.out) == [("CC101", ["faq/georgia.md", "faq/texas.md"])]
    data = json.loads(result.out)
    # The other side's document is shown so the finding can be located; oregon.md is not.
    assert [d["path"] for d in data["documents"]] == ["faq/georgia.md", "faq/texas.md"]
    assert {c["doc"] for c in data["claims"]} == {"faq/georgia.md", "faq/texas.md"}


def test_corpus_findings_away_from_the_named_files_are_not_reported(write, run):
    write("faq/oregon.md", OREGON_MD)
    write("faq/georgia.md", GEORGIA_FEDERAL_MD)
    result = run("scan", "faq/georgia.md", "--corpus", "faq")
    assert result.code == 0
    assert result.out == "0 findings (0 errors, 0 warnings, 0 info) in 1 document\n"


def test_corpus_from_configuration_is_relative_to_the_config_file(write, run, tmp_path, monkeypatch):
    write("site/.claimcheck.toml", 'corpus = ["content"]\n')
    write("site/content/georgia.md", GEORGIA_FEDERAL_MD)
    write("site/content/texas.md", TEXAS_FEDERAL_MD)
    monkeypatch.chdir(tmp_path / "site" / "content")
    result = run("scan", "georgia.md", "-f", "json")
    assert _pairs(result.out) == [("CC101", ["georgia.md", "texas.md"])]


def test_anchored_include_globs_apply_to_the_corpus_as_to_named_files(write, run):
    write(".claimcheck.toml", 'include = ["faq/**"]\ncorpus = ["faq"]\n')
    write("faq/georgia.md", GEORGIA_FEDERAL_MD)
    write("faq/texas.md", TEXAS_FEDERAL_MD)
    write("other/oregon.md", OREGON_MD)
    result = run("scan", "--force-exclude", "faq/georgia.md", "other/oregon.md", ".claimcheck.toml", "-f", "json")
    assert _pairs(result.out) == [("CC101", ["faq/georgia.md", "faq/texas.md"])]


def _agreement_page(state: str, has: bool) -> str:
    says = ("The Department of Revenue has a data-sharing agreement with ICE." if has
            else "The Department of Revenue has no data-sharing agreement with ICE.")
    return (f"# {state} tax records and ICE\n\n## 1. Does the Department of Revenue work with ICE?\n\n"
            f"{says} Questions go to the department's privacy office.\n")


def test_one_claim_against_many_pages_gives_a_handful_of_findings(write, run):
    # Twelve pages agree, one page denies: the denial is paired with at most
    # five of them (CROSS_DOCUMENT_LIMIT), not with each page in turn, and the
    # twelve agreeing pages raise nothing among themselves.
    from claimcheck.engine import CROSS_DOCUMENT_LIMIT

    for i in range(12):
        write(f"faq/ohio-tax-{i:02}.md", _agreement_page("Ohio", True))
    write("faq/ohio-tax-odd.md", _agreement_page("Ohio", False))
    findings = json.loads(run("scan", "faq", "-f", "json").out)["findings"]
    pages = [sorted({a["doc"] for a in f["answers"]}) for f in findings if f["rule"] == "CC101"]
    assert pages and all("faq/ohio-tax-odd.md" in p for p in pages)
    assert len(pages) == CROSS_DOCUMENT_LIMIT
    assert len({p[0] for p in pages}) == CROSS_DOCUMENT_LIMIT  # five different pages


def test_a_page_contradicting_itself_is_found_when_its_claim_has_all_its_cross_page_partners(write, run):
    # Fifteen pages affirm, twelve deny (sorted after them): every denial has
    # its five cross-page partners before the first denying page's own
    # affirming answer comes up. The cap is on pairs between pages; that
    # page still contradicts itself.
    for i in range(15):
        write(f"faq/a-ohio-tax-{i:02}.md", _agreement_page("Ohio", True))
    for i in range(12):
        write(f"faq/b-ohio-tax-{i:02}.md", _agreement_page("Ohio", False))
    write("faq/b-ohio-tax-00.md", _agreement_page("Ohio", False)
          + "\n## 2. Is there an agreement today?\n\nThe Department of Revenue has a data-sharing agreement with ICE.\n")
    findings = json.loads(run("scan", "faq", "-f", "json").out)["findings"]
    within = [f for f in findings if {a["doc"] for a in f["answers"]} == {"faq/b-ohio-tax-00.md"}]
    assert [f["rule"] for f in within] == ["CC101"]
