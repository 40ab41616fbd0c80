"""The pages a first visit looks for: a speakers index, an articles list, readable API docs; the propagation graph's
edge labels never overlap and the graph scales to the page."""
from __future__ import annotations

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from newstrace.models import Article  # noqa: E402
from newstrace.store import Store  # noqa: E402
from newstrace.web import create_app  # noqa: E402
from newstrace.web._render import LABEL_CHAR_W, LABEL_H, graph  # noqa: E402


def _statement(sid: str, article: str, name: str) -> dict:
    return {"id": sid, "article": article, "source": "a.txt", "kind": "direct", "date": None, "date_text": None,
            "speaker": {"text": name, "name": name, "type": "person", "role": None, "affiliation": None,
                        "start": 0, "end": 5},
            "cue": {"text": "said", "lemma": "say", "start": 6, "end": 10},
            "content": {"text": "the harbor stays open", "start": 12, "end": 33}, "via": [], "confidence": 0.9}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("index") / "i.db")
    with Store(db) as store:
        for n, (ident, name) in enumerate((("aaaaaaaa11111111", "Rita Vance"), ("bbbbbbbb22222222", "Paul Byrne"))):
            article = Article(id=ident, source=f"{ident}.txt", title=f"Harbor story {n}", published=f"2024-05-0{n + 1}",
                              text="The harbor stays open, officials said.", extractor="test")
            store.add_article(article, [_statement(f"s{n}", ident, name)], "test")
    with TestClient(create_app(db)) as c:
        yield c


def test_speakers_index(client):
    page = client.get("/speakers")
    assert page.status_code == 200
    assert "Rita Vance" in page.text and "Paul Byrne" in page.text and 'href="/speakers/' in page.text
    empty = client.get("/speakers/", follow_redirects=False)
    assert empty.status_code == 308 and empty.headers["location"] == "/speakers"


def test_articles_list_newest_first(client):
    page = client.get("/articles")
    assert page.status_code == 200
    assert page.text.index("Harbor story 1") < page.text.index("Harbor story 0")
    assert client.get("/articles?cursor=garbage").status_code == 400


def test_readable_api_docs(client):
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "GET /api/claims" in page.text and "/openapi.json" in page.text
    assert 'href="/docs"' in client.get("/claims").text  # the nav's API link opens the readable page


def test_graph_edge_labels_never_overlap():
    hubs = [f"Outlet {i}" for i in range(6)]
    trail = {"events": [{"actor": {"name": h, "type": "outlet"}, "authority": []} for h in hubs + ["Source"]],
             "edges": [{"from": h, "to": "Source", "type": "repeats"} for h in hubs]
             + [{"from": hubs[0], "to": h, "type": "cites"} for h in hubs[1:]]}
    g = graph(trail)
    half = {id(e): len(e["type"]) * LABEL_CHAR_W // 2 for e in g["edges"]}
    boxes = [(e["lx"] - half[id(e)], e["ly"] - LABEL_H, e["lx"] + half[id(e)], e["ly"]) for e in g["edges"]]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or a[0] >= b[2] or a[3] <= b[1] or a[1] >= b[3], (a, b)
    assert max(e["ly"] for e in g["edges"]) <= g["height"]
