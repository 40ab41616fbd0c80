#!/usr/bin/env python3
"""`newstrace group` on the dev rumours' article headlines (../shared/data/emergent-trails/headlines.tsv), split.

The rumours are split as in bench/trails.py (40% held out by the SHA-256 of the rumour id); GROUP_THRESHOLD and the
dense share were tuned on the tune part. For each part, the headlines go through the real command
(`newstrace group`), scored by ../shared/eval/score_grouping.py, beside the reference of the same run: TF-IDF
(sublinear tf, smoothed idf over the part's headlines, no stemming) with average-link clustering at the cosine
threshold that is best on the tune part.

    .venv/bin/python bench/grouping.py
"""
from __future__ import annotations

import csv
import json
import math
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from newstrace.claims._cluster import average_link  # noqa: E402
from newstrace.claims.train_retrieval import held_out  # noqa: E402

STOP = set("a an the and or of to in on for with at by from is are was were be been it its this that as has have "
           "had will would said says".split())


def tfidf_groups(texts: list[str], threshold: float) -> list[int]:
    toks = [[w for w in re.findall(r"[a-z0-9]+", t.lower()) if w not in STOP] for t in texts]
    df = Counter(w for t in toks for w in set(t))
    n = len(texts)
    vecs = []
    for t in toks:
        v = {w: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1) for w, c in Counter(t).items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    edges = []
    for i in range(n):
        for j in range(i + 1, n):
            s = sum(x * vecs[j].get(w, 0.0) for w, x in vecs[i].items())
            if s > 0:
                edges.append((i, j, s))
    return average_link(n, edges, threshold)


def bcubed(pred: list, gold: list) -> float:
    pm, gm = {}, {}
    for i, (p, g) in enumerate(zip(pred, gold)):
        pm.setdefault(p, set()).add(i)
        gm.setdefault(g, set()).add(i)
    prec = np.mean([len(pm[p] & gm[g]) / len(pm[p]) for p, g in zip(pred, gold)])
    rec = np.mean([len(pm[p] & gm[g]) / len(gm[g]) for p, g in zip(pred, gold)])
    return float(2 * prec * rec / (prec + rec))


def main() -> None:
    path = SHARED / "data" / "emergent-trails" / "headlines.tsv"
    if not path.exists():
        raise SystemExit(f"{path} is missing: nothing to benchmark")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    parts = {name: [r for r in rows if held_out(r["claimId"]) == (name == "held-out")] for name in ("tune", "held-out")}
    tune = parts["tune"]
    grid = [round(x, 3) for x in np.arange(0.05, 0.5, 0.025)]
    base_t = max(grid, key=lambda t: bcubed(tfidf_groups([r["articleHeadline"] for r in tune], t),
                                            [r["claimId"] for r in tune]))
    print("| part | headlines | newstrace group B-cubed F1 | TF-IDF average-link (threshold %.3f, tuned on tune) |"
          % base_t)
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, part in list(parts.items()) + [("all (in-sample)", rows)]:
            texts, gold = Path(tmp) / "t.jsonl", Path(tmp) / "g.jsonl"
            texts.write_text("".join(json.dumps({"id": r["articleId"], "text": r["articleHeadline"]}) + "\n"
                                     for r in part), encoding="utf-8")
            gold.write_text("".join(json.dumps({"id": r["articleId"], "claim": r["claimId"]}) + "\n" for r in part),
                            encoding="utf-8")
            pred = Path(tmp) / "p.jsonl"
            with open(pred, "w", encoding="utf-8") as out:
                subprocess.run([sys.executable, "-m", "newstrace", "group", str(texts)], stdout=out, check=True)
            score = subprocess.run([sys.executable, str(SHARED / "eval" / "score_grouping.py"), "--gold", str(gold),
                                    "--pred", str(pred)], capture_output=True, text=True, check=True)
            ours = json.loads(score.stdout[: score.stdout.rindex("}") + 1])["bcubed_f1"]
            base = bcubed(tfidf_groups([r["articleHeadline"] for r in part], base_t), [r["claimId"] for r in part])
            print(f"| {name} | {len(part)} | {ours:.4f} | {base:.4f} |")


if __name__ == "__main__":
    main()
