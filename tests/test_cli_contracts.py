"""Contracts a new user meets in the first hour (issue 11): list outputs are arrays, bad option values are one-line
errors, stored statements are found by id prefix and part of a name, ports in use, the demo's temporary folder."""
import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from helpers import EXAMPLES, SEED, run_cli

from newstrace.models import Article
from newstrace.store import Store


def one_line(run) -> str:
    err = run.stderr.decode()
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("newstrace: "), lines
    return lines[0]


def statement(sid: str, article: str, name: str, start: int) -> dict:
    return {"id": sid, "article": article, "source": "a.txt", "kind": "direct", "date": None, "date_text": None,
            "speaker": {"text": name, "name": name, "type": "person", "role": None, "affiliation": None,
                        "start": 0, "end": 5},
            "cue": {"text": "said", "lemma": "say", "start": 6, "end": 10},
            "content": {"text": "the harbor stays open", "start": start, "end": start + 21}, "via": [],
            "confidence": 0.9}


@pytest.fixture
def stored(tmp_path):
    """A store with two articles and their statements, written directly (no spaCy, no claims)."""
    db = str(tmp_path / "s.db")
    with Store(db) as store:
        for ident, name in (("aaaaaaaa11111111", "Stephanie Grisham"), ("bbbbbbbb22222222", "Paul Byrne")):
            article = Article(id=ident, source=f"{ident}.txt", title=None, text="x" * 40, extractor="test")
            store.add_article(article, [statement(f"s-{ident}", ident, name, 12)], "test")
    return db


def test_list_outputs_are_arrays_even_of_one(tmp_path):
    texts = tmp_path / "t.jsonl"
    texts.write_text('{"id": "t1", "text": "The council will sell the harbor to a developer."}\n')
    run = run_cli("group", str(texts), "--format", "json")
    assert run.returncode == 0, run.stderr
    assert [r["id"] for r in json.loads(run.stdout)] == ["t1"]
    lines = run_cli("group", str(texts)).stdout.decode().splitlines()  # jsonl stays the default
    assert len(lines) == 1 and json.loads(lines[0])["id"] == "t1"
    known, queries = tmp_path / "k.tsv", tmp_path / "q.tsv"
    known.write_text("c1\tThe harbor will be sold to a developer\nc2\tThe ferry line closes in June\n")
    queries.write_text("q1\tA developer is buying the harbor\n")
    run = run_cli("match", "--claims", str(known), "--queries", str(queries), "--light", "--format", "json")
    assert run.returncode == 0, run.stderr
    (result,) = json.loads(run.stdout)
    assert result["id"] == "q1" and result["matches"][0]["id"] == "c1"


def test_stance_takes_format_json(tmp_path):
    pairs = tmp_path / "p.jsonl"
    pairs.write_text('{"id": "p1", "claim": "The harbor will be sold", "text": "The harbor will be sold."}\n')
    run = run_cli("stance", "--pairs", str(pairs), "--format", "json")
    assert run.returncode == 0, run.stderr
    (result,) = json.loads(run.stdout)
    assert result["id"] == "p1" and result["stance"] in ("asserts", "denies", "reports", "unrelated")


def test_single_object_commands_stay_objects(stored):
    shown = json.loads(run_cli("show", "aaaaaaaa", "--db", stored, "--format", "json").stdout)
    assert isinstance(shown, dict) and shown["id"] == "aaaaaaaa11111111"


@pytest.mark.parametrize("args,wanted", [
    (("articles", "--since", "yesterday"), "--since yesterday: not a date"),
    (("articles", "--until", "2024-13-45"), "--until 2024-13-45: not a date"),
    (("articles", "--limit", "-3"), "--limit -3: must be at least 1"),
    (("claims", "--limit", "-1"), "--limit -1: must be at least 1"),
    (("search", "harbor", "--limit", "-2"), "--limit -2: must be at least 1"),
    (("articles", "--limit", "0"), "--limit 0: must be at least 1"),
])
def test_bad_option_values_are_one_line_errors(stored, args, wanted):
    run = run_cli(*args, "--db", stored)
    assert run.returncode == 1
    assert wanted in one_line(run)


def test_since_takes_an_iso_date(stored):
    assert run_cli("articles", "--since", "2024-01-01", "--db", stored).returncode == 0


