"""Fixtures for the citations tests."""

from __future__ import annotations

import pytest
from citation_docs import SEED, seed_document

from claimcheck.models import Document


@pytest.fixture(scope="session")
def seed_doc() -> Document:
    if not SEED.exists():
        pytest.skip("seed FAQ not available")
    return seed_document()
