"""Train the stance model on FNC-1 and write it where newstrace loads it from.

usage: python -m newstrace.stance.train --data ../shared/data/fnc-1 [--exclude-bodies FILE] [--out FILE] [--seed 0]

Reads DATA/train_bodies.csv and DATA/train_stances.csv, trains on all pairs (labels mapped by
newstrace.stance._labels: agree->asserts, disagree->denies, discuss->reports, unrelated->unrelated) and writes
the model (joblib, xz) and its JSON card to src/newstrace/stance/models/ by default. --exclude-bodies FILE: a
text file of FNC Body IDs, one per line ('#' comments and blank lines ignored), whose pairs are left out of
training. Deterministic for a seed: the same model and byte-identical predictions whatever PYTHONHASHSEED.
Held-out figures for this recipe come from bench/stance.py, which trains the same way without the held-out bodies.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .._errors import InputError, NewstraceError
from ._data import load_fnc
from ._model import DEFAULT_MODEL, StanceModel


def _log(message: str) -> None:
    print(f"[stance] {message}", file=sys.stderr, flush=True)


def read_body_ids(path: str | Path) -> set[str]:
    """FNC Body IDs, one per line; blank lines and '#' comments skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read body ids ({exc})") from exc
    ids = {line.split("#", 1)[0].strip() for line in lines}
    return {i for i in ids if i}


def train(data: str | Path, out: str | Path = DEFAULT_MODEL, seed: int = 0,
          exclude_bodies: str | Path | None = None) -> Path:
    from threadpoolctl import threadpool_limits

    start = time.perf_counter()
    dataset = load_fnc(data)
    _log(f"{len(dataset)} pairs, {len(set(dataset.bodies))} bodies from {data}")
    excluded: set[str] = set()
    if exclude_bodies is not None:
        excluded = read_body_ids(exclude_bodies)
        unknown = excluded - set(dataset.bodies)
        if unknown:
            raise InputError(str(exclude_bodies), f"{len(unknown)} body id(s) not in {data}, e.g. "
                             f"{sorted(unknown)[0]!r}")
        dataset = dataset.subset(i for i, body in enumerate(dataset.bodies) if body not in excluded)
        _log(f"left out {len(excluded)} bodies listed in {exclude_bodies}: {len(dataset)} pairs remain")
    with threadpool_limits(1):  # a light, reproducible single-thread fit
        model = StanceModel.train(dataset.claims, dataset.texts, dataset.labels, random_state=seed, log=_log)
    counts = {label: dataset.labels.count(label) for label in sorted(set(dataset.labels))}
    model.info.update({"trained_on": "FNC-1 train (train_bodies.csv, train_stances.csv)", "seed": seed,
                       "label_counts": counts, "excluded_bodies": sorted(excluded, key=lambda b: (len(b), b)),
                       "held_out_figures": "see bench/stance.py (models trained without the held-out bodies)"})
    path = model.save(out)
    _log(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - start:.0f}s")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newstrace.stance.train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, type=Path, help="folder with train_bodies.csv, train_stances.csv")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL, help=f"model file (default {DEFAULT_MODEL})")
    parser.add_argument("--exclude-bodies", type=Path, default=None, metavar="FILE",
                        help="FNC Body IDs (one per line) whose pairs are left out of training")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        train(args.data, args.out, args.seed, args.exclude_bodies)
    except (FileNotFoundError, ValueError, NewstraceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
