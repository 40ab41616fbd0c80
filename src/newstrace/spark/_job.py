"""``spark run``: the per-document pipeline mapped over WARC files with PySpark, written as Parquet tables.

Plan of the job (one Spark application):

1. **inputs** are expanded on the driver: local paths and ``file://`` URIs with ``glob`` (folders: the WARC/ARC
   files under them); any other scheme (``s3a://``, ``hdfs://``, ``gs://``...) through the Hadoop FileSystem API
   via the JVM gateway (``globStatus``, folders listed recursively). An input that matches nothing becomes a
   ``missing`` reject, as in ``newstrace ingest``.
2. **read**: one task per file (as cc-pyspark does). A local file is opened and streamed inside the task
   (executors must see the same path: a shared mount on a cluster); a Hadoop URI is read with
   ``SparkContext.binaryFiles`` (the whole file as bytes in the task, so give executors memory for the largest
   WARC, ~1 GiB for a Common Crawl file). Either way the records go through the very ``iter_warc`` that
   ``ingest`` uses, so a corrupt or truncated record is a ``truncated`` reject row, never a failed task.
3. **process**: when there are fewer files than task slots (one big WARC on a laptop), the read Documents are
   redistributed over ``partitions`` tasks (default: the default parallelism), balanced by record size (a
   page's cost grows with its length; longest first, each to the lightest task) so that every core works and
   the cores finish together; the records then go through ``pipeline.process``, the function ``ingest`` maps, with one spaCy pipeline loaded
   per partition (``mapPartitions``). The results are cached once (one Python pass) and the four tables written
   from the cache by the JVM.
4. **reuse candidates**: each signature is exploded into (band, band bytes) rows (the BANDS x ROWS banding of
   ``reuse._links``), buckets larger than ``MAX_BUCKET`` are dropped, the rest self-joined on (band, key); the
   distinct pairs are ``reuse_candidates``. Verification by alignment (and typing, direction) runs in ``load``.

Output layout under OUT (Parquet, snappy):

    articles/published_month=YYYY-MM/part-*.parquet   Article columns (lists as arrays, captions/related as
                                                       arrays of structs) + input_file, input_record; undated
                                                       articles under published_month=unknown
    statements/part-*.parquet                          article, source, position, id, kind, date, speaker_name,
                                                       speaker_type, cue_lemma, content_start, data (JSON)
    fingerprints/part-*.parquet                        article, source, signature (128 x uint64 LE), tokens, extractor
    rejects/part-*.parquet                             source, kind, reason, extractor, input_file, input_record
    reuse_candidates/part-*.parquet                    a, b (article ids, a < b), bands (bands shared)
    _newstrace.json                                    inputs, options, versions and counts of the run
"""
from __future__ import annotations

import glob
import io
import json
import os
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

MANIFEST = "_newstrace.json"
TABLES = ("articles", "statements", "fingerprints", "rejects", "reuse_candidates")
_WARC_NAMES = (".warc", ".warc.gz", ".arc", ".arc.gz")
# Rows per output file; a month of a big crawl is written by many tasks, each capped at this many rows per file.
MAX_RECORDS_PER_FILE = 100_000


@dataclass
class RunSummary:
    out: str
    files: int = 0
    articles: int = 0
    statements: int = 0
    rejects: int = 0
    candidates: int = 0
    skipped_records: int = 0
    seconds: float = 0.0
    partitions: int = 0
    missing: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"read {self.files} WARC file(s) in {self.partitions} task(s): {self.articles} article(s), "
               f"{self.statements} statement(s), {self.rejects} reject(s), {self.candidates} reuse candidate pair(s) "
               f"in {self.seconds:.1f}s",
               f"wrote Parquet tables {', '.join(TABLES)} under {self.out}"]
        if self.skipped_records:
            out.append(f"skipped {self.skipped_records} WARC record(s) that are not pages")
        out += [f"  no such input: {m}" for m in self.missing]
        return out


