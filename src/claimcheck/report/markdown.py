"""The Markdown report: what a reviewer reads before trusting an FAQ page.

Sections, in order: summary; inconsistencies grouped by predicate and ranked by
severity, each with both answers' sentences and the cue words in bold; the claim
matrix (answers x predicates); statutes that need verifying; the most contested
answers and clusters of answers that contradict each other (from the graph); a
Mermaid diagram of the contradictions, which GitHub renders.

This is the one scan/report format that imports networkx (through
``claimcheck.graph``); the registry imports it only when asked for ``md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import networkx as nx

from claimcheck import graph as cgraph
from claimcheck.models import (
    AnswerRef,
    Citation,
    CitationStatus,
    Claim,
    Finding,
    Modality,
    Polarity,
    Report,
)
from claimcheck.report.findings import (
    SEVERITY_ORDER,
    answer_sort_key,
    claim_index,
    claim_locations,
    describe,
    lint_order,
    plural,
    ref_sort_key,
    severity_counts,
)

_KIND_ORDER = ("contradiction", "tension", "certainty")
_STATUS_RANK = {status: rank for rank, status in enumerate(CitationStatus)}
_ESCAPE = re.compile(r"([\\`*_\[\]<>|~])")

MODALITY_MARKS = {
    Modality.asserted: "",
    Modality.hedged: "?",
    Modality.conditional: " (if)",
    Modality.normative: " (should)",
    Modality.presupposed: " (presup.)",
}


def code(text: str) -> str:
    """A code span; backslash escapes do not work inside one, so only pipes (for
    tables, where GFM splits cells before reading code spans) and backticks change."""
    return "`" + " ".join(text.split()).replace("`", "'").replace("|", "\\|") + "`"


def escape(text: str) -> str:
    """Inline Markdown: backslash the characters that would format or break a table."""
    return _ESCAPE.sub(r"\\\1", " ".join(text.split()))


# ------------------------------------------------------------------------- helpers


class _Context:
    """Lookups shared by the sections."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.claims = claim_index(report)
        self.several_docs = len({d.path for d in report.documents} | {c.doc for c in report.claims}) > 1
        self.questions: dict[tuple[str, str], str] = {}
        for doc in report.documents:
            for answer, question in (getattr(doc, "questions", None) or {}).items():
                self.questions[(doc.path, str(answer))] = question
        self.in_findings = {cid for f in report.findings for cid in f.claims}

    def short(self, doc: str, answer: str) -> str:
        return f"{code(doc)} A{escape(answer)}" if self.several_docs else f"A{escape(answer)}"

    def answer_title(self, doc: str, answer: str) -> str:
        """``**Answer 3** — *Is there an agreement?*``."""
        title = f"**Answer {escape(answer)}**"
        if self.several_docs:
            title += f" of {code(doc)}"
        question = self.questions.get((doc, answer))
        if question:
            title += f" — *{escape(question)}*"
        return title


def highlight(claim: Claim) -> str:
    """The claim's sentence, escaped, with the matched words and cue words in bold."""
    ev = claim.evidence
    sentence = ev.sentence or claim.text
    spans = []
    start, end = ev.start - ev.sentence_start, ev.end - ev.sentence_start
    if ev.sentence and 0 <= start < end <= len(sentence):
        spans.append((start, end))
    for cue in claim.cues:
        if not cue.strip():
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(cue)}(?!\w)", sentence, re.IGNORECASE):
            spans.append(match.span())
            break
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        out.append(escape_keep_edges(sentence[pos:s]))
        bold = sentence[s:e].strip()
        if bold:
            lead = sentence[s:e][: len(sentence[s:e]) - len(sentence[s:e].lstrip())]
            trail = sentence[s:e][len(sentence[s:e].rstrip()):]
            out.append(f"{lead}**{escape(bold)}**{trail}")
        pos = e
    out.append(escape_keep_edges(sentence[pos:]))
    return "".join(out).strip()


