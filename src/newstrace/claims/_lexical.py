"""Lexical vectors with fixed term weights: sublinear tf x shipped idf, L2-normalised, as sparse rows.

The weights come from ``models/idf.json.gz`` (see :mod:`newstrace.claims.build_idf`), not from the user's corpus, so a
pair of texts always gets the same similarity whatever else is stored or in which order it arrived.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import math
from collections import Counter
from pathlib import Path
from typing import Sequence

import numpy as np
from scipy import sparse

from .._errors import NewstraceError
from ..text.words import terms

IDF_PATH = Path(__file__).resolve().parent / "models" / "idf.json.gz"


class TermWeights:
    """idf per term from the shipped table; unseen terms get the weight of a term seen in one document."""

    def __init__(self, path: str | Path | None = None) -> None:
        path = Path(path or IDF_PATH)
        try:
            table = json.loads(gzip.decompress(path.read_bytes()))
        except (OSError, ValueError) as exc:
            raise NewstraceError(f"{path}: cannot read the term weights ({exc}); reinstall newstrace") from exc
        n = int(table["documents"])
        self.documents = n
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in table["df"].items()}
        self.rare = math.log((1 + n) / 2) + 1.0

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.rare)

    def blended(self, counts: Sequence[Counter], share: float) -> "TermWeights":
        """These weights mixed with the idf of the texts ``counts`` themselves (``share`` of theirs)."""
        n = len(counts)
        df = Counter(t for c in counts for t in c)
        local = lambda c: math.log((1 + n) / (1 + c)) + 1.0  # noqa: E731
        out = TermWeights.__new__(TermWeights)
        out.documents = self.documents
        out.idf = dict(self.idf)
        out.idf.update({t: (1 - share) * self.weight(t) + share * local(c) for t, c in df.items()})
        out.rare = (1 - share) * self.rare + share * local(0)
        return out


class Vocabulary:
    """Term -> column numbers, grown as texts are vectorised (columns are private to one comparison run)."""

    def __init__(self) -> None:
        self.column: dict[str, int] = {}

    def __call__(self, term: str) -> int:
        col = self.column.get(term)
        if col is None:
            col = self.column[term] = len(self.column)
        return col


def term_counts(text: str, stems: dict[str, str] | None = None) -> Counter[str]:
    return Counter(terms(text, stems))


def vectorise(counts: Sequence[Counter], weights: TermWeights, vocab: Vocabulary) -> sparse.csr_matrix:
    """L2-normalised tf-idf rows (tf sublinear: 1 + log count) for term counts, over ``vocab``'s columns."""
    indptr, indices, data = [0], [], []
    for tf in counts:
        row = sorted((vocab(t), (1.0 + math.log(c)) * weights.weight(t)) for t, c in tf.items())
        norm = math.sqrt(sum(v * v for _, v in row)) or 1.0
        indices.extend(c for c, _ in row)
        data.extend(v / norm for _, v in row)
        indptr.append(len(indices))
    return sparse.csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                              np.asarray(indptr, dtype=np.int64)), shape=(len(counts), max(1, len(vocab.column))))


def resize(matrix: sparse.csr_matrix, columns: int) -> sparse.csr_matrix:
    """The same rows over more columns (a vocabulary grown after the matrix was built)."""
    matrix = matrix.copy()
    matrix.resize((matrix.shape[0], max(columns, matrix.shape[1])))
    return matrix


def cosines(a: sparse.csr_matrix, b: sparse.csr_matrix) -> np.ndarray:
    """Dense (len(a), len(b)) cosine matrix of two row sets vectorised over one vocabulary."""
    cols = max(a.shape[1], b.shape[1])
    return (resize(a, cols) @ resize(b, cols).T).toarray()


# -- packed profiles: an article's weighted terms stored once, compared without re-weighting -----------------------
# A packed vector is the L2-normalised tf-idf row of one text as bytes: its terms' 64-bit ids (BLAKE2b of the term,
# sorted) then their float32 values. Ids come from the term alone, so packed vectors from any run compare directly.
_ID = np.dtype("<i8")
_VALUE = np.dtype("<f4")


def term_id(term: str) -> int:
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def weighted(counts: Counter, weights: TermWeights) -> dict[str, float]:
    """The L2-normalised tf-idf values of one text's term counts (tf sublinear, as :func:`vectorise`)."""
    idf, rare = weights.idf, weights.rare   # weights.weight(t), looked up without a call per term
    raw = {t: (1.0 + math.log(c)) * idf.get(t, rare) for t, c in counts.items() if c > 0}
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    return {t: v / norm for t, v in raw.items()}


def pack(values: dict[str, float], known: dict[str, int] | None = None) -> bytes:
    """A weighted row (:func:`weighted`) as bytes: sorted term ids, then float32 values. ``known``: a term -> id
    memo the caller keeps across rows (hashing is most of the cost)."""
    if not values:
        return b""
    if known is None:
        known = {}
    for t in values:
        if t not in known:
            known[t] = term_id(t)
    ids = np.fromiter((known[t] for t in values), dtype=_ID, count=len(values))
    vals = np.fromiter(values.values(), dtype=_VALUE, count=len(values))
    order = np.argsort(ids, kind="stable")
    return ids[order].tobytes() + vals[order].tobytes()


def unpack(blob: bytes | None) -> tuple[np.ndarray, np.ndarray]:
    n = len(blob or b"") // (_ID.itemsize + _VALUE.itemsize)
    if not n:
        return np.empty(0, dtype=_ID), np.empty(0, dtype=_VALUE)
    return (np.frombuffer(blob, dtype=_ID, count=n),
            np.frombuffer(blob, dtype=_VALUE, count=n, offset=n * _ID.itemsize))


def packed_cosines(a: bytes, others: Sequence[bytes]) -> np.ndarray:
    """Cosines of one packed vector with each of ``others`` (float64, as :func:`cosines` gives for the same rows)."""
    a_ids, a_vals = unpack(a)
    out = np.zeros(len(others), dtype=np.float64)
    parts = [unpack(b) for b in others]
    sizes = np.fromiter((len(ids) for ids, _ in parts), dtype=np.int64, count=len(parts))
    if not len(a_ids) or not sizes.sum():
        return out
    ids = np.concatenate([p[0] for p in parts])
    vals = np.concatenate([p[1] for p in parts]).astype(np.float64)
    pos = np.minimum(np.searchsorted(a_ids, ids), len(a_ids) - 1)
    products = np.where(a_ids[pos] == ids, a_vals[pos].astype(np.float64) * vals, 0.0)
    return np.bincount(np.repeat(np.arange(len(others)), sizes), weights=products, minlength=len(others))
