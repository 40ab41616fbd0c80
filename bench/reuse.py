"""Reuse benchmark: reprint recall, false links, and how cost grows with the corpus (log-log slope).

Synthetic corpora are grown from real texts (the AEB gold article bodies in ../shared/data/aeb): each document is
a sequence of 12-word runs taken from random places of the real texts, so documents read like news but are
distinct; REPRINT_SHARE of them get a reprint (a copy with a new header line and 10% of words replaced). Measured
per size: fingerprinting every document plus finding and verifying all links, as ingest does.

    .venv/bin/python bench/reuse.py                   # sizes 1000, 10000, 100000
    .venv/bin/python bench/reuse.py --sizes 1000,5000
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

from newstrace.reuse import find_links, fingerprint

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REPRINT_SHARE = 0.05
DOC_WORDS = 300
RUN_WORDS = 12


def corpus_words(data: Path) -> list[str]:
    gold = json.loads((data / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    return re.findall(r"\S+", " ".join(v["articleBody"] for v in gold.values()))


def make_corpus(words: list[str], n: int, seed: int) -> tuple[dict[str, str], dict[str, str]]:
    rng = np.random.default_rng(seed)
    runs = DOC_WORDS // RUN_WORDS
    starts = rng.integers(0, len(words) - RUN_WORDS, size=(n, runs))
    texts, pairs = {}, {}
    for i in range(n):
        texts[f"d{i}"] = " ".join(" ".join(words[s : s + RUN_WORDS]) for s in starts[i])
    n_reprints = int(n * REPRINT_SHARE)
    for i in range(n_reprints):
        original = texts[f"d{i}"].split()
        mask = rng.random(len(original)) < 0.10
        edited = [rng.choice(["reportedly", "officials", "local", "new"]) if m else w for w, m in zip(original, mask)]
        texts[f"r{i}"] = "Distributed by a wire service\n" + " ".join(edited)
        pairs[f"d{i}"] = f"r{i}"
    return texts, pairs


def run(texts: dict[str, str]) -> tuple[float, list]:
    meta = {k: {"id": k, "published": "2024-01-02" if k.startswith("r") else "2024-01-01"} for k in texts}
    started = time.perf_counter()
    prints = [fingerprint(k, v) for k, v in texts.items()]
    links = find_links(prints, texts.__getitem__, meta)
    return time.perf_counter() - started, links


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=SHARED / "data")
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    if not (args.data / "aeb" / "ground-truth.json").exists():
        sys.exit(f"bench/reuse.py: {args.data}/aeb/ground-truth.json not found (pass --data)")
    words = corpus_words(args.data)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    print(f"{'documents':>10} {'seconds':>9} {'docs/s':>9} {'reprints':>9} {'found':>7} {'false reprints':>15}"
          f" {'shared passages':>16}")
    for n in sizes:
        texts, pairs = make_corpus(words, n, seed=n)
        seconds, links = run(texts)
        found = {(l.source, l.target) for l in links if l.type == "reprint"}
        hit = sum((a, b) in found for a, b in pairs.items())
        # any other reprint link is false; a shares-passages link between two generated documents is real
        # (they copy 12-word runs from the same texts, and two neighbouring runs make a 24-word shared passage)
        false = sum(1 for l in links if l.type == "reprint" and pairs.get(l.source) != l.target)
        shared = sum(1 for l in links if l.type != "reprint" and pairs.get(l.source) != l.target)
        rows.append((len(texts), seconds))
        print(f"{len(texts):>10} {seconds:>9.2f} {len(texts) / seconds:>9.0f} {len(pairs):>9} {hit:>7} {false:>15}"
              f" {shared:>16}")
    if len(rows) >= 2:
        xs = np.log([r[0] for r in rows])
        ys = np.log([r[1] for r in rows])
        slope = float(np.polyfit(xs, ys, 1)[0])
        print(f"log-log slope of time against corpus size: {slope:.3f} (1.0 = linear; gate: <= 1.15)")
        print(f"reuse: slope {slope:.3f}, recall {hit}/{len(pairs)} at the largest size, {false} false reprint links")


if __name__ == "__main__":
    main()
