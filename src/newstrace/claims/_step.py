"""The claims step of ingest and load: what it needs (term weights, the embedder, the stance model) made once per run."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ._claim import ClaimBuilder
from ._discover import DiscoverySummary, discover
from ._lexical import TermWeights
from ._similarity import Similarity


def make_similarity(*, dense: bool = True) -> Similarity:
    """The shared similarity stack: fixed term weights plus the packaged static embedder (``dense``)."""
    embedder = None
    if dense:
        from ._embed import load_static
        embedder = load_static()
    return Similarity(TermWeights(), embedder)


def load_stance(path: str | Path | None = None):
    """The article-level stance model (the shipped one, or ``path``)."""
    from ..stance import load_model
    return load_model(path)


def run_claims_step(store, *, stance_model: str | Path | None = None, similarity: Similarity | None = None,
                    progress: Callable[[str], None] | None = None) -> DiscoverySummary:
    """Find claims for the stored articles the claims step has not seen (new ones, or left by a killed run)."""
    if not store.articles_without_profile():
        return DiscoverySummary()
    similarity = similarity or make_similarity()
    from ._denial import DenialModel

    builder = ClaimBuilder(store, similarity, load_stance(stance_model), DenialModel.load())
    return discover(store, similarity, builder, progress)
