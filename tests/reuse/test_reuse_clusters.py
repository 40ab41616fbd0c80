"""Near-copies are linked as a cluster (issue 12): one reprint link from the cluster's earliest article to each other
member, whatever the order the copies came in, and 5,000 copies cost links and work in proportion."""
from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time

import pytest
from helpers import run_cli

from newstrace.pipeline import REUSE_VERSION, ingest
from newstrace.reuse import align, find_links, fingerprint, order_key, update_links
from newstrace.store import Store

STORY = ("The port authority of Saltmere voted on Tuesday to extend the night shift at North Harbor after a month of "
         "delays, its chair said, adding that the cost would be covered by higher fees for the largest container "
         "lines. Dock workers welcomed the decision but said the union would ask for a review of safety rules before "
         "the summer. Shipping companies, which had warned of congestion since the spring, said they would study the "
         "new fee schedule and reply to the authority within two weeks. The chair said the extension would last at "
         "least until December, and that a decision on weekend shifts would follow in the autumn.")
OTHER = ("A storm that crossed the northern islands overnight cut power to eleven thousand homes and closed the ferry "
         "line to the mainland for the whole of Wednesday, the regional government said. Crews restored electricity "
         "to most villages by the evening, but schools on the two largest islands will stay closed on Thursday. "
         "Farmers reported damage to greenhouses and fences, and the coast guard rescued two fishermen whose boat "
         "lost its engine near the lighthouse.")
UNRELATED = [
    "The city library will open on Sundays from next month after the council approved a budget increase for "
    "cultural services, the mayor announced. The change adds forty hours of opening time each month and four new "
    "jobs, and readers had collected more than three thousand signatures asking for weekend hours.",
    "The regional orchestra named a new conductor on Friday, ending a search that lasted two seasons. She will lead "
    "twelve concerts next year, including a tour of the coastal towns, and plans to commission two new works from "
    "young composers of the region, the orchestra's board said in a statement.",
]


def edited(text: str, seed: int, share: float = 0.05) -> str:
    rng = random.Random(seed)
    words = text.split()
    return " ".join(rng.choice(["reportedly", "officials", "local", "new"]) if rng.random() < share else w
                    for w in words)


