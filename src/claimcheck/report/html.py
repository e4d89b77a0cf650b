"""The HTML report: one self-contained file an editor opens from disk.

Five views of one page, switched by the links at the top (plain anchors, so
the file works without JavaScript too, as one long page):

    summary     counts, where to start (the most contested answers), documents, rules
    findings    every finding with both answers' sentences side by side, the cue
                words marked, the rule's explanation and what to do; filters by
                severity, rule and document
    pages       each document's answers, every claim's words highlighted by
                predicate and polarity (when the CLI passes the pages' text)
    statutes    the authorities to verify: pinpoints first, then acts named
                without a section, then vague references
    graph       the contradiction graph as inline SVG (``claimcheck.drawing``)

Nothing is fetched: CSS, JavaScript and the drawing are inline, and a
Content-Security-Policy forbids the page any other resource. The output is
deterministic (no timestamps, everything sorted).

Jinja2 builds the page (``templates/report.html.j2``); it is imported here
only, and this module only when ``--format html`` is asked for (measured:
~45 ms to import, ~25 ms to compile the template). The words inside a
sentence are marked up here, in Python, because a template loop per word
would take most of the time on a corpus.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape as html_escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from claimcheck import graph as cgraph
from claimcheck.models import Citation, CitationStatus, Claim, Document, Modality, Polarity, Report
from claimcheck.report.findings import (
    SEVERITY_ORDER,
    answer_sort_key,
    claim_index,
    claim_locations,
    describe,
    lint_order,
    plural,
    ref_sort_key,
)
from claimcheck.report.ruleinfo import PredicateInfo, RuleInfo, default_rule_info

TEMPLATES = Path(__file__).parent / "templates"

#: Colours for predicates (CSS classes p0…p{n-1}); predicates beyond wrap around.
PALETTE_SIZE = 12
#: "Cited for" sentences shown per authority; the rest are counted and linked by answer.
CITED_FOR_LIMIT = 6
#: Answers linked from a citation before "and N more".
ANSWER_LINK_LIMIT = 30
#: Rows of "where to start".
CONTESTED_LIMIT = 10

MODALITY_WORDS = {
    Modality.asserted: "stated as fact",
    Modality.hedged: "hedged",
    Modality.conditional: "under a condition",
    Modality.normative: "as advice",
    Modality.presupposed: "taken for granted",
}
#: Citation statuses an editor checks first (pinpoints and worse).
_PINPOINT_STATUSES = (CitationStatus.contradictory_use, CitationStatus.acronym_mismatch,
                      CitationStatus.not_in_registry, CitationStatus.verify_pinpoint)
_STATUS_RANK = {status: rank for rank, status in enumerate(CitationStatus)}
_QUOTE_IN_MESSAGE = re.compile(r"\s*\(“[^”]*”\)")


# ------------------------------------------------------------------- words marked up


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    claim: Claim | None = None  # None: a cue word


def _cue_spans(claim: Claim, base: int) -> list[_Span]:
    """The claim's cue words in its sentence, as spans of the text the sentence is in
    (``base`` is where the sentence starts there)."""
    sentence = claim.evidence.sentence or claim.text
    spans = []
    for cue in claim.cues:
        if not cue.strip():
            continue
        found = re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", sentence, re.IGNORECASE)
        if found:
            spans.append(_Span(base + found.start(), base + found.end()))
    return spans


def _claim_span(claim: Claim, base: int, length: int) -> _Span | None:
    ev = claim.evidence
    start, end = ev.start - ev.sentence_start + base, ev.end - ev.sentence_start + base
    return _Span(start, end, claim) if 0 <= start < end <= length else None


class _Marker:
    """Marks claims and cue words in text, with the report's predicate colours and labels."""

    def __init__(self, predicates: Sequence[str], labels: Mapping[str, PredicateInfo]) -> None:
        self.colour = {p: i % PALETTE_SIZE for i, p in enumerate(sorted(predicates))}
        self.labels = labels

    def says(self, claim: Claim) -> str:
        """What the claim says, in words: "no agreement with ICE exists"."""
        info = self.labels.get(claim.predicate)
        if info is None:
            words = claim.predicate.replace("_", " ")
            text = words if claim.polarity is Polarity.affirmed else f"not: {words}"
        else:
            text = info.label if claim.polarity is Polarity.affirmed else info.negated_label
        return text.replace("{counterpart}", _counterpart(claim.scope.counterpart))

    def how(self, claim: Claim) -> str:
        """How it is said: "stated as fact", "hedged (likely)"."""
        words = MODALITY_WORDS[claim.modality]
        cues = [c for c in claim.cues if c.strip()]
        return f"{words} ({', '.join(cues)})" if cues and claim.modality is not Modality.asserted else words

    def title(self, claim: Claim) -> str:
        return f"{self.says(claim)}, {self.how(claim)} [{claim.predicate}]"

    def css(self, claim: Claim) -> str:
        classes = f"claim p{self.colour.get(claim.predicate, 0)}"
        if claim.polarity is Polarity.negated:
            classes += " neg"
        if claim.modality is not Modality.asserted:
            classes += " weak"
        return classes

    def mark(self, text: str, spans: Iterable[_Span], flagged: Collection[str] = (), *,
             titles: bool = True) -> Markup:
        """``text`` escaped, each claim's words in a ``<mark>`` and cue words in ``<b>``.

        Spans may overlap (two claims in one sentence): the text is cut at every
        span edge and each piece is marked as the claims covering it, the first
        claim giving the colour. ``titles`` adds what each claim says as a tooltip.
        Plain strings, made into ``Markup`` once: on a corpus this runs for every
        answer, and markupsafe's per-piece objects were a tenth of the render.
        """
        spans = [s for s in spans if s.start < s.end]
        if not spans:
            return Markup(_lines(html_escape(text, quote=False)))
        cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
        out = []
        for a, b in zip(cuts, cuts[1:]):
            piece = _lines(html_escape(text[a:b], quote=False))
            covering = [s for s in spans if s.start <= a and s.end >= b]
            if any(s.claim is None for s in covering):
                piece = f'<b class="cue">{piece}</b>'
            claims = sorted({s.claim.id: s.claim for s in covering if s.claim is not None}.values(),
                            key=lambda c: (c.evidence.start, c.id))
            if claims:
                css = self.css(claims[0]) + (" flagged" if any(c.id in flagged for c in claims) else "")
                # A claim cut by its cue words is several pieces: ¬ goes before the first only.
                if any(sp.start == a for sp in covering if sp.claim is claims[0]):
                    css += " start"
                title = ""
                if titles:
                    title = f' title="{html_escape("; ".join(self.title(c) for c in claims))}"'
                piece = f'<mark class="{css}"{title}>{piece}</mark>'
            out.append(piece)
        return Markup("".join(out))

    def sentence(self, claim: Claim) -> Markup:
        """The claim's sentence with its own words and cue words marked."""
        sentence = claim.evidence.sentence or claim.text
        spans = _cue_spans(claim, 0)
        own = _claim_span(claim, 0, len(sentence))
        if own is not None:
            spans.append(own)
        # No tooltip: a finding prints what the claim says right under it.
        return self.mark(sentence, spans, titles=False)

    def answer(self, text: str, claims: Sequence[Claim], flagged: set[str]) -> Markup | None:
        """A whole answer in paragraphs, every claim marked; ``None`` when the text
        is not the one the claims were read from (the file changed since)."""
        spans: list[_Span] = []
        for claim in claims:
            ev = claim.evidence
            if text[ev.sentence_start:ev.sentence_end] != ev.sentence:
                return None
            own = _claim_span(claim, ev.sentence_start, len(text))
            if own is not None:
                spans.append(own)
            spans += _cue_spans(claim, ev.sentence_start)
        paragraphs = []
        start = 0
        for gap in [*re.finditer(r"\n[ \t]*\n\s*", text), None]:
            end = gap.start() if gap else len(text)
            if text[start:end].strip():
                inside = [_Span(max(s.start, start) - start, min(s.end, end) - start, s.claim)
                          for s in spans if s.start < end and s.end > start]
                paragraphs.append(f"<p>{self.mark(text[start:end], inside, flagged)}</p>")
            if gap:
                start = gap.end()
        return Markup("\n".join(paragraphs))


