"""The per-document pipeline and ingest, as library functions (the CLI is a thin layer over these).

``process`` is the one function every runner maps over documents (ingest, and later Spark): extract ->
analyse -> fingerprint, returning a Processed record or a Reject with the reason. ``ingest`` stores each page
with its statements in one transaction, groups the statements into claims and records the article's events, and
at the end links the new articles to the stored ones (reuse).
"""
from __future__ import annotations

import multiprocessing
import os
import sqlite3
import sys
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ._errors import InputError, NewstraceError
from .extract import EXTRACTOR_VERSION, extract_document
from .models import Article, Document, article_id, reads_statements
from .read import ReadStats, Reject, iter_documents
from .analyse import PipelineMissing, extract_article_statements, load_pipeline
from .reuse import Fingerprint, fingerprint
from .store import CorpusLock, Store

REUSE_VERSION = "reuse/2"  # 2: near-copies linked as a cluster (a star from the earliest)
ANALYSE_VERSION = "analyse/1"


@dataclass
class Processed:
    """What the per-document stages make of one page."""

    article: Article
    fingerprint: Fingerprint
    statements: list[dict] = field(default_factory=list)


def extract_or_reject(doc: Document) -> Article | Reject:
    """Extract one document; bad input becomes a Reject naming the document and the reason."""
    try:
        return extract_document(doc)
    except InputError as exc:
        return Reject(exc.source, exc.kind, exc.reason)
    except RecursionError:
        return Reject(doc.source, "too-deep", "HTML nested too deeply to parse")
    except Exception as exc:  # a bug or a parser failure on one page: recorded as data, never silent
        return Reject(doc.source, "extractor-error", f"extraction failed ({type(exc).__name__}: {exc})")


def process(doc: Document, nlp=None) -> Processed | Reject:
    """The per-document stages for one document: extract, analyse (statements, when given a spaCy pipeline),
    fingerprint."""
    article = extract_or_reject(doc)
    if isinstance(article, Reject):
        return article
    statements = extract_article_statements(article, nlp) if nlp is not None else []
    return Processed(article, fingerprint(article.id, article.text), statements)


def extract_all(inputs: Iterable[str], stats: ReadStats | None = None, **given) -> Iterator[Article | Reject]:
    """Articles (or Rejects) for every page in ``inputs`` (paths, folders, globs, '-')."""
    for item in iter_documents(inputs, stats=stats, **given):
        yield item if isinstance(item, Reject) else extract_or_reject(item)


@dataclass
class IngestSummary:
    new: int = 0
    already: int = 0
    rejected: list[Reject] = field(default_factory=list)
    stats: ReadStats = field(default_factory=ReadStats)
    links: int = 0
    statements: int = 0
    events: int = 0
    claims: int = 0
    not_english: Counter = field(default_factory=Counter)  # new articles skipped for statements, by language

    def lines(self) -> list[str]:
        out = [f"ingested {self.new} new article(s), {self.already} already stored, {len(self.rejected)} rejected"]
        if self.statements:
            out.append(f"found {self.statements} statement(s) in the new articles")
        if self.claims:
            out.append(f"claims: {self.claims} claim(s) built or rebuilt around the new articles, {self.events} event(s)")
        if self.not_english:
            langs = ", ".join(f"{k}: {v}" for k, v in sorted(self.not_english.items()))
            out.append(f"statements are English-only for now: {sum(self.not_english.values())} article(s) in other "
                       f"languages stored without statements ({langs})")
        if self.links:
            out.append(f"found {self.links} reuse link(s) (reprints or shared passages) involving the new articles")
        if self.stats.warc_records_skipped:
            kinds = ", ".join(f"{k}: {v}" for k, v in sorted(self.stats.skipped_by_type.items()))
            out.append(f"skipped {self.stats.warc_records_skipped} WARC record(s) that are not pages ({kinds})")
        reasons = Counter(r.kind for r in self.rejected)
        if reasons:
            out.append("rejected by reason: " + ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items())))
        out += [f"  rejected {r.message()}" for r in self.rejected]
        return out


# Tasks handed to the workers ahead of the writer, per worker: enough to keep every worker busy while the writer
# stores a slow page, few enough that memory stays flat (each in-flight page holds its bytes and its result).
# Set a priori; with it, bench/scale.py's 95 real pages ran 1.80x faster on 2 workers than on one process.
AHEAD_PER_JOB = 4
# Pages per worker task without statement analysis: extraction and fingerprinting take a few milliseconds a page,
# the same order as sending a task to a worker, so pages travel in batches (with spaCy, a page is 100 ms or more and
# goes alone, so the workers share the pages evenly). With 16, 3000 synthetic pages without statements went from
# 0.83x to 1.3x of one process on 2 workers (2 loaded cores; no other value tried).
BATCH_WITHOUT_STATEMENTS = 16


