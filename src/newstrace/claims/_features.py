"""Candidate generation and pair features for the learned re-ranker.

A :class:`Index` holds everything derived from the claim list (BM25 indexes over claim+title, claim
and title; idf; embeddings of claim and title when given an embedder). :meth:`Index.candidates` returns, for
one query, the union of the BM25 and embedding shortlists with one feature row per candidate. The embedding
block of a row is named :data:`STATIC_FEATURES` for the default static embedder and :data:`SEMANTIC_FEATURES`
for the transformer (the ``semantic`` extra): the same similarities, from different vectors. The features
are ratios and similarities that do not depend on the size of the claim collection, so a re-ranker trained
on one collection transfers to another.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np

from . import _text
from ._bm25 import BM25

LIGHT_FEATURES = (
    "bm25_rel", "bm25_norm", "bm25_rrank", "bm25_claim_rel", "bm25_title_rel",
    "claim_cover", "title_cover", "query_cover", "bigram_cover", "char_cos",
    "num_match", "num_miss", "name_cover", "len_ratio",
)
SEMANTIC_FEATURES = ("emb_claim", "emb_title", "emb_best", "emb_rel", "emb_rrank")
STATIC_FEATURES = ("static_claim", "static_title", "static_best", "static_rel", "static_rrank")


def _bigrams(toks: list[str]) -> set[tuple[str, str]]:
    return set(zip(toks, toks[1:]))


class Index:
    """Claim-side data for candidate generation and features."""

    def __init__(self, claims: list[tuple[str, str, str | None]], *, embedder=None,
                 emb_features: tuple[str, ...] = STATIC_FEATURES,
                 k1: float = 1.2, b: float = 0.5) -> None:
        self.ids = [str(c[0]) for c in claims]
        self.texts = [c[1] or "" for c in claims]
        self.titles = [c[2] or "" for c in claims]
        self.claim_toks = [_text.tokens(t) for t in self.texts]
        self.title_toks = [_text.tokens(t) for t in self.titles]
        self.all_bm25 = BM25([a + t for a, t in zip(self.claim_toks, self.title_toks)], k1=k1, b=b)
        self.claim_bm25 = BM25(self.claim_toks, k1=k1, b=b)
        self.title_bm25 = BM25(self.title_toks, k1=k1, b=b)
        self.idf = self.all_bm25.idf
        self.default_idf = math.log(1 + (len(self.ids) + 0.5) / 0.5) if self.ids else 1.0
        self.embedder = embedder
        self.emb_features = tuple(emb_features)
        self.claim_vecs = self.title_vecs = None
        if embedder is not None and self.ids:
            self.claim_vecs = embedder.encode(self.texts, cache=True)
            self.title_vecs = embedder.encode([t or c for t, c in zip(self.titles, self.texts)], cache=True)
        # per-claim derived data, filled lazily for the candidates actually scored
        self._chars: dict[int, dict[str, float]] = {}
        self._char_df: Counter | None = None

    # ------------------------------------------------------------------ helpers
    def _w(self, term: str) -> float:
        return self.idf.get(term, self.default_idf)

    def _cover(self, part: list[str], whole: set[str]) -> float:
        terms = set(part)
        total = sum(self._w(t) for t in terms)
        return sum(self._w(t) for t in terms if t in whole) / total if total else 0.0

    def _char_vec(self, text: str) -> dict[str, float]:
        counts = Counter(_text.char_ngrams(text))
        vec = {g: (1 + math.log(c)) for g, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {g: v / norm for g, v in vec.items()}

    def _claim_chars(self, i: int) -> dict[str, float]:
        vec = self._chars.get(i)
        if vec is None:
            vec = self._chars[i] = self._char_vec(self.texts[i] + " " + self.titles[i])
        return vec

    # ------------------------------------------------------------------ main
    def encode_queries(self, queries: list[str]) -> np.ndarray | None:
        if self.embedder is None:
            return None
        return self.embedder.encode([_text.clean(q) for q in queries])

    @property
    def features(self) -> list[str]:
        """The names of a feature row's columns: lexical, then the embedder's block when there is one."""
        return list(LIGHT_FEATURES) + (list(self.emb_features) if self.embedder is not None else [])

    def candidates(self, query: str, *, depth: int = 50, qvec: np.ndarray | None = None,
                   semantic: bool | None = None) -> tuple[list[int], np.ndarray]:
        """Candidate claim indexes and their feature rows (:attr:`features` columns).

        ``semantic`` (default: whether the index has an embedder) adds the embedding block; without ``qvec``
        (or for a query without content words) the block is zeros and only BM25 gives candidates.
        """
        if semantic is None:
            semantic = self.embedder is not None
        cleaned = _text.clean(query)
        qtoks = _text.tokens(cleaned, is_clean=True)
        use_emb = (semantic and qvec is not None and self.claim_vecs is not None and bool(qtoks)
                   and bool(np.any(qvec)))
        all_scores = self.all_bm25.scores(qtoks) if qtoks else {}
        bm_ranked = sorted(all_scores.items(), key=lambda x: (-x[1], x[0]))
        cands = [i for i, _ in bm_ranked[:depth]]
        emb_claim = emb_title = None
        if use_emb:
            emb_claim = self.claim_vecs @ qvec
            emb_title = self.title_vecs @ qvec
            best = np.maximum(emb_claim, emb_title)
            order = np.argsort(-best, kind="stable")
            seen = set(cands)
            for i in order[:depth].tolist():
                if i not in seen:
                    cands.append(i)
                    seen.add(i)
        if not cands:
            return [], np.zeros((0, len(LIGHT_FEATURES) + (len(self.emb_features) if semantic else 0)))
        bm_rank = {i: r for r, (i, _) in enumerate(bm_ranked)}
        bm_max = bm_ranked[0][1] if bm_ranked else 0.0
        qidf = sum(self._w(t) for t in set(qtoks)) or 1.0
        claim_sc = self.claim_bm25.scores(qtoks) if qtoks else {}
        title_sc = self.title_bm25.scores(qtoks) if qtoks else {}
        cmax = max((claim_sc.get(i, 0.0) for i in cands), default=0.0) or 1.0
        tmax = max((title_sc.get(i, 0.0) for i in cands), default=0.0) or 1.0
        qset = set(qtoks)
        qbi = _bigrams(qtoks)
        qchars = self._char_vec(cleaned)
        qnums = _text.numbers(cleaned)
        qwords = set(_text.words(cleaned))
        rows = []
        for i in cands:
            ctoks, ttoks = self.claim_toks[i], self.title_toks[i]
            s = all_scores.get(i, 0.0)
            cbi = _bigrams(ctoks) | _bigrams(ttoks)
            cchars = self._claim_chars(i)
            char_cos = sum(v * cchars.get(g, 0.0) for g, v in qchars.items())
            cnums = _text.numbers(self.texts[i] + " " + self.titles[i])
            matched = len(cnums & qnums)
            names = _text.capitalised(self.texts[i]) | _text.capitalised(self.titles[i])
            name_cover = (sum(1 for n in names if n in qwords) / len(names)) if names else 0.0
            rank = bm_rank.get(i)
            row = [
                s / bm_max if bm_max else 0.0,
                s / qidf,
                1.0 / (1 + rank) if rank is not None else 0.0,
                claim_sc.get(i, 0.0) / cmax,
                title_sc.get(i, 0.0) / tmax,
                self._cover(ctoks, qset),
                self._cover(ttoks, qset),
                self._cover(qtoks, set(ctoks) | set(ttoks)),
                len(cbi & qbi) / len(cbi) if cbi else 0.0,
                char_cos,
                matched / len(cnums) if cnums else 0.0,
                1.0 if cnums and not matched else 0.0,
                name_cover,
                math.log((1 + len(qtoks)) / (1 + len(ctoks))),
            ]
            rows.append(row)
        feats = np.asarray(rows, dtype=np.float64)
        if semantic:
            idx = np.asarray(cands)
            if use_emb:
                ec, et = emb_claim[idx].astype(np.float64), emb_title[idx].astype(np.float64)
                eb = np.maximum(ec, et)
                top = float(eb.max())
                order = np.argsort(-eb, kind="stable")
                rr = np.empty(len(cands))
                rr[order] = 1.0 / (1 + np.arange(len(cands)))
                sem = np.stack([ec, et, eb, eb - top, rr], axis=1)
            else:
                sem = np.zeros((len(cands), len(self.emb_features)))
            feats = np.concatenate([feats, sem], axis=1)
        return cands, feats
