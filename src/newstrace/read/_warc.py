"""WARC and WARC.gz: one Document per HTML response record; other records counted, not read."""
from __future__ import annotations

import io
import zlib
from typing import BinaryIO
from typing import Iterator

from ..models import Document

# Only these payloads are pages; images, scripts and JSON APIs in a crawl are skipped (and counted).
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


class _Gunzip(io.RawIOBase):
    """Multi-member gunzip that hands over every byte it could decompress and then notes a cut-off member
    (``truncated``), where gzip.GzipFile raises and loses the last block and warcio stops silently."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.pending = b""
        self.in_member = False
        self.done = False
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending and not self.done:
            chunk = self.raw.read(1 << 16)
            if not chunk:
                self.done = True
                self.truncated = self.in_member
                break
            self._feed(chunk)
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n

    def _feed(self, chunk: bytes) -> None:
        while chunk:
            self.in_member = True
            self.pending += self.unzip.decompress(chunk)
            if not self.unzip.eof:
                return
            chunk = self.unzip.unused_data
            self.unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self.in_member = False


def iter_warc(source: str, stream: BinaryIO, stats, outlet: str | None = None) -> Iterator:
    """Yield Documents for response records, streaming (crawl files are gigabytes); a truncated or corrupt
    tail gives one Reject after the good records."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from ._sources import MAX_PAGE_BYTES, Reject

    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    if head == b"\x1f\x8b":
        # Our own gzip layer: it raises EOFError on a cut-off member, where warcio would stop silently.
        stream = io.BufferedReader(_Gunzip(stream), buffer_size=1 << 16)
    records = ArchiveIterator(stream, arc2warc=True)
    position = 0
    try:
        for record in records:
            rtype = record.rec_type
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or ""
            if rtype != "response" or ctype.split(";")[0].strip().lower() not in _PAGE_TYPES:
                stats.warc_records_skipped += 1
                key = rtype if rtype != "response" else f"response {ctype.split(';')[0].strip() or 'untyped'}"
                stats.skipped_by_type[key] = stats.skipped_by_type.get(key, 0) + 1
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
            if getattr(record.raw_stream, "limit", 0) > 0 and len(payload) <= MAX_PAGE_BYTES:
                raise EOFError("record shorter than its Content-Length")
            position = records.get_record_offset()  # only after reading: it consumes the record
            where = f"{source}@{position}"
            if len(payload) > MAX_PAGE_BYTES:
                yield Reject(where, "too-large", f"record larger than {MAX_PAGE_BYTES // (1024 * 1024)} MiB")
                continue
            charset = None
            if "charset=" in ctype.lower():
                charset = ctype.lower().split("charset=", 1)[1].split(";")[0].strip().strip('"\'') or None
            kind = "text" if ctype.lower().startswith("text/plain") else "html"
            yield Document(source=where, content=payload, kind=kind, url=uri, outlet=outlet,
                           fetched_at=record.rec_headers.get_header("WARC-Date"), http_charset=charset)
        gunzip = getattr(stream, "raw", None)
        if isinstance(gunzip, _Gunzip):
            while stream.read(1 << 16):  # warcio may stop at a short read: read to the real end to know
                pass
        if getattr(gunzip, "truncated", False):
            raise EOFError("gzip stream ends inside a member")
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error, AttributeError, IndexError, KeyError) as exc:
        # warcio reports damage in many ways (some as AttributeError on a missing header); all mean "corrupt here"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        yield Reject(f"{source}@{position}", "truncated", f"truncated or corrupt WARC after offset {position} ({reason})")
