"""WARC and WARC.gz: one Document per HTML response record; other records counted, not read."""
from __future__ import annotations

import io
from typing import Iterator

from ..models import Document

# Only these payloads are pages; images, scripts and JSON APIs in a crawl are skipped (and counted).
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def iter_warc(source: str, raw: bytes, stats, outlet: str | None = None) -> Iterator:
    """Yield Documents for response records; a truncated or corrupt tail gives one Reject after the good records."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from ._sources import MAX_PAGE_BYTES, Reject

    records = ArchiveIterator(io.BytesIO(raw), arc2warc=True)
    position = 0
    try:
        for record in records:
            position = records.get_record_offset()
            rtype = record.rec_type
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or ""
            if rtype != "response" or not ctype.split(";")[0].strip().lower() in _PAGE_TYPES:
                stats.warc_records_skipped += 1
                key = rtype if rtype != "response" else f"response {ctype.split(';')[0].strip() or 'untyped'}"
                stats.skipped_by_type[key] = stats.skipped_by_type.get(key, 0) + 1
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{source}@{position}"
            payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
            if len(payload) > MAX_PAGE_BYTES:
                yield Reject(where, "too-large", f"record larger than {MAX_PAGE_BYTES // (1024 * 1024)} MiB")
                continue
            charset = None
            if "charset=" in ctype.lower():
                charset = ctype.lower().split("charset=", 1)[1].split(";")[0].strip().strip('"\'') or None
            kind = "text" if ctype.lower().startswith("text/plain") else "html"
            yield Document(source=where, content=payload, kind=kind, url=uri, outlet=outlet,
                           fetched_at=record.rec_headers.get_header("WARC-Date"), http_charset=charset)
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        yield Reject(f"{source}@{position}", "truncated", f"truncated or corrupt WARC after offset {position} ({reason})")
