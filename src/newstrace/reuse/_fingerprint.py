"""Per-document fingerprints: word tokens, shingles, MinHash signature (pure functions, no corpus state)."""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

# Permutations per signature: 128 gives a Jaccard estimate within about ±0.09 (1/sqrt(128)), enough for candidate
# generation since every candidate is verified by alignment.
NUM_PERM = 128
# Word 3-grams: a reprint with 10% of its words edited keeps about 0.9**3 = 73% of its 3-shingles (Jaccard about
# 0.57) but only 59% of its 5-shingles (Jaccard about 0.42); 3-grams keep reprints well above the LSH threshold.
SHINGLE = 3
SEED = 1
_TOKEN = re.compile(r"\w+", re.UNICODE)
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


@dataclass
class Fingerprint:
    article: str
    signature: np.ndarray  # NUM_PERM uint64 values
    tokens: int

    def to_bytes(self) -> bytes:
        return self.signature.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, article: str, data: bytes, tokens: int) -> "Fingerprint":
        # a view of the stored bytes (no copy where the machine is little-endian): a 100k-article corpus step holds
        # every signature at once
        return cls(article, np.frombuffer(data, dtype="<u8").astype(np.uint64, copy=False), tokens)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    # The same universal-hash family datasketch.MinHash uses, drawn from a fixed seed: signatures are comparable
    # across processes and runs (stored signatures stay valid).
    gen = np.random.RandomState(SEED)
    a = gen.randint(1, _MERSENNE, size=NUM_PERM, dtype=np.uint64)
    b = gen.randint(0, _MERSENNE, size=NUM_PERM, dtype=np.uint64)
    return a, b


def _shingle_hashes(words: list[str]) -> np.ndarray:
    """Distinct 32-bit hashes of the word 3-shingles: words hashed once (crc32), shingles combined in numpy."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    h = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    if len(words) >= SHINGLE:
        combined = np.zeros(len(words) - SHINGLE + 1, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for k in range(SHINGLE):
                combined = combined * np.uint64(0x9E3779B1) + h[k : len(words) - SHINGLE + 1 + k]
        h = combined
    else:
        h = h[:1]
    return np.unique(h & _MAX_HASH)


def shingles(words: list[str]) -> list[str]:
    """Word 3-grams in order (a text shorter than that is one shingle)."""
    if len(words) < SHINGLE:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


# Constants of the hash family, drawn once from SEED (the same values in every process).
_A, _B = _permutations()


def fingerprint(article_id: str, text: str) -> Fingerprint:
    """MinHash signature of ``text``'s word 3-shingles (vectorised: one numpy pass over all shingles)."""
    words = tokens(text)
    hashes = _shingle_hashes(words)
    a, b = _A, _B
    if hashes.size == 0:
        return Fingerprint(article_id, np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64), 0)
    with np.errstate(over="ignore"):
        values = ((np.outer(hashes, a) + b) % _MERSENNE) & _MAX_HASH
    return Fingerprint(article_id, values.min(axis=0).astype(np.uint64), len(words))
