"""Claims at ingest (assign an article's statements, make its events) and trails at query time, over the store."""
from __future__ import annotations

import json
import sqlite3

from ._events import article_events
from ._group import Claim, ClaimIndex
from ._trail import delay_to_first_denial, edges, merge_events

TRAIL_VERSION = "trail/1"
# A free-text query must reach this similarity to a claim to name it; below, the answer is "no such claim".
MIN_QUERY_SIMILARITY = 0.3


def assign(index: ClaimIndex, statements: list[dict]) -> tuple[dict[str, tuple[str, str]], list[Claim]]:
    """Group statements into claims. The earliest-dated, innermost (relayed) statement goes first, so a claim is
    founded by its first assertion as its original source put it, not by a later denial's paraphrase."""
    claim_of: dict[str, tuple[str, str]] = {}
    touched: dict[str, Claim] = {}
    order = sorted(statements, key=lambda s: (s.get("date") or "9999", -len(s.get("via") or []),
                                              s["content"]["start"]))
    for statement in order:
        claim = index.add(statement["content"]["text"])
        if claim is not None:
            claim_of[statement["id"]] = (claim.id, claim.text)
            touched[claim.id] = claim
    return claim_of, list(touched.values())


def ingest_claims(store, index: ClaimIndex, article, statements: list[dict]) -> int:
    """Assign the article's statements to claims and store its events; returns how many events."""
    claim_of, touched = assign(index, statements)
    events = article_events(article, statements, claim_of)
    store.add_claims_and_events(article, touched, [(sid, cid) for sid, (cid, _) in claim_of.items()], events,
                                TRAIL_VERSION)
    return len(events)


def find_claim(store, query: str) -> str | None:
    """A claim id for ``query``: the id itself, or the stored claim most similar to the text."""
    if store.claim(query):
        return query
    claim, score = store.claim_index().best(query)
    return claim.id if claim is not None and score >= MIN_QUERY_SIMILARITY else None


def build_trail(store, claim_id: str) -> dict:
    """The Trail of a stored claim: merged events in time order, the propagation graph, the delay to denial."""
    trail = trail_from_db(store.db, claim_id)
    if trail is None:
        raise KeyError(claim_id)
    return trail


def trail_from_db(db: sqlite3.Connection, claim_id: str) -> dict | None:
    """The Trail from an open store connection, with a few set queries rather than a few per article (a claim
    repeated by hundreds of outlets stays fast); None when there is no such claim."""
    row = db.execute("SELECT id, text FROM claims WHERE id = ?", (claim_id,)).fetchone()
    if row is None:
        return None
    events = merge_events(json.loads(r[0]) for r in db.execute("SELECT data FROM events WHERE claim = ?", (claim_id,)))
    articles = sorted({e["article"] for e in events} | {a for e in events for a in e.get("also_reported_in") or []})
    ids = json.dumps(articles)
    outlet_of = {r[0]: r[1] or r[0] for r in db.execute(
        "SELECT id, outlet FROM articles WHERE id IN (SELECT value FROM json_each(?))", (ids,))}
    # The graph joins outlets: one reuse link per (outlet, outlet, type) draws it (a wire story reprinted by hundreds
    # of sites has tens of thousands of article pairs).
    wanted, reprints, drawn = set(articles), [], set()
    for source, target, kind in db.execute(
            "SELECT source, target, type FROM reuse_links WHERE source IN (SELECT value FROM json_each(?))", (ids,)):
        key = (outlet_of.get(source, source), outlet_of.get(target, target), kind)
        if target in wanted and key not in drawn:
            drawn.add(key)
            reprints.append({"from": source, "to": target, "type": kind})
    return {"claim": {"id": row[0], "text": row[1]}, "events": events,
            "edges": edges(events, reprints, outlet_of), "delay_to_first_denial": delay_to_first_denial(events)}
