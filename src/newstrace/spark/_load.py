"""``load``: a ``spark run`` output (Parquet) into the SQLite store, in the order ``ingest`` stores a crawl.

Read with pyarrow (no JVM needed). The records are replayed in input order (file, then record within the file),
each as ``ingest`` does it: a reject is stored with its reason; an article with its statements and fingerprint in
one transaction, then (when the run analysed statements) its statements grouped into claims and its events.
Claim grouping depends on order, so replaying the input order gives the claims ``ingest`` gives for the same
WARC files. Last, reuse: when the store held no other articles before the load, the Spark ``reuse_candidates``
pairs that involve a new article are verified by alignment here (``reuse.update_links`` over those pairs: the same
alignment, typing, direction, boilerplate rules and reprint clusters as ingest); otherwise the new articles are
linked against the whole store with ``Store.update_reuse``, as ingest does. Loading the same output twice stores
it once.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from ._job import MANIFEST


@dataclass
class LoadSummary:
    new: int = 0
    already: int = 0
    rejects: int = 0
    statements: int = 0
    events: int = 0
    links: int = 0
    candidates: int = 0
    reuse: str = "spark-candidates"
    reasons: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"loaded {self.new} new article(s), {self.already} already stored, {self.rejects} reject(s)"]
        if self.statements:
            out.append(f"stored {self.statements} statement(s) and {self.events} claim event(s) of the new articles")
        how = ("verified from the Spark candidates" if self.reuse == "spark-candidates"
               else "found against the whole store")
        out.append(f"{self.links} reuse link(s) {how} ({self.candidates} candidate pair(s))")
        if self.reasons:
            out.append("rejected by reason: " + ", ".join(f"{k}: {v}" for k, v in sorted(self.reasons.items())))
        return out


def _filesystem(out_dir: str):
    """(pyarrow filesystem, path inside it) for a local folder or a URI pyarrow reads (s3://, hdfs://...)."""
    from pyarrow import fs

    if "://" in out_dir and not out_dir.startswith("file://"):
        return fs.FileSystem.from_uri(out_dir)
    path = out_dir[len("file://"):] if out_dir.startswith("file://") else out_dir
    return fs.LocalFileSystem(), os.path.abspath(path)


def read_manifest(out_dir: str) -> dict:
    from .._errors import InputError

    filesystem, root = _filesystem(out_dir)
    try:
        with filesystem.open_input_stream(f"{root}/{MANIFEST}") as handle:
            return json.loads(handle.read().decode("utf-8"))
    except (OSError, FileNotFoundError, ValueError) as exc:
        raise InputError(out_dir, f"not a 'newstrace spark run' output (no readable {MANIFEST})") from exc


def read_table(out_dir: str, table: str) -> list[dict]:
    """All rows of one output table as dicts (articles: with ``published_month`` from the folder names)."""
    import pyarrow.dataset as ds

    filesystem, root = _filesystem(out_dir)
    where = f"{root}/{table}"
    info = filesystem.get_file_info(where)
    if info.type.name == "NotFound":
        return []
    dataset = ds.dataset(where, filesystem=filesystem, format="parquet",
                         partitioning="hive" if table == "articles" else None,
                         exclude_invalid_files=True, ignore_prefixes=[".", "_"])
    return dataset.to_table().to_pylist()


def article_from_row(row: dict):
    from ..models import Article

    data = {k: v for k, v in row.items() if k not in ("input_file", "input_record", "published_month")}
    data["authors"] = list(data.get("authors") or [])
    data["labels"] = list(data.get("labels") or [])
    data["captions"] = [dict(c) for c in data.get("captions") or []]
    data["related"] = [dict(r) for r in data.get("related") or []]
    return Article.from_dict(data)


def load(out_dir: str, store, *, progress: Callable[[str], None] | None = None) -> LoadSummary:
    """Bring a ``spark run`` output into ``store``; returns counts. Idempotent (content-hash ids)."""
    from ..pipeline import ANALYSE_VERSION, REUSE_VERSION
    from ..reuse import Fingerprint
    from ..claims import run_claims_step
    from ..store import CorpusLock

    manifest = read_manifest(out_dir)
    analysed = bool(manifest.get("analysed", True))
    summary = LoadSummary()
    stored_before = store.counts()["articles"]

    statements: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in read_table(out_dir, "statements"):
        statements[(row["article"], row["source"])].append((row["position"], json.loads(row["data"])))
    prints = {(row["article"], row["source"]): row for row in read_table(out_dir, "fingerprints")}

    # Replay in input order: (file, record) as the reader met them, rejects and articles interleaved.
    items = [(r["input_file"], r["input_record"], 1, r) for r in read_table(out_dir, "articles")]
    items += [(r["input_file"], r["input_record"], 0, r) for r in read_table(out_dir, "rejects")]
    items.sort(key=lambda item: (item[0], item[1], item[2], item[3]["source"]))

    new_ids: list[str] = []
    for _, _, is_article, row in items:
        if not is_article:
            store.add_reject(row["source"], row["kind"], row["reason"], row["extractor"])
            summary.rejects += 1
            summary.reasons[row["kind"]] = summary.reasons.get(row["kind"], 0) + 1
            continue
        article = article_from_row(row)
        key = (article.id, article.source)
        found = [s for _, s in sorted(statements.get(key, []), key=lambda t: t[0])]  # as the analyser gave them
        fp_row = prints.get(key)
        fp = Fingerprint.from_bytes(article.id, fp_row["signature"], fp_row["tokens"]) if fp_row else None
        if store.add_article(article, found, ANALYSE_VERSION, fp).new:
            summary.new += 1
            summary.statements += len(found)
            new_ids.append(article.id)
        else:
            summary.already += 1
        if progress:
            progress(article.source)

    pairs = [(r["a"], r["b"]) for r in read_table(out_dir, "reuse_candidates")]
    summary.candidates = len(pairs)
    with CorpusLock(store.path, notify=progress):
        if new_ids:
            if stored_before == 0:
                summary.links = _verify_candidates(store, pairs, set(new_ids), REUSE_VERSION)
            else:
                summary.reuse = "whole-store"
                summary.links = store.update_reuse(new_ids, REUSE_VERSION)
        if analysed:
            summary.events += run_claims_step(store).events
    return summary


def _verify_candidates(store, pairs: list[tuple[str, str]], new_ids: set[str], version: str) -> int:
    """Verify the candidate pairs by alignment and store the links, as ``Store.update_reuse`` does for its own
    candidates (the same clustering: near-copies linked as a cluster); marks ``new_ids`` checked with them."""
    from ..reuse import update_links

    pairs = [(a, b) for a, b in pairs if a in new_ids or b in new_ids]
    wanted = {a for pair in pairs for a in pair}
    prints, meta = store.fingerprints(wanted), store.reuse_meta(wanted)
    update = update_links(prints, store.article_text, meta, focus=new_ids, articles_with=store.count_phrase,
                          clusters=store.reuse_clusters(), links_touching=store.reuse_links_touching, groups=pairs)
    return store.apply_reuse(update, version, checked=sorted(new_ids))
