"""Scale benchmark: ingest on every core, the corpus steps and the web at 1k, 10k (and 100k) articles.

Two parts, one run:

1. ``--jobs`` speed-up on real pages: the AEB pages (../shared/data/aeb/html, the held-out half of bench/_split.py)
   ingested with statements (spaCy) once with ``jobs=1`` and once with ``jobs=2``, each into a fresh store; prints
   pages/s of the per-page phase (start to the last page stored, worker start-up and spaCy loading included), the
   ratio, the load average before and after each run, and whether the two stores hold the same rows (timestamps
   aside).
2. Synthetic growth from real texts (the AEB gold article bodies, as bench/reuse.py grows them): each article is 300
   words of 12-word runs from random places of the real texts, with a headline and a date; REPRINT_SHARE of them get
   a reprint (a copy with a new first line and 10% of words replaced) and PARAPHRASE_SHARE a paraphrase (the same runs
   shuffled, a quarter of them dropped, 20% of words replaced), written by a process of its own. Per size, in a
   subprocess of its own (so peak RSS is that size's, the generator's memory left out): ingest with ``analyse=False`` (statement analysis is NOT run at these sizes: spaCy alone would
   take hours here; the claims step then groups articles without statements) on ``--jobs`` workers, and the same
   first REFERENCE_PAGES pages on one process for the ratio; reuse time; claims-step time (``run_claims_step`` on
   ``--jobs`` workers);
   trail p95 (``trail_from_db`` over 200 claims, the largest first); a server's time from start to its first claims
   list and the list's p95; peak RSS; DB size. Log-log slopes of the corpus steps between the two largest sizes.

    .venv/bin/python bench/scale.py                          # both parts, sizes 1000,10000
    .venv/bin/python bench/scale.py --sizes 1000,10000,100000 --skip-jobs
    .venv/bin/python bench/scale.py --jobs-only --pages 60
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import re
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "bench"))

REPRINT_SHARE = 0.05
PARAPHRASE_SHARE = 0.05
DOC_WORDS = 300
RUN_WORDS = 12
RUNS_PER_PARAGRAPH = 5
# Articles per JSON Lines file: the reader holds one file in memory at a time.
PER_FILE = 5000
# Pages ingested on one process at each size for the speed-up ratio (the whole corpus would double the run).
REFERENCE_PAGES = 2000
TRAIL_SAMPLE = 200
LIST_REQUESTS = 50
CLOCK_COLUMNS = {"ingested_at", "seen_at", "applied_at"}


# -- the stance model ------------------------------------------------------------------------------------------
def stance_note() -> str | None:
    """None when the shipped stance model loads; otherwise the claims step runs without it (statement evidence only,
    as ClaimBuilder does with ``stance=None``) and the reason is printed with the figures."""
    import newstrace.claims._step as step
    from newstrace._errors import NewstraceError

    try:
        step.load_stance(None)
        return None
    except NewstraceError as exc:
        step.load_stance = lambda path=None: None
        return f"stance model not loadable ({str(exc)[-80:]}): claims step run without article stance"


# -- part 1: --jobs on real pages --------------------------------------------------------------------------------
def real_pages(data: Path, n: int, workdir: Path) -> list[str]:
    from _split import in_part

    folder = workdir / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for page in sorted((data / "aeb" / "html").glob("*.html.gz")):
        if in_part(page.name, "held-out") and len(paths) < n:
            target = folder / page.name[: -len(".gz")]
            target.write_bytes(gzip.decompress(page.read_bytes()))
            paths.append(str(target))
    return paths


def dump(path: str) -> dict[str, list]:
    db = sqlite3.connect(path)
    out = {}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        cols = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")') if r[1] not in CLOCK_COLUMNS]
        if cols:
            out[table] = sorted(db.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table}"'),
                                key=repr)
    db.close()
    return out


def timed_ingest(inputs: list[str], db: str, jobs: int, analyse: bool) -> dict:
    from newstrace.pipeline import ingest
    from newstrace.store import Store

    marks: list[float] = []
    cpu = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    load_before = os.getloadavg()
    started = time.perf_counter()
    with Store(db) as store:
        summary = ingest(inputs, store, jobs=jobs, analyse=analyse, progress=lambda _s: marks.append(time.perf_counter()))
    ended = time.perf_counter()
    pages = len(marks)
    page_phase = (marks[-1] - started) if marks else 0.0
    return {"jobs": jobs, "pages": pages, "new": summary.new, "statements": summary.statements,
            "page_seconds": page_phase, "pages_per_s": pages / page_phase if page_phase else 0.0,
            "steady_pages_per_s": (pages - 1) / (marks[-1] - marks[0]) if pages > 1 and marks[-1] > marks[0] else 0.0,
            "after_pages_seconds": ended - (marks[-1] if marks else started), "total_seconds": ended - started,
            "load_before": load_before, "load_after": os.getloadavg(),
            "cpu_self_s": _cpu(resource.RUSAGE_SELF) - (cpu[0].ru_utime + cpu[0].ru_stime),
            "cpu_workers_s": _cpu(resource.RUSAGE_CHILDREN) - (cpu[1].ru_utime + cpu[1].ru_stime)}


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def jobs_part(data: Path, n_pages: int, jobs: int, workdir: Path) -> None:
    note = stance_note()
    pages = real_pages(data, n_pages, workdir)
    print(f"== --jobs on {len(pages)} real pages (AEB held-out half), with statements (spaCy); "
          f"{os.cpu_count()} core(s)" + (f"; {note}" if note else ""))
    rows = {}
    ceiling = cpu_ceiling(jobs)
    for j in (1, jobs):
        db = str(workdir / f"jobs{j}.db")
        rows[j] = r = timed_ingest(pages, db, j, analyse=True)
        print(f"jobs={j}: {r['pages']} pages ({r['new']} new, {r['statements']} statements) in {r['page_seconds']:.1f}s"
              f" = {r['pages_per_s']:.2f} pages/s ({r['steady_pages_per_s']:.2f} from the first page stored to the"
              f" last); CPU s: writer {r['cpu_self_s']:.1f}, workers {r['cpu_workers_s']:.1f}; corpus steps after the pages {r['after_pages_seconds']:.1f}s;"
              f" load average before {fmt_load(r['load_before'])}, after {fmt_load(r['load_after'])}")
    same = dump(str(workdir / "jobs1.db")) == dump(str(workdir / f"jobs{jobs}.db"))
    ratio = rows[jobs]["pages_per_s"] / rows[1]["pages_per_s"]
    steady = rows[jobs]["steady_pages_per_s"] / rows[1]["steady_pages_per_s"]
    print(f"jobs={jobs} / jobs=1 pages/s: {ratio:.2f}x from the start (spaCy loading included), {steady:.2f}x from "
          f"the first page stored to the last (gate >= 1.7); identical store contents: {same}")
    print(f"control, same run: {jobs} processes of pure arithmetic did {ceiling:.2f}x the work of one in the same "
          f"time (the most this machine gave {jobs} processes just now)")


def _burn(n: int) -> float:
    x = 0
    for i in range(n):
        x += i * i
    return float(x % 7)


def cpu_ceiling(jobs: int, n: int = 15_000_000) -> float:
    """How much faster ``jobs`` processes of pure arithmetic finish than one, on this machine now: the most any
    ``--jobs`` speed-up can reach while other work shares the cores."""
    import multiprocessing

    t = time.perf_counter()
    _burn(n)
    one = time.perf_counter() - t
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        t = time.perf_counter()
        pool.map(_burn, [n] * jobs)
        many = time.perf_counter() - t
    return jobs * one / many


def fmt_load(load: tuple[float, float, float]) -> str:
    return "/".join(f"{x:.2f}" for x in load)


# -- part 2: synthetic growth --------------------------------------------------------------------------------------
def corpus_words(data: Path) -> list[str]:
    gold = json.loads((data / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    return re.findall(r"\S+", " ".join(v["articleBody"] for v in gold.values()))


def page_text(runs: list[str], day: int) -> str:
    title = " ".join(" ".join(runs).split()[:9]).rstrip(".,;:").capitalize()
    paragraphs = [" ".join(runs[i:i + RUNS_PER_PARAGRAPH]) for i in range(0, len(runs), RUNS_PER_PARAGRAPH)]
    date = f"2024-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}"
    return f"{title}\n\nPublished {date}\n\n" + "\n\n".join(paragraphs) + "\n"


def make_corpus(words: list[str], n: int, folder: Path, seed: int) -> dict[str, str]:
    """Write about ``n`` articles as JSON Lines files under ``folder``; returns planted pairs {original url: copy url}
    (reprints ``r``, paraphrases ``p``)."""
    rng = random.Random(seed)
    fillers = ["reportedly", "officials", "local", "new", "said", "according", "sources", "week"]
    n_reprints, n_para = int(n * REPRINT_SHARE), int(n * PARAPHRASE_SHARE)
    n_orig = n - n_reprints - n_para
    runs_per_doc = DOC_WORDS // RUN_WORDS
    records: list[dict] = []
    planted: dict[str, str] = {}
    originals: list[list[str]] = []
    for i in range(n_orig):
        runs = []
        for _ in range(runs_per_doc):
            s = rng.randrange(0, len(words) - RUN_WORDS)
            runs.append(" ".join(words[s:s + RUN_WORDS]))
        originals.append(runs)
        records.append({"url": f"https://bench.example/d{i}", "text": page_text(runs, i),
                        "outlet": f"Outlet {i % 97}"})

    def edit(text: str, share: float) -> str:
        return " ".join(rng.choice(fillers) if rng.random() < share else w for w in text.split())

    for k in range(n_reprints):
        i = k * 7 % n_orig
        planted[f"https://bench.example/d{i}"] = f"https://bench.example/r{k}"
        records.append({"url": f"https://bench.example/r{k}", "outlet": f"Wire {k % 13}",
                        "text": "Distributed by a wire service\n\n" + edit(page_text(originals[i], i + 1), 0.10)})
    for k in range(n_para):
        i = (k * 11 + 3) % n_orig
        runs = [edit(r, 0.20) for r in originals[i] if rng.random() > 0.25]
        rng.shuffle(runs)
        planted.setdefault(f"https://bench.example/d{i}", f"https://bench.example/p{k}")
        records.append({"url": f"https://bench.example/p{k}", "text": page_text(runs, i + 2),
                        "outlet": f"Outlet {(i + 50) % 97}"})
    rng.shuffle(records)
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(records), PER_FILE):
        with open(folder / f"part-{start // PER_FILE:04d}.jsonl", "w", encoding="utf-8") as out:
            for r in records[start:start + PER_FILE]:
                out.write(json.dumps(r) + "\n")
    return planted


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, int(round(0.95 * len(values))) - 1)]


def server_figures(db: str) -> dict:
    import httpx

    port = free_port()
    code = f"from newstrace.web import serve; serve({db!r}, port={port})"
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-c", code])
    first = None
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            while time.perf_counter() - started < 300:
                try:
                    r = client.get("/api/claims?limit=50")
                    if r.status_code == 200:
                        first = time.perf_counter() - started
                        break
                except httpx.TransportError:
                    time.sleep(0.05)
            times = []
            for _ in range(LIST_REQUESTS):
                t = time.perf_counter()
                assert client.get("/api/claims?limit=50").status_code == 200
                times.append((time.perf_counter() - t) * 1000)
            heavy = client.get("/api/claims?limit=1").json()["items"][0]["id"]
            claim_times = []
            for _ in range(LIST_REQUESTS):
                t = time.perf_counter()
                assert client.get(f"/claims/{heavy}").status_code == 200
                claim_times.append((time.perf_counter() - t) * 1000)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"first_list_s": first, "list_p95_ms": p95(times), "top_claim_page_p95_ms": p95(claim_times)}


def one_size(data: Path, n: int, jobs: int, workdir: Path, serve: bool) -> dict:
    """Everything for one corpus size (run in a subprocess of its own: peak RSS is this size's)."""
    from newstrace.claims import run_claims_step
    from newstrace.store import Store
    from newstrace.trail import trail_from_db

    note = stance_note()
    folder = workdir / f"corpus-{n}"
    # generated beforehand by another process (``--generate``): it holds the whole corpus at once, which is not
    # newstrace's memory and must not count in this process's peak or its children's
    planted = json.loads((workdir / f"planted-{n}.json").read_text(encoding="utf-8"))
    files = sorted(str(p) for p in folder.glob("*.jsonl"))
    out: dict = {"size": n, "stance": note}
    # the 1-process reference on the first REFERENCE_PAGES pages (a file of its own)
    ref_file = workdir / f"reference-{n}.jsonl"
    with open(files[0], encoding="utf-8") as src, open(ref_file, "w", encoding="utf-8") as dst:
        for k, line in enumerate(src):
            if k >= REFERENCE_PAGES:
                break
            dst.write(line)
    ref = timed_ingest([str(ref_file)], str(workdir / f"reference-{n}.db"), 1, analyse=False)
    db = str(workdir / f"scale-{n}.db")
    run = timed_ingest(files, db, jobs, analyse=False)
    out.update(ingest_pages_per_s=run["pages_per_s"], reference_pages_per_s=ref["pages_per_s"],
               ingest_ratio=run["pages_per_s"] / ref["pages_per_s"], pages=run["pages"],
               reuse_s=run["after_pages_seconds"], load=run["load_after"])
    with Store(db) as store:
        t, cpu = time.perf_counter(), _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
        found = run_claims_step(store, jobs=jobs)
        out["claims_s"] = time.perf_counter() - t
        # CPU seconds of this process and its (reaped) workers: less sensitive to other load than the wall time
        out["claims_cpu_s"] = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - cpu
        out["claims_load"] = os.getloadavg()[0]
        out["claims"] = found.claims
        url_claim = dict(store.db.execute("SELECT a.url, c.claim FROM articles a JOIN claim_articles c "
                                          "ON c.article = a.id").fetchall())
        out["planted_grouped"] = sum(1 for a, b in planted.items() if url_claim.get(a) and
                                     url_claim.get(a) == url_claim.get(b))
        out["planted"] = len(planted)
        ids = [r[0] for r in store.db.execute("SELECT id FROM claims ORDER BY events DESC, id LIMIT ?",
                                              (TRAIL_SAMPLE,))]
        times = []
        for cid in ids:
            t = time.perf_counter()
            trail_from_db(store, cid)
            times.append((time.perf_counter() - t) * 1000)
        out["trail_p95_ms"] = p95(times) if times else None
        out["max_events"] = store.db.execute("SELECT MAX(events) FROM claims").fetchone()[0]
    out["db_mb"] = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s)) / 2**20
    if serve:
        out.update(server_figures(db))
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out.update(peak_rss_mb=self_rss, peak_child_rss_mb=child_rss)
    return out


