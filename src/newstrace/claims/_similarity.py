"""The one similarity stack of the claims layer: lexical (fixed-weight tf-idf) plus dense (static sentence
embeddings, when the model is installed), used by discovery, `group`, free-text trails and stance evidence.

``Similarity.matrix(a_rows, b_rows)`` returns cosines blended as (1 - DENSE_WEIGHT) * lexical + DENSE_WEIGHT * dense;
without an embedder it is the lexical cosine alone.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy import sparse

from ._lexical import TermWeights, Vocabulary, cosines, pack, packed_cosines, term_counts, vectorise, weighted

# Share of the dense cosine in a blended similarity. Tuned with the thresholds on the tune split of the dev rumours
# (bench/trails.py); 0 when no embedder is installed.
DENSE_WEIGHT = 0.0
# Distinct words whose stems (and terms whose ids) a Similarity remembers before it starts again (about 25 MB each;
# a corpus's vocabulary of common words fits, so a long run stems and hashes each word about once).
MAX_STEMS = 200_000


@dataclass
class Rows:
    """Texts ready for comparison: lexical rows and (optionally) dense rows."""

    lexical: sparse.csr_matrix
    dense: np.ndarray | None = None

    def __len__(self) -> int:
        return self.lexical.shape[0]


class Similarity:
    def __init__(self, weights: TermWeights | None = None, embedder=None, dense_weight: float | None = None) -> None:
        self.weights = weights or TermWeights()
        self.embedder = embedder
        self.dense_weight = (DENSE_WEIGHT if dense_weight is None else dense_weight) if embedder is not None else 0.0
        self.vocab = Vocabulary()
        self.stems: dict[str, str] = {}
        self.term_ids: dict[str, int] = {}

    def counts(self, text: str) -> Counter:
        """Term counts of ``text`` (:func:`term_counts`, stemming through this similarity's bounded memo)."""
        return term_counts(text, _bounded(self.stems))

    def pack(self, values: dict[str, float]) -> bytes:
        """A weighted row packed for storing (:func:`pack`, hashing terms through this similarity's bounded memo)."""
        return pack(values, _bounded(self.term_ids))

    def rows(self, counts: Sequence[Counter], dense: np.ndarray | None = None) -> Rows:
        return Rows(vectorise(counts, self.weights, self.vocab), dense)

    def texts(self, texts: Sequence[str]) -> Rows:
        dense = self.embedder.encode(list(texts)) if self.embedder is not None and self.dense_weight else None
        return self.rows([self.counts(t) for t in texts], dense)

    def packed(self, a: bytes, others: Sequence[bytes], a_dense: np.ndarray | None = None,
               others_dense: np.ndarray | None = None) -> np.ndarray:
        """Similarities of one stored profile (packed lexical row, optional dense vector) with each of ``others``,
        blended as :meth:`matrix` blends them."""
        lex = packed_cosines(a, others)
        if self.dense_weight and a_dense is not None and others_dense is not None and len(others):
            dense = np.asarray(others_dense, dtype=np.float32) @ np.asarray(a_dense, dtype=np.float32).reshape(-1)
            return (1.0 - self.dense_weight) * lex + self.dense_weight * dense
        return lex

    def to_one(self, texts: Sequence[str], text: str) -> np.ndarray:
        """Similarity of each of ``texts`` to one ``text``: ``matrix(texts(texts), texts([text]))[:, 0]``, the
        lexical part computed term by term (no matrices: many short texts against one)."""
        if self.dense_weight or not texts:
            return self.matrix(self.texts(texts), self.texts([text]))[:, 0] if texts else np.zeros(0)
        target = weighted(self.counts(text), self.weights)
        out = np.zeros(len(texts), dtype=np.float64)
        for i, other in enumerate(texts):
            counts = self.counts(other)
            if not target.keys().isdisjoint(counts):  # else every product is 0: the similarity stays 0
                out[i] = sum(v * target.get(t, 0.0) for t, v in weighted(counts, self.weights).items())
        return out

    def matrix(self, a: Rows, b: Rows) -> np.ndarray:
        lex = cosines(a.lexical, b.lexical)
        if self.dense_weight and a.dense is not None and b.dense is not None:
            dense = np.asarray(a.dense, dtype=np.float32) @ np.asarray(b.dense, dtype=np.float32).T
            return (1.0 - self.dense_weight) * lex + self.dense_weight * dense
        return lex


def _bounded(memo: dict) -> dict:
    """``memo``, emptied first once it holds more than MAX_STEMS entries."""
    if len(memo) > MAX_STEMS:
        memo.clear()
    return memo
