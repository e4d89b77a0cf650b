"""The contradiction graph as a picture: answers are nodes, findings are edges.

    lay_out(g)            the graph's answers in conflict, placed (deterministic)
    render_svg(drawing)   SVG text: ``graph --format svg``, and the HTML report's drawing

An answer is drawn when a finding involves it; an edge joins two answers with
at least one finding between them, coloured and dashed by the worst finding's
severity (``graph.SEVERITY_COLOURS``, ``graph.SEVERITY_DASHES``). Support
edges (two answers saying the same thing) join answers already drawn and never
move them: the layout is made from findings alone, so the picture is the same
with support shown or hidden.

The layout is our own force-directed one (Fruchterman and Reingold's scheme),
started from a circle in a fixed order and run for a fixed number of steps,
with no random numbers: the same report gives the same picture, byte for
byte. It uses only arithmetic and square roots, which IEEE floating point
rounds the same everywhere; the starting circle's sines and cosines are
rounded first. Components are laid out apart and packed in rows, worst
first. Past ``MAX_NODES`` answers only the most contested are drawn, and the
picture says so.

networkx's own layouts would need numpy (and kamada_kawai scipy): tens of
megabytes and ~100 ms of import for a few dozen nodes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

import networkx as nx

from claimcheck.graph import (
    SEVERITIES,
    SEVERITY_COLOURS,
    SEVERITY_DASHES,
    SEVERITY_WIDTHS,
    AnswerEdge,
    answer_edges,
    answer_node,
    shorten,
)
from claimcheck.models import AnswerRef
from claimcheck.report.findings import ref_sort_key

#: More answers than this and only the most contested are drawn.
MAX_NODES = 100
#: Pixels per unit of the layout (the ideal edge length).
EDGE_PX = 170.0
NODE_RADIUS = 15
#: Room around a component for the labels under its nodes.
PAD_X, PAD_TOP, PAD_BOTTOM = 95.0, 34.0, 58.0
ROW_WIDTH = 1160.0
LEGEND_HEIGHT = 34.0
LABEL_CHARS = 26


@dataclass(frozen=True)
class Node:
    ref: AnswerRef
    x: float
    y: float
    #: Worst severity of the findings involving the answer.
    severity: str
    #: "A7"
    name: str
    #: Up to two short lines under the node (the question; the document first, for a corpus).
    label: tuple[str, ...]
    #: Tooltip: document, answer and the whole question.
    title: str
    #: Findings between two claims of this one answer: their rules, and the worst severity.
    self_rules: tuple[str, ...] = ()
    self_severity: str = ""


@dataclass(frozen=True)
class Drawing:
    nodes: tuple[Node, ...]
    edges: tuple[AnswerEdge, ...]
    width: float
    height: float
    #: Answers in conflict in the whole report (drawn or not).
    in_conflict: int

    @property
    def truncated(self) -> bool:
        return len(self.nodes) < self.in_conflict


# ---------------------------------------------------------------------------- layout


def lay_out(g: nx.MultiDiGraph, max_nodes: int = MAX_NODES) -> Drawing:
    """Place the answers of ``g`` that findings involve; see the module docstring."""
    edges = answer_edges(g)
    conflict = [e for e in edges if e.severity != "support"]
    worst: dict[AnswerRef, str] = {}
    degree: dict[AnswerRef, int] = {}
    self_rules: dict[AnswerRef, set[str]] = {}
    self_severity: dict[AnswerRef, str] = {}
    for e in conflict:
        for ref in {e.a, e.b}:
            if ref not in worst or SEVERITIES.index(e.severity) < SEVERITIES.index(worst[ref]):
                worst[ref] = e.severity
            degree[ref] = degree.get(ref, 0) + len(e.findings)
        if e.a == e.b:
            self_rules.setdefault(e.a, set()).update(e.rules)
            self_severity[e.a] = e.severity
    everyone = sorted(worst, key=ref_sort_key)
    shown = set(everyone)
    if len(everyone) > max_nodes:
        ranked = sorted(everyone, key=lambda r: (SEVERITIES.index(worst[r]), -degree[r], ref_sort_key(r)))
        shown = set(ranked[:max_nodes])
    links = [e for e in conflict if e.a in shown and e.b in shown]
    support = [e for e in edges if e.severity == "support" and e.a in shown and e.b in shown]

    graph = nx.Graph()
    graph.add_nodes_from(sorted(shown, key=ref_sort_key))
    graph.add_edges_from((e.a, e.b) for e in links if e.a != e.b)
    components = [sorted(c, key=ref_sort_key) for c in nx.connected_components(graph)]

    def severity_rank(component: list[AnswerRef]) -> tuple:
        return (min(SEVERITIES.index(worst[r]) for r in component), -len(component), ref_sort_key(component[0]))

    components.sort(key=severity_rank)
    several_docs = len({d["doc"] for _n, d in g.nodes(data=True) if d.get("kind") == "answer"}) > 1

    placed: dict[AnswerRef, tuple[float, float]] = {}
    x0 = y0 = 0.0
    row_height = 0.0
    top = LEGEND_HEIGHT + (18.0 if len(shown) < len(everyone) else 0.0)
    width = 0.0
    for component in components:
        local = _component_layout(component, graph)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        w = (max(xs) - min(xs)) * EDGE_PX + 2 * PAD_X
        h = (max(ys) - min(ys)) * EDGE_PX + PAD_TOP + PAD_BOTTOM
        if x0 > 0 and x0 + w > ROW_WIDTH:
            x0, y0 = 0.0, y0 + row_height
            row_height = 0.0
        for ref, (x, y) in local.items():
            placed[ref] = (round(x0 + PAD_X + (x - min(xs)) * EDGE_PX, 1),
                           round(top + y0 + PAD_TOP + (y - min(ys)) * EDGE_PX, 1))
        x0 += w
        width = max(width, x0)
        row_height = max(row_height, h)
    height = top + y0 + row_height

    nodes = []
    for ref in sorted(shown, key=ref_sort_key):
        data = g.nodes[answer_node(ref.doc, ref.answer)]
        question = data.get("question") or ""
        label = _label_lines(question, ref.doc if several_docs else None)
        title = f"{ref.doc}, answer {ref.answer}" + (f": {' '.join(question.split())}" if question else "")
        x, y = placed[ref]
        nodes.append(Node(ref=ref, x=x, y=y, severity=worst[ref], name=f"A{ref.answer}", label=label,
                          title=title, self_rules=tuple(sorted(self_rules.get(ref, ()))),
                          self_severity=self_severity.get(ref, "")))
    return Drawing(nodes=tuple(nodes), edges=tuple(links + support), width=round(max(width, 320.0), 1),
                   height=round(max(height, 120.0), 1), in_conflict=len(everyone))


def _label_lines(question: str, doc: str | None) -> tuple[str, ...]:
    """The text under a node: the question in two short lines, or the document and the question."""
    if doc is not None:
        name = doc.rsplit("/", 1)[-1]
        return (shorten(name, LABEL_CHARS), shorten(question, LABEL_CHARS)) if question else (name,)
    words = " ".join(question.split())
    if len(words) <= LABEL_CHARS:
        return (words,) if words else ()
    cut = words.rfind(" ", 0, LABEL_CHARS + 1)
    cut = cut if cut > 0 else LABEL_CHARS
    return (words[:cut], shorten(words[cut:].strip(), LABEL_CHARS))


def _component_layout(component: Sequence[AnswerRef], graph: nx.Graph) -> dict[AnswerRef, tuple[float, float]]:
    """Unit-length positions of one connected component."""
    n = len(component)
    if n == 1:
        return {component[0]: (0.0, 0.0)}
    if n == 2:
        return {component[0]: (0.0, 0.0), component[1]: (1.0, 0.0)}
    order = _walk_order(component, graph)
    index = {ref: i for i, ref in enumerate(order)}
    radius = max(1.0, n / (2 * math.pi))
    xs = [radius * round(math.cos(2 * math.pi * i / n), 6) for i in range(n)]
    ys = [radius * round(math.sin(2 * math.pi * i / n), 6) for i in range(n)]
    links = sorted({tuple(sorted((index[a], index[b]))) for a, b in graph.subgraph(component).edges()})
    steps = max(30, min(150, 4000 // n))
    temperature = radius / 3
    for step in range(steps):
        dx = [0.0] * n
        dy = [0.0] * n
        for i in range(n):
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, n):
                ddx, ddy = xi - xs[j], yi - ys[j]
                dist2 = ddx * ddx + ddy * ddy
                if dist2 < 1e-6:
                    ddx, ddy, dist2 = 0.01 * (1 + (i + j) % 3), 0.01, 2e-4
                force = 1.0 / dist2  # k^2 / d, over d to make the unit vector
                dx[i] += ddx * force
                dy[i] += ddy * force
                dx[j] -= ddx * force
                dy[j] -= ddy * force
        for i, j in links:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            dist = math.sqrt(ddx * ddx + ddy * ddy)  # d^2 / k, over d
            dx[i] -= ddx * dist
            dy[i] -= ddy * dist
            dx[j] += ddx * dist
            dy[j] += ddy * dist
        limit = temperature * (1 - step / steps)
        for i in range(n):
            length = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i])
            if length > 0:
                move = min(length, limit) / length
                xs[i] += dx[i] * move
                ys[i] += dy[i] * move
    # Repulsion between every pair spreads a layout past the ideal length: scale
    # it back so that the median link is one unit long (EDGE_PX pixels).
    lengths = sorted(math.sqrt((xs[i] - xs[j]) ** 2 + (ys[i] - ys[j]) ** 2) for i, j in links)
    middle = lengths[len(lengths) // 2]
    if middle > 0:
        xs = [x / middle for x in xs]
        ys = [y / middle for y in ys]
    # Wider than tall reads better on a page: lie the longest spread along x.
    if max(ys) - min(ys) > max(xs) - min(xs):
        xs, ys = ys, xs
    _separate(xs, ys)
    return {order[i]: (xs[i], ys[i]) for i in range(n)}


#: A node with its label, in layout units: the box no other node's box may overlap.
BOX_W, BOX_H = (2 * PAD_X - 14) / EDGE_PX, 66 / EDGE_PX


def _separate(xs: list[float], ys: list[float], rounds: int = 200) -> None:
    """Push apart nodes whose label boxes overlap, along the axis where they overlap
    least, until none do: a dense core would otherwise print labels over each other."""
    n = len(xs)
    for _ in range(rounds):
        moved = False
        for i in range(n):
            for j in range(i + 1, n):
                ox = BOX_W - abs(xs[i] - xs[j])
                oy = BOX_H - abs(ys[i] - ys[j])
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                if ox / BOX_W < oy / BOX_H:
                    shift = (ox / 2 + 1e-3) * (1 if xs[i] >= xs[j] else -1)
                    xs[i] += shift
                    xs[j] -= shift
                else:
                    shift = (oy / 2 + 1e-3) * (1 if ys[i] >= ys[j] else -1)
                    ys[i] += shift
                    ys[j] -= shift
        if not moved:
            return


def _walk_order(component: Sequence[AnswerRef], graph: nx.Graph) -> list[AnswerRef]:
    """Breadth first from the answer with most neighbours, neighbours in answer order:
    neighbours start next to each other on the circle, so the layout has less to undo."""
    start = min(component, key=lambda r: (-graph.degree(r), ref_sort_key(r)))
    seen = {start}
    order = [start]
    for ref in order:
        for other in sorted(graph.neighbors(ref), key=ref_sort_key):
            if other not in seen:
                seen.add(other)
                order.append(other)
    return order


# ------------------------------------------------------------------------------- SVG

_STYLE = (
    ".cc-graph text{font:11px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;fill:#333}"
    ".cc-graph .cc-name{font-weight:700;text-anchor:middle;dominant-baseline:central}"
    # A white halo keeps a label readable where a link passes under it.
    ".cc-graph .cc-label{text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}"
    ".cc-graph .cc-node circle{fill:#fff;stroke-width:2.5}"
    ".cc-graph a:hover circle,.cc-graph a:focus circle{fill:#fff3c4}"
    ".cc-graph .cc-edge{fill:none;stroke-linecap:round}"
    ".cc-graph .cc-note{font-style:italic}"
    + "".join(f".cc-graph .cc-{s}{{stroke:{SEVERITY_COLOURS[s]}}}" for s in (*SEVERITIES, "support"))
)


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _edge_style(severity: str) -> str:
    dash = SEVERITY_DASHES[severity]
    style = f'class="cc-edge cc-{severity}" stroke-width="{_fmt(SEVERITY_WIDTHS[severity])}"'
    return style + (f' stroke-dasharray="{dash}"' if dash else "")


def render_svg(drawing: Drawing, *, standalone: bool = False, support: bool = True,
               hrefs: Mapping[AnswerRef, str] | None = None) -> str:
    """The drawing as SVG.

    ``standalone`` makes a file of its own (XML prolog, namespace) and leaves
    support edges out, since nothing can show them; otherwise they are in a
    ``cc-support-group`` group that the HTML report hides until asked. ``hrefs``
    links each node to a place (the answer in the HTML report).
    """
    w, h = _fmt(drawing.width), _fmt(drawing.height)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
    xmlns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    out = [f'{head}<svg{xmlns} class="cc-graph" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
           f'aria-label="Contradiction graph: {len(drawing.nodes)} answers, '
           f'{sum(e.severity != "support" for e in drawing.edges)} links">',
           f"<style>{_STYLE}</style>"]
    out += _legend(drawing, support and not standalone)
    where = {n.ref: (n.x, n.y) for n in drawing.nodes}
    names = {n.ref: n.name for n in drawing.nodes}
    conflict = [e for e in drawing.edges if e.severity != "support"]
    backing = [e for e in drawing.edges if e.severity == "support"]
    if support and not standalone and backing:
        out.append('<g class="cc-support-group">')
        out += [_edge(e, where, names) for e in backing]
        out.append("</g>")
    out.append('<g class="cc-links">')
    out += [_edge(e, where, names) for e in conflict if e.a != e.b]
    out.append("</g>")
    out.append('<g class="cc-nodes">')
    for node in drawing.nodes:
        out.append(_node(node, hrefs.get(node.ref) if hrefs else None))
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def _legend(drawing: Drawing, with_support: bool) -> list[str]:
    parts = ['<g class="cc-legend">']
    x = 8.0
    entries = [(s, s) for s in SEVERITIES]
    for severity, text in entries:
        parts.append(f'<line x1="{_fmt(x)}" y1="14" x2="{_fmt(x + 30)}" y2="14" {_edge_style(severity)}/>'
                     f'<text x="{_fmt(x + 36)}" y="18">{text}</text>')
        x += 36 + 7 * len(text) + 22
    if with_support:
        parts.append(f'<g class="cc-support-group"><line x1="{_fmt(x)}" y1="14" x2="{_fmt(x + 30)}" y2="14" '
                     f'{_edge_style("support")}/><text x="{_fmt(x + 36)}" y="18">says the same</text></g>')
    if drawing.truncated:
        parts.append(f'<text class="cc-note" x="8" y="40">The {len(drawing.nodes)} most contested of '
                     f'{drawing.in_conflict:,} answers in conflict; the report lists every finding.</text>')
    elif not drawing.nodes:
        parts.append('<text class="cc-note" x="8" y="60">No two answers are in conflict.</text>')
    parts.append("</g>")
    return parts


def _edge(edge: AnswerEdge, where: Mapping[AnswerRef, tuple[float, float]],
          names: Mapping[AnswerRef, str]) -> str:
    (x1, y1), (x2, y2) = where[edge.a], where[edge.b]
    what = "say the same" if edge.severity == "support" else f"{edge.severity}: {', '.join(edge.rules)}"
    findings = f" ({', '.join(edge.findings)})" if edge.findings else ""
    title = escape(f"{names[edge.a]} and {names[edge.b]}: {what}{findings}")
    return (f'<line x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}" {_edge_style(edge.severity)}>'
            f"<title>{title}</title></line>")


def _node(node: Node, href: str | None) -> str:
    x, y = _fmt(node.x), _fmt(node.y)
    parts = [f'<g class="cc-node" data-answer="{escape(node.ref.doc)}#{escape(node.ref.answer)}">']
    parts.append(f"<title>{escape(node.title)}</title>")
    if node.self_rules:
        r = NODE_RADIUS
        parts.append(f'<path d="M{_fmt(node.x - 6)} {_fmt(node.y - r + 1)} c-14 -26 26 -26 12 0" '
                     f'{_edge_style(node.self_severity)}><title>{escape(node.name)} conflicts with itself: '
                     f'{escape(", ".join(node.self_rules))}</title></path>')
    circle = (f'<circle cx="{x}" cy="{y}" r="{NODE_RADIUS}" class="cc-{node.severity}"/>'
              f'<text class="cc-name" x="{x}" y="{y}">{escape(node.name)}</text>')
    parts.append(f'<a href="{escape(href)}">{circle}</a>' if href else circle)
    for i, line in enumerate(node.label):
        parts.append(f'<text class="cc-label" x="{x}" y="{_fmt(node.y + NODE_RADIUS + 14 + 13 * i)}">'
                     f"{escape(line)}</text>")
    parts.append("</g>")
    return "".join(parts)
