"""Spark in local mode (local[2]) over small WARCs made from the project's example pages: the Parquet output equals
what the local pipeline makes of the same records, a corrupt record is a reject, and ``load`` gives the store that
``ingest`` gives (claims, events, reuse links), where trails work."""
from __future__ import annotations

import io
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
    pytest.skip("Spark needs Java (JAVA_HOME or java on PATH)", allow_module_level=True)

from newstrace.analyse import load_pipeline  # noqa: E402
from newstrace.pipeline import Processed, ingest, process  # noqa: E402
from newstrace.read import ReadStats, Reject  # noqa: E402
from newstrace.read._warc import iter_warc  # noqa: E402
from newstrace.store import Store  # noqa: E402
from newstrace.trail import build_trail, find_claim  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "newstrace" / "examples"


def _record(writer, url: str, body: bytes, ctype: str, date: str | None = None):
    from warcio.statusandheaders import StatusAndHeaders

    headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": date} if date else None
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                     warc_headers_dict=warc_headers)


def _example_records(writer) -> list:
    records = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix == ".html":
            records.append(_record(writer, f"https://example.org/{path.stem}", path.read_bytes(),
                                   "text/html; charset=utf-8"))
        elif path.suffix == ".txt":
            records.append(_record(writer, f"https://example.org/{path.stem}", path.read_bytes(),
                                   "text/plain; charset=utf-8"))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    page = json.loads(line)
                    body = (page.get("html") or page.get("text") or "").encode("utf-8")
                    kind = "text/html" if "html" in page else "text/plain"
                    date = (page.get("fetched_at") or "").replace("+00:00", "Z") or None
                    records.append(_record(writer, page["url"], body, f"{kind}; charset=utf-8", date))
    return records


