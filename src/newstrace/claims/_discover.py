"""Claim discovery over the store: articles about the same rumour or event grouped into one claim.

Stages (``discover``), over the articles in no claim yet (new ones, or ones a killed run left; a profile whose
edges a killed run never stored is dropped first and made again, so the result is that of an unbroken run):
1. profile: each new article's term counts, its weighted row packed (:func:`._lexical.pack`), its KEY_TERMS most
   weighted terms indexed (``claim_keys``), and the corpus document frequencies updated;
2. candidates: each new article's key terms look up the articles sharing them (the PER_KEY that weigh each term
   most), best CANDIDATES by the summed weight products (the query's weights times the term's idf in this corpus);
   pairs whose cosine reaches EDGE_FLOOR become edges. Each
   lookup reads at most KEY_TERMS x PER_KEY index rows, so the cost per article does not grow with the corpus;
3. components: the pending articles' connected components over edges of at least CLUSTER_THRESHOLD (average-link
   clusters never cross them, so nothing outside needs recomputing); one of more than MAX_COMPONENT articles is cut
   into pieces by stronger edges (:func:`_pieces`);
4. clusters: average-link clustering of each affected component (:mod:`._cluster`), articles numbered by id so the
   result does not depend on ingest order;
5. claims: for each cluster, its canonical text, the statements about it and its events (:mod:`._claim`, the stance
   model run once per batch of clusters), replacing the old claims of the batch's articles in one transaction per
   batch of about CLAIM_BATCH articles (memory stays bounded however large a component is).
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter, deque
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..text.words import STOPWORDS, stem, words
from ._claim import ClaimBuilder
from ._cluster import average_link
from ._lexical import TermWeights, weighted
from ._similarity import Similarity

PROFILE_VERSION = "claims/3"
# Candidates per new article. Dev rumours hold at most 50 articles; a pair above the clustering threshold ranks far
# inside the first 100 of either article's lookup.
CANDIDATES = 100
# Words of a text that make its full-text query in free-text retrieval (its most weighted ones).
QUERY_WORDS = 15
# Key terms per article: its most weighted terms of 3+ letters (not numbers), indexed and looked up for candidates.
KEY_TERMS = 15
# A key term finds candidates among the articles that weigh it most, at most this many (which bounds each lookup:
# the cost per article does not grow with the corpus). Dev rumours hold at most 50 articles.
PER_KEY = 300
# Pairs below this similarity are not stored (they count as 0 in cluster averages).
EDGE_FLOOR = 0.08
# Average similarity at which two clusters of articles merge. Tuned on the tune split of the dev rumours
# (bench/trails.py: B-cubed F1 0.950 on the tune split at 0.25; 0.20 gives 0.939, 0.30 gives 0.913). Edges below it
# are stored apart (store migration 11 split the stored ones at 0.25): a change needs `newstrace claims --rebuild`.
CLUSTER_THRESHOLD = 0.25
# Articles whose strong edges are read at a time when components are walked (bounds memory at any corpus size).
COMPONENT_CHUNK = 5000
# Articles above which a component is clustered in pieces: its components over edges of at least the threshold plus
# SPLIT_STEP (and so on, while a piece is still larger). Average-link clusters inside such a piece are exact; a
# cluster that would have bridged two pieces by its weaker edges is split. Real rumours hold tens of articles (dev:
# at most 50) and their components hundreds (the dev corpora's largest is far below this), so only chains across
# thousands of articles are cut: the synthetic 100k corpus of bench/scale.py (1,195 articles in one component at 10k)
# held one whose edges alone took gigabytes in one process.
MAX_COMPONENT = 2000
SPLIT_STEP = 0.05
# Articles profiled per transaction.
BATCH = 500
# Articles whose candidates' stored rows are read at once when linking (at most CANDIDATES rows each, a few KB a
# row: tens of megabytes at most).
LINK_CHUNK = 100
# Tasks per worker a batch's profiles and links are cut into: articles differ in cost, and a worker that finishes
# its part early takes another instead of waiting for the slowest.
PARTS_PER_JOB = 2
# Articles whose claims are built (one stance-model batch) and stored per transaction.
CLAIM_BATCH = 400


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


def key_terms(values: dict[str, float], limit: int = KEY_TERMS) -> list[tuple[str, float]]:
    """The ``limit`` most weighted terms of a weighted row (3+ letters, not numbers), with their weights."""
    keys = [(t, v) for t, v in values.items() if len(t) >= 3 and not t.isdigit()]
    keys.sort(key=lambda tv: (-tv[1], tv[0]))
    return [(t, round(v, 6)) for t, v in keys[:limit]]


def lookup_weights(keys: list[tuple[str, float]], documents: int, df: dict[str, int]) -> list[tuple[str, float]]:
    """Key weights for a lookup: each times the term's idf in this corpus, so that a term common here (boilerplate
    words of one site, a wire's filler) ranks candidates less than a rare one. Ranking only: edges keep the fixed
    weights."""
    return [(t, round(w * math.log((documents + 1) / (df.get(t, 0) + 1)), 6)) for t, w in keys]


def discover(store, similarity: Similarity, builder: ClaimBuilder,
             progress: Callable[[str], None] | None = None, pool=None) -> DiscoverySummary:
    """Profile and link the new articles, cluster the pending ones' components, rebuild the affected claims.
    ``pool``: a :class:`._workers.BuilderPool` that builds the claims while this process stores them (the same
    rows as without it)."""
    summary = DiscoverySummary()
    stale = store.unlinked_profiles()  # profiled by a run killed before their edges were stored
    if stale:
        store.drop_profiles(stale)
    unprofiled = store.articles_without_profile()
    pending = sorted(set(unprofiled) | set(store.articles_without_claim()))
    if not pending:
        return summary
    summary.articles = len(pending)
    summary.edges += _profile_and_link(store, similarity, unprofiled, pool, progress)
    in_flight: deque = deque()  # (groups, future of their build), in the order they are stored
    for components in _batches(_components(store, pending)):
        groups = [(claim_id(g[0]), g) for members in components
                  for piece in _pieces(store, members, CLUSTER_THRESHOLD) for g in _clusters(store, piece)]
        for chunk in _batches(groups, lambda group: len(group[1])):  # a large component a batch at a time
            if pool is None:
                _store_claims(store, chunk, builder.build_many(chunk), summary)
                continue
            in_flight.append((chunk, pool.submit(chunk)))
            if len(in_flight) > 2 * pool.jobs:
                done, future = in_flight.popleft()
                _store_claims(store, done, future.result(), summary)
    while in_flight:
        done, future = in_flight.popleft()
        _store_claims(store, done, future.result(), summary)
    return summary


def _batches(items: list, size: Callable[[object], int] = len):
    """``items`` in batches of about CLAIM_BATCH articles, in order; ``size``: an item's articles (a component's
    ids by default). An item larger than that is a batch of its own."""
    batch: list = []
    total = 0
    for item in items:
        batch.append(item)
        total += size(item)
        if total >= CLAIM_BATCH:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


def _profile_and_link(store, similarity: Similarity, ids: list[str], pool=None,
                      progress: Callable[[str], None] | None = None) -> int:
    """Profile ``ids`` BATCH at a time (a transaction each) and link each article to its candidates among the
    profiles stored so far, its own batch's included; returns the edges stored. With a ``pool`` the profiles and
    links are computed on its workers, a batch's links and the next batch's profiles while this process stores the
    batch before's edges (links read keys and rows, never edges): the stored rows are those of one process."""
    chunks = [ids[i:i + BATCH] for i in range(0, len(ids), BATCH)]

    def texts_of(chunk: list[str]) -> dict[str, str]:
        texts = store.article_texts(chunk)
        return {a: profile_text(texts[a][0], texts[a][1]) for a in chunk}

    def linked(rows: list) -> list:
        return [(a, lexical, keys, vector) for a, _counts, lexical, keys, vector in rows]

    def done(k: int) -> None:
        if progress:
            progress(f"claims: profiled {min((k + 1) * BATCH, len(ids))}/{len(ids)} article(s)")

    total = 0
    if pool is None:
        for k, chunk in enumerate(chunks):
            rows = profiles(similarity, texts_of(chunk))
            store.save_profiles(rows, PROFILE_VERSION)
            edges = links(store, similarity, linked(rows))
            store.add_edges(edges, chunk, CLUSTER_THRESHOLD)
            total += len(edges)
            done(k)
        return total
    if not chunks:
        return 0
    parts = pool.jobs * PARTS_PER_JOB
    rows = _gather(pool.profiles(_parts(texts_of(chunks[0]), parts)))
    store.save_profiles(rows, PROFILE_VERSION)
    linking = pool.links(_parts(linked(rows), parts))
    profiling = pool.profiles(_parts(texts_of(chunks[1]), parts)) if len(chunks) > 1 else []
    for k in range(len(chunks)):
        edges = _gather(linking)  # the links of chunks[k], found before chunks[k + 1]'s profiles are stored
        if k + 1 < len(chunks):
            rows = _gather(profiling)
            # the next profiles first (they read no store), so the workers have work while this process writes
            profiling = pool.profiles(_parts(texts_of(chunks[k + 2]), parts)) if k + 2 < len(chunks) else []
            store.save_profiles(rows, PROFILE_VERSION)
            linking = pool.links(_parts(linked(rows), parts))
        store.add_edges(edges, chunks[k], CLUSTER_THRESHOLD)
        total += len(edges)
        done(k)
    return total


