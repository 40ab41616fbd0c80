"""The ``newstrace`` command run for real, in subprocesses, on bad and good input."""
import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from helpers import ARTICLE_HTML, cut_inside_member, numbered_page, run_cli, warc_bytes


def one_line_error(stderr: bytes) -> list[str]:
    lines = stderr.decode().strip().splitlines()
    assert "Traceback" not in stderr.decode()
    return lines


def test_extract_html_jsonl(page_file):
    run = run_cli("extract", str(page_file), "--url", "https://harbortimes.example/ferry")
    assert run.returncode == 0, run.stderr
    (article,) = [json.loads(line) for line in run.stdout.splitlines()]
    assert article["url"] == "https://harbortimes.example/ferry"
    assert article["published"].startswith("2024-05-02")
    assert "kept it running as long as we could" in article["text"]
    assert set(article) >= {"id", "source", "url", "outlet", "title", "standfirst", "published", "modified", "authors",
                            "section", "labels", "language", "text", "captions", "related", "comments", "first_seen"}


def test_extract_stdin_and_json_format():
    run = run_cli("extract", "-", "--format", "json", "--outlet", "Harbor Times", input=ARTICLE_HTML.encode())
    assert run.returncode == 0, run.stderr
    article = json.loads(run.stdout)  # one page given as the input: one Article object (the seed checker reads it so)
    assert article["source"] == "<stdin>" and article["outlet"] == "Harbor Times"


def write_bad_inputs(folder):
    (folder / "empty.html").write_bytes(b"")
    (folder / "junk.bin").write_bytes(os.urandom(4096))
    (folder / "cut.html.gz").write_bytes(gzip.compress(numbered_page(1).encode() * 50)[:300])
    pages = [(f"https://a.example/{i}", numbered_page(100 + i).encode()) for i in range(3)]
    data = warc_bytes(pages, gzip=True)
    (folder / "cut.warc.gz").write_bytes(cut_inside_member(data, 0.7))


@pytest.mark.parametrize("name,reason", [("empty.html", "empty"), ("junk.bin", "binary"),
                                         ("cut.html.gz", "truncated gzip"), ("cut.warc.gz", "truncated or corrupt WARC")])
def test_bad_input_gives_one_line_error(tmp_path, name, reason):
    write_bad_inputs(tmp_path)
    run = run_cli("extract", str(tmp_path / name))
    lines = one_line_error(run.stderr)
    assert run.returncode == 1
    assert len(lines) == 1 and str(tmp_path / name) in lines[0] and reason in lines[0], lines


def test_windows_1251_page_without_charset(tmp_path):
    body = "".join(f"<p>Абзац {i}: министр заявил в понедельник, что сообщения о переговорах ложны и не соответствуют "
                   f"действительности, а встреча состоится позже.</p>" for i in range(5))
    page = f"<html><head><title>Министр опроверг сообщения</title></head><body><article><h1>Министр опроверг сообщения</h1>{body}</article></body></html>"
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("cp1251"))
    run = run_cli("extract", str(path))
    assert run.returncode == 0, run.stderr
    assert "министр заявил в понедельник" in json.loads(run.stdout)["text"]


def test_20_mb_page_is_a_clean_article_or_one_line_error(tmp_path):
    head = "<html><head><title>A very long page</title></head><body><article><h1>A very long page</h1>"
    paragraph = ("<p>Entry {n}: the records office listed item {n} among the documents released on Monday, with a note "
                 "on its origin and the names of the clerks who filed it, as the archive rules require.</p>\n")
    parts, size, n = [head], len(head), 0
    while size < 20_000_000:
        chunk = paragraph.format(n=n)
        parts.append(chunk)
        size += len(chunk)
        n += 1
    parts.append("</article></body></html>")
    path = tmp_path / "huge.html"
    path.write_text("".join(parts))
    run = run_cli("extract", str(path), timeout=600)
    if run.returncode == 0:
        article = json.loads(run.stdout)
        assert article["title"] and len(article["text"]) > 1000
    else:
        assert len(one_line_error(run.stderr)) == 1


def test_ingest_folder_stores_good_pages_and_reports_bad_ones(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    write_bad_inputs(pages)
    for n in range(3):
        (pages / f"good{n}.html").write_text(numbered_page(n))
    db = tmp_path / "n.db"
    run = run_cli("ingest", str(pages), "--db", str(db))
    assert run.returncode == 0, run.stderr
    err = run.stderr.decode()
    assert "Traceback" not in err
    # 3 pages + the WARC records before the cut
    assert "rejected" in err and "empty.html" in err and "junk.bin" in err and "cut.html.gz" in err
    listed = run_cli("articles", "--db", str(db), "--format", "jsonl")
    sources = [json.loads(line)["source"] for line in listed.stdout.splitlines()]
    assert sum(s.endswith(".html") for s in sources) == 3
    assert any("cut.warc.gz@" in s for s in sources)
    rejects = json.loads(run_cli("rejects", "--db", str(db), "--format", "json").stdout)
    assert {r["kind"] for r in rejects} == {"empty", "binary", "truncated"}
    again = run_cli("ingest", str(pages), "--db", str(db))
    assert "ingested 0 new" in again.stderr.decode()


def test_search_show_and_filters(tmp_path, page_file):
    db = tmp_path / "n.db"
    assert run_cli("ingest", str(page_file), "--db", str(db), "--quiet").returncode == 0
    hits = json.loads(run_cli("search", "ferry passengers", "--db", str(db), "--format", "json").stdout)
    assert isinstance(hits, list) and len(hits) == 1  # one hit: still an array
    article_id = hits[0]["id"]
    shown = json.loads(run_cli("show", article_id[:8], "--db", str(db)).stdout)
    assert shown["id"] == article_id
    table = run_cli("articles", "--db", str(db), "--since", "2024-05-01").stdout.decode()
    assert "Ferry line" in table
    assert "Ferry line" not in run_cli("articles", "--db", str(db), "--since", "2024-06-01").stdout.decode()
    missing = run_cli("show", "deadbeefdead", "--db", str(db))
    assert missing.returncode == 1 and len(one_line_error(missing.stderr)) == 1


def test_missing_database_is_one_line(tmp_path):
    run = run_cli("articles", "--db", str(tmp_path / "none.db"))
    assert run.returncode == 1 and len(one_line_error(run.stderr)) == 1


def test_sigkill_midway_then_rerun(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    total = 150
    for n in range(total):
        (pages / f"p{n:03}.html").write_text(numbered_page(n, topic=f"topic{n}"))
    db = tmp_path / "n.db"
    proc = subprocess.Popen([sys.executable, "-m", "newstrace", "ingest", str(pages), "--db", str(db), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
                stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:
            continue
        if stored >= 20:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < total, "ingest finished before it could be killed; make the folder bigger"
    run = run_cli("ingest", str(pages), "--db", str(db), "--quiet")
    assert run.returncode == 0, run.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == total
        assert con.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == total
        assert con.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == total


def test_demo_runs():
    run = run_cli("demo", "--no-serve")
    assert run.returncode == 0, run.stderr
    assert "Port authority" in run.stdout.decode()
