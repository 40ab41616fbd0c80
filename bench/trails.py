#!/usr/bin/env python3
"""Trails on a real corpus: ../shared/eval/score_trails.py on the dev rumours (../shared/data/emergent-trails), split.

The 188 dev rumours are split by the SHA-256 of their id (newstrace.claims.train_retrieval.held_out: 40% held out).
Everything newstrace tunes on this data (the retrieval model, clustering and scope thresholds) was tuned on the tune
part; the held-out part is reported. For each part the scorer writes its bodies as text files, ingests them into a
fresh database with the CLI (spaCy statements included), runs `newstrace trail "<rumour headline>"` per rumour and
`newstrace claims` + each claim's trail (grouping), and prints the TF-IDF baselines of the same run (its threshold
tuned on the very data it scores: an optimistic reference).

The stance model must not have seen the part it is scored on: the held-out part is scored with a stance model
trained on FNC-1 train without the held-out rumours' bodies (`python -m newstrace.stance.train --exclude-bodies`),
passed through NEWSTRACE_STANCE_MODEL; the tune part with the shipped model (in-sample for stance).

    .venv/bin/python bench/trails.py [--parts held,tune] [--work bench/out/trails] [--reuse-db]
    .venv/bin/python bench/trails.py --before-src /path/to/old/checkout/src   # the same parts, older code, one run

Needs ../shared/data (emergent-trails, fnc-1); gold subsets are written under --work (never into the repository).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from newstrace.claims.train_retrieval import held_out  # noqa: E402

KEYS = ("trail_article_recall", "precision", "f1", "denial_recall", "denial_precision", "assert_recall", "b3_f1",
        "baseline_tuned_f1")


def write_gold(part: str, out: Path) -> list[str]:
    """claims.tsv and bodies.jsonl of the part's rumours under ``out``; returns the part's FNC body ids."""
    data = SHARED / "data" / "emergent-trails"
    out.mkdir(parents=True, exist_ok=True)
    lines = (data / "claims.tsv").read_text(encoding="utf-8").splitlines()
    keep = lambda cid: held_out(cid) == (part == "held")  # noqa: E731
    (out / "claims.tsv").write_text("\n".join([lines[0]] + [ln for ln in lines[1:] if keep(ln.split("\t", 1)[0])])
                                    + "\n", encoding="utf-8")
    bodies, ids = [], []
    for line in (data / "bodies.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and keep(json.loads(line)["claim_id"]):
            bodies.append(line)
            ids.append(str(json.loads(line)["body_id"]))
    (out / "bodies.jsonl").write_text("\n".join(bodies) + "\n", encoding="utf-8")
    return ids


def stance_without(bodies: list[str], work: Path) -> Path:
    """A stance model trained on FNC-1 train without ``bodies`` (cached under ``work``)."""
    model = work / "stance-without-held.joblib"
    if not model.exists():
        exclude = work / "held-bodies.txt"
        exclude.write_text("\n".join(bodies) + "\n", encoding="utf-8")
        subprocess.run([sys.executable, "-m", "newstrace.stance.train", "--data", str(SHARED / "data" / "fnc-1"),
                        "--exclude-bodies", str(exclude), "--out", str(model)], check=True, cwd=ROOT)
    return model


def score(part: str, work: Path, command: str, env: dict, reuse_db: bool) -> dict:
    args = [sys.executable, str(SHARED / "eval" / "score_trails.py"), "--work", str(work),
            "--gold-dir", str(work / "gold"), "--newstrace", command]
    if reuse_db:
        args.append("--reuse-db")
    proc = subprocess.run(args, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"score_trails.py failed on {part}: {proc.stderr[-800:]}")
    line = proc.stdout.strip().splitlines()[-1]
    figures = dict(re.findall(r"(\w+)=([0-9.na]+)", line))
    return {"line": line, "figures": {k: figures.get(k) for k in KEYS}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", default="held,tune")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out" / "trails")
    parser.add_argument("--reuse-db", action="store_true")
    parser.add_argument("--before-src", type=Path, help="also score an older checkout's src/ (run as -m newstrace)")
    args = parser.parse_args()
    if not (SHARED / "data" / "emergent-trails").is_dir():
        raise SystemExit("../shared/data/emergent-trails is missing: nothing to benchmark")
    results = {}
    versions = [("after", f"{sys.executable} -m newstrace", str(ROOT / "src"))]
    if args.before_src:
        versions.insert(0, ("before", f"{sys.executable} -m newstrace", str(args.before_src)))
    for part in args.parts.split(","):
        for name, command, src in versions:
            work = args.work / f"{part}-{name}"
            bodies = write_gold(part, work / "gold")
            env = dict(os.environ, PYTHONPATH=src, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"))
            if part == "held" and name == "after":
                env["NEWSTRACE_STANCE_MODEL"] = str(stance_without(bodies, args.work))
            print(f"{part} / {name}: scoring ...", file=sys.stderr, flush=True)
            results[f"{part}/{name}"] = score(part, work, command, env, args.reuse_db)
            print(f"{part}/{name}: {results[f'{part}/{name}']['line']}", flush=True)
    (args.work / "summary.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print("\n| part | " + " | ".join(KEYS) + " |\n|---|" + "---|" * len(KEYS))
    for key, r in results.items():
        print(f"| {key} | " + " | ".join(str(r["figures"][k]) for k in KEYS) + " |")


if __name__ == "__main__":
    main()
