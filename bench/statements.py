#!/usr/bin/env python3
"""Statement extraction on PolNeAR dev: quality (the shared scorer) and throughput, in one run.

    .venv/bin/python bench/statements.py [--data ../shared] [--skip-scaling]

Times the spaCy pipeline alone (nlp.pipe over the dev texts, the same pipeline configuration newstrace uses)
and newstrace's whole extraction (its parse included), writes predictions to bench/out/statements_dev.jsonl,
scores them with shared/eval/score_attribution.py, and prints F1/P/R, speaker accuracy and the time ratio.
Then times extraction on synthetic 0.25, 0.5 and 1 MB texts and prints seconds per MB (linear time check).
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from pathlib import Path

from newstrace.analyse import extract_statements, load_pipeline, statements_from_docs
from newstrace.analyse._pipeline import parse_many

ROOT = Path(__file__).resolve().parents[1]
SCALING_SIZES_MB = (0.25, 0.5, 1.0)
SYNTHETIC_PARAGRAPH = ('"We will not accept this," Mayor Ana Ruiz said on Monday. The council said that the budget '
                       "was balanced, according to a report released by the city. Officials told reporters the "
                       "vote would come next week.\n\n")


def _metadata(data: Path) -> dict[str, str]:
    """Publication date per PolNeAR file name."""
    dates: dict[str, str] = {}
    with open(data / "polnear" / "metadata.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            dates[row["filename"]] = row.get("publication_date") or ""
    return dates


def main() -> int:
    """Run the benchmark; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder (holds data/polnear and eval/)")
    parser.add_argument("--skip-scaling", action="store_true", help="do not run the size-scaling check")
    args = parser.parse_args()
    dev = args.data / "data" / "polnear" / "dev"
    scorer = args.data / "eval" / "score_attribution.py"
    if not (dev / "text").is_dir() or not scorer.is_file():
        print(f"error: PolNeAR dev or the scorer not found under {args.data} (use --data)", file=sys.stderr)
        return 2
    paths = sorted((dev / "text").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    dates = _metadata(args.data / "data")
    nlp = load_pipeline()
    print(f"pipeline {nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}: {nlp.pipe_names}; "
          f"{len(texts)} texts, {sum(map(len, texts)):,} chars", file=sys.stderr)
    list(nlp.pipe(texts[:2]))  # warm-up, so neither timing pays for first-call set-up

    def spacy_alone() -> float:
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts):
            pass
        return time.perf_counter() - t0

    # spaCy alone is timed before and after newstrace and the faster run kept, so a load change on a shared
    # machine during one of them cannot flatter the ratio.
    spacy_before = spacy_alone()
    t0 = time.perf_counter()
    predictions = []
    for path, text, docs in zip(paths, texts, parse_many(texts, nlp)):
        predictions.extend(statements_from_docs(text, docs, source=str(path), published=dates.get(path.stem)))
    ours_s = time.perf_counter() - t0
    spacy_after = spacy_alone()
    spacy_s = min(spacy_before, spacy_after)

    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    pred_path = out / "statements_dev.jsonl"
    with open(pred_path, "w", encoding="utf-8") as handle:
        for statement in predictions:
            handle.write(json.dumps(statement, ensure_ascii=False) + "\n")
    done = subprocess.run([sys.executable, str(scorer), "--gold", str(dev), "--pred", str(pred_path)],
                          capture_output=True, text=True, check=True)
    start = done.stdout.find("{")
    result = json.loads(done.stdout[start:done.stdout.rfind("}") + 1])
    head = result["attribution_speech"]
    print(f"statements: {len(predictions)} on {len(texts)} texts -> {pred_path}")
    print(f"speech attribution F1 {head['f1']:.4f}  P {head['precision']:.4f}  R {head['recall']:.4f}")
    print(f"speaker accuracy on matched {result['speaker_accuracy_on_matched']:.4f}  "
          f"cue accuracy on matched {result['cue_accuracy_on_matched']:.4f}  "
          f"content overlap F1 (all) {result['content_overlap_all']['f1']:.4f}")
    print(f"time: spaCy alone {spacy_before:.2f}s before / {spacy_after:.2f}s after, newstrace {ours_s:.2f}s, "
          f"ratio {ours_s / spacy_s:.3f} (against the faster spaCy run)")

    if not args.skip_scaling:
        for size_mb in SCALING_SIZES_MB:
            size = int(size_mb * 1_000_000)
            text = (SYNTHETIC_PARAGRAPH * (size // len(SYNTHETIC_PARAGRAPH) + 1))[:size]
            t0 = time.perf_counter()
            found = extract_statements(text, nlp, published="2024-05-06")
            seconds = time.perf_counter() - t0
            print(f"scaling: {size_mb:.2f} MB -> {seconds:.2f}s ({seconds / size_mb:.2f} s/MB), {len(found)} statements")
    return 0


if __name__ == "__main__":
    sys.exit(main())