def page(title: str, body: str, day: int) -> str:
    paragraphs = "".join(f"<p>{s}.</p>" for s in body.split(". "))
    return (f"<html><head><title>{title}</title><meta property='article:published_time' content='2024-03-{day:02d}'>"
            f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>")


def corpus() -> dict[str, str]:
    """name -> page: the story (3 March) and five copies of it (later), a story and its one copy, two unrelated."""
    pages = {"story": page("Night shift extended", STORY, 3)}
    for i in range(5):
        pages[f"copy{i}"] = page(f"Wire: night shift extended ({i})", edited(STORY, i), 4 + i)
    pages["storm"] = page("Storm cuts power", OTHER, 5)
    pages["storm-copy"] = page("Islands storm", edited(OTHER, 9), 6)
    for i, text in enumerate(UNRELATED):
        pages[f"other{i}"] = page(f"Other news {i}", text, 10 + i)
    return pages


def write(folder, pages: dict[str, str], names) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / f"{name}.html"
        path.write_text(pages[name], encoding="utf-8")
        paths.append(str(path))
    return paths


def state(store: Store) -> tuple[list, list]:
    return (json.loads(json.dumps(store.reuse_links())),
            sorted(store.reuse_clusters().items()))


def test_a_cluster_of_near_copies_is_linked_from_its_earliest_article(tmp_path):
    pages = corpus()
    with Store(str(tmp_path / "n.db")) as store:
        ingest(write(tmp_path / "pages", pages, pages), store, analyse=False)
        ids = {name: store.db.execute("SELECT article FROM sources WHERE source LIKE ?", (f"%/{name}.html",))
               .fetchone()[0] for name in pages}
        links = store.reuse_links()
    names = {v: k for k, v in ids.items()}
    got = sorted((names[l["from"]], names[l["to"]], l["type"]) for l in links)
    assert got == sorted([("story", f"copy{i}", "reprint") for i in range(5)] + [("storm", "storm-copy", "reprint")])
    assert all(0.5 <= l["overlap"] <= 1 and l["passages"] for l in links)
    # the contract's fields, through the command
    run = run_cli("reuse", "--db", str(tmp_path / "n.db"))
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(lines) == 6 and all({"from", "to", "type", "overlap"} <= set(line) for line in lines)


@pytest.mark.parametrize("plan", ["one by one, shuffled", "latest first", "copies first, then the story"])
def test_the_same_links_whatever_the_ingest_order(tmp_path, plan):
    pages = corpus()
    with Store(str(tmp_path / "all.db")) as store:
        ingest(write(tmp_path / "all", pages, pages), store, analyse=False)
        want = state(store)
    names = sorted(pages)
    if plan == "one by one, shuffled":
        random.Random(7).shuffle(names)
        batches = [[n] for n in names]
    elif plan == "latest first":
        batches = [[n] for n in sorted(names, key=lambda n: pages[n].split("content='")[1][:10], reverse=True)]
    else:
        batches = [[n for n in names if n != "story"], ["story"]]
    with Store(str(tmp_path / "steps.db")) as store:
        for i, batch in enumerate(batches):
            ingest(write(tmp_path / f"step{i}", pages, batch), store, analyse=False)
        assert state(store) == want
        assert store.update_reuse([], REUSE_VERSION) == 0


def _run_in_batches(texts: dict[str, str], meta: dict[str, dict], batches: list[list[str]]) -> tuple[dict, dict]:
    """update_links run after run on a store kept in dicts: the links and clusters at the end."""
    prints = {k: fingerprint(k, v) for k, v in texts.items()}
    links: dict[tuple[str, str], tuple] = {}
    clusters: dict[str, str] = {}
    done: list[str] = []
    for batch in batches:
        done += batch

        def touching(ids):
            wanted = set(ids)
            return [(a, b, kind) for (a, b), (kind, _, _) in links.items() if a in wanted or b in wanted]

        update = update_links([prints[k] for k in done], texts.__getitem__, meta, focus=batch, clusters=dict(clusters),
                              links_touching=touching)
        for pair in update.drop:
            del links[pair]
        for l in update.links:
            links[(l.source, l.target)] = (l.type, round(l.overlap, 6), [p.__dict__ for p in l.passages])
        clusters.update(update.clusters)
    return links, clusters


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_noisy_copies_give_the_same_links_in_any_batches(seed):
    """Copies edited 20% (pairwise coverage straddles the reprint threshold; copies of copies drift apart, some share
    passages only): the clusters, their links and the shared passages do not depend on the order or the batches."""
    texts = {f"d{i:03d}": edited(STORY if i % 3 else OTHER, i, 0.2)
             + (" " + edited(OTHER, i + 1000, 0.2) if i % 7 == 0 else "") for i in range(90)}
    meta = {k: {"id": k, "published": f"2024-03-{1 + (i * 7) % 28:02d}"} for i, k in enumerate(texts)}
    want = _run_in_batches(texts, meta, [sorted(texts)])
    assert {kind for kind, _, _ in want[0].values()} == {"reprint", "shares-passages"}
    names = sorted(texts)
    rng = random.Random(seed)
    rng.shuffle(names)
    batches, i = [], 0
    while i < len(names):
        size = rng.randint(1, 10)
        batches.append(names[i:i + size])
        i += size
    assert _run_in_batches(texts, meta, batches) == want


def test_links_grow_with_the_cluster_not_its_pairs():
    texts = {f"d{i:03d}": edited(STORY, i, 0.1) for i in range(300)}
    meta = {k: {"id": k, "published": f"2024-03-{1 + i % 28:02d}"} for i, k in enumerate(texts)}
    links = find_links([fingerprint(k, v) for k, v in texts.items()], texts.__getitem__, meta)
    earliest = min(texts, key=lambda k: (meta[k]["published"], k))
    assert len(links) == len(texts) - 1
    assert {l.source for l in links} == {earliest} and {l.target for l in links} == set(texts) - {earliest}
    assert {l.type for l in links} == {"reprint"}


def test_a_store_with_pairwise_reprints_is_rewritten_as_a_cluster(tmp_path):
    """Migration 9: a store made before clusters (a reprint link per pair) gets its clusters, and the next reuse step
    rewrites them as one link from the earliest article; nothing is lost in between."""
    pages = corpus()
    db = str(tmp_path / "old.db")
    with Store(db) as store:
        ingest(write(tmp_path / "pages", pages, pages), store, analyse=False)
        want = state(store)
        members = [a for a, _ in want[1]]
        # what the pairwise version stored: every pair of copies linked, earlier to later; no clusters table
        meta = {r["id"]: dict(r) for r in store.db.execute("SELECT id, published, first_seen FROM articles")}
        reps = [rep for _, rep in want[1]]
        story_members = [a for a, rep in want[1] if rep == max(set(reps), key=reps.count)]  # six copies
        assert len(story_members) == 6
        with store.db:
            for x in story_members:
                for y in story_members:
                    if order_key(meta[x]) < order_key(meta[y]):
                        coverage, runs = align(store.article_text(x), store.article_text(y))
                        store.db.execute("INSERT OR REPLACE INTO reuse_links VALUES (?, ?, 'reprint', ?, ?, 'reuse/1')",
                                         (x, y, coverage, json.dumps([p.__dict__ for p in runs])))
            store.db.execute("DROP TABLE reuse_clusters")
            store.db.execute("DELETE FROM migrations WHERE version = 9")
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT COUNT(*) FROM reuse_links").fetchone()[0] > len(want[0])
    with Store(db) as store:  # migration 9
        assert sorted(store.reuse_clusters().items()) == want[1]
        unchecked = {r[0] for r in store.db.execute(
            "SELECT article FROM fingerprints WHERE article NOT IN (SELECT article FROM reuse_checked)")}
        assert unchecked and unchecked <= set(members)
        store.update_reuse([], REUSE_VERSION)  # what the next ingest does first
        links, clusters = state(store)
    assert clusters == want[1]
    assert [(l["from"], l["to"], l["type"]) for l in links] == [(l["from"], l["to"], l["type"]) for l in want[0]]


NEAR_DUPLICATES = 5000
_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[3])
sys.path.insert(0, sys.argv[5])
from hostile import _STORY
from hostile_corpus import near_copy
from newstrace.pipeline import ingest
from newstrace.store import Store
folder, db = sys.argv[1], sys.argv[2]
import os
for n in range(int(sys.argv[4])):
    with open(os.path.join(folder, f"page{n:05d}.html"), "w", encoding="utf-8") as out:
        out.write(near_copy(n, _STORY))
