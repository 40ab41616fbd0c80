"""Trail benchmark: how long `trail` takes for a claim discussed across a 1,000-article store (median of runs).

Builds the store once (cached under bench/out/trail.db): the bundled example pages plus N generated articles in which
outlets report, repeat or deny the seed's claim (that Russia asked China for military aid) with varied wording,
speakers, dates and filler paragraphs. Then times the whole query path as the CLI runs it: open the store, find the
claim from free text, build the trail (events, merge, graph).

    .venv/bin/python bench/trail.py [--articles 1000] [--runs 21] [--rebuild]
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from importlib.resources import files
from pathlib import Path

from newstrace.pipeline import ingest
from newstrace.store import Store
from newstrace.trail import build_trail, find_claim

OUT = Path(__file__).resolve().parent / "out"
OUTLETS = ["Harbor Times", "Bay Wire", "Coastline Courier", "Northern Ledger", "Valley Post", "Metro Daily",
           "Island Gazette", "River Journal", "Capital Herald", "Plains Tribune"]
SPEAKERS = [("Anna Berg", "a foreign ministry spokeswoman"), ("Tomas Ruiz", "a senior defence official"),
            ("Lena Ortiz", "a government spokesperson"), ("Marek Nowak", "an analyst at the Eastern Institute")]
ASSERT = ["{outlet_src} reported that anonymous officials had said that Russia had asked China for military aid.",
          "Russia has asked China for military equipment, according to officials familiar with the matter.",
          "Officials said that Moscow requested Chinese weapons and financial support."]
DENY = ['"These reports are false," {name}, {role}, said on {day}.',
        "{name}, {role}, denied that Russia had asked China for military aid.",
        "{name} rejected claims that Russia sought military support from China."]
# Background sentences are assembled from parts so that articles differ as real ones do (a corpus of templated
# near-copies would be one big reprint cluster: bench/reuse.py measures that case).
SUBJECTS = ["The council", "Rail workers", "The harbor board", "Farmers in the north", "The central bank",
            "Teachers' unions", "The energy regulator", "Local hospitals", "The ferry operator", "City planners",
            "The opposition party", "Exporters", "The weather service", "Airport staff", "The housing agency"]
VERBS = ["discussed", "warned about", "voted on", "published figures on", "asked for talks about", "criticised",
         "welcomed", "delayed a decision on", "proposed changes to", "reported progress on"]
OBJECTS = ["the budget for next year", "fuel prices", "a new ferry line", "grain exports", "interest rates",
           "school funding", "power cuts", "wage talks", "the storm damage", "rents in the capital",
           "the airport expansion", "water quality", "road repairs", "the pension reform", "fishing quotas"]
TAILS = ["on {day}", "after a long meeting", "in a statement", "despite objections", "for the third time this year",
         "according to local reports", "amid growing pressure", "earlier than expected"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_pages(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    for i in range(n):
        outlet = rng.choice(OUTLETS)
        name, role = rng.choice(SPEAKERS)
        day = rng.choice(DAYS)
        lines = [rng.choice(ASSERT).format(outlet_src=rng.choice(OUTLETS))]
        if rng.random() < 0.4:
            lines.append(rng.choice(DENY).format(name=name, role=role, day=day))
        lines += [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS).format(day=day)}, "
                  f"and {rng.randint(2, 900)} people {rng.choice(VERBS)} {rng.choice(OBJECTS)}."
                  for _ in range(rng.randint(3, 6))]
        date = f"2022-03-{13 + i % 15:02d}"
        paras = "".join(f"<p>{line}</p>" for line in lines)
        (folder / f"gen{i:05d}.html").write_text(
            f"<html><head><title>Report {i} on Russia and China</title><meta property='og:site_name' content='{outlet}'>"
            f"<meta property='article:published_time' content='{date}'></head><body><article>"
            f"<h1>Report {i} on Russia and China</h1>{paras}</article></body></html>", encoding="utf-8")


def build(db: Path, n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        make_pages(Path(tmp), n)
        with Store(str(db)) as store:
            started = time.perf_counter()
            summary = ingest([str(files("newstrace") / "examples"), tmp], store)
            print(f"built {db} with {store.counts()} in {time.perf_counter() - started:.0f}s "
                  f"({summary.new} new)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    db = OUT / f"trail-{args.articles}.db"
    if args.rebuild or not db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        build(db, args.articles)
    times, size = [], 0
    for _ in range(args.runs):
        started = time.perf_counter()
        with Store(str(db), readonly=True) as store:
            claim = find_claim(store, "Russia asked China for military aid")
            trail = build_trail(store, claim)
        times.append(time.perf_counter() - started)
        size = len(trail["events"])
    with Store(str(db), readonly=True) as store:
        articles = store.counts()["articles"]
    print(f"trail over {articles} articles: {size} events, median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms over {args.runs} runs (gate: median < 1000 ms)")


if __name__ == "__main__":
    main()
