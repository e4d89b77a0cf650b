"""Run the stages in order: paths -> Report.

This is the one function a caller needs (the CLI, tests, other tools):

    report = check(["faq/"], CheckOptions())

It reads files but never writes, prints or exits; every problem with an
input is a :class:`~claimcheck.errors.ClaimcheckError`, or, with
``keep_going``, an entry in ``Report.errors``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .errors import ClaimcheckError, LoadError
from .models import Citation, Claim, Document, DocumentSummary, Finding, Report, Severity
from .rulepack import RulePack, load_rulepack


@dataclass(frozen=True)
class CheckOptions:
    """What to check and how; every field has a sensible default."""

    rules_dir: str | None = None
    input_format: str | None = None
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    keep_going: bool = False
    #: Rule ids (or names/aliases) to leave out.
    disable: tuple[str, ...] = ()
    #: Rule id -> severity that replaces the computed one.
    severity: dict[str, str] = field(default_factory=dict)
    citations: bool = True


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A stable, relative, forward-slash form of ``path`` for reports."""
    cwd = cwd or Path.cwd()
    try:
        shown = os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        shown = str(path)
    if shown.startswith(".." + os.sep + ".." + os.sep):
        shown = str(path)
    return shown.replace(os.sep, "/")


def load_documents(paths: Sequence[str], options: CheckOptions) -> tuple[list[Document], list[dict[str, str]]]:
    """Discover and parse every input; bad files raise, or are listed with keep_going."""
    from .loading import discover, load_document

    files = discover(list(paths), exclude=list(options.exclude), include=list(options.include))
    docs: list[Document] = []
    errors: list[dict[str, str]] = []
    seen: set[str] = set()
    for f in sorted(files, key=lambda p: display_path(p)):
        shown = display_path(f)
        if shown in seen:
            continue
        seen.add(shown)
        try:
            docs.append(load_document(f, input_format=options.input_format, display_path=shown))
        except LoadError as exc:
            if not options.keep_going:
                raise
            errors.append({"path": shown, "message": str(exc)})
    return docs, errors


def analyse(docs: Sequence[Document], pack: RulePack, options: CheckOptions | None = None,
            errors: Sequence[dict[str, str]] = ()) -> Report:
    """Extraction, citations and engine over parsed documents."""
    from .engine import evaluate
    from .extraction import extract_claims

    options = options or CheckOptions()
    docs = sorted(docs, key=lambda d: d.path)
    claims: list[Claim] = [c for d in docs for c in extract_claims(d, pack)]
    findings, relations = evaluate(claims, pack)
    findings = _apply_config(findings, pack, options)
    findings, unused = _apply_suppressions(findings, docs)
    citations: list[Citation] = []
    if options.citations:
        from .citations import find_citations, link_claims

        found = [c for d in docs for c in find_citations(d)]
        citations = list(link_claims(found, claims, findings))
    return Report(
        tool_version=__version__,
        documents=tuple(DocumentSummary(path=d.path, format=d.format, title=d.title, jurisdiction=d.jurisdiction,
                                        answers=len(d.answers), questions={a.id: a.question for a in d.answers})
                        for d in docs),
        claims=tuple(claims),
        findings=tuple(findings),
        citations=tuple(citations),
        relations=tuple(relations),
        errors=tuple(list(errors) + unused),
    )


def check(paths: Sequence[str], options: CheckOptions | None = None) -> Report:
    """Load, extract, evaluate and assemble the report for ``paths``."""
    options = options or CheckOptions()
    pack = load_rulepack(options.rules_dir)
    docs, errors = load_documents(paths, options)
    if not docs and not errors:
        raise LoadError("no Q&A files found (looked for .json .txt .md .html .yaml)", path=", ".join(paths))
    return analyse(docs, pack, options, errors)


def _apply_config(findings: list[Finding], pack: RulePack, options: CheckOptions) -> list[Finding]:
    if not options.disable and not options.severity:
        return findings
    disabled: set[str] = set()
    for ident in options.disable:
        try:
            disabled.add(pack.relation(ident).id)
        except KeyError:
            raise ClaimcheckError(f"unknown rule {ident!r} in disable list") from None
    overrides: dict[str, Severity] = {}
    for ident, sev in options.severity.items():
        try:
            overrides[pack.relation(ident).id] = Severity(sev)
        except KeyError:
            raise ClaimcheckError(f"unknown rule {ident!r} in severity overrides") from None
        except ValueError:
            raise ClaimcheckError(f"severity for {ident!r} must be error, warning or info, not {sev!r}") from None
    out = []
    for f in findings:
        if f.rule in disabled:
            continue
        if f.rule in overrides:
            f = f.model_copy(update={"severity": overrides[f.rule]})
        out.append(f)
    return out


def _apply_suppressions(findings: list[Finding], docs: Sequence[Document]) -> tuple[list[Finding], list[dict[str, str]]]:
    """Drop findings an answer suppresses; report suppressions that matched nothing."""
    wanted: dict[tuple[str, str], set[str]] = {}
    lines: dict[tuple[str, str], int] = {}
    for d in docs:
        for a in d.answers:
            if a.suppress:
                wanted[(d.path, a.id)] = {s.strip() for s in a.suppress}
                lines[(d.path, a.id)] = a.line
    if not wanted:
        return findings, []
    used: set[tuple[str, str, str]] = set()
    kept = []
    for f in findings:
        hit = None
        for ref in f.answers:
            rules = wanted.get((ref.doc, ref.answer), set())
            for r in (f.rule, "all", "*"):
                if r in rules:
                    hit = (ref.doc, ref.answer, r)
                    break
            if hit:
                break
        if hit:
            used.add(hit)
        else:
            kept.append(f)
    unused = [
        {"path": doc, "message": f"{doc}:{lines[(doc, ans)]}: unused suppression of {rule} in answer {ans}"}
        for (doc, ans), rules in sorted(wanted.items()) for rule in sorted(rules) if (doc, ans, rule) not in used
    ]
    return kept, unused
