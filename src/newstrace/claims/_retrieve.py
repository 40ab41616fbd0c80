"""Free-text retrieval: the articles (and the stored claim) about a query, with a calibrated cut-off.

Stages (``retrieve``):
1. candidates: the query's words against the full-text index (FTS5, BM25; at most CANDIDATES articles);
2. first-stage similarity of each candidate to the query (the shared stack: fixed-weight tf-idf + dense);
3. the stored claims the candidates belong to, scored by their best members' similarity; the best claim's
   articles join the candidates (an article about the rumour that shares no word with the query);
4. features per candidate (similarity, BM25 share, coverage of the query's informative words, claim membership
   and margin, best-sentence similarity) and a logistic model (``models/retrieval.json``, trained on the tune split
   of the dev rumours by ``python -m newstrace.claims.train_retrieval``): an article is about the query when its
   probability reaches the model's threshold. No fixed top-k.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .._errors import NewstraceError
from ..text.words import STOPWORDS, terms
from ._discover import query_words
from ._similarity import Similarity

MODEL_PATH = Path(__file__).resolve().parent / "models" / "retrieval.json"
# Full-text candidates per query, and how many of the best get the (costlier) sentence-level feature.
CANDIDATES = 300
SENTENCE_CANDIDATES = 120
# A claim's score: the mean similarity of its best TOP_MEMBERS members to the query.
TOP_MEMBERS = 3
# Query expansion: each query word's nearest whole-word tokens in the static embedding table ("moscow" -> "russia"),
# so that a paraphrase sharing no word with the articles still meets them in the full-text index and the lexical
# similarity. Checked on the tune split (bench/trails.py) and the seed's paraphrase test.
EXPAND_NEIGHBOURS = 3
EXPAND_MIN_COSINE = 0.45
# Sentences of an article compared with the query (its first ones: the lead carries the claim).
MAX_SENTENCES = 40
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
FEATURES = ("sim", "bm25_share", "coverage", "in_best_claim", "best_claim_score", "claim_margin", "sim_share",
            "best_sentence", "claim_member_sim", "in_best_part", "part_margin")
# Inside the best claim, its articles are clustered again at this finer threshold: sibling rumours about one event
# ("the gold Apple Watch costs $10,000" / "the steel one $500") often part there.
PART_THRESHOLD = 0.35


@dataclass
class Retrieval:
    query: str
    claim: str | None
    claim_score: float
    articles: list[tuple[str, float]] = field(default_factory=list)  # (article, probability), best first


class RetrievalModel:
    def __init__(self, coef: list[float], intercept: float, threshold: float, features: list[str]) -> None:
        if list(features) != list(FEATURES):
            raise NewstraceError("claims/models/retrieval.json was trained on other features; retrain it "
                                 "(python -m newstrace.claims.train_retrieval)")
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = float(intercept)
        self.threshold = float(threshold)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "RetrievalModel":
        path = Path(path or MODEL_PATH)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(data["coef"], data["intercept"], data["threshold"], data["features"])
        except (OSError, ValueError, KeyError) as exc:
            raise NewstraceError(f"{path}: cannot read the retrieval model ({exc}); reinstall newstrace") from exc

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(x @ self.coef + self.intercept)))


def split_sentences(text: str, limit: int = MAX_SENTENCES) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text or "") if len(s.strip()) > 20][:limit]


def features(store, query: str, similarity: Similarity) -> tuple[list[str], np.ndarray, str | None, float]:
    """(candidate ids, their feature rows, best claim id, its score) for ``query``."""
    qterms = set(terms(query))
    if not qterms:
        return [], np.zeros((0, len(FEATURES))), None, 0.0
    query = expand(query, similarity)
    ranked = store.fts_rank(query_words(query, similarity.weights, limit=60), CANDIDATES)
    bm25 = dict(ranked)
    profiles = store.profiles([a for a, _ in ranked])
    sims = _similarities(profiles, similarity, query, [a for a, _ in ranked])
    claim_of = store.claims_of_articles(list(sims))
    scores = _claim_scores(claim_of, sims)
    best, best_score, second = None, 0.0, 0.0
    if scores:
        order = sorted(scores, key=lambda c: (-scores[c], c))
        best, best_score = order[0], scores[order[0]]
        second = scores[order[1]] if len(order) > 1 else 0.0
    part_of: dict[str, int] = {}
    part_best, part_margin = None, 0.0
    if best is not None:
        members = store.claim_articles(best)
        extra = [a for a in members if a not in sims]
        profiles.update(store.profiles(extra))
        sims.update(_similarities(profiles, similarity, query, extra))
        claim_of.update({a: best for a in extra})
        part_of = _parts(store, members)
        part_scores = _claim_scores({a: str(p) for a, p in part_of.items()}, sims)
        order = sorted(part_scores, key=lambda c: (-part_scores[c], c))
        part_best = int(order[0])
        part_margin = part_scores[order[0]] - (part_scores[order[1]] if len(order) > 1 else 0.0)
    ids = sorted(sims, key=lambda a: (-sims[a], a))
    if not ids:
        return [], np.zeros((0, len(FEATURES))), best, best_score
    n, df = store.document_frequencies(qterms)
    idf = {t: math.log((1 + n) / (1 + df.get(t, 0))) + 1.0 for t in qterms}
    total = sum(idf.values()) or 1.0
    top_bm25 = max(bm25.values(), default=0.0) or 1.0
    top_sim = max(sims.values()) or 1.0
    sentence = _sentence_similarity(store, similarity, query, ids[:SENTENCE_CANDIDATES])
    rows = []
    for a in ids:
        have = profiles.get(a, ({}, None))[0]
        coverage = sum(idf[t] for t in qterms if t in have) / total
        member = float(best is not None and claim_of.get(a) == best)
        in_part = float(part_best is not None and part_of.get(a) == part_best)
        rows.append([sims[a], bm25.get(a, 0.0) / top_bm25, coverage, member, best_score, best_score - second,
                     sims[a] / top_sim, sentence.get(a, 0.0), member * sims[a], in_part, in_part * part_margin])
    return ids, np.asarray(rows, dtype=np.float64), best, best_score


def expand(query: str, similarity: Similarity) -> str:
    """The query followed by its words' nearest vocabulary words (when an embedder is installed)."""
    neighbours = getattr(similarity.embedder, "neighbours", None)
    if neighbours is None:
        return query
    words = [w for w in re.findall(r"[A-Za-z]+", query) if len(w) > 2 and w.lower() not in STOPWORDS]
    found = neighbours(words, EXPAND_NEIGHBOURS, EXPAND_MIN_COSINE)
    extra = sorted({n for w in words for n in found.get(w, [])} - {w.lower() for w in words})
    return f"{query} {' '.join(extra)}" if extra else query


