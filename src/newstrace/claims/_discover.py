"""Claim discovery over the store: articles about the same rumour or event grouped into one claim.

Stages (``discover``), each over the articles the claims step has not seen yet (new ones, or ones a killed run left):
1. profile: each article's term counts (and dense vector when an embedder is installed) are stored, and the corpus
   document frequencies updated;
2. candidates: each new article's most weighted words query the full-text index (FTS5, BM25) for at most
   CANDIDATES articles; pairs whose similarity reaches EDGE_FLOOR become edges (never every pair: near-linear);
3. components: the new articles' connected components over edges of at least CLUSTER_THRESHOLD (average-link
   clusters never cross them, so nothing outside needs recomputing);
4. clusters: average-link clustering of each affected component (:mod:`._cluster`), articles numbered by id so the
   result does not depend on ingest order;
5. claims: for each cluster, its canonical text, the statements about it and its events (:mod:`._claim`), replacing
   the component's old claims in one transaction.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..text.words import STOPWORDS, stem, terms, words
from ._claim import ClaimBuilder
from ._cluster import average_link
from ._lexical import TermWeights
from ._similarity import Similarity

PROFILE_VERSION = "claims/2"
# Full-text candidates per new article. Dev rumours hold at most 50 articles; a pair above the clustering threshold
# ranks far inside the first 100 of either article's query.
CANDIDATES = 100
# Words of an article that make its full-text query (its most weighted ones).
QUERY_WORDS = 15
# Pairs below this similarity are not stored (they count as 0 in cluster averages).
EDGE_FLOOR = 0.08
# Average similarity at which two clusters of articles merge. Tuned on the tune split of the dev rumours
# (bench/trails.py: B-cubed F1 0.950 on the tune split at 0.25; 0.20 gives 0.939, 0.30 gives 0.913).
CLUSTER_THRESHOLD = 0.25
# Articles profiled per transaction.
BATCH = 500


@dataclass
class DiscoverySummary:
    articles: int = 0
    edges: int = 0
    claims: int = 0
    events: int = 0


def claim_id(first_article: str) -> str:
    """A claim's id: from its smallest member article id (stable as later articles join)."""
    return "c" + hashlib.sha256(first_article.encode("ascii")).hexdigest()[:15]


def query_words(text: str, weights: TermWeights, limit: int = QUERY_WORDS) -> list[str]:
    """The ``limit`` surface words of ``text`` with the highest tf x idf (by stem)."""
    tf: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for w in words(text):
        if len(w) < 3 or w in STOPWORDS or w.isdigit():
            continue
        s = stem(w)
        tf[s] += 1
        surface.setdefault(s, w)
    ranked = sorted(tf, key=lambda s: (-(1 + math.log(tf[s])) * weights.weight(s), s))
    return [surface[s] for s in ranked[:limit]]


def profile_text(title: str | None, text: str) -> str:
    return f"{title or ''}\n{text}"


def discover(store, similarity: Similarity, builder: ClaimBuilder,
             progress: Callable[[str], None] | None = None) -> DiscoverySummary:
    """Profile, link and cluster the articles the claims step has not seen; rebuild the affected claims."""
    summary = DiscoverySummary()
    pending = store.articles_without_profile()
    if not pending:
        return summary
    summary.articles = len(pending)
    for start in range(0, len(pending), BATCH):
        chunk = pending[start:start + BATCH]
        texts = store.article_texts(chunk)
        counts = {a: Counter(terms(profile_text(texts[a][0], texts[a][1]))) for a in chunk}
        vectors = _dense(similarity, {a: profile_text(texts[a][0], texts[a][1]) for a in chunk})
        store.save_profiles([(a, dict(counts[a]), vectors.get(a)) for a in chunk], PROFILE_VERSION)
        edges = []
        for a in chunk:
            cands = [c for c, _ in store.fts_rank(query_words(profile_text(*texts[a][:2]), similarity.weights),
                                                   CANDIDATES) if c != a]
            edges += _edges(store, similarity, a, counts[a], vectors.get(a), cands)
        store.add_edges(edges)
        summary.edges += len(edges)
        if progress:
            progress(f"claims: profiled {min(start + BATCH, len(pending))}/{len(pending)} article(s)")
    components = _components(store, pending)
    for members in components:
        claims, events = _cluster_claims(store, members, builder)
        old = set(store.claims_of_articles(members).values())
        store.replace_claims(old, claims, events, PROFILE_VERSION)
        summary.claims += len(claims)
        summary.events += len(events)
    return summary


def _dense(similarity: Similarity, texts: dict[str, str]) -> dict[str, bytes]:
    if similarity.embedder is None or not similarity.dense_weight:
        return {}  # vectors are stored only when the similarity uses them
    ids = sorted(texts)
    vecs = similarity.embedder.encode([texts[a] for a in ids])
    return {a: np.asarray(v, dtype=np.float16).tobytes() for a, v in zip(ids, vecs)}


def _edges(store, similarity: Similarity, article: str, counts: Counter, vector: bytes | None,
           candidates: list[str]) -> list[tuple[str, str, float]]:
    if not candidates:
        return []
    profiles = store.profiles(candidates)
    ids = [c for c in candidates if c in profiles]
    a = similarity.rows([counts], _vec([vector]))
    b = similarity.rows([Counter(profiles[c][0]) for c in ids], _vec([profiles[c][1] for c in ids]))
    sims = similarity.matrix(a, b)[0]
    return [(article, c, round(float(s), 6)) for c, s in zip(ids, sims) if s >= EDGE_FLOOR]


def _vec(blobs: list[bytes | None]) -> np.ndarray | None:
    if not blobs or any(b is None for b in blobs):
        return None
    return np.stack([np.frombuffer(b, dtype=np.float16).astype(np.float32) for b in blobs])


def _components(store, seeds: list[str]) -> list[list[str]]:
    """Connected components (over edges >= CLUSTER_THRESHOLD) holding the seeds, each sorted by id."""
    seen: set[str] = set()
    out = []
    for seed in sorted(seeds):
        if seed in seen:
            continue
        comp, frontier = {seed}, [seed]
        while frontier:
            nxt = []
            for a, b, s in store.edges_of(frontier):
                if s < CLUSTER_THRESHOLD:
                    continue
                for x in (a, b):
                    if x not in comp:
                        comp.add(x)
                        nxt.append(x)
            frontier = nxt
        seen |= comp
        out.append(sorted(comp))
    return out


def _cluster_claims(store, members: list[str], builder: ClaimBuilder) -> tuple[list[dict], list]:
    index = {a: i for i, a in enumerate(members)}
    edges = [(index[a], index[b], s) for a, b, s in store.edges_of(members) if a in index and b in index]
    labels = average_link(len(members), edges, CLUSTER_THRESHOLD)
    groups: dict[int, list[str]] = {}
    for a, label in zip(members, labels):
        groups.setdefault(label, []).append(a)
    claims, events = [], []
    for label in sorted(groups):
        group = groups[label]
        claim, claim_events = builder.build(claim_id(group[0]), group)
        claims.append(claim)
        events += claim_events
    return claims, events
