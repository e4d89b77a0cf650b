"""The report as a graph: answers state claims, claims relate, answers cite law.

Nodes (ids are strings so every export can name them):

    answer:{doc}#{answer}   an answer of a document
    claim:{claim id}        a claim (``qa.json#3:c1``)
    cite:{citation id}      a cited authority

Edges of a ``networkx.MultiDiGraph``, each with a ``kind`` attribute:

    answer  -states->                         claim
    claim   -supports|contradicts|tension|implies|certainty->  claim   (``rule``, ``evidence``;
                                                                   ``finding`` and ``severity`` when a
                                                                   finding reports it)
    answer  -cites->                          authority

Everything is added in sorted order, so exports are byte-stable. The analyses
(clusters of answers that contradict each other, the most contested answers,
how much support a claim has) are what a graph is for; the Markdown report uses
them. No I/O here: exports return strings and the CLI writes them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from claimcheck.models import AnswerRef, Claim, Report
from claimcheck.report.findings import answer_sort_key, ref_sort_key

#: Claim-to-claim edge kinds that make two answers disagree.
CONFLICT_KINDS: tuple[str, ...] = ("contradicts", "tension")
#: Finding kind -> the claim edge it stands for (when the engine left no relation).
_FINDING_EDGE = {"contradiction": "contradicts", "tension": "tension", "certainty": "certainty"}


# ---------------------------------------------------------------------------- build


def answer_node(doc: str, answer: str) -> str:
    return f"answer:{doc}#{answer}"


def claim_node(claim_id: str) -> str:
    return f"claim:{claim_id}"


def cite_node(citation_id: str) -> str:
    return f"cite:{citation_id}"


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """Drop ``None`` values: GraphML has no null."""
    return {key: value for key, value in attrs.items() if value is not None}


def _citation_refs(citation: Any) -> set[tuple[str, str]]:
    refs = {(use.doc, use.answer) for use in citation.uses}
    for entry in citation.answers:
        doc = entry.get("doc") or entry.get("path")
        answer = entry.get("answer") or entry.get("id")
        if doc is not None and answer is not None:
            refs.add((doc, answer))
    return refs


def _questions(report: Report) -> dict[tuple[str, str], str]:
    """Question text per answer, when the document summaries carry it."""
    found = {}
    for doc in report.documents:
        for answer, question in (getattr(doc, "questions", None) or {}).items():
            found[(doc.path, str(answer))] = question
    return found


def build_graph(report: Report) -> nx.MultiDiGraph:
    """The graph of ``report``; nodes and edges are inserted in sorted order."""
    g = nx.MultiDiGraph(name="claimcheck")
    claims = sorted(report.claims, key=lambda c: (c.doc, answer_sort_key(c.answer), c.line, c.id))
    known_claims = {c.id for c in claims}

    refs: set[tuple[str, str]] = {(c.doc, c.answer) for c in claims}
    for finding in report.findings:
        refs.update((r.doc, r.answer) for r in finding.answers)
    cite_refs = {c.id: _citation_refs(c) for c in report.citations}
    for found in cite_refs.values():
        refs.update(found)

    questions = _questions(report)
    for doc, answer in sorted(refs, key=lambda r: (r[0], answer_sort_key(r[1]))):
        g.add_node(
            answer_node(doc, answer),
            **_clean({"kind": "answer", "doc": doc, "answer": answer,
                      "label": f"A{answer}", "question": questions.get((doc, answer))}),
        )
    for claim in claims:
        g.add_node(claim_node(claim.id), **_claim_attrs(claim))
    for citation in sorted(report.citations, key=lambda c: c.id):
        g.add_node(
            cite_node(citation.id),
            **_clean({"kind": "citation", "label": citation.normalized or citation.cited_as,
                      "cited_as": citation.cited_as, "normalized": citation.normalized,
                      "citation_kind": citation.kind, "jurisdiction": citation.jurisdiction,
                      "status": citation.status.value, "url": citation.url}),
        )

    for claim in claims:
        g.add_edge(answer_node(claim.doc, claim.answer), claim_node(claim.id),
                   key="states", kind="states")

    # Claim-to-claim edges: the engine's relations, plus any pair finding the
    # engine reported without a relation, so the graph never misses a conflict.
    edges: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for rel in report.relations:
        if rel.source in known_claims and rel.target in known_claims:
            edges[(rel.source, rel.target, rel.kind, rel.rule)] = {"evidence": rel.evidence}
    for finding in sorted(report.findings, key=lambda f: f.id):
        if len(finding.claims) != 2 or not set(finding.claims) <= known_claims:
            continue
        kind = _FINDING_EDGE.get(finding.kind, finding.kind)
        a, b = finding.claims
        for key in ((a, b, kind, finding.rule), (b, a, kind, finding.rule)):
            if key in edges:
                edges[key].setdefault("finding", finding.id)
                edges[key].setdefault("severity", finding.severity.value)
                break
        else:
            edges[(a, b, kind, finding.rule)] = {"evidence": finding.message, "finding": finding.id,
                                                 "severity": finding.severity.value}
    for (source, target, kind, rule), attrs in sorted(edges.items()):
        g.add_edge(claim_node(source), claim_node(target), key=f"{kind}:{rule}",
                   kind=kind, rule=rule, **attrs)

    for citation_id in sorted(cite_refs):
        for doc, answer in sorted(cite_refs[citation_id], key=lambda r: (r[0], answer_sort_key(r[1]))):
            g.add_edge(answer_node(doc, answer), cite_node(citation_id), key="cites", kind="cites")
    return g


def _claim_attrs(claim: Claim) -> dict[str, Any]:
    return _clean({
        "kind": "claim", "doc": claim.doc, "answer": claim.answer,
        "predicate": claim.predicate, "polarity": claim.polarity.value,
        "modality": claim.modality.value, "line": claim.line, "text": claim.text,
        "label": f"{'' if claim.polarity.value == 'affirmed' else 'not '}{claim.predicate}",
    })


# ------------------------------------------------------------------------- analysis


def answer_ref(g: nx.MultiDiGraph, node: str) -> AnswerRef:
    """The ``AnswerRef`` of an answer node, or of the answer stating a claim node."""
    data = g.nodes[node]
    return AnswerRef(doc=data["doc"], answer=data["answer"])


def conflicts(g: nx.MultiDiGraph, kinds: Iterable[str] = CONFLICT_KINDS
              ) -> list[tuple[AnswerRef, AnswerRef, str, str]]:
    """Answer pairs joined by a claim edge of ``kinds``: (source, target, kind, rule).

    One entry per claim edge, in graph order; an edge between two claims of the
    same answer gives a pair of equal refs.
    """
    wanted = set(kinds)
    found = []
    for source, target, data in g.edges(data=True):
        if data.get("kind") in wanted:
            found.append((answer_ref(g, source), answer_ref(g, target), data["kind"], data.get("rule", "")))
    return found


def _answer_conflict_graph(g: nx.MultiDiGraph) -> nx.Graph:
    h = nx.Graph()
    for a, b, _kind, _rule in conflicts(g):
        if a != b:
            h.add_edge(a, b)
    return h


def contradiction_clusters(g: nx.MultiDiGraph) -> list[list[AnswerRef]]:
    """Groups of two or more answers linked by contradictions or tensions.

    Connected components of the answer graph whose edges are ``contradicts`` and
    ``tension`` claim edges: if A contradicts B and B contradicts C, then A, B and
    C are one cluster that a writer must reconcile together. Each cluster is
    sorted by answer; clusters are sorted largest first, then by first answer.
    """
    clusters = [sorted(c, key=ref_sort_key) for c in nx.connected_components(_answer_conflict_graph(g))]
    clusters = [c for c in clusters if len(c) >= 2]
    return sorted(clusters, key=lambda c: (-len(c), [ref_sort_key(r) for r in c]))


def most_contested(g: nx.MultiDiGraph) -> list[tuple[AnswerRef, int]]:
    """Answers by how many contradictions and tensions touch them, most first."""
    counts: dict[AnswerRef, int] = {}
    for a, b, _kind, _rule in conflicts(g):
        for ref in {a, b}:
            counts[ref] = counts.get(ref, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], ref_sort_key(item[0])))


def support_counts(g: nx.MultiDiGraph) -> dict[str, int]:
    """Claim id -> how many other claims support it (only claims with support)."""
    counts: dict[str, int] = {}
    for _source, target, data in g.edges(data=True):
        if data.get("kind") == "supports":
            claim_id = target.removeprefix("claim:")
            counts[claim_id] = counts.get(claim_id, 0) + 1
    return dict(sorted(counts.items()))


#: Severities, worst first, as the drawings rank them.
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class AnswerEdge:
    """What joins two answers in the drawings: their findings, or their support.

    ``severity`` is the worst of the findings' severities, or ``"support"`` for
    an edge made only of claims that say the same thing. ``a`` sorts before ``b``;
    they are equal for a finding between two claims of one answer.
    """

    a: AnswerRef
    b: AnswerRef
    severity: str
    rules: tuple[str, ...]
    findings: tuple[str, ...]


def answer_edges(g: nx.MultiDiGraph) -> list[AnswerEdge]:
    """One edge per pair of answers with a finding between them (the worst severity
    wins), then one per pair of other answers whose claims support each other.

    Claim edges without a finding (a suppressed or disabled rule) are left out:
    a drawing shows what the report reports. Sorted by (a, b), findings first.
    """
    found: dict[tuple[AnswerRef, AnswerRef], dict[str, set[str]]] = {}
    support: set[tuple[AnswerRef, AnswerRef]] = set()
    for source, target, data in g.edges(data=True):
        kind = data.get("kind")
        if kind not in ("contradicts", "tension", "certainty", "supports"):
            continue
        pair = tuple(sorted((answer_ref(g, source), answer_ref(g, target)), key=ref_sort_key))
        if kind == "supports":
            if pair[0] != pair[1]:
                support.add(pair)  # type: ignore[arg-type]
        elif data.get("severity"):
            entry = found.setdefault(pair, {"severity": set(), "rules": set(), "findings": set()})  # type: ignore[arg-type]
            entry["severity"].add(data["severity"])
            entry["rules"].add(data.get("rule", ""))
            entry["findings"].add(data["finding"])
    edges = [AnswerEdge(a, b, min(v["severity"], key=SEVERITIES.index), tuple(sorted(v["rules"])),
                        tuple(sorted(v["findings"], key=_finding_key)))
             for (a, b), v in found.items()]
    edges += [AnswerEdge(a, b, "support", ("support",), ()) for a, b in support if (a, b) not in found]
    return sorted(edges, key=lambda e: (e.severity == "support", ref_sort_key(e.a), ref_sort_key(e.b)))


def _finding_key(finding_id: str) -> tuple[int, str]:
    digits = finding_id.lstrip("F")
    return (int(digits), finding_id) if digits.isdigit() else (1 << 30, finding_id)


# -------------------------------------------------------------------------- exports


def to_json(g: nx.MultiDiGraph) -> str:
    """Node-link JSON (``nodes``, ``edges`` with ``source``/``target``/``key``), sorted keys."""
    data = {
        "directed": True,
        "multigraph": True,
        "graph": dict(g.graph),
        "nodes": [{"id": node, **attrs} for node, attrs in g.nodes(data=True)],
        "edges": [
            {"source": s, "target": t, "key": k, **attrs}
            for s, t, k, attrs in g.edges(keys=True, data=True)
        ],
    }
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def to_graphml(g: nx.MultiDiGraph) -> str:
    """GraphML, from networkx's writer (yEd, Gephi and Cytoscape read it)."""
    return "\n".join(nx.generate_graphml(g)) + "\n"


