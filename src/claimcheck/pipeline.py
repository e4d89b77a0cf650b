"""Run the stages in order: paths -> Report.

This is the one function a caller needs (the CLI, tests, other tools):

    report = check(["faq/"], CheckOptions())

Per file, loading, extraction and citations (cached when ``cache_dir`` is
set, in worker processes when ``jobs`` asks for them); then, over every file
at once, the engine, the configuration (enabled and disabled rules, severity
overrides) and inline suppressions. With a ``corpus``, its files are read as
context only: a finding is reported when at least one side is in the files
named in ``paths``, which is what a pre-commit hook given three changed files
needs.

It reads files and may write cache entries, but never prints or exits; every
problem with an input is a :class:`~claimcheck.errors.ClaimcheckError`, or,
with ``keep_going``, an entry in ``Report.errors``.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from . import __version__
from .cache import Cache, Extracted, share_equal_parts, stat_signature
from .errors import ClaimcheckError, LoadError
from .models import (AnswerRef, Citation, Claim, ClaimFacts, Document, DocumentSummary, FileFacts, Finding, Outline,
                     Report, Severity, SuppressionFacts)
from .rulepack import RulePack, load_rulepack

if TYPE_CHECKING:  # the engine is imported when a report is made, not for `claimcheck rules`
    from .engine import PairMemo, Pairing

#: Rule id of the finding for a suppression comment that suppressed nothing.
UNUSED_SUPPRESSION = "CC001"
UNUSED_SUPPRESSION_NAME = "unused-suppression"
UNUSED_SUPPRESSION_DESCRIPTION = (
    "An inline suppression (a `claimcheck: ignore RULE` comment or a `claimcheck-ignore` key) "
    "suppresses nothing: no finding of that rule involves the answer it is attached to.")
UNUSED_SUPPRESSION_HELP = (
    "Remove the suppression, or correct the rule id it names. A stale suppression would "
    "silently hide a new inconsistency of that rule in the same answer.")
#: Suppression words that match every rule.
_ANY_RULE = frozenset({"all", "*"})

#: Called after each file is loaded or taken from the cache: (files done, files in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CheckOptions:
    """What to check and how; every field has a sensible default."""

    rules_dir: str | None = None
    #: Rule folders that add to the pack (rulepack.load_rulepack's ``extra``).
    extra_rules: tuple[str, ...] = ()
    input_format: str | None = None
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    keep_going: bool = False
    #: Rule ids (or names/aliases) to report; empty means every rule.
    enable: tuple[str, ...] = ()
    #: Rule ids (or names/aliases) to leave out.
    disable: tuple[str, ...] = ()
    #: Rule id -> severity that replaces the computed one.
    severity: dict[str, str] = field(default_factory=dict)
    citations: bool = True
    #: Folder of the per-file cache (``claimcheck.cache``); ``None`` disables it.
    cache_dir: str | None = None
    #: Files or folders read as context: compared with, but not reported on alone.
    corpus: tuple[str, ...] = ()
    #: Worker processes for loading and extraction: 1 in this process, 0 one per CPU.
    jobs: int = 1
    #: Apply include/exclude, the extension filter and the hidden-file rule to
    #: files named explicitly too (pre-commit passes every changed file).
    force_exclude: bool = False


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A stable, relative, forward-slash form of ``path`` for reports."""
    shown = os.path.normpath(path)
    # A relative path that stays below the working directory is its own
    # relative form; relpath (two abspath calls) is for the rest. That is
    # most of the time of finding 10,000 files.
    if os.path.isabs(shown) or shown == os.pardir or shown.startswith(os.pardir + os.sep) or cwd is not None:
        try:
            shown = os.path.relpath(path, cwd or Path.cwd())
        except ValueError:  # another drive on Windows
            shown = str(path)
    if shown.startswith(".." + os.sep + ".." + os.sep):
        shown = str(path)
    return shown.replace(os.sep, "/")


# ------------------------------------------------------------------ per file


