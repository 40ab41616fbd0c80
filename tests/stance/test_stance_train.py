"""Training the stance model: deterministic whatever PYTHONHASHSEED, --exclude-bodies and --out honoured.

A tiny synthetic FNC-shaped set is trained in a subprocess (so that each run gets its own hash seed); nothing
here needs ../shared.
"""
from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sklearn")

from newstrace.stance import LABELS, load_model  # noqa: E402
from newstrace.stance.train import main as train_main  # noqa: E402

VOCAB = [f"{a}{b}" for a in ("bar", "cor", "dul", "fen", "gar", "hil", "jot", "kem", "lum", "mor", "nip", "pol")
         for b in ("ax", "ebo", "ilt", "onk", "usp", "ywa")]
STANCE_WORDS = {
    "agree": "officials confirmed the report and said it was true. ",
    "disagree": "officials denied the report, calling it a hoax and false. ",
    "discuss": "it was reportedly claimed by sources, but remains unconfirmed. ",
}


def write_fnc(folder: Path, n_claims: int = 16, seed: int = 0) -> None:
    """FNC-shaped train_bodies.csv / train_stances.csv: each claim has 4 bodies, each body one related headline and
    two unrelated ones."""
    rng = random.Random(seed)
    bodies, stances = [], []
    claims = [" ".join(rng.sample(VOCAB, 6)) for _ in range(n_claims)]
    body_id = 0
    for c, claim in enumerate(claims):
        for k, label in enumerate(("agree", "disagree", "discuss", "agree" if c % 2 else "discuss")):
            filler = " ".join(rng.sample(VOCAB, 12))
            text = (f"{claim.capitalize()} was the story this week. {STANCE_WORDS[label].capitalize()}"
                    f"{filler.capitalize()} and {claim}.")
            bodies.append({"Body ID": str(body_id), "articleBody": text})
            stances.append({"Headline": claim, "Body ID": str(body_id), "Stance": label})
            for other in rng.sample([x for x in claims if x != claim], 2):
                stances.append({"Headline": other, "Body ID": str(body_id), "Stance": "unrelated"})
            body_id += 1
    for name, rows in (("train_bodies.csv", bodies), ("train_stances.csv", stances)):
        with open(folder / name, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)


SCRIPT = """
import json, sys
from newstrace.stance import load_model
from newstrace.stance.train import main
assert main(["--data", sys.argv[1], "--out", sys.argv[2]]) == 0
model = load_model(sys.argv[2])
pairs = [tuple(p) for p in json.load(open(sys.argv[3]))]
probs = model.probabilities(pairs)
print(json.dumps({"pred": model.predict(pairs), "probs": [[float(x).hex() for x in row] for row in probs]}))
"""


@pytest.fixture(scope="module")
def fnc(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fnc")
    write_fnc(folder)
    return folder


def _run(fnc: Path, out: Path, pairs: Path, hashseed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(fnc), str(out), str(pairs)], env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_training_is_deterministic_across_hash_seeds(fnc, tmp_path):
    with open(fnc / "train_stances.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with open(fnc / "train_bodies.csv", encoding="utf-8") as handle:
        text = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(handle)}
    pairs = [(r["Headline"], text[r["Body ID"]]) for r in rows[::3]] + [("a claim never seen", "Some other text.")]
    pairs_path = tmp_path / "pairs.json"
    pairs_path.write_text(json.dumps(pairs), encoding="utf-8")
    first = _run(fnc, tmp_path / "a.joblib", pairs_path, "1")
    second = _run(fnc, tmp_path / "b.joblib", pairs_path, "4242")
    assert first == second
    assert {label for label, _ in first["pred"]} <= set(LABELS)
    assert (tmp_path / "a.joblib").read_bytes() == (tmp_path / "b.joblib").read_bytes()


def test_exclude_bodies_and_out(fnc, tmp_path):
    ids = tmp_path / "ids.txt"
    ids.write_text("# held-out rumours\n0\n1\n\n2\n", encoding="utf-8")
    out = tmp_path / "sub" / "m.joblib"
    assert train_main(["--data", str(fnc), "--exclude-bodies", str(ids), "--out", str(out)]) == 0
    assert out.is_file() and out.with_suffix(".json").is_file()
    card = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert card["excluded_bodies"] == ["0", "1", "2"]
    assert card["pairs"] == 64 * 3 - 3 * 3
    assert load_model(out).predict([("x", "y")])[0][0] in LABELS


def test_exclude_bodies_errors_are_one_line(fnc, tmp_path, capsys):
    ids = tmp_path / "ids.txt"
    ids.write_text("0\nnot-a-body\n", encoding="utf-8")
    assert train_main(["--data", str(fnc), "--exclude-bodies", str(ids), "--out", str(tmp_path / "m.joblib")]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("error: ") and "not-a-body" in err
    assert train_main(["--data", str(fnc), "--exclude-bodies", str(tmp_path / "missing.txt"),
                       "--out", str(tmp_path / "m.joblib")]) == 1
    assert not (tmp_path / "m.joblib").exists()
