"""A per-file cache of what loading, extraction and citations made of a file.

Re-checking a corpus after one edit should only re-read the edited file: the
engine compares every claim with every other, but the claims of an unchanged
file are the same as last time. So each file's ``Outline`` (the document
without its answers' text), ``Claim``\\s, ``Citation``\\s and topic are stored as pydantic JSON under

    <cache_dir>/<tool version>/<key>.json

where ``key`` hashes the file's bytes together with everything else that can
change the result: the path it is shown under (claim ids contain it), the
forced input format, whether citations are wanted, every rule file's bytes and
the package's own source (an editable install keeps its version number while
its code changes). Like ruff's cache, the folder holds a ``.gitignore`` of
``*`` and a ``CACHEDIR.TAG``, so neither git nor backup tools pick it up.

Beside each entry, ``<key>.facts`` holds what the engine reads of the file
(``models.FileFacts``: plain tuples, in ``marshal`` form, which a warm run
loads some forty times faster than it validates the JSON entry). A warm
run reads every file's facts but only the entries of the files its report
shows. ``<hash>.pairs`` files hold the engine's pairs of one rule over one
predicate, named by a hash of the facts they were made from
(``engine.decide``): after an edit, only the predicates whose claims
changed are paired again. ``<hash>.stats-1`` holds each file's stat
signature with its key, so that an unchanged file is not read to find it
(:meth:`Cache.known_key`).

The same folder holds one more entry, ``<key>.rulepack-1``: the rule files'
validated contents (``rulepack.py`` writes and reads it), so a warm run
neither parses YAML nor builds the rule schemas.

An entry that cannot be read or validated is a miss, never an error, and a
cache that cannot be written is silently skipped: the cache only ever saves
time. Entries are written to a temporary file and renamed into place, so a
reader sees a whole entry or none.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import __version__
from .errors import ClaimcheckError
from .models import (Citation, Claim, ClaimFacts, FileFacts, Frozen, Modality, Outline, Polarity, Scope,
                     SuppressionFacts, Topic)

#: Default folder name, created next to the configuration file (or in the
#: working directory when there is none).
DEFAULT_DIR = ".claimcheck_cache"

_GITIGNORE = "# Automatically created by claimcheck.\n*\n"
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This file is a cache directory tag created by claimcheck.\n"
                 "# For information about cache directory tags see https://bford.info/cachedir/\n")


class Extracted(Frozen):
    """What the per-file stages made of one file: the unit the cache stores."""

    #: The document without its answers' text: nothing after extraction reads it.
    document: Outline
    claims: tuple[Claim, ...] = ()
    #: Citations as found, before ``link_claims`` ties them to findings.
    citations: tuple[Citation, ...] = ()
    #: What the page is about (``extraction.document_topic``).
    topic: Topic = Topic()


#: Per model class: the set of all its field names, shared by every instance given them all.
_ALL_FIELDS: dict[type, set[str]] = {}
#: Shared sets for instances given only some fields, by class and names.
_GIVEN: dict[tuple[type, frozenset[str]], set[str]] = {}
#: One Scope model per distinct scope (values and fields given).
_SCOPE_MODELS: dict[tuple, Scope] = {}


def share_equal_parts(entry: Extracted) -> Extracted:
    """``entry`` with its models sharing their sets of "fields given", and equal scopes made one.

    Pydantic gives each instance its own ``__pydantic_fields_set__`` (the
    names of the fields given when it was made): a set of 5 to 20 names takes
    728 bytes, and a claim holds three models (pydantic's own plan to store
    these as bitsets is pydantic/pydantic#12924). The sets are nearly all
    equal: an entry read from the cache has every field given, and
    extraction leaves out the same defaults every time. Equal sets are made
    one. Measured on the generated corpus: 1,000 entries take 33 MB instead
    of 70 MB (tracemalloc); at 10,000 pages a warm scan peaks at 0.83 GB
    instead of 1.29 GB, and a cold ``--jobs 2`` scan at 0.94 GB.

    Scopes repeat too: 124,000 claims of 10,000 pages have a few thousand
    distinct ones (state, actor, counterpart, program, level), each model
    264 bytes; every claim with an equal scope (and the same fields given)
    is pointed at one of them.

    Nothing the models hold changes: they are frozen and forbid extra
    fields, so pydantic never adds to an existing instance's set, and
    ``model_copy`` copies the set before adding to it; a claim's scope is
    replaced by an equal, frozen one. The walk names the
    nested models of an entry (claims with their scope and evidence,
    answers, citations with their uses) instead of searching every field
    for them: 0.5 s rather than 2.3 s at 10,000 pages. A model nested
    anywhere else is merely not shared.
    """
    _shared(entry)
    _shared(entry.document)
    _shared(entry.topic)
    for answer in entry.document.answers:
        _shared(answer)
    for claim in entry.claims:
        _shared(claim)
        one = _one_scope(claim.scope)
        if one is not claim.scope:
            object.__setattr__(claim, "scope", one)
        _shared(claim.evidence)
    for citation in entry.citations:
        _shared(citation)
        for use in citation.uses:
            _shared(use)
    return entry


def _one_scope(scope: Scope) -> Scope:
    """The one Scope model equal to ``scope`` (values and fields given) that entries and facts share."""
    _shared(scope)
    return _SCOPE_MODELS.setdefault((*scope.__dict__.values(), id(scope.__pydantic_fields_set__)), scope)


def _shared(model: BaseModel) -> None:
    cls = type(model)
    every = _ALL_FIELDS.get(cls)
    if every is None:
        every = _ALL_FIELDS[cls] = set(cls.model_fields)
    given = model.__pydantic_fields_set__
    if given is every:
        return
    if len(given) == len(every):
        object.__setattr__(model, "__pydantic_fields_set__", every)
        return
    # Made by extraction rather than read back: defaults were left out, the
    # same ones each time, so equal sets are still made one (a dict lookup
    # more, on the cold path only).
    one = _GIVEN.setdefault((cls, frozenset(given)), given)
    if one is not given:
        object.__setattr__(model, "__pydantic_fields_set__", one)


def _hash_tree(digest: hashlib._Hash, root: Path, pattern: str) -> None:
    """Feed every file under ``root`` matching ``pattern`` (name and bytes) to ``digest``."""
    if not root.is_dir():
        digest.update(f"missing:{root}".encode())
        return
    for path in sorted(root.rglob(pattern), key=lambda p: p.relative_to(root).as_posix()):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")


def rules_fingerprint(rules_dir: str | None, extra_rules: tuple[str, ...] = ()) -> str:
    """Hash of every rule file the per-file stages read.

    The citation rules always come from the packaged pack (``rules/citations``),
    so they are hashed too when ``rules_dir`` replaces the packaged one.
    """
    from .rulepack import default_rules_dir

    digest = hashlib.sha256()
    default = default_rules_dir()
    _hash_tree(digest, Path(rules_dir) if rules_dir else default, "*")
    if rules_dir:
        _hash_tree(digest, default / "citations", "*")
    for folder in extra_rules:
        _hash_tree(digest, Path(folder), "*")
    return digest.hexdigest()


def code_fingerprint() -> str:
    """Hash of the package's own source files (see the module docstring for why)."""
    digest = hashlib.sha256(__version__.encode())
    _hash_tree(digest, Path(__file__).resolve().parent, "*.py")
    return digest.hexdigest()


class Cache:
    """Cached ``Extracted`` results under ``root``, for one rule pack and tool build."""

    def __init__(self, root: str | Path, *, rules_dir: str | None = None, extra_rules: tuple[str, ...] = ()) -> None:
        self.root = Path(root)
        self.folder = self.root / __version__
        self._salt = hashlib.sha256(
            f"{code_fingerprint()}\0{rules_fingerprint(rules_dir, tuple(extra_rules))}".encode()).hexdigest()
        self._stats: dict[str, tuple] | None = None
        self._stats_changed = False

    def key(self, data: bytes, *, shown: str, input_format: str | None, citations: bool) -> str:
        """The entry name for file content ``data`` shown as ``shown``."""
        digest = hashlib.sha256(self._salt.encode())
        digest.update(f"\0{shown}\0{input_format or ''}\0{int(citations)}\0".encode())
        digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()

    def known_key(self, path: Path, *, shown: str, input_format: str | None, citations: bool) -> str | None:
        """The key :meth:`key` gave ``path`` when it was last read, if the file cannot have changed since.

        Like git's index: the file's size, times, inode and device must be
        those recorded, and it must have been last changed well before it was
        recorded (a change within the file system's time resolution of the
        recording would not show in its times). Saves reading and hashing
        every file of a large corpus on every run.
        """
        row = self._stat_index().get(_stat_name(shown, input_format, citations))
        if row is None:
            return None
        try:
            st = os.stat(path)
        except OSError:
            return None
        *signature, key, recorded = row
        if tuple(signature) != _signature(st) or max(st.st_mtime_ns, st.st_ctime_ns) > recorded - _RACY_NS:
            return None
        return key

    def remember_key(self, signature: tuple[int, ...], key: str, *, shown: str, input_format: str | None,
                     citations: bool, recorded: int) -> None:
        """Record ``key`` for a file whose ``os.stat`` (taken before it was read, at ``recorded``) gave ``signature``."""
        stats = self._stat_index()
        name = _stat_name(shown, input_format, citations)
        row = (*signature, key, recorded)
        if stats.get(name) != row:
            stats[name] = row
            self._stats_changed = True

    def save_keys(self, keep: int) -> None:
        """Write the recorded keys if they changed; past ``keep`` + 1,000 entries, the oldest go first."""
        if not self._stats_changed or self._stats is None:
            return
        rows = self._stats
        if len(rows) > keep + 1000:
            rows = dict(sorted(rows.items(), key=lambda kv: kv[1][-1])[-keep:])
        self.put_blob(_STATS_BLOB, marshal.dumps(rows))
        self._stats_changed = False

    def _stat_index(self) -> dict[str, tuple]:
        if self._stats is None:
            payload = self.get_blob(_STATS_BLOB)
            try:
                rows = marshal.loads(payload) if payload is not None else {}
            except (EOFError, ValueError, TypeError):
                rows = {}
            self._stats = rows if isinstance(rows, dict) else {}
        return self._stats

    def get(self, key: str) -> Extracted | None:
        """The stored entry, or ``None`` when it is missing, unreadable or invalid."""
        try:
            raw = (self.folder / f"{key}.json").read_bytes()
            return share_equal_parts(Extracted.model_validate_json(raw))
        except (OSError, ValueError, ValidationError):
            # ValueError covers JSON and UTF-8 errors: a damaged entry is a miss.
            return None

    def put(self, key: str, entry: Extracted) -> None:
        """Store ``entry`` atomically; do nothing when the cache cannot be written."""
        from .atomic import write_atomic

        try:
            self._prepare()
            write_atomic(self.folder / f"{key}.json", entry.model_dump_json())
        except (OSError, ClaimcheckError):
            return

    def get_facts(self, key: str) -> FileFacts | None:
        """The facts stored with entry ``key``, or ``None`` (missing, unreadable, damaged)."""
        payload = self._read_checked(self.folder / f"{key}.facts")
        if payload is None:
            return None
        try:
            return _facts_from_plain(marshal.loads(payload))
        except (EOFError, ValueError, TypeError, IndexError, KeyError):
            return None

    def put_facts(self, key: str, facts: FileFacts) -> None:
        """Store ``facts`` beside entry ``key``; do nothing when the cache cannot be written."""
        self._write_checked(self.folder / f"{key}.facts", marshal.dumps(_facts_to_plain(facts)))

    def pair_memo(self) -> "PairStore":
        """Where ``engine.decide`` keeps its pairs between runs."""
        return PairStore(self)

    def get_blob(self, name: str) -> bytes | None:
        """Bytes stored by :meth:`put_blob` under ``name``, or ``None`` (missing, unreadable, damaged).

        Blobs are keyed by the same salt as file entries (the tool's code and
        the rule files' bytes), so a changed rule file or a new build is a miss.
        """
        return self._read_checked(self.folder / self._blob_file(name))

    def put_blob(self, name: str, payload: bytes) -> None:
        """Store ``payload`` atomically under ``name``; do nothing when the cache cannot be written."""
        self._write_checked(self.folder / self._blob_file(name), payload)

    def _read_checked(self, path: Path) -> bytes | None:
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        # The first line is the SHA-256 of the rest: a blob is data that is not
        # validated again when read (the rule pack, the facts), so damage must be caught here.
        digest, sep, payload = raw.partition(b"\n")
        if not sep or hashlib.sha256(payload).hexdigest().encode() != digest:
            return None
        return payload

    def _write_checked(self, path: Path, payload: bytes) -> None:
        from .atomic import write_atomic

        try:
            self._prepare()
            write_atomic(path, hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        except (OSError, ClaimcheckError):
            return

    def _blob_file(self, name: str) -> str:
        # Not *.json: a blob is not an Extracted entry, and its name says what it holds.
        key = hashlib.sha256((self._salt + "\0" + name).encode()).hexdigest()
        return f"{key}.{name}"

    def _prepare(self) -> None:
        if self.folder.is_dir():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            marker = self.root / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")


#: Blob of the keys recorded by ``remember_key``: shown path -> (stat signature, key, time recorded).
_STATS_BLOB = "stats-1"
#: A file changed less than this before its key was recorded is read again: file
#: system times can be coarser than the time between two edits (2 s covers FAT).
_RACY_NS = 2_000_000_000


def stat_signature(path: Path) -> tuple[int, ...] | None:
    """What :meth:`Cache.known_key` compares of a file (``None`` when it cannot be looked at)."""
    try:
        return _signature(os.stat(path))
    except OSError:
        return None


def _stat_name(shown: str, input_format: str | None, citations: bool) -> str:
    """A file as read (the same three things :meth:`Cache.key` hashes besides its bytes)."""
    return f"{shown}\0{input_format or ''}\0{int(citations)}"


def _signature(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


class PairStore:
    """``engine.PairMemo`` over the cache folder: one ``<hash>.pairs`` file per rule and predicate."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    def _path(self, key: str) -> Path:
        return self._cache.folder / (hashlib.sha256(f"{self._cache._salt}\0{key}".encode()).hexdigest() + ".pairs")

    def get(self, key: str) -> tuple | None:
        payload = self._cache._read_checked(self._path(key))
        if payload is None:
            return None
        try:
            value = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return None
        return value if isinstance(value, tuple) else None

    def put(self, key: str, value: tuple) -> None:
        self._cache._write_checked(self._path(key), marshal.dumps(value))


# ------------------------------------------------------------------ facts as plain data

#: Bumped when the plain form of the facts changes.
_FACTS_FORMAT = 1
_POLARITY = {p.value: p for p in Polarity}
_MODALITY = {m.value: m for m in Modality}
#: Scope and Topic models by the plain values read back: a corpus has a few
#: thousand distinct ones, shared by a hundred thousand claims (and, through
#: _one_scope, with the entries' claims).
_SCOPES: dict[tuple, Scope] = {}
_TOPICS: dict[tuple, Topic] = {}


def _facts_to_plain(f: FileFacts) -> tuple:
    """``f`` as tuples, strings and numbers only (what ``marshal`` writes)."""
    claims = tuple((c.id, c.answer, c.index, c.predicate, c.polarity.value, c.modality.value,
                    (c.scope.jurisdiction, c.scope.actor, c.scope.counterpart, c.scope.program, c.scope.level),
                    c.text, c.cue, c.sentence_start, c.cues, c.conditions, c.exceptions, c.tense, c.years)
                   for c in f.claims)
    return (_FACTS_FORMAT, f.path, (f.topic.actor, f.topic.program), claims,
            tuple(tuple(s) for s in f.suppressions), dict(f.digests))


def _facts_from_plain(plain: tuple) -> FileFacts:
    """The inverse of :func:`_facts_to_plain`; raises on anything else (a damaged or foreign file)."""
    version, path, topic, claims, suppressions, digests = plain
    if version != _FACTS_FORMAT or not isinstance(path, str) or not isinstance(digests, dict):
        raise ValueError("not claimcheck facts")
    made = []
    for (cid, answer, index, predicate, polarity, modality, scope, text, cue, sentence_start, cues, conditions,
         exceptions, tense, years) in claims:
        sc = _SCOPES.get(scope)
        if sc is None:
            j, a, cp, pg, lv = scope
            sc = _SCOPES[scope] = _one_scope(Scope(jurisdiction=j, actor=a, counterpart=cp, program=pg, level=lv))
        made.append(ClaimFacts(cid, path, answer, index, predicate, _POLARITY[polarity], _MODALITY[modality], sc,
                               text, cue, sentence_start, cues, conditions, exceptions, tense, years))
    tp = _TOPICS.get(topic)
    if tp is None:
        tp = _TOPICS[topic] = Topic(actor=topic[0], program=topic[1])
    return FileFacts(path, tp, tuple(made), tuple(SuppressionFacts(*s) for s in suppressions), digests)
