"""`newstrace group`: texts grouped by the claim they make, with the similarity stack and clustering of discovery.

All texts are given at once, so the term weights blend the shipped ones with the texts' own document frequencies
(GROUP_CORPUS_SHARE): a word every text shares says little about which claim a text makes.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

import numpy as np

from ..text.words import terms
from ._cluster import average_link
from ._lexical import TermWeights
from ._similarity import Rows, Similarity

# Average similarity at which two groups merge, the share of the texts' own idf in the term weights, and the share
# of the dense (static embedding) cosine. Tuned on the tune split of the dev rumours' headlines (bench/grouping.py:
# B-cubed F1 0.892 there; lexical only 0.885 at 0.15; dense share 0.3 or more loses precision).
GROUP_THRESHOLD = 0.18
GROUP_CORPUS_SHARE = 1.0
GROUP_DENSE_WEIGHT = 0.2
# Pairs below this similarity are dropped from the graph (they count 0 in averages).
GROUP_EDGE_FLOOR = 0.02
# Neighbours kept per text: bounds the graph (and the cost) for large inputs.
GROUP_NEIGHBOURS = 50
# Texts compared per block of the similarity matrix (bounds memory: BLOCK x n floats).
BLOCK = 1024


def group_texts(texts: Sequence[str], similarity: Similarity | None = None, *,
                threshold: float = GROUP_THRESHOLD) -> list[int]:
    """A group label per text (the smallest index in its group)."""
    if not texts:
        return []
    similarity = similarity or Similarity(TermWeights())
    counts = [Counter(terms(t)) for t in texts]
    weights = similarity.weights.blended(counts, GROUP_CORPUS_SHARE)
    sim = Similarity(weights, similarity.embedder, GROUP_DENSE_WEIGHT)
    dense = sim.embedder.encode(list(texts)) if sim.embedder is not None and sim.dense_weight else None
    rows = sim.rows(counts, dense)
    n = len(texts)
    edges = []
    for start in range(0, n, BLOCK):
        block = Rows(rows.lexical[start:start + BLOCK], None if rows.dense is None else rows.dense[start:start + BLOCK])
        m = sim.matrix(block, rows)
        for k in range(m.shape[0]):
            i = start + k
            m[k, i] = 0.0
            top = np.argsort(-m[k], kind="stable")[:GROUP_NEIGHBOURS]
            edges += [(i, int(j), float(m[k, j])) for j in top if m[k, j] >= GROUP_EDGE_FLOOR]
    return average_link(n, edges, threshold)
