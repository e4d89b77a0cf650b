"""The Markdown report: what a reviewer reads before trusting an FAQ page.

Sections, in order: summary; inconsistencies grouped by predicate and ranked by
severity, each with both answers' sentences and the cue words in bold (a
sentence is quoted once; later findings refer back to it); the claims of every
answer, one row per answer so it fits GitHub's width; statutes that need
verifying, pinpoints apart from vague references; the most contested answers
and clusters of answers that contradict each other (from the graph); a Mermaid
diagram of the findings, coloured by severity like the HTML report's drawing.

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
_KIND_WORDS = {"certainty": ("certainty mismatch", "certainty mismatches"),
               "unused-suppression": ("unused suppression", "unused suppressions")}
_STATUS_RANK = {status: rank for rank, status in enumerate(CitationStatus)}
_ESCAPE = re.compile(r"([\\`*_\[\]<>|~])")
_QUOTE_IN_MESSAGE = re.compile(r"\s*\(“[^”]*”\)")

#: How a claim is said, under its quote.
MODALITY_PHRASES = {
    Modality.asserted: "stated as fact",
    Modality.hedged: "hedged",
    Modality.conditional: "under a condition",
    Modality.normative: "as advice",
    Modality.presupposed: "taken for granted",
}
#: How a claim is said, after its yes or no (nothing for a plain statement).
MODALITY_WORDS = {
    Modality.asserted: "",
    Modality.hedged: ", hedged",
    Modality.conditional: ", if",
    Modality.normative: ", as advice",
    Modality.presupposed: ", taken for granted",
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
        self.doc_questions: dict[str, dict[str, str]] = {
            doc.path: dict(getattr(doc, "questions", None) or {}) for doc in report.documents}
        #: Finding id -> its number in the report (the order of the inconsistencies section).
        self.number = {f.id: n for n, f in enumerate((f for _p, group in _ordered_findings(self) for f in group),
                                                      start=1)}

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
    return highlight_all(claim.evidence.sentence or claim.text, [claim])


def highlight_all(sentence: str, claims: Iterable[Claim]) -> str:
    """``sentence``, escaped, with the words and cue words of each of ``claims`` in bold
    (claims from another sentence are left out)."""
    spans = []
    for claim in claims:
        ev = claim.evidence
        base = sentence.find(ev.sentence) if ev.sentence else -1
        if base < 0:
            continue
        start, end = base + ev.start - ev.sentence_start, base + ev.end - ev.sentence_start
        if 0 <= start < end <= len(sentence):
            spans.append((start, end))
        for cue in claim.cues:
            if not cue.strip():
                continue
            for match in re.finditer(rf"(?<!\w){re.escape(cue)}(?!\w)", ev.sentence, re.IGNORECASE):
                spans.append((base + match.start(), base + match.end()))
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
    by_severity = ", ".join(plural(counts[s], s.value) if s.value != "info" else f"{counts[s]} info"
                            for s in SEVERITY_ORDER)
    by_kind = ", ".join(plural(kinds[k], *_KIND_WORDS.get(k, (escape(k), escape(k) + "s")))
                        for k in sorted(kinds, key=_kind_key))
    wording = {"pinpoints": ("pinpoint to check", "pinpoints to check"),
               "acts": ("act named without a section", "acts named without a section"),
               "vague": ("vague reference", "vague references")}
    cited = ", ".join(plural(len(items), *wording[key]) for key, _title, items in _citation_groups(report.citations)
                      if items)
    lines = ["## Summary", ""]
    lines.append(f"- **{plural(len(report.findings), 'finding')}**: {by_severity}" + (f" ({by_kind})" if by_kind else ""))
    lines.append(f"- {plural(len(report.documents), 'document')}, "
                 f"{plural(sum(d.answers for d in report.documents), 'answer')}, "
                 f"{plural(len(report.claims), 'claim')}")
    lines.append(f"- {plural(len(report.citations), 'legal authority', 'legal authorities')} cited"
                 + (f": {cited}" if cited else ""))
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


class _Quotes:
    """Each sentence is quoted in full once; a later finding on it points back there."""

    def __init__(self) -> None:
        self.first: dict[tuple[str, str, str], int] = {}

    def quote(self, claim: Claim, number: int) -> list[str]:
        key = (claim.doc, claim.answer, claim.evidence.sentence or claim.text)
        seen = self.first.setdefault(key, number)
        if seen != number:
            ev = claim.evidence
            words = (ev.sentence or claim.text)[ev.start - ev.sentence_start:ev.end - ev.sentence_start].strip()
            excerpt = f": “{escape(words)}”" if words else ""
            return [f"  > *Quoted in [finding {seen}](#finding-{seen})*{excerpt}"]
        return [f"  > {highlight(claim)}"]


def _finding_block(ctx: _Context, number: int, finding: Finding, same: Mapping[str, list[str]],
                   quotes: _Quotes) -> list[str]:
    lines = [
        f'<a id="finding-{number}"></a>',
        "",
        f"#### {number}. {finding.severity.value.capitalize()} · {escape(finding.kind)} · "
        f"{code(finding.rule)}",
        "",
        # The message's own excerpts ("…there are no specific…") repeat the quotes below.
        escape(_QUOTE_IN_MESSAGE.sub("", describe(finding, ctx.claims))),
        "",
    ]
    for loc in claim_locations(finding, ctx.claims):
        where = code(f"{loc.path}:{loc.line}")
        lines.append(f"- {ctx.answer_title(loc.path, loc.answer)} ({where})")
        if loc.claim is not None:
            c = loc.claim
            detail = f"{_says(c)}, {MODALITY_PHRASES[c.modality]}"
            if same.get(c.id):
                detail += f"; also said in {', '.join(same[c.id])}"
            lines += quotes.quote(c, number)
            lines.append("  >")
            lines.append(f"  > — {detail}")
    if finding.chain:
        lines += ["", "Chain:", ""]
        lines += [f"{i}. {escape(step)}" for i, step in enumerate(finding.chain, start=1)]
    lines.append("")
    return lines


def _says(claim: Claim) -> str:
    """``agreement exists: **no**``."""
    words = escape(claim.predicate.replace("_", " "))
    return f"{words}: **{'yes' if claim.polarity is Polarity.affirmed else 'no'}**"


def _same_answers(ctx: _Context, g: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Claim id -> the other answers whose claims say the same (support edges, either way)."""
    same: dict[str, set[AnswerRef]] = {}
    for source, target, data in g.edges(data=True):
        if data.get("kind") != "supports":
            continue
        a, b = cgraph.answer_ref(g, source), cgraph.answer_ref(g, target)
        if a == b:
            continue
        for node, other in ((source, b), (target, a)):
            same.setdefault(node.removeprefix("claim:"), set()).add(other)
    return {cid: _ref_names(ctx, refs) for cid, refs in same.items()}


