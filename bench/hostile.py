"""Hostile inputs (issue 12) through the real command: wall time, peak memory and outcome per case.

    python bench/hostile.py                        # this checkout
    python bench/hostile.py --before /tmp/old/src  # and another source tree (e.g. `git archive HEAD src`), same run
    python bench/hostile.py --only near-dup        # the cases whose label holds this text
    python bench/hostile.py --corpus               # each case of tests/hostile_corpus.py alone: held, time, peak
    python bench/hostile.py --corpus --before /tmp/old/src   # the same corpus through another source tree

Every input is made here, in a temporary folder (the 1 GB-of-zeros crawl takes a few seconds to compress). A case
that runs past --timeout is shown as such: it is what the issue calls a hang.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def _zeros_gz(path: Path, size: int) -> None:
    packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    with open(path, "wb") as out:
        for _ in range(size >> 20):
            out.write(packer.compress(block))
        out.write(packer.flush())


NEAR_DUPLICATES = 5000
# 5,000 small pages, each the same 80-word story with 10% of its words replaced (wire copies lightly edited): every
# pair is a near-copy. Ingested without statements (the reuse step is what is measured); the last stderr line is the
# result. tests/reuse/test_reuse_clusters.py makes the same pages.
_NEAR_DUP_SCRIPT = """
import sys, time
from newstrace.pipeline import ingest
from newstrace.store import Store
folder, db = sys.argv[1], sys.argv[2]
started = time.monotonic()
with Store(db) as store:
    summary = ingest([folder], store, analyse=False)
    links = store.db.execute("SELECT type, COUNT(*) FROM reuse_links GROUP BY type").fetchall()
