"""Average-link clustering over a sparse similarity graph (the grouping step of claim discovery and `group`).

Items are numbered 0..n-1 in a canonical order (callers sort by id, never by arrival), and the graph holds only the
pairs a candidate index proposed: a pair that is not in it counts as similarity 0 in a cluster average. Merges go
best-first; ties are broken by the smaller cluster numbers, so the result depends only on the graph, not on the order
in which items arrived. Cost: O(E log E) for E edges (each merge folds the smaller neighbour list into the larger).
"""
from __future__ import annotations

import heapq
from typing import Iterable


def average_link(n: int, edges: Iterable[tuple[int, int, float]], threshold: float) -> list[int]:
    """Cluster labels for items 0..n-1; each label is the smallest item number in its cluster.

    ``edges``: (i, j, similarity), i != j (a repeated pair keeps its highest similarity). Two clusters merge while
    the average similarity over all their cross pairs (absent pairs counting 0) is at least ``threshold``."""
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, s in edges:
        if i != j and s > 0 and s > links[i].get(j, 0.0):
            links[i][j] = links[j][i] = float(s)
    size = [1] * n
    parent = list(range(n))
    version = [0] * n
    heap = [(-s, i, j, 0, 0) for i in range(n) for j, s in links[i].items() if i < j and s >= threshold]
    heapq.heapify(heap)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if parent[a] != a or parent[b] != b or version[a] != va or version[b] != vb:
            continue  # stale: one side has merged or grown since this entry was pushed
        keep, gone = a, b  # a < b: the label stays the smallest member
        small, large = (links[keep], links[gone]) if len(links[keep]) < len(links[gone]) else (links[gone], links[keep])
        for c, s in small.items():
            large[c] = large.get(c, 0.0) + s
        large.pop(keep, None)
        large.pop(gone, None)
        links[keep], links[gone] = large, {}
        parent[gone] = keep
        size[keep] += size[gone]
        version[keep] += 1
        for c, s in large.items():
            other = links[c]
            other.pop(gone, None)
            other[keep] = s
            avg = s / (size[keep] * size[c])
            if avg >= threshold:
                lo, hi = (keep, c) if keep < c else (c, keep)
                heapq.heappush(heap, (-avg, lo, hi, version[lo], version[hi]))
    return [_root(parent, i) for i in range(n)]


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i
