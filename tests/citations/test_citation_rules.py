"""The rule files: every template has examples, every act an official URL, and a bad
file is refused with a RuleError naming the file and the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimcheck.citations.rules import load_rules, rules_dir
from claimcheck.citations.scan import Scanner
from claimcheck.errors import RuleError

RULES = load_rules()
SCANNER = Scanner(RULES)
TEMPLATES = {t.id: (t, r) for t, r in SCANNER.templates}


def _apply(template_id: str, text: str) -> list[str]:
    template, regex = TEMPLATES[template_id]
    hits = (SCANNER._apply(template, m, None, 0) for m in regex.finditer(text))
    return [h.normalized for h in hits if h is not None]


MATCH = [(t.id, text, norm) for t in RULES.templates for text, norm in t.examples.match.items()]
NO_MATCH = [(t.id, text) for t in RULES.templates for text in t.examples.no_match]


@pytest.mark.parametrize(("template_id", "text", "normalized"), MATCH)
def test_template_example_matches(template_id, text, normalized):
    assert normalized in _apply(template_id, text)


@pytest.mark.parametrize(("template_id", "text"), NO_MATCH)
def test_template_example_does_not_match(template_id, text):
    assert _apply(template_id, text) == []


def test_every_template_has_pass_and_fail_examples():
    for template in RULES.templates:
        assert template.examples.match and template.examples.no_match, template.id


def test_every_act_has_an_official_url():
    for act in RULES.acts:
        assert act.url.startswith("https://"), act.id
        assert not any(host in act.url for host in ("wikipedia", "justia", "lawserver")), act.id


def test_registry_has_the_acts_the_genre_cites():
    names = {a.id for a in RULES.acts}
    assert {"prwora", "ina", "hipaa", "ferpa", "privacy-act", "iirira", "real-id", "dppa",
            "food-and-nutrition-act", "social-security-act", "foia"} <= names


def test_state_registry_covers_50_states_and_dc():
    assert len(RULES.states) == 51 and "DC" in RULES.states


def test_state_urls_are_official_or_absent():
    third_party = ("justia", "lawserver", "public.law", "oregonlaws", "onecle", "cornell",
                   "casetext", "findlaw")
    for postal, state in RULES.states.items():
        for code in state.codes:
            if code.url:
                assert not any(host in code.url for host in third_party), postal
                assert code.checked_against, postal


def test_written_forms_are_unambiguous():
    seen: dict[str, str] = {}
    for postal, state in RULES.states.items():
        for code in state.codes:
            for form in code.forms:
                if "{subject}" in form:
                    continue
                assert seen.setdefault(form, postal) == postal, form


def test_rules_dir_finds_the_repository_rules():
    assert (rules_dir() / "citations" / "acts.yaml").is_file()


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    shutil.copytree(rules_dir() / "citations", tmp_path / "citations")
    return tmp_path


def test_unknown_key_is_refused_naming_file_and_key(rules_copy: Path):
    acts = rules_copy / "citations" / "acts.yaml"
    acts.write_text(acts.read_text().replace("    short: PRWORA\n",
                                             "    short: PRWORA\n    summary: oops\n", 1))
    with pytest.raises(RuleError) as error:
        load_rules(rules_copy)
    assert error.value.path.endswith("acts.yaml")
    assert error.value.key == "acts.0.summary"
    assert "acts.yaml" in str(error.value) and "acts.0.summary" in str(error.value)


def test_wrong_type_is_refused_naming_file_and_key(rules_copy: Path):
    states = rules_copy / "citations" / "state_codes.yaml"
    states.write_text(states.read_text().replace("    abbr: Ala.\n", "    abbr: [Ala.]\n", 1))
    with pytest.raises(RuleError) as error:
        load_rules(rules_copy)
    assert error.value.path.endswith("state_codes.yaml")
    assert error.value.key == "states.AL.abbr"


def test_bad_regex_is_refused(rules_copy: Path):
    templates = rules_copy / "citations" / "templates.yaml"
    text = templates.read_text()
    templates.write_text(text.replace("  - id: usc\n    kind: statute\n",
                                      "  - id: usc\n    kind: statute\n    requires: []\n", 1)
                         .replace("(?P<title>\\d{1,2})\\s*,?", "(?P<title>\\d{1,2}\\s*,?", 1))
    with pytest.raises(RuleError) as error:
        load_rules(rules_copy)
    assert error.value.key is not None and error.value.key.startswith("templates.0")


def test_unknown_kind_is_refused(rules_copy: Path):
    templates = rules_copy / "citations" / "templates.yaml"
    templates.write_text(templates.read_text().replace("kind: statute", "kind: statue", 1))
    with pytest.raises(RuleError) as error:
        load_rules(rules_copy)
    assert error.value.key == "templates.0.kind"


def test_agrees_with_citeurl_on_federal_forms():
    """Our federal templates give what citeurl 12.0.4 gives, when it is installed."""
    citeurl = pytest.importorskip("citeurl")
    citator = citeurl.Citator(defaults=["general federal law"])
    for text in ("8 U.S.C. § 1373", "8 USC 1373", "42 U.S.C. § 1320b-7", "7 U.S.C. § 2020(e)(8)",
                 "45 C.F.R. § 164.512", "45 CFR 164.512(f)", "Pub. L. 104-193",
                 "Pub. L. No. 104-193"):
        (theirs,) = citator.list_cites(f"See {text} here.")
        ours = [h for h in SCANNER.scan(f"See {text} here.") if h.kind != "vague"]
        assert len(ours) == 1 and ours[0].text == theirs.text, text
        tokens = theirs.tokens
        if "title" in tokens:
            expected = f"{tokens['title']} "
            assert ours[0].normalized.startswith(expected), text
            assert tokens["section"] in ours[0].normalized, text
        else:
            assert ours[0].normalized == f"Pub. L. {tokens['congress']}-{tokens['law']}"


def test_state_code_registry_names_the_same_states_as_the_jurisdiction_table():
    # Two places hold the list of states: the loader's table (used on the
    # start-up path, so it stays in code) and the citation registry. They must agree.
    from claimcheck.citations.rules import load_rules
    from claimcheck.loading.jurisdiction import STATES

    registry = load_rules().states
    assert {code: s.name for code, s in registry.items()} == STATES
