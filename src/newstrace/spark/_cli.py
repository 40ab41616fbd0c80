"""Click commands for the Spark path: the group ``spark`` (``spark run``) and the command ``load``.

Neither imports pyspark or pyarrow at import time; a missing extra is a one-line error naming it.
Register them in the main CLI with ``cli.add_command(spark)`` and ``cli.add_command(load)``.
"""
from __future__ import annotations

import importlib.util
import os

import click

EXTRA_HINT = "pip install 'newstrace[spark]'"


def _need(module: str, what: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise click.ClickException(f"{what} needs {module}, which is not installed; install the extra: {EXTRA_HINT}")


def _java_available() -> bool:
    from shutil import which

    return bool(os.environ.get("JAVA_HOME")) or which("java") is not None


@click.group(name="spark", context_settings={"help_option_names": ["-h", "--help"]})
def spark() -> None:
    """Run the pipeline on Apache Spark over WARC crawls (needs the 'spark' extra and Java 17+)."""


@spark.command(name="run")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True, help="Output folder or URI (Parquet tables are written under it).")
@click.option("--master", default=None, help="Spark master, e.g. local[2]; default: spark-submit's, else local[*].")
@click.option("--partitions", type=click.IntRange(1), default=None,
              help="Tasks to spread the records over (default: one per file, or the parallelism if fewer files).")
@click.option("--no-analyse", "no_analyse", is_flag=True, help="Skip statements (no spaCy needed on executors).")
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
def run_command(inputs, out, master, partitions, no_analyse, quiet):
    """Read WARC/WARC.gz files (paths, globs, file://, s3a://, hdfs://), extract, analyse and fingerprint each page
    with the same code as 'ingest', and write Parquet tables (articles, statements, fingerprints, rejects,
    reuse_candidates) under --out. Load them with 'newstrace load DIR'."""
    _need("pyspark", "'newstrace spark run'")
    if not _java_available():
        raise click.ClickException("'newstrace spark run' needs Java 17+ (set JAVA_HOME or put java on PATH)")
    from ._job import run

    def log(line: str) -> None:
        if not quiet:
            click.echo(f"newstrace spark: {line}", err=True)

    try:
        summary = run(list(inputs), out, master=master, partitions=partitions, analyse=not no_analyse, log=log)
    except Exception as exc:  # Spark's own failures (py4j, analysis errors) as one line, not a JVM stack trace
        if not type(exc).__module__.startswith(("py4j", "pyspark")):
            raise
        first = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
        raise click.ClickException(f"spark run failed: {first}") from exc
    for line in summary.lines():
        log(line)


@click.command(name="load")
@click.argument("out_dir", metavar="DIR")
@click.option("--db", default="newstrace.db", show_default=True, help="SQLite database file.", envvar="NEWSTRACE_DB")
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
def load(out_dir, db, quiet):
    """Load a 'newstrace spark run' output (Parquet) into the store, in the order 'ingest' stores pages; then
    'trail', 'claims' and 'serve' work as usual. Loading the same output twice stores it once."""
    _need("pyarrow", "'newstrace load'")
    from ..store import Store
    from ._load import load as run_load

    with Store(db) as store:
        summary = run_load(out_dir, store)
    if not quiet:
        for line in summary.lines():
            click.echo(line, err=True)
