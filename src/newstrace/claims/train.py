"""Train the claim-matching re-rankers from the CheckThat! 2020 task 2 *train* split only.

usage: python -m newstrace.claims.train --data ../shared/data/checkthat2020-t2 [--out PATH] [--light-only]

Writes ``models/reranker.json`` with a ``lexical`` model (lexical features, BM25 candidates), a ``light``
model (lexical + static-embedding features, BM25 and static-embedding candidates: the default path) and, when
the semantic extra is installed, a ``semantic`` model (lexical + transformer-embedding features, BM25 and
transformer candidates). Without the extra, an existing ``semantic`` model in the output file is kept.
Deterministic: same data, same file.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from . import MODEL_PATH, _embed
from ._data import read_qrels, read_tsv
from ._features import LIGHT_FEATURES, SEMANTIC_FEATURES, STATIC_FEATURES, Index
from ._rerank import LinearRanker, fit_listwise, load_models, save_models

DEPTH = 50
L2 = 1e-3
STEPS = 3000


def _groups(index: Index, queries, qrels, *, semantic: bool, qvecs=None):
    """(features, relevance) per training query with a relevant claim, and the candidates' mean recall."""
    groups = []
    recall = 0
    for n, (qid, text, _) in enumerate(queries):
        wanted = qrels.get(qid, set())
        if not wanted:
            continue
        cands, feats = index.candidates(text, depth=DEPTH, qvec=None if qvecs is None else qvecs[n],
                                        semantic=semantic)
        y = np.array([1.0 if index.ids[i] in wanted else 0.0 for i in cands])
        recall += y.sum() / len(wanted)
        groups.append((feats, y))
    return groups, recall / max(1, len(groups))


def _map5(index: Index, model: LinearRanker, queries, qrels, *, semantic: bool, qvecs=None) -> float:
    total, n = 0.0, 0
    for k, (qid, text, _) in enumerate(queries):
        wanted = qrels.get(qid)
        if not wanted:
            continue
        n += 1
        cands, feats = index.candidates(text, depth=DEPTH, qvec=None if qvecs is None else qvecs[k],
                                        semantic=semantic)
        if not cands:
            continue
        scores = model.score(feats)
        order = sorted(range(len(cands)), key=lambda j: (-scores[j], cands[j]))[:5]
        hits, prec = 0, []
        for r, j in enumerate(order, 1):
            if index.ids[cands[j]] in wanted:
                hits += 1
                prec.append(hits / r)
        total += sum(prec) / min(len(wanted), 5)
    return total / max(1, n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="folder with verified_claims.docs.tsv and train/")
    parser.add_argument("--out", default=str(MODEL_PATH))
    parser.add_argument("--cache-dir", default=None, help="keep the claims' embeddings here between runs")
    parser.add_argument("--light-only", action="store_true",
                        help="do not (re)train the semantic (transformer) model")
    args = parser.parse_args(argv)
    data = Path(args.data)
    claims = read_tsv(data / "verified_claims.docs.tsv")
    queries = read_tsv(data / "train" / "tweets.queries.tsv")
    qrels = read_qrels(data / "train" / "tweet-vclaim-pairs.qrels")
    semantic = not args.light_only and _embed.available()
    t0 = time.time()
    index = Index(claims, embedder=_embed.load_static(), emb_features=STATIC_FEATURES)
    print(f"indexed {len(claims)} claims in {time.time() - t0:.0f}s (static embeddings)", file=sys.stderr)
    models: dict[str, LinearRanker] = {}
    out = Path(args.out)
    if out.exists():
        try:
            models.update(load_models(out))
        except (OSError, ValueError, KeyError) as exc:
            print(f"warning: {out}: existing models not kept ({exc})", file=sys.stderr)
    info = {"data": "CheckThat! 2020 task 2 train split (tweets.queries.tsv + tweet-vclaim-pairs.qrels)",
            "depth": DEPTH, "l2": L2, "steps": STEPS, "objective": "listwise softmax cross-entropy"}
    groups, recall = _groups(index, queries, qrels, semantic=False)
    lexical = fit_listwise(groups, list(LIGHT_FEATURES), l2=L2, steps=STEPS)
    lexical.meta = {"train_candidate_recall": round(float(recall), 4),
                    "train_map_at_5": round(_map5(index, lexical, queries, qrels, semantic=False), 4)}
    models["lexical"] = lexical
    print(f"lexical: {lexical.meta}", file=sys.stderr)
    qvecs = index.encode_queries([q[1] for q in queries])
    groups, recall = _groups(index, queries, qrels, semantic=True, qvecs=qvecs)
    light = fit_listwise(groups, index.features, l2=L2, steps=STEPS)
    light.meta = {"train_candidate_recall": round(float(recall), 4), "embedder": index.embedder.name,
                  "train_map_at_5": round(_map5(index, light, queries, qrels, semantic=True, qvecs=qvecs), 4)}
    models["light"] = light
    print(f"light: {light.meta}", file=sys.stderr)
    if semantic:
        t0 = time.time()
        sem_index = Index(claims, embedder=_embed.Embedder(cache_dir=args.cache_dir), emb_features=SEMANTIC_FEATURES)
        print(f"indexed {len(claims)} claims in {time.time() - t0:.0f}s (transformer)", file=sys.stderr)
        qvecs = sem_index.encode_queries([q[1] for q in queries])
        groups, recall = _groups(sem_index, queries, qrels, semantic=True, qvecs=qvecs)
        sem = fit_listwise(groups, sem_index.features, l2=L2, steps=STEPS)
        sem.meta = {"train_candidate_recall": round(float(recall), 4), "embedder": _embed.MODEL_NAME,
                    "train_map_at_5": round(_map5(sem_index, sem, queries, qrels, semantic=True, qvecs=qvecs), 4)}
        models["semantic"] = sem
        print(f"semantic: {sem.meta}", file=sys.stderr)
    elif "semantic" not in models:
        print("warning: semantic extra not installed and no semantic model to keep", file=sys.stderr)
    save_models(out, models, info)
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