def default_jobs() -> int:
    """Worker processes for ingest when not told: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# The worker's spaCy pipeline, set once per worker process by ``_start_worker``. Module state only inside the
# worker processes ingest starts (a process pool's initializer can hand state to its tasks no other way); the main
# process never sets it.
_WORKER_NLP = None
_WORKER_ERROR: NewstraceError | None = None  # no spaCy pipeline installed: raised by every task, so the writer reports it
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _start_worker(analyse: bool, nlp, parent: int) -> None:
    """Forked workers get the pipeline the main process loaded (shared pages, no second load); spawned ones (where
    fork is unsafe) load their own. A worker ends with its parent, even one killed with SIGKILL."""
    global _WORKER_NLP, _WORKER_ERROR
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to answer (it stops the pool), not a traceback
    _die_with_parent(parent)
    try:
        _WORKER_NLP = nlp if nlp is not None or not analyse else load_pipeline()
    except PipelineMissing as exc:  # raised again by each task (an initializer's exception would break the pool)
        _WORKER_ERROR = NewstraceError(str(exc))


def _die_with_parent(parent: int) -> None:
    """Ask Linux to send SIGTERM to this worker when the writer dies (a forked worker shares the writer's end of the
    task pipe, so it would otherwise wait for tasks forever); elsewhere the pool's own shutdown is all there is."""
    if sys.platform != "linux":
        return
    import ctypes
    import signal

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:  # the writer died before the request took effect
        os._exit(1)


def _process_in_worker(docs: list[Document]) -> list[Processed | Reject]:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    return [process(doc, _WORKER_NLP) for doc in docs]


def _worker_context() -> tuple[multiprocessing.context.BaseContext, bool]:
    """(context, forks): fork on Linux (workers start at once and share the loaded spaCy model); spawn elsewhere."""
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork"), True
    return multiprocessing.get_context("spawn"), False


class _Batch:
    """Pages sent to one worker together (sent when full, or when the writer needs one of them)."""

    __slots__ = ("docs", "future")

    def __init__(self) -> None:
        self.docs: list[Document] = []
        self.future: Future | None = None


class _Pending:
    """A page on its way to the writer: a copy of a page already stored (or already sent to a worker in this run),
    a reject from reading, or a page in a worker's batch to wait for."""

    __slots__ = ("item", "batch", "index", "copy_of")

    def __init__(self, item: Document | Reject, batch: _Batch | None = None, index: int = 0,
                 copy_of: str | None = None):
        self.item, self.batch, self.index, self.copy_of = item, batch, index, copy_of


def ingest(inputs: Iterable[str], store: Store, *, progress: Callable[[str], None] | None = None,
           analyse: bool = True, stance_model: str | None = None,
           claims_progress: Callable[[str], None] | None = None, jobs: int = 1, **given) -> IngestSummary:
    """Read, extract, analyse and store every page (with its statements, one transaction each); then the corpus
    steps over the new articles: reuse links, and claims (articles grouped by meaning, their statements and events,
    :func:`newstrace.claims.run_claims_step`). Rejects are stored with their reasons. Safe to re-run after a crash:
    the corpus steps also pick up articles a killed run left without them. ``analyse=False`` skips statements and
    claims (no spaCy needed).

    ``jobs`` > 1 runs the per-document stages (extract, statements, fingerprint) in that many worker processes, which
    share the spaCy pipeline this process loads once (forked, on Linux; elsewhere each loads its own once); this
    process stays the one writer and stores the pages in input order, so the store ends up
    with the same rows as with ``jobs=1``."""
    from .claims import run_claims_step

    if jobs < 1:
        raise NewstraceError(f"jobs: must be at least 1 (got {jobs})")
    summary = IngestSummary()
    new_ids: list[str] = []
    own_files = [store.path + suffix for suffix in ("", "-wal", "-shm", "-journal", ".corpus-lock")]
    documents = iter_documents(inputs, stats=summary.stats, exclude=own_files, **given)
    if jobs == 1:
        nlp = load_pipeline() if analyse else None
        for item in documents:
            if isinstance(item, Document) and store.note_copy(article_id(item.content), item.source):
                summary.already += 1  # same bytes already extracted: no work, just remember this path too
            else:
                _store_result(store, summary, new_ids, item if isinstance(item, Reject) else process(item, nlp))
            if progress:
                progress(getattr(item, "source", ""))
    else:
        _ingest_parallel(documents, store, summary, new_ids, progress, analyse, jobs)
    with CorpusLock(store.path, notify=claims_progress):
        summary.links = store.update_reuse(new_ids, REUSE_VERSION)
        if analyse:
            found = run_claims_step(store, stance_model=stance_model, progress=claims_progress, jobs=jobs)
            summary.events, summary.claims = found.events, found.claims
    return summary