@pytest.fixture(scope="module")
def warcs(tmp_path_factory) -> list[str]:
    """Two WARCs: the example pages (plain WARC), and a reprint of one of them plus a corrupt tail (WARC.gz)."""
    from warcio.warcwriter import WARCWriter

    folder = tmp_path_factory.mktemp("warcs")
    first = folder / "examples.warc"
    with open(first, "wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for record in _example_records(writer):
            writer.write_record(record)
    html = (EXAMPLES / "coastline-courier-harbor-sale.html").read_text(encoding="utf-8")
    reprint = html.replace("<title>", "<title>Reprinted: ", 1).encode("utf-8")
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(_record(writer, "https://reprints.example/harbor-sale", reprint, "text/html; charset=utf-8"))
    good = buffer.getvalue()
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(_record(writer, "https://broken.example/cut", b"<html><body><p>" + b"cut " * 4000, "text/html"))
    corrupt = buffer.getvalue()[: len(buffer.getvalue()) // 2]  # a record cut off mid-member
    second = folder / "reprint-and-corrupt.warc.gz"
    second.write_bytes(good + corrupt)
    return [str(first), str(second)]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (SparkSession.builder.master("local[2]").appName("newstrace-test")
               .config("spark.driver.memory", "1g").config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2").config("spark.default.parallelism", "2")
               .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def local(warcs, nlp) -> list:
    """What the single-process pipeline makes of the same WARCs (pipeline.process over iter_warc)."""
    results = []
    for path in warcs:
        with open(path, "rb") as handle:
            for item in iter_warc(path, handle, ReadStats()):
                results.append(item if isinstance(item, Reject) else process(item, nlp))
    return results


@pytest.fixture(scope="module")
def output(spark, warcs, tmp_path_factory) -> tuple[str, object]:
    from newstrace.spark import run

    out = str(tmp_path_factory.mktemp("spark") / "out")
    summary = run(warcs + [str(Path(warcs[0]).parent / "nothing-*.warc")], out, spark=spark)
    return out, summary


def _articles(out: str) -> dict[tuple[str, str], dict]:
    from newstrace.spark import read_table

    return {(r["id"], r["source"]): r for r in read_table(out, "articles")}


def test_articles_equal_the_local_pipeline(output, local):
    from newstrace.spark._load import article_from_row

    out, summary = output
    rows = _articles(out)
    expected = {(p.article.id, p.article.source): p.article for p in local if isinstance(p, Processed)}
    assert len(expected) >= 5 and set(rows) == set(expected)
    for key, article in expected.items():
        assert article_from_row(rows[key]).to_dict() == article.to_dict()
        assert rows[key]["published_month"] == ((article.published or "")[:7] or "unknown")
    assert summary.articles == len(expected)
    assert os.path.isdir(os.path.join(out, "articles", "published_month=unknown")) or all(
        a.published for a in expected.values())


def test_statements_and_fingerprints_equal_the_local_pipeline(output, local):
    from newstrace.spark import read_table

    out, _ = output
    processed = [p for p in local if isinstance(p, Processed)]
    expected = {(p.article.id, p.article.source): p.statements for p in processed}
    got: dict = {}
    for row in sorted(read_table(out, "statements"), key=lambda r: r["position"]):
        statement = json.loads(row["data"])
        assert (row["id"], row["kind"], row["content_start"]) == (statement["id"], statement["kind"],
                                                                  statement["content"]["start"])
        got.setdefault((row["article"], row["source"]), []).append(statement)
    assert sum(map(len, expected.values())) > 0
    assert got == {k: v for k, v in expected.items() if v}

    prints = {(r["article"], r["source"]): r for r in read_table(out, "fingerprints")}
    assert set(prints) == set(expected)
    for p in processed:
        row = prints[(p.article.id, p.article.source)]
        assert row["signature"] == p.fingerprint.to_bytes() and row["tokens"] == p.fingerprint.tokens


def test_corrupt_record_and_missing_input_are_rejects(output, local, warcs):
    from newstrace.spark import read_table

    out, summary = output
    rejects = read_table(out, "rejects")
    by_kind = {r["kind"]: r for r in rejects}
    expected = [(r.source, r.kind, r.reason) for r in local if isinstance(r, Reject)]
    assert any(kind == "truncated" and source.startswith(warcs[1]) for source, kind, _ in expected)
    assert {(r["source"], r["kind"], r["reason"]) for r in rejects if r["kind"] != "missing"} == set(expected)
    assert by_kind["missing"]["source"].endswith("nothing-*.warc")
    assert summary.rejects == len(expected) + 1
    manifest = json.loads(Path(out, "_newstrace.json").read_text())
    assert manifest["analysed"] and manifest["counts"]["articles"] == summary.articles


def test_reuse_candidates_are_the_local_banding_pairs(output, local):
    from newstrace.reuse._links import candidate_pairs
    from newstrace.spark import read_table

    out, _ = output
    prints = {p.article.id: p.fingerprint for p in local if isinstance(p, Processed)}
    ordered = [prints[k] for k in sorted(prints)]
    expected = {tuple(sorted((ordered[x].article, ordered[y].article))) for x, y in candidate_pairs(ordered)}
    got = {(r["a"], r["b"]) for r in read_table(out, "reuse_candidates")}
    assert got == expected and len(got) >= 1  # the reprint pairs with its original


def _rows(cursor) -> list[tuple]:
    return sorted((tuple(r) for r in cursor), key=repr)


def _store_view(store: Store) -> dict:
    db = store.db
    return {
        "articles": _rows(db.execute("SELECT id, source, title, published, text FROM articles")),
        "sources": _rows(db.execute("SELECT source, article FROM sources")),
        "statements": _rows(db.execute("SELECT id, article, data FROM statements")),
        "fingerprints": _rows(db.execute("SELECT article, signature, tokens FROM fingerprints")),
        "claims": _rows(db.execute("SELECT id, text, words, members FROM claims")),
        "claim_statements": _rows(db.execute("SELECT * FROM claim_statements")),
        "events": _rows(db.execute("SELECT claim, article, date, action, actor, data FROM events")),
        "rejects": _rows(db.execute("SELECT source, kind, reason FROM rejects")),
        "reuse": store.reuse_links(),
    }


def test_load_gives_the_store_ingest_gives_and_trails_work(output, warcs, tmp_path):
    from newstrace.spark import load

    out, _ = output
    with Store(str(tmp_path / "ingested.db")) as store:
        ingest(warcs, store)
        expected = _store_view(store)
    with Store(str(tmp_path / "loaded.db")) as store:
        first = load(out, store)
        again = load(out, store)  # idempotent: the second load stores nothing new
        view = _store_view(store)
        assert first.new == len(expected["articles"]) and again.new == 0 and again.already == first.new
        claims = store.claims()
        assert claims
        claim = find_claim(store, claims[0]["text"])
        trail = build_trail(store, claim)
        assert trail["claim"]["id"] == claim and trail["events"]
    missing = [r for r in view["rejects"] if r[1] == "missing"]
    assert len(missing) == 1
    view["rejects"] = [r for r in view["rejects"] if r[1] != "missing"]
    assert view["reuse"] and view["reuse"][0]["type"] == "reprint"
    assert view == expected


def test_spread_over_more_tasks_without_analysis(spark, output, warcs, tmp_path):
    """Through the CLI: records of few files are spread over --partitions tasks; the articles stay the same."""
    from click.testing import CliRunner

    from newstrace.spark import read_table
    from newstrace.spark._cli import spark as spark_group

    out, _ = output
    plain = str(tmp_path / "plain")
    result = CliRunner().invoke(spark_group, ["run", *warcs, "--out", plain, "--partitions", "3", "--no-analyse"])
    assert result.exit_code == 0, result.output
    manifest = json.loads(Path(plain, "_newstrace.json").read_text())
    assert manifest["partitions"] == 3 and not manifest["analysed"] and manifest["counts"]["statements"] == 0
    strip = lambda rows: sorted((r["id"], r["source"], r["text"]) for r in rows)  # noqa: E731
    assert strip(read_table(plain, "articles")) == strip(read_table(out, "articles"))


def test_cli_objects_do_not_import_pyspark():
    import subprocess

    code = ("import sys; from newstrace.spark._cli import spark, load; "
            "assert 'pyspark' not in sys.modules and 'pyarrow' not in sys.modules; "
            "assert spark.name == 'spark' and 'run' in spark.commands and load.name == 'load'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cli_load_and_run_errors(spark, output, tmp_path):
    from click.testing import CliRunner

    from newstrace._errors import InputError
    from newstrace.spark._cli import load, spark as spark_group

    out, _ = output
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(load, [out, "--db", db])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.counts()["articles"] >= 5
    result = CliRunner().invoke(load, [str(tmp_path), "--db", db])
    assert isinstance(result.exception, InputError) and "not a 'newstrace spark run' output" in str(result.exception)
    result = CliRunner().invoke(spark_group, ["run", str(tmp_path / "none-*.warc"), "--out", str(tmp_path / "o")])
    assert isinstance(result.exception, InputError) and "no WARC files" in str(result.exception)
