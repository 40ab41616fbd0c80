"""The pipeline on Apache Spark: ``run`` maps ``pipeline.process`` over WARC files and writes Parquet tables,
``load`` brings them into the SQLite store. Needs the ``spark`` extra (``pip install 'newstrace[spark]'``);
importing this package does not import pyspark (``run`` does, ``load`` needs only pyarrow).

    from newstrace.spark import run, load
    run(["crawl/*.warc.gz"], "out/", master="local[2]")
    with Store("news.db") as store:
        load("out/", store)
"""
from ._job import MANIFEST, TABLES, RunSummary, reuse_candidates, run
from ._load import LoadSummary, load, read_table

__all__ = ["MANIFEST", "TABLES", "LoadSummary", "RunSummary", "load", "read_table", "reuse_candidates", "run"]
