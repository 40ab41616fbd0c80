"""Turn command-line inputs into Documents.

Every input yields either Documents or a ``Reject`` naming the input and the reason; nothing here raises on a bad
file, because one bad page in a folder must not stop the others (and why a page was dropped is itself data).
"""
from __future__ import annotations

import glob
import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO, Iterable, Iterator

from .._errors import InputError, TooLarge, TruncatedInput
from ..models import Document

# Largest page (after decompression) we try to extract. The stress case is a 20 MB page; real article
# pages are well under 5 MB. 64 MiB leaves room for both while refusing decompression bombs.
MAX_PAGE_BYTES = 64 * 1024 * 1024

_GZIP_MAGIC = b"\x1f\x8b"
_HTML_EXT = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")
_TEXT_EXT = (".txt", ".text", ".md")
_JSONL_EXT = (".jsonl", ".ndjson", ".json")
_WARC_EXT = (".warc", ".arc")
_SKIP_SUFFIX = (".meta.json",)
# A reject reason is one line of at most this many characters: warcio quotes the bad line it met, which was 200 MB
# for a WARC of zeros; 300 holds every reason newstrace writes itself.
MAX_REASON_CHARS = 300
# What a sidecar or a JSON Lines record may give (each a string or null), and the kinds it may force.
_GIVEN_FIELDS = ("url", "outlet", "fetched_at", "kind")
_KINDS = ("html", "text")


def display_name(name: str) -> str:
    """A file name as text that can be printed and stored on one line: bytes that are not UTF-8 (``a\\xff.html``,
    which Python holds as lone surrogates) are written as ``\\xff`` escapes, and control characters (a newline, a
    terminal escape) as ``\\n``, ``\\x1b``."""
    try:
        text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that did not come from a file name: escaped as such
        text = name.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROLS.sub(_escape_control, text) if _CONTROLS.search(text) else text


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # what ends a line somewhere
_NAMED_CONTROLS = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_control(match: re.Match) -> str:
    char = match.group()
    return _NAMED_CONTROLS.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 256 else f"\\u{ord(char):04x}")


@dataclass
class Reject:
    """An input (or a record inside one) that gave no Document, with the reason."""

    source: str
    kind: str
    reason: str

    def __post_init__(self) -> None:
        self.source = display_name(self.source)
        reason = display_name(" ".join(self.reason[: 2 * MAX_REASON_CHARS].split()))
        self.reason = reason if len(reason) <= MAX_REASON_CHARS else reason[: MAX_REASON_CHARS - 1] + "…"

    def message(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class ReadStats:
    """Counts the reader keeps beside the Documents it yields (shown in ingest summaries)."""

    files: int = 0
    warc_records_skipped: int = 0
    skipped_by_type: dict[str, int] = field(default_factory=dict)


@dataclass
class _Given:
    url: str | None = None
    outlet: str | None = None
    fetched_at: str | None = None
    kind: str | None = None


def iter_documents(
    inputs: Iterable[str],
    *,
    url: str | None = None,
    outlet: str | None = None,
    fetched_at: str | None = None,
    kind: str | None = None,
    stats: ReadStats | None = None,
    stdin: BinaryIO | None = None,
    exclude: Iterable[str] = (),
) -> Iterator[Document | Reject]:
    """Yield a Document per page, or a Reject per unreadable input, for paths, folders, globs and ``-``.

    ``url``/``outlet``/``fetched_at`` give what a file lacks (a sidecar ``NAME.meta.json`` does the same per file);
    ``kind`` forces ``html`` or ``text`` instead of sniffing; ``exclude`` lists files never to read (the
    database being written, when it sits in the folder being ingested).
    """
    skip = {os.path.realpath(p) for p in exclude}
    stats = stats if stats is not None else ReadStats()
    given = _Given(url, outlet, fetched_at, kind)
    for item in inputs:
        if item == "-":
            handle = stdin if stdin is not None else sys.stdin.buffer
            stats.files += 1
            yield from _read_bytes("<stdin>", _read_limited(handle, "<stdin>"), given, stats)
            continue
        paths = _expand(item)
        if not paths:
            if os.path.isdir(item):
                yield Reject(item, "empty", "no pages found in the folder (hidden files and .meta.json sidecars "
                                            "are not pages)")
            elif any(ch in item for ch in "*?["):
                yield Reject(item, "missing", "no file matches the pattern")
            else:
                yield Reject(item, "missing", "no such file or directory")
            continue
        for path in paths:
            if os.path.realpath(path) in skip:
                continue
            stats.files += 1
            # inside a folder or a glob only regular files are read (a FIFO there would block for ever); a path
            # named on the command line is read whatever it is (``<(zcat pages.gz)`` is a pipe)
            yield from _read_path(path, given, stats, regular_only=path != item)


def _expand(item: str) -> list[str]:
    if os.path.isdir(item):
        found = []
        for root, dirs, files in os.walk(item):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(root, f) for f in sorted(files)
                      if not f.startswith(".") and not f.endswith(_SKIP_SUFFIX)]
        return found
    if os.path.exists(item):
        return [item]
    if any(ch in item for ch in "*?["):
        return sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p) and not p.endswith(_SKIP_SUFFIX))
    return []


