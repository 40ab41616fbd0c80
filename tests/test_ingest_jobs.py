"""``ingest --jobs N``: worker processes for the per-document stages, one writer storing in input order, so the
store holds the same rows as with one process (timestamps aside)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from helpers import ARTICLE_HTML, EXAMPLES
from newstrace.pipeline import ingest
from newstrace.store import Store

# columns that hold the wall-clock time of the write, the only thing allowed to differ between two runs
_CLOCK_COLUMNS = {"ingested_at", "seen_at", "applied_at"}


def _pages(folder: Path) -> list[str]:
    """A small mixed input: real-looking pages, the same bytes under two names, a reject, a copy of a reject."""
    folder.mkdir()
    paths = []
    for i, (place, month) in enumerate([("Saltmere", "June"), ("Eastport", "July"), ("Norwick", "August")]):
        page = folder / f"{i}-ferry.html"
        page.write_text(ARTICLE_HTML.replace("Saltmere", place).replace("June", month), encoding="utf-8")
        paths.append(str(page))
    copy = folder / "9-copy.html"
    copy.write_text(ARTICLE_HTML.replace("Saltmere", "Eastport").replace("June", "July"), encoding="utf-8")
    for name in ("4-empty.html", "5-empty-too.html"):
        (folder / name).write_bytes(b"")
    (folder / "6-binary.html").write_bytes(b"\x00\x01\x02PNG" * 50)
    return paths + [str(copy), str(folder / "4-empty.html"), str(folder / "5-empty-too.html"),
                    str(folder / "6-binary.html"), str(EXAMPLES), paths[0]]


def _dump(path: str) -> dict[str, list[tuple]]:
    db = sqlite3.connect(path)
    out = {}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        columns = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")') if r[1] not in _CLOCK_COLUMNS]
        if not columns:
            continue
        out[table] = sorted(db.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in columns)} FROM "{table}"'),
                            key=repr)
    db.close()
    return out


def _run(inputs: list[str], db: str, jobs: int, analyse: bool):
    seen: list[str] = []
    with Store(db) as store:
        summary = ingest(inputs, store, jobs=jobs, analyse=analyse, progress=seen.append)
    return summary, seen


@pytest.mark.parametrize("analyse", [False, True], ids=["extract-only", "with-statements-and-claims"])
def test_jobs_store_the_same_rows_as_one_process(tmp_path: Path, analyse: bool, monkeypatch) -> None:
    """Articles, sources, rejects, statements, fingerprints, reuse links: the same rows. The claims step is left
    out (stubbed): it runs after the writer, in the main process, over the stored rows, whatever ``jobs`` is."""
    import newstrace.claims
    from newstrace.claims._discover import DiscoverySummary

    if analyse:
        pytest.importorskip("spacy")
    monkeypatch.setattr(newstrace.claims, "run_claims_step", lambda store, **_kw: DiscoverySummary())
    inputs = _pages(tmp_path / "in")
    one, seen_one = _run(inputs, str(tmp_path / "one.db"), 1, analyse)
    two, seen_two = _run(inputs, str(tmp_path / "two.db"), 2, analyse)
    assert seen_two == seen_one  # progress in input order, one call per page
    assert two.lines() == one.lines()  # the summary too
    assert (one.new, one.already, len(one.rejected)) == (two.new, two.already, len(two.rejected))
    assert one.already >= 2 and one.rejected and one.new >= 3
    if analyse:
        assert one.statements > 0
    dumped_one, dumped_two = _dump(str(tmp_path / "one.db")), _dump(str(tmp_path / "two.db"))
    assert dumped_one.keys() == dumped_two.keys()
    for table in dumped_one:
        assert dumped_two[table] == dumped_one[table], table


def test_jobs_rerun_stores_nothing_new(tmp_path: Path) -> None:
    inputs = _pages(tmp_path / "in")
    db = str(tmp_path / "s.db")
    _run(inputs, db, 2, False)
    again, _ = _run(inputs, db, 2, False)
    assert again.new == 0 and again.already >= 3


def test_jobs_under_one_is_a_one_line_error(tmp_path: Path) -> None:
    from newstrace._errors import NewstraceError

    with Store(str(tmp_path / "s.db")) as store, pytest.raises(NewstraceError, match="jobs"):
        ingest([str(EXAMPLES)], store, jobs=0, analyse=False)


def test_cli_jobs_option(tmp_path: Path) -> None:
    from helpers import run_cli

    bad = run_cli("ingest", str(EXAMPLES), "--db", str(tmp_path / "s.db"), "--jobs", "0")
    assert bad.returncode == 1 and bad.stderr.decode().strip().count("\n") == 0
    assert "--jobs 0" in bad.stderr.decode()
    assert "--jobs" in run_cli("ingest", "--help").stdout.decode()
