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
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import __version__
from .errors import ClaimcheckError
from .models import Citation, Claim, Frozen, Outline, Topic

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


#: The one shared set for each (model class, field names given) seen so far.
_FIELD_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}


def share_field_sets(entry: Extracted) -> Extracted:
    """``entry`` with its models sharing their sets of "fields given".

    Pydantic gives each instance its own ``__pydantic_fields_set__`` (the
    names of the fields given when it was made): a set of 5 to 20 names
    takes 728 bytes, and a claim holds three models. The sets are nearly all
    equal (a cache entry reads back with every field given; extraction gives
    the same fields every time), so equal sets are made one. Shared, 1,000
    entries of the generated corpus take 33 MB instead of 70 MB (tracemalloc),
    and a warm scan of 10,000 pages peaks at 0.83 GB instead of 1.29 GB.

    Nothing the models hold changes. Sharing is safe because the models are
    frozen and forbid extra fields, so pydantic never adds to the set of an
    existing instance; ``model_copy`` copies the set before adding to it.
    """
    _share(entry)
    return entry


def _share(value: object) -> None:
    if isinstance(value, tuple):
        for item in value:
            _share(item)
        return
    if not isinstance(value, BaseModel):
        return
    given = value.__pydantic_fields_set__
    shared = _FIELD_SETS.setdefault((type(value), frozenset(given)), given)
    if shared is not given:
        object.__setattr__(value, "__pydantic_fields_set__", shared)
    for item in value.__dict__.values():
        if isinstance(item, (tuple, BaseModel)):
            _share(item)


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

    def key(self, data: bytes, *, shown: str, input_format: str | None, citations: bool) -> str:
        """The entry name for file content ``data`` shown as ``shown``."""
        digest = hashlib.sha256(self._salt.encode())
        digest.update(f"\0{shown}\0{input_format or ''}\0{int(citations)}\0".encode())
        digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()

    def get(self, key: str) -> Extracted | None:
        """The stored entry, or ``None`` when it is missing, unreadable or invalid."""
        try:
            raw = (self.folder / f"{key}.json").read_bytes()
            return share_field_sets(Extracted.model_validate_json(raw))
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

    def get_blob(self, name: str) -> bytes | None:
        """Bytes stored by :meth:`put_blob` under ``name``, or ``None`` (missing, unreadable, damaged).

        Blobs are keyed by the same salt as file entries (the tool's code and
        the rule files' bytes), so a changed rule file or a new build is a miss.
        """
        try:
            raw = (self.folder / self._blob_file(name)).read_bytes()
        except OSError:
            return None
        # The first line is the SHA-256 of the rest: a blob is data that is not
        # validated again when read (the rule pack), so damage must be caught here.
        digest, sep, payload = raw.partition(b"\n")
        if not sep or hashlib.sha256(payload).hexdigest().encode() != digest:
            return None
        return payload

    def put_blob(self, name: str, payload: bytes) -> None:
        """Store ``payload`` atomically under ``name``; do nothing when the cache cannot be written."""
        from .atomic import write_atomic

        try:
            self._prepare()
            write_atomic(self.folder / self._blob_file(name),
                         hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
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
