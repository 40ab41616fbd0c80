"""The claims step on worker processes: profiles, links and claims computed by a pool while this process writes.

Profiling an article, finding its links and building a claim (its canonical text, the stance model over its
articles, each article's events) only read texts and the store, and clusters are independent: so parts of each step
go to the workers and their results come back to the one writer, which stores them in the order a single process
would. The stored rows do not depend on ``jobs``.
Workers are forked on Linux (they share the models this process loaded, and open their own read-only connection);
elsewhere they are spawned and load the models themselves.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor

from ._claim import ClaimBuilder

# The worker's builder, set once per worker process by ``_start``. Module state only inside the worker processes
# (a pool's initializer can hand state to its tasks no other way); the writer process never sets it.
_WORKER_BUILDER: ClaimBuilder | None = None


def _start(path: str, parts: tuple | None, stance_model: str | None, parent: int) -> None:
    global _WORKER_BUILDER
    import signal

    from ..pipeline import _die_with_parent
    from ..store import Store

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to answer
    _die_with_parent(parent)
    if parts is None:
        from ._denial import DenialModel
        from ._step import load_stance, make_similarity

        parts = (make_similarity(), load_stance(stance_model), DenialModel.load())
    similarity, stance, denial = parts
    # a read-write connection that never writes: a read-only one (mode=ro) on a WAL database read the links' rows
    # at half the speed (measured on the 10k synthetic corpus of bench/scale.py)
    _WORKER_BUILDER = ClaimBuilder(Store(path), similarity, stance, denial)


def _build(groups: list[tuple[str, list[str]]]) -> tuple[list[dict], list]:
    assert _WORKER_BUILDER is not None
    return _WORKER_BUILDER.build_many(groups)


def _profiles(texts: dict[str, str]) -> list:
    from ._discover import profiles

    assert _WORKER_BUILDER is not None
    return profiles(_WORKER_BUILDER.similarity, texts)


def _links(rows: list) -> list:
    from ._discover import links

    assert _WORKER_BUILDER is not None
    return links(_WORKER_BUILDER.store, _WORKER_BUILDER.similarity, rows)


class BuilderPool:
    """``jobs`` worker processes building claims; ``submit(groups)`` returns a future of ``build_many(groups)``."""

    def __init__(self, path: str, builder: ClaimBuilder, jobs: int, stance_model: str | None = None) -> None:
        forks = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if forks else "spawn")
        parts = (builder.similarity, builder.stance, builder.denial) if forks else None
        self.jobs = jobs
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start,
                                         initargs=(os.path.abspath(path), parts, stance_model, os.getpid()))

    def submit(self, groups: list[tuple[str, list[str]]]):
        return self._pool.submit(_build, groups)

    def profiles(self, parts: list[dict[str, str]]) -> list:
        """Futures of :func:`._discover.profiles` of each part, on the workers."""
        return [self._pool.submit(_profiles, part) for part in parts]

    def links(self, parts: list[list]) -> list:
        """Futures of :func:`._discover.links` of each part (against the workers' own connections)."""
        return [self._pool.submit(_links, part) for part in parts]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
