"""Web benchmark: the claims list and claim pages (HTML and API) on a store of 100,000 articles.

Synthetic growth: the bundled examples are ingested once (the real pipeline), then their rows (articles, statements,
claims, claim memberships, events, reuse links) are copied under new ids until the store holds ``--articles``
articles; each copy is a separate story (its own claims). The seed claim also gains "repeats" events from 300
copied articles, so one claim page is heavy. The server runs in a subprocess (uvicorn, as ``newstrace serve``);
requests are sequential, from this process. Prints median and 95th percentile per page in ms.

    .venv/bin/python bench/web.py [--articles 100000] [--requests 200] [--db bench/out/web.db]
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "newstrace" / "examples"
HEAVY_EXTRA = 300


def build(db: str, articles: int) -> None:
    from newstrace.pipeline import ingest
    from newstrace.store import Store
    from newstrace.store._claims import backfill_claim_figures
    from newstrace.trail import find_claim

    if os.path.exists(db):
        os.remove(db)
    t0 = time.time()
    with Store(db) as store:
        ingest([str(EXAMPLES)], store)
        conn = store.db
        seed = find_claim(store, "Russia had asked China for military equipment")
        arts = [dict(r) for r in conn.execute("SELECT * FROM articles")]
        stmts = [dict(r) for r in conn.execute("SELECT * FROM statements")]
        claims = [dict(r) for r in conn.execute("SELECT * FROM claims")]
        members = [dict(r) for r in conn.execute("SELECT * FROM claim_statements")]
        claim_articles = [dict(r) for r in conn.execute("SELECT * FROM claim_articles")]
        events = [dict(r) for r in conn.execute("SELECT * FROM events")]
        links = [dict(r) for r in conn.execute("SELECT * FROM reuse_links")]
        seed_article = next(json.loads(e["data"])["article"] for e in events if e["claim"] == seed)
        ids = [a["id"] for a in arts] + [s["id"] for s in stmts]
        copies = (articles - len(arts)) // len(arts) + 1
        print(f"copying {len(arts)} articles x {copies} ...", file=sys.stderr)

        def new_id(old: str, k: int) -> str:
            return f"{k:08x}{old[:8]}"

        def new_claim(old: str, k: int) -> str:
            return f"c{k:07x}{old[1:6]}"

        def rewrite(text: str, k: int) -> str:
            for old in ids:
                if old in text:
                    text = text.replace(old, new_id(old, k))
            return text

        count = len(arts)
        conn.execute("BEGIN")
        for k in range(1, copies + 1):
            for a in arts:
                if count >= articles:
                    break
                row = dict(a, id=new_id(a["id"], k), source=f"bench://{k}/{a['source']}")
                conn.execute(f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                             list(row.values()))
                count += 1
            else:
                conn.executemany("INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 [(new_id(s["id"], k), new_id(s["article"], k), s["kind"], s["date"], s["speaker_name"],
                                   s["speaker_type"], s["cue_lemma"], s["content_start"], rewrite(s["data"], k),
                                   s["extractor"]) for s in stmts])
                conn.executemany("INSERT INTO claims (id, text, words, members, extractor, articles, first_date, "
                                 "statements) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 [(new_claim(c["id"], k), c["text"], c["words"], c["members"], c["extractor"],
                                   c["articles"], c["first_date"], c["statements"]) for c in claims])
                conn.executemany("INSERT INTO claim_articles VALUES (?, ?)",
                                 [(new_claim(m["claim"], k), new_id(m["article"], k)) for m in claim_articles])
                conn.executemany("INSERT INTO claim_statements VALUES (?, ?, ?)",
                                 [(new_claim(m["claim"], k), new_id(m["statement"], k), new_id(m["article"], k))
                                  for m in members])
                conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 [(new_claim(e["claim"], k), new_id(e["article"], k), e["date"], e["action"], e["actor"],
                                   rewrite(e["data"], k), e["extractor"]) for e in events])
                conn.executemany("INSERT INTO reuse_links VALUES (?, ?, ?, ?, ?, ?)",
                                 [(new_id(l["source"], k), new_id(l["target"], k), l["type"], l["overlap"], l["passages"],
                                   l["extractor"]) for l in links])
                if k <= HEAVY_EXTRA:  # the seed claim repeated by 300 more outlets
                    data = {"date": "2022-03-14", "date_precision": "day", "action": "repeats",
                            "actor": {"name": f"Outlet {k:03d}", "type": "outlet"}, "authority": [],
                            "article": new_id(seed_article, k),
                            "evidence": {"text": "Shortly thereafter, these statements were massively reproduced.",
                                         "start": 972, "end": 1115}, "observed": True, "statement": None,
                            "also_reported_in": []}
                    conn.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 (seed, data["article"], data["date"], "repeats", data["actor"]["name"],
                                  json.dumps(data), "bench"))
                if k % 2500 == 0:
                    conn.execute("COMMIT")
                    conn.execute("BEGIN")
                    print(f"  {count} articles", file=sys.stderr)
                continue
            break
        conn.execute("COMMIT")
        # the claims list's figures, as Store.replace_claims keeps them (the rows above were copied, not built)
        t1 = time.time()
        with conn:
            backfill_claim_figures(conn)
        print(f"built {store.counts()} in {time.time() - t0:.0f}s (claim figures {time.time() - t1:.0f}s)",
              file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(client, url: str, n: int) -> tuple[float, float, float]:
    cold = time.perf_counter()
    r = client.get(url)
    cold = (time.perf_counter() - cold) * 1000
    assert r.status_code == 200, (url, r.status_code, r.text[:300])
    times = []
    for _ in range(n):
        t = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    times.sort()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)], cold


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", default=str(ROOT / "bench" / "out" / "web.db"))
    parser.add_argument("--reuse", action="store_true", help="use an existing --db as is")
    args = parser.parse_args()
    import httpx

    os.makedirs(os.path.dirname(os.path.abspath(args.db)), exist_ok=True)
    if not (args.reuse and os.path.exists(args.db)):
        build(args.db, args.articles)
    from newstrace.store import Store
    from newstrace.trail import find_claim

    with Store(args.db, readonly=True) as store:
        counts = store.counts()
        seed = find_claim(store, "Russia had asked China for military equipment")
        typical = store.db.execute("SELECT claim FROM events WHERE claim != ? ORDER BY rowid DESC LIMIT 1",
                                   (seed,)).fetchone()[0]
    port = free_port()
    code = f"from newstrace.web import serve; serve({args.db!r}, port={port})"
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-c", code])
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            for _ in range(2000):
                try:
                    client.get("/openapi.json")
                    break
                except httpx.TransportError:
                    time.sleep(0.01)
            up = time.perf_counter() - started
            t = time.perf_counter()
            client.get("/api/claims?limit=1")
            print(f"store: {counts}; server up after {up:.2f}s; first claims list {(time.perf_counter() - t) * 1000:.0f}"
                  f" ms later ({up + time.perf_counter() - t:.2f}s from start)")
            deep = client.get("/api/claims?limit=500").json()["next"]
            pages = [
                ("claims list, HTML (/claims)", "/claims"),
                ("claims list, API (/api/claims)", "/api/claims"),
                ("claims list, HTML filtered+sorted", "/claims?action=denies&type=anonymous&sort=first_seen"),
                ("claims list, API second page of 500", f"/api/claims?limit=500&cursor={deep}"),
                ("claims list, API outlet filter", "/api/claims?outlet=Coastline%20Courier&limit=50"),
                ("claim page, HTML (typical claim)", f"/claims/{typical}"),
                ("claim page, API (typical claim)", f"/api/claims/{typical}"),
                (f"claim page, HTML (seed claim, {HEAVY_EXTRA + 5} events)", f"/claims/{seed}"),
                (f"claim page, API (seed claim, {HEAVY_EXTRA + 5} events)", f"/api/claims/{seed}"),
            ]
            print(f"{'page':<48} {'p50 ms':>8} {'p95 ms':>8} {'first ms':>9}   ({args.requests} requests each)")
            for label, url in pages:
                p50, p95, cold = measure(client, url, args.requests)
                print(f"{label:<48} {p50:8.1f} {p95:8.1f} {cold:9.1f}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
