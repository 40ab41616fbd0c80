"""Claim grouping: statements whose content says the same thing join one claim (incremental, corpus-level).

Each claim keeps a canonical text (its founding statement's content) and that text's normalised words. A new text
joins the claim it is most similar to (IDF-weighted overlap over normalised word sets, compared with the founding
text only, so a claim cannot drift as members join) when the similarity reaches GROUP_THRESHOLD; otherwise it
founds a new claim.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ._normalise import normalise

# Similarity (IDF-weighted: the shared words' weight over the geometric mean of the two texts' weights) at which a
# statement joins a claim, when they share at least MIN_SHARED_WORDS. 0.4 joins the seed's "Russia seeks military
# support to carry out its special military operation" to "Russia had asked China for military equipment and
# financial aid" (0.45: a denial restates the claim in its own words, with its own additions).
GROUP_THRESHOLD = 0.4
MIN_SHARED_WORDS = 3
# Texts with fewer content words than this are too vague to found a claim ("This is false.").
MIN_CLAIM_WORDS = 3


# Infinitive complements ("asked China to overcome sanctions") are the object of a request, not a claim of their own.
_FRAGMENT = re.compile(r"^\W*to\s", re.I)


def clean_claim_text(text: str) -> str:
    """A statement's content as a claim: without a leading "that", wrapping quotes and final punctuation."""
    text = " ".join(text.split())
    text = re.sub(r"^(that\s+)+", "", text, flags=re.I)
    return text.strip(" \"'“”‘’,.;:").strip()


def claim_id(text: str) -> str:
    return "c" + hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).hexdigest()[:12]


@dataclass
class Claim:
    id: str
    text: str
    words: set[str] = field(default_factory=set)
    members: int = 0


class ClaimIndex:
    """The claims known so far, for assigning new texts. IDF weights count claims (not statements) holding a
    word, so the index can be rebuilt from the stored claims alone."""

    def __init__(self, claims: list[Claim] | None = None) -> None:
        self.claims: dict[str, Claim] = {}
        self.df: Counter[str] = Counter()
        for claim in claims or []:
            self.claims[claim.id] = claim
            self.df.update(claim.words)

    @property
    def docs(self) -> int:
        return len(self.claims)

    def _idf(self, word: str) -> float:
        # smoothed: in a small store, a word no claim has yet must not outweigh the shared ones
        return math.log(1 + (self.docs + 1) / (self.df[word] + 1))

    def similarity(self, a: set[str], b: set[str]) -> float:
        shared = a & b
        if len(shared) < MIN_SHARED_WORDS:
            return 0.0
        weight = lambda words: sum(self._idf(w) for w in words)  # noqa: E731
        norm = math.sqrt(weight(a) * weight(b))
        return weight(shared) / norm if norm else 0.0

    def best(self, text: str) -> tuple[Claim | None, float]:
        words = set(normalise(text))
        scored = ((self.similarity(words, c.words), c) for c in self.claims.values())
        score, claim = max(scored, key=lambda x: x[0], default=(0.0, None))
        return claim, score

    def add(self, text: str, *, known: Claim | None = None) -> Claim | None:
        """Assign ``text`` to its claim (joining or founding one); None when it is too vague to be a claim."""
        words = set(normalise(text))
        if known is None:
            claim, score = self.best(text)
            known = claim if claim is not None and score >= GROUP_THRESHOLD else None
        if known is None:
            if len(words) < MIN_CLAIM_WORDS or _FRAGMENT.match(text):
                return None
            canonical = clean_claim_text(text)
            known = Claim(claim_id(canonical), canonical)
            self.claims[known.id] = known
        if not known.words:
            known.words = words  # a claim is compared by its founding text's words only: no drift as it grows
            self.df.update(words)
        known.members += 1
        return known
