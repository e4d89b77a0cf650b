"""Fixtures for the renderer tests; the hand-built report itself is in oregon_report.py.

Test modules import names from ``oregon_report``, never from ``conftest``: with
several test folders on ``sys.path``, "conftest" names whichever was imported first.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from oregon_report import GOLDEN, build_report

from claimcheck.models import Report


@pytest.fixture
def report() -> Report:
    return build_report()


@pytest.fixture
def golden(update_golden: bool) -> Callable[[str, str], None]:
    """Compare ``text`` with ``golden/<name>`` byte for byte (or rewrite it with --update-golden)."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update_golden:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
            return
        assert path.exists(), f"{path} missing: run pytest tests/report --update-golden and review the diff"
        expected = path.read_bytes().decode("utf-8")
        assert text == expected, f"{name} differs from its golden file (review, then --update-golden)"

    return check
