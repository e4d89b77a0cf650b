"""Every format, byte for byte, against golden files (refresh: --update-golden)."""

from __future__ import annotations

import pytest

from claimcheck import graph
from claimcheck.report import RENDERERS, get_renderer

FORMAT_FILES = {
    "text": "report.txt",
    "json": "report.json",
    "sarif": "report.sarif",
    "github": "report.github.txt",
    "md": "report.md",
    "html": "report.html",
}
GRAPH_FILES = {
    "json": "graph.json",
    "graphml": "graph.graphml",
    "dot": "graph.dot",
    "mermaid": "graph.mmd",
    "svg": "graph.svg",
}


def test_every_format_has_a_golden_file():
    assert set(FORMAT_FILES) == set(RENDERERS)
    assert set(GRAPH_FILES) == set(graph.GRAPH_FORMATS)


@pytest.mark.parametrize("fmt", sorted(FORMAT_FILES))
def test_format_matches_golden(fmt, report, golden):
    golden(FORMAT_FILES[fmt], get_renderer(fmt)(report))


@pytest.mark.parametrize("fmt", sorted(GRAPH_FILES))
def test_graph_export_matches_golden(fmt, report, golden):
    golden(GRAPH_FILES[fmt], graph.GRAPH_FORMATS[fmt](graph.build_graph(report)))
