"""A broken rule file stops the run with exit 2 and one line naming the file
and the key: the packaged rules are copied, one file is broken, and the copy
is used with ``--rules``."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimcheck.rulepack import default_rules_dir

from .conftest import CORPUS, assert_one_line_error

_PRED = "predicates/training_exists.yaml"
_REL = "relations/CC120-consent-implies-refusal.yaml"


def _set(key: str, value: str) -> Callable[[str], str]:
    """Replace the top-level ``key: ...`` line of a YAML file."""
    def edit(text: str) -> str:
        new, n = re.subn(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
        assert n == 1, f"no top-level {key!r}"
        return new
    return edit


def _first_regex(value: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        new, n = re.subn(r"^(    regex: ).*$", lambda m: m.group(1) + value, text, count=1, flags=re.M)
        assert n == 1
        return new
    return edit


@dataclass(frozen=True)
class Broken:
    name: str
    file: str
    edit: Callable[[str], str]
    says: str
    key: str | None = None
    line: int | None = None


BROKEN = [
    Broken("unknown-key-predicate", _PRED, lambda t: t + "colour: red\n", "Extra inputs", key="colour"),
    Broken("unknown-key-relation", _REL, lambda t: t + "severity: high\n", "Extra inputs", key="severity"),
    Broken("unknown-key-nested", _PRED, lambda t: t.replace("  - id: provided\n", "  - id: provided\n    weight: 3\n", 1),
           "Extra inputs", key="patterns.0.weight"),
    Broken("wrong-type-keywords", _PRED, _set("keywords", "[1, 2]"), "valid string", key="keywords"),
    Broken("wrong-type-law", _PRED, lambda t: t + "law: often\n", "valid boolean", key="law"),
    Broken("wrong-kind", _REL, _set("kind", "7"), "Input should be", key="kind"),
    Broken("missing-key", _PRED, lambda t: re.sub(r"^label:.*\n", "", t, count=1, flags=re.M), "Field required",
           key="label"),
    Broken("not-a-mapping", "lexicon.yaml", lambda t: "- just\n- a list\n", "valid dictionary"),
    Broken("empty-file", "entities.yaml", lambda t: "", "valid dictionary"),
    Broken("bad-yaml", _REL, lambda t: t + "examples: [\n", "invalid YAML"),
    Broken("too-deep-yaml", "lexicon.yaml", lambda t: "terms: " + "[" * 20000, "nested more than"),
    Broken("not-utf8", "entities.yaml", lambda t: t + "# caf\udce9\n", "not valid UTF-8"),
    Broken("regex-does-not-compile", _PRED, _first_regex('"\\\\btraining(\\\\b"'), "does not compile",
           key="patterns.0.regex"),
    Broken("keywords-do-not-compile", _PRED, _set("keywords", '"training|[trained"'), "does not compile",
           key="keywords"),
    Broken("repeat-too-large", _PRED, _set("keywords", '"a{99999999999}"'), "does not compile", key="keywords"),
    Broken("groups-too-deep", _PRED, _set("keywords", '"' + "(?:" * 3000 + "a" + ")" * 3000 + '"'),
           "does not compile", key="keywords"),
    Broken("nested-quantifier", _PRED, _set("keywords", '"(a+)+b"'), "nested unbounded repetition",
           key="keywords"),
    Broken("nested-quantifier-pattern", _PRED, _first_regex('"(\\\\w+\\\\s?)*training"'),
           "nested unbounded repetition", key="patterns.0.regex"),
    Broken("nested-quantifier-term", "lexicon.yaml", lambda t: t.replace("terms:\n", "terms:\n  zz: '(x*)*y'\n", 1),
           "nested unbounded repetition", key="terms.zz"),
    # Found by review of _check_redos: no nested repeat, yet exponential on "aaaa…".
    Broken("overlapping-alternatives", _PRED, _set("keywords", '"(?:train|training|a|a)+b"'),
           "alternatives that can start with the same character", key="keywords"),
    Broken("overlapping-alternatives-pattern", _PRED, _first_regex('"\\b(?:x?a|a)+\\b"'),
           "alternatives that can start with the same character", key="patterns.0.regex"),
    Broken("unknown-term", _PRED, _first_regex('"\\\\b{no_such_term}\\\\b"'), "unknown term",
           key="patterns.0.regex"),
    Broken("unknown-predicate", _REL, lambda t: t.replace("predicate: opt_out_possible", "predicate: nope", 1),
           "unknown predicate", key="then.predicate"),
    Broken("implication-without-then", _REL, lambda t: re.sub(r"^then:.*\n", "", t, count=1, flags=re.M),
           "needs 'then'"),
    Broken("duplicate-id", "relations/CC121-agreement-implies-sharing.yaml", _set("id", "CC120"),
           "already used", key="id"),
]


@pytest.fixture(scope="module")
def good_rules(tmp_path_factory) -> Path:
    return Path(shutil.copytree(default_rules_dir(), tmp_path_factory.mktemp("rules") / "rules"))


@pytest.mark.parametrize("broken", BROKEN, ids=[b.name for b in BROKEN])
def test_broken_rule_file_is_one_line_naming_file_and_key(broken, good_rules, cli, tmp_path, monkeypatch):
    rules = Path(shutil.copytree(good_rules, tmp_path / "rules"))
    target = rules / broken.file
    target.write_bytes(broken.edit(target.read_text(encoding="utf-8")).encode("utf-8", "surrogateescape"))
    faq = tmp_path / "nevada_schools.txt"
    shutil.copy(CORPUS / "nevada_schools.txt", faq)
    monkeypatch.chdir(tmp_path)
    for argv in (["scan", "--rules", str(rules), faq.name], ["rules", "--rules", str(rules)],
                 ["rules", "explain", "CC101", "--rules", str(rules)]):
        run = cli(*argv)
        assert run.rc == 2, (argv, run.out)
        assert run.out == ""
        assert_one_line_error(run.err, str(target), key=broken.key, line=broken.line, says=broken.says)


def test_the_copied_pack_itself_is_fine(good_rules, cli, tmp_path, monkeypatch):
    shutil.copy(CORPUS / "nevada_schools.txt", tmp_path / "nevada_schools.txt")
    monkeypatch.chdir(tmp_path)
    run = cli("scan", "--rules", str(good_rules), "nevada_schools.txt")
    assert run.rc == 1 and "CC101" in run.out


def test_missing_rule_folder_is_one_line(cli, tmp_path, monkeypatch):
    shutil.copy(CORPUS / "nevada_schools.txt", tmp_path / "nevada_schools.txt")
    monkeypatch.chdir(tmp_path)
    run = cli("scan", "--rules", "no-such-rules", "nevada_schools.txt")
    assert run.rc == 2
    assert_one_line_error(run.err, "no-such-rules", says="not found")


def test_missing_rule_file_is_one_line(good_rules, cli, tmp_path, monkeypatch):
    rules = Path(shutil.copytree(good_rules, tmp_path / "rules"))
    (rules / "lexicon.yaml").unlink()
    shutil.copy(CORPUS / "nevada_schools.txt", tmp_path / "nevada_schools.txt")
    monkeypatch.chdir(tmp_path)
    run = cli("scan", "--rules", str(rules), "nevada_schools.txt")
    assert run.rc == 2
    assert_one_line_error(run.err, str(rules / "lexicon.yaml"), says="cannot read rule file")


@pytest.mark.parametrize("regex", [r"(?:a|ab)*c", r"(?:ab|ac)*d", r"(?:\s|,)+", r"(?:\bthe\b|\ban\b)+",
                                   r"(?:[a-z]|é)+", r"(?:x|y)+z"])
def test_alternatives_that_start_differently_are_accepted(regex):
    from claimcheck.rulepack import _check_redos

    _check_redos(regex, Path("p.yaml"), "keywords")


def test_overlapping_alternatives_really_are_exponential():
    import re
    import time

    start = time.perf_counter()
    re.search(r"(a|a)*b", "a" * 18)
    fast = re.search(r"(?:a)*b", "a" * 18)
    assert fast is None
    assert time.perf_counter() - start > 0.005  # 2**18 paths; the check above is not paranoia
