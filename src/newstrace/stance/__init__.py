"""Stance of a text toward a claim: asserts, denies, reports (mentions without taking a side) or unrelated.

Usage::

    from newstrace.stance import load_model
    model = load_model()
    model.predict([(claim, article_text), ...])   # -> [(stance, score in 0..1), ...]

The shipped model is trained on FNC-1 (headline, body) pairs; rebuild it with
``python -m newstrace.stance.train --data ../shared/data/fnc-1`` (``--exclude-bodies FILE`` leaves listed FNC Body
IDs out, ``--out PATH`` writes elsewhere; the same data give a byte-identical file whatever PYTHONHASHSEED).
Loading checks that the installed scikit-learn is the version that wrote it and raises :class:`ModelError`
otherwise. Prediction runs on one thread (about 0.4-0.7 s per 100 pairs of news length).
"""
from __future__ import annotations

from pathlib import Path

from ._labels import FNC_TO_LABEL, LABELS
from ._model import DEFAULT_MODEL, ModelError, StanceModel

__all__ = ["DEFAULT_MODEL", "FNC_TO_LABEL", "LABELS", "ModelError", "StanceModel", "load_model"]


def load_model(path: str | Path | None = None) -> StanceModel:
    """The stance model from `path`, or the one shipped with newstrace (a fresh object on every call)."""
    return StanceModel.load(path)
