"""Bytes to text: the charset cascade, and the checks that tell a page from binary junk."""
from __future__ import annotations

import codecs
import re

from .._errors import BinaryInput, EmptyInput

# Share of control characters (other than tab/newline/CR/FF) above which bytes are not text. Pages with a few
# stray control bytes exist; images and archives have ~10-30%. 2% separates them with room on both sides.
MAX_CONTROL_SHARE = 0.02
# How far into a page to look for a <meta charset>; browsers use the first 1024 bytes, some pages put it later.
META_SCAN_BYTES = 4096

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Magic numbers of formats people drop into a folder of pages by mistake.
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"BZh", b"\xfd7zXZ",
                 b"Rar!", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"RIFF")


def _codec(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def _is_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > MAX_CONTROL_SHARE * len(sample)


def decode(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode page bytes; returns (text, encoding used).

    Order: byte-order mark, the HTTP header's charset, ``<meta charset>``, strict UTF-8, then charset-normalizer's
    detection (which catches Windows-1251 or Latin-1 pages that declare nothing). A declared charset that fails
    to decode is ignored rather than trusted: servers and pages lie about it often.
    """
    if not data.strip():
        raise EmptyInput(source, "empty file (no content)")
    if _is_binary(data):
        raise BinaryInput(source, "binary data, not a web page or text")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    candidates = [_codec(declared)]
    match = _META_CHARSET.search(data[:META_SCAN_BYTES])
    candidates.append(_codec(match.group(1)) if match else None)
    candidates.append("utf-8")
    for name in candidates:
        if not name:
            continue
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise BinaryInput(source, "undecodable bytes: no text encoding fits")
    return data.decode(best.encoding, errors="replace"), best.encoding
