"""The JSON API and the HTML pages through the real app (Starlette TestClient) on a demo database."""
from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pytest
from webhelpers import XSS_CLAIM, XSS_ID

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from newstrace.web import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client(demo_db):
    with TestClient(create_app(demo_db)) as c:
        yield c


@pytest.fixture(scope="module")
def seed_article(client, seed_claim):
    trail = client.get(f"/api/claims/{seed_claim}").json()
    return trail["events"][0]["article"]


def _all_pages(client, url: str) -> list[dict]:
    items, cursor = [], None
    while True:
        sep = "&" if "?" in url else "?"
        r = client.get(url + (f"{sep}cursor={cursor}" if cursor else ""))
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["ok"] is True and set(body) == {"ok", "items", "next"}
        items += body["items"]
        cursor = body["next"]
        if not cursor:
            return items


def test_seed_trail(client, seed_claim):
    trail = client.get(f"/api/claims/{seed_claim}").json()
    assert trail["claim"]["id"] == seed_claim
    by_actor = {(e["actor"]["name"], e["action"]) for e in trail["events"]}
    assert ("New York Times", "asserts") in by_actor
    assert ("Financial Times", "repeats") in by_actor and ("Washington Post", "repeats") in by_actor
    assert ("Zhao Lijian", "denies") in by_actor
    nyt = next(e for e in trail["events"] if e["actor"]["name"] == "New York Times")
    assert any(a["type"] == "anonymous" for a in nyt["authority"])
    assert trail["delay_to_first_denial"] == 1
    assert {"from": "Zhao Lijian", "to": "New York Times", "type": "denies"} in trail["edges"]


def test_claims_list_pagination_has_no_cap(client):
    everything = _all_pages(client, "/api/claims?limit=500")
    paged = _all_pages(client, "/api/claims?limit=1")
    assert [c["id"] for c in paged] == [c["id"] for c in everything]
    assert len(everything) == len({c["id"] for c in everything}) >= 3
    for sort in ("first_seen", "latest"):
        ids = [c["id"] for c in _all_pages(client, f"/api/claims?limit=2&sort={sort}")]
        assert sorted(ids) == sorted(c["id"] for c in everything)
    firsts = [c["first_date"] for c in _all_pages(client, "/api/claims?sort=first_seen&limit=3") if c["first_date"]]
    assert firsts == sorted(firsts)


def test_claims_filters(client, seed_claim):
    denied = _all_pages(client, "/api/claims?action=denies")
    assert seed_claim in {c["id"] for c in denied} and all("denies" in c["actions"] for c in denied)
    anonymous = _all_pages(client, "/api/claims?type=anonymous")
    assert seed_claim in {c["id"] for c in anonymous}
    assert seed_claim in {c["id"] for c in _all_pages(client, "/api/claims?outlet=new%20york%20times")}
    assert seed_claim not in {c["id"] for c in _all_pages(client, "/api/claims?outlet=Coastline%20Courier")}
    in_2022 = _all_pages(client, "/api/claims?since=2022-01-01&until=2022-12-31")
    assert seed_claim in {c["id"] for c in in_2022}
    assert all(c["first_date"] <= "2022-12-31" for c in in_2022)
    assert seed_claim not in {c["id"] for c in _all_pages(client, "/api/claims?since=2024-01-01")}
    found = _all_pages(client, "/api/claims?q=military%20equipment")
    assert [c["id"] for c in found] == [seed_claim]


def test_exports_stream_every_row(client):
    everything = _all_pages(client, "/api/claims")
    r = client.get("/api/claims?format=csv&limit=1")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["id"] for row in rows] == [c["id"] for c in everything]
    r = client.get("/api/claims?format=jsonl&limit=1")
    assert r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in r.text.splitlines()]
    assert lines == everything


