"""The ingest endpoint (``serve --allow-ingest``) against cross-origin writes, DNS rebinding and huge uploads, on the
real server (uvicorn on 127.0.0.1) where it matters (issue 12)."""
from __future__ import annotations

import socket
import time

import httpx
import pytest
from starlette.testclient import TestClient
from webhelpers import LiveServer

from newstrace.web import _ingest, create_app

PAGE = ("Council to reopen the old mill\n\nPublished 3 June 2024\n\n"
        "\"The mill will reopen in July,\" said Ada Brookson, the council's spokesperson.\n")


@pytest.fixture
def empty_db(tmp_path) -> str:
    from newstrace.store import Store

    path = str(tmp_path / "ingest.db")
    with Store(path):
        pass
    return path


@pytest.fixture
def server(empty_db):
    with LiveServer(empty_db, allow_ingest=True) as live:
        yield live


def post(server, headers: dict | None = None, name: str = "mill.txt", content: bytes = PAGE.encode()):
    return httpx.post(f"{server.url}/api/ingest", files={"file": (name, content, "text/plain")},
                      headers=headers or {}, timeout=60)


@pytest.mark.parametrize("headers", [
    {"Host": "evil.example"},  # DNS rebinding: the attacker's name, resolving to 127.0.0.1
    {"Host": "evil.example:{port}"},
    {"Host": "127.0.0.1:1"},  # a loopback name on another port
    {"Host": "127.0.0.1.evil.example:{port}"},
    {"Host": "user@127.0.0.1:{port}"},
    {"Origin": "https://evil.example"},  # a page the user visits, posting a form here
    {"Origin": "null"},  # a sandboxed frame or a file: page
    {"Origin": "http://localhost:{port}"},  # another origin than the Host
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
])
def test_cross_origin_and_foreign_host_writes_are_refused(server, headers):
    headers = {k: v.format(port=server.port) for k, v in headers.items()}
    r = post(server, headers)
    assert r.status_code == 403, r.text
    body = r.json()
    assert body["ok"] is False and body["status"] == 403 and body["error"].startswith("ingest refused")
    assert httpx.get(f"{server.url}/api/claims").json()["items"] == []  # nothing was written


def test_programs_and_same_origin_pages_may_write(server):
    r = post(server)  # curl, a script: neither Origin nor Sec-Fetch-Site
    assert r.status_code == 200, r.text
    assert r.json()["new"] == 1
    same = {"Origin": server.url, "Sec-Fetch-Site": "same-origin"}
    r = post(server, same, content=PAGE.encode() + b"\nA second paragraph for a second page.\n")
    assert r.status_code == 200, r.text
    r = post(server, {"Host": f"localhost:{server.port}"}, name="again.txt")
    assert r.status_code == 200 and r.json()["already"] == 1


def test_the_host_given_to_serve_on_is_allowed(empty_db):
    with LiveServer(empty_db, allow_ingest=True, host="news.lan") as live:
        assert post(live, {"Host": f"news.lan:{live.port}"}).status_code == 200
        assert post(live, {"Host": f"other.lan:{live.port}"}).status_code == 403


def test_declared_oversize_upload_is_refused_before_reading(server):
    """A 10 GB Content-Length gets its 413 at once: the server does not wait for (or keep) the body."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as conn:
        conn.sendall(f"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                     "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 10000000000\r\n\r\n".encode())
        reply = conn.recv(65536).decode("latin-1")
    assert reply.startswith("HTTP/1.1 413"), reply[:200]
    assert time.monotonic() - started < 10


def test_streamed_upload_past_the_cap_is_refused(server, monkeypatch):
    """A chunked body (no Content-Length) is counted as it arrives and refused once past the cap."""
    monkeypatch.setattr(_ingest, "MAX_UPLOAD_BYTES", 256 * 1024)
    boundary = "b0undary"

    def body():
        yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.html\"\r\n"
               "Content-Type: text/html\r\n\r\n").encode()
        for _ in range(64):
            yield b"x" * 65536  # 4 MB in all
        yield f"\r\n--{boundary}--\r\n".encode()

    try:
        r = httpx.post(f"{server.url}/api/ingest", content=body(), timeout=60,
                       headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    except httpx.TransportError:  # the server may close the connection while the client still sends
        return
    assert r.status_code == 413, r.text
    assert r.json()["error"].startswith("upload larger than")


@pytest.mark.parametrize("name", ["..", ".", "/", "../../../etc/passwd", "a" * 400 + ".txt", "x\x00y.txt", ""])
def test_odd_upload_names_never_500(empty_db, name):
    with TestClient(create_app(empty_db, allow_ingest=True)) as client:
        r = client.post("/api/ingest", files={"file": (name, PAGE.encode(), "text/plain")})
    assert r.status_code in (200, 400), r.text
    if r.status_code == 200:
        assert r.json()["ok"] is True


def test_upload_name_helper():
    assert _ingest.upload_name("..") == "page.html"
    assert _ingest.upload_name("../../etc/passwd") == "passwd"
    assert _ingest.upload_name("C:\\Users\\me\\page.htm") == "page.htm"
    assert _ingest.upload_name("a" * 400 + ".warc.gz").endswith(".warc.gz")
    assert len(_ingest.upload_name("é" * 400).encode()) <= _ingest.MAX_NAME_BYTES


def test_ingest_stays_off_without_the_flag(empty_db):
    with TestClient(create_app(empty_db)) as client:
        assert client.post("/api/ingest", files={"file": ("a.txt", b"x", "text/plain")}).status_code in (404, 405)


@pytest.mark.parametrize("headers,allowed", [
    ({"host": "[::1]:8000"}, True), ({"host": "LOCALHOST:8000"}, True), ({"host": "127.0.0.1:8000"}, True),
    ({"host": "127.0.0.1:8000", "origin": "http://127.0.0.1:8000", "sec-fetch-site": "same-origin"}, True),
    ({"host": "127.0.0.1:8000", "sec-fetch-site": "none"}, True),  # typed in the address bar
    ({}, False), ({"host": "localhost"}, False), ({"host": "127.0.0.1:abc"}, False),
    ({"host": "127.0.0.1:8000/x"}, False),
    ({"host": "127.0.0.1:8000", "origin": "http://127.0.0.1:8000.evil.example"}, False),
])
def test_write_refusal_rules(headers, allowed):
    scope = {"server": ("127.0.0.1", 8000), "scheme": "http"}
    assert (_ingest.write_refusal(headers, scope, None) is None) == allowed