def discover_files(paths: Sequence[str], options: CheckOptions) -> list[tuple[Path, str]]:
    """(path, shown path) of every file to read under ``paths``, sorted and unique."""
    from .loading import discover

    files = discover(list(paths), exclude=list(options.exclude), include=list(options.include))
    if options.force_exclude:
        named = {Path(p).as_posix() for p in paths if not Path(p).is_dir()}
        files = [f for f in files if f.as_posix() not in named or _wanted_when_named(f, options)]
    out: dict[str, Path] = {}
    for f in files:
        out.setdefault(display_path(f), f)
    return [(out[shown], shown) for shown in sorted(out)]


def _wanted_when_named(path: Path, options: CheckOptions) -> bool:
    """Would walking a folder have picked ``path``? (``--force-exclude``)"""
    # The walker's own matching, so both ways of naming a file agree.
    from .loading.discover import _compile, _matches, _wanted

    shown = display_path(path)
    parts = shown.split("/")
    if any(p.startswith(".") and p not in (".", "..") for p in parts):
        return False
    excludes = [_compile(p) for p in options.exclude if p.strip()]
    includes = [_compile(p) for p in options.include if p.strip()]
    for depth in range(1, len(parts)):
        folder = "/".join(parts[:depth])
        if _matches(excludes, folder, folder, True):
            return False
    if _matches(excludes, shown, shown, False):
        return False
    return _wanted(parts[-1], shown, shown, includes)


def extract_file(path: Path, shown: str, options: CheckOptions, pack: RulePack,
                 data: bytes | None = None) -> Extracted:
    """Load one file and run the per-file stages on it: Document, claims, citations.

    ``data`` is the file's content when the caller has read it already (to
    hash it for the cache). Raises LoadError for a file that cannot be used.
    """
    from .loading import load_document, parse_text
    from .loading.decode import decode_bytes

    if data is None:
        doc = load_document(path, input_format=options.input_format, display_path=shown)
    else:
        doc = parse_text(decode_bytes(data, path=shown), path=shown, input_format=options.input_format)
    return extract_document(doc, options, pack)


def extract_document(doc: Document, options: CheckOptions, pack: RulePack) -> Extracted:
    """The per-file stages on a parsed document: its claims and, if wanted, its citations."""
    from .extraction import document_topic, extract_claims

    citations: list[Citation] = []
    if options.citations:
        from .citations import find_citations

        citations = find_citations(doc)
    return Extracted(document=Outline.of(doc), claims=tuple(extract_claims(doc, pack)), citations=tuple(citations),
                     topic=document_topic(doc, pack))


def facts_of(entry: Extracted) -> FileFacts:
    """What the engine and the suppressions read of one file (see ``models.FileFacts``)."""
    from .engine import file_digests

    claims = tuple(ClaimFacts.of(c, i) for i, c in enumerate(entry.claims))
    suppressions = tuple(SuppressionFacts(a.id, a.line, a.question, a.suppress)
                         for a in entry.document.answers if a.suppress)
    return FileFacts(entry.document.path, entry.topic, claims, suppressions, file_digests(claims, entry.topic))


