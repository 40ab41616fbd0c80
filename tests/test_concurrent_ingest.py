"""Two `newstrace ingest` processes on one database give what one serial run gives (the corpus steps take turns)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import pytest

from newstrace.store import Store

TEXTS = {
    "ferry-0": "Saltmere ferry line to close in June\n\nThe council said the ferry line between Saltmere and the islands "
               "will close in June after forty years, citing falling passenger numbers and fuel costs.",
    "ferry-1": "Islanders protest Saltmere ferry closure\n\nThe Saltmere ferry service to the islands is set to close in "
               "June, the council announced. Islanders said they were never consulted about the ferry closure.",
    "ferry-2": "Council confirms end of the Saltmere ferry\n\nAfter forty years the ferry between Saltmere and the "
               "islands closes in June; fuel costs and passenger numbers are to blame, council member Rita Vance said.",
    "whale-0": "A humpback whale swam up the Tarrow river\n\nResidents filmed a humpback whale swimming up the Tarrow "
               "river near the old mill on Sunday; marine biologists said it was probably lost.",
    "whale-1": "Lost humpback whale spotted in the Tarrow river\n\nMarine biologists are monitoring a humpback whale that "
               "swam far up the Tarrow river past the old mill, residents said.",
    "whale-2": "Whale in the Tarrow river heads back to sea\n\nThe humpback whale that swam up the Tarrow river past the "
               "old mill turned back toward the sea on Monday, marine biologists said.",
}


def _claims(db) -> list:
    with Store(str(db), readonly=True) as store:
        return sorted((c["id"], c["text"], tuple(store.claim_articles(c["id"]))) for c in store.claims())


def _ingest(folder, db):
    return subprocess.Popen([sys.executable, "-m", "newstrace", "ingest", str(folder), "--db", str(db), "--quiet",
                             "--jobs", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})


@pytest.mark.slow
def test_two_concurrent_ingests_equal_a_serial_run(tmp_path):
    halves = [tmp_path / "a", tmp_path / "b"]
    for half in halves:
        half.mkdir()
    for i, (name, text) in enumerate(sorted(TEXTS.items())):
        (halves[i % 2] / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    serial = tmp_path / "serial.db"
    for half in halves:
        proc = _ingest(half, serial)
        assert proc.wait(timeout=600) == 0, proc.stderr.read().decode()
    both = tmp_path / "both.db"
    procs = [_ingest(half, both) for half in halves]
    for proc in procs:
        assert proc.wait(timeout=600) == 0, proc.stderr.read().decode()
    assert _claims(both) == _claims(serial)
    assert len(_claims(serial)) == 2
    with Store(str(both), readonly=True) as store:
        assert store.counts()["articles"] == len(TEXTS)
        assert json.loads(json.dumps(store.reuse_links())) == json.loads(json.dumps(Store(str(serial)).reuse_links()))


@pytest.mark.slow
def test_claims_rebuild_waits_for_the_corpus_steps_of_another_process(tmp_path):
    from newstrace.store import CorpusLock

    folder = tmp_path / "texts"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "a.db"
    assert _ingest(folder, db).wait(timeout=300) == 0
    before = _claims(db)
    with CorpusLock(str(db)):  # another process's corpus steps under way
        rebuild = subprocess.Popen([sys.executable, "-m", "newstrace", "claims", "--rebuild", "--db", str(db)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(rebuild.stderr), daemon=True)
        reader.start()
        deadline = time.monotonic() + 120
        while not any("waiting for another newstrace process" in line for line in lines):
            assert rebuild.poll() is None and time.monotonic() < deadline, "".join(lines)
            time.sleep(0.1)
        time.sleep(1)
        assert rebuild.poll() is None and _claims(db) == before  # it waits, and has not touched the claims
    assert rebuild.wait(timeout=300) == 0, "".join(lines)
    reader.join(timeout=30)
    assert _claims(db) == before
