"""The rule pack's validated contents in the cache folder: a warm run reads no
YAML and builds the same pack; a damaged blob or a changed rule file means the
files are read again; a broken rule file is still an error naming the file."""

from __future__ import annotations

import shutil

import pytest

from claimcheck import rulepack
from claimcheck.cache import Cache
from claimcheck.errors import RuleError
from claimcheck.rulepack import default_rules_dir


@pytest.fixture
def reads(monkeypatch):
    """Paths of the rule files read from disk, in order."""
    seen: list[str] = []
    real = rulepack._read_yaml

    def counting(path):
        seen.append(str(path))
        return real(path)

    monkeypatch.setattr(rulepack, "_read_yaml", counting)
    return seen


@pytest.fixture
def rules(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), folder)
    return folder


def _load(rules, cache_root):
    # _load_rulepack, not load_rulepack: the in-process memo would hide the cache.
    cache = Cache(cache_root, rules_dir=str(rules)) if cache_root is not None else None
    return rulepack._load_rulepack(str(rules), (), cache)


def _summary(pack):
    """What a pack holds, as plain data, to compare two loads."""
    return (
        pack.root,
        {k: (e.role, e.label, sorted(e.ancestors)) for k, e in pack.entities.items()},
        sorted(pack.entity_exact.items()),
        pack.entity_exact_re.pattern,
        [(c.model_dump(), p.pattern) for c, p in pack.entity_classes],
        {k: (p.label, p.negated_label, p.description, p.keywords.pattern, p.requires, p.law, p.source,
             [(c.id, c.source, c.polarity, c.fixed, c.presupposed, c.exclude_source) for c in p.patterns],
             [e.model_dump() for e in p.examples])
         for k, p in pack.predicates.items()},
        [(r.id, r.name, r.kind, r.description, r.help, r.aliases, r.source, r.spec.model_dump())
         for r in pack.relations],
        {name: getattr(pack.lexicon, name).pattern.pattern for name in vars(pack.lexicon)},
    )


def _blobs(root):
    return sorted(root.rglob("*.rulepack-*"))


def test_a_warm_load_reads_no_rule_file_and_builds_the_same_pack(rules, tmp_path, reads):
    uncached = _summary(_load(rules, None))
    assert len(reads) > 20
    reads.clear()
    first = _summary(_load(rules, tmp_path / "cache"))
    assert reads and len(_blobs(tmp_path / "cache")) == 1
    reads.clear()
    second = _summary(_load(rules, tmp_path / "cache"))
    assert reads == []
    assert first == second == uncached


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],                                  # cut short
    lambda raw: raw.replace(b'"label"', b'"lab\xffl"', 1),             # checksum no longer matches
    lambda raw: b"",
])
def test_a_damaged_blob_is_a_miss_and_is_written_again(rules, tmp_path, reads, damage):
    good = _summary(_load(rules, tmp_path / "cache"))
    (blob,) = _blobs(tmp_path / "cache")
    blob.write_bytes(damage(blob.read_bytes()))
    reads.clear()
    assert _summary(_load(rules, tmp_path / "cache")) == good
    assert len(reads) > 20
    reads.clear()
    _load(rules, tmp_path / "cache")
    assert reads == []


def test_a_blob_that_does_not_fit_the_schemas_is_a_miss(rules, tmp_path, reads):
    import hashlib
    import json

    good = _summary(_load(rules, tmp_path / "cache"))
    (blob,) = _blobs(tmp_path / "cache")
    data = json.loads(blob.read_bytes().partition(b"\n")[2])
    lexicon = next(k for k in data if k.endswith("lexicon.yaml"))
    data[lexicon][1] = {"colour": "red"}  # a checksum that matches, contents that do not fit
    some_predicate = next(k for k in data if "predicates" in k)
    data[some_predicate][1]["patterns"] = "nonsense"
    payload = json.dumps(data).encode()
    blob.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    reads.clear()
    assert _summary(_load(rules, tmp_path / "cache")) == good
    assert sorted(reads) == sorted([lexicon, some_predicate])


def test_a_changed_rule_file_is_read_again(rules, tmp_path, reads):
    _load(rules, tmp_path / "cache")
    pred = rules / "predicates" / "training_exists.yaml"
    pred.write_text(pred.read_text(encoding="utf-8").replace("label: ", "label: Changed ", 1), encoding="utf-8")
    reads.clear()
    pack = _load(rules, tmp_path / "cache")
    assert str(pred) in reads
    assert pack.predicates["training_exists"].label.startswith("Changed ")
    assert len(_blobs(tmp_path / "cache")) == 2  # a new key; the old entry is simply never read


def test_a_broken_rule_file_is_reported_with_a_warm_cache_and_not_stored(rules, tmp_path):
    _load(rules, tmp_path / "cache")
    pred = rules / "predicates" / "training_exists.yaml"
    pred.write_text(pred.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleError) as err:
            _load(rules, tmp_path / "cache")
        assert "training_exists.yaml" in str(err.value) and "colour" in str(err.value)
    assert len(_blobs(tmp_path / "cache")) == 1



def test_matchers_are_built_on_first_use_for_the_packaged_pack_only(rules, tmp_path):
    packaged = rulepack._load_rulepack(None, (), None)
    assert "_matchers" not in vars(packaged)
    assert "keywords" not in vars(next(iter(packaged.predicates.values())))
    assert packaged.entity_names  # built now
    assert "_matchers" in vars(packaged)
    # A folder the user names is compiled (and checked) when it is loaded.
    ents = rules / "entities.yaml"
    text = ents.read_text(encoding="utf-8")
    head, sep, rest = text.partition("    pattern: ")
    assert sep
    ents.write_text(head + sep + "'(unclosed'\n" + rest.partition("\n")[2], encoding="utf-8")
    with pytest.raises(RuleError, match="does not compile"):
        _load(rules, None)
