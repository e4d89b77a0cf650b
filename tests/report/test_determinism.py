"""Renderers own their ordering: same output twice, and whatever order the tuples are in.

Decision: lint formats (text, sarif, github) sort findings by (path, line, rule);
the Markdown report groups by predicate and ranks by severity; JSON sorts every
list. So the pipeline may hand findings over in any order.
"""

from __future__ import annotations

import pytest
from oregon_report import shuffled

from claimcheck import graph
from claimcheck.report import RENDERERS, get_renderer


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_two_renders_are_identical(fmt, report):
    render = get_renderer(fmt)
    assert render(report) == render(report)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_input_order_does_not_matter(fmt, report):
    render = get_renderer(fmt)
    assert render(shuffled(report)) == render(report)


@pytest.mark.parametrize("fmt", sorted(graph.GRAPH_FORMATS))
def test_graph_exports_do_not_depend_on_input_order(fmt, report):
    export = graph.GRAPH_FORMATS[fmt]
    assert export(graph.build_graph(shuffled(report))) == export(graph.build_graph(report))


def test_renders_contain_no_timestamp(report):
    import re

    for fmt in RENDERERS:
        assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:", get_renderer(fmt)(report)), fmt