# -- inputs -------------------------------------------------------------------------------------------------
def _is_local(item: str) -> bool:
    scheme = urlparse(item).scheme
    return scheme in ("", "file") or (len(scheme) == 1 and os.name == "nt")  # C:\ on Windows


def _local_path(item: str) -> str:
    return urlparse(item).path if item.startswith("file:") else item


def _expand_local(item: str) -> list[str]:
    path = _local_path(item)
    if os.path.isdir(path):
        found = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(root, f) for f in sorted(files) if f.lower().endswith(_WARC_NAMES)]
        return found
    if os.path.exists(path):
        return [path]
    if any(ch in path for ch in "*?["):
        return sorted(p for p in glob.glob(path, recursive=True) if os.path.isfile(p))
    return []


def _expand_hadoop(sc, item: str) -> list[str]:
    """Files matching a Hadoop URI or glob, listed through the JVM (any FileSystem Hadoop has a connector for)."""
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(item)
    fs = path.getFileSystem(sc._jsc.hadoopConfiguration())
    statuses = fs.globStatus(path) or []
    found: list[str] = []
    for status in statuses:
        if status.isDirectory():
            files = fs.listFiles(status.getPath(), True)
            names = []
            while files.hasNext():
                name = files.next().getPath().toString()
                if name.lower().endswith(_WARC_NAMES):
                    names.append(name)
            found += sorted(names)
        else:
            found.append(status.getPath().toString())
    return found


def expand_inputs(sc, inputs: list[str]) -> tuple[list[tuple[int, str, bool]], list[tuple[int, str]]]:
    """(file index, path or URI, is_local) per file in input order, and (input index, input) for each input
    that matched nothing. Local sources keep the path as given, so an article's ``source`` is the one ingest
    records for the same file."""
    files: list[tuple[int, str, bool]] = []
    missing: list[tuple[int, str]] = []
    for position, item in enumerate(inputs):
        local = _is_local(item)
        found = _expand_local(item) if local else _expand_hadoop(sc, item)
        if not found:
            missing.append((position, item))
        files += [(len(files), name, local) for name in found]
    return files, missing


# -- tasks (run on executors; everything they use is imported inside them) ------------------------------------
def _read_records(file_index: int, source: str, stream, skipped):
    """(file index, record number, Document or Reject) for every page record of one WARC stream, streaming."""
    from newstrace.read import ReadStats
    from newstrace.read._warc import iter_warc

    stats = ReadStats()
    for number, item in enumerate(iter_warc(source, stream, stats)):
        yield file_index, number, item
    skipped.add(stats.warc_records_skipped)


def _read_local(item: tuple[int, str, bool], skipped):
    from newstrace.read import Reject

    file_index, path, _ = item
    try:
        with open(path, "rb") as handle:
            yield from _read_records(file_index, path, handle, skipped)
    except OSError as exc:
        yield (file_index, 0, Reject(path, "unreadable", exc.strerror or str(exc)))


def _reader(skipped):
    def read_local(item):
        return _read_local(item, skipped)
    return read_local


def _binary_reader(index_of: dict[str, int], skipped):
    def read_bytes(pair):
        uri, data = pair
        return _read_records(index_of.get(uri, -1), uri, io.BufferedReader(io.BytesIO(data)), skipped)
    return read_bytes


def _published_month(published: str | None) -> str:
    if published and len(published) >= 7 and published[4] == "-":
        return published[:7]
    return "unknown"


