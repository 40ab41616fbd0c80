#!/usr/bin/env python3
"""Benchmark the stance model on FNC-1 with held-out bodies, scored by ../shared/eval/score_stance.py.

usage: .venv/bin/python bench/stance.py [--data DIR] [--out DIR] [--split body|claim|both] [--held-out 0.2]
                                        [--seed 0] [--model FILE] [--no-shipped] [--before GITREF]

For each split, in one run:
  1. a fixed share (default 20%) of the bodies is held out (seeded); with --split claim, whole claim groups
     (bodies joined through their related headlines) are held out instead: no headline of a held-out claim
     is seen as related in training, the stricter test and the closer one to the unseen competition test set;
  2. the recipe of `python -m newstrace.stance.train` (same code, same settings) is fitted on the remaining pairs
     only: vocabulary, latent topics and both stages;
     (the recipe tunes its decision priors on claim-held-out folds of those training pairs only; the line
     "(no priors)" shows the same model's plain arg-max);
  3. the held-out pairs are predicted through the public path (StanceModel.predict: features included) and timed;
     the speed line times predict on 100 held-out pairs on one thread (median of 3 runs);
  4. a baseline is scored beside it: TF-IDF cosine with a threshold fitted on the training pairs, related pairs
     all given the training majority related label ("reports");
  5. the gold subset (FNC-shaped CSV) and the predictions (JSON Lines) go to OUT/, and the scorer reads them.
With --before GITREF (e.g. HEAD), the stance package as committed at GITREF is trained and scored on the same
split in the same run (read with `git show`; the working tree is not touched): the before/after comparison.
The shipped model (trained on every pair) has no held-out figure of its own: its honest figure is the held-out
figure of its recipe above. It is also run on the held-out pairs, shown as in-sample (it has seen them).
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from newstrace.stance._data import Dataset, body_split, load_fnc  # noqa: E402
from newstrace.stance._features import FeatureExtractor  # noqa: E402
from newstrace.stance._labels import LABEL_TO_FNC, LABELS  # noqa: E402
from newstrace.stance._model import StanceModel  # noqa: E402


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _write_gold(path: Path, data: Dataset) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"])
        for claim, body, label in zip(data.claims, data.bodies, data.labels):
            writer.writerow([claim, body, LABEL_TO_FNC[label]])


def _write_pred(path: Path, labels: list[str], scores: list[float] | None = None) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for i, label in enumerate(labels):
            record = {"id": i, "stance": label}
            if scores is not None:
                record["score"] = round(scores[i], 4)
            handle.write(json.dumps(record) + "\n")


def _score(scorer: Path, gold: Path, pred: Path) -> dict:
    proc = subprocess.run([sys.executable, str(scorer), "score", "--stances", str(gold), "--pred", str(pred)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"scorer failed on {pred}:\n{proc.stderr}")
    body = proc.stdout.strip().rsplit("\n", 1)[0]  # indented JSON, then one summary line
    try:
        return json.loads(body)
    except ValueError:
        raise SystemExit(f"could not read the scorer's output for {pred}:\n{proc.stdout}") from None


def _line(name: str, result: dict, extra: str = "") -> str:
    per = " ".join(f"{k}={v['f1']:.3f}" for k, v in result["per_class"].items())
    return (f"{name:<34} FNC {result['fnc_score']:.4f}  macro-F1 {result['macro_f1']:.4f}  "
            f"acc {result['accuracy']:.4f}  F1: {per}{extra}")


def _baseline(train: Dataset, test: Dataset) -> list[str]:
    """TF-IDF cosine over the training vocabulary; threshold that best splits related/unrelated in training."""
    fx = FeatureExtractor(svd_components=2).fit(train.claims, list(dict.fromkeys(train.texts)))

    def cosine(data: Dataset) -> np.ndarray:
        claims, texts = fx.tfidf.transform(data.claims), fx.tfidf.transform(data.texts)
        return np.asarray(claims.multiply(texts).sum(axis=1)).ravel()

    cos_train = cosine(train)
    related = np.array([label != "unrelated" for label in train.labels])
    grid = np.linspace(0.0, 0.5, 101)
    threshold = grid[int(np.argmax([np.mean((cos_train >= t) == related) for t in grid]))]
    counts = {label: train.labels.count(label) for label in LABELS if label != "unrelated"}
    majority = max(counts, key=counts.get)
    _log(f"baseline: cosine threshold {threshold:.3f}, related pairs -> {majority!r}")
    return [majority if c >= threshold else "unrelated" for c in cosine(test)]


def _load_before(ref: str):
    """The StanceModel class of the stance package as committed at git REF, loaded as newstrace._stance_before."""
    import importlib.util
    import tempfile

    listing = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", ref, "src/newstrace/stance/"],
                             capture_output=True, text=True, check=False)
    if listing.returncode != 0:
        raise SystemExit(f"--before {ref}: {listing.stderr.strip()}")
    folder = Path(tempfile.mkdtemp(prefix="stance-before-"))
    for name in listing.stdout.split():
        if name.endswith(".py"):
            blob = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:{name}"], capture_output=True, check=True)
            (folder / Path(name).name).write_bytes(blob.stdout)
    spec = importlib.util.spec_from_file_location("newstrace._stance_before", folder / "__init__.py",
                                                  submodule_search_locations=[str(folder)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.StanceModel


def _speed(model, test: Dataset, n: int = 100) -> str:
    """Median seconds of 3 predict calls on n held-out pairs (fresh texts each call), on one thread."""
    from threadpoolctl import threadpool_limits

    times = []
    with threadpool_limits(1):
        for k in range(3):
            pairs = test.pairs[k * n:(k + 1) * n]
            start = time.perf_counter()
            model.predict(pairs)
            times.append(time.perf_counter() - start)
    words = np.mean([len(t.split()) for _, t in test.pairs[:3 * n]])
    return f"predict {n} pairs (mean {words:.0f} words/text), one thread: {sorted(times)[1]:.2f}s (median of 3)"


def run_split(data: Dataset, by: str, args, shipped: StanceModel | None, before=None) -> None:
    from threadpoolctl import threadpool_limits

    train_rows, test_rows = body_split(data, held_out=args.held_out, seed=args.seed, by=by)
    train, test = data.subset(train_rows), data.subset(test_rows)
    print(f"\n== split by {by}: train {len(train)} pairs / {len(set(train.bodies))} bodies; held out "
          f"{len(test)} pairs / {len(set(test.bodies))} bodies (seed {args.seed}); no body on both sides: "
          f"{not (set(train.bodies) & set(test.bodies))}", flush=True)
    gold = args.out / f"stance-{by}-gold.csv"
    _write_gold(gold, test)

    start = time.perf_counter()
    with threadpool_limits(1):
        model = StanceModel.train(train.claims, train.texts, train.labels, random_state=args.seed, log=_log)
        fit_s = time.perf_counter() - start
        start = time.perf_counter()
        predicted = model.predict(test.pairs)
        predict_s = time.perf_counter() - start
    pred = args.out / f"stance-{by}-pred.jsonl"
    _write_pred(pred, [s for s, _ in predicted], [p for _, p in predicted])
    result = _score(args.scorer, gold, pred)
    print(_line("newstrace (held-out)", result, f"  | {len(test) / predict_s:.0f} pairs/s (fit {fit_s:.0f}s)"))
    print("  confusion (gold -> predicted, FNC labels): "
          + json.dumps({g: {p: n for p, n in row.items() if n} for g, row in result["confusion"].items()}))
    raw = args.out / f"stance-{by}-nopriors.jsonl"
    _write_pred(raw, [LABELS[k] for k in model.probabilities(test.pairs).argmax(axis=1)])
    print(_line("newstrace (held-out, no priors)", _score(args.scorer, gold, raw), f"  | priors {model.prior}"))
    print("  " + _speed(model, test))

    if before is not None:
        start = time.perf_counter()
        with threadpool_limits(1):
            old = before.train(train.claims, train.texts, train.labels, random_state=args.seed, log=_log)
            old_pred = args.out / f"stance-{by}-before.jsonl"
            _write_pred(old_pred, [s for s, _ in old.predict(test.pairs)])
        print(_line(f"before: {args.before} (held-out)", _score(args.scorer, gold, old_pred),
                    f"  | fit+predict {time.perf_counter() - start:.0f}s"))

    base_pred = args.out / f"stance-{by}-baseline.jsonl"
    _write_pred(base_pred, _baseline(train, test))
    print(_line("baseline: cosine + majority", _score(args.scorer, gold, base_pred)))

    if shipped is not None:
        in_pred = args.out / f"stance-{by}-shipped.jsonl"
        _write_pred(in_pred, [s for s, _ in shipped.predict(test.pairs)])
        print(_line("shipped model (IN-SAMPLE, not held out)", _score(args.scorer, gold, in_pred)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "fnc-1", help="FNC-1 folder (train_*.csv)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="where gold and predictions go")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score_stance.py")
    parser.add_argument("--split", choices=("body", "claim", "both"), default="both")
    parser.add_argument("--held-out", type=float, default=0.2, help="share of bodies (or claim groups) held out")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", type=Path, default=None, help="shipped model file (default: the packaged one)")
    parser.add_argument("--no-shipped", action="store_true", help="skip the shipped model's in-sample run")
    parser.add_argument("--before", metavar="GITREF", default=None,
                        help="also train and score the stance package as committed at GITREF (before/after)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # results appear as each split finishes
    if not args.scorer.is_file():
        raise SystemExit(f"scorer not found: {args.scorer} (pass --scorer FILE)")
    try:
        data = load_fnc(args.data)
    except FileNotFoundError as exc:
        raise SystemExit(str(exc)) from None
    args.out.mkdir(parents=True, exist_ok=True)

    shipped = None
    if not args.no_shipped:
        shipped = StanceModel.load(args.model)
        card = {k: shipped.info.get(k) for k in ("sklearn_version", "pairs", "seed", "trained_on")}
        print(f"shipped model: {json.dumps(card)}")
    before = _load_before(args.before) if args.before else None
    for by in (("body", "claim") if args.split == "both" else (args.split,)):
        run_split(data, by, args, shipped, before)


if __name__ == "__main__":
    main()