def _ordered_findings(ctx: _Context) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by predicate, worst group first; lint order within a severity."""
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
    return sorted(groups.items(), key=lambda item: (min(f.severity.rank for f in item[1]), item[0]))


def _inconsistencies(ctx: _Context, same: Mapping[str, list[str]]) -> list[str]:
    lines = ["## Inconsistencies", ""]
    if not ctx.report.findings:
        return lines + ["No inconsistencies found.", ""]
    lines += ["Worst first, grouped by what the claims are about. Each sentence is quoted once; "
              "**bold** marks the claim's words and the cue words (negations, hedges) that set its "
              "polarity or certainty. *Also said in* lists other answers with a claim saying the same "
              "thing: the side more answers take is not always the right one, but it tells where "
              "else a correction is due.", ""]
    quotes = _Quotes()
    for predicate, members in _ordered_findings(ctx):
        lines += [f"### {code(predicate)}", ""]
        for finding in members:
            lines += _finding_block(ctx, ctx.number[finding.id], finding, same, quotes)
    return lines


def cell(claims: Iterable[Claim], numbers: Mapping[str, list[int]]) -> str:
    """What one answer claims: ``agreement exists: **no**; data shared: yes, hedged (#2, #5)``."""
    parts: list[str] = []
    for claim in sorted(claims, key=lambda c: (c.line, c.evidence.start, c.id)):
        words = escape(claim.predicate.replace("_", " "))
        stance = "yes" if claim.polarity is Polarity.affirmed else "no"
        how = MODALITY_WORDS[claim.modality]
        found = numbers.get(claim.id)
        if found:
            part = f"{words}: **{stance}**{how} ({', '.join(f'#{n}' for n in found)})"
        else:
            part = f"{words}: {stance}{how}"
        if part not in parts:
            parts.append(part)
    return "; ".join(parts) or "—"


def _claims_by_answer(ctx: _Context) -> list[str]:
    lines = ["## Claims by answer", ""]
    docs = sorted({d.path for d in ctx.report.documents} | {c.doc for c in ctx.report.claims})
    if not docs:
        return lines + ["No claims extracted.", ""]
    lines += ["Every answer, with what claimcheck read in it: *yes* when the answer affirms it, *no* when it "
              "denies it, then how it is said; **bold**, with the finding numbers, when a finding involves it. "
              "An answer with no claim was read, but says nothing the rules check.", ""]
    numbers: dict[str, list[int]] = {}
    for finding in ctx.report.findings:
        for cid in finding.claims:
            numbers.setdefault(cid, []).append(ctx.number[finding.id])
    numbers = {cid: sorted(set(found)) for cid, found in numbers.items()}
    by_doc: dict[str, dict[str, list[Claim]]] = {}
    for claim in ctx.report.claims:
        by_doc.setdefault(claim.doc, {}).setdefault(claim.answer, []).append(claim)
    for doc in docs:
        if len(docs) > 1:
            lines += [f"### {code(doc)}", ""]
        of_doc = by_doc.get(doc, {})
        rows = []
        for answer in sorted(set(ctx.doc_questions.get(doc, {})) | set(of_doc), key=answer_sort_key):
            question = escape(ctx.questions.get((doc, answer), "")) or "—"
            rows.append([f"A{escape(answer)}", question, cell(of_doc.get(answer, []), numbers)])
        lines += _table(["Answer", "Question", "Claims"], rows)
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


#: The three groups of the statutes section: what an editor checks first, then less.
_PINPOINTS = (CitationStatus.contradictory_use, CitationStatus.acronym_mismatch,
              CitationStatus.not_in_registry, CitationStatus.verify_pinpoint)


def _citation_groups(citations: Iterable[Citation]) -> list[tuple[str, str, list[Citation]]]:
    ordered = sorted(citations, key=lambda c: (_STATUS_RANK[c.status], c.normalized, c.id))
    return [
        ("pinpoints", "Pinpoints to check", [c for c in ordered if c.status in _PINPOINTS]),
        ("acts", "Acts named without a section",
         [c for c in ordered if c.status is CitationStatus.named_act_no_section]),
        ("vague", "Vague references", [c for c in ordered if c.status is CitationStatus.vague]),
    ]


def _cited_for(ctx: _Context, citation: Citation) -> list[tuple[str, str, str]]:
    """(doc, answer, sentence) each authority is cited for, once per sentence, with every
    claim of that sentence in bold."""
    sentences: dict[tuple[str, str, str], list[Claim]] = {}
    for use in sorted(citation.uses, key=lambda u: (u.doc, answer_sort_key(u.answer), u.line, u.start)):
        if not use.sentence:
            continue
        found = sentences.setdefault((use.doc, use.answer, use.sentence), [])
        found += [ctx.claims[cid] for cid in use.claims if cid in ctx.claims and ctx.claims[cid] not in found]
    out = []
    for (doc, answer, sentence), claims in sentences.items():
        out.append((doc, answer, highlight_all(sentence, claims) if claims else escape(sentence)))
    return out


def _citations(ctx: _Context) -> list[str]:
    lines = ["## Statutes that need verifying", ""]
    if not ctx.report.citations:
        return lines + ["No legal authorities cited.", ""]
    lines += ["A claim that leans on a wrong citation is only as good as the citation. Pinpoints first: "
              "they are what a fabricated citation looks like, and what can be checked at once.", ""]
    number = 0
    for key, title, group in _citation_groups(ctx.report.citations):
        if not group:
            continue
        lines += [f"### {title}", ""]
        if key == "vague":
            lines += ["A body of law with no citation: name the provision, or drop the appeal to law.", ""]
            rows = []
            for citation in group:
                number += 1
                answers = ", ".join(ctx.short(d, a) for d, a in _citation_refs(citation)) or "—"
                rows.append([str(number), f"“{escape(citation.cited_as)}”", escape(citation.jurisdiction or "—"),
                             answers])
            lines += _table(["#", "Cited as", "Jurisdiction", "Answers"], rows)
            lines.append("")
            continue
        for citation in group:
            number += 1
            status = citation.status.value.replace("_", " ")
            answers = ", ".join(ctx.short(doc, answer) for doc, answer in _citation_refs(citation)) or "—"
            lines += [
                f"#### {number}. {escape(citation.normalized or citation.cited_as)} — {status}",
                "",
                f"- **Cited as:** “{escape(citation.cited_as)}” ({escape(citation.kind.replace('_', ' '))}, "
                f"{escape(citation.jurisdiction or 'jurisdiction unknown')})",
                f"- **Check:** {escape(citation.reason) or '—'}",
                f"- **Answers:** {answers}",
                f"- **Official text:** {_link(citation.url)}",
            ]
            backed = _cited_for(ctx, citation)
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
    lines += ["Answers joined by their findings, coloured as in the HTML report: red solid for errors, "
              "orange dashed for warnings, grey dotted for info; each link names its rules.", ""]
    lines += ["```mermaid", *cgraph.to_mermaid(g).rstrip("\n").split("\n"), "```", ""]
    return lines


def _ref_names(ctx: _Context, refs: Iterable[AnswerRef]) -> list[str]:
    return [ctx.short(r.doc, r.answer) for r in sorted(refs, key=ref_sort_key)]


# ---------------------------------------------------------------------------- entry


def render(report: Report) -> str:
    """Render ``report`` as a Markdown report."""
    ctx = _Context(report)
    g = cgraph.build_graph(report)
    same = _same_answers(ctx, g)
    title = "# claimcheck report"
    if len(report.documents) == 1 and report.documents[0].title:
        title += f": {escape(report.documents[0].title)}"
    lines = [title, ""]
    lines += _summary(ctx) + [""]
    lines += _inconsistencies(ctx, same)
    lines += _claims_by_answer(ctx)
    lines += _citations(ctx)
    lines += _graph_sections(ctx, g)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"
