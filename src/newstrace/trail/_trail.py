"""A claim's trail: its events from every article, merged, in time order, with the propagation graph."""
from __future__ import annotations

from datetime import date as _date
from typing import Iterable
from xml.sax.saxutils import escape

_PRECISION_ORDER = {"before": 0, "day": 1, "after": 2, "unknown": 3}


def _key(actor: dict) -> str:
    return " ".join((actor.get("name") or "").lower().replace("the ", "").split())


# Titles dropped before a short actor name is compared with the trail's full person names ("Dr Fauci").
_TITLES = frozenset("mr mrs ms miss dr prof sen rep gov president senator governor judge gen lt col".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())
# Types an actor named by a surname alone may carry when it is a person the NER mistyped ("McKinley
# (organization)"); outlets, documents and anonymous sources are never merged into a person.
_MERGEABLE = frozenset({"person", "organization", "unknown"})


def _words(name: str) -> list[str]:
    """A name's words, lower case, without punctuation, titles in front or suffixes behind."""
    words = [w.strip(".,'’") for w in name.lower().replace("’s", "").split()]
    words = [w for w in words if w]
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    return words


def unify_actors(events: list[dict]) -> list[dict]:
    """One actor per resolved person in a trail: an actor named by a surname (or a shorter form) of exactly one
    fuller person name among the trail's actors and authorities takes that name, and every actor of one name
    takes one type, "person" when any of its mentions is a person ("McKinley (organization)" and "David
    McKinley (person)" become "David McKinley (person)"). Events are copied, never changed in place."""
    people: dict[str, list[str]] = {}
    for event in events:
        for actor in [event["actor"], *event.get("authority", [])]:
            if actor.get("type") == "person" and actor.get("name"):
                people.setdefault(actor["name"], _words(actor["name"]))
    canonical: dict[str, str] = {}
    for event in events:
        for actor in [event["actor"], *event.get("authority", [])]:
            name = actor.get("name") or ""
            short = _words(name)
            if not short or name in canonical or actor.get("type") not in _MERGEABLE:
                continue
            fuller = {full for full, words in people.items()
                      if len(words) > len(short) and (words[-len(short):] == short or words[:len(short)] == short)}
            if len(fuller) == 1:
                canonical[name] = fuller.pop()
    kinds: dict[str, str] = {}
    for event in events:
        for actor in [event["actor"], *event.get("authority", [])]:
            name = canonical.get(actor.get("name") or "", actor.get("name") or "")
            kind = "person" if name in people else actor.get("type") or "unknown"
            if kinds.get(name) in (None, "unknown") or kind == "person":
                kinds[name] = kind

    def one(actor: dict) -> dict:
        name = canonical.get(actor.get("name") or "", actor.get("name") or "")
        if not name:
            return dict(actor)
        return dict(actor, name=name, type=kinds.get(name, actor.get("type")))

    return [dict(event, actor=one(event["actor"]), authority=[one(a) for a in event.get("authority", [])])
            for event in events]


def merge_events(events: Iterable[dict]) -> list[dict]:
    """Reported and observed accounts of the same event (same actor, action and day) become one event, observed
    when any account is; the other articles that report it are kept in ``also_reported_in``. Actors are first
    unified (``unify_actors``): one actor per resolved person."""
    merged: dict[tuple, dict] = {}
    for event in unify_actors(list(events)):
        key = (_key(event["actor"]), event["action"], event.get("date"))
        if key not in merged:
            merged[key] = dict(event, also_reported_in=list(event.get("also_reported_in") or []))
            continue
        kept = merged[key]
        if event["observed"] and not kept["observed"]:
            event = dict(event, also_reported_in=kept["also_reported_in"] + [kept["article"]])
            for auth in kept["authority"]:
                if auth not in event["authority"]:
                    event["authority"].append(auth)
            merged[key] = event
        elif event["article"] != kept["article"] and event["article"] not in kept["also_reported_in"]:
            kept["also_reported_in"].append(event["article"])
            for auth in event["authority"]:
                if auth not in kept["authority"]:
                    kept["authority"].append(auth)
    return sorted(merged.values(), key=lambda e: (e.get("date") or "9999-99-99",
                                                  _PRECISION_ORDER.get(e.get("date_precision"), 3),
                                                  e["evidence"]["start"] if e.get("evidence") else 0))


