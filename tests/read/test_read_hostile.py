"""Hostile inputs to the reader (issue 12): each ends in seconds with Documents or a one-line Reject, never a hang or a
traceback. Every input is made by the test itself."""
from __future__ import annotations

import json
import os
import threading
import time
import zlib

import pytest
from helpers import ARTICLE_HTML, warc_bytes

from newstrace.models import Document
from newstrace.read import Reject, iter_documents
from newstrace.read._sources import MAX_REASON_CHARS

# Generous for a shared 2-core machine: every case here takes well under a second once fixed; the failures they
# guard against took minutes (or never ended).
BOUND_S = 20


def read(*inputs, **kw) -> list:
    return list(iter_documents([str(i) for i in inputs], **kw))


def read_bounded(*inputs, **kw) -> list:
    """``read`` in a thread, failing (instead of hanging the suite) when it takes longer than BOUND_S."""
    out: list = []
    worker = threading.Thread(target=lambda: out.extend(read(*inputs, **kw)), daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(BOUND_S)
    assert not worker.is_alive(), f"reading took more than {BOUND_S} s"
    assert time.monotonic() - started < BOUND_S
    return out


def gzip_of_zeros(size: int) -> bytes:
    """``head -c SIZE /dev/zero | gzip``, made in memory (about 1000:1)."""
    packer = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size >> 20)]
    return b"".join(parts) + packer.flush()


def assert_one_line_reject(item, source_part: str) -> None:
    assert isinstance(item, Reject), item
    assert source_part in item.source
    assert "\n" not in item.reason and len(item.reason) <= MAX_REASON_CHARS
    assert "\n" not in item.message()


