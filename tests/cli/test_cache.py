"""The per-file cache: a second run re-extracts only what changed, a damaged
entry is re-extracted, and the cache folder keeps out of git."""

from __future__ import annotations

import json

import pytest
from faqs import FORMATS, OREGON_MD

import claimcheck.extraction
from claimcheck.cache import Cache, Extracted
from claimcheck.loading import load_document
from claimcheck.models import Outline


@pytest.fixture
def extracted(monkeypatch):
    """Paths of the documents ``extract_claims`` ran on, in order."""
    seen: list[str] = []
    real = claimcheck.extraction.extract_claims

    def counting(doc, pack):
        seen.append(doc.path)
        return real(doc, pack)

    monkeypatch.setattr(claimcheck.extraction, "extract_claims", counting)
    return seen


@pytest.fixture
def corpus(write):
    for name, (text, _) in FORMATS.items():
        write(f"faq/{name}", text)


def test_second_run_extracts_nothing_and_prints_the_same(corpus, run, extracted):
    first = run("scan", "faq", "-f", "json")
    assert sorted(extracted) == sorted(f"faq/{n}" for n in FORMATS)
    extracted.clear()
    second = run("scan", "faq", "-f", "json")
    assert extracted == []
    assert second.out == first.out and second.code == first.code == 1


def test_an_edit_re_extracts_only_that_file(corpus, write, run, extracted):
    run("scan", "faq")
    extracted.clear()
    write("faq/ohio.txt", FORMATS["ohio.txt"][0].replace("has no agreement with ICE", "has an agreement with ICE"))
    result = run("scan", "faq")
    assert extracted == ["faq/ohio.txt"]
    assert "faq/ohio.txt" not in result.out  # the contradiction is gone
    assert result.out.splitlines()[-1].startswith("4 findings")


def test_a_damaged_entry_is_re_extracted_not_an_error(corpus, tmp_path, run, extracted):
    clean = run("scan", "faq").out
    entries = sorted((tmp_path / ".claimcheck_cache").rglob("*.json"))
    assert len(entries) == len(FORMATS)
    entries[0].write_bytes(b'{"document": {"path": ')  # cut short
    entries[1].write_bytes(b"\xff\xfe not json")
    entries[2].write_text(json.dumps({"document": {"path": "x"}, "claims": "nonsense"}))
    extracted.clear()
    result = run("scan", "faq")
    assert result.code == 1 and result.out == clean
    assert len(extracted) == 3
    extracted.clear()
    run("scan", "faq")
    assert extracted == []  # the re-extracted entries were written back


def test_no_cache_neither_reads_nor_writes(corpus, tmp_path, run, extracted):
    run("scan", "faq", "--no-cache")
    run("scan", "faq", "--no-cache")
    assert len(extracted) == 2 * len(FORMATS)
    assert not (tmp_path / ".claimcheck_cache").exists()