def test_claim_exports(client, seed_claim):
    r = client.get(f"/api/claims/{seed_claim}.graphml")
    assert r.status_code == 200 and "graphml" in r.headers["content-type"]
    assert "<graphml" in r.text and "Zhao Lijian" in r.text
    r = client.get(f"/api/claims/{seed_claim}/claimreview")
    body = r.json()
    assert body["@type"] == "Claim" and body["author"]["name"] == "New York Times"
    assert "reviewRating" not in json.dumps(body)


def test_article_and_statements(client, seed_article):
    article = client.get(f"/api/articles/{seed_article}").json()
    for key in ("id", "source", "url", "outlet", "title", "published", "authors", "labels", "text", "captions",
                "related", "comments", "first_seen"):
        assert key in article
    assert article["outlet"] is None  # never invented
    statements = _all_pages(client, f"/api/articles/{seed_article}/statements?limit=2")
    assert statements and all(s["article"] == seed_article for s in statements)
    starts = [s["content"]["start"] for s in statements]
    assert starts == sorted(starts)
    assert client.get(f"/api/articles/{seed_article[:8]}").json()["id"] == seed_article  # a unique prefix
    r = client.get(f"/api/articles/{seed_article}/statements?format=csv")
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == len(statements)


def test_speaker(client):
    items = _all_pages(client, "/api/speakers/zhao%20lijian?limit=1")
    assert items and all(s["speaker"]["name"] == "Zhao Lijian" for s in items)
    assert client.get("/api/speakers/Nobody%20At%20All").json() == {"ok": True, "items": [], "next": None}


def test_search(client):
    items = _all_pages(client, "/api/search?q=harbor&limit=1")
    assert len(items) >= 3
    assert all("[" in h["snippet"] for h in items)
    assert any(hit for h in items for _, hit in h["marked"])
    # FTS syntax errors fall back to a phrase search rather than failing
    assert client.get('/api/search?q=%22unbalanced%20(').status_code == 200
    assert client.get("/api/search?q=AND").status_code == 200


ERROR_CASES = [
    ("/api/claims/nope", 404), ("/api/claims/nope.graphml", 404), ("/api/claims/nope/claimreview", 404),
    ("/api/articles/nope", 404), ("/api/articles/nope/statements", 404), ("/api/nothing/here", 404),
    ("/api/claims?limit=0", 400), ("/api/claims?limit=x", 400), ("/api/claims?limit=100000", 400),
    ("/api/claims?cursor=%25%25", 400), ("/api/claims?cursor=WzFd", 400), ("/api/claims?sort=size", 400),
    ("/api/claims?action=likes", 400), ("/api/claims?type=robot", 400), ("/api/claims?since=yesterday", 400),
    ("/api/claims?format=xml", 400), ("/api/search", 400), ("/api/search?q=%20", 400),
    ("/api/search?q=a&cursor=WyJ4Il0", 400), ("/api/speakers/x?cursor=Wzld", 400),
]


@pytest.mark.parametrize("url,status", ERROR_CASES)
def test_api_errors_share_one_envelope(client, url, status):
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status and isinstance(body["error"], str) and body["error"]


def test_method_not_allowed_and_500_use_the_envelope(demo_db, monkeypatch, seed_claim):
    from newstrace.web import _data

    with TestClient(create_app(demo_db), raise_server_exceptions=False) as c:
        r = c.post("/api/claims")
        assert r.status_code == 405 and r.json() == {"ok": False, "error": r.json()["error"], "status": 405}
        monkeypatch.setattr(_data, "trail", lambda *a: 1 / 0)
        r = c.get(f"/api/claims/{seed_claim}")
        assert r.status_code == 500 and r.json() == {"ok": False, "error": "internal error", "status": 500}
        assert "ZeroDivision" not in r.text
        r = c.get(f"/claims/{seed_claim}")
        assert r.status_code == 500 and r.headers["content-type"].startswith("text/html")
        assert "content-security-policy" in r.headers


