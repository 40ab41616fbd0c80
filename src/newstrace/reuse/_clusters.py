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

    The stages:
      1. walk the candidate groups, joining clusters by the reprints among them and remembering the other similar
         pairs (hints); walk again, as a whole, each cluster whose representative changed;
      2. read the stored links of the clusters this run touched: kept while still right, else dropped (and
         compared again);
      3. join two clusters whose representatives reprint each other, and 2 again, until nothing joins;
      4. one reprint link from each touched cluster's representative to each member;
      5. one shares-passages link per pair of clusters found similar.
    """
    run = _Run(prints, text_of, meta, focus, clusters or {}, None if groups is None else list(groups))
    focus_mask = np.array(run.is_focus, dtype=bool)
    run.walk(focus_mask)
    moved = run.moved_clusters()
    if moved:
        run.walk(focus_mask | np.array([run.uf.find(i) in moved for i in range(run.n)], dtype=bool))
    members, drop, star_done, kept_between = run.settle(links_touching)
    update = ReuseUpdate(drop=drop)
    run.add_reprint_links(members, star_done, update)
    run.add_shared_links(kept_between, articles_with, update)
    return update


class _Run:
    """The state of one ``update_links`` run: the articles sorted by id (an article is its index here), their
    order keys and signatures, the union-find over clusters, the pairs aligned and judged, the texts read (a
    bounded cache: only candidates that need aligning are read)."""

    def __init__(self, prints: list[Fingerprint], text_of: Callable[[str], str], meta: dict[str, dict],
                 focus: Iterable[str] | None, stored_clusters: dict[str, str], groups: list | None) -> None:
        self.prints = sorted(prints, key=lambda p: p.article)
        self.ids = ids = [p.article for p in self.prints]
        self.index = index = {a: i for i, a in enumerate(ids)}
        self.n = len(ids)
        self.is_focus = [True] * self.n if focus is None else [False] * self.n
        if focus is not None:
            for a in focus:
                if a in index:
                    self.is_focus[index[a]] = True
        self.meta = meta
        self.keys = [order_key(meta[a]) for a in ids]
        self.uf = _Clusters(self.keys)
        self.stored_clusters = stored_clusters
        for member, rep in stored_clusters.items():
            if member in index and rep in index:
                self.uf.union(index[member], index[rep])
        self.groups = groups  # walked twice when a representative changes
        self.sigs = [p.signature for p in self.prints]
        self.sig_matrix = np.stack(self.sigs) if self.sigs else np.empty((0, 0), dtype=np.uint64)
        self.min_agree = MIN_ESTIMATED_JACCARD * (len(self.sigs[0]) if self.sigs else 0)
        self.text_of = text_of
        self.texts: dict[str, str] = {}
        # every pair aligned in this run: (coverage, its runs as a (k, 5) integer array), kept for the links written
        # at the end; Passage objects would take about four times the memory (hundreds of MB at 100k articles)
        self.aligned: dict[tuple[int, int], tuple[float, np.ndarray]] = {}
        # the pairs aligned (True: reprints); a pair not similar enough to align is not kept (checking its
        # signatures again is cheap, and at 100k articles there were 3.3 million such pairs, 500 MB as dict entries)
        self.verdicts: dict[tuple[int, int], bool | None] = {}
        self.tries: dict[tuple[int, int], int] = {}  # failed alignments per cluster pair
        self.hints: list[tuple[int, int]] = []  # pairs found similar but not reprints

    # -- alignment ---------------------------------------------------------------------------------------
    def text(self, ident: str) -> str:
        texts = self.texts
        if ident not in texts:
            if len(texts) >= TEXT_CACHE:
                texts.pop(next(iter(texts)))
            texts[ident] = self.text_of(ident)
        return texts[ident]

    def aligned_pair(self, i: int, j: int) -> tuple[int, int, float, np.ndarray]:
        keys = self.keys
        a, b = (i, j) if keys[i] <= keys[j] else (j, i)
        if (a, b) not in self.aligned:
            coverage, runs = align(self.text(self.ids[a]), self.text(self.ids[b]))
            self.aligned[(a, b)] = (coverage, _pack_runs(runs))
        return (a, b, *self.aligned[(a, b)])

    def alignment(self, i: int, j: int) -> tuple[int, int, float, list[Passage]]:
        """(earlier, later, coverage, runs) of two articles."""
        a, b, coverage, runs = self.aligned_pair(i, j)
        return a, b, coverage, [Passage(*row) for row in runs.tolist()]

    def reprints(self, i: int, j: int) -> bool | None:
        """True: a reprint pair; False: similar but not a reprint; None: not similar enough to align."""
        pair = (i, j) if i < j else (j, i)
        verdicts = self.verdicts
        if pair not in verdicts:
            if np.count_nonzero(self.sigs[i] == self.sigs[j]) < self.min_agree:
                return None
            verdicts[pair] = self.aligned_pair(i, j)[2] >= REPRINT_COVERAGE
        return verdicts[pair]

    # -- 1. the candidate groups -------------------------------------------------------------------------
    def walk(self, focus_mask: np.ndarray) -> None:
        """Walk the candidate groups with an article in ``focus_mask``: join clusters by the reprints among them;
        remember the other similar pairs."""
        if self.groups is None:
            buckets: Iterable[list[int]] = band_buckets(self.prints, self.sig_matrix)
        else:
            index, prints = self.index, self.prints
            buckets = (sorted(index[a] for a in set(g) if a in index and prints[index[a]].tokens)
                       for g in self.groups)
        every = bool(focus_mask.all())
        for bucket in buckets:
            if len(bucket) < 2 or not (every or focus_mask[bucket].any()):
                continue
            if len(bucket) == 2:  # most buckets: one pair
                self._walk_pair(bucket[0], bucket[1], focus_mask)
            else:
                self._walk_bucket(bucket, focus_mask)

    def _walk_pair(self, a: int, b: int, focus_mask: np.ndarray) -> None:
        uf, tries = self.uf, self.tries
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb or not (focus_mask[a] or focus_mask[b]):
            return
        pair = (ra, rb) if ra < rb else (rb, ra)
        if tries.get(pair, 0) >= MAX_TRIES:
            return
        known = (a, b) in self.verdicts
        verdict = self.reprints(a, b)
        if verdict:
            uf.union(ra, rb)
        elif verdict is False and not known:
            self.hints.append((a, b))
            tries[pair] = tries.get(pair, 0) + 1

    def _walk_bucket(self, bucket: list[int], focus_mask: np.ndarray) -> None:
        uf = self.uf
        here: dict[int, list[int]] = {}  # cluster root -> its members in this bucket
        for m in bucket:
            here.setdefault(uf.find(m), []).append(m)
        if len(here) < 2:
            return
        live: list[int] = []
        for root in list(here):
            for other_root in list(live):
                root = uf.find(root)
                if _join_in_bucket(here, root, other_root, self.sig_matrix, focus_mask, self.verdicts, self.reprints,
                                   self.tries, self.hints):
                    merged = uf.union(root, other_root)
                    here[merged] = here.pop(root) + here.pop(other_root)
                    live.remove(other_root)
                    root = merged
            live.append(uf.find(root))

    def moved_clusters(self) -> set[int]:
        """The roots of touched clusters whose representative changed (an earlier copy came, or two stored
        clusters joined): compared again as a whole with the clusters they meet, since which of them share passages
        is judged on the new representative (as a run that had every article at once would judge it)."""
        uf, ids = self.uf, self.ids
        touched = {uf.find(i) for i in range(self.n) if self.is_focus[i]}
        return {uf.find(i) for i in range(self.n) if not self.is_focus[i] and uf.find(i) in touched
                and self.stored_clusters.get(ids[i], ids[i]) != ids[uf.rep[uf.find(i)]]}

    # -- 2. and 3. stored links, clusters joined through their representatives ---------------------------------
    def settle(self, links_touching) -> tuple[dict[int, list[int]], list[tuple[str, str]], set[tuple[int, int]],
                                               set[tuple[int, int]]]:
        """(members of each touched cluster, stored links to drop, stored reprint links still right, cluster pairs
        whose stored shares-passages link stays). Stored links that are no longer right are dropped and their pairs
        compared again; two clusters whose representatives reprint each other are joined, until nothing joins."""
        uf, ids, index, n = self.uf, self.ids, self.index, self.n
        touched = {uf.find(i) for i in range(n) if self.is_focus[i]}
        while True:
            members: dict[int, list[int]] = defaultdict(list)
            for i in range(n):
                root = uf.find(i)
                if root in touched:
                    members[root].append(i)
            drop: list[tuple[str, str]] = []
            star_done: set[tuple[int, int]] = set()
            kept_between: set[tuple[int, int]] = set()
            stored_hints: list[tuple[int, int]] = []
            if links_touching is not None:
                wanted = [ids[i] for group in members.values() for i in group if len(group) > 1 or self.is_focus[i]]
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
            for i, j in self.hints + stored_hints:
                ri, rj = uf.find(i), uf.find(j)
                if ri != rj and self.reprints(uf.rep[ri], uf.rep[rj]):
                    root = uf.union(ri, rj)
                    touched -= {ri, rj}
                    touched.add(root)
                    joined = True
            if not joined:
                break
        self.hints += stored_hints
        return members, drop, star_done, kept_between

    # -- 4. reprint links ----------------------------------------------------------------------------------
    def add_reprint_links(self, members: dict[int, list[int]], star_done: set[tuple[int, int]],
                          update: ReuseUpdate) -> None:
        """Each touched cluster: one reprint link from its representative to each member."""
        ids = self.ids
        for root, group in members.items():
            if len(group) < 2:
                continue
            rep = self.uf.rep[root]
            for m in group:
                if self.stored_clusters.get(ids[m]) != ids[rep]:
                    update.clusters[ids[m]] = ids[rep]
                if m == rep or (rep, m) in star_done:
                    continue
                _, _, coverage, runs = self.alignment(rep, m)
                update.links.append(Link(ids[rep], ids[m], "reprint", coverage, runs))

    # -- 5. shared passages --------------------------------------------------------------------------------
    def add_shared_links(self, kept_between: set[tuple[int, int]], articles_with, update: ReuseUpdate) -> None:
        """One link per pair of clusters found similar, between their representatives; when those share no passage
        worth linking, between one representative and a member of the other cluster among its LSH candidates, most
        similar (MinHash) first, a few tried. Chosen from the clusters alone, so the link does not depend on the
        ingest order."""
        uf, ids = self.uf, self.ids
        between = sorted({(min(ri, rj), max(ri, rj)) for ri, rj in ((uf.find(i), uf.find(j)) for i, j in self.hints)
                          if ri != rj} - kept_between)
        involved = {root for pair in between for root in pair}
        cluster_members: dict[int, list[int]] = defaultdict(list)
        if involved:
            for i in range(self.n):
                root = uf.find(i)
                if root in involved:
                    cluster_members[root].append(i)
        for ra, rb in between:
            for i, j in self._shared_options(ra, rb, cluster_members):
                a, b, coverage, runs = self.alignment(i, j)
                if coverage >= REPRINT_COVERAGE:
                    continue
                link = classify(ids[a], ids[b], coverage, runs, self.text(ids[a]), self.text(ids[b]), self.meta,
                                articles_with)
                if link is not None:
                    update.links.append(link)
                    break

    def _shared_options(self, ra: int, rb: int, cluster_members: dict[int, list[int]]) -> list[tuple[int, int]]:
        """The article pairs tried for a shares-passages link between two clusters, in order: the representatives,
        then up to SHARED_FALLBACKS (representative, member of the other cluster) pairs."""
        uf, sig_matrix = self.uf, self.sig_matrix
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
        options.sort(key=lambda o: (o[0], self.keys[o[1]], self.keys[o[2]]))
        return [(i, j) for _, i, j in options[:1 + SHARED_FALLBACKS]]


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