def process_partition(records, analyse: bool):
    """The task body: ``pipeline.process`` over each record (one spaCy pipeline per partition, loaded on the
    first page). Yields (table, row) pairs; rows are tuples in the order of the table's schema."""
    from newstrace.extract import EXTRACTOR_VERSION
    from newstrace.pipeline import process
    from newstrace.read import Reject

    nlp = None
    for file_index, number, item in records:
        if not isinstance(item, Reject):
            if analyse and nlp is None:
                from newstrace.analyse import load_pipeline

                nlp = load_pipeline()
            item = process(item, nlp)
        if isinstance(item, Reject):
            yield "rejects", (item.source, item.kind, item.reason, EXTRACTOR_VERSION, file_index, number)
            continue
        art = item.article
        row = art.to_dict()
        yield "articles", tuple(row[name] for name in ARTICLE_FIELDS) + (file_index, number,
                                                                         _published_month(art.published))
        for position, s in enumerate(item.statements):
            yield "statements", (art.id, art.source, position, s["id"], s["kind"], s.get("date"), s["speaker"].get("name"),
                                 s["speaker"].get("type"), (s.get("cue") or {}).get("lemma"), s["content"]["start"],
                                 json.dumps(s, ensure_ascii=False))
        fp = item.fingerprint
        yield "fingerprints", (art.id, art.source, fp.to_bytes(), int(fp.tokens), art.extractor)


_TABLES_WRITTEN = ("articles", "statements", "fingerprints", "rejects")
ARTICLE_FIELDS = ("id", "source", "url", "outlet", "title", "standfirst", "published", "modified", "authors",
                  "section", "labels", "language", "text", "captions", "related", "comments", "first_seen",
                  "date_source", "extractor")


def schemas():
    from pyspark.sql.types import (ArrayType, BinaryType, IntegerType, LongType, StringType, StructField,
                                   StructType)

    def s(*cols):
        return StructType([StructField(name, kind, True) for name, kind in cols])

    text = StringType()
    string_fields = [(name, text) for name in ARTICLE_FIELDS]
    kinds = dict(string_fields)
    kinds.update(authors=ArrayType(text), labels=ArrayType(text), comments=LongType(),
                 captions=ArrayType(s(("text", text), ("credit", text))),
                 related=ArrayType(s(("title", text), ("url", text))))
    return {
        "articles": s(*[(name, kinds[name]) for name in ARTICLE_FIELDS], ("input_file", IntegerType()),
                      ("input_record", IntegerType()), ("published_month", text)),
        "statements": s(("article", text), ("source", text), ("position", IntegerType()), ("id", text), ("kind", text), ("date", text),
                        ("speaker_name", text), ("speaker_type", text), ("cue_lemma", text),
                        ("content_start", IntegerType()), ("data", text)),
        "fingerprints": s(("article", text), ("source", text), ("signature", BinaryType()), ("tokens", IntegerType()),
                          ("extractor", text)),
        "rejects": s(("source", text), ("kind", text), ("reason", text), ("extractor", text),
                     ("input_file", IntegerType()), ("input_record", IntegerType())),
    }


# -- reuse candidates -----------------------------------------------------------------------------------------
def reuse_candidates(fingerprints):
    """Candidate pairs (a < b) by LSH banding as a Spark join: the same bands, bucket cap and empty-text rule
    as ``reuse._links.candidate_pairs``, so the pairs are the ones the local run would verify. The bucket sizes
    come from a window over (band, key), so the self-join reuses that partitioning (two shuffles in all)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from newstrace.reuse._links import BANDS, MAX_BUCKET, ROWS

    width = ROWS * 8  # bytes of one band: ROWS little-endian uint64 values
    prints = fingerprints.select("article", "signature", "tokens").dropDuplicates(["article"])
    bands = (prints.select("article", "tokens", "signature", F.explode(F.sequence(F.lit(0), F.lit(BANDS - 1)))
                           .alias("band"))
             .select("article", "tokens", "band",
                     F.expr(f"substring(signature, band * {width} + 1, {width})").alias("key")))
    bucket = Window.partitionBy("band", "key")
    members = (bands.withColumn("size", F.count(F.lit(1)).over(bucket))
               .where((F.col("size") >= 2) & (F.col("size") <= MAX_BUCKET) & (F.col("tokens") > 0))
               .select("band", "key", "article"))
    left, right = members.alias("l"), members.alias("r")
    pairs = (left.join(right, ["band", "key"]).where(F.col("l.article") < F.col("r.article"))
             .select(F.col("l.article").alias("a"), F.col("r.article").alias("b")))
    return pairs.groupBy("a", "b").agg(F.count(F.lit(1)).cast("int").alias("bands"))


def balanced(records, tasks: int):
    """Spread records over ``tasks`` partitions by size (longest first, each to the lightest partition), so
    that the cores finish together: a page's cost grows with its length. One small job collects the sizes."""
    import heapq

    from pyspark import StorageLevel

    records = records.map(lambda r: ((r[0], r[1]), r)).persist(StorageLevel.MEMORY_AND_DISK)
    sizes = records.map(lambda kv: (kv[0], len(getattr(kv[1][2], "content", b"")))).collect()
    load = [(0, task) for task in range(tasks)]
    assign = {}
    for key, size in sorted(sizes, key=lambda ks: (-ks[1], ks[0])):
        total, task = heapq.heappop(load)
        assign[key] = task
        heapq.heappush(load, (total + size + 1, task))
    shared = records.context.broadcast(assign)
    spread = records.partitionBy(tasks, lambda key: shared.value.get(key, 0)).values()
    return spread, records


