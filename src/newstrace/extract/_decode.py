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
# Bytes looked at to tell UTF-16 or UTF-32 without a byte-order mark by where their zero bytes fall.
SNIFF_BYTES = 4096

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Magic numbers of formats people drop into a folder of pages by mistake.
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"BZh", b"\xfd7zXZ",
                 b"Rar!", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"RIFF")
# Labels read as the web reads them (the WHATWG Encoding standard): Latin-1 and ASCII pages are windows-1252 (curly
# quotes in 0x80-0x9f), GB2312 and GBK are GB18030, Shift_JIS and EUC-KR the Windows supersets.
_WEB_CODECS = {"iso8859-1": "cp1252", "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030",
               "shift_jis": "cp932", "euc_kr": "cp949", "iso8859-9": "cp1254", "tis-620": "cp874"}
# Declared labels never used: UTF-7 (a classic script-injection route; browsers refuse it), codecs that read
# backslashes or punycode, and UTF-16/32 without a byte-order mark, which a page declares for UTF-8 bytes (a real
# UTF-16/32 page has a BOM or is recognised by its zero bytes before the declarations are read).
_NEVER_DECLARED = {"utf-7", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-16", "utf-16-le",
                   "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}


def _codec(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    try:
        info = codecs.lookup(name.strip())
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NEVER_DECLARED:
        return None
    return _WEB_CODECS.get(info.name, info.name)


def _is_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))  # NUL included
    return controls > MAX_CONTROL_SHARE * len(sample)


def _wide_codec(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where the zero bytes of mostly Latin text fall (every
    other byte, or three in four); None for anything else."""
    sample = data[:SNIFF_BYTES]
    slots = len(sample) // 4
    if slots < 4 or b"\x00" not in sample:
        return None
    share = [sum(1 for b in sample[r:slots * 4:4] if b == 0) / slots for r in range(4)]
    if share[0] < 0.1 and min(share[1:]) > 0.9:
        return "utf-32-le"
    if share[3] < 0.1 and min(share[:3]) > 0.9:
        return "utf-32-be"
    if max(share[0], share[2]) < 0.1 and min(share[1], share[3]) > 0.6:
        return "utf-16-le"
    if max(share[1], share[3]) < 0.1 and min(share[0], share[2]) > 0.6:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """The page as UTF-8, its few bad bytes replaced, when it has at least as many well-formed non-ASCII characters
    as bad sequences: one stray byte must not send a UTF-8 page to detection, which reads it all in a legacy charset
    ("Zürich" -> "Z√ºrich"). Legacy-charset text (a Latin-1 page) has no well-formed multi-byte sequences to speak
    of, so it still goes to the declarations and detection."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in text if ch > "\x7f") - text.count("\ufffd")
    return text if 0 < bad <= good else None


def _clean(text: str, source: str) -> str:
    text = text.replace("\x00", "")  # NUL: never text, and lxml refuses it
    if not text.strip():
        raise EmptyInput(source, "empty file (no content)")
    return text


def decode(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode page bytes; returns (text, encoding used).

    Order: byte-order mark; UTF-16/32 told by their zero bytes; then (past the binary check) strict UTF-8, UTF-8 with
    a few bad bytes replaced, the HTTP header's charset, ``<meta charset>`` (labels read as browsers read them), and
    charset-normalizer's detection (which catches Windows-1251 or Latin-1 pages that declare nothing). Well-formed
    UTF-8 wins over a declaration: servers and pages lie about their charset often, and legacy text is never
    well-formed UTF-8 by chance; a declared charset that fails to decode is ignored rather than trusted.
    """
    if not data.strip():
        raise EmptyInput(source, "empty file (no content)")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _clean(data.decode(name, errors="replace"), source), name
    wide = _wide_codec(data)
    if wide:
        return _clean(data.decode(wide, errors="replace"), source), wide
    if _is_binary(data):
        raise BinaryInput(source, "binary data, not a web page or text")
    try:
        return _clean(data.decode("utf-8"), source), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is not None:
        return _clean(text, source), "utf-8"
    match = _META_CHARSET.search(data[:META_SCAN_BYTES])
    for name in (_codec(declared), _codec(match.group(1)) if match else None):
        if not name:
            continue
        try:
            return _clean(data.decode(name), source), name
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise BinaryInput(source, "undecodable bytes: no text encoding fits")
    return _clean(data.decode(best.encoding, errors="replace"), source), best.encoding
