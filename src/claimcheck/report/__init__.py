"""Renderers: one module per output format, each a pure ``render(report) -> str``.

``RENDERERS`` maps a format name to the module that renders it; it also feeds the
CLI's ``--format`` choices. Modules are imported only when asked for, because
start-up time is part of the product: the Markdown renderer pulls in networkx
(~200 ms), the HTML one networkx and Jinja2; the lint formats must not.

Every renderer orders its output itself, so the result does not depend on the
order of the tuples in the ``Report``: lint-style formats (text, sarif, github)
sort findings by (path, line, rule); the Markdown report groups them by predicate
and ranks them by severity; JSON sorts every list by a stable key.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Only for the annotation: the CLI reads the format lists from here on
    # every command, and claimcheck.models costs ~100 ms of pydantic at import.
    from claimcheck.models import Report

#: Format name -> module exposing ``render(report, ...) -> str``.
RENDERERS: dict[str, str] = {
    "text": "claimcheck.report.text",
    "json": "claimcheck.report.json_contract",
    "sarif": "claimcheck.report.sarif",
    "github": "claimcheck.report.github",
    "md": "claimcheck.report.markdown",
    "html": "claimcheck.report.html",
}

#: Formats ``claimcheck scan --format`` offers.
SCAN_FORMATS: tuple[str, ...] = ("text", "json", "sarif", "github")
#: Formats ``claimcheck report --format`` offers.
REPORT_FORMATS: tuple[str, ...] = ("md", "html", "json", "text")


def get_renderer(name: str) -> Callable[..., str]:
    """Return the ``render`` function of format ``name``, importing its module now.

    Raises ``KeyError`` naming the known formats when ``name`` is not one of them.
    """
    try:
        module_path = RENDERERS[name]
    except KeyError:
        known = ", ".join(sorted(RENDERERS))
        raise KeyError(f"unknown format {name!r} (known: {known})") from None
    module: Any = import_module(module_path)
    render: Callable[[Report], str] = module.render
    return render


__all__ = ["REPORT_FORMATS", "RENDERERS", "SCAN_FORMATS", "get_renderer"]