def edges(events: list[dict], reprints: list[dict] | None = None, outlet_of: dict[str, str] | None = None) -> list[dict]:
    """Propagation graph: cites (actor -> its authority), repeats / denies (actor -> the first asserter),
    reprints (outlet of the later article -> outlet of the earlier one)."""
    out: list[dict] = []
    seen: set[tuple[str, str, str]] = set()
    origin = next((e for e in events if e["action"] == "asserts"), None)

    def add(a: str, b: str, kind: str) -> None:
        if a != b and (a, b, kind) not in seen:
            seen.add((a, b, kind))
            out.append({"from": a, "to": b, "type": kind})

    for event in events:
        actor = event["actor"]["name"]
        for auth in event["authority"]:
            add(actor, auth["name"], "cites")
        if origin is not None and event is not origin and event["action"] in ("repeats", "denies", "asserts"):
            add(actor, origin["actor"]["name"], "repeats" if event["action"] == "asserts" else event["action"])
    for link in reprints or []:
        names = outlet_of or {}
        add(names.get(link["to"], link["to"]), names.get(link["from"], link["from"]),
            "reprints" if link["type"] == "reprint" else "shares-passages")
    return out


def delay_to_first_denial(events: list[dict]) -> int | None:
    """Days from the first dated assertion to the first dated denial, or None."""
    first = next((e["date"] for e in events if e["action"] in ("asserts", "repeats") and e.get("date")), None)
    denial = next((e["date"] for e in events if e["action"] == "denies" and e.get("date")), None)
    if not first or not denial:
        return None
    return (_date.fromisoformat(denial[:10]) - _date.fromisoformat(first[:10])).days


def to_text(trail: dict) -> str:
    """The trail as a readable timeline."""
    lines = [f"claim {trail['claim']['id']}: {trail['claim']['text']}", ""]
    for event in trail["events"]:
        when = event.get("date") or "date unknown"
        if event.get("date_precision") in ("after", "before"):
            when = f"{'after' if event['date_precision'] == 'after' else 'by'} {when}"
        how = "observed" if event["observed"] else "reported"
        authority = ", ".join(f"{a['name']} ({a['type']})" for a in event["authority"])
        line = f"{when:>17}  {event['actor']['name']} ({event['actor']['type']}) {event['action']}"
        if authority:
            line += f" on the authority of {authority}"
        lines.append(f"{line}  [{how}, article {event['article']}]")
        lines.append(f"{'':>19}\u201c{' '.join(event['evidence']['text'].split())}\u201d")
    if trail.get("delay_to_first_denial") is not None:
        lines += ["", f"first denial {trail['delay_to_first_denial']} day(s) after the first assertion"]
    return "\n".join(lines)


def to_graphml(trail: dict) -> str:
    """The propagation graph as GraphML (nodes: actors with their type; edges: cites, repeats, denies, reprints)."""
    nodes: dict[str, str] = {}
    for event in trail["events"]:
        nodes.setdefault(event["actor"]["name"], event["actor"]["type"])
        for auth in event["authority"]:
            nodes.setdefault(auth["name"], auth["type"])
    for edge in trail["edges"]:
        nodes.setdefault(edge["from"], "unknown")
        nodes.setdefault(edge["to"], "unknown")
    ids = {name: f"n{i}" for i, name in enumerate(nodes)}
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
           '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
           '  <key id="kind" for="node" attr.name="type" attr.type="string"/>',
           '  <key id="rel" for="edge" attr.name="type" attr.type="string"/>',
           f'  <graph id="{escape(trail["claim"]["id"])}" edgedefault="directed">']
    for name, kind in nodes.items():
        out.append(f'    <node id="{ids[name]}"><data key="label">{escape(name)}</data><data key="kind">{escape(kind)}</data></node>')
    for i, edge in enumerate(trail["edges"]):
        out.append(f'    <edge id="e{i}" source="{ids[edge["from"]]}" target="{ids[edge["to"]]}"><data key="rel">{escape(edge["type"])}</data></edge>')
    out += ["  </graph>", "</graphml>"]
    return "\n".join(out)


def to_claimreview(trail: dict, urls: dict[str, str | None]) -> dict:
    """schema.org Claim markup: the claim, who first made it, and where it appeared. No rating: newstrace records
    who asserted and who denied, it does not rule on truth."""
    def work(event: dict) -> dict:
        item = {"@type": "CreativeWork", "author": {"@type": "Organization" if event["actor"]["type"] in
                                                    ("outlet", "organization") else "Person",
                                                    "name": event["actor"]["name"]}}
        # only a known day is a publication date: "after"/"before" dates are bounds, and schema.org has no bound
        if event.get("date") and event.get("date_precision", "day") == "day":
            item["datePublished"] = event["date"]
        if urls.get(event["article"]):
            item["url"] = urls[event["article"]]
        return item

    assertions = [e for e in trail["events"] if e["action"] in ("asserts", "repeats")]
    claim = {"@context": "https://schema.org", "@type": "Claim", "identifier": trail["claim"]["id"],
             "text": trail["claim"]["text"], "appearance": [work(e) for e in assertions]}
    if assertions:
        claim["firstAppearance"] = work(assertions[0])
        claim["author"] = work(assertions[0])["author"]
    return claim
