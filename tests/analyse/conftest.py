"""Shared fixtures of the statement tests."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The English pipeline, loaded once for the session (skip when spaCy or a pipeline is not installed)."""
    pytest.importorskip("spacy")
    from newstrace.analyse import load_pipeline

    try:
        return load_pipeline()
    except RuntimeError as exc:
        pytest.skip(str(exc))