def escape_keep_edges(text: str) -> str:
    """``escape`` that keeps a leading/trailing space (between bold runs)."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return f"{lead}{escape(text)}{trail}"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _kind_key(kind: str) -> tuple[int, str]:
    return (_KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER), kind)


# ------------------------------------------------------------------------ sections


def _summary(ctx: _Context) -> list[str]:
    report = ctx.report
    counts = severity_counts(report.findings)
    kinds: dict[str, int] = {}
    for finding in report.findings:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    by_severity = ", ".join(f"{counts[s]} {s.value}" for s in SEVERITY_ORDER)
    by_kind = ", ".join(f"{kinds[k]} {escape(k)}" for k in sorted(kinds, key=_kind_key)) or "—"
    lines = ["## Summary", ""]
    lines += _table(
        ["", ""],
        [
            ["Documents", str(len(report.documents))],
            ["Answers", str(sum(d.answers for d in report.documents))],
            ["Claims", str(len(report.claims))],
            ["Findings", f"{len(report.findings)} ({by_severity})"],
            ["Findings by kind", by_kind],
            ["Citations to verify", str(len(report.citations))],
        ],
    )
    if report.documents:
        lines += [""]
        per_doc_claims: dict[str, int] = {}
        for claim in report.claims:
            per_doc_claims[claim.doc] = per_doc_claims.get(claim.doc, 0) + 1
        per_doc_findings: dict[str, int] = {}
        for finding in report.findings:
            doc = claim_locations(finding, ctx.claims)[0].path if finding.claims or finding.answers else ""
            per_doc_findings[doc] = per_doc_findings.get(doc, 0) + 1
        lines += _table(
            ["Document", "Title", "Jurisdiction", "Answers", "Claims", "Findings"],
            [
                [code(d.path), escape(d.title) or "—", escape(d.jurisdiction or "—"),
                 str(d.answers), str(per_doc_claims.get(d.path, 0)), str(per_doc_findings.get(d.path, 0))]
                for d in sorted(report.documents, key=lambda d: d.path)
            ],
        )
    if report.errors:
        lines += ["", "Files not read:", ""]
        lines += [
            f"- {code(e.get('path', '') + (':' + e['line'] if e.get('line') else ''))}: {escape(e.get('message', ''))}"
            for e in sorted(report.errors, key=lambda e: (e.get("path", ""), e.get("message", "")))
        ]
    return lines


def _finding_block(ctx: _Context, number: int, finding: Finding, support: Mapping[str, int]) -> list[str]:
    lines = [
        f"#### {number}. {finding.severity.value.capitalize()} · {escape(finding.kind)} · "
        f"{code(finding.rule)}",
        "",
        escape(describe(finding, ctx.claims)),
        "",
    ]
    for loc in claim_locations(finding, ctx.claims):
        where = code(f"{loc.path}:{loc.line}")
        lines.append(f"- {ctx.answer_title(loc.path, loc.answer)} ({where})")
        if loc.claim is not None:
            c = loc.claim
            detail = f"{escape(c.predicate)}, {c.polarity.value}, {c.modality.value}"
            backed = support.get(c.id, 0)
            if backed:
                detail += f"; supported by {plural(backed, 'other claim')}"
            lines.append(f"  > {highlight(c)}")
            lines.append("  >")
            lines.append(f"  > — {detail}")
    if finding.chain:
        lines += ["", "Chain:", ""]
        lines += [f"{i}. {escape(step)}" for i, step in enumerate(finding.chain, start=1)]
    lines.append("")
    return lines


def _inconsistencies(ctx: _Context, support: Mapping[str, int]) -> list[str]:
    lines = ["## Inconsistencies", ""]
    if not ctx.report.findings:
        return lines + ["No inconsistencies found.", ""]
    groups: dict[str, list[Finding]] = {}
    for finding in lint_order(ctx.report.findings, ctx.claims):
        first = claim_locations(finding, ctx.claims)[0]
        if first.claim is not None:
            predicate = first.claim.predicate
        else:  # findings about an answer as a whole (unused suppressions) have no predicate
            predicate = "(suppressions)" if not finding.claims else "(unknown predicate)"
        groups.setdefault(predicate, []).append(finding)
    for members in groups.values():
        members.sort(key=lambda f: f.severity.rank)  # stable: keeps lint order within a rank
    ordered = sorted(groups.items(), key=lambda item: (min(f.severity.rank for f in item[1]), item[0]))
    number = 0
    for predicate, members in ordered:
        lines += [f"### {code(predicate)}", ""]
        for finding in members:
            number += 1
            lines += _finding_block(ctx, number, finding, support)
    return lines


def cell(claims: Iterable[Claim], flagged: set[str]) -> str:
    """Matrix cell: ✓ affirmed, ✗ negated, ``?`` hedged, ``(if)`` conditional, bold if in a finding."""
    marks: list[str] = []
    for claim in sorted(claims, key=lambda c: (c.line, c.id)):
        mark = ("✓" if claim.polarity is Polarity.affirmed else "✗") + MODALITY_MARKS[claim.modality]
        if claim.id in flagged:
            mark = f"**{mark}**"
        if mark not in marks:
            marks.append(mark)
    return " ".join(marks) or "—"


def _matrix(ctx: _Context) -> list[str]:
    lines = ["## Claim matrix", ""]
    if not ctx.report.claims:
        return lines + ["No claims extracted.", ""]
    lines += [
        "✓ affirmed, ✗ negated; `?` hedged, `(if)` conditional, `(should)` normative, "
        "`(presup.)` presupposed; **bold**: part of an inconsistency; — no claim.",
        "",
    ]
    docs = sorted({c.doc for c in ctx.report.claims})
    for doc in docs:
        claims = [c for c in ctx.report.claims if c.doc == doc]
        if len(docs) > 1:
            lines += [f"### {code(doc)}", ""]
        predicates = sorted({c.predicate for c in claims})
        answers = sorted({c.answer for c in claims}, key=answer_sort_key)
        rows = []
        for answer in answers:
            row = [f"A{escape(answer)}"]
            for predicate in predicates:
                row.append(cell([c for c in claims if c.answer == answer and c.predicate == predicate],
                                ctx.in_findings))
            rows.append(row)
        lines += _table(["Answer", *(code(p) for p in predicates)], rows)
        lines.append("")
    return lines


def _citation_refs(citation: Citation) -> list[tuple[str, str]]:
    refs = {(use.doc, use.answer) for use in citation.uses}
    for entry in citation.answers:
        doc, answer = entry.get("doc") or entry.get("path"), entry.get("answer") or entry.get("id")
        if doc is not None and answer is not None:
            refs.add((doc, answer))
    return sorted(refs, key=lambda r: (r[0], answer_sort_key(r[1])))


def _link(url: str | None) -> str:
    if not url:
        return "—"
    return "<" + url.replace(" ", "%20").replace(">", "%3E").replace("<", "%3C") + ">"


def _citations(ctx: _Context) -> list[str]:
    lines = ["## Statutes that need verifying", ""]
    citations = sorted(ctx.report.citations, key=lambda c: (_STATUS_RANK[c.status], c.normalized, c.id))
    if not citations:
        return lines + ["No legal authorities cited.", ""]
    lines += ["Worst first. A claim that leans on a wrong citation is only as good as the citation.", ""]
    for number, citation in enumerate(citations, start=1):
        status = citation.status.value.replace("_", " ")
        answers = ", ".join(ctx.short(doc, answer) for doc, answer in _citation_refs(citation)) or "—"
        lines += [
            f"### {number}. {escape(citation.normalized or citation.cited_as)} — {status}",
            "",
            f"- **Cited as:** “{escape(citation.cited_as)}”",
            f"- **Normalised:** {escape(citation.normalized) or '—'}",
            f"- **Kind:** {escape(citation.kind)}",
            f"- **Jurisdiction:** {escape(citation.jurisdiction or 'unknown')}",
            f"- **Status:** {status}: {escape(citation.reason) or '—'}",
            f"- **Answers:** {answers}",
            f"- **Link:** {_link(citation.url)}",
        ]
        backed = []
        for use in sorted(citation.uses, key=lambda u: (u.doc, answer_sort_key(u.answer), u.line, u.start)):
            claims = [ctx.claims[cid] for cid in use.claims if cid in ctx.claims]
            if claims:
                for claim in claims:
                    entry = (claim.doc, claim.answer, highlight(claim))
                    if entry not in backed:
                        backed.append(entry)
            elif use.sentence:
                entry = (use.doc, use.answer, escape(use.sentence))
                if entry not in backed:
                    backed.append(entry)
        if backed:
            lines.append("- **Cited for:**")
            for doc, answer, sentence in backed:
                lines.append(f"  > {sentence} ({ctx.short(doc, answer)})")
        lines.append("")
    return lines


def _graph_sections(ctx: _Context, g: nx.MultiDiGraph) -> list[str]:
    lines = ["## Most contested answers", ""]
    contested = cgraph.most_contested(g)
    if contested:
        lines += ["Answers by how many contradictions and tensions involve them.", ""]
        if ctx.questions:
            lines += _table(
                ["Answer", "Question", "Conflicts"],
                [[ctx.short(r.doc, r.answer), escape(ctx.questions.get((r.doc, r.answer), "")) or "—",
                  str(n)] for r, n in contested],
            )
        else:
            rows = [[ctx.short(r.doc, r.answer), str(n)] for r, n in contested]
            lines += _table(["Answer", "Conflicts"], rows)
    else:
        lines.append("No answer is contradicted.")
    lines += ["", "## Clusters of mutually contradicting answers", ""]
    clusters = cgraph.contradiction_clusters(g)
    if clusters:
        lines += ["Answers linked by contradictions or tensions; reconcile each cluster as a whole.", ""]
        for number, cluster in enumerate(clusters, start=1):
            lines.append(f"{number}. " + ", ".join(_ref_names(ctx, cluster)))
    else:
        lines.append("No two answers contradict each other.")
    lines += ["", "## Contradiction graph", ""]
    lines += ["Solid links: contradictions; dotted: tensions and certainty mismatches.", ""]
    lines += ["```mermaid", *cgraph.to_mermaid(g).rstrip("\n").split("\n"), "```", ""]
    return lines


def _ref_names(ctx: _Context, refs: Iterable[AnswerRef]) -> list[str]:
    return [ctx.short(r.doc, r.answer) for r in sorted(refs, key=ref_sort_key)]


# ---------------------------------------------------------------------------- entry


def render(report: Report) -> str:
    """Render ``report`` as a Markdown report."""
    ctx = _Context(report)
    g = cgraph.build_graph(report)
    support = cgraph.support_counts(g)
    title = "# claimcheck report"
    if len(report.documents) == 1 and report.documents[0].title:
        title += f": {escape(report.documents[0].title)}"
    lines = [title, ""]
    lines += _summary(ctx) + [""]
    lines += _inconsistencies(ctx, support)
    lines += _matrix(ctx)
    lines += _citations(ctx)
    lines += _graph_sections(ctx, g)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"