@pytest.mark.parametrize("name", ["zeros.warc.gz", "zeros.gz"])
def test_gzipped_zeros_named_as_a_crawl_or_not_end_in_a_short_reject(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(gzip_of_zeros(512 << 20))  # 512 MB of zeros in 0.5 MB: the case was 10 GB in 10 MB
    items = read_bounded(path)
    assert len(items) == 1
    assert_one_line_reject(items[0], name)


@pytest.mark.parametrize("head,reason", [(b"", "not a WARC or ARC file"),
                                         (b"WARC/1.0\r\n", "header line longer than")])
def test_plain_warc_of_zeros_ends_in_a_short_reject(tmp_path, head, reason):
    path = tmp_path / "zeros.warc"
    with open(path, "wb") as out:
        out.write(head)
        out.truncate(50 << 20)  # 50 MB of zeros (sparse)
    (item,) = read_bounded(path)
    assert_one_line_reject(item, "zeros.warc")
    assert reason in item.reason


def test_warc_header_of_endless_short_lines_is_refused(tmp_path):
    path = tmp_path / "lines.warc"
    path.write_bytes(b"WARC/1.0\r\n" + b"X-Filler: 1\r\n" * 200_000)  # 2.6 MB of header lines, no blank line
    (item,) = read_bounded(path)
    assert_one_line_reject(item, "lines.warc")


def test_good_records_before_a_zero_tail_are_kept(tmp_path):
    pages = [(f"https://a.example/{i}", ARTICLE_HTML.encode()) for i in range(2)]
    path = tmp_path / "tail.warc"
    path.write_bytes(warc_bytes(pages, extra_records=False) + bytes(5 << 20))
    items = read_bounded(path)
    assert [d.url for d in items if isinstance(d, Document)] == [u for u, _ in pages]
    assert_one_line_reject(items[-1], "tail.warc")


def test_gzip_layer_inflates_only_what_is_read(tmp_path):
    """A gzipped crawl is inflated as it is read: a good record followed by a bomb member still gives the record."""
    pages = [("https://a.example/ok", ARTICLE_HTML.encode())]
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(warc_bytes(pages, gzip=True, extra_records=False) + gzip_of_zeros(256 << 20))
    items = read_bounded(path)
    assert [d.url for d in items if isinstance(d, Document)] == ["https://a.example/ok"]
    assert_one_line_reject(items[-1], "mixed.warc.gz")


def test_reject_reason_is_one_capped_line():
    rejected = Reject("x", "truncated", "first line\nsecond line " + "0" * 10_000_000)
    assert len(rejected.reason) <= MAX_REASON_CHARS and "\n" not in rejected.reason
    assert rejected.reason.startswith("first line second line")


def test_fifo_in_a_folder_is_skipped_with_a_reject(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(ARTICLE_HTML, encoding="utf-8")
    os.mkfifo(folder / "b.html")  # nobody ever writes to it: opening it to read would block for ever
    items = read_bounded(folder)
    assert [type(i).__name__ for i in items] == ["Document", "Reject"]
    assert items[1].kind == "unreadable" and "FIFO" in items[1].reason and items[1].source.endswith("b.html")


def test_a_fifo_named_on_the_command_line_is_still_read(tmp_path):
    """``newstrace extract <(zcat pages.gz)`` passes a pipe by name: read it like cat would."""
    path = tmp_path / "pipe.html"
    os.mkfifo(path)

    def write() -> None:
        with open(path, "wb") as out:
            out.write(ARTICLE_HTML.encode())

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    (doc,) = read_bounded(path)
    writer.join(BOUND_S)
    assert isinstance(doc, Document) and doc.content == ARTICLE_HTML.encode()


def test_file_name_with_non_utf8_bytes(tmp_path):
    raw = os.fsencode(str(tmp_path)) + b"/a\xff.html"
    with open(raw, "wb") as out:
        out.write(ARTICLE_HTML.encode())
    for found in (read(tmp_path), read(os.fsdecode(raw))):  # through a folder, and named
        (doc,) = found
        assert isinstance(doc, Document) and doc.source.endswith("a\\xff.html")
        doc.source.encode("utf-8")  # printable and storable
    missing = os.fsdecode(os.fsencode(str(tmp_path)) + b"/gone\xfe.html")
    (rej,) = read(missing)
    assert rej.source.endswith("gone\\xfe.html") and rej.message().encode("utf-8")


@pytest.mark.parametrize("field,value", [("outlet", ["a"]), ("fetched_at", {}), ("url", 5), ("outlet", True)])
def test_jsonl_field_of_the_wrong_type_is_a_reject(tmp_path, field, value):
    path = tmp_path / "pages.jsonl"
    good = {"url": "https://a.example/1", "html": ARTICLE_HTML}
    path.write_text(json.dumps({**good, field: value}) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    bad, ok = read(path)
    assert_one_line_reject(bad, "pages.jsonl:1")
    assert f'"{field}" must be a string' in bad.reason
    assert isinstance(ok, Document)


def test_jsonl_body_that_is_not_a_string_and_lone_surrogates(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text('{"html": ["<p>x</p>"]}\n{"html": "<p>\\ud800 x</p>", "outlet": "A \\udc00"}\n', encoding="utf-8")
    bad, doc = read(path)
    assert_one_line_reject(bad, "pages.jsonl:1")
    assert isinstance(doc, Document) and doc.outlet.encode("utf-8") and doc.content.decode("utf-8")


@pytest.mark.parametrize("meta,reason", [
    ({"outlet": ["a"]}, '"outlet" must be a string'), ({"fetched_at": {}}, '"fetched_at" must be a string'),
    ({"kind": "pdf"}, '"kind" must be one of'), ([1, 2], "a sidecar is a JSON object"),
    ("just a string", "a sidecar is a JSON object")])
def test_bad_sidecar_is_a_reject_naming_it(tmp_path, meta, reason):
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    (tmp_path / "page.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (rej,) = read(page)
    assert_one_line_reject(rej, "page.meta.json")
    assert reason in rej.reason


def test_good_sidecar_still_gives_its_fields(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    (tmp_path / "page.html.meta.json").write_text(json.dumps({"outlet": "Harbor Times", "fetched_at": None,
                                                              "url": "https://h.example/a"}), encoding="utf-8")
    (doc,) = read(page)
    assert (doc.outlet, doc.url, doc.fetched_at) == ("Harbor Times", "https://h.example/a", None)
