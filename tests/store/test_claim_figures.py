"""The claims list's figures kept in the store (migration 6): filled by ``replace_claims`` from the events it is
given, backfilled from stored events, and read by the web with indexed queries that give what the old in-memory
scan of every event gave."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from newstrace.models import Article
from newstrace.store import Store
from newstrace.store._claims import UNDATED, backfill_claim_figures
from newstrace.trail._events import Event
from newstrace.web._data import ACTIONS, SORTS, SOURCE_TYPES, BadRequest, ClaimFilter, claims_page

OUTLETS = ["Harbor Times", "Bay Wire", None, "Coastline Courier"]
TYPES = list(SOURCE_TYPES)


def _event(rng: random.Random, claim: str, article: str) -> Event:
    actor_type = rng.choice(TYPES + [None])
    return Event(claim=claim, date=rng.choice([None, "2022-03-13", "2022-03-14", "2023-01-02", "2021-12-31"]),
                 date_precision="day", action=rng.choice(ACTIONS),
                 actor={"name": rng.choice(["Bay Wire", "Zhao Lijian", "officials"]), "type": actor_type},
                 authority=[{"name": "x", "type": rng.choice(TYPES)}] if rng.random() < 0.3 else [],
                 article=article, evidence={"text": "", "start": 0, "end": 0}, observed=True)


def _store(path: Path, claims: int = 40, seed: int = 7) -> tuple[Store, dict[str, list[Event]], dict[str, str | None]]:
    rng = random.Random(seed)
    store = Store(str(path))
    outlet_of = {}
    for i in range(30):
        outlet = OUTLETS[i % len(OUTLETS)]
        art = Article(id=f"a{i:03d}", source=f"t://{i}", outlet=outlet, title=f"t{i}", text=f"text {i}",
                      extractor="test")
        store.add_article(art)
        outlet_of[art.id] = outlet
    events: dict[str, list[Event]] = {}
    rows = []
    for c in range(claims):
        cid = f"c{c:03d}"
        arts = rng.sample(sorted(outlet_of), rng.randint(1, 4))
        events[cid] = [] if c % 9 == 0 else [_event(rng, cid, rng.choice(arts)) for _ in range(rng.randint(1, 6))]
        rows.append({"id": cid, "text": f"claim {c} text", "articles": arts, "statements": [], "first_date": None})
    store.replace_claims([], rows, [e for cid in sorted(events) for e in events[cid]], "test")
    return store, events, outlet_of


def _expected(events: dict[str, list[Event]], outlet_of: dict[str, str | None], f: ClaimFilter) -> list[str]:
    """The claims list as the old in-memory figures gave it (a scan of every event), for comparison."""
    out = []
    for cid, evs in events.items():
        days = [int(e.date.replace("-", "")) for e in evs if e.date]
        first, last = (min(days) if days else UNDATED), (max(days) if days else 0)
        actions = {e.action for e in evs}
        types = {e.actor["type"] or "unknown" for e in evs} | {a["type"] for e in evs for a in e.authority}
        outlets = {o.casefold() for e in evs for o in (outlet_of[e.article],
                                                        e.actor["name"] if e.actor["type"] == "outlet" else None) if o}
        if f.action and f.action not in actions or f.source_type and f.source_type not in types:
            continue
        if f.outlet and f.outlet.casefold() not in outlets:
            continue
        if f.since and last < int(f.since.replace("-", "")) or f.until and first > int(f.until.replace("-", "")):
            continue
        key = {"activity": (-len(evs), -len({e.article for e in evs}), first, cid), "first_seen": (first, cid),
               "latest": (-last, cid)}[f.sort]
        out.append((key, cid))
    return [cid for _, cid in sorted(out)]


def _all_pages(store: Store, f: ClaimFilter, limit: int) -> list[dict]:
    items, cursor = claims_page(store, f, limit, None)
    while cursor:
        more, cursor = claims_page(store, f, limit, cursor)
        items += more
    return items


@pytest.mark.parametrize("sort", SORTS)
def test_claims_list_matches_a_scan_of_the_events(tmp_path: Path, sort: str) -> None:
    store, events, outlet_of = _store(tmp_path / "s.db")
    with store:
        filters = [ClaimFilter(sort=sort), ClaimFilter(sort=sort, action="denies"),
                   ClaimFilter(sort=sort, source_type="anonymous"), ClaimFilter(sort=sort, outlet="bay WIRE"),
                   ClaimFilter(sort=sort, since="2022-03-14"), ClaimFilter(sort=sort, until="2022-03-13"),
                   ClaimFilter(sort=sort, action="asserts", outlet="Harbor Times", since="2022-01-01")]
        for f in filters:
            for limit in (1, 3, 50):
                got = [item["id"] for item in _all_pages(store, f, limit)]
                assert got == _expected(events, outlet_of, f), (f, limit)
        assert store.claims_count() == len(events)


def test_items_carry_the_figures(tmp_path: Path) -> None:
    store, events, outlet_of = _store(tmp_path / "s.db")
    with store:
        items = {i["id"]: i for i in _all_pages(store, ClaimFilter(), 500)}
        for cid, evs in events.items():
            item = items[cid]
            assert item["events"] == len(evs)
            assert item["articles"] == len({e.article for e in evs})
            dates = sorted(e.date for e in evs if e.date)
            assert (item["first_date"], item["last_date"]) == ((dates[0], dates[-1]) if dates else (None, None))
            assert set(item["actions"]) == {e.action for e in evs}


def test_backfill_gives_what_replace_claims_wrote(tmp_path: Path) -> None:
    store, _events, _outlets = _store(tmp_path / "s.db")
    with store:
        sql = ("SELECT id, events, first_day, last_day, event_articles, action_bits, type_bits FROM claims ORDER BY id",
               "SELECT * FROM claim_outlets ORDER BY claim, outlet")
        written = [[tuple(r) for r in store.db.execute(q)] for q in sql]
        with store.db:
            store.db.execute("UPDATE claims SET events = 5, first_day = 1, last_day = 1, event_articles = 0, "
                             "action_bits = 0, type_bits = 0")
            store.db.execute("DELETE FROM claim_outlets")
            backfill_claim_figures(store.db)
        assert [[tuple(r) for r in store.db.execute(q)] for q in sql] == written


def test_replacing_a_claim_replaces_its_figures(tmp_path: Path) -> None:
    store, events, _outlets = _store(tmp_path / "s.db")
    with store:
        cid = next(c for c, evs in events.items() if evs)
        rng = random.Random(1)
        new = [_event(rng, cid, "a001")]
        new[0].date, new[0].action = "2030-01-01", "reports"
        store.replace_claims([cid], [{"id": cid, "text": "t", "articles": ["a001"], "statements": []}], new, "test")
        item = next(i for i in _all_pages(store, ClaimFilter(), 500) if i["id"] == cid)
        assert (item["events"], item["first_date"], item["actions"]) == (1, "2030-01-01", ["reports"])
        outlets = {r[0] for r in store.db.execute("SELECT outlet FROM claim_outlets WHERE claim = ?", (cid,))}
        expected = {o.casefold() for o in (_outlets["a001"], new[0].actor["name"] if new[0].actor["type"] == "outlet"
                                           else None) if o}
        assert outlets == expected
        store.reset_claims()
        assert store.db.execute("SELECT COUNT(*) FROM claim_outlets").fetchone()[0] == 0


def test_bad_cursor_for_the_sort_is_refused(tmp_path: Path) -> None:
    store, _, _ = _store(tmp_path / "s.db")
    with store:
        _items, cursor = claims_page(store, ClaimFilter(sort="activity"), 2, None)
        with pytest.raises(BadRequest):
            claims_page(store, ClaimFilter(sort="latest"), 2, cursor)


def test_list_queries_use_an_index(tmp_path: Path) -> None:
    store, _, _ = _store(tmp_path / "s.db")
    with store:
        for sort in SORTS:
            _items, cursor = claims_page(store, ClaimFilter(sort=sort), 2, None)
            assert cursor
        plan = store.db.execute("EXPLAIN QUERY PLAN SELECT id FROM claims WHERE -events >= ? AND "
                                "(-events, -event_articles, first_day, id) > (?, ?, ?, ?) ORDER BY -events, "
                                "-event_articles, first_day, id LIMIT 5", (-3, -3, -1, 0, "c")).fetchall()
        assert any("claims_activity" in str(tuple(r)) for r in plan)


def test_web_claims_list_reads_the_stored_figures(tmp_path: Path) -> None:
    pytest.importorskip("httpx")
    from starlette.testclient import TestClient

    from newstrace.web import create_app

    store, events, outlet_of = _store(tmp_path / "s.db")
    store.close()
    with TestClient(create_app(str(tmp_path / "s.db"))) as client:
        seen, url = [], "/api/claims?limit=7&sort=latest"
        while url:
            body = client.get(url).json()
            assert body["ok"], body
            seen += [item["id"] for item in body["items"]]
            url = f"/api/claims?limit=7&sort=latest&cursor={body['next']}" if body["next"] else None
        assert seen == _expected(events, outlet_of, ClaimFilter(sort="latest"))
        html = client.get("/claims?action=denies")
        assert html.status_code == 200 and "claim 1" in html.text
        assert client.get("/api/claims?sort=nope").status_code == 400
