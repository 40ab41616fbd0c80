"""Main-text extraction on the Article Extraction Benchmark: newstrace vs trafilatura, in one run.

usage: python bench/extraction.py [--data PATH_TO_SHARED_DATA_AEB] [--repeat N]

Systems, each over every page of data/aeb (pages read into memory before any timing):
  newstrace                  newstrace.extract_document on the page bytes (the whole public HTML path:
                             decode, parse, dates, main text, metadata)
  trafilatura default        trafilatura.extract(html): the reference
  trafilatura fast nocomm    trafilatura.extract(html, include_comments=False, fast=True) (no fallback extractors)
Predictions go to bench/out/<system>.jsonl; each is scored with ../shared/eval/score_extraction.py on three parts of
the pages (bench/_split.py): "tune" (the pages the extractor's rules and constants were chosen on), "held-out" (never
tuned on: the figure that says how it generalises) and "all" (in-sample, as it contains the tune part).

--other DIR (e.g. ../shared/data/dates/html, 799 pages of other, mostly European, sites with no gold text): a
robustness check with no tuning possible: how often newstrace returns no text where trafilatura default finds some,
and how far the two agree (4-token shingle F1 of one against the other, the benchmark's own measure).
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _split import PARTS, gold_subsets, part_of  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REFERENCE_F1 = 0.958  # DESIGN.md: trafilatura 2.3.1 reference on data/aeb


def load_pages(data: Path) -> dict[str, bytes]:
    pages = {}
    for path in sorted((data / "html").glob("*.html.gz")):
        pages[path.name] = gzip.decompress(path.read_bytes())
    return pages


def run_newstrace(pages: dict[str, bytes]) -> dict[str, str]:
    import newstrace

    out = {}
    for name, content in pages.items():
        try:
            article = newstrace.extract_document(newstrace.Document(source=name, content=content, kind="html"))
            out[name] = article.text
        except newstrace.InputError as err:
            print(f"newstrace: {err}", file=sys.stderr)
            out[name] = ""
    return out


def run_trafilatura(pages: dict[str, str], **options) -> dict[str, str]:
    import trafilatura

    return {name: trafilatura.extract(html, **options) or "" for name, html in pages.items()}


def timed(fn, pages) -> tuple[dict[str, str], float]:
    start = time.perf_counter()
    result = fn(pages)
    return result, len(pages) / (time.perf_counter() - start)


def score(gold: Path, pred: Path) -> dict:
    scorer = SHARED / "eval" / "score_extraction.py"
    proc = subprocess.run(
        [sys.executable, str(scorer), "--gold-format", "aeb", "--gold", str(gold), "--pred", str(pred)],
        capture_output=True, text=True, check=True,
    )
    # the scorer prints a JSON report, then one summary line
    text = proc.stdout
    report, _end = json.JSONDecoder().raw_decode(text[text.find("{"):])
    return report


def find_metric(report: dict, key: str):
    if key in report:
        return report[key]
    for value in report.values():
        if isinstance(value, dict):
            found = find_metric(value, key)
            if found is not None:
                return found
    return None


def other_sites(folder: Path) -> int:
    """Pages without gold text: newstrace's empty outputs and its agreement with trafilatura default."""
    import statistics

    from newstrace import InputError
    from newstrace.extract._decode import decode

    sys.path.insert(0, str(SHARED / "eval"))
    from score_extraction import shingle_scores

    paths = sorted(folder.glob("*.gz"))
    if not paths:
        print(f"error: no *.gz pages under {folder}", file=sys.stderr)
        return 2
    pages = {path.name: gzip.decompress(path.read_bytes()) for path in paths}
    ours = run_newstrace(pages)
    texts = {}
    for name, content in pages.items():
        try:
            texts[name] = decode(content, name)[0]
        except InputError:
            texts[name] = ""
    theirs = run_trafilatura(texts)
    long_enough = [name for name in pages if len(theirs[name]) >= 250]
    lost = [name for name in long_enough if not ours[name].strip()]
    agreement = [shingle_scores([(theirs[name], ours[name])])["f1"] for name in long_enough]
    print(f"{len(pages)} pages of other sites from {folder} (no gold: agreement only)")
    print(f"pages where trafilatura default finds 250+ characters: {len(long_enough)}")
    print(f"  newstrace empty on them: {len(lost)}  {' '.join(sorted(lost)[:10])}")
    print(f"  newstrace vs trafilatura shingle F1: median {statistics.median(agreement):.3f}, "
          f"mean {statistics.mean(agreement):.3f}, below 0.5 on {sum(1 for a in agreement if a < 0.5)} pages")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "aeb")
    parser.add_argument("--repeat", type=int, default=1, help="time N interleaved rounds of all systems, keep each one's fastest")
    parser.add_argument("--other", type=Path, help="folder of *.gz pages of other sites: robustness check only")
    args = parser.parse_args()
    if args.other:
        return other_sites(args.other)
    gold = args.data / "ground-truth.json"
    if not gold.is_file() or not (args.data / "html").is_dir():
        print(f"error: no AEB data at {args.data} (expected ground-truth.json and html/)", file=sys.stderr)
        return 2
    pages = load_pages(args.data)
    if not pages:
        print(f"error: no html/*.html.gz pages under {args.data}", file=sys.stderr)
        return 2
    texts = {name: content.decode("utf-8", errors="replace") for name, content in pages.items()}
    golds = gold_subsets(json.loads(gold.read_text(encoding="utf-8")), lambda key, _entry: key)

    systems = [
        ("newstrace", lambda: timed(run_newstrace, pages)),
        ("trafilatura default", lambda: timed(lambda p: run_trafilatura(p), texts)),
        # fast=True skips trafilatura's fallback extractors: what newstrace's first pass builds on
        ("trafilatura fast nocomm", lambda: timed(lambda p: run_trafilatura(p, include_comments=False, fast=True), texts)),
    ]
    # rounds interleave the systems (so a load change on the machine hits all of them); the fastest round counts
    results: dict[str, tuple[dict[str, str], float]] = {}
    for _round in range(max(1, args.repeat)):
        for label, run in systems:
            preds, speed = run()
            best = results.get(label, (preds, 0.0))[1]
            results[label] = (preds, max(speed, best))
            print(f"round {_round + 1}: {label} {speed:.1f} pages/s", file=sys.stderr)
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    counts = {part: sum(1 for name in pages if part == "all" or part_of(name) == part) for part in PARTS}
    print(f"{len(pages)} pages from {args.data}: tune {counts['tune']}, held-out {counts['held-out']} "
          "(bench/_split.py); 'all' is in-sample\n")
    print(f"{'system':<26} {'part':<9} {'F1':>7} {'prec':>7} {'recall':>7} {'pages/s':>8}")
    for label, _run in systems:
        preds, speed = results[label]
        path = out_dir / (label.replace(" ", "_") + ".jsonl")
        with path.open("w", encoding="utf-8") as fh:
            for name, text in preds.items():
                fh.write(json.dumps({"source": name, "text": text}, ensure_ascii=False) + "\n")
        for part in PARTS:
            report = score(golds[part], path)
            f1, p, r = (find_metric(report, key) for key in ("f1", "precision", "recall"))
            shown = f"{speed:>8.1f}" if part == "all" else ""
            print(f"{label:<26} {part:<9} {f1:>7.4f} {p:>7.4f} {r:>7.4f} {shown}")
    print(f"{'reference (DESIGN.md)':<26} {'all':<9} {REFERENCE_F1:>7.3f}")
    ratio = results["newstrace"][1] / results["trafilatura default"][1]
    print(f"speed ratio newstrace / trafilatura default: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