def test_html_errors_are_pages(client):
    r = client.get("/claims/nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "<h1>Error 404</h1>" in r.text
    assert client.get("/claims?limit=-1").status_code == 400


def test_every_page_renders(client, seed_claim, seed_article):
    for url in ("/", "/claims", "/claims?sort=first_seen&action=denies&type=anonymous", f"/claims/{seed_claim}",
                f"/articles/{seed_article}", "/speakers/Zhao%20Lijian", "/search?q=harbor", "/search",
                "/static/style.css", "/static/app.js"):
        r = client.get(url)
        assert r.status_code == 200, url
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp


def test_claim_page_links_marks_to_evidence(client, seed_claim):
    html = client.get(f"/claims/{seed_claim}").text
    assert "New York Times" in html and "Financial Times" in html and "Washington Post" in html
    assert "Zhao Lijian" in html and "first denial 1 day after the first assertion" in html
    for i in range(5):
        assert f'href="#ev-{i}"' in html and f'id="ev-{i}"' in html
    assert 'class="mark act-asserts reported' in html  # hollow: reported by another article
    assert 'class="mark act-denies observed' in html  # filled: the article's own voice
    assert '<mark class="hl-cue">rejected</mark>' in html
    assert '<mark class="hl-speaker">Chinese Foreign Affairs Ministry Spokesperson Zhao Lijian</mark>' in html
    assert "<svg class=\"graph\"" in html and "edge-denies" in html and "edge-cites" in html


def test_hostile_text_is_escaped(client):
    for url in (f"/articles/{XSS_ID}", f"/claims/{XSS_CLAIM}", "/speakers/" + quote("Mallory <b>Bold</b>", safe=""),
                "/search?q=pwned", "/claims?q=harmless", "/search?q=%3Cscript%3E"):
        html = client.get(url).text
        assert "<script>window" not in html, url
        assert "<b>Bold</b>" not in html and "<img src=x" not in html, url
        assert 'href="javascript:' not in html, url
    html = client.get(f"/articles/{XSS_ID}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "javascript:window.__pwned=6" in html  # the stored URL is shown as text, not linked


def test_openapi_document(client):
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/claims", "/api/claims/{id}", "/api/claims/{id}.graphml", "/api/claims/{id}/claimreview",
                 "/api/articles/{id}", "/api/articles/{id}/statements", "/api/speakers/{name}", "/api/search"):
        op = spec["paths"][path]["get"]
        assert "200" in op["responses"] and "404" in op["responses"]
    assert "/api/ingest" not in spec["paths"]


def test_ingest_endpoint_only_when_allowed(db_copy, client, tmp_path):
    assert client.post("/api/ingest").status_code in (404, 405)
    with TestClient(create_app(db_copy, allow_ingest=True)) as c:
        assert "/api/ingest" in c.get("/openapi.json").json()["paths"]
        page = ("Council to reopen the old mill\n\nPublished 3 June 2024\n\n"
                "\"The mill will reopen in July,\" said Ada Brookson, the council's spokesperson.\n")
        r = c.post("/api/ingest", files={"file": ("mill.txt", page.encode(), "text/plain")},
                   data={"outlet": "Mill Gazette"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["ok"] and body["new"] == 1
        article = c.get(f"/api/articles/{body['article']}").json()
        assert article["outlet"] == "Mill Gazette"
        assert c.post("/api/ingest", data={"x": "1"}).json()["status"] == 400


def test_fast_trail_matches_build_trail(demo_db):
    from newstrace.store import Store
    from newstrace.trail import build_trail
    from newstrace.web._data import trail

    with Store(demo_db, readonly=True) as store:
        for claim in store.claims():
            slow, fast = build_trail(store, claim["id"]), trail(store, claim["id"])
            assert fast["claim"] == slow["claim"] and fast["events"] == slow["events"]
            assert fast["delay_to_first_denial"] == slow["delay_to_first_denial"]
            key = lambda e: (e["from"], e["to"], e["type"])  # noqa: E731
            assert sorted(fast["edges"], key=key) == sorted(slow["edges"], key=key)
        assert trail(store, "no-such-claim") is None
