"""The web cases of the hostile corpus (tests/hostile_corpus.py OTHER_CASES "web/...", issue 12), against a real
server (uvicorn on 127.0.0.1): no request gets a 500, each gets its answer in bounded time."""
from __future__ import annotations

import asyncio
import base64
import http.client
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import httpx
import pytest
from webhelpers import LiveServer, free_port

from newstrace.web._data import encode_cursor

BOUND_S = 20  # any one request, on a loaded 2-core machine
REFUSED = 0  # "status" of a request the HTTP layer closed unanswered (a request line too long for it)


@dataclass
class Reply:
    status_code: int
    headers: dict[str, str]
    text: str

    def json(self):
        return json.loads(self.text)


def get(server, path: str, params: dict | None = None) -> Reply:
    """GET through http.client (httpx refuses URLs over 64 KB; the server must answer them all the same)."""
    if params:
        path += ("&" if "?" in path else "?") + urlencode(params)
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=BOUND_S + 10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        r = Reply(response.status, {k.lower(): v for k, v in response.getheaders()},
                  response.read().decode("utf-8", "replace"))
    except (ConnectionResetError, http.client.RemoteDisconnected):
        # uvicorn's HTTP parser (h11) refuses a request line over 16 KB before the app sees it
        assert len(path) > 16_000, path[:200]
        r = Reply(REFUSED, {}, "")
    finally:
        conn.close()
    assert time.monotonic() - started < BOUND_S, path[:200]
    assert r.status_code != 500, (path[:200], r.text[:500])
    return r


def raw_cursor(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.fixture(scope="module")
def ids(live_server) -> dict[str, str]:
    articles = get(live_server, "/api/search?q=China").json()["items"]
    speakers = [s for s in get(live_server, "/api/claims").json()["items"]]
    return {"article": articles[0]["id"], "claim": speakers[0]["id"]}


LIST_ROUTES = ["/api/claims", "/api/claims?sort=first_seen", "/api/claims?sort=latest", "/api/speakers/Zhao%20Lijian",
               "/api/search?q=China", "/claims", "/claims?sort=latest", "/articles", "/speakers",
               "/speakers/Zhao%20Lijian", "/search?q=China"]


def test_cursor_of_1e30_on_every_list_route(live_server, ids):
    routes = LIST_ROUTES + [f"/api/articles/{ids['article']}/statements"]
    cursors = [encode_cursor(10**30), encode_cursor(-10**30), encode_cursor(2**63), encode_cursor([10**30, 1]),
               encode_cursor([10**30, 10**30, 10**30, "x"]), encode_cursor([10**30, "x"]),
               encode_cursor([1, 1, 1, "c" * 10_000])]
    for route in routes:
        for cursor in cursors:
            sep = "&" if "?" in route else "?"
            r = get(live_server, f"{route}{sep}cursor={cursor}")
            assert r.status_code in (200, 400), (route, r.status_code)


def test_cursors_of_every_wrong_shape(live_server):
    deep: list = []
    for _ in range(900):
        deep = [deep]
    shapes = [1.5, True, None, "x", [], [[1]], {"a": 1}, [1.5, 1, 1, "x"], [True, 1], -1, "9" * 2000, deep,
              [1] * 1000, 1e308, [1, {"a": [2]}]]
    cursors = [raw_cursor(s) for s in shapes] + ["!!!", "%00", "A" * 100_000, "e30", "=" * 10, quote("é" * 100)]
    for route in LIST_ROUTES:
        for cursor in cursors:
            sep = "&" if "?" in route else "?"
            r = get(live_server, f"{route}{sep}cursor={cursor}")
            assert r.status_code in (200, 400, REFUSED), (route, cursor[:40], r.status_code)


@pytest.fixture(scope="module")
def app(demo_db):
    from newstrace.web import create_app

    return create_app(demo_db)


def asgi_get(app, path: str, params: dict) -> tuple[int, bytes]:
    """A GET straight into the ASGI app (HTTP clients refuse URLs over 64 KB; the app must answer them anyway)."""
    async def run() -> tuple[int, bytes]:
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
                 "path": path, "raw_path": path.encode(), "query_string": urlencode(params).encode(), "root_path": "",
                 "headers": [(b"host", b"127.0.0.1:8000")], "server": ("127.0.0.1", 8000),
                 "client": ("127.0.0.1", 50000)}
        sent: list[dict] = []

        async def receive() -> dict:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict) -> None:
            sent.append(message)

        await app(scope, receive, send)
        status = next(m["status"] for m in sent if m["type"] == "http.response.start")
        return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")

    return asyncio.run(run())


@pytest.mark.parametrize("length", [50_000, 50_001, 200_000])
def test_claims_query_of_50000_characters(live_server, app, length):
    """"LIKE or GLOB pattern too complex" was a 500. The app answers any length (called directly: uvicorn's h11
    parser closes a request line over 16 KB itself, and the real server must do no worse)."""
    for q in ("a" * length, "%" * length, "_" * length, ("Russia " * length)[:length]):
        for path in ("/api/claims", "/claims"):
            started = time.monotonic()
            status, body = asgi_get(app, path, {"q": q})
            assert status == 200 and time.monotonic() - started < BOUND_S, (path, body[:300])
        assert json.loads(asgi_get(app, "/api/claims", {"q": q})[1])["items"] == []
        assert get(live_server, "/api/claims", params={"q": q}).status_code in (200, REFUSED)
    q = "a" * 15_000  # as long as the real server takes
    assert get(live_server, "/api/claims", params={"q": q}).json()["items"] == []


