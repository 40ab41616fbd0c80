"""Guards of the one writing route, ``POST /api/ingest`` (``serve --allow-ingest``).

Any web page the user visits can send a multipart POST to 127.0.0.1, and a DNS-rebound name (``evil.example``
resolving to 127.0.0.1) reaches the server as "same origin": so a write is refused unless its Host header names
this server (``_hosts.host_refusal``, the check every route gets), and unless a browser's Origin / Sec-Fetch-Site
headers say the request comes from this server's own pages. Programs (curl, scripts) send neither header and are let
through. The body is streamed into a spooled temporary file under a size cap (never read whole into memory), and
copied from there to the file that ``ingest`` reads.
"""
from __future__ import annotations

import hashlib
import os
from typing import BinaryIO
from urllib.parse import urlsplit

from ..read._sources import MAX_PAGE_BYTES
from ._hosts import host_refusal

# The largest request body taken: the reader refuses a page over MAX_PAGE_BYTES anyway; 1 MiB more leaves room for the
# multipart framing and the url/outlet fields.
MAX_UPLOAD_BYTES = MAX_PAGE_BYTES + 1024 * 1024
# An uploaded file keeps at most this many bytes of its name (the end, where the extension that tells the format
# is); file systems allow 255.
MAX_NAME_BYTES = 120
# Sec-Fetch-Site values a browser sends for a request from this server's own pages, or typed by the user.
_SAME_SITE = ("same-origin", "none")
_COPY_CHUNK = 1 << 20


class UploadTooLarge(Exception):
    """The request body went past MAX_UPLOAD_BYTES."""


def write_refusal(headers, scope: dict, served_host: str | None,
                  allowed: frozenset[str] = frozenset()) -> str | None:
    """Why a write must be refused (a foreign Host, or cross-origin), or None when it may go on. ``allowed``: the
    names given with ``serve --allow-host`` (as ``_hosts.normalise_names`` gives them)."""
    host = headers.get("host") or ""
    refusal = host_refusal(host, scope, served_host, allowed)
    if refusal:
        return refusal
    site = headers.get("sec-fetch-site")
    if site is not None and site.lower() not in _SAME_SITE:
        return f"a cross-site request (Sec-Fetch-Site: {site[:40]}) cannot write"
    origin = headers.get("origin")
    if origin is not None:
        split = urlsplit(origin) if origin != "null" else None
        if split is None or split.scheme not in ("http", "https") or split.netloc.lower() != host.lower():
            return f"a cross-origin request (Origin: {origin[:100]}) cannot write"
    return None


def capped_receive(receive, limit: int):
    """An ASGI ``receive`` that raises UploadTooLarge once the body passes ``limit`` bytes."""
    seen = 0

    async def wrapped() -> dict:
        nonlocal seen
        message = await receive()
        if message.get("type") == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise UploadTooLarge()
        return message

    return wrapped


def upload_name(filename: str | None) -> str:
    """A safe file name for an upload: its last path part, printable, short; ``page.html`` when nothing is left
    (``..``, ``/``, an empty name)."""
    name = os.path.basename((filename or "").replace("\\", "/")).strip()
    name = "".join(ch for ch in name if ch.isprintable())
    while len(name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        name = name[1:]
    return "page.html" if name.strip(".") == "" else name


def save_upload(source: BinaryIO, path: str) -> str:
    """Copy an uploaded file to ``path`` in chunks; the content-hash id of its bytes (as ``models.article_id``)."""
    digest = hashlib.sha256()
    source.seek(0)
    with open(path, "wb") as out:
        while chunk := source.read(_COPY_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()[:16]
