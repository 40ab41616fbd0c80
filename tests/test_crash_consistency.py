"""Crash consistency (issue 12): ``newstrace ingest`` killed with SIGKILL at many points of a run, then run again to
the end, leaves every table as one clean run leaves it (all rows, all columns but the clocks).

The points are found by watching the database read-only while the ingest runs (no hook in the code): before any page,
after the first page and a third and two thirds of them, with every page stored but no reuse links looked for
(between the articles and their derived rows), after the reuse step but before the claims step, with the articles
profiled but no claim written, at a share of a clean run's time, twice in a row, and with worker processes.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from typing import Callable

import pytest

# Clock columns: when a row was written, the only thing a rerun may change.
CLOCK_COLUMNS = {"ingested_at", "seen_at", "applied_at"}
RUN_TIMEOUT_S = 300

# Eight stories, five articles each (paraphrases that the claims step groups into one claim), quotes in some (the
# statements and events of the claims), one story reprinted word for word by a second outlet (a reuse link), and two
# inputs that are rejects. Written for this test.
STORIES = [
    ("Saltmere", "ferry line to the islands", "close in June", "falling passenger numbers and fuel costs", "Rita Vance"),
    ("Tarrow", "old mill on the river", "reopen as a museum", "a grant from the heritage fund", "Owen Marsh"),
    ("Kelby", "night shift at North Harbor", "be extended until December", "a month of delays at the docks",
     "Ada Brookson"),
    ("Wendmoor", "bridge over the Tarrow river", "shut for repairs", "cracks found in two of its piers",
     "Lena Ortiz"),
    ("Harlow", "public library on Market Street", "open on Sundays", "a rise in the number of students",
     "Tom Reyes"),
    ("Brisk", "railway station at Brisk Junction", "get a second platform", "crowded morning trains",
     "Mina Patel"),
    ("Oldcastle", "hospital maternity ward", "move to the new wing", "a shortage of midwives", "Grace Lund"),
    ("Fenwick", "summer music festival", "be held in the castle park", "the flooding of its usual field",
     "Paul Adair"),
]
TEMPLATES = [
    "{town} council says the {thing} will {change}\n\nThe council of {town} said on Tuesday that the {thing} will "
    "{change}, citing {reason}. \"We had no other choice,\" said council member {person}.",
    "The {thing} in {town} to {change}\n\nOfficials in {town} confirmed that the {thing} is set to {change}. They "
    "blamed {reason} for the decision, which residents learned of on Tuesday.",
    "Residents react as {town} {thing} plans to {change}\n\nPeople in {town} said they were surprised that the "
    "{thing} would {change}. The council pointed to {reason}, according to {person}.",
    "Why the {thing} of {town} will {change}\n\nThe decision that the {thing} in {town} will {change} follows "
    "months of debate about {reason}, {person} told reporters on Tuesday.",
    "{town}: the {thing} to {change}, council confirms\n\nThe council confirmed the {thing} will {change}. "
    "{person} said {reason} had left the town with no other option.",
]


def write_pages(folder) -> int:
    """The corpus of this test; returns how many articles it holds."""
    folder.mkdir()
    n = 0
    for s, (town, thing, change, reason, person) in enumerate(STORIES):
        for t, template in enumerate(TEMPLATES):
            text = template.format(town=town, thing=thing, change=change, reason=reason, person=person)
            (folder / f"story{s}-{t}.txt").write_text(text + "\n", encoding="utf-8")
            n += 1
    reprint = TEMPLATES[1].format(town="Saltmere", thing=STORIES[0][1], change=STORIES[0][2], reason=STORIES[0][3],
                                  person=STORIES[0][4])
    (folder / "wire-copy.txt").write_text(reprint + "\n\nThis story first appeared in the Saltmere Gazette.\n",
                                          encoding="utf-8")
    (folder / "empty.html").write_bytes(b"")
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 8)
    return n + 1


def start_ingest(folder, db, jobs: int = 1) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newstrace", "ingest", str(folder), "--db", str(db), "--quiet",
                             "--jobs", str(jobs)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def finish_ingest(folder, db, jobs: int = 1) -> None:
    proc = start_ingest(folder, db, jobs)
    _, err = proc.communicate(timeout=RUN_TIMEOUT_S)
    assert proc.returncode == 0 and not err.strip(), err.decode()[-3000:]


def counts(db) -> dict[str, int] | None:
    """Rows per table that marks progress, read-only (None while the database cannot be read yet)."""
    if not os.path.exists(db):
        return None
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                    for t in ("migrations", "articles", "rejects", "reuse_checked", "article_profiles", "claims",
                              "events")}
    except sqlite3.OperationalError:  # not made yet, or a migration under way
        return None


def kill_when(proc: subprocess.Popen, db, when: Callable[[dict, float], bool]) -> dict | None:
    """SIGKILL ``proc`` as soon as ``when(counts, seconds since start)`` holds; the counts it was killed at (None:
    it finished first)."""
    started = time.monotonic()
    while proc.poll() is None:
        seen = counts(db)
        if seen is not None and when(seen, time.monotonic() - started):
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return counts(db)
        if time.monotonic() - started > RUN_TIMEOUT_S:
            proc.kill()
            raise AssertionError("ingest ran past the time limit")
        time.sleep(0.005)
    assert proc.returncode == 0, proc.stderr.read().decode()[-3000:]
    return None


def dump(db) -> dict[str, list]:
    """Every row of every table (FTS index tables included), without clock columns, sorted."""
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        out = {}
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")') if r[1] not in CLOCK_COLUMNS]
            if cols:
                rows = con.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table}"')
                out[table] = sorted(rows, key=repr)
    return out


def differences(got: dict, want: dict) -> list[str]:
    out = [f"tables {sorted(set(got) ^ set(want))}"] if set(got) != set(want) else []
    for table in sorted(set(got) & set(want)):
        if got[table] != want[table]:
            missing = [r for r in want[table] if r not in got[table]]
            extra = [r for r in got[table] if r not in want[table]]
            out.append(f"{table}: {len(got[table])} rows, clean run {len(want[table])}; missing {missing[:2]!r:.300}; "
                       f"extra {extra[:2]!r:.300}")
    return out


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory) -> tuple:
    """The corpus and one uninterrupted run over it: (pages folder, article count, dump, seconds)."""
    tmp = tmp_path_factory.mktemp("crash")
    pages = tmp / "pages"
    total = write_pages(pages)
    started = time.monotonic()
    finish_ingest(pages, tmp / "clean.db")
    seconds = time.monotonic() - started
    want = dump(tmp / "clean.db")
    assert len(want["articles"]) == total and len(want["rejects"]) == 2
    assert want["claims"] and want["events"] and want["reuse_links"] and want["statements"]
    return pages, total, want, seconds


Kill = tuple[Callable[[dict, float], bool], int]  # (when to kill, --jobs of that run)


def run_scenarios(tmp_path, clean_run, scenarios: list[tuple[str, list[Kill]]]) -> tuple[list, dict]:
    """Each scenario's kills on a fresh database, then a run to the end: (where each kill hit, failures by name)."""
    pages, _total, want, _seconds = clean_run
    killed_at: list[tuple[str, dict]] = []
    failed: dict[str, list[str]] = {}
    for number, (name, kills) in enumerate(scenarios):
        db = tmp_path / f"killed{number}.db"
        for when, jobs in kills:
            at = kill_when(start_ingest(pages, db, jobs), db, when)
            if at is not None:
                killed_at.append((name, at))
        finish_ingest(pages, db)
        problems = differences(dump(db), want)
        if problems:
            failed[name] = problems
    report = "\n".join(f"  {name}: {at}" for name, at in killed_at)
    print(f"\ncrash consistency: {len(killed_at)} kill(s) at {len({tuple(sorted(a.items())) for _, a in killed_at})} "
          f"distinct state(s); {len(scenarios) - len(failed)} of {len(scenarios)} reruns equal the clean run\n{report}")
    return killed_at, failed


