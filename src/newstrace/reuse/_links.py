"""Corpus step, its parts: candidate groups by LSH banding over signatures, passage alignment, a pair typed and
directed. How pairs become links (reprint clusters) is ``_clusters``."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

import numpy as np

from ._fingerprint import SHINGLE, Fingerprint, shingles

# Banding: 64 bands of 2 rows (all 128 values). A reprint with 10% of its words edited has a 3-shingle Jaccard of
# about 0.5 and becomes a candidate with probability 1-(1-0.5**2)**64 > 0.99999999; unrelated news texts (Jaccard
# about 0.001-0.01) with 0.006% or less. 42 bands of 3 rows missed 11 of 5,000 such reprints at 100k documents
# (bench/reuse.py); the extra candidates cost little since each is checked against MIN_ESTIMATED_JACCARD first.
BANDS, ROWS = 64, 2
# Candidates whose signatures agree on fewer values than this are dropped before alignment (cheap numpy check).
MIN_ESTIMATED_JACCARD = 0.12
# A bucket holding more articles than this is the same boilerplate everywhere (or an empty text), not reuse.
MAX_BUCKET = 500
# A shared passage must be at least this many words: below it, shared phrases are set phrases and quotes of a
# few words that distinct articles of one outlet share by chance or house style.
MIN_PASSAGE_WORDS = 20
# Runs of shared words shorter than this are not counted at all (a 3-shingle or two in common is chance).
MIN_RUN_WORDS = 6
# "reprint": the longer text is covered this much by runs shared with the other. With 10% of words edited at random,
# runs of 6+ shared words cover 60-85% of a text; at 0.6, 6 of 5,000 synthetic reprints fell below (bench/reuse.py,
# 100k documents). A rewrite citing the original, or an excerpt inside a longer article, stays well under one half.
REPRINT_COVERAGE = 0.5

# A passage found in this many articles or more is boilerplate (two articles sharing it is reuse; a third with
# the very same words is a pattern: a footer, a bio, a standard disclaimer).
BOILERPLATE_ARTICLES = 3

_TOKEN = re.compile(r"\w+", re.UNICODE)
# Words of each text that alignment reads (its first ones). A pair's alignment costs its texts' length, and a huge page
# that MinHash finds similar to many others (a story followed by a megabyte of one repeated line: its shingle set is
# small) was aligned in full with each of them, which held an ingest of 230 pages for over ten minutes. News articles
# are under 10,000 words; a reprint of a longer text is judged on its first 20,000.
MAX_ALIGN_WORDS = 20_000


@dataclass
class Passage:
    from_start: int
    from_end: int
    to_start: int
    to_end: int
    words: int


@dataclass
class Link:
    source: str  # the earlier article ("from")
    target: str  # the later one ("to")
    type: str  # reprint | shares-passages
    overlap: float  # reprint: share of the longer text in shared runs; shares-passages: share of the shorter
    passages: list[Passage] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"from": self.source, "to": self.target, "type": self.type, "overlap": round(self.overlap, 3),
                "passages": [p.__dict__ for p in self.passages]}


def band_buckets(prints: list[Fingerprint], matrix: np.ndarray | None = None) -> Iterator[list[int]]:
    """Indices (ascending) of the articles that share one band's values, per band and bucket: each a group of mutual
    candidates. Sorting each band's keys and splitting equal runs is n log n per band; a bucket over MAX_BUCKET
    articles, and articles with no words, are left out. ``matrix``: the prints' signatures stacked, when the caller
    has them (not stacked again)."""
    if len(prints) < 2:
        return
    if matrix is None:
        matrix = np.stack([p.signature for p in prints])
    sigs = matrix[:, : BANDS * ROWS].reshape(len(prints), BANDS, ROWS)
    empty = np.array([p.tokens == 0 for p in prints])
    for band in range(BANDS):
        block = np.ascontiguousarray(sigs[:, band, :])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * ROWS))).ravel()
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        boundaries = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
        for run in np.split(order, boundaries):
            if len(run) < 2 or len(run) > MAX_BUCKET:
                continue
            members = sorted(int(i) for i in run if not empty[i])
            if len(members) >= 2:
                yield members


def candidate_pairs(prints: list[Fingerprint]) -> Iterator[tuple[int, int]]:
    """Index pairs that share at least one band (every pair of every bucket, once): what the Spark job's band join
    gives. The local corpus step walks the buckets instead (``_clusters``), so a cluster costs what its size does."""
    seen: set[tuple[int, int]] = set()
    for members in band_buckets(prints):
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pair = (members[x], members[y])
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def _word_spans(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    spans = [(m.start(), m.end()) for m in itertools.islice(_TOKEN.finditer(text), MAX_ALIGN_WORDS)]
    return [text[s:e].lower() for s, e in spans], spans


def align(text_a: str, text_b: str) -> tuple[float, list[Passage]]:
    """Passages of ``text_b`` made of 3-shingles also in ``text_a``, with character offsets in both texts.

    Returns (share of the LONGER text inside runs of at least MIN_RUN_WORDS, those runs): "mostly the same
    text" must hold for both texts, so an excerpt is not a reprint. Linear in the texts' lengths: shingles are
    looked up in a dict, not compared pairwise. Only each text's first MAX_ALIGN_WORDS words are read.
    """
    words_a, spans_a = _word_spans(text_a)
    words_b, spans_b = _word_spans(text_b)
    if not words_a or not words_b:
        return 0.0, []
    grams_a = shingles(words_a)
    first_in_a: dict[str, int] = {}
    for i, gram in enumerate(grams_a):
        first_in_a.setdefault(gram, i)
    grams_b = shingles(words_b)
    passages: list[Passage] = []
    j = 0
    while j < len(grams_b):
        i = first_in_a.get(grams_b[j])
        if i is None:
            j += 1
            continue
        start_j, start_i = j, i
        # extend while both texts continue in step (the same run of words in both)
        while j + 1 < len(grams_b) and i + 1 < len(grams_a) and grams_b[j + 1] == grams_a[i + 1]:
            i += 1
            j += 1
        n_words = (j - start_j) + min(SHINGLE, len(words_b))
        if n_words >= MIN_RUN_WORDS:
            end_b = min(start_j + n_words, len(spans_b)) - 1
            end_a = min(start_i + n_words, len(spans_a)) - 1
            passages.append(Passage(spans_a[start_i][0], spans_a[end_a][1], spans_b[start_j][0], spans_b[end_b][1], n_words))
        j += 1
    covered = sum(p.words for p in passages)
    return min(1.0, covered / max(len(words_a), len(words_b))), passages


def order_key(meta: dict) -> tuple:
    """Earlier articles sort first: published date, else first seen, then id (a total order: links are directed
    the same way whatever the ingest order)."""
    return (meta.get("published") or meta.get("first_seen") or "9999", meta.get("first_seen") or "", meta["id"])


def classify(earlier: str, later: str, coverage: float, runs: list[Passage], text_a: str, text_b: str,
             meta: dict[str, dict], articles_with: Callable[[str], int] | None = None) -> Link | None:
    """The link an aligned pair makes (``earlier`` first): a reprint (coverage at least REPRINT_COVERAGE), shared
    passages (runs of MIN_PASSAGE_WORDS or more that are neither one outlet's house material nor boilerplate found
    in BOILERPLATE_ARTICLES articles or more, counted by ``articles_with``), or None."""
    if coverage >= REPRINT_COVERAGE:
        return Link(earlier, later, "reprint", coverage, runs)
    same_outlet = bool(meta[earlier].get("outlet")) and meta[earlier].get("outlet") == meta[later].get("outlet")
    if same_outlet:
        return None
    passages = [p for p in runs if p.words >= MIN_PASSAGE_WORDS
                and not (articles_with and articles_with(text_a[p.from_start:p.from_end]) >= BOILERPLATE_ARTICLES)]
    if not passages:
        return None
    shorter = min(len(_TOKEN.findall(text_a)), len(_TOKEN.findall(text_b)))
    share = min(1.0, sum(p.words for p in passages) / max(1, shorter))
    return Link(earlier, later, "shares-passages", share, passages)
