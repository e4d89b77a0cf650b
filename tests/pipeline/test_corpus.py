"""End to end on FAQ documents written for these tests (tests/corpus/).

Each document is in a different format, state and topic, in its own words;
the expectations say which answers must conflict, and which must not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.pipeline import CheckOptions, check

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
ROOT = Path(__file__).resolve().parents[2]


def _findings(*names: str):
    report = check([str(CORPUS / n) for n in names], CheckOptions())
    claims = {c.id: c for c in report.claims}
    return report, [
        (f.rule, f.kind, f.severity.value, tuple(sorted(a.answer for a in f.answers)),
         {claims[c].predicate for c in f.claims})
        for f in report.findings
    ]


def _has(found, rule, kind, severity, answers, predicate=None):
    return any(r == rule and k == kind and s == severity and a == tuple(sorted(answers))
               and (predicate is None or predicate in p) for r, k, s, a, p in found)


def test_oregon_markdown_agreement_and_warrant_conflicts():
    _, found = _findings("oregon_dmv.md")
    # "No state agency … has entered into an agreement" vs "the Department of
    # Transportation signed an MOU": a named department is a state agency.
    assert _has(found, "CC101", "contradiction", "error", ["1", "4"], "agreement_exists")
    # "only with a judicial warrant" vs "federal law requires sharing whenever ICE asks".
    assert _has(found, "CC110", "contradiction", "error", ["2", "5"])
    # "might be encrypted" vs "are encrypted": certainty, not contradiction.
    assert _has(found, "CC102", "certainty", "info", ["3", "4"], "encryption_used")
    # Answer 6 is advice ("should"): it must take part in nothing.
    assert not any("6" in a for _, _, _, a, _ in found)


def test_texas_html_sharing_denied_and_affirmed():
    _, found = _findings("texas_detainers.html")
    assert _has(found, "CC101", "contradiction", "error", ["1", "2"], "data_shared")
    # Two sentences of one answer can contradict each other too.
    assert _has(found, "CC101", "contradiction", "error", ["3", "3"], "audits_exist")


def test_ohio_text_consent_conflict_and_implication_chain():
    report, found = _findings("ohio_benefits.txt")
    assert _has(found, "CC101", "contradiction", "error", ["1", "3"], "consent_required")
    chained = [f for f in report.findings if f.rule == "CC120"]
    assert len(chained) == 1
    f = chained[0]
    assert f.kind == "tension" and f.severity.value == "warning"
    assert {a.answer for a in f.answers} == {"1", "2"}
    assert len(f.chain) == 3 and "CC120" in f.chain[1]
    # A list item inside an answer is never a question.
    assert [d.answers for d in report.documents] == [4]


def test_california_text_with_header_lines():
    report, found = _findings("california_dmv.txt")
    assert report.documents[0].answers == 7
    # "does not provide driver information to ICE" vs "information is effectively available to ICE"
    assert _has(found, "CC101", "contradiction", "error", ["1", "3"], "data_shared")
    # "only if presented with a judicial warrant" is a restriction, not a condition
    assert _has(found, "CC110", "contradiction", "error", ["4", "5"])
    assert _has(found, "CC111", "contradiction", "error", ["5", "6"])
    # Same answer: "not able to opt out", yet "must give consent".
    assert _has(found, "CC120", "tension", "warning", ["6", "6"])


def test_washington_text_law_versus_practice():
    report, found = _findings("washington_licensing.txt")
    claims = {c.id: c for c in report.claims}
    # "no longer shares driver information with ICE" vs "ICE routinely obtains driver records"
    assert _has(found, "CC101", "contradiction", "error", ["1", "2"], "data_shared")
    # "may not disclose … unless required by a judicial warrant" is a law with an
    # exception, not a denial of practice: nothing pairs answer 3 with answer 2.
    assert not any(set(a) == {"2", "3"} for _, _, _, a, _ in found)
    assert any(c.predicate == "law_prohibits_sharing" and c.answer == "3" and "legal_process" in c.exceptions
               for c in claims.values())
    # "stopped providing records … without a court order" now needs one.
    assert any(c.predicate == "sharing_requires_legal_process" and c.answer == "1"
               and c.polarity.value == "affirmed" for c in claims.values())
    # A sanctuary-style law against cooperation and honored detainers: tensions.
    assert _has(found, "CC114", "tension", "warning", ["5", "5"])
    assert _has(found, "CC115", "tension", "warning", ["5", "5"])


def test_new_jersey_yaml_court_agreement():
    report, found = _findings("new_jersey_courts.yaml")
    # The Administrative Office of the Courts is the courts; DHS is a federal
    # immigration agency: "no agreement with any federal immigration agency"
    # is contradicted by "the AOC has an agreement with DHS".
    assert _has(found, "CC101", "contradiction", "error", ["2", "4"], "agreement_exists")
    assert len(found) == 1


def test_consistent_document_has_no_findings():
    report, found = _findings("georgia_courts_clean.yaml")
    assert report.claims, "the clean document must still yield claims, or the test proves nothing"
    assert found == []


def test_states_never_conflict_but_federal_law_conflicts_everywhere():
    _, found = _findings("nevada_dmv.md", "texas_detainers.html", "oregon_dmv.md", "national_overview.md")
    # Nevada shares driver addresses, Texas jails deny sharing: different states.
    report, _ = _findings("nevada_dmv.md", "texas_detainers.html")
    docs = {frozenset(a.doc for a in f.answers) for f in report.findings}
    assert all(len(d) == 1 for d in docs), docs
    # "Federal law requires sharing" (Oregon page) vs "No federal statute
    # requires it" (national page): federal claims meet across documents.
    report, _ = _findings("oregon_dmv.md", "national_overview.md")
    cross = [f for f in report.findings if len({a.doc for a in f.answers}) == 2]
    assert [(f.rule, f.kind) for f in cross] == [("CC101", "contradiction")]
    assert "national_overview.md" in cross[0].message and "oregon_dmv.md" in cross[0].message


def test_whole_corpus_keeps_the_clean_document_clean():
    report = check([str(CORPUS)], CheckOptions())
    assert len(report.documents) == 9
    assert not [f for f in report.findings if any("georgia" in a.doc for a in f.answers)]


@pytest.mark.parametrize(("answers", "predicate"), [(("3", "14"), "agreement_exists"),
                                                    (("7", "10"), "consent_required")])
def test_seed_document_reports_the_known_contradictions(answers, predicate):
    report = check([str(ROOT / "data" / "qa.json")], CheckOptions())
    claims = {c.id: c for c in report.claims}
    hits = [f for f in report.findings
            if f.kind == "contradiction" and {a.answer for a in f.answers} == set(answers)
            and {claims[c].predicate for c in f.claims} == {predicate}]
    assert len(hits) == 1
    # The finding quotes the sentences that conflict.
    sentences = [claims[c].text for c in hits[0].claims]
    assert all(s and len(s) > 20 for s in sentences)


def test_analyse_on_parsed_documents_matches_check():
    from claimcheck.loading import load_document
    from claimcheck.pipeline import analyse, display_path
    from claimcheck.rulepack import load_rulepack

    path = CORPUS / "texas_detainers.html"
    by_check = check([str(path)], CheckOptions(cache_dir=None))
    by_analyse = analyse([load_document(path, display_path=display_path(path))], load_rulepack())
    assert by_analyse.model_dump() == by_check.model_dump()
