"""Every route of ``newstrace serve`` checks the Host header (DNS rebinding, issue 12): a page that makes its own name
resolve to 127.0.0.1 must not read pages, the API or static files. On the real server (uvicorn on 127.0.0.1)."""
from __future__ import annotations

import socket

import httpx
import pytest
from helpers import run_cli
from webhelpers import LiveServer

from newstrace.web import _hosts

ROUTES = ["/", "/claims", "/api/claims", "/openapi.json", "/static/style.css", "/favicon.ico", "/no/such/page"]
FOREIGN = ["evil.example", "evil.example:{port}", "127.0.0.1:1", "localhost:{port}.evil.example",
           "127.0.0.1.evil.example:{port}", "user@127.0.0.1:{port}", "news.lan:{port}"]


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory) -> str:
    from newstrace.store import Store

    path = str(tmp_path_factory.mktemp("hosts") / "hosts.db")
    with Store(path):
        pass
    return path


@pytest.fixture(scope="module")
def server(empty_db):
    with LiveServer(empty_db) as live:
        yield live


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("host", FOREIGN)
def test_a_foreign_host_is_refused_on_every_route(server, route, host):
    r = httpx.get(server.url + route, headers={"Host": host.format(port=server.port)}, timeout=30)
    assert r.status_code == 403, (route, host, r.status_code, r.text[:300])
    assert "is not this server" in r.text and len(r.content) < 5000  # a short error, nothing of what was asked for
    assert r.headers.get("x-frame-options") == "DENY"  # the security headers still come with it
    if route.startswith("/api/"):
        body = r.json()
        assert body["ok"] is False and body["status"] == 403 and body["error"].startswith("refused: Host")


@pytest.mark.parametrize("route", ROUTES[:-1])
@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}"])
def test_this_server_is_answered(server, route, host):
    r = httpx.get(server.url + route, headers={"Host": host.format(port=server.port)}, timeout=30)
    assert r.status_code == 200, (route, host, r.status_code, r.text[:300])


def test_no_host_header_is_refused(server):
    """HTTP/1.0 without a Host: nothing says which server was meant."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as conn:
        conn.sendall(b"GET /api/claims HTTP/1.0\r\n\r\n")
        reply = b""
        while chunk := conn.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 403") or reply.startswith(b"HTTP/1.0 403"), reply[:200]


def test_allowed_names_answer_on_any_port(empty_db):
    with LiveServer(empty_db, allow_hosts=["news.lan", "[fd00::5]"]) as live:
        for host in ("news.lan", f"news.lan:{live.port}", "NEWS.lan:443", "[fd00::5]:80"):
            r = httpx.get(f"{live.url}/api/claims", headers={"Host": host}, timeout=30)
            assert r.status_code == 200, (host, r.text)
        for host in ("other.lan", f"news.lan.evil.example:{live.port}", "127.0.0.1:1"):
            r = httpx.get(f"{live.url}/static/app.js", headers={"Host": host}, timeout=30)
            assert r.status_code == 403, (host, r.text)


def test_the_serve_option_takes_names_only(empty_db):
    run = run_cli("serve", "--db", empty_db, "--allow-host", "news.lan:8000")
    assert run.returncode == 1
    assert run.stderr.decode().strip().startswith("newstrace: --allow-host 'news.lan:8000'")


@pytest.mark.parametrize("host,ok", [
    ("127.0.0.1:8000", True), ("[::1]:8000", True), ("localhost:8000", True), ("localhost", False),
    ("127.0.0.1:8001", False), ("", False), (None, False), ("127.0.0.1:8000#x", False), ("127.0.0.1:abc", False),
    ("10.0.0.2:8000", True),  # the address the connection came in on (the server's own, from the socket)
    ("news.lan", True), ("news.lan:1", True), ("news.lan.evil.example", False),
])
def test_host_refusal_rules(host, ok):
    scope = {"server": ("10.0.0.2", 8000), "scheme": "http"}
    assert (_hosts.host_refusal(host, scope, None, _hosts.normalise_names(["News.lan"])) is None) == ok
