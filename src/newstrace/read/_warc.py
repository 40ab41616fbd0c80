"""WARC and WARC.gz: one Document per HTML response record; other records counted, not read."""
from __future__ import annotations

import io
import zlib
from typing import BinaryIO
from typing import Iterator

from ..models import Document

# Only these payloads are pages; images, scripts and JSON APIs in a crawl are skipped (and counted).
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


# A WARC or HTTP header line longer than this, or a record's header lines adding up to more, is damage, not a
# header: warcio reads a line to its end however long, by repeated concatenation, so a .warc.gz of 10 GB of zeros
# (10 MB on disk) ran for minutes and made a 200 MB reject reason. Real header lines are under 8 KiB (the usual
# HTTP server limit); 64 KiB and 1 MiB leave room for long cookies and URLs.
MAX_HEADER_LINE = 64 * 1024
MAX_HEADER_BYTES = 1024 * 1024


class _Gunzip(io.RawIOBase):
    """Multi-member gunzip that hands over every byte it could decompress and then notes a cut-off member
    (``truncated``), where gzip.GzipFile raises and loses the last block and warcio stops silently. It inflates no
    more than each read asks for, so a bomb (1000:1 for zeros) never sits whole in memory."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.tail = b""  # compressed bytes read but not yet inflated
        self.in_member = False
        self.done = False
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while True:
            if not self.tail:
                if self.done:
                    return 0
                self.tail = self.raw.read(1 << 16)
                if not self.tail:
                    self.done = True
                    self.truncated = self.in_member
                    return 0
            self.in_member = True
            out = self.unzip.decompress(self.tail, len(buffer))
            self.tail = self.unzip.unconsumed_tail
            if self.unzip.eof:  # the member ends: what follows is the next member
                self.tail = self.unzip.unused_data + self.tail
                self.unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self.in_member = False
            if out:
                buffer[: len(out)] = out
                return len(out)


def _bounded_reader(fileobj, block_size: int):
    """warcio's line reader with a bound on header lines (see MAX_HEADER_LINE), read in linear time."""
    from warcio.bufferedreaders import DecompressingBufferedReader

    class BoundedReader(DecompressingBufferedReader):
        header_bytes = 0  # header bytes read for the current record (iter_warc resets it per record)

        def readline(self, length=None):
            if length == 0:
                return b""
            cap = MAX_HEADER_LINE + 1 if length is None else min(length, MAX_HEADER_LINE + 1)
            parts: list[bytes] = []
            got = 0
            while got < cap:
                self._fillbuff()
                if self.empty():
                    break
                part = self.buff.readline(cap - got)
                parts.append(part)
                got += len(part)
                if part.endswith(b"\n"):
                    break
            line = b"".join(parts)
            if got > MAX_HEADER_LINE:
                raise ValueError(f"a header line longer than {MAX_HEADER_LINE // 1024} KiB")
            self.header_bytes += got
            if self.header_bytes > MAX_HEADER_BYTES:
                raise ValueError(f"record headers larger than {MAX_HEADER_BYTES // (1024 * 1024)} MiB")
            return line

    return BoundedReader(fileobj, block_size=block_size)


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
    records.reader = _bounded_reader(records.fh, records.reader.block_size)  # before the first record is read
    position = 0
    try:
        for record in records:
            records.reader.header_bytes = 0
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
            # where this record starts (what get_record_offset() gives, without reading on into the next record,
            # whose damage must not cost this one)
            position = records.offset
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
