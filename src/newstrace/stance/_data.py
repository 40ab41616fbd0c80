"""Reading FNC-1 shaped data (train_bodies.csv, train_stances.csv) and splitting it by body."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._labels import from_fnc


@dataclass
class Dataset:
    """Pairs in file order: claim (headline), text (body), body id, newstrace label."""
    claims: list[str]
    texts: list[str]
    bodies: list[str]
    labels: list[str]

    def __len__(self) -> int:
        return len(self.claims)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return list(zip(self.claims, self.texts))

    def subset(self, rows) -> "Dataset":
        rows = list(rows)
        return Dataset([self.claims[i] for i in rows], [self.texts[i] for i in rows],
                       [self.bodies[i] for i in rows], [self.labels[i] for i in rows])


def _read_csv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_fnc(folder: str | Path, prefix: str = "train") -> Dataset:
    """Read FOLDER/{prefix}_bodies.csv and FOLDER/{prefix}_stances.csv; a clear error when missing."""
    folder = Path(folder)
    bodies_path, stances_path = folder / f"{prefix}_bodies.csv", folder / f"{prefix}_stances.csv"
    for path in (bodies_path, stances_path):
        if not path.is_file():
            raise FileNotFoundError(f"FNC-1 file not found: {path} (pass --data FOLDER)")
    text = {row["Body ID"]: row["articleBody"] for row in _read_csv(bodies_path)}
    rows = _read_csv(stances_path)
    return Dataset([r["Headline"] for r in rows], [text[r["Body ID"]] for r in rows],
                   [r["Body ID"] for r in rows], [from_fnc(r["Stance"]) for r in rows])


def claim_groups(data: Dataset) -> dict[str, str]:
    """Body id -> claim group: bodies joined through the headlines they are related to (connected components).

    FNC-1 reuses each claim's headlines over several bodies, so a split by body still shows the held-out claims'
    headlines in training; holding out whole groups is the stricter test (closer to unseen topics).
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for claim, body, label in zip(data.claims, data.bodies, data.labels):
        find("b" + body)
        if label != "unrelated":
            parent[find("h" + claim)] = find("b" + body)
    return {body: find("b" + body) for body in data.bodies}


def body_split(data: Dataset, held_out: float = 0.2, seed: int = 0,
               by: str = "body") -> tuple[np.ndarray, np.ndarray]:
    """Row indices (train, held-out): a fixed share of the bodies (by="body") or of the claim groups
    (by="claim") held out, so that no body (or claim group) is on both sides. Deterministic for a seed."""
    if by == "body":
        group = {b: b for b in data.bodies}
    elif by == "claim":
        group = claim_groups(data)
    else:
        raise ValueError(f"split by 'body' or 'claim', not {by!r}")
    keys = sorted(set(group.values()), key=lambda g: (len(g), g))
    rng = np.random.default_rng(seed)
    chosen = set(rng.choice(keys, size=int(round(len(keys) * held_out)), replace=False).tolist())
    test = np.array([i for i, b in enumerate(data.bodies) if group[b] in chosen], dtype=int)
    train = np.array([i for i, b in enumerate(data.bodies) if group[b] not in chosen], dtype=int)
    return train, test
