"""The claims step of ingest and load: what it needs (term weights, the embedder, the stance model) made once per run."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ._claim import ClaimBuilder
from ._discover import DiscoverySummary, discover
from ._lexical import TermWeights
from ._similarity import Similarity

# Articles waiting for claims below which worker processes are not worth their start-up.
PARALLEL_MIN = 1000


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
                    progress: Callable[[str], None] | None = None, jobs: int = 1) -> DiscoverySummary:
    """Find claims for the stored articles in no claim yet (new ones, or left by a killed run). ``jobs`` > 1 builds
    the claims on that many worker processes when there are at least PARALLEL_MIN such articles."""
    pending = len(set(store.articles_without_claim()) | set(store.articles_without_profile()))
    if not pending:
        return DiscoverySummary()
    similarity = similarity or make_similarity()
    from ._denial import DenialModel

    builder = ClaimBuilder(store, similarity, load_stance(stance_model), DenialModel.load())
    if jobs < 2 or pending < PARALLEL_MIN:
        return discover(store, similarity, builder, progress)
    from ._workers import BuilderPool

    pool = BuilderPool(store.path, builder, jobs, str(stance_model) if stance_model else None)
    try:
        return discover(store, similarity, builder, progress, pool)
    finally:
        pool.close()