def slope(rows: list[dict], key: str) -> float | None:
    if len(rows) < 2 or not rows[-1][key] or not rows[-2][key]:
        return None
    a, b = rows[-2], rows[-1]
    return math.log(b[key] / a[key]) / math.log(b["pages"] / a["pages"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=SHARED / "data")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--pages", type=int, default=60, help="real pages for the --jobs comparison")
    parser.add_argument("--skip-jobs", action="store_true")
    parser.add_argument("--jobs-only", action="store_true")
    parser.add_argument("--no-server", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None, help="kept afterwards when given")
    parser.add_argument("--one-size", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--generate", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not (args.data / "aeb" / "ground-truth.json").exists():
        sys.exit(f"bench/scale.py: {args.data}/aeb/ground-truth.json not found (pass --data)")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="newstrace-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        if args.generate:
            planted = make_corpus(corpus_words(args.data), args.generate, workdir / f"corpus-{args.generate}",
                                  seed=args.generate)
            (workdir / f"planted-{args.generate}.json").write_text(json.dumps(planted), encoding="utf-8")
            return
        if args.one_size:
            print(json.dumps(one_size(args.data, args.one_size, args.jobs, workdir, not args.no_server)))
            return
        if not args.skip_jobs:
            jobs_part(args.data, args.pages, max(2, args.jobs), workdir)
        if args.jobs_only:
            return
        rows = []
        print(f"== synthetic growth, ingest without statements (analyse=False) on {args.jobs} job(s); "
              f"load average {fmt_load(os.getloadavg())}")
        print(f"{'articles':>8} {'pages/s':>8} {'ratio':>6} {'reuse s':>8} {'claims s':>9} {'claims':>7} "
              f"{'planted':>9} {'trail p95':>10} {'1st list s':>10} {'list p95':>9} {'top claim':>10} "
              f"{'RSS MB':>7} {'workers':>8} {'DB MB':>7}")
        for n in [int(s) for s in args.sizes.split(",")]:
            subprocess.run([sys.executable, __file__, "--generate", str(n), "--data", str(args.data), "--workdir",
                            str(workdir / f"size-{n}")], check=True)
            cmd = [sys.executable, __file__, "--one-size", str(n), "--jobs", str(args.jobs), "--data", str(args.data),
                   "--workdir", str(workdir / f"size-{n}")] + (["--no-server"] if args.no_server else [])
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                sys.exit(f"bench/scale.py: size {n} failed:\n{done.stderr[-3000:]}")
            r = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(r)
            shutil.rmtree(workdir / f"size-{n}" / f"corpus-{n}", ignore_errors=True)
            print(f"{r['pages']:>8} {r['ingest_pages_per_s']:>8.0f} {r['ingest_ratio']:>6.2f} {r['reuse_s']:>8.1f} "
                  f"{r['claims_s']:>9.1f} {r['claims']:>7} {r['planted_grouped']:>4}/{r['planted']:<4} "
                  f"{r['trail_p95_ms'] or 0:>8.1f}ms {r.get('first_list_s') or 0:>10.2f} "
                  f"{r.get('list_p95_ms') or 0:>7.1f}ms {r.get('top_claim_page_p95_ms') or 0:>8.1f}ms "
                  f"{r['peak_rss_mb']:>7.0f} {r['peak_child_rss_mb']:>8.0f} {r['db_mb']:>7.0f}", flush=True)
            if r.get("stance"):
                print(f"  note: {r['stance']}")
        for r in rows:
            print(f"  {r['pages']} articles: claims step {r['claims_s']:.1f} s wall, {r['claims_cpu_s']:.1f} s CPU "
                  f"(this process and its workers), load average {r['claims_load']:.2f} at its end")
        for key, label in (("claims_s", "claims step"), ("claims_cpu_s", "claims step CPU"), ("reuse_s", "reuse")):
            s = slope(rows, key)
            if s is not None:
                print(f"log-log slope of {label} time, {rows[-2]['pages']} -> {rows[-1]['pages']}: {s:.2f} "
                      f"(gate <= 1.2)")
        print("ratio: pages/s on the jobs given over one process on the first "
              f"{REFERENCE_PAGES} pages of the same corpus; RSS MB: the peak of the process that ingests and runs the "
              "claims step, workers: the largest worker's (forked: the pages it shares with that process count)")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
