"""Stance of a text toward a claim: asserts, denies, reports (mentions without taking a side) or unrelated.

Usage::

    from newstrace.stance import load_model
    model = load_model()
    model.predict([(claim, article_text), ...])   # -> [(stance, score in 0..1), ...]

The shipped model is trained on FNC-1 (headline, body) pairs; rebuild it with
``python -m newstrace.stance.train --data ../shared/data/fnc-1``. Loading checks that the installed scikit-learn is
the version that wrote it and raises :class:`ModelError` otherwise.
"""
from __future__ import annotations

from pathlib import Path

from ._labels import FNC_TO_LABEL, LABELS
from ._model import DEFAULT_MODEL, ModelError, StanceModel

__all__ = ["DEFAULT_MODEL", "FNC_TO_LABEL", "LABELS", "ModelError", "StanceModel", "load_model"]


def load_model(path: str | Path | None = None) -> StanceModel:
    """The stance model from `path`, or the one shipped with newstrace (a fresh object on every call)."""
    return StanceModel.load(path)
