"""Claims at ingest (assign an article's statements, make its events) and trails at query time, over the store."""
from __future__ import annotations

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
    claim = store.claim(claim_id)
    events = merge_events(store.events(claim_id))
    articles = {e["article"] for e in events} | {a for e in events for a in e.get("also_reported_in") or []}
    reprints = [link for a in sorted(articles) for link in store.reuse_links(a)
                if link["from"] in articles and link["to"] in articles]
    outlet_of = {a: (store.get_article(a).outlet or a) for a in articles}
    unique = [dict(t) for t in {tuple(sorted((k, v) for k, v in r.items() if k != "passages")) for r in reprints}]
    return {"claim": {"id": claim["id"], "text": claim["text"]}, "events": events,
            "edges": edges(events, unique, outlet_of), "delay_to_first_denial": delay_to_first_denial(events)}
