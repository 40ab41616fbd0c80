"""Hostile inputs through the real ``newstrace`` command (issue 12): one-line errors or rejects, never a traceback,
never a hang, and one bad input never stops the rest of a run. Every input is made by the test itself."""
from __future__ import annotations

import json
import os
import sqlite3
import sys

import pytest
from helpers import ARTICLE_HTML, numbered_page, run_cli

BOUND_S = 120  # the subprocess limit: a hang fails the test instead of the suite


def no_traceback(run) -> list[str]:
    err = run.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    return [line for line in err.splitlines() if line.strip()]


def hostile_folder(tmp_path):
    """A folder of one good page and every reader-level hostile case, each of which must end as one reject."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.html").write_text(ARTICLE_HTML, encoding="utf-8")
    with open(os.fsencode(str(folder)) + b"/name\xff.html", "wb") as out:  # a file name that is not UTF-8
        out.write(numbered_page(1, "harbor").encode())
    os.mkfifo(folder / "pipe.html")
    (folder / "bad.jsonl").write_text(
        json.dumps({"url": "https://a.example/1", "html": numbered_page(2, "ferry"), "outlet": ["a"]}) + "\n"
        + json.dumps({"url": "https://a.example/2", "html": numbered_page(3, "ferry"), "fetched_at": {}}) + "\n",
        encoding="utf-8")
    (folder / "listed.html").write_text(numbered_page(4, "mill"), encoding="utf-8")
    (folder / "listed.meta.json").write_text("[1, 2]", encoding="utf-8")
    (folder / "typed.html").write_text(numbered_page(5, "mill"), encoding="utf-8")
    (folder / "typed.meta.json").write_text('{"outlet": ["a"]}', encoding="utf-8")
    with open(folder / "zeros.warc", "wb") as out:
        out.truncate(20 << 20)
    return folder


EXPECTED_REJECTS = {"pipe.html", "bad.jsonl:1", "bad.jsonl:2", "listed.meta.json", "typed.meta.json", "zeros.warc"}


def test_extract_on_a_hostile_folder(tmp_path):
    folder = hostile_folder(tmp_path)
    run = run_cli("extract", str(folder), timeout=BOUND_S)
    lines = no_traceback(run)
    assert run.returncode == 1
    rejected = {line.split(": ", 2)[1].rsplit("/", 1)[-1] for line in lines if line.startswith("newstrace: ")}
    assert rejected == EXPECTED_REJECTS, lines
    sources = [json.loads(line)["source"].rsplit("/", 1)[-1] for line in run.stdout.decode().splitlines()]
    assert sorted(sources) == ["good.html", "name\\xff.html"]


def test_ingest_on_a_hostile_folder(tmp_path):
    folder = hostile_folder(tmp_path)
    db = tmp_path / "news.db"
    run = run_cli("ingest", str(folder), "--db", str(db), "--quiet", timeout=BOUND_S)
    no_traceback(run)
    assert run.returncode == 0
    listed = json.loads(run_cli("rejects", "--db", str(db), "--format", "json").stdout)
    assert {r["source"].rsplit("/", 1)[-1] for r in listed} == EXPECTED_REJECTS
    assert all(len(r["reason"]) <= 300 and "\n" not in r["reason"] for r in listed)
    stored = json.loads(run_cli("articles", "--db", str(db), "--format", "json").stdout)
    assert sorted(a["source"].rsplit("/", 1)[-1] for a in stored) == ["good.html", "name\\xff.html"]


def test_match_with_50000_spaces(tmp_path):
    claims = tmp_path / "claims.tsv"
    claims.write_text("c1\tThe ferry line to Saltmere will close in June\n", encoding="utf-8")
    queries = tmp_path / "queries.tsv"
    queries.write_text("q1\t" + " " * 50_000 + "\nq2\tferry to Saltmere closes\n", encoding="utf-8")
    run = run_cli("match", "--claims", str(claims), "--queries", str(queries), "--light", timeout=BOUND_S)
    no_traceback(run)
    assert [json.loads(line)["id"] for line in run.stdout.decode().splitlines()] == ["q1", "q2"]


def test_full_disk_is_one_line_and_leaves_the_database_intact(tmp_path, monkeypatch, capsys):
    """SQLite's own "database or disk is full", made by capping the database's pages (as a full disk does)."""
    from newstrace import cli
    from newstrace.store import Store

    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(40):
        (pages / f"p{n:02d}.html").write_text(numbered_page(n, "harbor"), encoding="utf-8")
    db = tmp_path / "full.db"
    with Store(str(db)):
        pass
    with sqlite3.connect(db) as probe:
        room = probe.execute("PRAGMA page_count").fetchone()[0] + 12  # full after a few pages
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.execute(f"PRAGMA max_page_count = {room}")
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(sys, "argv", ["newstrace", "ingest", "--quiet", "--db", str(db), str(pages)])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    monkeypatch.undo()
    assert stopped.value.code == 1
    assert capsys.readouterr().err.strip().splitlines() == [f"newstrace: {db}: database or disk is full"]
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        kept = check.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert kept < 40  # stopped part way, with what was committed kept
    rerun = run_cli("ingest", str(pages), "--db", str(db), "--quiet", timeout=600)
    no_traceback(rerun)
    assert rerun.returncode == 0
    assert len(json.loads(run_cli("articles", "--db", str(db), "--format", "json").stdout)) == 40
