"""The per-document pipeline and ingest, as library functions (the CLI is a thin layer over these).

``process`` is the one function every runner maps over documents (ingest, and later Spark): extract ->
analyse -> fingerprint, returning a Processed record or a Reject with the reason. ``ingest`` stores each page
with its statements in one transaction, groups the statements into claims and records the article's events, and
at the end links the new articles to the stored ones (reuse).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ._errors import InputError
from .extract import EXTRACTOR_VERSION, extract_document
from .models import Article, Document, article_id, reads_statements
from .read import ReadStats, Reject, iter_documents
from .analyse import extract_article_statements, load_pipeline
from .reuse import Fingerprint, fingerprint
from .store import Store

REUSE_VERSION = "reuse/1"
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


def ingest(inputs: Iterable[str], store: Store, *, progress: Callable[[str], None] | None = None,
           analyse: bool = True, stance_model: str | None = None,
           claims_progress: Callable[[str], None] | None = None, **given) -> IngestSummary:
    """Read, extract, analyse and store every page (with its statements, one transaction each); then the corpus
    steps over the new articles: reuse links, and claims (articles grouped by meaning, their statements and events,
    :func:`newstrace.claims.run_claims_step`). Rejects are stored with their reasons. Safe to re-run after a crash:
    the corpus steps also pick up articles a killed run left without them. ``analyse=False`` skips statements and
    claims (no spaCy needed)."""
    from .claims import run_claims_step

    summary = IngestSummary()
    nlp = load_pipeline() if analyse else None
    new_ids: list[str] = []
    own_files = [store.path + suffix for suffix in ("", "-wal", "-shm", "-journal")]
    for item in iter_documents(inputs, stats=summary.stats, exclude=own_files, **given):
        if isinstance(item, Document) and store.note_copy(article_id(item.content), item.source):
            summary.already += 1  # same bytes already extracted: no work, just remember this path too
        else:
            result = item if isinstance(item, Reject) else process(item, nlp)
            if isinstance(result, Reject):
                store.add_reject(result.source, result.kind, result.reason, EXTRACTOR_VERSION)
                summary.rejected.append(result)
            elif store.add_article(result.article, result.statements, ANALYSE_VERSION, result.fingerprint).new:
                summary.new += 1
                summary.statements += len(result.statements)
                if not reads_statements(result.article.language):
                    summary.not_english[result.article.language] += 1
                new_ids.append(result.article.id)
            else:
                summary.already += 1
        if progress:
            progress(getattr(item, "source", ""))
    summary.links = store.update_reuse(new_ids, REUSE_VERSION)
    if analyse:
        found = run_claims_step(store, stance_model=stance_model, progress=claims_progress)
        summary.events, summary.claims = found.events, found.claims
    return summary
