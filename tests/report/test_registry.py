"""The format registry: plain dict, lazy imports, networkx only where it is used."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module

import pytest

from claimcheck.report import RENDERERS, REPORT_FORMATS, SCAN_FORMATS, get_renderer


def test_registry_lists_every_cli_format():
    assert set(SCAN_FORMATS) | set(REPORT_FORMATS) == set(RENDERERS)
    for module_path in RENDERERS.values():
        assert callable(import_module(module_path).render)


def test_unknown_format_names_the_known_ones():
    with pytest.raises(KeyError, match="known: github, html, json, md, sarif, text"):
        get_renderer("pdf")


def test_lint_formats_do_not_import_networkx():
    # A fresh interpreter: in this one networkx may already be loaded by other tests.
    code = (
        "import sys\n"
        "from claimcheck.report import get_renderer\n"
        "for name in ('text', 'json', 'sarif', 'github'):\n"
        "    get_renderer(name)\n"
        "heavy = sorted(m for m in ('networkx', 'jsonschema', 'rich', 'jinja2', 'markupsafe') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_importing_the_registry_imports_no_renderer():
    code = (
        "import sys, claimcheck.report\n"
        "print(sorted(m for m in sys.modules if m.startswith('claimcheck.report.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_only_the_html_report_imports_jinja2():
    """Jinja2 costs ~45 ms to import: the Markdown report must not pay it, the HTML one does."""
    code = (
        "import sys\n"
        "from claimcheck.models import Report\n"
        "from claimcheck.report import get_renderer\n"
        "get_renderer(sys.argv[1])(Report())\n"
        "print('jinja2' in sys.modules)\n"
    )
    runs = {fmt: subprocess.run([sys.executable, "-c", code, fmt], capture_output=True, text=True, check=True)
            for fmt in ("md", "html")}
    assert {fmt: run.stdout.strip() for fmt, run in runs.items()} == {"md": "False", "html": "True"}