print(f"result: {summary.new} pages, links {dict(links)}, {time.monotonic() - started:.0f} s", file=sys.stderr)
"""
_STORY = ("The port authority of Saltmere voted on Tuesday to extend the night shift at North Harbor after a month of "
          "delays, its chair said, adding that the cost would be covered by higher fees for the largest container "
          "lines. Dock workers welcomed the decision but said the union would ask for a review of safety rules before "
          "the summer. The chair said the extension would last at least until December.")



def make_cases(root: Path) -> list[tuple[str, list[str]]]:
    page = ("<html><head><title>Ferry line to Saltmere will close</title></head><body><article><h1>Ferry line to "
            "Saltmere will close in June</h1><p{}>The council said on Thursday that the ferry line between Saltmere "
            "and the islands will close in June after forty years of service.</p></article></body></html>")
    _zeros_gz(root / "zeros1g.warc.gz", 1 << 30)
    with open(root / "zeros50m.warc", "wb") as out:
        out.truncate(50 << 20)
    for count, name in ((100_000, "attr100k.html"), (1_000_000, "attr1m.html")):
        (root / name).write_text(page.format(" " + " ".join(f'a{i}="1"' for i in range(count))), encoding="utf-8")
    (root / "credit.txt").write_text("Council to reopen the old mill\n\n" + "a. Photo: x " * 8000 + "|z\n",
                                     encoding="utf-8")
    (root / "line100k.txt").write_text(" ".join(f"word{i % 50}" for i in range(17_000)) + "\n", encoding="utf-8")
    folder = root / "fifo"
    folder.mkdir()
    (folder / "good.html").write_text(page.format(""), encoding="utf-8")
    os.mkfifo(folder / "pipe.html")
    with open(os.fsencode(str(root)) + b"/name\xff.html", "wb") as out:
        out.write(page.format("").encode())
    (root / "outlet.jsonl").write_text(json.dumps({"html": page.format(""), "outlet": ["a"]}) + "\n",
                                       encoding="utf-8")
    (root / "side.html").write_text(page.format(""), encoding="utf-8")
    (root / "side.meta.json").write_text("[1, 2]", encoding="utf-8")
    (root / "claims.tsv").write_text("c1\tThe ferry line to Saltmere will close in June\n", encoding="utf-8")
    (root / "spaces.tsv").write_text("q1\t" + " " * 50_000 + "\n", encoding="utf-8")
    near = root / "near-duplicates"
    near.mkdir()
    sys.path.insert(0, str(HERE / "tests"))
    from hostile_corpus import near_copy

    for n in range(NEAR_DUPLICATES):  # this benchmark's story is one sentence longer than the test corpus's
        (near / f"page{n:05d}.html").write_text(near_copy(n, _STORY), encoding="utf-8")
    extract = ["extract"]
    return [
        ("1 GB of zeros as .warc.gz (4.6 MB)", extract + [str(root / "zeros1g.warc.gz")]),
        ("50 MB of zeros as .warc", extract + [str(root / "zeros50m.warc")]),
        ("one element, 100k attributes", extract + [str(root / "attr100k.html")]),
        ("one element, 1M attributes", extract + [str(root / "attr1m.html")]),
        ("96 KB caption-credit line", extract + [str(root / "credit.txt")]),
        ("one 100 KB line of words", extract + [str(root / "line100k.txt")]),
        ("a FIFO in a folder", extract + [str(folder)]),
        ("a non-UTF-8 file name", extract + [os.fsdecode(os.fsencode(str(root)) + b"/name\xff.html")]),
        ('JSONL "outlet": ["a"]', extract + [str(root / "outlet.jsonl")]),
        ("a sidecar that is a JSON array", extract + [str(root / "side.html")]),
        ("match, a query of 50,000 spaces", ["match", "--light", "--claims", str(root / "claims.tsv"),
                                             "--queries", str(root / "spaces.tsv")]),
        # a fresh database per run: "-c" cases are Python scripts, not newstrace commands
        (f"{NEAR_DUPLICATES:,} near-duplicate pages, ingest", ["-c", _NEAR_DUP_SCRIPT, str(near), "{db}"]),
    ]


def run_case(src: str, args: list[str], timeout: float) -> tuple[float, float, str]:
    """(seconds, peak MB of that process, outcome) of ``newstrace ARGS`` with ``src`` first on the path."""
    env = {**os.environ, "PYTHONPATH": src, "PYTHONIOENCODING": "utf-8", "OMP_NUM_THREADS": "1"}
    scratch = tempfile.mkdtemp(prefix="newstrace-hostile-db-")
    args = [a.replace("{db}", os.path.join(scratch, "news.db")) for a in args]
    command = [sys.executable, *args] if args[0] == "-c" else [sys.executable, "-m", "newstrace", *args]
    started = time.monotonic()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err: list[bytes] = []
    reader = threading.Thread(target=lambda: err.append(child.stderr.read()), daemon=True)
    reader.start()
    killed = False
    while True:  # os.wait4 rather than Popen.wait: it gives the child's own peak memory
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout:
            child.kill()
            killed = True
            pid, status, usage = os.wait4(child.pid, 0)
            break
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    reader.join(10)
    peak = usage.ru_maxrss / 1024  # Linux: KB
    if killed:
        return elapsed, peak, f"still running at {timeout:.0f} s (killed)"
    shutil.rmtree(scratch, ignore_errors=True)
    text = b"".join(err).decode("utf-8", "replace")
    lines = [line for line in text.splitlines() if line.strip()]
    if "Traceback" in text:
        outcome = "traceback: " + lines[-1][:50]
    elif lines and lines[-1].startswith("result: "):
        outcome = f"{lines[-1][8:]}, exit {child.returncode}"
    elif lines:
        outcome = f"{len(lines)} line(s) on stderr, longest {max(map(len, lines))} chars, exit {child.returncode}"
    else:
        outcome = f"clean, exit {child.returncode}"
    return elapsed, peak, outcome


def corpus_main(src: str, only: str | None) -> None:
    """Each file case of tests/hostile_corpus.py through ``newstrace extract`` alone, with ``src`` first on the path:
    whether it held (tests/test_hostile_corpus.py's checks), its wall time and peak memory; then the figures."""
    sys.path.insert(0, str(HERE / "tests"))
    os.environ["PYTHONPATH"] = src
    from hostile_corpus import write_corpus
    from test_hostile_corpus import case_problems, run_alone

    with tempfile.TemporaryDirectory(prefix="newstrace-corpus-") as tmp:
        cases = [c for c in write_corpus(Path(tmp) / "corpus") if not only or only in c.name]
        rows = []
        print(f"{'case':58} {'s':>6} {'MB':>6}  outcome")
        for case in cases:
            run, where, alone = run_alone(str(Path(tmp) / "corpus"), case, tmp)
            problems = case_problems(case, run, where, alone)
            shown = case.name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            rows.append((run.seconds, run.peak_mb, shown, not problems))
            print(f"{ascii(shown)[1:-1][:58]:58} {run.seconds:6.1f} {run.peak_mb:6.0f}  "
                  f"{'held' if not problems else '; '.join(problems)[:200]}", flush=True)
    slowest = max(rows)
    largest = max(rows, key=lambda r: r[1])
    print(f"\n{sum(r[3] for r in rows)} of {len(rows)} cases held; slowest {slowest[2]!r}: {slowest[0]:.1f} s at "
          f"{slowest[1]:.0f} MB; largest peak {largest[2]!r}: {largest[1]:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="another source tree (its src/ folder) to measure in the same run")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--only", help="run only the cases whose label holds this text")
    parser.add_argument("--corpus", action="store_true",
                        help="the hostile corpus of tests/hostile_corpus.py instead, each case alone (with --before: "
                             "that tree only)")
    opts = parser.parse_args()
    if opts.corpus:
        corpus_main(opts.before or str(HERE / "src"), opts.only)
        return
    trees = ([("before", opts.before)] if opts.before else []) + [("now", str(HERE / "src"))]
    with tempfile.TemporaryDirectory(prefix="newstrace-hostile-") as tmp:
        cases = [case for case in make_cases(Path(tmp)) if not opts.only or opts.only in case[0]]
        print(f"{'case':36} " + " ".join(f"{name + ' s':>9} {name + ' MB':>10}  outcome" for name, _ in trees))
        for label, args in cases:
            cells = []
            for _name, src in trees:
                seconds, peak, outcome = run_case(src, args, opts.timeout)
                cells.append(f"{seconds:9.1f} {peak:10.0f}  {outcome}")
            print(f"{label:36} " + " | ".join(cells), flush=True)


if __name__ == "__main__":
    main()
