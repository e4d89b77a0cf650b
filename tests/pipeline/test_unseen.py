"""End to end on FAQ documents written after the rules, to test them on wording they were not made from.

tests/corpus_unseen/ holds thirteen pages. The first round: Michigan
unemployment insurance in plain text, Arizona school enrollment in Markdown,
Pennsylvania jails in HTML with JSON-LD, Colorado tax records in YAML. The
second: a Connecticut city's Trust Act page in Markdown with bold-line
questions, Delaware driving privilege cards in Q:/A: text, Minnesota courts
in YAML (items), North Carolina police and CBP, USCIS and the FBI in plain
text with a list right after a question. Several answers open with a bare
"Yes." or "No." whose claim is in the question. Each page plants a few
inconsistencies in varied wording, and traps that must not fire: other
states, advice ("should"), permission ("may release … only"), a
restriction with its exception, a past agreement, "not only", "Not
necessarily.", a negation of another predicate in the same sentence.
The third round imitates the machine-written seed: long hedgy answers,
numbered lists inside answers, benefits and drawbacks, restated questions
and advice (Virginia DMV records in plain numbered text, New York county
jails and detainers in qa.json, Illinois courts in Markdown). The fourth
keeps that style: Tennessee driver privilege cards and ICE in plain numbered
text, Rhode Island's "welcoming state" policy and local police in YAML.
These documents are not in tests/corpus, so the golden files do not depend on them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.pipeline import CheckOptions, check

UNSEEN = Path(__file__).resolve().parents[1] / "corpus_unseen"

# (document, rule, answers, predicate of the first claim or None): must be found.
PLANTED = [
    # agreement: "has not entered into any formal data-sharing arrangement" / "is party to a data exchange agreement"
    ("michigan_unemployment.txt", "CC101", ("2", "9"), "agreement_exists"),
    # consent for federal immigration authorities vs "no consent … is needed" for ICE (ICE is within them)
    ("michigan_unemployment.txt", "CC101", ("4", "7"), "consent_required"),
    # "solely in response to a subpoena" vs "federal law obliges … whenever they ask"
    ("michigan_unemployment.txt", "CC110", ("5", "8"), None),
    ("michigan_unemployment.txt", "CC111", ("4", "8"), None),
    # "It appears that … are audited" vs "Audits … are conducted"
    ("michigan_unemployment.txt", "CC102", ("6", "10"), "audits_exist"),
    # "do not pass … records on to" vs "routinely send enrollment lists to DHS"
    ("arizona_enrollment.md", "CC101", ("2", "6"), "data_shared"),
    ("arizona_enrollment.md", "CC110", ("3", "9"), None),
    ("arizona_enrollment.md", "CC112", ("4", "9"), None),
    ("arizona_enrollment.md", "CC113", ("4", "6"), None),
    ("arizona_enrollment.md", "CC102", ("8", "11"), "opt_out_possible"),
    ("arizona_enrollment.md", "CC102", ("5", "12"), "audits_exist"),
    ("pennsylvania_jails.html", "CC115", ("2", "3"), None),
    # "honor ICE detainer requests" vs "refuse to hold inmates on the basis of an ICE detainer"
    ("pennsylvania_jails.html", "CC101", ("3", "4"), "detainers_honored"),
    ("pennsylvania_jails.html", "CC101", ("6", "10"), "agreement_exists"),
    ("pennsylvania_jails.html", "CC102", ("7", "8"), "training_exists"),
    # "does not exchange taxpayer information with ICE" vs "is disclosed to ICE on a routine basis"
    ("colorado_tax.yaml", "CC101", ("1", "5"), "data_shared"),
    # "furnish … upon request" vs "only pursuant to a court order"
    ("colorado_tax.yaml", "CC110", ("3", "4"), None),
    # "has never had" is present perfect: it meets "has operated under … since 2018"
    ("colorado_tax.yaml", "CC101", ("6", "9"), "agreement_exists"),
    ("colorado_tax.yaml", "CC102", ("7", "8"), "encryption_used"),
    ("colorado_tax.yaml", "CC111", ("3", "10"), None),
    # "limits when local police may honor ICE detainers" vs "honors every ICE detainer"
    ("connecticut_trust_act.md", "CC115", ("1", "3"), None),
    ("connecticut_trust_act.md", "CC101", ("2", "6"), "cooperates_with_counterpart"),
    ("connecticut_trust_act.md", "CC114", ("1", "6"), None),
    ("connecticut_trust_act.md", "CC101", ("3", "9"), "detainers_honored"),
    # "ended its 287(g) agreement" vs "maintains a memorandum of agreement"
    ("connecticut_trust_act.md", "CC101", ("4", "10"), "agreement_exists"),
    # "probably receive a briefing" vs "completes annual training"
    ("connecticut_trust_act.md", "CC102", ("11", "12"), "training_exists"),
    ("delaware_licenses.txt", "CC101", ("1", "9"), "licenses_for_undocumented"),
    # "expired in 2017 and was not renewed" is no agreement now, against "has an … agreement"
    ("delaware_licenses.txt", "CC101", ("3", "4"), "agreement_exists"),
    ("delaware_licenses.txt", "CC110", ("5", "6"), None),
    # not planted, but real: "No." to "Does the DMV share photos with ICE?" vs an agreement that covers records
    ("delaware_licenses.txt", "CC121", ("2", "4"), None),
    # a state's name as the subject: "Minnesota does not send … to ICE" vs "Court clerks forward …"
    ("minnesota_courts.yaml", "CC101", ("1", "2"), "data_shared"),
    ("minnesota_courts.yaml", "CC114", ("3", "4"), None),
    # "No formal agreement exists" vs "Under a 2021 memorandum of understanding with ICE, …"
    ("minnesota_courts.yaml", "CC101", ("5", "6"), "agreement_exists"),
    # "No." to "Do court clerks give ICE defendants' addresses?"
    ("minnesota_courts.yaml", "CC101", ("2", "11"), "data_shared"),
    ("minnesota_courts.yaml", "CC102", ("12", "13"), "training_exists"),
    ("north_carolina_federal.txt", "CC101", ("1", "10"), "data_shared"),
    # "No." to "Do local police share information with USCIS?"
    ("north_carolina_federal.txt", "CC101", ("3", "9"), "data_shared"),
    # "no written agreement with any federal agency" covers CBP
    ("north_carolina_federal.txt", "CC101", ("4", "5"), "agreement_exists"),
    ("north_carolina_federal.txt", "CC110", ("6", "7"), None),
    # "CBP probably has direct access" vs "CBP has direct access"
    ("north_carolina_federal.txt", "CC102", ("8", "10"), "data_shared"),
    # Third round: long, hedgy pages in the seed's style (restated questions,
    # numbered lists inside answers, benefits and drawbacks, boilerplate advice).
    # "there is no formal data sharing agreement" vs "has a memorandum of understanding with ICE"
    ("virginia_dmv.txt", "CC101", ("3", "12"), "agreement_exists"),
    # "may be encrypted" vs "1. Data Encryption: … are encrypted"
    ("virginia_dmv.txt", "CC102", ("5", "6"), "encryption_used"),
    # "can only be released to ICE when ICE presents a judicial warrant" vs "federal law requires … upon request"
    ("virginia_dmv.txt", "CC110", ("7", "10"), None),
    ("virginia_dmv.txt", "CC101", ("8", "14"), "consent_required"),
    ("virginia_dmv.txt", "CC111", ("8", "10"), None),
    # "cannot opt out" vs "required to obtain the written consent"
    ("virginia_dmv.txt", "CC120", ("8", "15"), None),
    ("new_york_detainers.json", "CC115", ("1", "4"), None),
    ("new_york_detainers.json", "CC101", ("4", "9"), "detainers_honored"),
    # "no county sheriff … has a 287(g) agreement" vs one sheriff's office that has one
    ("new_york_detainers.json", "CC101", ("6", "11"), "agreement_exists"),
    ("new_york_detainers.json", "CC110", ("7", "12"), None),
    # "receive training" vs "are likely given training"
    ("new_york_detainers.json", "CC102", ("8", "13"), "training_exists"),
    # "do not send lists of litigants, witnesses or defendants to federal
    # immigration authorities" (a list comma inside the negated clause) vs "routinely provide"
    ("illinois_courts.md", "CC101", ("2", "9"), "data_shared"),
    ("illinois_courts.md", "CC114", ("4", "11"), None),
    ("illinois_courts.md", "CC112", ("5", "10"), None),
    ("illinois_courts.md", "CC113", ("5", "9"), None),
    # "There is no mechanism for individuals to challenge" vs "can challenge … by filing a complaint"
    ("illinois_courts.md", "CC101", ("7", "14"), "challenge_possible"),
    ("illinois_courts.md", "CC102", ("12", "13"), "audits_exist"),
    # Fourth round: driver privilege cards in plain numbered text, a
    # "welcoming state" policy in YAML (question/answer keys).
    # "issues driver privilege cards to residents who cannot prove lawful presence" vs "are not eligible"
    ("tennessee_privilege_cards.txt", "CC101", ("2", "11"), "licenses_for_undocumented"),
    # "there is no data sharing agreement" vs "Under a memorandum of understanding signed with ICE in 2019, …"
    ("tennessee_privilege_cards.txt", "CC101", ("4", "13"), "agreement_exists"),
    ("tennessee_privilege_cards.txt", "CC110", ("6", "9"), None),
    # "is probably audited from time to time" vs "audits access to privilege card records every year"
    ("tennessee_privilege_cards.txt", "CC102", ("8", "12"), "audits_exist"),
    ("rhode_island_welcoming.yaml", "CC114", ("1", "7"), None),
    ("rhode_island_welcoming.yaml", "CC101", ("3", "9"), "detainers_honored"),
    # "no police department … has a 287(g) agreement" vs one department that has
    ("rhode_island_welcoming.yaml", "CC101", ("5", "10"), "agreement_exists"),
    # "It is possible that … officers receive some training" vs "Every recruit completes mandatory training"
    ("rhode_island_welcoming.yaml", "CC102", ("8", "11"), "training_exists"),
]

# (document, answer): answers that must take part in no finding.
QUIET = [
    ("michigan_unemployment.txt", "3"),   # "not only encrypts"; a negation about staff, then "which …"
    ("michigan_unemployment.txt", "11"),  # "should not share"
    ("michigan_unemployment.txt", "12"),  # Indiana, not Michigan
    ("arizona_enrollment.md", "7"),       # "should not share"
    ("arizona_enrollment.md", "10"),      # New Mexico
    ("arizona_enrollment.md", "13"),      # a ban on release without consent, "unless … required by law"
    ("pennsylvania_jails.html", "9"),     # "should honor only …"
    ("pennsylvania_jails.html", "11"),    # a past agreement (2014)
    ("pennsylvania_jails.html", "12"),    # New Jersey
    ("colorado_tax.yaml", "2"),           # prohibition "except as required by federal law"
    ("colorado_tax.yaml", "11"),          # "it is recommended"
    ("colorado_tax.yaml", "12"),          # Utah
    ("colorado_tax.yaml", "13"),          # "may share … only when the taxpayer signs a release"
    ("connecticut_trust_act.md", "5"),    # a city ordinance denied; the state law stands (and 'the state' is not police)
    ("connecticut_trust_act.md", "7"),    # "do not ask about status, but fingerprints are sent to the FBI"
    ("connecticut_trust_act.md", "8"),    # "should not share"
    ("connecticut_trust_act.md", "13"),   # a past agreement (before 2013)
    ("connecticut_trust_act.md", "14"),   # Massachusetts
    ("delaware_licenses.txt", "8"),       # "may release … only when the driver signs a release form"
    ("delaware_licenses.txt", "10"),      # Maryland
    ("delaware_licenses.txt", "11"),      # "Not necessarily."
    ("delaware_licenses.txt", "12"),      # "should not hand … over"
    ("delaware_licenses.txt", "13"),      # "No." to a question that claims nothing
    ("minnesota_courts.yaml", "7"),       # "should not provide"
    ("minnesota_courts.yaml", "8"),       # "may release … only under a court order"
    ("minnesota_courts.yaml", "9"),       # Wisconsin
    ("minnesota_courts.yaml", "10"),      # a past agreement (2015)
    ("north_carolina_federal.txt", "11"), # prohibition "except as required by federal law"
    ("north_carolina_federal.txt", "12"), # South Carolina
    ("north_carolina_federal.txt", "13"), # "should not forward"
    ("north_carolina_federal.txt", "14"), # "Not necessarily." and "not only"
    ("north_carolina_federal.txt", "15"), # a past memorandum (2012)
    ("virginia_dmv.txt", "1"),            # restated question; "may also enter into agreements" (possibility)
    ("virginia_dmv.txt", "2"),            # "likely limited", "typically follows": hedged safeguards
    ("virginia_dmv.txt", "9"),            # benefits and drawbacks ("Sharing DMV records with ICE can help …")
    ("virginia_dmv.txt", "16"),           # effects list; "policymakers should consider"
    ("virginia_dmv.txt", "20"),           # boilerplate advice
    ("new_york_detainers.json", "2"),     # a detainer defined: "a request … asking a jail to hold"
    ("new_york_detainers.json", "3"),     # "may share" beside a mandate, not a practice ("requires … to share release information")
    ("new_york_detainers.json", "10"),    # benefits and drawbacks; "the decision to honor detainers should be weighed"
    ("new_york_detainers.json", "14"),    # advice ("should")
    ("new_york_detainers.json", "15"),    # New Jersey
    ("illinois_courts.md", "1"),          # restated question; "may also enter into agreements"
    ("illinois_courts.md", "3"),          # "arrests … require a warrant": arrests, not records
    ("illinois_courts.md", "6"),          # benefits and drawbacks; "if they believe their information will be shared"
    ("illinois_courts.md", "8"),          # advice ("should ask agents to present any warrant")
    ("illinois_courts.md", "15"),         # Indiana
    ("tennessee_privilege_cards.txt", "1"),   # restated question; "may also enter into agreements"
    ("tennessee_privilege_cards.txt", "3"),   # benefits and drawbacks; "should be weighed"
    ("tennessee_privilege_cards.txt", "5"),   # what ICE "could potentially request"
    ("tennessee_privilege_cards.txt", "7"),   # hedged safeguards ("probably limited", "typically follows")
    ("tennessee_privilege_cards.txt", "10"),  # Kentucky
    ("tennessee_privilege_cards.txt", "14"),  # advice ("should not share")
    ("tennessee_privilege_cards.txt", "15"),  # boilerplate advice
    ("rhode_island_welcoming.yaml", "2"),     # restated question; "may also enter into agreements"
    ("rhode_island_welcoming.yaml", "4"),     # benefits and drawbacks; "should be weighed"
    ("rhode_island_welcoming.yaml", "6"),     # "would likely require approval"; "should also weigh"
    ("rhode_island_welcoming.yaml", "12"),    # Massachusetts; "Other states have adopted laws that limit …"
]

DOCS = sorted({d for d, *_ in PLANTED})


@pytest.fixture(scope="module")
def findings():
    out = {}
    for name in DOCS:
        report = check([str(UNSEEN / name)], CheckOptions())
        claims = {c.id: c for c in report.claims}
        out[name] = [(f.rule, tuple(sorted(a.answer for a in f.answers)), claims[f.claims[0]].predicate)
                     for f in report.findings]
    return out


@pytest.mark.parametrize(("doc", "rule", "answers", "predicate"), PLANTED,
                         ids=[f"{d.split('_')[0]}-{r}-{'-'.join(a)}" for d, r, a, _ in PLANTED])
def test_planted_inconsistency_is_found(findings, doc, rule, answers, predicate):
    assert any(r == rule and a == tuple(sorted(answers)) and (predicate is None or p == predicate)
               for r, a, p in findings[doc]), findings[doc]


@pytest.mark.parametrize(("doc", "answer"), QUIET, ids=[f"{d.split('_')[0]}-{a}" for d, a in QUIET])
def test_trap_does_not_fire(findings, doc, answer):
    assert not [f for f in findings[doc] if answer in f[1]]


@pytest.mark.parametrize("answer", ["13", "14"])
def test_negation_elsewhere_does_not_negate(answer):
    # 13: "County jails not only notify ICE … but also honor detainers";
    # 14: "Jails that do not have spare bed space still honor ICE detainers".
    report = check([str(UNSEEN / "pennsylvania_jails.html")], CheckOptions())
    claims = [c for c in report.claims if c.answer == answer and c.predicate == "detainers_honored"]
    assert claims and all(c.polarity.value == "affirmed" for c in claims)


def test_negation_of_another_predicate_does_not_negate():
    # "Officers do not ask about immigration status …, but booking fingerprints are sent to the FBI"
    report = check([str(UNSEEN / "connecticut_trust_act.md")], CheckOptions())
    claims = [c for c in report.claims if c.answer == "7" and c.predicate == "data_shared"]
    assert claims and all(c.polarity.value == "affirmed" and c.scope.counterpart == "fbi" for c in claims)


def test_a_limit_on_when_detainers_are_honored_is_neither_hedged_nor_a_detainer_claim():
    # "a state law that limits when local police may honor ICE detainers"
    report = check([str(UNSEEN / "connecticut_trust_act.md")], CheckOptions())
    claims = [(c.predicate, c.modality.value) for c in report.claims if c.answer == "1"]
    assert claims == [("law_limits_cooperation", "asserted")]


def test_no_more_findings_than_known():
    # Known extra findings are real (agreement-implies-sharing in Colorado; answer 4
    # of Pennsylvania against 13 and 14). Pennsylvania answer 1's "no state statute
    # limits cooperation" no longer meets answer 2's county policies: a law claim
    # records who issued it (scope.level), and a state law and a county policy are
    # different laws (test_a_state_statute_and_county_policies_do_not_meet). Second round:
    # the extras are real (North Carolina 1 vs 8, a hedged tension beside the
    # error 1 vs 10; Minnesota's agreement in 6 implies the sharing 1 and 11
    # deny). Third round: Virginia's extra is 19 vs 10, Maryland's "only when ICE
    # presents a court order" against the federal mandate of 10 (federal law
    # meets every state, by design); New York 1 vs 11 is real (a law limiting
    # cooperation vs counties in enforcement programs). Fourth round: Rhode
    # Island 1 vs 9 is real (a law limiting cooperation vs routinely honored
    # detainers). A new false alarm shows here.
    counts = {}
    for name in DOCS:
        counts[name] = len(check([str(UNSEEN / name)], CheckOptions()).findings)
    assert counts == {"arizona_enrollment.md": 6, "colorado_tax.yaml": 6,
                      "michigan_unemployment.txt": 5, "pennsylvania_jails.html": 8,
                      "connecticut_trust_act.md": 6, "delaware_licenses.txt": 4,
                      "minnesota_courts.yaml": 7, "north_carolina_federal.txt": 6,
                      "virginia_dmv.txt": 7, "new_york_detainers.json": 6, "illinois_courts.md": 6,
                      "tennessee_privilege_cards.txt": 4, "rhode_island_welcoming.yaml": 5}, counts


def test_a_state_statute_and_county_policies_do_not_meet():
    report = check([str(UNSEEN / "pennsylvania_jails.html")], CheckOptions())
    levels = {c.answer: c.scope.level for c in report.claims if c.predicate == "law_limits_cooperation"}
    assert levels["1"] == "state" and levels["2"] == "local"
    assert not [f for f in report.findings if {a.answer for a in f.answers} == {"1", "2"}]


def test_release_of_people_unless_a_warrant_is_not_a_records_restriction():
    # New York 9: "jails release individuals … unless ICE presents a warrant signed by a judge"
    report = check([str(UNSEEN / "new_york_detainers.json")], CheckOptions())
    assert not [c for c in report.claims if c.answer == "9" and c.predicate == "sharing_requires_legal_process"]
    assert [c.polarity.value for c in report.claims if c.answer == "9" and c.predicate == "detainers_honored"] == ["negated"]
