"""The contradiction graph drawn: what is on it, in which colour, and that it stays legible."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from claimcheck import drawing, graph
from claimcheck.models import (
    AnswerRef,
    Claim,
    DocumentSummary,
    Evidence,
    Finding,
    Modality,
    Polarity,
    Relation,
    Report,
    Scope,
    Severity,
)

SVG = "{http://www.w3.org/2000/svg}"
DOC = "page.md"


def _claim(doc: str, answer: str, n: int = 1) -> Claim:
    sentence = f"Sentence {n} of answer {answer}."
    return Claim(
        id=f"{doc}#{answer}:c{n}", doc=doc, answer=answer, predicate="p", polarity=Polarity.affirmed,
        modality=Modality.asserted, scope=Scope(), text=sentence, line=1,
        evidence=Evidence(doc=doc, answer=answer, start=0, end=8, line=1, sentence=sentence,
                          sentence_start=0, sentence_end=len(sentence), cue="Sentence"),
        pattern="p",
    )


def _report(pairs: list[tuple[str, str, Severity]], doc: str = DOC, support: tuple[tuple[str, str], ...] = (),
            questions: dict[str, str] | None = None) -> Report:
    """Answers joined by findings of the given severities (and support relations)."""
    answers = sorted({a for p in pairs for a in p[:2]} | {a for p in support for a in p}, key=int)
    claims = {a: _claim(doc, a) for a in answers}
    findings = []
    for i, (a, b, severity) in enumerate(pairs, start=1):
        first, second = claims[a], claims[b] if a != b else _claim(doc, a, 2)
        if a == b:
            claims[a + "-2"] = second
        findings.append(Finding(id=f"F{i}", rule=f"R{severity.rank}", kind="contradiction", severity=severity,
                                message="m", claims=(first.id, second.id),
                                answers=(AnswerRef(doc=doc, answer=a), AnswerRef(doc=doc, answer=b))))
    relations = tuple(Relation(source=claims[a].id, target=claims[b].id, kind="supports", rule="support")
                      for a, b in support)
    summary = DocumentSummary(path=doc, format="markdown", title="", jurisdiction=None, answers=len(answers),
                              questions=questions or {})
    return Report(documents=(summary,), claims=tuple(claims.values()), findings=tuple(findings),
                  relations=relations)


def _svg(report: Report, **kwargs) -> ET.Element:
    text = drawing.render_svg(drawing.lay_out(graph.build_graph(report)), standalone=True, **kwargs)
    return ET.fromstring(text.encode("utf-8"))


def _links(root: ET.Element) -> list[ET.Element]:
    group = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "cc-links")
    return list(group.iter(f"{SVG}line"))


def test_each_pair_of_answers_is_one_line_in_its_worst_severity():
    report = _report([("1", "2", Severity.warning), ("1", "2", Severity.error), ("2", "3", Severity.info)])
    lines = _links(_svg(report))
    assert [line.get("class") for line in lines] == ["cc-edge cc-error", "cc-edge cc-info"]
    titles = [line.find(f"{SVG}title").text for line in lines]
    assert titles == ["A1 and A2: error: R0, R1 (F1, F2)", "A2 and A3: info: R2 (F3)"]
    # Severity is told by the dash pattern too, not by colour alone.
    assert lines[0].get("stroke-dasharray") is None and lines[1].get("stroke-dasharray") == "2 4"


def test_nodes_are_answers_labelled_with_their_question():
    report = _report([("1", "2", Severity.error)],
                     questions={"1": "Is there an agreement with ICE?", "2": "Does the DMV share photos with ICE?"})
    root = _svg(report, hrefs={AnswerRef(doc=DOC, answer="1"): "#a1"})
    nodes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "cc-node"]
    assert [n.get("data-answer") for n in nodes] == ["page.md#1", "page.md#2"]
    labels = [[t.text for t in n.iter(f"{SVG}text")] for n in nodes]
    assert labels == [["A1", "Is there an agreement with", "ICE?"], ["A2", "Does the DMV share photos", "with ICE?"]]
    assert nodes[0].find(f"{SVG}title").text == "page.md, answer 1: Is there an agreement with ICE?"
    assert nodes[0].find(f"{SVG}a").get("href") == "#a1" and nodes[1].find(f"{SVG}a") is None


def test_support_is_left_out_of_a_standalone_file_and_hidden_in_the_report():
    report = _report([("1", "2", Severity.error), ("2", "3", Severity.warning)], support=(("1", "3"),))
    laid = drawing.lay_out(graph.build_graph(report))
    assert "cc-support-group" not in drawing.render_svg(laid, standalone=True)
    assert 'class="cc-edge cc-support"' not in drawing.render_svg(laid, standalone=True)
    inline = drawing.render_svg(laid)
    assert inline.count('class="cc-edge cc-support"') == 2  # the edge and its legend sample
    # Support never moves a node: the layout is made from findings alone.
    bare = drawing.lay_out(graph.build_graph(report.model_copy(update={"relations": ()})))
    assert [(n.x, n.y) for n in bare.nodes] == [(n.x, n.y) for n in laid.nodes]


def test_labels_do_not_overlap_in_a_dense_component():
    """Every answer in conflict with every other: the worst case for a force layout."""
    answers = [str(i) for i in range(1, 13)]
    report = _report([(a, b, Severity.error) for a, b in itertools.combinations(answers, 2)],
                     questions={a: "A rather long question about data sharing with ICE?" for a in answers})
    laid = drawing.lay_out(graph.build_graph(report))
    box_w, box_h = drawing.BOX_W * drawing.EDGE_PX, drawing.BOX_H * drawing.EDGE_PX
    for a, b in itertools.combinations(laid.nodes, 2):
        assert abs(a.x - b.x) >= box_w - 0.5 or abs(a.y - b.y) >= box_h - 0.5, (a.name, b.name)
    assert all(0 <= n.x <= laid.width and 0 <= n.y <= laid.height for n in laid.nodes)


def test_components_are_drawn_apart_worst_first():
    report = _report([("5", "6", Severity.info), ("1", "2", Severity.error), ("2", "3", Severity.error)])
    laid = drawing.lay_out(graph.build_graph(report))
    x = {n.name: n.x for n in laid.nodes}
    assert max(x["A1"], x["A2"], x["A3"]) < min(x["A5"], x["A6"])


def test_a_big_graph_draws_the_most_contested_and_says_so():
    pairs = [(str(i), str(i + 1), Severity.error if i % 10 == 1 else Severity.info) for i in range(1, 300, 2)]
    laid = drawing.lay_out(graph.build_graph(_report(pairs)))
    assert laid.in_conflict == 300 and len(laid.nodes) == drawing.MAX_NODES and laid.truncated
    assert {"error"} <= {n.severity for n in laid.nodes}
    errors = {n.name for n in laid.nodes if n.severity == "error"}
    assert errors == {f"A{i + k}" for i in range(1, 300, 10) for k in (0, 1)}  # all 30 drawn
    text = drawing.render_svg(laid, standalone=True)
    assert "The 100 most contested of 300 answers in conflict" in text


def test_an_answer_in_conflict_with_itself_gets_a_loop():
    root = _svg(_report([("1", "1", Severity.warning), ("1", "2", Severity.error)]))
    loops = [p for p in root.iter(f"{SVG}path")]
    assert len(loops) == 1 and loops[0].get("class") == "cc-edge cc-warning"
    assert [line.find(f"{SVG}title").text for line in _links(root)] == ["A1 and A2: error: R0 (F2)"]


def test_several_documents_name_the_document_under_each_node():
    report = _report([("1", "2", Severity.error)])
    other = _report([("1", "2", Severity.error)], doc="faq/other-page.md")
    both = Report(documents=report.documents + other.documents, claims=report.claims + other.claims,
                  findings=report.findings + tuple(f.model_copy(update={"id": "F9"}) for f in other.findings))
    laid = drawing.lay_out(graph.build_graph(both))
    assert [n.label for n in laid.nodes][:1] == [("other-page.md",)]


def test_no_conflict_draws_an_empty_picture_that_says_so():
    text = drawing.render_svg(drawing.lay_out(graph.build_graph(Report())), standalone=True)
    ET.fromstring(text.encode())
    assert "No two answers are in conflict." in text


@pytest.mark.parametrize("size", [3, 7, 20])
def test_layout_is_the_same_every_time(size):
    pairs = [(str(i), str(j), Severity.warning) for i in range(1, size) for j in range(i + 1, size + 1)
             if (i * j) % 3 == 0]
    first = drawing.render_svg(drawing.lay_out(graph.build_graph(_report(pairs))), standalone=True)
    assert first == drawing.render_svg(drawing.lay_out(graph.build_graph(_report(pairs))), standalone=True)
