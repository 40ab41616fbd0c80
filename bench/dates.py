#!/usr/bin/env python3
"""Benchmark newstrace's publication-date cascade against htmldate on the shared date set.

usage: .venv/bin/python bench/dates.py [--data DIR] [--out DIR] [--limit N]

Both systems run over every page of DIR/html/*.gz (default ../shared/data/dates), each given the gold URL as a
user would pass --url. newstrace is timed on its real path: ``decode`` bytes are parsed with trafilatura's
``load_html`` and handed to ``find_dates``; htmldate gets the decoded text and parses it itself
(``find_date(html, url=url, extensive_search=True, original_date=True)``, the reference). Decoding is shared and
not timed. The two systems alternate page by page so that machine load hits both alike. A third row, "newstrace
article", is what a user gets: ``extract_document``'s ``published`` (untimed), where a page whose main text cannot
be found must still be dated. Predictions go to OUT/*.jsonl and are scored with ../shared/eval/score_dates.py on
three parts of the pages (bench/_split.py): "tune" (the pages the cascade's rules and constants were chosen on),
"held-out" (never tuned on) and "all" (in-sample, as it contains the tune part).
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from _split import PARTS, gold_subsets, part_of  # noqa: E402

SHARED = ROOT.parent / "shared"
# Pages run untimed first so that one-time loading (dateparser's locales, regex compilation) is not timed.
WARMUP_PAGES = 20


def _score(scorer: Path, gold: Path, pred: Path) -> dict:
    proc = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"scorer failed on {pred}:\n{proc.stderr}")
    # the scorer prints the result as (indented) JSON, then one summary line
    body = proc.stdout.strip().rsplit("\n", 1)[0]
    try:
        return json.loads(body)
    except ValueError:
        raise SystemExit(f"could not read the scorer's output for {pred}:\n{proc.stdout}") from None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "dates", help="folder with gold.json and html/")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="where predictions are written")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score_dates.py")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    args = parser.parse_args()

    gold_path = args.data / "gold.json"
    pages = sorted((args.data / "html").glob("*.gz"))
    if not gold_path.is_file() or not pages:
        raise SystemExit(f"date evaluation data not found: expected {gold_path} and {args.data / 'html'}/*.gz "
                         "(pass --data DIR)")
    if not args.scorer.is_file():
        raise SystemExit(f"scorer not found: {args.scorer} (pass --scorer FILE)")
    if args.limit:
        pages = pages[: args.limit]

    sys.path.insert(0, str(ROOT / "src"))
    from htmldate import find_date
    from trafilatura.utils import load_html

    from newstrace import Document, InputError, extract_document
    from newstrace.extract._dates import find_dates
    from newstrace.extract._decode import decode

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    outputs = {"newstrace": args.out / "dates_newstrace.jsonl", "htmldate": args.out / "dates_htmldate.jsonl",
               "newstrace article": args.out / "dates_newstrace_article.jsonl"}
    handles = {name: path.open("w", encoding="utf-8") for name, path in outputs.items()}
    spent = {"newstrace": 0.0, "htmldate": 0.0}
    rules: dict[str, int] = {}

    def run_newstrace(text: str, url: str | None) -> str | None:
        start = time.perf_counter()
        tree = load_html(text)
        result = find_dates(tree, url) if tree is not None else None
        spent["newstrace"] += time.perf_counter() - start
        if result is not None:
            rules[result.source or "none"] = rules.get(result.source or "none", 0) + 1
        return result.published if result else None

    def run_htmldate(text: str, url: str | None) -> str | None:
        start = time.perf_counter()
        try:
            value = find_date(text, url=url, extensive_search=True, original_date=True)
        except Exception:  # count a crash as "no date", as a user would see it
            value = None
        spent["htmldate"] += time.perf_counter() - start
        return value

    # warm-up, untimed: the first calls load dateparser's locale data and compile its patterns (seconds, once per
    # process), a cost shared by both systems through htmldate that would otherwise land on whichever ran first
    for page in pages[:WARMUP_PAGES]:
        text, _ = decode(gzip.decompress(page.read_bytes()), page.name)
        find_date(text, extensive_search=True, original_date=True)
        tree = load_html(text)
        if tree is not None:
            find_dates(tree)
    spent.update(newstrace=0.0, htmldate=0.0)

    for number, page in enumerate(pages):
        name = page.name[:-3]  # the scorer joins by stem, so the ".gz" ending does not matter
        url = (gold.get(name) or {}).get("url")
        text, _ = decode(gzip.decompress(page.read_bytes()), name)
        order = (("newstrace", run_newstrace), ("htmldate", run_htmldate))
        for system, func in order if number % 2 == 0 else order[::-1]:
            handles[system].write(json.dumps({"source": page.name, "published": func(text, url)}) + "\n")
        try:
            article = extract_document(Document(source=page.name, content=gzip.decompress(page.read_bytes()),
                                                kind="html", url=url))
            published = article.published
        except InputError as err:
            print(f"newstrace: {err}", file=sys.stderr)
            published = None
        handles["newstrace article"].write(json.dumps({"source": page.name, "published": published}) + "\n")
    for handle in handles.values():
        handle.close()

    n = len(pages)
    names = {page.name[:-3] for page in pages}
    golds = gold_subsets({key: entry for key, entry in gold.items() if key in names}, lambda key, _entry: key)
    counts = {part: sum(1 for name in names if part == "all" or part_of(name) == part) for part in PARTS}
    print(f"{n} pages from {args.data}: tune {counts['tune']}, held-out {counts['held-out']} (bench/_split.py); "
          "'all' is in-sample\n")
    print(f"{'system':<17} {'part':<9} {'accuracy':>8} {'precision':>9} {'dated':>6} {'pages/s':>8}")
    speed = {}
    for system, path in outputs.items():
        speed[system] = n / spent[system] if spent.get(system) else float("nan")
        for part in PARTS:
            result = _score(args.scorer, golds[part], path)
            shown = f"{speed[system]:>8.1f}" if part == "all" and system in spent else ""
            print(f"{system:<17} {part:<9} {result['accuracy']:>8.4f} {result['precision']:>9.4f} "
                  f"{result['dated']:>6} {shown}")
    print(f"\nspeed ratio newstrace/htmldate: {speed['newstrace'] / speed['htmldate']:.2f} "
          "(above 1: newstrace is faster; newstrace includes parsing with load_html)")
    print("newstrace rules used: " + ", ".join(f"{k} {v}" for k, v in sorted(rules.items(), key=lambda x: -x[1])))
    print(f"predictions: {', '.join(str(p) for p in outputs.values())}")


if __name__ == "__main__":
    main()