started = time.monotonic()
with Store(db) as store:
    summary = ingest([folder], store, analyse=False)
    links = dict(store.db.execute("SELECT type, COUNT(*) FROM reuse_links GROUP BY type").fetchall())
    clusters = store.db.execute("SELECT COUNT(DISTINCT cluster), COUNT(*) FROM reuse_clusters").fetchone()
# this process's own peak (VmHWM): ru_maxrss would also count the pytest process it was forked from (Linux keeps
# the high-water mark across exec), which is gigabytes late in a full run
with open("/proc/self/status", encoding="ascii") as status:
    peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"new": summary.new, "links": links, "clusters": list(clusters),
                  "seconds": time.monotonic() - started, "peak_mb": peak_kb / 1024}))
"""


@pytest.mark.slow
def test_five_thousand_near_duplicate_pages_in_bounded_time_and_memory(tmp_path):
    """The hostile corpus of bench/hostile.py: 5,000 lightly edited copies of one small story. Pairwise linking
    took 934 s, 7.1 GB and made about 3 million links; as a cluster it is one link per copy."""
    folder = tmp_path / "pages"
    folder.mkdir()
    bench = os.path.join(os.path.dirname(__file__), "..", "..", "bench")
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(folder), str(tmp_path / "n.db"), bench,
                              str(NEAR_DUPLICATES), os.path.join(os.path.dirname(__file__), "..")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    started = time.monotonic()
    out, err = child.communicate(timeout=600)
    assert child.returncode == 0, err.decode()[-3000:]
    result = json.loads(out.decode().strip().splitlines()[-1])
    assert result["new"] == NEAR_DUPLICATES
    assert sum(result["links"].values()) < NEAR_DUPLICATES  # O(n): one per copy, at most
    assert result["clusters"][0] <= 5 and result["clusters"][1] >= 0.99 * NEAR_DUPLICATES  # (nearly) all one cluster
    assert time.monotonic() - started < 300  # about 30 s on the 2-core dev machine
    assert result["peak_mb"] < 1000  # about 160 MB
