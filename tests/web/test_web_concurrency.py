"""The server keeps answering while `newstrace ingest` writes 1,000 pages into the same database file."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from _webpages import write_pages
from webhelpers import LiveServer

httpx = pytest.importorskip("httpx")

PAGES = 1000


def test_server_answers_during_a_1000_page_ingest(db_copy, tmp_path, seed_claim):
    pages = tmp_path / "pages"
    write_pages(pages, PAGES)
    results: list[tuple[str, int, str]] = []
    with LiveServer(db_copy) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        before = client.get("/api/search", params={"q": "reopen", "limit": 500}).json()["items"]
        ingest = subprocess.Popen([sys.executable, "-m", "newstrace", "ingest", str(pages), "--db", db_copy, "--quiet"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        urls = ["/api/claims?limit=20", "/claims", f"/api/claims/{seed_claim}", f"/claims/{seed_claim}",
                "/api/search?q=reopen&limit=5", "/api/claims?sort=latest&limit=5&format=csv",
                "/api/speakers/Zhao%20Lijian"]
        deadline = time.time() + 900
        try:
            while ingest.poll() is None and time.time() < deadline:
                for url in urls:
                    r = client.get(url)
                    results.append((url, r.status_code, r.text[:200] if r.status_code != 200 else ""))
                top = client.get("/api/claims?limit=1&sort=latest").json()["items"]
                if top:
                    r = client.get(f"/api/claims/{top[0]['id']}")
                    results.append(("/api/claims/<latest>", r.status_code, r.text[:200] if r.status_code != 200 else ""))
        finally:
            if ingest.poll() is None:
                ingest.kill()
            out, err = ingest.communicate(timeout=60)
        assert ingest.returncode == 0, err.decode()[-2000:]
        after = client.get("/api/search", params={"q": "reopen", "limit": 500}).json()
        found = len(after["items"]) + (500 if after["next"] else 0)
    failures = [r for r in results if r[1] != 200]
    assert not failures, failures[:5]
    assert len(results) >= 20, "the server was polled throughout the ingest"
    assert not any("locked" in text for _, _, text in results)
    assert found >= len(before) + 500  # the new pages are visible to the server
