"""The stance model: features, then two gradient-boosted stages, and its file format.

Stage one tells related from unrelated pairs from the similarity and overlap features only; stage two, trained on related pairs only with class weights that
lift the rare "denies", tells asserts / denies / reports. The four probabilities are
P(unrelated) = 1 - P(related) and P(label) = P(related) * P(label | related); the stance is the most probable of
the four and its score that probability.

The model file is a joblib dump (xz) of a dict: {"format", "sklearn_version", "labels", ..., "model"}, with a JSON
card beside it (same name, .json) holding everything but "model". Pickled scikit-learn objects are only safe to load
with the version that wrote them, so loading checks the card first and fails with a clear error on a mismatch.
"""
from __future__ import annotations

import json
import platform
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from .._errors import NewstraceError
from ._features import FeatureExtractor
from ._labels import LABELS, RELATED_LABELS

FORMAT = 1
DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "stance-fnc1.joblib"


class ModelError(NewstraceError):
    """The stance model file is missing, unreadable, or written by another scikit-learn version."""


def _hgb(**kwargs):
    from sklearn.ensemble import HistGradientBoostingClassifier

    params = dict(max_iter=200, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20, l2_regularization=1.0,
                  early_stopping=False, random_state=0)
    params.update(kwargs)
    return HistGradientBoostingClassifier(**params)


#: stage-two class weights: "denies" is about 7% of related training pairs
CLASS_WEIGHT = {"asserts": 1.5, "denies": 4.0, "reports": 1.0}


