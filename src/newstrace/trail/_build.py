"""Trails over the store: a stored claim's trail (events kept by the claims step), or a free-text query's trail
(articles found by retrieval, their events toward the query computed now)."""
from __future__ import annotations

from ._trail import delay_to_first_denial, edges, merge_events

TRAIL_VERSION = "trail/2"


def find_claim(store, query: str, similarity=None, model=None) -> str | None:
    """A claim id for ``query``: the id itself, or the stored claim the retrieval finds for the text."""
    if store.claim(query):
        return query
    from ..claims import make_similarity
    from ..claims._retrieve import RetrievalModel, retrieve

    found = retrieve(store, query, similarity or make_similarity(), model or RetrievalModel.load())
    return found.claim if found.articles else None


def build_trail(store, claim_id: str) -> dict:
    """The Trail of a stored claim: merged events in time order, the propagation graph, the delay to denial."""
    trail = trail_from_db(store, claim_id)
    if trail is None:
        raise KeyError(claim_id)
    return trail


def query_trail(store, query: str, *, similarity=None, model=None, stance=None) -> dict | None:
    """The Trail of a free-text proposition: the articles retrieval finds about it, each one's events toward the
    query (statements about it, scoped actions, the article's own stance), and the stored claim that best covers
    them as ``claim``. None when no stored article is about the query."""
    from ..claims import make_similarity
    from ..claims._claim import events_toward
    from ..claims._retrieve import RetrievalModel, retrieve
    from ..claims._step import load_stance

    similarity = similarity or make_similarity()
    found = retrieve(store, query, similarity, model or RetrievalModel.load())
    if not found.articles:
        return None
    claim_id = found.claim or "query"
    claim_text = store.claim_texts([claim_id]).get(claim_id, query)
    articles = [store.get_article(a) for a, _ in found.articles]
    articles = [a for a in articles if a is not None]
    from ..claims._denial import DenialModel
    from ..claims._stance import stance_probabilities

    stance = stance if stance is not None else load_stance()
    denial = DenialModel.load()
    probs = stance_probabilities(stance, query, [a.text for a in articles])
    events = []
    for art, p in zip(articles, probs):
        statements = list(store.statements(article=art.id))
        evs, _ = events_toward(art, statements, claim_id, query, similarity, p or None, denial)
        events += [e.to_dict() for e in evs]
    return _assemble(store, {"id": claim_id, "text": claim_text}, merge_events(events),
                     query=query, relevance={a: round(p, 4) for a, p in found.articles})


def trail_from_db(store, claim_id: str) -> dict | None:
    """The Trail of a stored claim from the store, with a few set queries rather than a few per article (a claim
    repeated by hundreds of outlets stays fast); None when there is no such claim."""
    text = store.claim_texts([claim_id]).get(claim_id)
    if text is None:
        return None
    return _assemble(store, {"id": claim_id, "text": text}, merge_events(store.events(claim_id)))


def _assemble(store, claim: dict, events: list[dict], **extra) -> dict:
    articles = sorted({e["article"] for e in events} | {a for e in events for a in e.get("also_reported_in") or []})
    outlet_of = {a: outlet or a for a, outlet in store.article_outlets(articles).items()}
    # The graph joins outlets: one reuse link per (outlet, outlet, type) draws it (a wire story reprinted by hundreds
    # of sites has tens of thousands of article pairs).
    wanted, reprints, drawn = set(articles), [], set()
    for source, target, kind in store.reuse_links_from(articles):
        key = (outlet_of.get(source, source), outlet_of.get(target, target), kind)
        if target in wanted and key not in drawn:
            drawn.add(key)
            reprints.append({"from": source, "to": target, "type": kind})
    # Near-copies are linked as a cluster, from its earliest article: copies in the trail whose earliest article is
    # not are drawn from the earliest copy that is.
    members: dict[str, list[tuple[str, str]]] = {}
    for article, published, cluster in store.reuse_cluster_members(articles):
        if cluster not in wanted:
            members.setdefault(cluster, []).append((published or "9999", article))
    for copies in members.values():
        first = min(copies)[1]
        for _, target in sorted(copies):
            key = (outlet_of.get(first, first), outlet_of.get(target, target), "reprint")
            if target != first and key not in drawn:
                drawn.add(key)
                reprints.append({"from": first, "to": target, "type": "reprint"})
    trail = {"claim": claim, "events": events, "edges": edges(events, reprints, outlet_of),
             "delay_to_first_denial": delay_to_first_denial(events)}
    trail.update(extra)
    return trail