def test_stored_statements_by_id_prefix_and_part_of_a_name(stored):
    def ids(*args):
        run = run_cli("statements", "--db", stored, *args)
        assert run.returncode == 0, run.stderr
        return [json.loads(line)["id"] for line in run.stdout.splitlines()]

    assert ids("--article", "aaaaaaaa") == ids("--article", "aaaaaaaa11111111") == ["s-aaaaaaaa11111111"]
    assert ids("--speaker", "grisham") == ["s-aaaaaaaa11111111"]
    assert ids("--speaker", "GRISH") == ["s-aaaaaaaa11111111"]
    assert ids("--speaker", "nobody") == []
    missing = run_cli("statements", "--db", stored, "--article", "cccccccc")
    assert missing.returncode == 1 and "cccccccc" in one_line(missing)


def test_tables_print_empty_cells_not_none(stored):
    table = run_cli("articles", "--db", stored).stdout.decode()
    assert "aaaaaaaa11111111" in table and "None" not in table
    assert "None" not in run_cli("statements", "--db", stored, "--format", "table").stdout.decode()


def test_listing_stored_statements_does_not_import_spacy(stored):
    code = ("import sys\nfrom newstrace.cli import main\nsys.argv = ['newstrace', 'statements', '--db', sys.argv[1]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('spacy' in sys.modules, file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code, stored], capture_output=True, text=True, timeout=120)
    assert run.stderr.strip().splitlines()[-1] == "False"


def test_text_scrape_on_stdin_hints_kind_text():
    text = SEED.read_bytes() if SEED.exists() else (EXAMPLES / "bay-wire-harbor-denial.txt").read_bytes()
    run = run_cli("extract", "-", input=text)
    assert run.returncode == 1 and "--kind text" in one_line(run)
    assert run_cli("extract", "-", "--kind", "text", input=text).returncode == 0


def test_empty_folder_says_no_pages(tmp_path):
    (tmp_path / "empty").mkdir()
    run = run_cli("extract", str(tmp_path / "empty"))
    assert run.returncode == 1 and "no pages found" in one_line(run)


def test_one_line_markdown_is_not_an_article(tmp_path):
    note = tmp_path / "note.md"
    note.write_text("# Ideas for the harbor story, to follow up after the council meeting\n")
    run = run_cli("extract", str(note))
    assert run.returncode == 1 and "single line" in one_line(run)


def test_load_errors_start_with_newstrace(tmp_path):
    run = run_cli("load", str(tmp_path / "nothing-here"), "--db", str(tmp_path / "l.db"))
    assert run.returncode != 0
    one_line(run)


@pytest.fixture
def busy_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield sock.getsockname()[1]


def test_serve_on_a_port_in_use_is_one_line_with_a_hint(stored, busy_port):
    run = run_cli("serve", "--db", stored, "--port", str(busy_port))
    assert run.returncode == 1
    assert "--port" in one_line(run) and "in use" in one_line(run)


def demo_folders(tmp_path):
    return [p for p in os.listdir(tmp_path) if p.startswith("newstrace-demo-")]


def test_demo_on_a_port_in_use_fails_fast_and_leaves_nothing(tmp_path, busy_port):
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "newstrace", "demo", "--port", str(busy_port)], capture_output=True,
                         timeout=120, env=env)
    assert run.returncode == 1 and "--port" in one_line(run)
    assert demo_folders(tmp_path) == []


def test_demo_removes_its_temporary_folder_after_ctrl_c(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "newstrace", "demo", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 240
        while time.time() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        assert proc.poll() is None, proc.stderr.read().decode()
        assert len(demo_folders(tmp_path)) == 1
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in proc.stderr.read().decode()
    assert demo_folders(tmp_path) == []


def test_claimreview_gives_no_date_for_a_bound():
    from newstrace.trail import to_claimreview

    def event(date, precision):
        return {"date": date, "date_precision": precision, "action": "repeats", "article": "a1",
                "actor": {"name": "Financial Times", "type": "outlet"}}

    trail = {"claim": {"id": "c1", "text": "x"}, "events": [event("2022-03-13", "day"), event("2022-03-13", "after")]}
    works = to_claimreview(trail, {})["appearance"]
    assert works[0]["datePublished"] == "2022-03-13" and "datePublished" not in works[1]


def test_ingest_summary_says_statements_are_english_only():
    from collections import Counter

    from newstrace.pipeline import IngestSummary

    summary = IngestSummary(new=2, not_english=Counter({"de": 2}))
    assert any("English-only" in line and "de: 2" in line for line in summary.lines())