def _read_for_cache(path: Path) -> bytes | None:
    """The file's bytes, or ``None`` to let the loader report why it cannot be read."""
    from .loading.decode import DEFAULT_MAX_BYTES

    try:
        if os.stat(path).st_size > DEFAULT_MAX_BYTES:
            return None
        with open(path, "rb") as fh:
            data = fh.read(DEFAULT_MAX_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= DEFAULT_MAX_BYTES else None


def error_record(exc: LoadError, shown: str) -> dict[str, str]:
    """A file that could not be used, as ``Report.errors`` holds it: path, line (if known), message.

    The message does not repeat the path or line, so each renderer places them.
    """
    record = {"path": exc.path or shown,
              "message": " ".join(((f"{exc.key}: " if exc.key else "") + exc.message).split())}
    if exc.line:
        record["line"] = str(exc.line)
    return record


def _raise(record: dict[str, str]) -> None:
    line = record.get("line")
    raise LoadError(record["message"], path=record["path"], line=int(line) if line else None)


def _extract_in_worker(task: tuple[str, str, CheckOptions, bytes | None]) -> Extracted | dict[str, str]:
    """Process-pool entry point: the result, or the error record."""
    path, shown, options, data = task
    try:
        return extract_file(Path(path), shown, options, load_rulepack(options.rules_dir, options.extra_rules), data)
    except LoadError as exc:  # exceptions with keyword fields do not pickle faithfully
        return error_record(exc, shown)


@dataclass
class Loaded:
    """Every file read: what the engine needs of each, the unreadable ones, and which were extracted.

    A warm run reads only each file's facts from the cache; the whole
    ``Extracted`` entry of a file (its claims as models, its citations) is
    read when a report shows that file (:meth:`entry`).
    """

    #: Shown path -> facts, for every file that could be used, in path order.
    facts: dict[str, FileFacts]
    errors: list[dict[str, str]]
    #: Entries at hand: the files extracted now (and those read back since).
    entries: dict[str, Extracted] = field(default_factory=dict)
    #: Where the other entries are: their cache key and file.
    stored: dict[str, tuple[str, Path]] = field(default_factory=dict)
    cache: Cache | None = None
    options: CheckOptions | None = None
    pack: RulePack | None = None

    def entry(self, shown: str) -> Extracted:
        """The file's ``Extracted`` entry: at hand, from the cache, or extracted again."""
        found = self.entries.get(shown)
        if found is None:
            key, path = self.stored[shown]
            assert self.cache is not None and self.options is not None and self.pack is not None
            hit = self.cache.get(key)
            if hit is not None and hit.document.path == shown:
                found = hit
            else:  # the facts were cached but the entry is gone or damaged: make it again
                data = _read_for_cache(path)
                if data is None or key != self.cache.key(data, **_reading(shown, self.options)):
                    # Its findings were decided from what it said before.
                    raise LoadError("changed while it was being checked; run claimcheck again", path=shown)
                found = share_equal_parts(extract_file(path, shown, self.options, self.pack, data))
                self.cache.put(key, found)
            self.entries[shown] = found
        return found


def _reading(shown: str, options: CheckOptions) -> dict:
    """How a file is read, besides its bytes: what its cache key depends on (``Cache.key``)."""
    return {"shown": shown, "input_format": options.input_format, "citations": options.citations}


def _open_cache(options: CheckOptions) -> Cache | None:
    """The per-file cache ``options`` ask for, or ``None`` (``--no-cache``)."""
    if not options.cache_dir:
        return None
    return Cache(options.cache_dir, rules_dir=options.rules_dir, extra_rules=options.extra_rules)


def load_files(files: Sequence[tuple[Path, str]], options: CheckOptions, pack: RulePack,
               progress: Progress | None = None, *, cache: Cache | None = None) -> Loaded:
    """Run the per-file stages on ``files``, through the cache and worker processes as configured.

    ``cache`` is the one ``check`` opened for ``options`` (one is opened here when it is not given).
    """
    if cache is None:
        cache = _open_cache(options)
    total = len(files)
    done = 0
    results: dict[str, FileFacts | dict[str, str]] = {}
    loaded = Loaded(facts={}, errors=[], cache=cache, options=options, pack=pack)
    pending: list[tuple[Path, str, bytes | None, str | None]] = []
    started = time.time_ns()
    for path, shown in files:
        data = key = None
        if cache is not None:
            how = _reading(shown, options)
            key = cache.known_key(path, **how)
            if key is None:
                signature = stat_signature(path)
                data = _read_for_cache(path)
                if data is not None:
                    key = cache.key(data, **how)
                    if signature is not None:
                        cache.remember_key(signature, key, recorded=started, **how)
            if key is not None:
                facts = cache.get_facts(key)
                if facts is None:
                    hit = cache.get(key)
                    if hit is not None and hit.document.path == shown:
                        facts = facts_of(hit)
                        cache.put_facts(key, facts)
                        loaded.entries[shown] = hit
                if facts is not None and facts.path == shown:
                    results[shown] = facts
                    loaded.stored[shown] = (key, path)
                    done += 1
                    if progress:
                        progress(done, total)
                    continue
        pending.append((path, shown, data, key))

    def finished(shown: str, key: str | None, outcome: Extracted | dict[str, str]) -> None:
        nonlocal done
        if isinstance(outcome, Extracted):
            # Extracted here or unpickled from a worker: each model has a set of its own.
            outcome = share_equal_parts(outcome)
            facts = facts_of(outcome)
            if cache is not None and key is not None:
                cache.put(key, outcome)
                cache.put_facts(key, facts)
            loaded.entries[shown] = outcome
            results[shown] = facts
        else:
            results[shown] = outcome
        done += 1
        if progress:
            progress(done, total)

    workers = options.jobs if options.jobs > 0 else (os.cpu_count() or 1)
    if workers > 1 and len(pending) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(workers, len(pending))) as pool:
            tasks = [(str(path), shown, options, data) for path, shown, data, _ in pending]
            # Batches, not one file per round trip: about four per worker
            # keeps them busy to the end without paying per-file overhead.
            chunk = max(1, len(tasks) // (4 * min(workers, len(pending))))
            for (_, shown, _, key), outcome in zip(pending, pool.map(_extract_in_worker, tasks, chunksize=chunk)):
                finished(shown, key, outcome)
    else:
        for path, shown, data, key in pending:
            try:
                outcome: Extracted | dict[str, str] = extract_file(path, shown, options, pack, data)
            except LoadError as exc:
                if not options.keep_going:
                    raise
                outcome = error_record(exc, shown)
            finished(shown, key, outcome)

    if cache is not None:
        cache.save_keys(keep=len(files))
    for _, shown in files:  # path order, so the first error raised is the same whatever the jobs
        outcome = results[shown]
        if isinstance(outcome, FileFacts):
            loaded.facts[shown] = outcome
        elif options.keep_going:
            loaded.errors.append(outcome)
        else:
            _raise(outcome)
    return loaded


# ------------------------------------------------------------------ all files


def analyse(docs: Sequence[Document], pack: RulePack, options: CheckOptions | None = None,
            errors: Sequence[dict[str, str]] = ()) -> Report:
    """Extraction, citations and engine over documents parsed by the caller."""
    options = options or CheckOptions()
    return assemble([extract_document(d, options, pack) for d in docs], pack, options, errors)


def assemble(extracted: Sequence[Extracted], pack: RulePack, options: CheckOptions,
             errors: Sequence[dict[str, str]] = (), focus: set[str] | None = None) -> Report:
    """Engine, configuration and suppressions over every file's claims -> Report.

    ``focus`` (shown paths) limits what is reported to findings with at least
    one side in those files; ``None`` reports everything.
    """
    entries = {e.document.path: e for e in extracted}
    loaded = Loaded(facts={path: facts_of(entries[path]) for path in sorted(entries)}, errors=list(errors),
                    entries=entries)
    return report_on(loaded, pack, options, focus)


def report_on(loaded: Loaded, pack: RulePack, options: CheckOptions, focus: set[str] | None = None, *,
              memo: PairMemo | None = None) -> Report:
    """The report over the files ``loaded`` holds the facts of.

    The engine decides and words every finding from the facts, which are
    then let go (``loaded.facts`` is emptied: at 10,000 pages they hold
    ~100 MB that the report does not need). Only the files the report shows
    (all of them, or with ``focus`` the focused ones and the other side of
    their findings) are asked for their entries: their claim models,
    outlines and citations.
    """
    from .engine import decide

    files = list(loaded.facts.values())
    loaded.facts = {}
    decisions = decide(files, pack, memo)
    adjust = _configured(pack, options)
    pairings = _apply_config(decisions.pairings, adjust, lambda p, sev: p.with_severity(sev))
    pairings, unused = _apply_suppressions(pairings, files, pack)
    unused = _apply_config(unused, adjust, lambda f, sev: f.model_copy(update={"severity": sev}))

    paths = [f.path for f in files]
    del files
    keep: Callable[[str], bool] | None = None
    if focus is not None:
        pairings = [p for p in pairings if any(doc in focus for doc, _ in p.answers)]
        unused = [f for f in unused if any(r.doc in focus for r in f.answers)]
        shown_docs = set(focus) | {doc for p in pairings for doc, _ in p.answers} | \
            {r.doc for f in unused for r in f.answers}
        paths = [path for path in paths if path in shown_docs]
        keep = decisions.in_documents(shown_docs)
    findings = decisions.findings(pairings, pack) + unused
    relations = decisions.relations(keep)
    del decisions, pairings  # the engine's nodes and the facts go here

    shown = [loaded.entry(path) for path in paths]
    claims: list[Claim] = [c for e in shown for c in e.claims]
    citations: list[Citation] = []
    if options.citations:
        from .citations import link_claims

        found = [c for e in shown if focus is None or e.document.path in focus for c in e.citations]
        citations = list(link_claims(found, claims, findings))
        claims = _with_citations(claims, citations)
    return Report(
        tool_version=__version__,
        documents=tuple(DocumentSummary(path=d.path, format=d.format, title=d.title, jurisdiction=d.jurisdiction,
                                        answers=len(d.answers), questions={a.id: a.question for a in d.answers},
                                        topic=e.topic)
                        for e in shown for d in (e.document,)),
        claims=tuple(claims),
        findings=tuple(findings),
        citations=tuple(citations),
        relations=tuple(relations),
        errors=tuple(loaded.errors),
    )


def _with_citations(claims: list[Claim], citations: list[Citation]) -> list[Claim]:
    """Each claim with the ids of the authorities cited in its sentence."""
    backing: dict[str, set[str]] = {}
    for cite in citations:
        for use in cite.uses:
            for claim_id in use.claims:
                backing.setdefault(claim_id, set()).add(cite.id)
    return [c.model_copy(update={"citations": tuple(sorted(backing[c.id]))}) if c.id in backing else c
            for c in claims]


def check(paths: Sequence[str], options: CheckOptions | None = None, *,
          progress: Progress | None = None) -> Report:
    """Load, extract, evaluate and assemble the report for ``paths``.

    With ``options.corpus``, the corpus files are loaded too and every claim is
    compared with theirs, but only findings touching ``paths`` are reported.
    """
    options = options or CheckOptions()
    cache = _open_cache(options)
    pack = load_rulepack(options.rules_dir, options.extra_rules, cache=cache)
    named = discover_files(paths, options)
    if not named and not options.force_exclude:
        raise LoadError("no Q&A files found (looked for .json .txt .md .html .yaml)", path=", ".join(paths))
    focus = {shown for _, shown in named}
    files = dict((shown, path) for path, shown in named)
    if options.corpus:
        # Relative to the working directory, like paths on the command line, so
        # that anchored include/exclude globs ("faq/**") match corpus files too.
        corpus = [display_path(Path(c)) for c in options.corpus]
        for path, shown in discover_files(corpus, options):
            files.setdefault(shown, path)
    loaded = load_files([(files[s], s) for s in sorted(files)], options, pack, progress, cache=cache)
    return report_on(loaded, pack, options, focus=focus if options.corpus else None,
                     memo=cache.pair_memo() if cache else None)


# ------------------------------------------------------------------ configuration and suppressions


def _rule_id(ident: str, pack: RulePack, where: str) -> str:
    if ident in (UNUSED_SUPPRESSION, UNUSED_SUPPRESSION_NAME):
        return UNUSED_SUPPRESSION
    try:
        return pack.relation(ident).id
    except KeyError:
        known = ", ".join([UNUSED_SUPPRESSION] + [r.id for r in pack.relations])
        raise ClaimcheckError(f"unknown rule {ident!r} in {where} (known: {known})") from None


#: A configured rule's severity, or ``None`` when the configuration leaves the rule out.
Adjust = Callable[[str, Severity], "Severity | None"]


def _configured(pack: RulePack, options: CheckOptions) -> Adjust | None:
    """What the configuration does to a finding of a rule: enabled and disabled rules, severity overrides."""
    if not options.enable and not options.disable and not options.severity:
        return None
    enabled = {_rule_id(i, pack, "enable list") for i in options.enable}
    disabled = {_rule_id(i, pack, "disable list") for i in options.disable}
    overrides: dict[str, Severity] = {}
    for ident, sev in options.severity.items():
        rule = _rule_id(ident, pack, "severity overrides")
        try:
            overrides[rule] = Severity(sev)
        except ValueError:
            raise ClaimcheckError(f"severity for {ident!r} must be error, warning or info, not {sev!r}") from None

    def adjust(rule: str, severity: Severity) -> Severity | None:
        if rule in disabled or (enabled and rule not in enabled):
            return None
        return overrides.get(rule, severity)

    return adjust


T = TypeVar("T")  # a Pairing or a Finding


def _apply_config(found: list[T], adjust: Adjust | None, with_severity: Callable[[T, Severity], T]) -> list[T]:
    """Keep the enabled rules' findings (or pairings), with their configured severity."""
    if adjust is None:
        return found
    out = []
    for f in found:
        severity = adjust(f.rule, f.severity)
        if severity is not None:
            out.append(f if severity is f.severity else with_severity(f, severity))
    return out


def _apply_suppressions(pairings: list[Pairing], files: Sequence[FileFacts],
                        pack: RulePack) -> tuple[list[Pairing], list[Finding]]:
    """Drop pairings an answer suppresses; a ``CC001`` finding for each suppression that matched nothing.

    A suppression names a rule by id, name or alias (``all`` or ``*`` for any
    rule) and covers the findings that involve its answer, on either side.
    Suppressing ``CC001`` itself keeps an answer's unused suppressions quiet.
    """
    wanted: dict[tuple[str, str], dict[str, str]] = {}  # answer -> rule id -> as written
    where: dict[tuple[str, str], tuple[int, str]] = {}
    for f in files:
        for sup in f.suppressions:
            rules: dict[str, str] = {}
            for written in (r.strip() for r in sup.rules):
                if not written:
                    continue
                try:
                    rules.setdefault(written if written in _ANY_RULE else _rule_id(written, pack, ""), written)
                except ClaimcheckError:
                    rules.setdefault(written, written)  # unknown: reported as unused below
            wanted[(f.path, sup.answer)] = rules
            where[(f.path, sup.answer)] = (sup.line, sup.question)
    if not wanted:
        return pairings, []
    used: set[tuple[str, str, str]] = set()
    kept = []
    for p in pairings:
        hit = None
        for ref in p.answers:
            rules = wanted.get(ref, {})
            for r in (p.rule, *_ANY_RULE):
                if r in rules:
                    hit = (*ref, r)
                    break
            if hit:
                break
        if hit:
            used.add(hit)
        else:
            kept.append(p)
    unused: list[Finding] = []
    known = {r.id for r in pack.relations}
    for (doc, ans), rules in sorted(wanted.items()):
        if UNUSED_SUPPRESSION in rules:
            continue
        line, question = where[(doc, ans)]
        for rule, written in sorted(rules.items()):
            if (doc, ans, rule) in used:
                continue
            why = "no finding of that rule involves this answer" if rule in known or rule in _ANY_RULE \
                else "there is no such rule"
            digest = hashlib.sha256("\x1f".join([UNUSED_SUPPRESSION, doc, " ".join(question.split()), rule])
                                    .encode()).hexdigest()
            unused.append(Finding(
                id=f"U{len(unused) + 1}", rule=UNUSED_SUPPRESSION, kind=UNUSED_SUPPRESSION_NAME,
                severity=Severity.info,
                message=f"unused suppression of {written} in answer {ans}: {why}",
                claims=(), answers=(AnswerRef(doc=doc, answer=ans),), fingerprint=digest[:20], line=line))
    return kept, unused
