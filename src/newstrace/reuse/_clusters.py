"""Reuse links, cluster by cluster: near-copies are linked as a cluster, not pair by pair.

A reprint cluster is a set of articles joined by verified reprint pairs (single link: a copy of any member is a
member). Its representative is its earliest article (``order_key``), and the cluster is stored as one ``reprint``
link from the representative to each other member (every member reachable as a reprint of it) plus, per article, the
cluster it belongs to. Shared passages between two clusters are one ``shares-passages`` link between their
representatives. 5,000 copies of one wire story are 4,999 links, not 12.5 million, and the work grows with them.

The work follows the same shape. The LSH buckets (groups of mutual candidates) are walked with a union-find over
the clusters: members of one cluster are never compared again; two clusters that meet in a bucket are compared
through their most similar pairs there (MinHash), a few a bucket and at most MAX_TRIES a run. Only pairs with a new
article are compared (the old ones were, when they were new), except that a cluster whose representative changed
is compared again as a whole. The clusters, their representatives and the links are the same whatever the order
and the batches the articles came in (tested on copies edited 20%, whose pairwise coverage straddles the reprint
threshold). Where copies of copies drift apart (A reprints B, B reprints C, A does not reprint C) single link still
joins them, and the star link from the representative carries the overlap measured between the two, which may be
under REPRINT_COVERAGE.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np

from ._fingerprint import Fingerprint
from ._links import (BANDS, MIN_ESTIMATED_JACCARD, REPRINT_COVERAGE, ROWS, Link, Passage, align, band_buckets, classify,
                     order_key)

# An article meets another cluster in a bucket: it is aligned with that cluster's members there, most similar first
# (MinHash), until one is a reprint or TRIES_PER_BUCKET fail. Near-copies whose pairwise coverage straddles
# REPRINT_COVERAGE get a chance in each bucket they share (they share many); an article that only quotes a big
# cluster costs a few alignments a bucket, never one per member, and at most MAX_TRIES per cluster pair a run.
TRIES_PER_BUCKET = 2
MAX_TRIES = 64
# Two clusters that share passages but whose representatives do not: member pairs tried after the representatives.
SHARED_FALLBACKS = 4
# Texts kept in memory while a run aligns (a cluster's representative is aligned with every member).
TEXT_CACHE = 4096


@dataclass
class ReuseUpdate:
    """What a run changes in the store: links to write (insert or replace), links to delete (``(from, to)``),
    and the cluster (its representative's id) of each article whose cluster the run made or changed."""
    links: list[Link] = field(default_factory=list)
    drop: list[tuple[str, str]] = field(default_factory=list)
    clusters: dict[str, str] = field(default_factory=dict)


_NO_RUNS = np.zeros((0, 5), dtype=np.int64)


def _pack_runs(runs: list[Passage]) -> np.ndarray:
    """Runs as rows of (from_start, from_end, to_start, to_end, words)."""
    if not runs:
        return _NO_RUNS
    return np.array([(p.from_start, p.from_end, p.to_start, p.to_end, p.words) for p in runs], dtype=np.int64)


class _Clusters:
    """Union-find over article indices (union by size, path halving), each root knowing its earliest member."""

    def __init__(self, keys: list[tuple]):
        n = len(keys)
        self.parent = list(range(n))
        self.size = [1] * n
        self.rep = list(range(n))
        self.keys = keys

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        if self.keys[self.rep[rb]] < self.keys[self.rep[ra]]:
            self.rep[ra] = self.rep[rb]
        return ra


def _join_in_bucket(here: dict[int, list[int]], root: int, other_root: int, sig_matrix: np.ndarray,
                    focus_mask: np.ndarray, verdicts: dict, reprints: Callable[[int, int], bool | None],
                    tries: dict[tuple[int, int], int], hints: list[tuple[int, int]]) -> bool:
    """Whether two clusters that meet in a bucket are one: their members there are aligned in pairs, most similar
    (MinHash) first, until one pair is a reprint or TRIES_PER_BUCKET fail. A pair of two old articles is never
    aligned again (it was when one of them was new). The pairs found similar but not reprints go to ``hints``."""
    pair = (root, other_root) if root < other_root else (other_root, root)
    if tries.get(pair, 0) >= MAX_TRIES:
        return False
    if len(here[root]) == 1 and len(here[other_root]) == 1:  # most buckets: two articles, one pair
        a, b = here[root][0], here[other_root][0]
        if not (focus_mask[a] or focus_mask[b]):
            return False
        known = (min(a, b), max(a, b)) in verdicts
        verdict = reprints(a, b)
        if verdict is False and not known:
            hints.append((a, b))
            tries[pair] = tries.get(pair, 0) + 1
        return bool(verdict)
    mine, theirs = np.array(here[root]), np.array(here[other_root])
    agree = (sig_matrix[mine][:, None, :] == sig_matrix[theirs][None, :, :]).mean(axis=2)
    agree[~(focus_mask[mine][:, None] | focus_mask[theirs][None, :])] = -1.0
    failed = 0
    for flat in np.argsort(-agree, axis=None, kind="stable"):
        x, y = divmod(int(flat), len(theirs))
        if agree[x, y] < MIN_ESTIMATED_JACCARD:
            return False
        a, b = int(mine[x]), int(theirs[y])
        known = (min(a, b), max(a, b)) in verdicts
        verdict = reprints(a, b)
        if verdict:
            return True
        if verdict is None and not known:
            verdicts[(min(a, b), max(a, b))] = None  # (MinHash agreement just at the bound) counted once, as a try
        if not known:
            hints.append((a, b))
            failed += 1
            tries[pair] = tries.get(pair, 0) + 1
            if failed >= TRIES_PER_BUCKET or tries[pair] >= MAX_TRIES:
                return False
    return False


def update_links(prints: list[Fingerprint], text_of: Callable[[str], str], meta: dict[str, dict], *,
                 focus: Iterable[str] | None = None, articles_with: Callable[[str], int] | None = None,
                 clusters: dict[str, str] | None = None,
                 links_touching: Callable[[list[str]], list[tuple[str, str, str]]] | None = None,
                 groups: Iterable[Iterable[str]] | None = None) -> ReuseUpdate:
    """The reuse links that articles in ``focus`` (all of ``prints`` when None) bring, as changes to a store.

    ``clusters``: the stored clusters (member id -> representative id). ``links_touching(ids)``: the stored links
    ``(from, to, type)`` from or to those articles (rewritten where a cluster changed). ``groups``: candidate groups
    (lists of ids) to use instead of the LSH buckets of ``prints`` (the pairs a Spark run found). ``text_of``,
    ``meta`` and ``articles_with`` are as for ``find_links``.
    """
    groups = None if groups is None else list(groups)  # walked twice when a representative changes
    prints = sorted(prints, key=lambda p: p.article)
    ids = [p.article for p in prints]
    index = {a: i for i, a in enumerate(ids)}
    n = len(ids)
    is_focus = [True] * n if focus is None else [False] * n
    if focus is not None:
        for a in focus:
            if a in index:
                is_focus[index[a]] = True
    keys = [order_key(meta[a]) for a in ids]
    uf = _Clusters(keys)
    stored_clusters = clusters or {}
    for member, rep in stored_clusters.items():
        if member in index and rep in index:
            uf.union(index[member], index[rep])
    sigs = [p.signature for p in prints]
    sig_matrix = np.stack(sigs) if sigs else np.empty((0, 0), dtype=np.uint64)

    texts: dict[str, str] = {}

    def text(ident: str) -> str:
        if ident not in texts:
            if len(texts) >= TEXT_CACHE:
                texts.pop(next(iter(texts)))
            texts[ident] = text_of(ident)
        return texts[ident]

    # every pair aligned in this run: (coverage, its runs as a (k, 5) integer array), kept for the links written at
    # the end; Passage objects would take about four times the memory (hundreds of MB at 100k articles)
    aligned: dict[tuple[int, int], tuple[float, np.ndarray]] = {}

    def aligned_pair(i: int, j: int) -> tuple[int, int, float, np.ndarray]:
        a, b = (i, j) if keys[i] <= keys[j] else (j, i)
        if (a, b) not in aligned:
            coverage, runs = align(text(ids[a]), text(ids[b]))
            aligned[(a, b)] = (coverage, _pack_runs(runs))
        return (a, b, *aligned[(a, b)])

    def alignment(i: int, j: int) -> tuple[int, int, float, list[Passage]]:
        """(earlier, later, coverage, runs) of two articles."""
        a, b, coverage, runs = aligned_pair(i, j)
        return a, b, coverage, [Passage(*row) for row in runs.tolist()]

    # the pairs aligned (True: reprints); a pair not similar enough to align is not kept (checking its signatures
    # again is cheap, and at 100k articles there were 3.3 million such pairs, 500 MB as dict entries)
    verdicts: dict[tuple[int, int], bool | None] = {}

    def reprints(i: int, j: int) -> bool | None:
        """True: a reprint pair; False: similar but not a reprint; None: not similar enough to align."""
        pair = (i, j) if i < j else (j, i)
        if pair not in verdicts:
            if np.count_nonzero(sigs[i] == sigs[j]) < min_agree:
                return None
            verdicts[pair] = aligned_pair(i, j)[2] >= REPRINT_COVERAGE
        return verdicts[pair]

    min_agree = MIN_ESTIMATED_JACCARD * (len(sigs[0]) if sigs else 0)

    # 1. Walk the candidate groups: join clusters by the reprints among them; remember the other similar pairs.
    tries: dict[tuple[int, int], int] = {}
    hints: list[tuple[int, int]] = []

    def walk(focus_mask: np.ndarray) -> None:
        if groups is None:
            buckets: Iterable[list[int]] = band_buckets(prints, sig_matrix)
        else:
            buckets = (sorted(index[a] for a in set(g) if a in index and prints[index[a]].tokens) for g in groups)
        every = bool(focus_mask.all())
        for bucket in buckets:
            if len(bucket) < 2 or not (every or focus_mask[bucket].any()):
                continue
            if len(bucket) == 2:  # most buckets: one pair
                a, b = bucket
                ra, rb = uf.find(a), uf.find(b)
                if ra == rb or not (focus_mask[a] or focus_mask[b]):
                    continue
                pair = (ra, rb) if ra < rb else (rb, ra)
                if tries.get(pair, 0) >= MAX_TRIES:
                    continue
                known = (a, b) in verdicts
                verdict = reprints(a, b)
                if verdict:
                    uf.union(ra, rb)
                elif verdict is False and not known:
                    hints.append((a, b))
                    tries[pair] = tries.get(pair, 0) + 1
                continue
            here: dict[int, list[int]] = {}  # cluster root -> its members in this bucket
            for m in bucket:
                here.setdefault(uf.find(m), []).append(m)
            if len(here) < 2:
                continue
            live: list[int] = []
            for root in list(here):
                for other_root in list(live):
                    root = uf.find(root)
                    if _join_in_bucket(here, root, other_root, sig_matrix, focus_mask, verdicts, reprints, tries,
                                       hints):
                        merged = uf.union(root, other_root)
                        here[merged] = here.pop(root) + here.pop(other_root)
                        live.remove(other_root)
                        root = merged
                live.append(uf.find(root))

    focus_mask = np.array(is_focus, dtype=bool)
    walk(focus_mask)
    # A cluster whose representative changed (an earlier copy came, or two stored clusters joined) is compared again
    # as a whole with the clusters it meets: which of them share passages with it is judged on the new representative
    # (as a run that had every article at once would judge it).
    touched = {uf.find(i) for i in range(n) if is_focus[i]}
    moved = {uf.find(i) for i in range(n) if not is_focus[i] and uf.find(i) in touched
             and stored_clusters.get(ids[i], ids[i]) != ids[uf.rep[uf.find(i)]]}
    if moved:
        widened = focus_mask | np.array([uf.find(i) in moved for i in range(n)], dtype=bool)
        walk(widened)

    # 2. Stored links of the clusters this run touched: kept while still right, else dropped (and compared again).
    # 3. Two clusters whose representatives reprint each other are one (copies that drifted apart in the members
    # first compared): joined, and 2 again for the joined cluster, until nothing joins.
    touched = {uf.find(i) for i in range(n) if is_focus[i]}
    while True:
        members: dict[int, list[int]] = defaultdict(list)
        for i in range(n):
            root = uf.find(i)
            if root in touched:
                members[root].append(i)
        drop: list[tuple[str, str]] = []
        star_done: set[tuple[int, int]] = set()
        kept_between: set[tuple[int, int]] = set()  # cluster pairs whose stored shares-passages link stays
        stored_hints: list[tuple[int, int]] = []
        if links_touching is not None:
            wanted = [ids[i] for group in members.values() for i in group if len(group) > 1 or is_focus[i]]
            for source, target, kind in sorted(set(links_touching(wanted))):
                if source not in index or target not in index:
                    continue
                s, t = index[source], index[target]
                rs, rt = uf.find(s), uf.find(t)
                if rs == rt:
                    if kind == "reprint" and s == uf.rep[rs]:
                        star_done.add((s, t))
                    else:
                        drop.append((source, target))
                elif kind == "shares-passages" and s == uf.rep[rs] and t == uf.rep[rt]:
                    kept_between.add((rs, rt) if rs < rt else (rt, rs))
                else:
                    drop.append((source, target))
                    stored_hints.append((s, t))
        joined = False
        for i, j in hints + stored_hints:
            ri, rj = uf.find(i), uf.find(j)
            if ri != rj and reprints(uf.rep[ri], uf.rep[rj]):
                root = uf.union(ri, rj)
                touched -= {ri, rj}
                touched.add(root)
                joined = True
        if not joined:
            break
    hints += stored_hints
    update = ReuseUpdate(drop=drop)

    # 4. Each touched cluster: one reprint link from its representative to each member.
    for root, group in members.items():
        if len(group) < 2:
            continue
        rep = uf.rep[root]
        for m in group:
            if stored_clusters.get(ids[m]) != ids[rep]:
                update.clusters[ids[m]] = ids[rep]
            if m == rep or (rep, m) in star_done:
                continue
            _, _, coverage, runs = alignment(rep, m)
            update.links.append(Link(ids[rep], ids[m], "reprint", coverage, runs))

    # 5. Shared passages: one link per pair of clusters found similar, between their representatives; when those
    # share no passage worth linking, between one representative and a member of the other cluster among its LSH
    # candidates, most similar (MinHash) first, a few tried. Chosen from the clusters alone, so the link does not
    # depend on the ingest order.
    between = sorted({(min(ri, rj), max(ri, rj)) for ri, rj in ((uf.find(i), uf.find(j)) for i, j in hints)
                      if ri != rj} - kept_between)
    involved = {root for pair in between for root in pair}
    cluster_members: dict[int, list[int]] = defaultdict(list)
    if involved:
        for i in range(n):
            root = uf.find(i)
            if root in involved:
                cluster_members[root].append(i)
    for ra, rb in between:
        rep_a, rep_b = uf.rep[ra], uf.rep[rb]
        options = [(-2.0, rep_a, rep_b)]  # the representatives first
        for rep, others in ((rep_a, cluster_members[rb]), (rep_b, cluster_members[ra])):
            others = [o for o in others if o != uf.rep[uf.find(o)]]
            if others:
                same = sig_matrix[others] == sig_matrix[rep]
                agree = same.mean(axis=1)
                # LSH candidates of the representative only: a member that joins later and ranks here shares a
                # bucket with it, so its run compares the two clusters again
                banded = same[:, : BANDS * ROWS].reshape(len(others), BANDS, ROWS).all(axis=2).any(axis=1)
                options += [(-float(agree[k]), rep, others[k]) for k in range(len(others))
                            if banded[k] and agree[k] >= MIN_ESTIMATED_JACCARD]
        options.sort(key=lambda o: (o[0], keys[o[1]], keys[o[2]]))
        for _, i, j in options[:1 + SHARED_FALLBACKS]:
            a, b, coverage, runs = alignment(i, j)
            if coverage >= REPRINT_COVERAGE:
                continue
            link = classify(ids[a], ids[b], coverage, runs, text(ids[a]), text(ids[b]), meta, articles_with)
            if link is not None:
                update.links.append(link)
                break
    return update


def find_links(prints: list[Fingerprint], text_of: Callable[[str], str], meta: dict[str, dict],
               only: Iterable[str] | None = None,
               articles_with: Callable[[str], int] | None = None) -> list[Link]:
    """Reuse links among ``prints`` (none stored yet); with ``only``, just those the articles in ``only`` bring.

    ``text_of`` gives an article's text (called only for candidates that need aligning), ``meta`` each article's
    id/published/first_seen/outlet (for direction). ``articles_with(passage)`` counts the articles whose text holds
    a passage: one held by BOILERPLATE_ARTICLES or more is a site's boilerplate (footer, bio), not reuse.
    Shared passages between two articles of the same outlet are house material unless one reprints the other.
    A cluster of near-copies is one reprint link from its earliest article to each other one.
    """
    return update_links(prints, text_of, meta, focus=only, articles_with=articles_with).links