def _lines(text: str) -> str:
    return text.replace("\n", "<br>\n")


def _counterpart(entity: str | None) -> str:
    if not entity:
        return "them"
    return entity.upper() if len(entity) <= 4 else entity.replace("_", " ")


# ------------------------------------------------------------------------------ view


class _Obj(dict):
    """A dict the template reads as attributes (``f.severity``). Jinja tries an attribute
    before an item; on a plain dict every lookup failed first, a fifth of a corpus' render."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)


@dataclass
class _Doc:
    index: int
    path: str
    title: str
    jurisdiction: str
    answers: int
    questions: dict[str, str]
    claims: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in SEVERITY_ORDER})

    @property
    def key(self) -> str:
        return f"d{self.index}"

    def anchor(self, answer: str) -> str:
        return f"d{self.index}-a{_slug(answer)}"


class _View:
    """Everything the template shows, computed once."""

    def __init__(self, report: Report, rules: Mapping[str, RuleInfo], predicates: Mapping[str, PredicateInfo],
                 pages: Mapping[str, Document]) -> None:
        self.report = report
        self.claims = claim_index(report)
        paths = sorted({d.path for d in report.documents} | {c.doc for c in report.claims})
        summaries = {d.path: d for d in report.documents}
        self.docs: dict[str, _Doc] = {}
        for i, path in enumerate(paths):
            s = summaries.get(path)
            self.docs[path] = _Doc(index=i, path=path, title=s.title if s else "", jurisdiction=(s.jurisdiction or "")
                                   if s else "", answers=s.answers if s else 0,
                                   questions=dict(s.questions) if s else {})
        for claim in report.claims:
            self.docs[claim.doc].claims += 1
        self.several = len(self.docs) > 1
        self.marker = _Marker(sorted({c.predicate for c in report.claims}), predicates)
        self.rules = rules
        self.pages = pages
        self.g = cgraph.build_graph(report)
        self.flagged = {cid for f in report.findings for cid in f.claims}
        self.same_as = self._support()
        self.findings = self._findings()

    # -- shared bits

    def answer_name(self, doc: str, answer: str) -> str:
        return f"{doc} A{answer}" if self.several else f"A{answer}"

    def answer_link(self, doc: str, answer: str) -> dict[str, str]:
        d = self.docs.get(doc)
        question = d.questions.get(answer, "") if d else ""
        return _Obj(href=f"#{d.anchor(answer)}" if d else "", name=self.answer_name(doc, answer),
                    question=question)

    def rule(self, rule_id: str, kind: str | None = None) -> RuleInfo:
        return self.rules.get(rule_id) or default_rule_info(rule_id, kind)

    def _support(self) -> dict[str, list[tuple[str, str]]]:
        """Claim id -> the other answers with a claim saying the same (support edges, either way)."""
        same: dict[str, set[tuple[str, str]]] = {}
        for source, target, data in self.g.edges(data=True):
            if data.get("kind") != "supports":
                continue
            a, b = self.g.nodes[source], self.g.nodes[target]
            for one, other in ((source, b), (target, a)):
                claim_id = one.removeprefix("claim:")
                claim = self.claims.get(claim_id)
                if claim is not None and (other["doc"], other["answer"]) != (claim.doc, claim.answer):
                    same.setdefault(claim_id, set()).add((other["doc"], other["answer"]))
        return {k: sorted(v, key=lambda r: (r[0], answer_sort_key(r[1]))) for k, v in same.items()}

    # -- findings

    def _findings(self) -> list[dict[str, Any]]:
        ordered = sorted(lint_order(self.report.findings, self.claims), key=lambda f: f.severity.rank)
        out = []
        for number, finding in enumerate(ordered, start=1):
            sides = [self._side(loc) for loc in claim_locations(finding, self.claims)]
            docs = sorted({self.docs[s["doc"]].key for s in sides if s["doc"] in self.docs})
            first = sides[0]["doc"] if sides else ""
            if first in self.docs:
                self.docs[first].counts[finding.severity.value] += 1
            info = self.rule(finding.rule, finding.kind)
            out.append(_Obj({
                "number": number, "id": finding.id, "anchor": f"finding-{_slug(finding.id)}",
                "severity": finding.severity.value, "kind": finding.kind, "rule": finding.rule,
                "rule_anchor": f"rule-{_slug(finding.rule)}",
                "rule_name": info.name if info.name != finding.rule else "", "headline": _QUOTE_IN_MESSAGE.sub("", describe(finding, self.claims)),
                "sides": sides, "chain": list(finding.chain), "help": info.help, "docs": " ".join(docs),
            }))
        return out

    def _side(self, loc: Any) -> dict[str, Any]:
        link = self.answer_link(loc.path, loc.answer)
        side = _Obj(doc=loc.path, answer=loc.answer, where=f"{loc.path}:{loc.line}", **link)
        claim = loc.claim
        if claim is not None:
            side.update(sentence=self.marker.sentence(claim), says=self.marker.says(claim),
                        how=self.marker.how(claim), css=self.marker.css(claim),
                        negated=claim.polarity is Polarity.negated,
                        same=[self.answer_link(d, a) for d, a in self.same_as.get(claim.id, [])])
        return side

    def finding_counts(self) -> dict[str, Any]:
        by_severity = {s.value: 0 for s in SEVERITY_ORDER}
        by_rule: dict[str, int] = {}
        by_kind: dict[str, int] = {}
        for f in self.findings:
            by_severity[f["severity"]] += 1
            by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
            by_kind[f["kind"]] = by_kind.get(f["kind"], 0) + 1
        return _Obj(severity=by_severity, rule=dict(sorted(by_rule.items())), kind=by_kind)

    def rule_list(self) -> list[dict[str, Any]]:
        kinds = {f["rule"]: f["kind"] for f in self.findings}
        out = []
        for rule_id, count in self.finding_counts()["rule"].items():
            info = self.rule(rule_id, kinds.get(rule_id))
            out.append(_Obj(id=rule_id, anchor=f"rule-{_slug(rule_id)}", count=count,
                            name=info.name if info.name != rule_id else "",
                            description=" ".join(info.description.split()), help=info.help))
        return out

    # -- pages

    def page_list(self) -> list[dict[str, Any]]:
        by_doc: dict[str, dict[str, list[Claim]]] = {}
        for claim in self.report.claims:
            by_doc.setdefault(claim.doc, {}).setdefault(claim.answer, []).append(claim)
        findings_of: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for f in self.findings:
            for ref in sorted({(s["doc"], s["answer"]) for s in f["sides"]}):
                findings_of.setdefault(ref, []).append(f)
        out = []
        for doc in self.docs.values():
            page = self.pages.get(doc.path)
            texts = {a.id: a.text for a in page.answers} if page else {}
            of_doc = by_doc.get(doc.path, {})
            ids = sorted(set(doc.questions) | set(texts) | set(of_doc), key=answer_sort_key)
            answers = []
            for answer in ids:
                claims = sorted(of_doc.get(answer, []), key=lambda c: (c.evidence.start, c.id))
                body = self.marker.answer(texts[answer], claims, self.flagged) if answer in texts else None
                answers.append(_Obj({
                    "id": answer, "anchor": doc.anchor(answer), "question": doc.questions.get(answer, ""),
                    "body": body, "has_claims": bool(claims),
                    "sentences": [] if body is not None else _unique_sentences(self.marker, claims),
                    "findings": [_Obj(href=f"#{f['anchor']}", number=f["number"], severity=f["severity"])
                                 for f in findings_of.get((doc.path, answer), [])],
                }))
            predicates = sorted({c.predicate for cs in of_doc.values() for c in cs})
            out.append(_Obj(doc=doc, answers=answers, has_text=page is not None,
                            legend=[_Obj(css=f"p{self.marker.colour[p]}", label=p.replace("_", " "))
                                    for p in predicates]))
        return out

    # -- statutes

    def citation_groups(self) -> list[dict[str, Any]]:
        citations = sorted(self.report.citations, key=lambda c: (_STATUS_RANK[c.status], c.normalized, c.id))
        groups = [
            ("pinpoints", "Pinpoints to check",
             "Sections cited for a claim: read each against the claim it backs. A fabricated citation "
             "usually looks like one of these.", [c for c in citations if c.status in _PINPOINT_STATUSES]),
            ("acts", "Acts named without a section",
             "The act exists; cite the section that supports the claim.",
             [c for c in citations if c.status is CitationStatus.named_act_no_section]),
            ("vague", "Vague references",
             "A body of law with no citation at all (\u201cstate law\u201d, \u201cfederal regulations\u201d): "
             "name the provision, or drop the appeal to law.",
             [c for c in citations if c.status is CitationStatus.vague]),
        ]
        return [_Obj(key=key, title=title, intro=intro, entries=[self._citation(c) for c in items])
                for key, title, intro, items in groups if items]

    def _citation(self, citation: Citation) -> dict[str, Any]:
        refs = {(u.doc, u.answer) for u in citation.uses}
        for entry in citation.answers:
            doc, answer = entry.get("doc") or entry.get("path"), entry.get("answer") or entry.get("id")
            if doc is not None and answer is not None:
                refs.add((doc, answer))
        ordered_refs = sorted(refs, key=lambda r: (r[0], answer_sort_key(r[1])))
        sentences: list[dict[str, Any]] = []
        seen: set[tuple[str, str, str]] = set()
        for use in sorted(citation.uses, key=lambda u: (u.doc, answer_sort_key(u.answer), u.line, u.start)):
            key = (use.doc, use.answer, use.sentence)
            if not use.sentence or key in seen:
                continue
            seen.add(key)
            claims = [self.claims[cid] for cid in use.claims if cid in self.claims]
            sentences.append(_Obj(use=use, claims=claims, **self.answer_link(use.doc, use.answer)))
        shown = sentences[:CITED_FOR_LIMIT]
        for entry in shown:
            claims, use = entry.pop("claims"), entry.pop("use")
            spans = []
            for claim in claims:
                base = use.sentence.find(claim.evidence.sentence) if claim.evidence.sentence else -1
                if base >= 0:
                    own = _claim_span(claim, base, len(use.sentence))
                    spans += ([own] if own else []) + _cue_spans(claim, base)
            entry["sentence"] = self.marker.mark(use.sentence, spans, self.flagged)
            entry["says"] = [_Obj(text=self.marker.says(c), flagged=c.id in self.flagged) for c in claims]
        url = citation.url or ""
        return _Obj({
            "name": citation.normalized or citation.cited_as, "cited_as": citation.cited_as,
            "status": citation.status.value, "status_words": citation.status.value.replace("_", " "),
            "reason": citation.reason, "kind": citation.kind.replace("_", " "),
            "jurisdiction": citation.jurisdiction or "", "url": url, "host": urlsplit(url).netloc if url else "",
            "answers": [self.answer_link(d, a) for d, a in ordered_refs[:ANSWER_LINK_LIMIT]],
            "more_answers": max(0, len(ordered_refs) - ANSWER_LINK_LIMIT),
            "sentences": shown, "more_sentences": len(sentences) - len(shown),
        })

    # -- graph

    def drawing(self) -> dict[str, Any]:
        from claimcheck import drawing

        laid = drawing.lay_out(self.g)
        hrefs = {}
        for node in laid.nodes:
            d = self.docs.get(node.ref.doc)
            if d is not None:
                hrefs[node.ref] = f"#{d.anchor(node.ref.answer)}"
        clusters = cgraph.contradiction_clusters(self.g)
        return _Obj({
            "svg": Markup(drawing.render_svg(laid, hrefs=hrefs)),
            "has_support": any(e.severity == "support" for e in laid.edges),
            "shown": len(laid.nodes), "in_conflict": laid.in_conflict,
            "clusters": [[self.answer_link(r.doc, r.answer) for r in sorted(c, key=ref_sort_key)]
                         for c in clusters[:20]],
            "more_clusters": max(0, len(clusters) - 20),
        })

    def contested(self) -> list[dict[str, Any]]:
        return [_Obj(count=n, **self.answer_link(r.doc, r.answer))
                for r, n in cgraph.most_contested(self.g)[:CONTESTED_LIMIT]]


def _unique_sentences(marker: _Marker, claims: Sequence[Claim]) -> list[Markup]:
    out, seen = [], set()
    for claim in claims:
        sentence = claim.evidence.sentence or claim.text
        if sentence not in seen:
            seen.add(sentence)
            out.append(marker.sentence(claim))
    return out


# ---------------------------------------------------------------------------- render


@lru_cache(maxsize=1)
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["plural"] = plural
    return env.get_template("report.html.j2")


def render(report: Report, *, rules: Mapping[str, RuleInfo] | None = None,
           predicates: Mapping[str, PredicateInfo] | None = None,
           pages: Mapping[str, Document] | None = None) -> str:
    """Render ``report`` as one self-contained HTML page.

    ``rules`` describe the rules (explanation and what to do), ``predicates``
    word the claims ("no agreement with ICE exists"), and ``pages`` are the
    documents with their answers' text, keyed by path, for the page view;
    without them the report still renders, with rule ids, predicate names and
    only the sentences that carry claims.
    """
    view = _View(report, rules or {}, predicates or {}, pages or {})
    title = "claimcheck report"
    if len(report.documents) == 1 and report.documents[0].title:
        title += f": {report.documents[0].title}"
    counts = view.finding_counts()
    pages_list = view.page_list()
    return _template().render(
        title=title,
        report=report,
        several=view.several,
        docs=list(view.docs.values()),
        findings=view.findings,
        counts=counts,
        rules=view.rule_list(),
        pages=pages_list,
        citation_groups=view.citation_groups(),
        citations=len(report.citations),
        pinpoints=sum(c.status in _PINPOINT_STATUSES for c in report.citations),
        graph=view.drawing(),
        contested=view.contested(),
        answers=sum(d.answers for d in view.docs.values()),
        errors=sorted(report.errors, key=lambda e: (e.get("path", ""), e.get("message", ""))),
        severities=[s.value for s in SEVERITY_ORDER],
        docs_by_findings=sorted(view.docs.values(), key=lambda d: (
            -d.counts["error"], -d.counts["warning"], -d.counts["info"], d.path)),
        palette=range(PALETTE_SIZE),
    )


__all__ = ["render"]
