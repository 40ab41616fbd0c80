"""Spark benchmark: pages per second of ``newstrace spark run`` in local[1] and local[2] against the single-process
pipeline (``pipeline.process`` over ``iter_warc``, as ingest runs it) on the same WARC, one run each.

The WARC is built at run time from the AEB pages (../shared/data/aeb/html/*.html.gz; never copied into the repo),
one response record per page, in a temporary folder. Every timing includes loading the spaCy pipeline (once in the
single process, once per Spark task) and, for Spark, writing the Parquet tables and the reuse-candidate join; the
Spark session (JVM start) is created before the clock starts. The machine's load average is printed beside the
figures: on a shared 2-core machine the scaling figure means little unless the machine is otherwise idle.

    .venv/bin/python bench/spark.py                     # all AEB pages, with statements
    .venv/bin/python bench/spark.py --pages 60 --no-analyse
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def build_warc(data: Path, target: Path, limit: int | None) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = sorted((data / "aeb" / "html").glob("*.html.gz"))[:limit]
    if not pages:
        sys.exit(f"bench/spark.py: no AEB pages under {data / 'aeb' / 'html'} (use --data)")
    with open(target, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for page in pages:
            body = gzip.decompress(page.read_bytes())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            url = f"https://aeb.example/{page.name[: -len('.html.gz')]}"
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    return len(pages)


def single_process(warc: str, analyse: bool) -> tuple[float, int]:
    from newstrace.analyse import load_pipeline
    from newstrace.pipeline import Processed, process
    from newstrace.read import ReadStats, Reject
    from newstrace.read._warc import iter_warc

    started = time.perf_counter()
    nlp = load_pipeline() if analyse else None
    articles = 0
    with open(warc, "rb") as handle:
        for item in iter_warc(warc, handle, ReadStats()):
            articles += not isinstance(item, Reject) and isinstance(process(item, nlp), Processed)
    return time.perf_counter() - started, articles


def spark_run(warc: str, out: str, master: str, analyse: bool) -> tuple[float, int, int]:
    from pyspark.sql import SparkSession

    from newstrace.spark import run

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(master).appName(f"newstrace-bench-{master}")
             .config("spark.driver.memory", "2g").config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "4").config("spark.ui.showConsoleProgress", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        started = time.perf_counter()
        summary = run([warc], out, spark=spark, analyse=analyse)
        return time.perf_counter() - started, summary.articles, summary.partitions
    finally:
        spark.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "data", help="folder holding aeb/html/*.html.gz")
    parser.add_argument("--pages", type=int, default=None, help="use only the first N pages")
    parser.add_argument("--no-analyse", dest="analyse", action="store_false", help="skip statements (no spaCy)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newstrace-bench-spark-") as tmp:
        warc = os.path.join(tmp, "aeb.warc.gz")
        pages = build_warc(args.data, Path(warc), args.pages)
        load_before = os.getloadavg()
        figures: dict = {"pages": pages, "analyse": args.analyse, "cpus": os.cpu_count()}
        seconds, articles = single_process(warc, args.analyse)
        figures["single_process"] = {"seconds": round(seconds, 2), "articles": articles,
                                     "pages_per_s": round(pages / seconds, 2)}
        print(f"single process: {pages} pages in {seconds:.1f}s = {pages / seconds:.2f} pages/s", file=sys.stderr)
        for master in ("local[1]", "local[2]"):
            seconds, articles, tasks = spark_run(warc, os.path.join(tmp, master.replace("[", "").replace("]", "")),
                                                 master, args.analyse)
            figures[master] = {"seconds": round(seconds, 2), "articles": articles, "tasks": tasks,
                               "pages_per_s": round(pages / seconds, 2)}
            print(f"spark {master}: {pages} pages in {seconds:.1f}s = {pages / seconds:.2f} pages/s ({tasks} task(s))",
                  file=sys.stderr)
        figures["scaling_local2_over_local1"] = round(figures["local[2]"]["pages_per_s"]
                                                      / figures["local[1]"]["pages_per_s"], 2)
        figures["spark_local1_over_single"] = round(figures["local[1]"]["pages_per_s"]
                                                    / figures["single_process"]["pages_per_s"], 2)
        figures["load_average_before"] = [round(x, 2) for x in load_before]
        figures["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
        print(f"scaling local[2] / local[1]: {figures['scaling_local2_over_local1']}x (target >= 1.6x); "
              f"load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs",
              file=sys.stderr)
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
