"""The hostile corpus (tests/hostile_corpus.py, issue 12) through the real command: every case within a bounded wall
time and peak memory, no traceback, and a clean outcome (its articles, or one-line rejects naming it and the reason;
nothing made up, nothing else in the run lost).

Quick: one ``newstrace extract`` over the whole corpus folder. Slow: each case alone (the per-case time and peak
memory: ``bench/hostile.py --corpus`` prints the same table), and one ``newstrace ingest`` of the whole folder, whose
stored articles and rejects must be exactly what extract gave.
"""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
from hostile_corpus import Case, near_copy, write_corpus

from newstrace.read._sources import MAX_REASON_CHARS, display_name

# Bounds: what a case (or a run of the whole corpus) may take on the shared 2-core machine under load. The failures
# these guard against took minutes or never ended, and 1.5-7 GB.
CASE_SECONDS = 30
CASE_PEAK_MB = 700
EXTRACT_RUN_SECONDS = 120
EXTRACT_RUN_PEAK_MB = 700
INGEST_RUN_SECONDS = 400
INGEST_RUN_PEAK_MB = 1500
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test-output")


@dataclass
class Measured:
    returncode: int
    stdout: bytes
    stderr: bytes
    seconds: float
    peak_mb: float
    timed_out: bool = False

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "replace")