def retrieve(store, query: str, similarity: Similarity, model: RetrievalModel) -> Retrieval:
    ids, x, best, score = features(store, query, similarity)
    if not ids:
        return Retrieval(query, best, score)
    p = model.probability(x)
    keep = sorted(((a, float(q)) for a, q in zip(ids, p) if q >= model.threshold), key=lambda t: (-t[1], t[0]))
    return Retrieval(query, best, score, keep)


def _similarities(profiles: dict, similarity: Similarity, query: str, ids: list[str]) -> dict[str, float]:
    """Similarity to the query of each of ``ids`` that has a profile (``profiles``: as Store.profiles gives)."""
    ids = [a for a in ids if a in profiles]
    if not ids:
        return {}
    q = similarity.texts([query])
    dense = None
    if similarity.dense_weight and all(profiles[a][1] is not None for a in ids):
        dense = np.stack([np.frombuffer(profiles[a][1], dtype=np.float16).astype(np.float32) for a in ids])
    rows = similarity.rows([Counter(profiles[a][0]) for a in ids], dense)
    sims = similarity.matrix(rows, q)[:, 0]
    return {a: float(s) for a, s in zip(ids, sims)}


def _parts(store, members: list[str]) -> dict[str, int]:
    """The claim's articles clustered at PART_THRESHOLD: article -> part label."""
    from ._cluster import average_link

    members = sorted(members)
    index = {a: i for i, a in enumerate(members)}
    edges = [(index[a], index[b], s) for a, b, s in store.edges_among(members)]
    return dict(zip(members, average_link(len(members), edges, PART_THRESHOLD)))


def _claim_scores(claim_of: dict[str, str], sims: dict[str, float]) -> dict[str, float]:
    by_claim: dict[str, list[float]] = {}
    for a, c in claim_of.items():
        by_claim.setdefault(c, []).append(sims.get(a, 0.0))
    return {c: float(np.mean(sorted(v, reverse=True)[:TOP_MEMBERS])) for c, v in by_claim.items()}


def _sentence_similarity(store, similarity: Similarity, query: str, ids: list[str]) -> dict[str, float]:
    texts = store.article_texts(ids)
    owner, sents = [], []
    for a in ids:
        for s in split_sentences(texts.get(a, (None, ""))[1]):
            owner.append(a)
            sents.append(s)
    if not sents:
        return {}
    sims = similarity.matrix(similarity.texts(sents), similarity.texts([query]))[:, 0]
    out: dict[str, float] = {}
    for a, s in zip(owner, sims):
        out[a] = max(out.get(a, 0.0), float(s))
    return out
