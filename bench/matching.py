#!/usr/bin/env python3
"""Benchmark claim matching (``newstrace.claims``) on CheckThat! 2020 task 2 dev, all systems in one run.

usage: .venv/bin/python bench/matching.py [--data DIR] [--split dev] [--out DIR] [--cache-dir DIR]

Systems (each writes OUT/matching-<system>.jsonl in the scorer's format and is scored by
../shared/eval/score_retrieval.py):

* bm25-plain: BM25 (k1 1.2, b 0.75) over claim + title, lowercase word tokens only (the reference baseline);
* bm25-tweet: BM25 with newstrace's tokenisation (links/trailer stripped, @/# split, stopwords, stemming);
* lexical: bm25-tweet candidates re-ranked by the trained lexical re-ranker (the light path before static
  embeddings; ``Matcher(static=False)``);
* static-embed: cosine of the packaged static embeddings (distilled from all-MiniLM-L6-v2), query vs
  max(claim, title) vectors; static-rrf: reciprocal-rank fusion of bm25-tweet and static-embed (untrained);
* light: the default matcher: BM25 + static-embedding candidates, re-ranked with lexical and static features;
* and, when the semantic extra is installed:
  embed: cosine of all-MiniLM-L6-v2 query vs max(claim, title) vectors;
  rrf: reciprocal-rank fusion of bm25-tweet and embed (untrained);
  semantic: the matcher with the extra: BM25 + embedding candidates, re-ranked with both feature sets.

Queries/second counts ranking only (index building is reported apart). The re-rankers are trained on the
train split only (python -m newstrace.claims.train); dev is only measured here.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from newstrace.claims import Matcher, read_tsv, semantic_available  # noqa: E402
from newstrace.claims._bm25 import BM25  # noqa: E402
from newstrace.claims._text import tokens  # noqa: E402


def _score(scorer: Path, qrels: Path, pred: Path) -> dict:
    proc = subprocess.run([sys.executable, str(scorer), "--qrels", str(qrels), "--pred", str(pred)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"scorer failed on {pred}:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().rsplit("\n", 1)[0])


def _write(path: Path, qids: list[str], ranked: list[list[tuple[object, float]]]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for qid, matches in zip(qids, ranked):
            handle.write(json.dumps({"id": qid, "matches": [{"id": str(c), "score": float(s)} for c, s in matches]})
                         + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "checkthat2020-t2")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score_retrieval.py")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="keep the claims' embeddings here between runs (e.g. bench/out/cache)")
    parser.add_argument("--top", type=int, default=5)
    parser.add_argument("--no-semantic", action="store_true", help="skip the embedding systems")
    args = parser.parse_args()

    claims_path = args.data / "verified_claims.docs.tsv"
    queries_path = args.data / args.split / "tweets.queries.tsv"
    qrels_path = args.data / args.split / "tweet-vclaim-pairs.qrels"
    for path in (claims_path, queries_path, qrels_path, args.scorer):
        if not path.is_file():
            raise SystemExit(f"not found: {path} (pass --data DIR / --scorer FILE)")
    args.out.mkdir(parents=True, exist_ok=True)
    claims = read_tsv(claims_path)
    queries = read_tsv(queries_path)
    qids = [q[0] for q in queries]
    texts = [q[1] for q in queries]
    ids = [c[0] for c in claims]
    top = args.top
    results = []

    def run(name: str, build, rank) -> None:
        t0 = time.perf_counter()
        system = build()
        built = time.perf_counter() - t0
        t0 = time.perf_counter()
        ranked = rank(system)
        took = time.perf_counter() - t0
        pred = args.out / f"matching-{name}.jsonl"
        _write(pred, qids, ranked)
        scored = _score(args.scorer, qrels_path, pred)
        results.append((name, scored, len(texts) / took if took else float("inf"), built))
        print(f"{name}: MAP@5 {scored['map_at_5']:.4f}  ({len(texts) / took:.1f} q/s, index {built:.1f}s)",
              file=sys.stderr)

    def plain_tokens(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    run("bm25-plain", lambda: BM25([plain_tokens(c[1] + " " + (c[2] or "")) for c in claims], k1=1.2, b=0.75),
        lambda bm: [[(ids[i], s) for i, s in bm.top(plain_tokens(t), top)] for t in texts])
    run("bm25-tweet", lambda: Matcher(claims, semantic=False, rerank=False), lambda m: m.rank_many(texts, top))
    run("lexical", lambda: Matcher(claims, semantic=False, static=False), lambda m: m.rank_many(texts, top))

    def embedding_systems(index, prefix: str) -> None:
        """Unfused systems over an index's claim vectors: embedding cosine alone and its RRF with BM25."""
        qvecs = {}

        def query_vectors():
            if "v" not in qvecs:  # encoded once, timed within the first system that needs them
                qvecs["v"] = index.encode_queries(texts)
            return qvecs["v"]

        def embed_rank(_):
            qv = query_vectors()
            sims = np.maximum(qv @ index.claim_vecs.T, qv @ index.title_vecs.T)
            out = []
            for row in sims:
                order = np.argsort(-row, kind="stable")[:top]
                out.append([(ids[i], float(row[i])) for i in order])
            return out

        def rrf_rank(_):
            qv = query_vectors()
            sims = np.maximum(qv @ index.claim_vecs.T, qv @ index.title_vecs.T)
            out = []
            for text, row in zip(texts, sims):
                fused: dict[int, float] = {}
                for r, (i, _) in enumerate(index.all_bm25.top(tokens(text), 100)):
                    fused[i] = fused.get(i, 0.0) + 1 / (60 + r + 1)
                for r, i in enumerate(np.argsort(-row, kind="stable")[:100].tolist()):
                    fused[i] = fused.get(i, 0.0) + 1 / (60 + r + 1)
                best = sorted(fused.items(), key=lambda x: (-x[1], x[0]))[:top]
                out.append([(ids[i], s) for i, s in best])
            return out

        run(f"{prefix}embed", lambda: None, embed_rank)
        run(f"{prefix}rrf", lambda: None, rrf_rank)

    light = {}

    def build_light():
        light["m"] = Matcher(claims, semantic=False)
        return light["m"]

    run("light", build_light, lambda m: m.rank_many(texts, top))
    embedding_systems(light["m"]._index, "static-")

    if semantic_available() and not args.no_semantic:
        holder = {}

        def build_semantic():
            holder["m"] = Matcher(claims, semantic=True, cache_dir=args.cache_dir)
            return holder["m"]

        run("semantic", build_semantic, lambda m: m.rank_many(texts, top))
        embedding_systems(holder["m"]._index, "")  # reuse its claim vectors for the unfused systems
    elif not args.no_semantic:
        print("semantic extra not installed: embed, rrf and semantic skipped", file=sys.stderr)

    print(f"claim matching on {args.split} ({len(texts)} queries, {len(claims)} claims)")
    print(f"{'system':<13} {'MAP@5':>7} {'MRR':>7} {'R@1':>7} {'R@5':>7} {'q/s':>8} {'index s':>8}")
    for name, scored, qps, built in results:
        print(f"{name:<13} {scored['map_at_5']:>7.4f} {scored['mrr']:>7.4f} {scored['recall_at_1']:>7.4f} "
              f"{scored['recall_at_5']:>7.4f} {qps:>8.1f} {built:>8.1f}")


if __name__ == "__main__":
    main()