_DOT_SHAPES = {"answer": "box", "claim": "ellipse", "citation": "note"}
_DOT_EDGE_STYLES = {
    "states": 'color="gray40"',
    "cites": 'color="gray40", style="dotted"',
    "supports": 'color="darkgreen"',
    "implies": 'color="blue", style="dashed"',
    "contradicts": 'color="red", penwidth=2',
    "tension": 'color="orange", style="dashed", penwidth=2',
    "certainty": 'color="purple", style="dotted"',
}


def _dot_quote(value: object) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def to_dot(g: nx.MultiDiGraph) -> str:
    """Graphviz DOT, written here so there is no pydot or graphviz dependency."""
    lines = ["digraph claimcheck {", "  rankdir=LR;", '  node [fontname="Helvetica"];']
    for node, attrs in g.nodes(data=True):
        shape = _DOT_SHAPES.get(attrs.get("kind", ""), "ellipse")
        lines.append(f"  {_dot_quote(node)} [label={_dot_quote(attrs.get('label', node))}, shape={shape}];")
    for source, target, attrs in g.edges(data=True):
        kind = attrs.get("kind", "")
        label = attrs.get("rule") or kind
        style = _DOT_EDGE_STYLES.get(kind, "")
        extra = f", {style}" if style else ""
        lines.append(f"  {_dot_quote(source)} -> {_dot_quote(target)} [label={_dot_quote(label)}{extra}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_label(text: str) -> str:
    return text.replace('"', "#quot;")


def answer_labels(refs: Iterable[AnswerRef], several_docs: bool | None = None) -> dict[AnswerRef, str]:
    """Short labels: ``A3``, or ``path A3`` when answers come from several documents."""
    refs = sorted(set(refs), key=ref_sort_key)
    several = len({r.doc for r in refs}) > 1 if several_docs is None else several_docs
    return {r: f"{r.doc} A{r.answer}" if several else f"A{r.answer}" for r in refs}


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"


#: Edge colours by severity, shared by the SVG drawing, the HTML report and Mermaid.
SEVERITY_COLOURS = {"error": "#c62828", "warning": "#e65100", "info": "#607d8b", "support": "#2e7d32"}
#: Stroke patterns (SVG stroke-dasharray; empty is solid), so severity does not rest on colour alone.
SEVERITY_DASHES = {"error": "", "warning": "7 4", "info": "2 4", "support": "1 3"}
SEVERITY_WIDTHS = {"error": 3.0, "warning": 2.5, "info": 1.5, "support": 1.5}


def _graph_docs(g: nx.MultiDiGraph) -> list[str]:
    return sorted({d["doc"] for _n, d in g.nodes(data=True) if d.get("kind") == "answer"})


def to_mermaid(g: nx.MultiDiGraph) -> str:
    """A Mermaid flowchart of answers and the findings between them.

    Nodes are answers, labelled with their question (``A3: Is there an
    agreement …?``); a link is one pair of answers, labelled with its rules and
    coloured by its worst finding as in the SVG drawing: red solid for errors,
    orange dashed for warnings, grey dotted for info. Claims, citations and
    support are left out: a diagram of every claim is unreadable in a README.
    A finding between two claims of one answer is a loop on it.
    """
    edges = [e for e in answer_edges(g) if e.severity != "support"]
    refs = {r for e in edges for r in (e.a, e.b)}
    # Documents of the whole graph, not only of the conflicts, so "A3" is never ambiguous.
    docs = _graph_docs(g)
    labels = answer_labels(refs, several_docs=len(docs) > 1)
    ids = {}
    for ref in labels:
        prefix = f"d{docs.index(ref.doc) + 1}_" if len(docs) > 1 else ""
        ids[ref] = prefix + "A" + re.sub(r"\W", "_", ref.answer)
    worst: dict[AnswerRef, str] = {}
    for e in edges:
        for ref in (e.a, e.b):
            if ref not in worst or SEVERITIES.index(e.severity) < SEVERITIES.index(worst[ref]):
                worst[ref] = e.severity
    lines = ["flowchart LR"]
    if not edges:
        return "flowchart LR\n  %% no findings between answers\n"
    for severity in sorted(set(worst.values()), key=SEVERITIES.index):
        colour = SEVERITY_COLOURS[severity]
        lines.append(f"  classDef {severity} fill:#fff,stroke:{colour},stroke-width:2px,color:#222")
    for ref in labels:
        question = g.nodes[answer_node(ref.doc, ref.answer)].get("question")
        text = f"{labels[ref]}: {shorten(question, 48)}" if question else labels[ref]
        lines.append(f'  {ids[ref]}["{_mermaid_label(text)}"]:::{worst[ref]}')
    for e in edges:
        arrow = "---" if e.severity == "error" else "-.-"
        lines.append(f'  {ids[e.a]} {arrow}|"{_mermaid_label(", ".join(e.rules))}"| {ids[e.b]}')
    for index, e in enumerate(edges):
        dash = SEVERITY_DASHES[e.severity]
        style = f"stroke:{SEVERITY_COLOURS[e.severity]},stroke-width:{SEVERITY_WIDTHS[e.severity]:g}px"
        if dash:
            style += f",stroke-dasharray:{dash}"
        lines.append(f"  linkStyle {index} {style}")
    return "\n".join(lines) + "\n"


def to_svg(g: nx.MultiDiGraph) -> str:
    """The contradiction graph drawn as a standalone SVG (``claimcheck.drawing``)."""
    from claimcheck import drawing

    return drawing.render_svg(drawing.lay_out(g), standalone=True)


#: ``claimcheck graph --format`` choices -> export function.
GRAPH_FORMATS: dict[str, Callable[[nx.MultiDiGraph], str]] = {
    "json": to_json,
    "graphml": to_graphml,
    "dot": to_dot,
    "mermaid": to_mermaid,
    "svg": to_svg,
}