def test_claims_query_wildcards_are_literal(live_server):
    everything = get(live_server, "/api/claims?limit=500").json()["items"]
    assert everything
    for q in ("%", "_", "%%", "\\", "\\%", "[a]"):
        assert get(live_server, "/api/claims", params={"q": q}).json()["items"] == [
            c for c in everything if q.lower() in c["text"].lower()]
    word = everything[0]["text"].split()[0]
    assert everything[0]["id"] in [c["id"] for c in get(live_server, "/api/claims",
                                                         params={"q": word.upper()}).json()["items"]]


def test_search_with_hostile_queries(live_server):
    for q in ("a" * 50_000, '"NEAR(( *', "*", "AND OR NOT", "\x00", "a" * 5 + '"' * 5000, "🎉" * 1_000):
        for path in ("/api/search", "/search"):
            r = get(live_server, path, params={"q": q})
            assert r.status_code in (200, 400, REFUSED), (q[:20], r.status_code)


def test_articles_id_does_not_match_by_like_wildcard(live_server, ids):
    for ident in ("______", "%%%%%%", "_" * 16, "%", ids["article"][:5] + "_", "\\_____", "a" * 60_000):
        for path in (f"/api/articles/{quote(ident)}", f"/articles/{quote(ident)}",
                     f"/api/articles/{quote(ident)}/statements"):
            r = get(live_server, path)
            assert r.status_code in (404, 400, REFUSED), (path[:60], r.status_code)
    assert get(live_server, f"/api/articles/{ids['article'][:6]}").status_code == 200


def test_wrong_method_gets_405_with_allow(live_server, ids):
    for path in ("/api/claims", f"/api/claims/{ids['claim']}", "/claims", "/api/search", "/", "/openapi.json"):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            r = httpx.request(method, live_server.url + path, timeout=BOUND_S)
            assert r.status_code == 405, (method, path, r.status_code)
            assert "GET" in r.headers.get("allow", ""), (method, path, dict(r.headers))
            assert r.headers.get("content-security-policy")


def test_paths_of_junk_never_500(live_server):
    junk = ["%00", "%ff%fe", "..%2f..%2fetc%2fpasswd", "a" * 10_000, "%25" * 1000, quote("🎉" * 500), "x%0d%0aSet-Cookie:a=b"]
    for prefix in ("/api/claims/", "/claims/", "/api/articles/", "/articles/", "/api/speakers/", "/speakers/",
                   "/static/", "/api/claims/x/claimreview?", "/api/claims/"):
        for part in junk:
            r = get(live_server, prefix + part)
            assert r.status_code in (200, 301, 307, 308, 400, 403, 404), (prefix, part[:20], r.status_code)
            assert "set-cookie" not in r.headers


def test_hostile_upload_names_on_a_real_server(tmp_path):
    from newstrace.store import Store

    db = str(tmp_path / "up.db")
    with Store(db):
        pass
    page = b"Council to reopen the old mill\n\nThe council said on Tuesday that the old mill would reopen in July.\n"
    with LiveServer(db, allow_ingest=True) as server:
        for n, name in enumerate(["..", "", "../../../etc/passwd", "x\x00y.txt\n.html"]):  # more: test_ingest_security
            r = httpx.post(f"{server.url}/api/ingest", files={"file": (name, page + str(n).encode(), "text/plain")},
                           timeout=60)
            assert r.status_code in (200, 400), (name, r.status_code, r.text[:300])
        r = httpx.post(f"{server.url}/api/ingest", files={"file": ("..", page, "text/plain")},
                       headers={"Origin": "https://evil.example"}, timeout=60)
        assert r.status_code == 403
        r = httpx.post(f"{server.url}/api/ingest", files={"file": ("..", page, "text/plain")},
                       headers={"Host": f"evil.example:{server.port}"}, timeout=60)
        assert r.status_code == 403


def _without_write_rights(args: list[str]) -> list[str]:
    """``args`` run so that file permissions hold: as root (who may write anything), with every capability dropped."""
    if os.geteuid() != 0:
        return args
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot take away the right to write")
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--", *args]


def test_a_database_the_user_cannot_write_is_readable(demo_db, tmp_path):
    """Issue 12: read commands said "not a newstrace database" (a WAL database in a folder the user cannot write:
    SQLite cannot make its shared-memory file). Every read command and the server work on it."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    db = folder / "news.db"
    shutil.copy(demo_db, db)
    os.chmod(db, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    try:
        probe = subprocess.run(_without_write_rights(["sh", "-c", f"touch '{folder}/x'"]), capture_output=True)
        assert probe.returncode != 0, "the folder is writable after all"
        for args in (["articles"], ["claims"], ["rejects"], ["search", "China"], ["statements"],
                     ["trail", "Russia asked China for military aid", "--format", "json"]):
            run = subprocess.run(_without_write_rights([sys.executable, "-m", "newstrace", *args, "--db", str(db)]),
                                 capture_output=True, env=env, timeout=120)
            assert run.returncode == 0, (args, run.stderr.decode()[-500:])
            assert run.stdout.strip() or args == ["rejects"], args  # (the demo database has no rejects)
        port = free_port()
        server = subprocess.Popen(_without_write_rights([sys.executable, "-m", "newstrace", "serve", "--db", str(db),
                                                         "--port", str(port)]),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    r = httpx.get(f"http://127.0.0.1:{port}/api/claims", timeout=10)
                    break
                except httpx.TransportError:
                    assert server.poll() is None, server.stderr.read().decode()[-2000:]
                    assert time.monotonic() < deadline, "the server did not start"
                    time.sleep(0.2)
            assert r.status_code == 200 and r.json()["items"], r.text[:300]
            assert httpx.get(f"http://127.0.0.1:{port}/", timeout=10).status_code == 200
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        assert sorted(os.listdir(folder)) == ["news.db"]
    finally:
        os.chmod(folder, stat.S_IRWXU)
        os.chmod(db, stat.S_IRUSR | stat.S_IWUSR)