class StanceModel:
    """Stance of a text toward a claim: ``predict([(claim, text), ...]) -> [(stance, score), ...]``."""

    labels: tuple[str, ...] = LABELS

    def __init__(self, extractor: FeatureExtractor | None = None, related=None, stance=None,
                 info: dict[str, Any] | None = None):
        self.extractor = extractor
        self.related = related    # binary classifier: classes_ [False, True] (True = related)
        self.stance = stance      # classifier over RELATED_LABELS
        self.info = dict(info or {})

    # -- training ----------------------------------------------------------------------------------------------
    @classmethod
    def train(cls, claims: list[str], texts: list[str], labels: list[str], *, random_state: int = 0,
              features: np.ndarray | None = None, extractor: FeatureExtractor | None = None,
              log=None) -> "StanceModel":
        """Fit features and both stages on labelled pairs (labels from LABELS).

        ``features``/``extractor`` let a caller that already has them (a benchmark) skip recomputing; they must
        come from an extractor fitted on these same training pairs only.
        """
        unknown = set(labels) - set(LABELS)
        if unknown:
            raise ValueError(f"unknown stance labels: {sorted(unknown)}")
        say = log or (lambda _msg: None)
        if extractor is None:
            say(f"fitting vocabulary on {len(set(claims))} claims and {len(set(texts))} texts")
            extractor = FeatureExtractor(random_state=random_state).fit(claims, list(dict.fromkeys(texts)))
        if features is None:
            say(f"computing features for {len(claims)} pairs")
            features = extractor.transform(list(zip(claims, texts)))
        y = np.asarray(labels)
        related = y != "unrelated"
        say("fitting stage one (related vs unrelated)")
        stage1 = _hgb(random_state=random_state, max_iter=150).fit(features[:, extractor.related_columns], related)
        say(f"fitting stage two on {int(related.sum())} related pairs")
        weights = np.array([CLASS_WEIGHT[label] for label in y[related]])
        stage2 = _hgb(random_state=random_state).fit(features[related], y[related], sample_weight=weights)
        return cls(extractor, stage1, stage2, {"pairs": len(labels)})

    # -- prediction --------------------------------------------------------------------------------------------
    def probabilities(self, pairs: list[tuple[str, str]], features: np.ndarray | None = None) -> np.ndarray:
        """(n, 4) probabilities in the order of LABELS."""
        if self.extractor is None or self.related is None or self.stance is None:
            raise ModelError("stance model is not trained")
        out = np.zeros((len(pairs), len(LABELS)), dtype=np.float64)
        if not pairs:
            return out
        if features is None:
            features = self.extractor.transform([(str(c or ""), str(t or "")) for c, t in pairs])
        p1 = self.related.predict_proba(features[:, self.extractor.related_columns])
        p_related = p1[:, list(self.related.classes_).index(True)]
        p2 = self.stance.predict_proba(features)
        order = [list(self.stance.classes_).index(label) for label in RELATED_LABELS]
        for j, label in enumerate(RELATED_LABELS):
            out[:, LABELS.index(label)] = p_related * p2[:, order[j]]
        out[:, LABELS.index("unrelated")] = 1.0 - p_related
        return out

    def predict(self, pairs: list[tuple[str, str]]) -> list[tuple[str, float]]:
        """(stance, score in 0..1) for each (claim, text) pair; stance is one of LABELS."""
        pairs = list(pairs)
        probs = self.probabilities(pairs)
        best = probs.argmax(axis=1)
        return [(LABELS[k], float(np.clip(probs[i, k], 0.0, 1.0))) for i, k in enumerate(best)]

    # -- files -------------------------------------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write the model (joblib, xz) and, beside it, a small JSON card with the versions and ``info``."""
        import joblib
        import sklearn

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        card = {"format": FORMAT, "sklearn_version": sklearn.__version__, "labels": list(LABELS),
                "python": platform.python_version(), "numpy": np.__version__, **self.info}
        joblib.dump({**card, "model": {"extractor": self.extractor, "related": self.related, "stance": self.stance}},
                    path, compress=("xz", 6))
        _card_path(path).write_text(json.dumps(card, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path | None = None) -> "StanceModel":
        """Load a model file written by ``save`` (default: the one shipped with newstrace).

        The scikit-learn version is checked against the JSON card before anything is unpickled, and again
        against the copy inside the file.
        """
        import joblib
        import sklearn

        path = Path(path) if path is not None else DEFAULT_MODEL
        if not path.is_file():
            raise ModelError(f"{path}: stance model file not found (rebuild it: {REBUILD})")
        card_path = _card_path(path)
        if card_path.is_file():
            try:
                card = json.loads(card_path.read_text(encoding="utf-8"))
            except ValueError as exc:
                raise ModelError(f"{card_path}: unreadable model card ({exc})") from exc
            _check_version(path, card.get("sklearn_version"), sklearn.__version__)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", getattr(sklearn.exceptions, "InconsistentVersionWarning", UserWarning))
                blob = joblib.load(path)
        except Exception as exc:  # noqa: BLE001 - any unpickling failure is one user-facing error
            raise ModelError(f"{path}: cannot read stance model ({type(exc).__name__}: {exc}); installed "
                             f"scikit-learn is {sklearn.__version__}; rebuild: {REBUILD}") from exc
        if not isinstance(blob, dict) or blob.get("format") != FORMAT or "model" not in blob:
            raise ModelError(f"{path}: not a newstrace stance model (format {FORMAT} expected)")
        _check_version(path, blob.get("sklearn_version"), sklearn.__version__)
        if tuple(blob.get("labels", ())) != LABELS:
            raise ModelError(f"{path}: stance model labels {blob.get('labels')} differ from {list(LABELS)}")
        parts = blob["model"]
        info = {k: v for k, v in blob.items() if k != "model"}
        return cls(parts["extractor"], parts["related"], parts["stance"], info)


REBUILD = "python -m newstrace.stance.train --data ../shared/data/fnc-1"


def _card_path(path: Path) -> Path:
    return path.with_suffix(".json")


def _check_version(path: Path, written: str | None, installed: str) -> None:
    if written != installed:
        raise ModelError(f"{path}: stance model was written with scikit-learn {written}, but scikit-learn "
                         f"{installed} is installed; install scikit-learn=={written} or rebuild: {REBUILD}")