@pytest.mark.slow
def test_killed_ingests_then_a_rerun_equal_a_clean_run(tmp_path, clean_run):
    _pages, total, _want, seconds = clean_run
    scenarios: list[tuple[str, list[Kill]]] = [
        ("schema made, no page yet", [(lambda c, t: c["migrations"] > 0 and c["articles"] == 0, 1)]),
        ("the first page stored", [(lambda c, t: c["articles"] >= 1, 1)]),
        ("a quarter of the pages", [(lambda c, t: c["articles"] >= total // 4, 1)]),
        ("a third of the pages", [(lambda c, t: c["articles"] >= total // 3, 1)]),
        ("half the pages, with two workers", [(lambda c, t: c["articles"] >= total // 2, 2)]),
        ("every page but one", [(lambda c, t: c["articles"] >= total - 1, 1)]),
        ("every page stored, no reuse links looked for yet (the articles, not their derived rows)",
         [(lambda c, t: c["articles"] == total and c["reuse_checked"] == 0, 1)]),
        ("reuse links stored, claims step not begun (claims and events missing)",
         [(lambda c, t: c["reuse_checked"] == total and c["article_profiles"] == 0, 1)]),
        ("at 85% of a clean run's time", [(lambda c, t: t >= 0.85 * seconds, 1)]),
        ("twice: the first page, then two thirds of the pages",
         [(lambda c, t: c["articles"] >= 1, 1), (lambda c, t: c["articles"] >= 2 * total // 3, 1)]),
        ("twice: a third of the pages, then before the claims step",
         [(lambda c, t: c["articles"] >= total // 3, 1),
          (lambda c, t: c["reuse_checked"] == total and c["article_profiles"] == 0, 1)]),
    ]
    killed_at, failed = run_scenarios(tmp_path, clean_run, scenarios)
    assert not failed, failed
    report = "\n".join(f"{name}: {at}" for name, at in killed_at)
    assert len({tuple(sorted(at.items())) for _, at in killed_at}) >= 8, report
    between = [at for _, at in killed_at if at["articles"] == total and at["claims"] == 0]
    assert len(between) >= 2, report  # killed between the articles' commits and their derived rows


@pytest.mark.slow
def test_killed_inside_the_claims_step_then_a_rerun_equals_a_clean_run(tmp_path, clean_run):
    scenarios: list[tuple[str, list[Kill]]] = [
        ("articles profiled, no claim written", [(lambda c, t: c["article_profiles"] > 0 and c["claims"] == 0, 1)]),
    ]
    killed_at, failed = run_scenarios(tmp_path, clean_run, scenarios)
    assert killed_at, "the claims step ended before it could be killed"
    assert not failed, failed
