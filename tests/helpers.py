"""Shared test helpers and fixtures: small pages written for the tests (never copies of evaluation data)."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_ca9909e05512322e.txt"
EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "newstrace" / "examples"

ARTICLE_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ferry line to Saltmere will close in June, council says | Harbor Times</title>
<meta property="og:site_name" content="Harbor Times">
<meta property="article:published_time" content="2024-05-02T09:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry line to Saltmere will close in June, council says</h1>
<p>The council said on Thursday that the ferry line between Saltmere and the islands will close in June after
forty years of service, citing falling passenger numbers and rising fuel costs.</p>
<p>"We kept it running as long as we could," council member Rita Vance told reporters at the harbor.</p>
<p>Islanders said they had not been consulted and would petition the regional government to keep the service.</p>
</article><footer>© Harbor Times</footer></body></html>"""


def warc_bytes(pages: list[tuple[str, bytes]], gzip: bool = False, extra_records: bool = True) -> bytes:
    """A WARC with a response record per (url, html) and, optionally, a request and a non-HTML response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, html in pages:
        if extra_records:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers))
    if extra_records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/a.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG...."), http_headers=headers))
    return buffer.getvalue()


def cut_inside_member(data: bytes, fraction: float) -> bytes:
    """``data`` cut near ``fraction`` of its length but never on a gzip member boundary: a WARC.gz cut exactly between
    records is a valid, shorter WARC, not a truncated one."""
    import zlib

    bounds, pos = set(), 0
    while pos < len(data):
        unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
        unzip.decompress(data[pos:])
        pos = len(data) - len(unzip.unused_data)
        bounds.add(pos)
    cut = int(len(data) * fraction)
    while cut in bounds:
        cut -= 7
    return data[:cut]


def numbered_page(n: int, topic: str = "harbor") -> str:
    """A distinct article page (no two share a paragraph, so duplicate removal keeps them whole)."""
    paras = "".join(
        f"<p>Paragraph {i} of story {n}: the {topic} committee heard witness {i * 7 + n} describe the events of "
        f"day {i} in detail, and members asked follow-up questions about the costs involved.</p>"
        for i in range(6))
    return (f"<html><head><title>Story {n} about the {topic}</title></head><body><article><h1>Story {n} about the {topic}</h1>"
            f"{paras}</article></body></html>")


def run_cli(*args: str, input: bytes | None = None, cwd: str | None = None, timeout: int = 120):
    """Run the real ``newstrace`` command in a subprocess."""
    return subprocess.run([sys.executable, "-m", "newstrace", *args], input=input, capture_output=True,
                          cwd=cwd, timeout=timeout, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


@pytest.fixture
def page_file(tmp_path):
    path = tmp_path / "ferry.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    return path


@pytest.fixture
def seed_path():
    if not SEED.exists():
        pytest.skip("../shared/seed not present")
    return SEED
