"""A linear re-ranker over pair features, trained listwise (softmax over each query's candidates).

Stored as JSON: feature names, standardisation, weights. Training is full-batch and deterministic.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np


class LinearRanker:
    def __init__(self, features: list[str], mean: np.ndarray, std: np.ndarray, weights: np.ndarray,
                 meta: dict | None = None) -> None:
        self.features = list(features)
        self.mean = np.asarray(mean, dtype=np.float64)
        self.std = np.asarray(std, dtype=np.float64)
        self.weights = np.asarray(weights, dtype=np.float64)
        self.meta = dict(meta or {})

    def score(self, feats: np.ndarray) -> np.ndarray:
        if feats.shape[0] == 0:
            return np.zeros(0)
        return ((feats - self.mean) / self.std) @ self.weights

    def to_dict(self) -> dict:
        return {"features": self.features, "mean": [round(float(x), 8) for x in self.mean],
                "std": [round(float(x), 8) for x in self.std],
                "weights": [round(float(x), 8) for x in self.weights], "meta": self.meta}

    @classmethod
    def from_dict(cls, data: dict) -> "LinearRanker":
        return cls(data["features"], np.array(data["mean"]), np.array(data["std"]), np.array(data["weights"]),
                   data.get("meta"))


def load_models(path: str | Path) -> dict[str, LinearRanker]:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    return {name: LinearRanker.from_dict(model) for name, model in data["models"].items()}


def save_models(path: str | Path, models: dict[str, LinearRanker], info: dict) -> None:
    payload = {"info": info, "models": {name: m.to_dict() for name, m in models.items()}}
    Path(path).write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def fit_listwise(groups: list[tuple[np.ndarray, np.ndarray]], features: list[str], *, l2: float = 1e-3,
                 steps: int = 3000, lr: float = 0.05) -> LinearRanker:
    """Fit weights so that softmax(score) over each group puts mass on its relevant rows.

    ``groups``: (feature matrix, 0/1 relevance vector) per training query; groups without a relevant
    candidate are skipped. Adam, full batch, fixed steps: deterministic.
    """
    groups = [(x, y) for x, y in groups if x.shape[0] and y.sum() > 0]
    allx = np.concatenate([x for x, _ in groups])
    mean = allx.mean(axis=0)
    std = allx.std(axis=0)
    std[std < 1e-9] = 1.0
    xs = [(x - mean) / std for x, _ in groups]
    ys = [y / y.sum() for _, y in groups]
    offsets = np.cumsum([0] + [x.shape[0] for x in xs])
    big_x = np.concatenate(xs)
    big_y = np.concatenate(ys)
    n_groups = len(xs)
    w = np.zeros(big_x.shape[1])
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, steps + 1):
        s = big_x @ w
        p = np.empty_like(s)
        for g in range(n_groups):
            a, z = offsets[g], offsets[g + 1]
            e = np.exp(s[a:z] - s[a:z].max())
            p[a:z] = e / e.sum()
        grad = big_x.T @ (p - big_y) / n_groups + l2 * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
    return LinearRanker(features, mean, std, w)
