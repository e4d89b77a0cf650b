"""The graph and what it is for: clusters, contested answers, support; exports."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from claimcheck import graph
from claimcheck.models import (
    AnswerRef,
    Claim,
    Evidence,
    Modality,
    Polarity,
    Relation,
    Report,
    Scope,
)

DOC = "qa.json"


def _claim(answer: str, predicate: str = "p", polarity: Polarity = Polarity.affirmed) -> Claim:
    sentence = f"Sentence of answer {answer}."
    return Claim(
        id=f"{DOC}#{answer}:c1", doc=DOC, answer=answer, predicate=predicate, polarity=polarity,
        modality=Modality.asserted, scope=Scope(), text=sentence, line=int(answer) * 2,
        evidence=Evidence(doc=DOC, answer=answer, start=0, end=8, line=int(answer) * 2,
                          sentence=sentence, sentence_start=0, sentence_end=len(sentence), cue="Sentence"),
        pattern="p",
    )


@pytest.fixture
def chain_report() -> Report:
    """A contradicts B, B is in tension with C; D only supports A (no conflict)."""
    a, b, c, d = (_claim(n) for n in ("1", "2", "3", "4"))
    return Report(
        claims=(a, b, c, d),
        relations=(
            Relation(source=a.id, target=b.id, kind="contradicts", rule="r-contra"),
            Relation(source=c.id, target=b.id, kind="tension", rule="r-tension"),
            Relation(source=d.id, target=a.id, kind="supports", rule="r-support"),
        ),
    )


def ref(answer: str) -> AnswerRef:
    return AnswerRef(doc=DOC, answer=answer)


def test_nodes_and_edges(report):
    g = graph.build_graph(report)
    kinds = {n: d["kind"] for n, d in g.nodes(data=True)}
    assert sum(k == "answer" for k in kinds.values()) == 5
    assert sum(k == "claim" for k in kinds.values()) == 8
    assert sum(k == "citation" for k in kinds.values()) == 2
    assert g.has_edge("answer:faqs/oregon-dmv-ice.txt#1", "claim:faqs/oregon-dmv-ice.txt#1:c1")
    assert g.has_edge("answer:faqs/oregon-dmv-ice.txt#4", "cite:cite-2")
    edge = g.get_edge_data("claim:faqs/oregon-dmv-ice.txt#2:c1", "claim:faqs/oregon-dmv-ice.txt#4:c1")
    (data,) = edge.values()
    assert data["kind"] == "contradicts" and data["rule"] == "agreement-existence"
    assert data["evidence"] and data["finding"] == "F1"


def test_clusters_join_chains_and_leave_loners_out(chain_report):
    g = graph.build_graph(chain_report)
    assert graph.contradiction_clusters(g) == [[ref("1"), ref("2"), ref("3")]]


def test_two_clusters_largest_first(chain_report):
    e, f = _claim("5"), _claim("6")
    more = chain_report.model_copy(update={
        "claims": (*chain_report.claims, e, f),
        "relations": (*chain_report.relations,
                      Relation(source=f.id, target=e.id, kind="contradicts", rule="r-contra")),
    })
    assert graph.contradiction_clusters(graph.build_graph(more)) == [
        [ref("1"), ref("2"), ref("3")], [ref("5"), ref("6")]]


def test_most_contested_and_support(chain_report):
    g = graph.build_graph(chain_report)
    assert graph.most_contested(g) == [(ref("2"), 2), (ref("1"), 1), (ref("3"), 1)]
    assert graph.support_counts(g) == {f"{DOC}#1:c1": 1}


def test_finding_without_relation_still_makes_an_edge(report):
    bare = report.model_copy(update={"relations": ()})
    g = graph.build_graph(bare)
    assert graph.contradiction_clusters(g) == graph.contradiction_clusters(graph.build_graph(report))


def test_json_export_is_node_link(report):
    data = json.loads(graph.to_json(graph.build_graph(report)))
    assert data["directed"] and data["multigraph"]
    assert {"id", "kind"} <= set(data["nodes"][0])
    assert {"source", "target", "key", "kind"} <= set(data["edges"][0])


def test_graphml_reads_back(report):
    g = graph.build_graph(report)
    back = nx.read_graphml(io.BytesIO(graph.to_graphml(g).encode("utf-8")), force_multigraph=True)
    assert sorted(back.nodes) == sorted(g.nodes)
    assert back.number_of_edges() == g.number_of_edges()


def test_dot_quotes_ids_and_labels(chain_report):
    weird = chain_report.model_copy(update={
        "claims": tuple(c.model_copy(update={"predicate": 'say "no"'}) for c in chain_report.claims)})
    dot = graph.to_dot(graph.build_graph(weird))
    assert dot.startswith("digraph claimcheck {\n") and dot.endswith("}\n")
    assert '"claim:qa.json#1:c1" [label="say \\"no\\"", shape=ellipse];' in dot
    assert '"claim:qa.json#1:c1" -> "claim:qa.json#2:c1" [label="r-contra", color="red", penwidth=2];' in dot


def _with_findings(report: Report) -> Report:
    """``chain_report`` as the pipeline would hand it over: each conflict reported by a finding."""
    from claimcheck.models import Finding, Severity

    claims = {c.answer: c.id for c in report.claims}
    findings = (
        Finding(id="F1", rule="r-contra", kind="contradiction", severity=Severity.error, message="m",
                claims=(claims["1"], claims["2"]), answers=(ref("1"), ref("2"))),
        Finding(id="F2", rule="r-tension", kind="tension", severity=Severity.info, message="m",
                claims=(claims["3"], claims["2"]), answers=(ref("3"), ref("2"))),
    )
    return report.model_copy(update={"findings": findings})


def test_conflict_edges_carry_their_findings_severity(chain_report):
    g = graph.build_graph(_with_findings(chain_report))
    edges = graph.answer_edges(g)
    assert [(e.a.answer, e.b.answer, e.severity, e.rules, e.findings) for e in edges] == [
        ("1", "2", "error", ("r-contra",), ("F1",)),
        ("2", "3", "info", ("r-tension",), ("F2",)),
        ("1", "4", "support", ("support",), ()),
    ]


def test_a_relation_no_finding_reports_is_not_drawn(chain_report):
    """A suppressed or disabled rule leaves its relation in the graph, but the drawings show findings."""
    assert graph.answer_edges(graph.build_graph(chain_report)) == [
        graph.AnswerEdge(ref("1"), ref("4"), "support", ("support",), ())]
    assert graph.to_mermaid(graph.build_graph(chain_report)) == "flowchart LR\n  %% no findings between answers\n"


def test_mermaid_labels_answers_and_colours_links_by_severity(chain_report):
    assert graph.to_mermaid(graph.build_graph(_with_findings(chain_report))) == (
        "flowchart LR\n"
        "  classDef error fill:#fff,stroke:#c62828,stroke-width:2px,color:#222\n"
        "  classDef info fill:#fff,stroke:#607d8b,stroke-width:2px,color:#222\n"
        '  A1["A1"]:::error\n'
        '  A2["A2"]:::error\n'
        '  A3["A3"]:::info\n'
        '  A1 ---|"r-contra"| A2\n'
        '  A2 -.-|"r-tension"| A3\n'
        "  linkStyle 0 stroke:#c62828,stroke-width:3px\n"
        "  linkStyle 1 stroke:#607d8b,stroke-width:1.5px,stroke-dasharray:2 4\n"
    )


def test_mermaid_nodes_carry_their_question(report):
    doc = report.documents[0].model_copy(update={"questions": {
        "2": "Does the Oregon DMV have an agreement with ICE to share driver records?"}})
    mermaid = graph.to_mermaid(graph.build_graph(report.model_copy(update={"documents": (doc,)})))
    assert '  A2["A2: Does the Oregon DMV have an agreement with ICE…"]:::error\n' in mermaid
    assert '  A4["A4"]:::error\n' in mermaid


def test_mermaid_without_conflicts():
    assert graph.to_mermaid(graph.build_graph(Report())) == "flowchart LR\n  %% no findings between answers\n"


def test_shorten_cuts_at_a_word():
    assert graph.shorten("Is there an agreement with ICE?", 40) == "Is there an agreement with ICE?"
    assert graph.shorten("Is there   an agreement with ICE?", 18) == "Is there an…"
    assert graph.shorten("Supercalifragilistic", 8) == "Superca…"