def run_measured(args: list[str], timeout: float, cwd: str | None = None) -> Measured:
    """``newstrace ARGS`` in a subprocess: its exit status, output, wall time and own peak memory (``os.wait4``: the
    child's and its waited-for children's maximum RSS, not the test process's). Killed past ``timeout``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        child = subprocess.Popen([sys.executable, "-m", "newstrace", *args], stdout=out, stderr=err,
                                 stdin=subprocess.DEVNULL, cwd=cwd,
                                 env={**os.environ, "PYTHONIOENCODING": "utf-8", "OMP_NUM_THREADS": "1"})
        timer = threading.Timer(timeout, lambda: os.kill(child.pid, signal.SIGKILL))
        timer.start()
        try:
            _pid, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        seconds = time.monotonic() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        peak = usage.ru_maxrss / 1024
        if peak <= _own_peak_mb():
            # Linux keeps the forking process's high-water mark across fork/vfork and exec, so a child's ru_maxrss
            # is at least this (test) process's peak, gigabytes late in a full run: the child's own peak is then
            # unknown, and 0 stands for "not measured" rather than a false failure
            peak = 0.0
        return Measured(child.returncode, out.read(), err.read(), seconds, peak,
                        timed_out=child.returncode == -signal.SIGKILL)


def _own_peak_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return 0.0


@dataclass
class Outcomes:
    """What a run gave, by case name: (source, title + text) of articles and (source, reason) of rejects."""

    articles: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    rejects: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)


class Matcher:
    """Finds the case an outcome's source belongs to: a case path, PATH@OFFSET, PATH:LINE, or a path in a folder
    case (the sources as newstrace shows them: ``display_name`` of the path)."""

    def __init__(self, root: str, cases: list[Case]):
        self.paths: dict[str, str] = {}
        self.folders: list[tuple[str, str]] = []
        for case in cases:
            for path in case.paths:
                shown = display_name(os.path.join(root, path))
                self.paths[shown] = case.name
                if case.folder:
                    self.folders.append((shown + "/", case.name))

    def case_of(self, source: str) -> str | None:
        if source in self.paths:
            return self.paths[source]
        base = re.sub(r"(@\d+|:\d+)$", "", source)
        if base in self.paths:
            return self.paths[base]
        for prefix, name in self.folders:
            if source.startswith(prefix):
                return name
        return None

    def split_line(self, line: str) -> tuple[str, str] | None:
        """(source, reason) of a ``newstrace: SOURCE: REASON`` line, the source being a known one."""
        if not line.startswith("newstrace: "):
            return None
        rest = line[len("newstrace: "):]
        for at in [m.start() for m in re.finditer(": ", rest)]:
            if self.case_of(rest[:at]) is not None:
                return rest[:at], rest[at + 2:]
        return None


def extract_outcomes(run: Measured, matcher: Matcher) -> Outcomes:
    found = Outcomes()
    for line in run.stdout.decode("utf-8").splitlines():
        article = json.loads(line)
        name = matcher.case_of(article["source"])
        if name is None:
            found.unmatched.append(f"article {article['source']!r}")
            continue
        found.articles.setdefault(name, []).append((article["source"],
                                                    f"{article['title'] or ''}\n{article['text']}"))
    for line in run.err.splitlines():
        split = matcher.split_line(line)
        if split is None:
            found.unmatched.append(f"stderr line {line[:300]!r}")
            continue
        found.rejects.setdefault(matcher.case_of(split[0]), []).append(split)
    return found


def ingest_outcomes(db: str, matcher: Matcher) -> Outcomes:
    found = Outcomes()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        for source, title, text in con.execute(
                "SELECT s.source, a.title, a.text FROM sources s JOIN articles a ON a.id = s.article"):
            name = matcher.case_of(source)
            if name is None:
                found.unmatched.append(f"article {source!r}")
            else:
                found.articles.setdefault(name, []).append((source, f"{title or ''}\n{text}"))
        for source, reason in con.execute("SELECT source, reason FROM rejects"):
            name = matcher.case_of(source)
            if name is None:
                found.unmatched.append(f"reject {source!r}")
            else:
                found.rejects.setdefault(name, []).append((source, reason))
    return found


def problems_of(case: Case, found: Outcomes) -> list[str]:
    """What is wrong with what a run gave for ``case`` (empty: it held)."""
    arts = found.articles.get(case.name, [])
    rejs = found.rejects.get(case.name, [])
    out = []
    if case.articles is not None and len(arts) != case.articles:
        out.append(f"{len(arts)} article(s), expected {case.articles}")
    if case.rejects is not None and len(rejs) != case.rejects:
        out.append(f"{len(rejs)} reject(s), expected {case.rejects}: {[r for _, r in rejs][:3]}")
    if not case.allows_nothing() and not arts and not rejs:
        out.append("neither an article nor a reject: the input was lost")
    for _source, reason in rejs:
        if not reason.strip() or "\n" in reason or len(reason) > MAX_REASON_CHARS:
            out.append(f"reject reason not one short line: {reason[:100]!r}")
        if case.reason and case.reason not in reason.lower():
            out.append(f"reject reason {reason!r} lacks {case.reason!r}")
    texts = "\n".join(t for _, t in arts)
    for want in case.text:
        if want not in texts:
            out.append(f"no article holds {want!r} (first: {texts[:120]!r})")
    for unwanted in case.absent:
        if unwanted in texts:
            out.append(f"an article holds {unwanted!r}")
    return out


def check_run(cases: list[Case], found: Outcomes) -> dict[str, list[str]]:
    failed = {case.name: problems_of(case, found) for case in cases}
    failed = {name: p for name, p in failed.items() if p}
    if found.unmatched:
        failed["(outcomes of no case)"] = found.unmatched[:20]
    return failed


def report(failed: dict[str, list[str]]) -> str:
    shown = {name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"): p
             for name, p in failed.items()}
    return "\n".join(f"{name!r}: {'; '.join(p)}" for name, p in shown.items())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[str, list[Case]]:
    root = str(tmp_path_factory.mktemp("hostile") / "corpus")
    return root, write_corpus(root)


def test_the_corpus_has_every_kind_of_case(corpus):
    _root, cases = corpus
    assert len(cases) >= 100
    assert len({c.name for c in cases}) == len(cases)
    assert sum(c.issue for c in cases) >= 20
    prefixes = {c.name.split("/")[0] for c in cases}
    assert prefixes >= {"hang", "enc", "html", "text", "warc", "gz", "jsonl", "sidecar", "names", "links"}


def extract_run(root: str, cases: list[Case], inputs: list[str]) -> None:
    """One ``extract`` of ``inputs``: bounded time and memory, exit 1 (there are rejects), no traceback, every stderr
    line a ``newstrace: SOURCE: REASON`` reject, every case of ``cases`` as it must be."""
    run = run_measured(["extract", *inputs], timeout=EXTRACT_RUN_SECONDS)
    assert not run.timed_out, f"extract ran past {EXTRACT_RUN_SECONDS} s"
    assert "Traceback" not in run.err, run.err[-3000:]
    assert run.returncode == 1, run.err[-3000:]
    failed = check_run(cases, extract_outcomes(run, Matcher(root, cases)))
    print(f"\nhostile corpus, extract: {len(cases) - len(failed)} of {len(cases)} cases held in {run.seconds:.1f} s, "
          f"peak {run.peak_mb:.0f} MB")
    assert not failed, report(failed)
    assert run.peak_mb < EXTRACT_RUN_PEAK_MB


def test_extract_of_the_cases_issue_12_names(corpus):
    """The quick subset: the hangs folder (FIFO, zeros, attribute bombs, long lines, near-copies...) and every other
    case the issue names, in one ``extract`` run."""
    root, cases = corpus
    chosen = [c for c in cases if c.issue or c.name.startswith("hang/")]
    inputs = [os.path.join(root, "hang")] + [os.fsdecode(os.path.join(os.fsencode(root), os.fsencode(c.name)))
                                             for c in chosen if not c.name.startswith("hang/")]
    extract_run(root, chosen, inputs)


@pytest.mark.slow
def test_extract_of_the_whole_corpus(corpus):
    root, cases = corpus
    extract_run(root, cases, [root])


def run_alone(root: str, case: Case, scratch: str) -> tuple[Measured, str, Case]:
    """``extract`` of one case: a regular file or a folder by its path (a page's sidecar is found beside it); a FIFO,
    socket or symlink through a folder holding only a link to it (named on the command line, a FIFO is read as a
    pipe, and would wait for a writer). Returns the run and the root and case to match its outcomes by."""
    path = os.path.join(os.fsencode(root), os.fsencode(case.name))
    if os.path.islink(path) or not (os.path.isfile(path) or os.path.isdir(path)):
        folder = tempfile.mkdtemp(dir=scratch)
        base = os.path.basename(path)
        os.symlink(os.path.abspath(path), os.path.join(os.fsencode(folder), base))
        return (run_measured(["extract", folder], timeout=CASE_SECONDS + 30), folder,
                Case(os.fsdecode(base), case.what, case.articles, case.rejects, case.reason, case.text, case.absent))
    return run_measured(["extract", os.fsdecode(path)], timeout=CASE_SECONDS + 30), root, case


def case_problems(case: Case, run, where, alone) -> list[str]:
    """What is wrong with one case's ``extract`` run alone (:func:`run_alone`): past its time, a traceback, over its
    time or memory, or not the outcome the case must give. Empty when it held."""
    problems = [] if not run.timed_out else [f"ran past {CASE_SECONDS + 30} s"]
    if "Traceback" in run.err:
        problems.append("traceback: " + run.err.strip().splitlines()[-1][:200])
    if run.seconds > CASE_SECONDS:
        problems.append(f"{run.seconds:.1f} s")
    if run.peak_mb > CASE_PEAK_MB:
        problems.append(f"peak {run.peak_mb:.0f} MB")
    if not problems and not case.allows_nothing():
        problems += check_run([alone], extract_outcomes(run, Matcher(where, [alone]))).get(alone.name, [])
    return problems


@pytest.mark.slow
def test_each_case_alone(corpus, tmp_path):
    """Each case in its own ``extract`` run: its own time and peak memory (the figures of the closing note), no
    traceback, every stderr line a one-line reject, and the outcome the case must give (except for inputs that are
    not pages, which a folder run skips but a path named alone is read as one)."""
    root, cases = corpus
    rows, failed = [], {}
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:  # two at a time: each its own process
        runs = list(pool.map(lambda case: run_alone(root, case, str(tmp_path)), cases))
    for case, (run, where, alone) in zip(cases, runs):
        problems = case_problems(case, run, where, alone)
        if problems:
            failed[case.name] = problems
        rows.append((run.seconds, run.peak_mb, case))
    os.makedirs(OUTPUT, exist_ok=True)
    with open(os.path.join(OUTPUT, "hostile-corpus.json"), "w", encoding="utf-8") as out:
        json.dump({"cases": len(cases), "held": len(cases) - len(failed),
                   "rows": [{"case": display_name(c.name), "seconds": round(s, 2), "peak_mb": round(m)}
                            for s, m, c in sorted(rows, key=lambda r: -r[0])]}, out, indent=1)
    slowest = max(rows, key=lambda r: r[0])
    largest = max(rows, key=lambda r: r[1])
    print(f"\nhostile corpus, each case alone: {len(cases) - len(failed)} of {len(cases)} held; slowest "
          f"{display_name(slowest[2].name)!r} {slowest[0]:.1f} s at {slowest[1]:.0f} MB; largest peak "
          f"{display_name(largest[2].name)!r} {largest[1]:.0f} MB")
    assert not failed, report(failed)


@pytest.mark.slow
def test_ingest_of_the_whole_corpus_stores_what_extract_gives(corpus, tmp_path):
    """One ``ingest`` of the corpus folder (statements, reuse and claims steps included): bounded time and memory,
    exit 0, nothing on stderr with --quiet, every case as it must be, and the same articles and rejects as extract
    gives; the near-copies one reprint cluster; a second run adds nothing."""
    root, cases = corpus
    db = str(tmp_path / "hostile.db")
    run = run_measured(["ingest", root, "--db", db, "--quiet", "--jobs", "2"], timeout=INGEST_RUN_SECONDS)
    assert not run.timed_out, f"ingest ran past {INGEST_RUN_SECONDS} s"
    assert run.returncode == 0 and not run.err.strip(), run.err[-3000:]
    matcher = Matcher(root, cases)
    stored = ingest_outcomes(db, matcher)
    failed = check_run(cases, stored)
    print(f"\nhostile corpus, ingest: {len(cases) - len(failed)} of {len(cases)} cases held in {run.seconds:.1f} s, "
          f"peak {run.peak_mb:.0f} MB")
    assert not failed, report(failed)
    assert run.peak_mb < INGEST_RUN_PEAK_MB
    extracted = extract_outcomes(run_measured(["extract", root], timeout=EXTRACT_RUN_SECONDS), matcher)
    for case in cases:
        assert sorted(s for s, _ in stored.rejects.get(case.name, [])) == \
            sorted(s for s, _ in extracted.rejects.get(case.name, [])), case.name
        assert sorted(s for s, _ in stored.articles.get(case.name, [])) == \
            sorted(s for s, _ in extracted.articles.get(case.name, [])), case.name
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        copies = [r[0] for r in con.execute("SELECT a.id FROM articles a JOIN sources s ON s.article = a.id "
                                            "WHERE s.source LIKE '%/near-copies/%'")]
        clusters = {r[0] for r in con.execute(
            f"SELECT cluster FROM reuse_clusters WHERE article IN ({','.join('?' * len(copies))})", copies)}
        assert len(copies) == len(set(copies)) and len(clusters) == 1
        counts = [con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "rejects", "claims")]
        assert counts[2] > 0  # the claims step ran over the corpus
    again = run_measured(["ingest", root, "--db", db, "--jobs", "2"], timeout=INGEST_RUN_SECONDS)
    assert again.returncode == 0 and "Traceback" not in again.err, again.err[-3000:]
    assert "ingested 0 new article(s)" in again.err
    with sqlite3.connect(db) as con:
        assert [con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("articles", "rejects", "claims")] == counts


# -- commands other than extract and ingest (OTHER_CASES "cli/...") ---------------------------------------------------
def _one_article_db(tmp_path) -> tuple[str, str]:
    from newstrace.extract import extract_document
    from newstrace.models import Document
    from newstrace.store import Store

    db = str(tmp_path / "one.db")
    article = extract_document(Document("one.html", near_copy(1).encode()))
    with Store(db) as store:
        store.add_article(article)
    return db, article.id


def _clean(run: Measured, seconds: float = CASE_SECONDS) -> list[str]:
    assert not run.timed_out and run.seconds < seconds, f"{run.seconds:.1f} s"
    assert "Traceback" not in run.err, run.err[-3000:]
    assert run.peak_mb < CASE_PEAK_MB
    return [line for line in run.err.splitlines() if line.strip()]


def test_show_does_not_match_by_wildcard(tmp_path):
    db, ident = _one_article_db(tmp_path)
    for pattern in ("______", "%%%%%%"):
        run = run_measured(["show", pattern, "--db", db], timeout=CASE_SECONDS)
        lines = _clean(run)
        assert run.returncode == 1 and len(lines) == 1 and ident not in run.stdout.decode(), (pattern, lines)
    assert run_measured(["show", ident[:6], "--db", db], timeout=CASE_SECONDS).returncode == 0


@pytest.mark.slow
def test_match_and_group_with_hostile_texts(tmp_path):
    claims = tmp_path / "claims.tsv"
    claims.write_text("c1\tThe ferry line to Saltmere will close in June\nc2\t" + " " * 50_000 + "\n",
                      encoding="utf-8")
    queries = tmp_path / "queries.tsv"
    queries.write_text("q1\t" + " " * 50_000 + "\nq2\t" + "." * 50_000 + "\nq3\tferry to Saltmere closes\n",
                       encoding="utf-8")
    run = run_measured(["match", "--claims", str(claims), "--queries", str(queries), "--light"], timeout=CASE_SECONDS)
    _clean(run)
    assert [json.loads(line)["id"] for line in run.stdout.decode().splitlines()] == ["q1", "q2", "q3"]
    texts = tmp_path / "texts.jsonl"
    texts.write_text("\n".join(json.dumps({"id": f"t{i}", "text": t}) for i, t in enumerate(
        ["." * 50_000, " " * 50_000, "Saltmere ferry to close " * 2000, "\u200b" * 10_000, "ferry"])) + "\n",
        encoding="utf-8")
    run = run_measured(["group", str(texts)], timeout=CASE_SECONDS)
    _clean(run)
    assert len(run.stdout.decode().splitlines()) == 5


@pytest.mark.slow
def test_trail_and_search_with_a_100k_query(tmp_path):
    """A free-text trail query is a proposition: past 1,000 characters a one-line error (each word's embedding
    neighbours are looked up: 100 KB took minutes); search takes any length."""
    db, _ident = _one_article_db(tmp_path)
    query = ("night shift harbor " * 6000)[:100_000]
    run = run_measured(["trail", query, "--db", db], timeout=CASE_SECONDS)
    assert run.returncode == 1 and len(_clean(run)) == 1 and "at most 1,000 characters" in run.err
    run = run_measured(["trail", query[:1000], "--db", db, "--format", "json"], timeout=CASE_SECONDS)
    _clean(run)
    for words in (query, '"NEAR(( *', "\u202e\u200b" * 1000):
        args = ["search", words, "--db", db]
        run = run_measured(args, timeout=CASE_SECONDS)
        _clean(run)
        assert run.returncode in (0, 1)