def test_cache_folder_is_ignored_by_git_and_tagged(corpus, tmp_path, run):
    run("scan", "faq")
    root = tmp_path / ".claimcheck_cache"
    assert (root / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (root / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_cache_dir_option_and_config_key(corpus, tmp_path, write, run):
    run("scan", "faq", "--cache-dir", "elsewhere")
    assert list((tmp_path / "elsewhere").rglob("*.json"))
    write(".claimcheck.toml", 'cache-dir = "build/cc"\n')
    run("scan", "faq")
    assert list((tmp_path / "build" / "cc").rglob("*.json"))
    assert not (tmp_path / ".claimcheck_cache").exists()


def test_a_rule_change_invalidates_every_entry(corpus, tmp_path, write, run, extracted):
    from claimcheck.rulepack import default_rules_dir
    import shutil

    shutil.copytree(default_rules_dir(), tmp_path / "myrules")
    run("scan", "faq", "--rules", "myrules")
    extracted.clear()
    run("scan", "faq", "--rules", "myrules")
    assert extracted == []
    lexicon = tmp_path / "myrules" / "lexicon.yaml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# a comment changes the bytes\n",
                       encoding="utf-8")
    run("scan", "faq", "--rules", "myrules")
    assert len(extracted) == len(FORMATS)


def test_the_same_content_under_another_name_is_its_own_entry(write, run, extracted):
    write("a/oregon.md", OREGON_MD)
    write("b/oregon.md", OREGON_MD)
    result = run("scan", "a", "b")
    assert sorted(extracted) == ["a/oregon.md", "b/oregon.md"]
    assert "a/oregon.md:10" in result.out and "b/oregon.md:10" in result.out


def test_cache_api_round_trip_and_key(tmp_path, write):
    from claimcheck.rulepack import load_rulepack

    path = write("oregon.md", OREGON_MD)
    doc = load_document(path, display_path="oregon.md")
    entry = Extracted(document=Outline.of(doc), claims=tuple(claimcheck.extraction.extract_claims(doc, load_rulepack(None))))
    cache = Cache(tmp_path / "c")
    key = cache.key(path.read_bytes(), shown="oregon.md", input_format=None, citations=True)
    assert cache.get(key) is None
    cache.put(key, entry)
    assert cache.get(key) == entry
    assert key != cache.key(path.read_bytes(), shown="other.md", input_format=None, citations=True)
    assert key != cache.key(path.read_bytes(), shown="oregon.md", input_format="text", citations=True)
    assert key != cache.key(path.read_bytes() + b"\n", shown="oregon.md", input_format=None, citations=True)
    assert not list((tmp_path / "c").rglob("*.tmp"))  # written by rename, nothing left behind


def test_unwritable_cache_is_skipped(corpus, tmp_path, write, run):
    write("blocked", "a file where the cache folder should be")
    result = run("scan", "faq", "--cache-dir", "blocked/cache")
    assert result.code == 1 and result.out.splitlines()[-1].startswith("5 findings")


def test_a_warm_run_reads_no_rule_file(corpus, tmp_path, run, monkeypatch):
    """The rule pack's validated contents are cached too (next to the file entries)."""
    from claimcheck import rulepack

    seen: list[str] = []
    real = rulepack._read_yaml
    monkeypatch.setattr(rulepack, "_read_yaml", lambda path: seen.append(str(path)) or real(path))
    rulepack._PACKS.clear()  # what a new process starts with
    first = run("scan", "faq", "-f", "json")
    assert seen
    seen.clear()
    rulepack._PACKS.clear()
    second = run("scan", "faq", "-f", "json")
    assert seen == []
    assert second.out == first.out
    assert len(list((tmp_path / ".claimcheck_cache").rglob("*.rulepack-*"))) == 1
    rulepack._PACKS.clear()
    run("scan", "faq", "--no-cache")
    assert len(seen) > 20  # --no-cache reads the rule files, and writes nothing


def test_entries_read_back_share_their_field_sets_and_stay_equal(tmp_path, write):
    """Two entries' claims share one ``model_fields_set``; what they hold, dump and copy is unchanged."""
    from claimcheck.rulepack import load_rulepack

    pack = load_rulepack(None)
    cache = Cache(tmp_path / "c")
    entries, read = [], []
    for name, (text, _) in sorted(FORMATS.items()):
        path = write(name, text)
        doc = load_document(path, display_path=name)
        entry = Extracted(document=Outline.of(doc), claims=tuple(claimcheck.extraction.extract_claims(doc, pack)))
        key = cache.key(path.read_bytes(), shown=name, input_format=None, citations=True)
        cache.put(key, entry)
        entries.append(entry)
        read.append(cache.get(key))
    assert read == entries
    claims = [c for e in read for c in e.claims]
    assert len({c.doc for c in claims}) > 1
    # One set object for every claim, every scope and every evidence span.
    for part in (lambda c: c, lambda c: c.scope, lambda c: c.evidence):
        assert len({id(part(c).model_fields_set) for c in claims}) == 1
    # A copy with an update has a set of its own; the shared one is untouched.
    shared = claims[0].model_fields_set
    before = set(shared)
    copy = claims[0].model_copy(update={"line": 999})
    assert copy.model_fields_set is not shared and shared == before
    # Read back, every field counts as given, as it did before sharing.
    assert all(c.model_dump(exclude_unset=True) == c.model_dump() for c in claims)
    # Equal scopes are one object, across entries; different ones are not.
    distinct = {c.scope.model_dump_json() for c in claims}
    assert len({id(c.scope) for c in claims}) == len(distinct) < len(claims)
    assert [e.model_dump() for e in read] == [e.model_dump() for e in entries]


def test_models_given_different_fields_do_not_share_a_set():
    from claimcheck.cache import share_equal_parts
    from claimcheck.models import Topic

    full = Extracted(document=Outline(path="a.md", format="markdown"), topic=Topic(actor="dmv", program="licences"))
    part = Extracted(document=Outline(path="b.md", format="markdown"), topic=Topic(actor="dmv"))
    share_equal_parts(full)
    share_equal_parts(part)
    assert full.topic.model_fields_set == {"actor", "program"}
    assert part.topic.model_fields_set == {"actor"}
    assert full.topic.model_fields_set is not part.topic.model_fields_set