def _gather(futures: list) -> list:
    return [item for future in futures for item in future.result()]


def _parts(items, n: int) -> list:
    """``items`` (a dict or a list) cut into ``n`` contiguous parts of the same type."""
    seq = list(items.items()) if isinstance(items, dict) else list(items)
    size = -(-len(seq) // n) or 1
    cut = [seq[i:i + size] for i in range(0, len(seq), size)]
    return [dict(c) for c in cut] if isinstance(items, dict) else cut


def profiles(similarity: Similarity, texts: dict[str, str]) -> list[tuple[str, dict[str, int], bytes,
                                                                           list[tuple[str, float]], bytes | None]]:
    """(article, term counts, packed lexical row, key terms, dense vector or None) for each profile text."""
    vectors = _dense(similarity, texts)
    rows = []
    for a, text in texts.items():
        counts = similarity.counts(text)
        values = weighted(counts, similarity.weights)
        rows.append((a, dict(counts), similarity.pack(values), key_terms(values), vectors.get(a)))
    return rows


def links(store, similarity: Similarity, rows: list[tuple[str, bytes, list[tuple[str, float]], bytes | None]]
          ) -> list[tuple[str, str, float]]:
    """Edges from each (article, packed row, key terms, dense vector) to its candidates among the stored profiles."""
    documents, df = store.document_frequencies({t for _a, _lexical, keys, _vector in rows for t, _ in keys})
    found = []
    for a, _lexical, keys, _vector in rows:
        lookup = lookup_weights(keys, documents, df)
        found.append([c for c, _ in store.key_candidates(lookup, PER_KEY, CANDIDATES + 1) if c != a][:CANDIDATES])
    edges = []
    for start in range(0, len(rows), LINK_CHUNK):
        # each candidate's stored row read once for LINK_CHUNK articles (neighbours share many candidates)
        chunk = list(zip(rows[start:start + LINK_CHUNK], found[start:start + LINK_CHUNK]))
        profiles = store.lexical_profiles({c for _row, cands in chunk for c in cands})
        for (a, lexical, _keys, vector), cands in chunk:
            edges += _edges(profiles, similarity, a, lexical, vector, cands)
    return edges


def _store_claims(store, groups: list[tuple[str, list[str]]], built: tuple[list[dict], list],
                  summary: DiscoverySummary) -> None:
    """Store the claims built for ``groups`` in place of every claim their articles were in, in one transaction. A
    component stored in several such runs and killed in between is whole again next time: its articles left in no
    claim are pending, and their component is built again."""
    claims, events = built
    old = set(store.claims_of_articles([a for _, members in groups for a in members]).values())
    store.replace_claims(old, claims, events, PROFILE_VERSION)
    summary.claims += len(claims)
    summary.events += len(events)


def _dense(similarity: Similarity, texts: dict[str, str]) -> dict[str, bytes]:
    if similarity.embedder is None or not similarity.dense_weight:
        return {}  # vectors are stored only when the similarity uses them
    ids = sorted(texts)
    vecs = similarity.embedder.encode([texts[a] for a in ids])
    return {a: np.asarray(v, dtype=np.float16).tobytes() for a, v in zip(ids, vecs)}


def _edges(profiles: dict[str, tuple[bytes, bytes | None]], similarity: Similarity, article: str, lexical: bytes,
           vector: bytes | None, candidates: list[str]) -> list[tuple[str, str, float]]:
    """Edges from ``article`` to those of its ``candidates`` whose stored rows (``profiles``) are similar enough."""
    if not candidates:
        return []
    ids = [c for c in candidates if c in profiles]
    sims = similarity.packed(lexical, [profiles[c][0] for c in ids], _vec([vector]),
                             _vec([profiles[c][1] for c in ids]))
    return [(article, c, round(float(s), 6)) for c, s in zip(ids, sims) if s >= EDGE_FLOOR]


def _vec(blobs: list[bytes | None]) -> np.ndarray | None:
    if not blobs or any(b is None for b in blobs):
        return None
    return np.stack([np.frombuffer(b, dtype=np.float16).astype(np.float32) for b in blobs])


def _components(store, seeds: list[str]) -> list[list[str]]:
    """Connected components (over edges >= CLUSTER_THRESHOLD) holding the seeds, each sorted by id, in the order
    of their smallest seed. Edges are read a frontier at a time (in chunks), never one query per article."""
    adjacent: dict[str, set[str]] = {}
    known: set[str] = set()
    frontier = set(seeds)
    while frontier:
        known |= frontier
        ordered = sorted(frontier)
        for start in range(0, len(ordered), COMPONENT_CHUNK):  # only the strong edges, a chunk at a time
            for a, b, _s in store.edges_of(ordered[start:start + COMPONENT_CHUNK], CLUSTER_THRESHOLD):
                adjacent.setdefault(a, set()).add(b)
                adjacent.setdefault(b, set()).add(a)
        frontier = {x for node in frontier for x in adjacent.get(node, ())} - known
    seen: set[str] = set()
    out = []
    for seed in sorted(seeds):
        if seed in seen:
            continue
        comp, stack = {seed}, [seed]
        while stack:
            for x in adjacent.get(stack.pop(), ()):
                if x not in comp:
                    comp.add(x)
                    stack.append(x)
        seen |= comp
        out.append(sorted(comp))
    return out


def _pieces(store, members: list[str], threshold: float) -> list[list[str]]:
    """``members`` (a component over edges of at least ``threshold``) when it holds at most MAX_COMPONENT articles;
    otherwise its components over edges of at least ``threshold + SPLIT_STEP``, each cut the same way while too
    large. Each piece sorted by id, pieces in the order of their smallest article (a function of the graph only)."""
    finer = round(threshold + SPLIT_STEP, 6)
    if len(members) <= MAX_COMPONENT or finer > 1.0:
        return [members]
    inside = set(members)
    parent = {a: a for a in members}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for start in range(0, len(members), COMPONENT_CHUNK):
        for a, b, _s in store.edges_of(members[start:start + COMPONENT_CHUNK], finer):
            if a in inside and b in inside:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    parts: dict[str, list[str]] = {}
    for a in members:  # sorted, so each part is sorted and parts come in the order of their smallest article
        parts.setdefault(find(a), []).append(a)
    return [piece for part in parts.values() for piece in _pieces(store, part, finer)]


def _clusters(store, members: list[str]) -> list[list[str]]:
    """The average-link clusters of one component, each sorted by id, in the order of their labels."""
    if len(members) == 1:
        return [members]
    index = {a: i for i, a in enumerate(members)}
    edges = [(index[a], index[b], s) for a, b, s in store.edges_among(members)]
    labels = average_link(len(members), edges, CLUSTER_THRESHOLD)
    groups: dict[int, list[str]] = {}
    for a, label in zip(members, labels):
        groups.setdefault(label, []).append(a)
    return [groups[label] for label in sorted(groups)]
