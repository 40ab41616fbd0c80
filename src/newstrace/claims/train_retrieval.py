"""Train the free-text retrieval model (``models/retrieval.json``) on the tune split of the dev rumours.

    python -m newstrace.claims.train_retrieval --data ../shared/data/emergent-trails \
        --bodies ../shared/data/fnc-1/train_bodies.csv [--out PATH] [--split tune|all]

The rumours (claims.tsv) are split by a hash of their id (:func:`held_out`: 40% held out for reporting, never seen
here). The tune rumours' article bodies are ingested into a temporary store exactly as ``newstrace ingest`` stores a
text file (without statements: retrieval does not read them), claims are discovered, and for every tune rumour with
at least MIN_BODIES bodies the rumour's headline is the query: each candidate's features
(:data:`newstrace.claims._retrieve.FEATURES`) against whether it is one of the rumour's bodies. A logistic regression
(lbfgs, deterministic) is fitted, and the probability threshold that gives the best micro F1 over the tune rumours
(articles never retrieved count as misses) is stored with it.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from ._retrieve import FEATURES, MODEL_PATH, features

# Rumours with fewer bodies are not queries (as in ../shared/eval/score_trails.py).
MIN_BODIES = 3
# Share of rumours held out for reporting (by hash of the claim id).
HELD_OUT_FIFTHS = 2
# Regularisation of the logistic regression (sklearn's C).
C = 1.0


def held_out(claim_id: str) -> bool:
    """Whether a dev rumour is in the held-out split (40%, by the SHA-256 of its id): reported on, never tuned on."""
    return int(hashlib.sha256(claim_id.encode("utf-8")).hexdigest()[:8], 16) % 5 < HELD_OUT_FIFTHS


def read_gold(data: Path, bodies_csv: Path, split: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(claim id -> headline, body id -> claim id, body id -> text) for the rumours of ``split`` (tune|held|all)."""
    with open(data / "claims.tsv", encoding="utf-8", newline="") as handle:
        claims = {r["claimId"]: r["claimHeadline"] for r in csv.DictReader(handle, delimiter="\t")}
    keep = (lambda c: True) if split == "all" else (lambda c: held_out(c) == (split == "held"))
    claim_of = {}
    with open(data / "bodies.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                r = json.loads(line)
                if keep(r["claim_id"]):
                    claim_of[str(r["body_id"])] = r["claim_id"]
    csv.field_size_limit(1 << 30)
    with open(bodies_csv, encoding="utf-8", newline="") as handle:
        texts = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(handle) if r["Body ID"] in claim_of}
    return claims, claim_of, texts


def build_store(texts: dict[str, str], folder: Path, similarity):
    """Ingest the bodies as ``score_trails.py`` writes them (a neutral first line, a blank line, the body), without
    statements, then discover claims. Returns (store, article id -> body id)."""
    from ..pipeline import ingest
    from ..store import Store
    from ._claim import ClaimBuilder
    from ._discover import discover

    pages = folder / "bodies"
    pages.mkdir(parents=True, exist_ok=True)
    for body, text in texts.items():
        (pages / f"b{body}.txt").write_text(f"Development article {body}\n\n{text.strip()}\n", encoding="utf-8")
    store = Store(str(folder / "train.db"))
    if not store.counts()["articles"]:
        ingest([str(pages)], store, analyse=False)
    discover(store, similarity, ClaimBuilder(store, similarity, None))
    body_of = {}
    for art in store.articles():
        name = Path(art.source).name
        body_of[art.id] = name[1:-4]
    return store, body_of


def training_rows(store, body_of, claims, claim_of, similarity):
    """Feature rows, labels, and the number of gold articles per query rumour."""
    members: dict[str, set[str]] = {}
    art_of = {b: a for a, b in body_of.items()}
    for body, claim in claim_of.items():
        if body in art_of:
            members.setdefault(claim, set()).add(art_of[body])
    xs, ys, gold = [], [], 0
    for claim in sorted(members):
        if len(members[claim]) < MIN_BODIES:
            continue
        gold += len(members[claim])
        ids, x, _, _ = features(store, claims[claim], similarity)
        xs.append(x)
        ys.append(np.array([a in members[claim] for a in ids], dtype=np.int64))
    return np.vstack(xs), np.concatenate(ys), gold


def best_threshold(p: np.ndarray, y: np.ndarray, gold: int) -> tuple[float, float]:
    order = np.argsort(-p, kind="stable")
    tp = np.cumsum(y[order])
    k = np.arange(1, len(p) + 1)
    f1 = 2 * tp / (k + gold)
    i = int(np.argmax(f1))
    return float(p[order][i]), float(f1[i])


def main(argv: list[str] | None = None) -> None:
    from sklearn.linear_model import LogisticRegression

    from ._step import make_similarity

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="the emergent-trails folder")
    parser.add_argument("--bodies", type=Path, required=True, help="FNC-1 train_bodies.csv")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--split", choices=("tune", "all"), default="tune")
    parser.add_argument("--work", type=Path, help="keep the training store here (reused when present)")
    args = parser.parse_args(argv)
    similarity = make_similarity()
    claims, claim_of, texts = read_gold(args.data, args.bodies, args.split)
    with tempfile.TemporaryDirectory() as tmp:
        store, body_of = build_store(texts, args.work or Path(tmp), similarity)
        x, y, gold = training_rows(store, body_of, claims, claim_of, similarity)
        store.close()
    model = LogisticRegression(C=C, max_iter=5000).fit(x, y)
    p = model.predict_proba(x)[:, 1]
    threshold, f1 = best_threshold(p, y, gold)
    out = {"features": list(FEATURES), "coef": [round(float(c), 6) for c in model.coef_[0]],
           "intercept": round(float(model.intercept_[0]), 6), "threshold": round(threshold, 6),
           "trained_on": f"emergent-trails {args.split} split: {len(set(claim_of.values()))} rumours, "
                         f"{len(texts)} bodies", "tune_micro_f1": round(f1, 4)}
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"{args.out}: tune micro F1 {f1:.4f} at p >= {threshold:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