def _read_limited(handle: BinaryIO, source: str) -> bytes:
    data = handle.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise TooLarge(source, f"larger than {MAX_PAGE_BYTES // (1024 * 1024)} MiB")
    return data


def _sidecar(path: str, given: _Given) -> _Given:
    """Per-file metadata from ``NAME.meta.json`` (NAME with or without its extensions); command options win."""
    base = path
    candidates = []
    while True:
        candidates.append(base + ".meta.json")
        root, ext = os.path.splitext(base)
        if not ext:
            break
        base = root
    for candidate in candidates:
        if os.path.isfile(candidate):
            try:
                with open(candidate, encoding="utf-8") as handle:
                    meta = json.load(handle)
            except (OSError, ValueError) as exc:
                raise InputError(candidate, f"sidecar is not valid JSON ({exc})") from exc
            except RecursionError as exc:  # json's decoder recurses once per level of nesting
                raise InputError(candidate, "sidecar is not valid JSON (nested too deeply)") from exc
            if not isinstance(meta, dict):
                raise InputError(candidate, 'a sidecar is a JSON object: {"url": ..., "outlet": ..., "fetched_at": ...}')
            problem = _bad_given(meta)
            if problem:
                raise InputError(candidate, f"sidecar {problem}")
            return _Given(given.url or _text(meta.get("url")), given.outlet or _text(meta.get("outlet")),
                          given.fetched_at or _text(meta.get("fetched_at")), given.kind or meta.get("kind"))
    return given


def _bad_given(record: dict, keys: tuple[str, ...] = _GIVEN_FIELDS) -> str | None:
    """Why the url/outlet/fetched_at(/kind) of a sidecar or JSON Lines record cannot be used, or None."""
    for key in keys:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return f'"{key}" must be a string or null, not {type(value).__name__}'
    if "kind" in keys and record.get("kind") not in (None, *_KINDS):
        return f'"kind" must be one of {", ".join(_KINDS)}'
    return None


def _text(value: str | None) -> str | None:
    """A string from JSON as storable text (a lone surrogate escape such as "\\ud800" cannot be stored)."""
    return value.encode("utf-8", "replace").decode("utf-8") if value else value


def _open(path: str, regular_only: bool) -> BinaryIO:
    """``path`` opened for reading; with ``regular_only``, anything but a regular file is refused without blocking
    (a FIFO is opened non-blocking, then refused once fstat says what it is)."""
    if not regular_only:
        return open(path, "rb")
    _check_regular(path, os.stat(path).st_mode)  # a socket cannot even be opened: say what it is
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        _check_regular(path, os.fstat(fd).st_mode)  # what was opened (the name may have changed in between)
    except InputError:
        os.close(fd)
        raise
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _check_regular(path: str, mode: int) -> None:
    if not stat.S_ISREG(mode):
        what = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device or special file"
        raise InputError(path, f"not a regular file ({what}): skipped")


