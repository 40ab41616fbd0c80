"""Okapi BM25 over pre-tokenised documents (stdlib only)."""
from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict


class BM25:
    """An inverted index with BM25 scoring (Robertson/Lucene idf, never negative)."""

    def __init__(self, docs: list[list[str]], *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.n = len(docs)
        self.lengths = [len(d) for d in docs]
        self.avgdl = (sum(self.lengths) / self.n) if self.n else 0.0
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for term, tf in Counter(doc).items():
                postings[term].append((i, tf))
        self.postings = dict(postings)
        self.idf = {t: math.log(1 + (self.n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}
        avg = self.avgdl or 1.0
        self._norm = [k1 * (1 - b + b * length / avg) for length in self.lengths]

    def scores(self, query: list[str]) -> dict[int, float]:
        """Scores of every document sharing a term with the query (query term frequency counts)."""
        out: dict[int, float] = defaultdict(float)
        k1, norm = self.k1, self._norm
        for term, qtf in Counter(query).items():
            plist = self.postings.get(term)
            if not plist:
                continue
            idf = self.idf[term] * qtf
            for i, tf in plist:
                out[i] += idf * tf * (k1 + 1) / (tf + norm[i])
        return out

    def score_one(self, query: list[str], doc: int) -> float:
        """The score of one document (for features of candidates found another way)."""
        return self.scores_for(query, [doc]).get(doc, 0.0)

    def scores_for(self, query: list[str], docs: list[int]) -> dict[int, float]:
        wanted = set(docs)
        full = self.scores(query)
        return {d: full.get(d, 0.0) for d in wanted}

    def top(self, query: list[str], k: int) -> list[tuple[int, float]]:
        """The k best (doc index, score) pairs, best first, ties by index."""
        scored = self.scores(query)
        return [(i, -s) for s, i in heapq.nsmallest(k, ((-s, i) for i, s in scored.items()))]