def _store_result(store: Store, summary: IngestSummary, new_ids: list[str], result: Processed | Reject) -> None:
    """Store one page's result (one transaction) and count it."""
    if not isinstance(result, Reject):
        try:
            stored = store.add_article(result.article, result.statements, ANALYSE_VERSION, result.fingerprint)
        except (OverflowError, sqlite3.InterfaceError, sqlite3.ProgrammingError) as exc:
            # a value SQLite cannot hold (an integer past 2^63): that page is a reject, the run goes on (its
            # transaction was rolled back)
            result = Reject(result.article.source, "unstorable", f"cannot be stored ({type(exc).__name__}: {exc})")
    if isinstance(result, Reject):
        store.add_reject(result.source, result.kind, result.reason, EXTRACTOR_VERSION)
        summary.rejected.append(result)
    elif stored.new:
        summary.new += 1
        summary.statements += len(result.statements)
        if not reads_statements(result.article.language):
            summary.not_english[result.article.language] += 1
        new_ids.append(result.article.id)
    else:
        summary.already += 1


def _ingest_parallel(documents: Iterator[Document | Reject], store: Store, summary: IngestSummary,
                     new_ids: list[str], progress: Callable[[str], None] | None, analyse: bool, jobs: int) -> None:
    """Workers process the pages; this process writes their results in input order, exactly as ``jobs=1`` would.

    A page whose bytes are stored already, or were sent to a worker earlier in this run, is not processed again: when
    its turn comes it is recorded as a copy (``note_copy``), as the one-process loop does. Should the earlier copy
    have been rejected instead of stored, the page is processed then, as the one-process loop would have."""
    context, forks = _worker_context()
    # Forked workers inherit the model loaded here (the store's connection too, which they never touch: they only
    # process documents and return results; the writer is this process).
    nlp = load_pipeline() if analyse and forks else None
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker,
                               initargs=(analyse, nlp, os.getpid()))
    batch_size = 1 if analyse else BATCH_WITHOUT_STATEMENTS
    try:
        queue: deque[_Pending] = deque()
        sent: set[str] = set()
        ahead = jobs * AHEAD_PER_JOB * batch_size
        batch = _Batch()

        def send(b: _Batch) -> None:
            b.future = pool.submit(_process_in_worker, b.docs)

        def write_next() -> None:
            pending = queue.popleft()
            item = pending.item
            if pending.copy_of is not None:
                if store.note_copy(pending.copy_of, item.source):
                    summary.already += 1
                else:  # the earlier copy was rejected: this one is processed in its own right
                    _store_result(store, summary, new_ids, pool.submit(_process_in_worker, [item]).result()[0])
            elif pending.batch is None:
                _store_result(store, summary, new_ids, item)
            else:
                if pending.batch.future is None:  # a batch not full yet: send it as it is
                    send(pending.batch)
                _store_result(store, summary, new_ids, pending.batch.future.result()[pending.index])
            if progress:
                progress(getattr(item, "source", ""))

        for item in documents:
            if isinstance(item, Document):
                aid = article_id(item.content)
                if aid in sent or store.article_texts([aid]):  # stored already: a copy
                    queue.append(_Pending(item, copy_of=aid))
                else:
                    sent.add(aid)
                    if batch.future is not None:
                        batch = _Batch()
                    batch.docs.append(item)
                    queue.append(_Pending(item, batch, len(batch.docs) - 1))
                    if len(batch.docs) == batch_size:
                        send(batch)
            else:
                queue.append(_Pending(item))
            while len(queue) > ahead or (queue and _ready(queue[0])):
                write_next()
        while queue:
            write_next()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _ready(pending: _Pending) -> bool:
    return pending.batch is None or (pending.batch.future is not None and pending.batch.future.done())
