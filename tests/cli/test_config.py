"""Configuration: found walking up, every key used end to end, shown by ``claimcheck config``."""

from __future__ import annotations

import shutil

import pytest
from faqs import FORMATS, OREGON_MD

CERTAINTY_AND_CONTRADICTION = OREGON_MD + """
## 4. Does the Oregon DMV share driver records with ICE?

The Oregon DMV likely shares driver records with ICE.

## 5. Who receives driver records?

The Oregon DMV shares driver records with ICE.
"""


def _rules(out: str) -> list[str]:
    return sorted({row.split()[2] for row in out.splitlines()[:-1]})


@pytest.fixture
def oregon(write):
    write("faq/oregon.md", CERTAINTY_AND_CONTRADICTION)


def test_found_walking_up_and_claimcheck_toml_wins_over_pyproject(oregon, write, run, tmp_path, monkeypatch):
    write("pyproject.toml", '[project]\nname = "site"\n\n[tool.claimcheck]\ndisable = ["CC102"]\n')
    monkeypatch.chdir(tmp_path / "faq")
    shown = run("config").out
    assert shown.startswith(f"# from {tmp_path / 'pyproject.toml'}")
    assert 'disable = ["CC102"]' in shown
    assert "CC102" not in run("scan", "oregon.md", "--fail-on", "info").out
    write(".claimcheck.toml", 'disable = ["CC101"]\n')
    assert run("config").out.startswith(f"# from {tmp_path / '.claimcheck.toml'}")
    rules = _rules(run("scan", "oregon.md").out)
    assert "CC101" not in rules and "CC102" in rules


def test_a_pyproject_without_the_section_is_passed_over(oregon, write, run, tmp_path, monkeypatch):
    write(".claimcheck.toml", 'severity = { CC102 = "error" }\n')
    write("faq/pyproject.toml", '[project]\nname = "faq"\n')
    monkeypatch.chdir(tmp_path / "faq")
    assert run("config").out.startswith(f"# from {tmp_path / '.claimcheck.toml'}")
    assert "error CC102" in run("scan", "oregon.md").out


def test_defaults_when_nothing_is_found(run, tmp_path):
    shown = run("config").out
    assert shown.splitlines()[0] == "# no configuration file found; defaults"
    assert f'cache_dir = "{tmp_path / ".claimcheck_cache"}"' in shown
    assert "jobs = 1" in shown


def test_enable_keeps_only_the_rules_named(oregon, write, run):
    write(".claimcheck.toml", 'enable = ["opposite-polarity"]\n')
    assert _rules(run("scan", "faq", "--fail-on", "info").out) == ["CC101"]


def test_severity_overrides_change_the_exit_code(oregon, write, run):
    write(".claimcheck.toml", '[tool.claimcheck]\nseverity = { CC101 = "info", CC121 = "info" }\n')
    result = run("scan", "faq")
    assert "info CC101" in result.out and result.code == 0


def test_include_and_exclude_globs(write, run):
    for name, (text, _) in FORMATS.items():
        write(f"content/{name}", text)
    write("content/drafts/oregon.md", OREGON_MD)
    write(".claimcheck.toml", 'exclude = ["drafts/", "*.html"]\n')
    out = run("scan", "content").out
    assert "content/drafts" not in out and "texas.html" not in out
    assert out.splitlines()[-1].endswith("in 4 documents")
    write(".claimcheck.toml", 'include = ["**/*.md"]\n')
    out = run("scan", "content").out
    assert out.splitlines()[-1].endswith("in 2 documents")


def test_rules_folder_relative_to_the_config_file(oregon, write, run, tmp_path, monkeypatch):
    from claimcheck.rulepack import default_rules_dir

    shutil.copytree(default_rules_dir(), tmp_path / "house-rules")
    (tmp_path / "house-rules" / "relations" / "CC101-opposite-polarity.yaml").unlink()
    write(".claimcheck.toml", 'rules = "house-rules"\n')
    monkeypatch.chdir(tmp_path / "faq")
    assert f'rules = "{tmp_path / "house-rules"}"' in run("config").out
    assert "CC101" not in run("scan", "oregon.md", "--fail-on", "info").out
    assert "CC101" in run("scan", "oregon.md", "--rules", str(default_rules_dir())).out


def test_jobs_from_configuration(oregon, write, run):
    write(".claimcheck.toml", "jobs = 2\n")
    assert "jobs = 2" in run("config").out
    assert run("scan", "faq", "--no-cache").code == 1


@pytest.mark.parametrize(("toml", "message"), [
    ('disabel = ["CC101"]\n', ".claimcheck.toml: disabel: Extra inputs are not permitted"),
    ('disable = "CC101"\n', ".claimcheck.toml: disable: Input should be a valid list"),
    ("jobs = -1\n", ".claimcheck.toml: jobs: Input should be greater than or equal to 0"),
    ('disable = ["CC999"]\n', "unknown rule 'CC999' in disable list"),
    ('severity = { CC101 = "fatal" }\n', "severity for 'CC101' must be error, warning or info"),
    ("disable = [\n", ".claimcheck.toml: invalid TOML"),
])
def test_bad_configuration_is_exit_2_naming_file_and_key(oregon, write, run, toml, message):
    write(".claimcheck.toml", toml)
    result = run("scan", "faq")
    assert result.code == 2
    assert message in result.err


def test_extra_rule_folders_add_entities_predicates_and_relations(write, run, tmp_path):
    # A house rule pack about school records: a new counterpart, a new
    # predicate and a rule of its own, added to (not replacing) the packaged one.
    write("house/entities.yaml", """
entities:
  - id: school_resource_officers
    role: counterpart
    label: school resource officers
    names: [school resource officers, school resource officer]
""")
    write("house/predicates/directory_info_released.yaml", r"""
id: directory_info_released
label: directory information is released to {counterpart}
negated_label: directory information is not released to {counterpart}
description: Student directory information is handed to the counterpart.
keywords: "directory"
requires: [counterpart]
patterns:
  - id: released
    regex: "directory information\\s+{be}\\s+(?:not\\s+|never\\s+)?(?:released|given|shown)\\s+to\\s+{counterpart}"
examples:
  - text: "Directory information is released to school resource officers."
    expect: {polarity: affirmed}
  - text: "Directories are printed every year."
    expect: null
""")
    write("house/relations/HR001-directory-and-agreement.yaml", """
id: HR001
name: directory-vs-agreement
kind: incompatible
description: Directory information released although no agreement exists.
first: {predicate: directory_info_released, polarity: affirmed}
second: {predicate: agreement_exists, polarity: negated}
examples: []
""")
    write("faq/schools.md", """---
jurisdiction: VT
---

## Is directory information shared?

Directory information is released to school resource officers.

## Is it ever withheld?

Directory information is never released to school resource officers.
""")
    write(".claimcheck.toml", 'extra_rules = ["house"]\n')
    out = run("scan", "faq/schools.md").out
    assert "error CC101" in out and "directory information" in out
    assert "HR001" in run("rules").out
    assert f'extra_rules = ["{tmp_path / "house"}"]' in run("config").out
    # A relation id that the packaged pack already uses is refused, naming the file.
    write("house/relations/HR001-directory-and-agreement.yaml",
          "id: CC101\nname: clash\nkind: opposition\ndescription: x\n")
    clash = run("scan", "faq/schools.md")
    assert clash.code == 2 and "HR001-directory-and-agreement.yaml" in clash.err
