"""WARC and WARC.gz: one Document per HTML response record; other records counted, not read."""
from __future__ import annotations

import contextlib
import io
import logging
import re
import zlib
from typing import BinaryIO
from typing import Iterator

from ..models import Document

# warcio logs a WARNING for a Target-URI with spaces (and fixes it); with no handler set, Python's last-resort handler
# printed it to stderr, between newstrace's one-line messages. The URI is fixed all the same.
logging.getLogger("warcio").addHandler(logging.NullHandler())

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
    more than each read asks for, so a bomb (1000:1 for zeros) never sits whole in memory. Bytes that are not gzip
    (garbage between or after members, a corrupt member) end the stream as if it ended there, noted in ``damage``;
    ``resync`` reads on from the next gzip member. ``start``: where its output starts in the archive's
    decompressed bytes, ``produced``: how much it has handed over."""

    def __init__(self, raw: BinaryIO, start: int = 0):
        self.raw = raw
        self.unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.tail = b""  # compressed bytes read but not yet inflated
        self.in_member = False
        self.done = False
        self.truncated = False
        self.damage: str | None = None
        self.start, self.produced = start, 0

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
            if self.done:  # damaged: the rest waits for resync
                return 0
            self.in_member = True
            try:
                out = self.unzip.decompress(self.tail, len(buffer))
            except zlib.error as exc:
                self.damage, self.done = f"corrupt gzip data ({exc})", True
                return 0
            self.tail = self.unzip.unconsumed_tail
            if self.unzip.eof:  # the member ends: what follows is the next member
                # unused_data alone: when the member ends just as the output is full, zlib leaves the same leftover
                # bytes in unconsumed_tail too, and adding both doubled them (a 10 GB multi-member .gz of zeros grew
                # its tail without end)
                self.tail = self.unzip.unused_data
                self.unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self.in_member = False
            if out:
                buffer[: len(out)] = out
                self.produced += len(out)
                return len(out)

    def resync(self) -> "io.BufferedReader | None":
        """After damage: the stream from the next gzip member header on (looked for in at most MAX_RESYNC_BYTES),
        or None."""
        window, scanned = self.tail[1:], 0
        while True:
            at = window.find(_GZIP_MEMBER)
            if at >= 0:
                rest = io.BufferedReader(_Rest(window[at:], self.raw), buffer_size=1 << 16)
                return io.BufferedReader(_Gunzip(rest, self.start + self.produced), buffer_size=1 << 16)
            if scanned + len(window) > MAX_RESYNC_BYTES:
                return None
            more = self.raw.read(1 << 20)
            if not more:
                return None
            keep = window[-2:]
            scanned += len(window) - len(keep)
            window = keep + more


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


# After a damaged record, reading goes on at the next line that starts a WARC record ("WARC/1.0"), looked for in at
# most this many bytes of damage (a crawl of zeros is not scanned to its end).
MAX_RESYNC_BYTES = 64 * 1024 * 1024
_RECORD_START = re.compile(rb"(?:^|\n)(WARC/\d\.\d+\r?\n)")
_GZIP_MEMBER = b"\x1f\x8b\x08"
# Damaged stretches one archive may hold before the rest of it is given up (each is one reject).
MAX_DAMAGES = 100


class _Damage(Exception):
    """A record warcio would read wrongly (no WARC-Type or Content-Length, or bytes where the blank lines after a
    record should be): raised to end that iterator and read on from the next record."""


class _Rest(io.RawIOBase):
    """``head`` bytes, then the rest of ``stream``: what follows a damaged record, from the next record start on;
    ``tell`` counts from the start of ``head`` (warcio's offsets)."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self.head, self.stream, self.pos = head, stream, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n] = self.head[:n]
            self.head = self.head[n:]
        else:
            data = self.stream.read(len(buffer))
            n = len(data)
            buffer[:n] = data
        self.pos += n
        return n

    def tell(self) -> int:
        return self.pos


def _blank_lines_only(iterator):
    """warcio's reader of the blank lines between records, which writes a multi-line WARNING to stderr when it meets
    anything else (a Content-Length that was wrong) and reads on inside the damage: here that is damage."""
    def consume():
        empty = 0
        while True:
            line = iterator.reader.readline()
            if not line:
                return None, empty
            if line.strip():
                if empty == 0:
                    raise _Damage("bytes after a record where a blank line belongs (a wrong Content-Length?)")
                return line, empty
            empty += len(line)

    return consume


def iter_warc(source: str, stream: BinaryIO, stats, outlet: str | None = None) -> Iterator:
    """Yield Documents for response records, streaming (crawl files are gigabytes). A damaged record, or bytes that
    are not gzip between members, give one Reject and reading goes on at the next record (or member); a truncated
    tail gives one Reject after the good records; an archive holding no page at all gives one Reject that says so."""
    from ._sources import Reject

    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    gunzip = None
    if head == b"\x1f\x8b":
        # Our own gzip layer: it notes a cut-off member, where warcio would stop silently.
        gunzip = _Gunzip(stream)
        stream = io.BufferedReader(gunzip, buffer_size=1 << 16)
    start = stream.peek(64)[:64].lstrip(b"\r\n") if hasattr(stream, "peek") else b"WARC/"
    if start and not start.startswith((b"WARC/", b"filedesc://")):
        yield Reject(source, "not-warc", "not a WARC or ARC file: it does not start with a WARC or ARC header")
        return
    base = 0  # where the current iterator's stream starts in the archive
    skipped: dict[str, int] = {}  # records that are not pages, by type, in this archive
    records_seen = yielded = damages = 0
    while stream is not None:
        part = _iter_part(source, stream, base, stats, outlet, gunzip, skipped)
        try:
            while True:
                item = next(part)
                yielded += 1
                damages += isinstance(item, Reject) and item.kind == "truncated"
                yield item
        except StopIteration as stop:
            stream, base, seen, gunzip = stop.value
            records_seen += seen
        if damages >= MAX_DAMAGES:
            break
    if not yielded:
        if records_seen == 0:
            yield Reject(source, "empty", "no records in the archive (empty)")
        else:
            kinds = ", ".join(f"{k}: {v}" for k, v in sorted(skipped.items(), key=str))
            yield Reject(source, "no-pages", f"no pages in the archive ({records_seen} record(s), none an HTML or "
                                             f"text response: {kinds})")


def _iter_part(source: str, stream: BinaryIO, base: int, stats, outlet: str | None, gunzip: _Gunzip | None,
               skipped: dict[str, int]):
    """The records of ``stream`` (which starts at ``base`` in the archive) up to its end or to damage. Returns what
    to read on from: (stream or None, its offset, records seen here, the gzip layer under it or None)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = ArchiveIterator(stream, arc2warc=True)
    records.reader = _bounded_reader(records.fh, records.reader.block_size)  # before the first record is read
    records._consume_blanklines = _blank_lines_only(records)
    seen = 0
    error: Exception | None = None
    try:
        for record in records:
            records.reader.header_bytes = 0
            seen += 1
            item = _record_item(record, source, base + records.offset, outlet, stats, skipped)
            if item is not None:
                yield item
        if gunzip is not None:
            while stream.read(1 << 16):  # warcio may stop at a short read: read to the real end to know
                pass
    except (_Damage, ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error, AttributeError, IndexError,
            KeyError) as exc:
        # warcio reports damage in many ways (some as AttributeError on a missing header); all mean "corrupt here"
        error = exc
    return (yield from _after_part(source, records, stream, base, gunzip, error, seen))


def _record_item(record, source: str, position: int, outlet: str | None, stats, skipped: dict[str, int]):
    """The Document of one WARC record holding a page, a Reject for a page that cannot be read, or None for a
    record that is no page (counted in ``stats`` and ``skipped`` by type). Raises on a damaged record."""
    from ._sources import MAX_PAGE_BYTES, Reject

    rtype = record.rec_type
    if rtype is None or record.rec_headers.get_header("Content-Length") is None:
        raise _Damage("a record without WARC-Type or Content-Length")
    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or ""
    if rtype != "response" or ctype.split(";")[0].strip().lower() not in _PAGE_TYPES:
        stats.warc_records_skipped += 1
        key = rtype if rtype != "response" else f"response {ctype.split(';')[0].strip() or 'untyped'}"
        stats.skipped_by_type[key] = stats.skipped_by_type.get(key, 0) + 1
        skipped[key] = skipped.get(key, 0) + 1
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    with contextlib.redirect_stderr(io.StringIO()) as noise:  # warcio prints a broken Content-Encoding there
        payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if getattr(record.raw_stream, "limit", 0) > 0 and len(payload) <= MAX_PAGE_BYTES:
        raise EOFError("record shorter than its Content-Length")
    where = f"{source}@{position}"
    if noise.getvalue().strip():
        return Reject(where, "truncated", f"corrupt HTTP body ({noise.getvalue().strip().splitlines()[0]})")
    if len(payload) > MAX_PAGE_BYTES:
        return Reject(where, "too-large", f"record larger than {MAX_PAGE_BYTES // (1024 * 1024)} MiB")
    charset = None
    if "charset=" in ctype.lower():
        charset = ctype.lower().split("charset=", 1)[1].split(";")[0].strip().strip('"\'') or None
    kind = "text" if ctype.lower().startswith("text/plain") else "html"
    return Document(source=where, content=payload, kind=kind, url=uri, outlet=outlet,
                    fetched_at=record.rec_headers.get_header("WARC-Date"), http_charset=charset)


def _after_part(source: str, records, stream: BinaryIO, base: int, gunzip: _Gunzip | None,
                error: Exception | None, seen: int):
    """Where a part ended (``error``: the damage met, None at its end): yields the Reject that says so and returns
    what to read on from, as ``_iter_part`` does: the next gzip member, the next record, or nothing."""
    from ._sources import Reject

    position = base + (records.offset or 0)  # the record being read when the damage showed (or the end)
    if gunzip is not None and gunzip.damage:  # not gzip: warcio saw it as the end of the data
        rest = gunzip.resync()
        after = f"; read on from the next gzip member at offset {rest.raw.start}" if rest is not None else ""
        yield Reject(f"{source}@{position}", "truncated",
                     f"truncated or corrupt WARC after offset {position} ({gunzip.damage}){after}")
        return (rest, rest.raw.start, seen, rest.raw) if rest is not None else (None, 0, seen, None)
    if gunzip is not None and gunzip.truncated and not isinstance(error, EOFError):
        error = EOFError("gzip stream ends inside a member")
    if error is None:
        return None, 0, seen, None
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    rest = None if isinstance(error, EOFError) else _next_record(records, stream, base)
    if rest is None and gunzip is not None and gunzip.damage:  # met while looking for the next record
        member = gunzip.resync()
        if member is not None:
            yield Reject(f"{source}@{position}", "truncated",
                         f"truncated or corrupt WARC after offset {position} ({reason}); read on from the next gzip "
                         f"member at offset {member.raw.start}")
            return member, member.raw.start, seen, member.raw
    if rest is None:
        yield Reject(f"{source}@{position}", "truncated",
                     f"truncated or corrupt WARC after offset {position} ({reason})")
        return None, 0, seen, None
    yield Reject(f"{source}@{position}", "truncated",
                 f"truncated or corrupt WARC after offset {position} ({reason}); read on from the next record "
                 f"at offset {rest[1]}")
    return rest[0], rest[1], seen, gunzip


def _next_record(records, stream: BinaryIO, base: int) -> tuple[BinaryIO, int] | None:
    """(a stream from the next record start after the damage on, its offset in the archive), or None when there is
    none within MAX_RESYNC_BYTES. What warcio's reader holds unread comes first, then ``stream``."""
    reader = records.reader
    try:
        unread = reader.rem_length()
        at = base + reader.stream.tell() - unread if hasattr(reader.stream, "tell") else None
        buffered = reader.buff.read() if reader.buff is not None else b""
    except (OSError, ValueError, AttributeError):
        return None
    if at is None:
        return None
    window, scanned = buffered, 0
    while True:
        for found in _RECORD_START.finditer(window):
            if found.group().startswith(b"\n") or scanned == 0:  # a line start (not the cut of the last read)
                start = found.start(1)
                return io.BufferedReader(_Rest(window[start:], stream), buffer_size=1 << 16), at + scanned + start
        if scanned + len(window) > MAX_RESYNC_BYTES:
            return None
        try:
            more = stream.read(1 << 20)
        except (OSError, EOFError, zlib.error):
            return None
        if not more:
            return None
        keep = window[-16:]  # a record start cut between two reads
        scanned += len(window) - len(keep)
        window = keep + more