def _read_path(path: str, given: _Given, stats: ReadStats, *, regular_only: bool = False
               ) -> Iterator[Document | Reject]:
    shown = display_name(path)  # the name Documents carry; the file is opened by its real name
    try:
        given = _sidecar(path, given)
        with _open(path, regular_only) as handle:
            if _is_warc(handle.peek(512)[:512], path.lower()):
                from ._warc import iter_warc

                yield from iter_warc(shown, handle, stats, outlet=given.outlet)
                return
            raw = _read_limited(handle, shown)
    except InputError as exc:
        yield Reject(exc.source, exc.kind, exc.reason)
        return
    except OSError as exc:
        yield Reject(path, "unreadable", exc.strerror or str(exc))
        return
    yield from _read_bytes(shown, raw, given, stats)


def _gunzip(source: str, raw: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as handle:
            return _read_limited(handle, source)
    except EOFError as exc:
        raise TruncatedInput(source, "truncated gzip stream (file ends early)") from exc
    except (OSError, zlib.error) as exc:
        raise TruncatedInput(source, f"corrupt gzip data ({exc})") from exc


def _read_bytes(source: str, raw: bytes, given: _Given, stats: ReadStats) -> Iterator[Document | Reject]:
    lower = source.lower()
    try:
        if _is_warc(raw, lower):
            from ._warc import iter_warc

            yield from iter_warc(source, io.BufferedReader(io.BytesIO(raw)), stats, outlet=given.outlet)
            return
        data = _gunzip(source, raw) if raw.startswith(_GZIP_MAGIC) else raw
        name = lower[:-3] if lower.endswith(".gz") else lower
        if name.endswith(_JSONL_EXT) or (given.kind is None and _looks_like_jsonl(data)):
            yield from _iter_jsonl(source, data, given)
            return
    except InputError as exc:
        yield Reject(exc.source, exc.kind, exc.reason)
        return
    kind = given.kind or ("text" if name.endswith(_TEXT_EXT) else "html")
    yield Document(source=source, content=data, kind=kind, url=given.url, outlet=given.outlet,
                   fetched_at=given.fetched_at)


def _is_warc(raw: bytes, lower: str) -> bool:
    if lower.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        return True
    head = raw[:64]
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw[:512], 64)
        except zlib.error:
            return False
    return head.startswith((b"WARC/", b"filedesc://"))


def _looks_like_jsonl(data: bytes) -> bool:
    first = data.lstrip()[:1]
    if first != b"{":
        return False
    line = data.lstrip().split(b"\n", 1)[0]
    try:
        obj = json.loads(line)
    except ValueError:
        return False
    return isinstance(obj, dict) and ("html" in obj or "text" in obj)


def _iter_jsonl(source: str, data: bytes, given: _Given) -> Iterator[Document | Reject]:
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield Reject(where, "bad-json", f"not JSON ({exc.args[0] if exc.args else exc})")
            continue
        except RecursionError:  # json's decoder recurses once per level of nesting
            yield Reject(where, "bad-json", "not JSON (nested too deeply)")
            continue
        if not isinstance(obj, dict) or not (obj.get("html") or obj.get("text")):
            yield Reject(where, "bad-json", 'a JSON Lines record needs "html" or "text"')
            continue
        is_html = bool(obj.get("html"))
        body = obj["html"] if is_html else obj["text"]
        problem = _bad_given(obj, _GIVEN_FIELDS[:3]) or (None if isinstance(body, str) else
                                      f'"{"html" if is_html else "text"}" must be a string, not {type(body).__name__}')
        if problem:
            yield Reject(where, "bad-json", problem)
            continue
        yield Document(
            source=where,
            content=body.encode("utf-8", "replace"),  # "replace": a lone surrogate escape cannot be encoded
            kind=given.kind or ("html" if is_html else "text"),
            url=given.url or _text(obj.get("url")),
            outlet=given.outlet or _text(obj.get("outlet")),
            fetched_at=given.fetched_at or _text(obj.get("fetched_at")),
        )