# -- the job --------------------------------------------------------------------------------------------------
def session(master: str | None = None, app: str = "newstrace"):
    """The active SparkSession, or a new one (``master`` e.g. ``local[2]``; spark-submit sets it otherwise)."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # local mode: workers use this interpreter
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName(app).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def _write_text(sc, out: str, name: str, text: str) -> None:
    if _is_local(out):
        with open(os.path.join(_local_path(out), name), "w", encoding="utf-8") as handle:
            handle.write(text)
        return
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(out.rstrip("/") + "/" + name)
    stream = path.getFileSystem(sc._jsc.hadoopConfiguration()).create(path, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()


def run(inputs: list[str], out: str, *, master: str | None = None, partitions: int | None = None,
        analyse: bool = True, spark=None, log=None) -> RunSummary:
    """Run the pipeline over WARC ``inputs`` and write the Parquet tables under ``out`` (replacing a previous
    run's tables there). Returns counts; ``log`` (a callable) gets progress lines.

    The stages: list the WARC files; read their records into partitions (``_records``); run the per-record function
    (``process_partition``) over each partition and write its tables (``_write_tables``); find the reuse candidates
    by an LSH banding join over the written fingerprints; write the manifest."""
    from newstrace.extract import EXTRACTOR_VERSION
    from newstrace.pipeline import ANALYSE_VERSION, REUSE_VERSION

    say = log or (lambda _line: None)
    started = time.perf_counter()
    spark = spark or session(master)
    sc = spark.sparkContext
    files, missing = expand_inputs(sc, list(inputs))
    if not files:
        from newstrace._errors import InputError

        raise InputError(", ".join(inputs), "no WARC files match these inputs")
    say(f"{len(files)} WARC file(s) to read" + (f"; {len(missing)} input(s) match nothing" if missing else ""))
    out_uri = ("file://" + os.path.abspath(_local_path(out))) if _is_local(out) else out.rstrip("/")
    if _is_local(out):
        os.makedirs(_local_path(out), exist_ok=True)

    skipped = sc.accumulator(0)
    records, read = _records(sc, files, partitions, skipped)
    tasks = records.getNumPartitions()
    counts = _write_tables(spark, records, out_uri, missing, analyse, say)
    if read is not None:
        read.unpersist()

    say("finding reuse candidates (LSH banding join)")
    schema = schemas()
    candidates = reuse_candidates(spark.read.schema(schema["fingerprints"]).parquet(f"{out_uri}/fingerprints"))
    candidates.write.mode("overwrite").parquet(f"{out_uri}/reuse_candidates")
    counts["reuse_candidates"] = spark.read.parquet(f"{out_uri}/reuse_candidates").count()  # metadata only

    summary = RunSummary(out=out, files=len(files), articles=counts["articles"], statements=counts["statements"],
                         rejects=counts["rejects"], candidates=counts["reuse_candidates"],
                         skipped_records=int(skipped.value), seconds=time.perf_counter() - started,
                         partitions=tasks, missing=[item for _, item in missing])
    manifest = {"format": "newstrace-spark/1", "inputs": list(inputs), "files": [name for _, name, _ in files],
                "analysed": bool(analyse), "partitions": tasks,
                "versions": {"extractor": EXTRACTOR_VERSION, "analyser": ANALYSE_VERSION, "reuse": REUSE_VERSION},
                "counts": counts, "skipped_records": summary.skipped_records}
    _write_text(sc, out, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return summary


def _records(sc, files: list, partitions: int | None, skipped):
    """(the WARC records as an RDD spread over the cores, the cached read to unpersist after or None): local files
    read by path, others through ``binaryFiles``; a few big files have their records spread evenly (``balanced``),
    many files are shuffled only when ``partitions`` is asked for."""
    local = [f for f in files if f[2]]
    remote = [f for f in files if not f[2]]
    parts = []
    if local:
        parts.append(sc.parallelize(local, len(local)).flatMap(_reader(skipped)))
    if remote:
        index_of = {name: i for i, name, _ in remote}
        parts.append(sc.binaryFiles(",".join(name for _, name, _ in remote), len(remote))
                     .flatMap(_binary_reader(index_of, skipped)))
    records = sc.union(parts) if len(parts) > 1 else (parts[0] if parts else sc.parallelize([], 1))
    slots = partitions or sc.defaultParallelism
    read = None
    if len(files) < slots:
        records, read = balanced(records, max(1, slots))  # few big files: spread their records over every core
    elif partitions:
        records = records.repartition(partitions)  # many files: a plain shuffle (no size list on the driver)
    return records, read


def _write_tables(spark, records, out_uri: str, missing: list, analyse: bool, say) -> dict[str, int]:
    """Run ``process_partition`` over ``records`` and write each table under ``out_uri`` (articles partitioned by
    month; the inputs that matched nothing added to rejects); returns the rows written per table."""
    from pyspark import StorageLevel
    from pyspark.sql.types import StringType, StructField, StructType

    from newstrace.extract import EXTRACTOR_VERSION

    schema = schemas()
    # One Python pass: every result becomes a row of a combined frame (the table's name and its struct), cached,
    # and each table is then written from the cache by the JVM alone.
    combined = StructType([StructField("table", StringType(), False)]
                          + [StructField(t, schema[t], True) for t in _TABLES_WRITTEN])
    slot = {t: i for i, t in enumerate(_TABLES_WRITTEN)}

    def as_row(pair):
        table, row = pair
        cells = [None] * len(_TABLES_WRITTEN)
        cells[slot[table]] = row
        return (table, *cells)

    results = records.mapPartitions(lambda rows: process_partition(rows, analyse)).map(as_row)
    frame = spark.createDataFrame(results, combined, verifySchema=False).persist(StorageLevel.MEMORY_AND_DISK)
    counts = {row["table"]: row["count"] for row in frame.groupBy("table").count().collect()}
    missing_rows = spark.createDataFrame(
        [(item, "missing", "no such file or directory", EXTRACTOR_VERSION, position, -1) for position, item in missing],
        schema["rejects"])
    spark.conf.set("spark.sql.files.maxRecordsPerFile", str(MAX_RECORDS_PER_FILE))
    for table in _TABLES_WRITTEN:
        rows = frame.where(frame["table"] == table).select(f"{table}.*")
        if table == "rejects":
            rows = rows.unionByName(missing_rows)
        writer = rows.write.mode("overwrite")
        if table == "articles":
            writer = writer.partitionBy("published_month")
        say(f"writing {table}")
        writer.parquet(f"{out_uri}/{table}")
        counts[table] = counts.get(table, 0) + (len(missing) if table == "rejects" else 0)
    frame.unpersist()
    return counts
