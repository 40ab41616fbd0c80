"""The hostile corpus of issue 12, made by this script: every input the issue names and more, each with what the
real command must give for it.

    python tests/hostile_corpus.py DIR      # write the corpus into DIR (a new folder) and list the cases

``write_corpus(root)`` writes every file case under ``root`` (one folder: ``newstrace extract ROOT`` and ``newstrace
ingest ROOT`` take it in one run) and returns the cases. Each case names the paths it wrote and what it must give:
how many articles and rejects (``None``: any number, as long as the outcome is clean), words its articles must
hold (a charset decoded right), words they must not hold (mojibake), and a word every reject reason must hold.
Outcomes are matched to cases by source: a file's path, ``PATH@OFFSET`` (a WARC record), ``PATH:LINE`` (a JSON Lines
record), or anything under a folder case. A source that matches no case is something the run made up, and fails.

Cases that are not files (the web API, commands other than extract/ingest) are listed in ``OTHER_CASES`` and run
by tests/test_hostile_corpus.py itself. Every input is made here; nothing is downloaded or copied from data sets.
"""
from __future__ import annotations

import codecs
import functools
import gzip
import hashlib
import json
import os
import socket
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

# Inputs big enough to show super-linear work and small enough that the quick run stays quick.
HUGE = 8 << 20  # "huge" attributes, comments, scripts, data: URIs, JSON strings (bytes)
MANY = 100_000  # "10^5 elements", nesting depth, lines
NEAR_COPIES = 40  # lightly edited copies of one story (the issue's 5,000: tests/reuse/test_reuse_clusters.py)


@dataclass
class Case:
    name: str  # path under the corpus root (a str; non-UTF-8 names are held as surrogate escapes, as os does)
    what: str  # what the input is, one line
    articles: int | None = None  # articles it must give (None: any number)
    rejects: int | None = None  # rejects it must give (None: any number)
    reason: str | None = None  # text every reject reason of this case holds (lower case)
    text: tuple[str, ...] = ()  # text its articles' title + text must hold (all of them, in some article)
    absent: tuple[str, ...] = ()  # text no article of it may hold (mojibake, NULs, markup)
    extra: tuple[str, ...] = ()  # other paths it wrote that outcomes may name (sidecars)
    folder: bool = False  # a folder: every source under it is this case's
    issue: bool = False  # named in issue 12
    kind: str = "file"

    @property
    def paths(self) -> tuple[str, ...]:
        return (self.name, *self.extra)

    def allows_nothing(self) -> bool:
        """Whether giving neither an article nor a reject is right for it (not a page: hidden files, folders of
        non-pages, archives holding no page, which the ingest summary counts as skipped records)."""
        return self.articles == 0 and self.rejects == 0


@dataclass
class OtherCase:
    name: str
    what: str
    issue: bool = False
    kind: str = "web"


WORDS = ("harbour council ferry islanders petition budget mill river bridge school library museum station market "
         "festival hospital railway stadium orchard vineyard quarry lighthouse").split()


def story(tag: str, paragraphs: int = 3, extra: str = "") -> list[str]:
    """Distinct prose paragraphs about ``tag`` (a word that marks the case's articles)."""
    h = sum(map(ord, tag))
    out = []
    for i in range(paragraphs):
        a, b = WORDS[(h + i) % len(WORDS)], WORDS[(h * 7 + i * 3) % len(WORDS)]
        out.append(f"The {a} committee of {tag} met on Tuesday to discuss the {b}, and members said the plan for "
                   f"{tag} would be decided before the end of the month after a public hearing in the town hall "
                   f"{extra}(paragraph {i}).")
    return out


def page(tag: str, *, title: str | None = None, body: str = "", head: str = "", charset: str | None = "utf-8",
         paragraphs: int = 3, extra: str = "") -> str:
    """A small, real-looking article page about ``tag``; ``body`` and ``head`` add hostile markup."""
    title = title if title is not None else f"Council of {tag} to decide on the plan"
    meta = f'<meta charset="{charset}">' if charset else ""
    paras = "".join(f"<p>{p}</p>" for p in story(tag, paragraphs, extra))
    return (f"<!DOCTYPE html><html lang=\"en\"><head>{meta}<title>{title}</title>"
            f"<meta property=\"article:published_time\" content=\"2024-05-02T09:00:00Z\">{head}</head>"
            f"<body><article><h1>{title}</h1>{paras}{body}</article></body></html>")


def scrape(tag: str, *, body: str | None = None, head: str | None = None) -> str:
    """A plain-text scrape: headline, blank line, prose."""
    head = head if head is not None else f"Council of {tag} to decide on the plan"
    body = body if body is not None else "\n\n".join(story(tag))
    return f"{head}\n\n{body}\n"


def gzip_member(data: bytes, level: int = 6) -> bytes:
    return gzip.compress(data, compresslevel=level, mtime=0)


def gzip_of_zeros(size: int) -> bytes:
    """One gzip member of ``size`` zero bytes (``head -c SIZE /dev/zero | gzip``), made without compressing them all:
    a 1 MiB block deflated after a full flush is the same bytes every time, so it is repeated."""
    block = bytes(1 << 20)
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    packer.compress(block)
    packer.flush(zlib.Z_FULL_FLUSH)
    chunk = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    assert chunk == packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.flush()
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + chunk * (size >> 20) + tail
            + struct.pack("<II", _crc_of_zeros(size), size & 0xFFFFFFFF))


@functools.lru_cache(maxsize=None)
def _crc_of_zeros(size: int) -> int:
    block, crc = bytes(1 << 20), 0
    for _ in range(size >> 20):
        crc = zlib.crc32(block, crc)
    return crc


def warc_record(rtype: str, uri: str, payload: bytes, *, http: bytes | None = None, headers: str = "",
                length: int | str | None = None, version: str = "WARC/1.0") -> bytes:
    """One WARC record made by hand (so it can be wrong): ``http`` is the HTTP head put before ``payload``."""
    block = (http or b"") + payload
    size = len(block) if length is None else length
    head = (f"{version}\r\nWARC-Type: {rtype}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-02T09:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:{hashlib.sha256(uri.encode('utf-8', 'surrogateescape') + block).hexdigest()[:32]}>"
            f"\r\n{headers}"
            f"Content-Length: {size}\r\n\r\n").encode("utf-8", "surrogateescape")
    return head + block + b"\r\n\r\n"


def http_head(ctype: str = "text/html; charset=utf-8", extra: str = "", status: str = "HTTP/1.1 200 OK") -> bytes:
    return f"{status}\r\nContent-Type: {ctype}\r\n{extra}\r\n".encode()


def response(uri: str, html: str | bytes, **kw) -> bytes:
    body = html.encode() if isinstance(html, str) else html
    return warc_record("response", uri, body, http=kw.pop("http", None) or http_head(), **kw)


def arc_file(records: list[tuple[str, bytes]]) -> bytes:
    """An ARC (version 1) file: the filedesc header record, then one record per (url, HTTP response)."""
    desc = b"1 0 newstrace\nURL IP-address Archive-date Content-type Archive-length\n"
    out = [f"filedesc://corpus.arc 0.0.0.0 20240502090000 text/plain {len(desc)}\n".encode() + desc + b"\n"]
    for url, block in records:
        out.append(f"{url} 10.0.0.1 20240502090000 text/html {len(block)}\n".encode() + block + b"\n")
    return b"".join(out)


def write_corpus(root: str | os.PathLike) -> list[Case]:
    """Write every file case under ``root`` (created if need be); the cases, in the order written."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def put(name: str, data: bytes | str, what: str, **expect) -> Case:
        path = os.path.join(os.fsencode(str(root)), os.fsencode(name))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        case = Case(name, what, **expect)
        cases.append(case)
        return case

    def sidecar(name: str, data: bytes | str) -> str:
        os.makedirs(root / os.path.dirname(name), exist_ok=True)
        with open(root / (name + ".meta.json"), "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        return name + ".meta.json"

    article = {"articles": 1, "rejects": 0}
    reject = {"articles": 0, "rejects": 1}
    either = {"articles": None, "rejects": None}

    # -- hangs and super-linear inputs (issue 12) -----------------------------------------------------------------
    zeros10g = gzip_member(bytes(1 << 20)) * 10240  # 10 GB of zeros in 10 MB, as gzip members
    put("hang/zeros-10g.warc.gz", zeros10g, "10 GB of zeros as .warc.gz (10 MB of gzip members)", **reject,
        reason="not a warc", issue=True)
    put("hang/zeros-1g-one-member.warc.gz", gzip_of_zeros(1 << 30), "1 GB of zeros as one gzip member, .warc.gz",
        **reject, reason="not a warc", issue=True)
    put("hang/zeros-1g.gz", gzip_of_zeros(1 << 30), "1 GB of zeros as .gz (not named a crawl)", **reject,
        reason="larger than", issue=True)
    with open(root / "hang" / "zeros-50m.warc", "wb") as out:
        out.truncate(50 << 20)
    cases.append(Case("hang/zeros-50m.warc", "50 MB of zeros as .warc", **reject, reason="not a warc", issue=True))
    put("hang/header-then-zeros-10g.warc.gz", gzip_member(b"WARC/1.0\r\n") + zeros10g,
        "a WARC line, then 10 GB of zeros (an endless header line), .warc.gz", **reject, reason="header line",
        issue=True)
    with open(root / "hang" / "header-then-zeros-50m.warc", "wb") as out:
        out.write(b"WARC/1.0\r\nWARC-Type: response\r\n")
        out.truncate(50 << 20)
    cases.append(Case("hang/header-then-zeros-50m.warc", "WARC header lines, then 50 MB of zeros", **reject,
                      reason="header line", issue=True))
    line = " ".join(f"word{i % 50}" for i in range(17_000))
    put("hang/line-100k.txt", line + "\n", "a .txt of one 100 KB line of plain words", **reject, reason="single line",
        issue=True)
    put("hang/line-100k-body.txt", "Council to reopen the old mill\n\n" + line + "\n",
        "a headline and one 100 KB line of words", **article, text=("word49",), issue=True)
    put("hang/credit-96k.txt", "Council to reopen the old mill\n\n" + "a. Photo: x " * 8000 + "|z\n",
        "a 96 KB line of caption credits (_scrape._CREDIT)", **either, issue=True)
    put("hang/dots-50k.txt", scrape("dotsville", body="\n\n".join(story("dotsville")) + "\n\n" + "." * 50_000),
        "a paragraph of 50,000 '.' (trail/_events.sentences)", **article, text=("dotsville",), issue=True)
    put("hang/dots-50k.html", page("periodton", body="<p>" + "." * 50_000 + "</p>"),
        "an HTML paragraph of 50,000 '.'", **article, text=("periodton",))
    put("hang/spaces-50k.txt", scrape("spacefield", body="\n\n".join(story("spacefield")) + "\n\nA" + " " * 50_000
                                      + "B."), "50,000 spaces inside a paragraph", **article, text=("spacefield",))
    attr = page("attrbury", body='<p class="x"{}>One more paragraph about attrbury.</p>')
    put("hang/attributes-100k.html", attr.format(" " + " ".join(f'a{i}="1"' for i in range(100_000))),
        "one element with 100k attributes (1.2 MB)", **article, text=("attrbury",), issue=True)
    put("hang/attributes-1m.html", attr.format(" " + " ".join(f"a{i}" for i in range(1_000_000))),
        "one element with 1M attributes", **article, text=("attrbury",), issue=True)
    put("hang/attributes-dup-200k.html", attr.format(' x="1"' * 200_000), "one element, the same attribute 200k times",
        **article, text=("attrbury",))
    fifo = root / "hang" / "fifo.html"
    os.mkfifo(fifo)
    cases.append(Case("hang/fifo.html", "a FIFO inside the input folder", **reject, reason="not a regular file",
                      issue=True))
    sock = socket.socket(socket.AF_UNIX)
    sock_path = str(root / "hang" / "s.sock")
    if len(sock_path.encode()) < 100:
        sock.bind(sock_path)
        cases.append(Case("hang/s.sock", "a Unix socket inside the input folder", **reject,
                          reason="not a regular file"))
    sock.close()
    for n in range(NEAR_COPIES):
        os.makedirs(root / "hang" / "near-copies", exist_ok=True)
        (root / "hang" / "near-copies" / f"copy{n:03d}.html").write_text(near_copy(n), encoding="utf-8")
    cases.append(Case("hang/near-copies", f"{NEAR_COPIES} near-copies of one story (5,000 in the issue)",
                      articles=NEAR_COPIES, rejects=0, folder=True, issue=True))

    # -- tracebacks (issue 12) ----------------------------------------------------------------------------------
    shown = put("names/latin1-\udcff.html", page("byteton"), "a file name with a non-UTF-8 byte (a\\xff.html)",
                **article, text=("byteton",), issue=True)
    assert shown
    put("jsonl/types.jsonl", "\n".join(json.dumps(r) for r in [
        {"url": "https://a.example/1", "html": page("listoutlet"), "outlet": ["a"]},
        {"url": "https://a.example/2", "html": page("dictdate"), "fetched_at": {}},
        {"url": 5, "html": page("numberurl")},
        {"html": 5},
        {"text": ["a", "b"]},
        {"html": page("goodline"), "outlet": None, "fetched_at": "2024-05-02"},
    ]) + "\n", 'JSON Lines: "outlet": ["a"], "fetched_at": {}, "url": 5, "html": 5, "text": [...], and one good line',
        articles=1, rejects=5, reason="must be a string", text=("goodline",), issue=True)
    for label, meta, why in (("array", "[1, 2]", "json object"), ("outlet-list", '{"outlet": ["a"]}', "must be a string"),
                             ("date-dict", '{"fetched_at": {}}', "must be a string"),
                             ("url-number", '{"url": 5}', "must be a string"),
                             ("kind-pdf", '{"kind": "pdf"}', "kind"),
                             ("null", "null", "json object"), ("empty", "", "not valid json"),
                             ("bad-json", "{'url': 'x'}", "not valid json"),
                             ("not-utf8", b'{"outlet": "\xff\xfe"}', "not valid json"),
                             ("deep", "[" * MANY + "]" * MANY, "sidecar"),
                             ("deep-object", '{"a":' * MANY + "1" + "}" * MANY, "sidecar")):
        name = f"sidecar/{label}.html"
        side = sidecar(name, meta)
        put(name, page(f"side{label.replace('-', '')}"), f"a sidecar: {label}", **reject, reason=why, extra=(side,),
            issue=label in ("array", "outlet-list", "date-dict"))
    side = sidecar("sidecar/good.html", json.dumps({"url": "https://s.example/x", "outlet": "Side Gazette",
                                                     "fetched_at": "2024-05-02T10:00:00Z", "kind": "html",
                                                     "unknown": {"nested": [1]}}))
    put("sidecar/good.html", page("sidegood"), "a good sidecar with an unknown field", **article, extra=(side,),
        text=("sidegood",))
    os.makedirs(root / "sidecar" / "dir.html.meta.json")
    put("sidecar/dir.html", page("sidedir"), "a folder named like a sidecar", **article, text=("sidedir",))
    side = sidecar("sidecar/huge.html", json.dumps({"outlet": "O" * HUGE}))
    put("sidecar/huge.html", page("sidehuge"), "a sidecar with an 8 MB outlet", **article, extra=(side,),
        text=("sidehuge",))

    # -- encodings and WARC (issue 12) -----------------------------------------------------------------------------
    zurich = ("Zürich", "café")
    intl = page("zuricher", title="Zürich café council meets", extra="in Zürich, at the café ")
    put("enc/utf16-le-bom.html", codecs.BOM_UTF16_LE + intl.replace('charset="utf-8"', 'charset="utf-16"')
        .encode("utf-16-le"), "UTF-16 LE with a BOM", **article, text=zurich, issue=True)
    put("enc/utf16-be-bom.html", codecs.BOM_UTF16_BE + intl.encode("utf-16-be"), "UTF-16 BE with a BOM", **article,
        text=zurich, issue=True)
    put("enc/utf8-meta-utf16.html", intl.replace('charset="utf-8"', 'charset="utf-16"'),
        "a UTF-8 page whose meta says utf-16", **article, text=zurich, issue=True)
    stray = intl.encode()
    cut = stray.index(b"<p>") + 3
    put("enc/utf8-stray-ff.html", stray[:cut] + b"\xff" + stray[cut:], "one stray \\xff in a UTF-8 page", **article,
        text=zurich, absent=("Z√ºrich", "ZÃ¼rich"), issue=True)
    put("enc/utf8-stray-ff-undeclared.html", (stray[:cut] + b"\xff" + stray[cut:]).replace(b'<meta charset="utf-8">',
                                                                                            b""),
        "one stray \\xff in a UTF-8 page that declares nothing", **article, text=zurich,
        absent=("Z√ºrich", "ZÃ¼rich"))
    body = "".join(f"<p>{p}</p>" for p in story("zurichwarc", extra="in Zürich "))
    good = response("https://w.example/good", f"<html><head><title>Zürich record</title></head><body><article>"
                                              f"<h1>Zürich record</h1>{body}</article></body></html>")
    put("warc/garbage-then-valid.warc", b"WARC/1.0\r\nthis is not a header\r\n\x00\x01\x02 garbage\r\n\r\n" + good,
        "a garbage WARC header record, then a valid record", articles=1, rejects=1, text=("Zürich",), issue=True)
    put("warc/warc-plus-random.warc", b"WARC/1.0\r\n" + bytes(range(256)) * 8, "WARC/1.0 plus random bytes", **reject,
        issue=True)
    put("warc/warning-record.warc", warc_record("response", "https://w.example/warn", b"<html>x</html>",
                                                http=b"HTTP/1.1 200 OK\r\nContent-Type text/html\r\nBroken header\r\n\r\n")
        + good, "records warcio prints multi-line WARNINGs for (a bad HTTP head)", articles=None, rejects=None,
        issue=True)

    # -- encodings: more -----------------------------------------------------------------------------------------
    for name, data, what in (
            ("utf32-le-bom", codecs.BOM_UTF32_LE + intl.encode("utf-32-le"), "UTF-32 LE with a BOM"),
            ("utf32-be-bom", codecs.BOM_UTF32_BE + intl.encode("utf-32-be"), "UTF-32 BE with a BOM"),
            ("utf16-le-nobom", intl.encode("utf-16-le"), "UTF-16 LE without a BOM"),
            ("utf16-be-nobom", intl.encode("utf-16-be"), "UTF-16 BE without a BOM"),
            ("utf32-le-nobom", intl.encode("utf-32-le"), "UTF-32 LE without a BOM"),
            ("utf8-bom-meta-latin1", codecs.BOM_UTF8 + intl.replace('charset="utf-8"', 'charset="iso-8859-1"').encode(),
             "a UTF-8 BOM and a meta that says latin-1"),
            ("utf16-bom-meta-utf8", codecs.BOM_UTF16_LE + intl.encode("utf-16-le"), "a UTF-16 BOM and a meta that says utf-8"),
            ("latin1-declared-utf8", intl.encode("latin-1"), "a Latin-1 page declared utf-8"),
            ("latin1-undeclared", intl.replace('<meta charset="utf-8">', "").encode("latin-1"),
             "a Latin-1 page that declares nothing"),
            ("unknown-charset", intl.replace('charset="utf-8"', 'charset="x-no-such-charset"').encode(),
             "a meta charset nobody knows"),
            ("charset-utf7", intl.replace('charset="utf-8"', 'charset="utf-7"').encode(), "a UTF-8 page declared utf-7"),
            ("overlong", stray[:cut] + b"\xc0\xaf\xe0\x80\xaf" + stray[cut:], "overlong UTF-8 sequences"),
            ("surrogate-bytes", stray[:cut] + b"\xed\xa0\x80" + stray[cut:], "a UTF-16 surrogate encoded in UTF-8"),
            ("truncated-sequence", stray + b"\xe2\x82", "a UTF-8 page cut inside a character"),
            ("nul-bytes", stray[:cut] + b"\x00\x00" + stray[cut:], "two NUL bytes in a UTF-8 page"),
            ("controls-1pct", stray[:cut] + b"\x01\x02\x03\x04\x05\x06\x07\x08"[: max(1, len(stray) // 200)] +
             stray[cut:], "a few control bytes in a page"),
            ("crlf-cr-mixed", intl.replace("</p>", "</p>\r").replace("<p>", "\r\n<p>").encode(), "CR and CRLF lines"),
    ):
        put(f"enc/{name}.html", data, what, **article, text=zurich, absent=("\x00",))
    smart = page("quoteford", extra="\u201cquoted\u201d \u2014 ").replace('charset="utf-8"', 'charset="iso-8859-1"')
    put("enc/cp1252-declared-latin1.html", smart.encode("cp1252"), "smart quotes in a page declared iso-8859-1 (the "
        "web reads it as windows-1252)", **article, text=("\u201cquoted\u201d",))
    ru = page("moskva", title="Министр опроверг сообщения", extra="министр заявил в понедельник ", charset=None)
    put("enc/cp1251-undeclared.html", ru.encode("cp1251"), "Windows-1251 without a charset", **article,
        text=("министр заявил",))
    put("enc/koi8r-declared.html", page("koiton", title="Министр опроверг сообщения", extra="министр заявил ",
                                        charset="koi8-r").encode("koi8-r"), "KOI8-R declared", **article,
        text=("министр заявил",))
    jp = page("tokyo", title="東京の議会が計画を決定", extra="東京の議会は火曜日に会合を開いた。", charset="shift_jis")
    put("enc/shift-jis.html", jp.encode("shift_jis"), "Shift JIS declared", **article, text=("東京の議会",))
    put("enc/gb18030-declared-gb2312.html", page("beijing", title="北京市议会决定计划", extra="北京市议会周二开会。",
                                                 charset="gb2312").encode("gb18030"), "GB18030 declared gb2312",
        **article, text=("北京市议会",))
    put("enc/ebcdic.html", intl.encode("cp500"), "EBCDIC (cp500) bytes", **either)
    put("enc/controls-10pct.html", bytes(b if i % 10 else 1 for i, b in enumerate(stray)), "one byte in ten a control",
        **reject, reason="binary")
    put("enc/random-bytes.html", bytes((i * 7919 + 13) % 256 for i in range(50_000)), "random bytes named .html",
        **reject, reason="binary")
    put("enc/bom-only.html", codecs.BOM_UTF8, "a UTF-8 BOM and nothing else", **reject)
    put("enc/whitespace-only.html", " \n\t\r\n" * 1000, "only whitespace", **reject, reason="empty")
    put("enc/empty.html", b"", "an empty file", **reject, reason="empty")

    # -- HTML -----------------------------------------------------------------------------------------------------
    put("html/deep-divs.html", page("deepdiv", body="<div>" * MANY + "deep text" + "</div>" * MANY),
        "100,000 nested divs", **either, text=("deepdiv",))
    put("html/deep-unclosed.html", page("deepb", body="<b><i>" * MANY + "deep"), "200,000 unclosed nested tags",
        **either, text=("deepb",))
    put("html/deep-tables.html", page("deeptable", body="<table><tr><td>" * 20_000), "20,000 nested tables",
        **either, text=("deeptable",))
    put("html/elements-100k.html", page("manyel", body="".join(f"<span>w{i}</span>" for i in range(MANY))),
        "10^5 elements", **article, text=("manyel",))
    put("html/paragraphs-100k.html", page("manyp", body="<p>short line.</p>" * MANY), "10^5 short paragraphs",
        **article, text=("manyp",))
    put("html/links-100k.html", page("manylinks", body="".join(f'<a href="/x{i}">link {i}</a> ' for i in range(MANY))),
        "10^5 links", **article, text=("manylinks",))
    put("html/unclosed-p.html", page("unclosedp", body="<p>text " * 20_000), "20,000 unclosed <p>", **article,
        text=("unclosedp",))
    put("html/huge-attribute.html", page("hugeattr", body=f'<div title="{"x" * HUGE}">tail</div>'),
        "one 8 MB attribute value", **article, text=("hugeattr",))
    put("html/huge-comment.html", page("hugecomment", body=f"<!-- {'-' * 10 + 'x' * HUGE} -->"), "one 8 MB comment",
        **article, text=("hugecomment",))
    put("html/unclosed-comment.html", page("nocomment").replace("<article>", "<article><!-- never closed"),
        "a comment that never closes", **either)
    put("html/huge-script.html", page("hugescript", head=f"<script>var s = '{'x' * HUGE}';</script>"),
        "one 8 MB script", **article, text=("hugescript",))
    put("html/unclosed-script.html", page("noscript").replace("<article>", "<article><script>var a = 1;"),
        "a script that never closes", **either)
    put("html/huge-style.html", page("hugestyle", head=f"<style>{'p{color:red}' * (HUGE // 12)}</style>"),
        "one 8 MB style", **article, text=("hugestyle",))
    put("html/data-uri.html", page("datauri", body=f'<img src="data:image/png;base64,{"QUFB" * (HUGE // 4)}">'),
        "an 8 MB data: URI", **article, text=("datauri",))
    put("html/data-uri-links.html", page("datalinks", body="".join(f'<a href="data:text/html,<script>{i}</script>">d</a>'
                                                                   for i in range(10_000))),
        "10,000 data: links", **article, text=("datalinks",))
    put("html/entity-amp.html", page("entityamp", body="<p>" + "&amp;" * 500_000 + "</p>"), "500,000 &amp;",
        **article, text=("entityamp",))
    put("html/entity-bomb.html", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "&lol;" * 10}">' for i in range(10))
        + "]>" + page("entitybomb", body="<p>&lol9;</p>"), "the billion laughs entity bomb", **either,
        absent=("lollollollollollollollollollol",))
    put("html/numeric-entities.html", page("nument", body="<p>&#0; &#xD800; &#99999999999; &#x110000; &#-1; &#;"
                                                        " &#x; &#65;</p>"), "out-of-range numeric entities",
        **article, text=("nument",))
    put("html/xml-decl-utf16.html", '<?xml version="1.0" encoding="utf-16"?>\n' + intl,
        "an XML declaration saying utf-16 on a UTF-8 page", **article, text=zurich)
    put("html/xml-decl-latin1.html", ('<?xml version="1.0" encoding="ISO-8859-1"?>\n' + intl).encode("latin-1"),
        "an XML declaration saying latin-1, Latin-1 bytes", **article, text=zurich)
    put("html/meta-5k.html", page("metas", head='<meta name="keywords" content="a,b,c">' * 5000), "5,000 meta tags",
        **article, text=("metas",))
    put("html/h1-10k.html", page("headings", body="<h1>Another heading</h1>" * 10_000), "10,000 h1",
        **article, text=("headings",))
    put("html/title-1m.html", page("longtitle", title="T" * (1 << 20)), "a 1 MB title", **article,
        text=("longtitle",))
    put("html/jsonld-deep.html", page("jsonlddeep", head='<script type="application/ld+json">'
                                      + '{"@type":"NewsArticle","datePublished":"2024-05-02","x":' + "[" * MANY
                                      + "]" * MANY + "}</script>"), "JSON-LD nested 10^5 deep", **article,
        text=("jsonlddeep",))
    put("html/jsonld-900.html", page("jsonldnine", head='<script type="application/ld+json">'
                                     + "[" * 900 + '{"@type":"NewsArticle","datePublished":"2024-05-02"}' + "]" * 900
                                     + "</script>"), "JSON-LD nested 900 deep (as deep as json reads)", **article,
        text=("jsonldnine",))
    put("html/jsonld-types.html", page("jsonldtypes", head='<script type="application/ld+json">'
                                       + json.dumps({"@type": ["NewsArticle", {}], "datePublished": [1, {}],
                                                     "author": {"name": ["a", 5]}, "headline": 7,
                                                     "publisher": "x", "commentCount": "1" * 30})
                                       + "</script>"), "JSON-LD fields of every wrong type", **article,
        text=("jsonldtypes",))
    put("html/jsonld-bad.html", page("jsonldbad", head='<script type="application/ld+json">{"@type": "NewsArticle",'
                                     ' "datePublished": </script>'), "broken JSON-LD", **article, text=("jsonldbad",))
    for label, content in (("huge-year", "99999999999999999999-01-01"), ("zero", "0000-00-00"),
                           ("feb-30", "2024-02-30T25:61:61Z"), ("epoch-huge", "1" * 40), ("negative", "-2024-05-02"),
                           ("inf", "1e999"), ("tz-huge", "2024-05-02T09:00:00+99:99")):
        put(f"html/date-{label}.html", page(f"date{label.replace('-', '')}",
                                            head=f'<meta name="date" content="{content}">'
                                                 f'<meta itemprop="datePublished" content="{content}">'),
            f"a published date of {content}", **article, text=(f"date{label.replace('-', '')}",))
    put("html/comments-huge.html", page("commentcount", head='<meta name="comment_count" content="' + "9" * 25 + '">'),
        "a comment count of 10^25 (past SQLite's integers)", **article, text=("commentcount",))
    put("html/comments-5000-digits.html", page("commentdigits", head='<meta name="comment_count" content="'
                                               + "9" * 5000 + '">'),
        "a comment count of 5,000 digits (past Python's int parsing limit)", **article, text=("commentdigits",))
    put("html/canonical-js.html", page("canonjs", head='<link rel="canonical" href="javascript:alert(1)">'
                                       '<base href="javascript:alert(2)"><meta http-equiv="refresh" '
                                       'content="0;url=javascript:alert(3)">'), "javascript: canonical, base, refresh",
        **article, text=("canonjs",))
    put("html/frameset.html", "<html><frameset><frame src='a.html'></frameset></html>", "only a frameset", **reject)
    put("html/empty-html.html", "<html></html>", "an empty html element", **reject)
    put("html/image-only.html", "<html><body><img src='a.png'></body></html>", "only an image", **reject)
    put("html/svg-math.html", page("svgmath", body="<svg>" + "<g><path d='M0 0L1 1'/></g>" * 20_000 + "</svg>"
                                                   "<math><mi>x</mi></math>"), "20,000 SVG groups and MathML",
        **article, text=("svgmath",))
    put("html/template-noscript.html", page("templated", body="<template><p>hidden</p></template><noscript><p>no js"
                                                              "</p></noscript>" * 1000), "templates and noscripts",
        **article, text=("templated",))
    put("html/null-in-tag.html", page("nulltag").replace("<article>", "<arti\x00cle>"), "a NUL inside a tag name",
        **article, text=("nulltag",), absent=("\x00",))
    put("html/lang-garbage.html", page("langjunk").replace('lang="en"', 'lang="' + "x-" * 5000 + '"'),
        "a 10 KB lang attribute", **article, text=("langjunk",))
    put("html/tags-only-punct.html", page("punct", title="!!! ??? ...", paragraphs=0, body="<p>" + "!?.,;:" * 1000
                                          + "</p>"), "only punctuation", **either)

    # -- text -----------------------------------------------------------------------------------------------------
    put("text/rtl-arabic.txt", "المجلس يقرر خطة الميناء الجديدة\n\n" + "قال المجلس يوم الثلاثاء إن خطة الميناء "
        "ستقرر قبل نهاية الشهر بعد جلسة استماع عامة في قاعة المدينة.\n" * 5, "Arabic (right to left)", **article,
        text=("خطة الميناء",))
    put("text/rtl-hebrew-bidi.txt", "\u202eThe council of bidiham decides\u202c\n\n" + "\n\n".join(story("bidiham")),
        "bidi override characters", **article, text=("bidiham",))
    zalgo = "".join(ch + "\u0301\u0316\u0334" * 30 for ch in "zalgotown")
    put("text/combining.txt", scrape("zalgotown", body="\n\n".join(story("zalgotown")) + "\n\n" + (zalgo + " ") * 200),
        "letters under 90 combining marks each", **article, text=("zalgotown",))
    put("text/emoji.txt", scrape("emojiville", body="\n\n".join(story("emojiville")) + "\n\n" + "🎉👍🏽🇫🇷" * 5000),
        "15,000 emoji", **article, text=("emojiville",))
    put("text/emoji-only.txt", "🎉🎉🎉 🎉🎉\n\n" + "👍🏽 " * 1000 + "\n", "only emoji", **either)
    zw = "\u200b".join("zerowidth") + " "
    put("text/zero-width.txt", scrape("zerowidth", body="\n\n".join(story("zerowidth")) + "\n\n" + zw * 2000),
        "zero-width spaces between every letter", **article, text=("zerowidth",))
    put("text/only-punctuation.txt", "!!! ??? ...\n\n" + ".,;:!? " * 3000 + "\n", "only punctuation", **either)
    put("text/newlines-1m.txt", "\n" * 1_000_000 + "x", "a million empty lines and one letter", **reject)
    put("text/lines-100k.txt", "Council of linesby to decide\n\n" + "".join(f"Line {i} of linesby.\n" for i in range(MANY)),
        "10^5 short lines", **article, text=("linesby",))
    put("text/cr-only.txt", scrape("crlines").replace("\n", "\r"), "old Mac line ends (CR only)", **article,
        text=("crlines",))
    put("text/form-feeds.txt", scrape("feedton").replace("\n\n", "\n\f\v\n"), "form feeds and vertical tabs",
        **article, text=("feedton",))
    put("text/dash-rule.txt", scrape("ruleton", body="\n\n".join(story("ruleton")) + "\n\n" + "-" * 100_000),
        "a 100 KB rule of dashes", **article, text=("ruleton",))
    put("text/pipes.txt", scrape("pipeton", body="\n\n".join(story("pipeton")) + "\n\n" + "| " * 50_000),
        "50,000 '| ' (credit separators)", **article, text=("pipeton",))
    put("text/comment-count.txt", scrape("countton", body="\n\n".join(story("countton")) + "\n\n"
                                         + "9" * 30 + " comments"), "a scrape with a 30-digit comment count",
        **article, text=("countton",))
    put("text/dateline-junk.txt", "Council of dateton to decide\n\nPublished 99999999 May 99999\n\n"
        + "\n\n".join(story("dateton")), "a dateline with absurd numbers", **article, text=("dateton",))
    put("text/quotes-unbalanced.txt", scrape("quoteton", body="\n\n".join(story("quoteton")) + '\n\n' + '"said ' * 5000),
        "5,000 unbalanced quotes", **article, text=("quoteton",))
    put("text/html-as-text.txt", page("htmltext"), "HTML in a .txt", **article, text=("htmltext",))

    # -- WARC, ARC, gzip -----------------------------------------------------------------------------------------
    pages = [(f"https://w.example/{i}", page(f"warcpage{i}")) for i in range(3)]
    valid = b"".join(response(u, h) for u, h in pages)
    warcinfo = warc_record("warcinfo", "", b"software: newstrace-corpus\r\n",
                           headers="Content-Type: application/warc-fields\r\n")
    put("warc/valid.warc", warcinfo + valid, "a valid WARC of three pages", articles=3, rejects=0,
        text=("warcpage0", "warcpage2"))
    put("warc/valid-1.1.warc", response("https://w.example/v11", page("warceleven"), version="WARC/1.1"),
        "a WARC/1.1 record", **article, text=("warceleven",))
    gz = b"".join(gzip_member(warc_record("response", u, h.encode(), http=http_head())) for u, h in
                  [(f"https://g.example/{i}", page(f"gzpage{i}")) for i in range(3)])
    put("warc/valid.warc.gz", gz, "a valid WARC.gz of three pages", articles=3, rejects=0, text=("gzpage1",))
    put("warc/truncated.warc.gz", gz[: len(gz) - 40], "a WARC.gz cut inside its last member", articles=2, rejects=1,
        reason="truncated")
    put("warc/truncated-payload.warc", valid[: len(valid) - 400], "a WARC cut inside the last payload", articles=2,
        rejects=1)
    put("warc/garbage-after.warc.gz", gz + b"this is not gzip" * 100, "garbage after the last gzip member",
        articles=3, rejects=1)
    put("warc/garbage-between.warc.gz", gzip_member(
        warc_record("response", "https://g.example/b", page("between").encode(), http=http_head()))
        + b"garbage garbage" + gz, "garbage between gzip members", articles=4, rejects=1, text=("between", "gzpage2"))
    put("warc/gzip-bad-crc.warc.gz", gz[:-8] + b"\x00\x00\x00\x00" + gz[-4:], "a WARC.gz whose last CRC is wrong",
        articles=None, rejects=None)
    put("warc/plain-named-gz.warc.gz", valid, "a plain WARC named .warc.gz", articles=3, rejects=0)
    put("warc/gzip-named-plain.warc", gz, "a WARC.gz named .warc", articles=3, rejects=0)
    put("warc/html-named-warc.warc", page("notawarc"), "an HTML page named .warc", **reject, reason="not a warc")
    put("warc/warc-named-html.html", valid, "a WARC named .html", articles=3, rejects=0)
    rec = response("https://w.example/long", page("longrecord"))
    for label, length in (("too-long", len(page("longrecord")) + 200 + 10_000), ("negative", "-5"),
                          ("not-a-number", "lots"), ("1e30", str(10 ** 30))):
        put(f"warc/length-{label}.warc", response("https://w.example/long", page("longrecord"), length=length),
            f"Content-Length {label}", **reject)
    put("warc/length-too-short.warc", response("https://w.example/short", page("shortrec"), length=300) + rec,
        "Content-Length shorter than the record", articles=None, rejects=None)
    put("warc/header-line-100k.warc", response("https://w.example/" + "u" * 100_000, page("longuri")),
        "a 100 KB WARC-Target-URI", **reject, reason="header line")
    put("warc/headers-2mb.warc", response("https://w.example/many", page("manyhead"),
                                          headers="X-Pad: padding padding padding padding\r\n" * 50_000),
        "2 MB of WARC header lines", **reject, reason="record headers")
    put("warc/http-headers-2mb.warc", response("https://w.example/httpmany", page("manyhttp"), http=http_head(
        extra="X-Pad: padding padding padding padding\r\n" * 50_000)), "2 MB of HTTP header lines", **reject,
        reason="record headers")
    put("warc/uri-junk.warc", response("https://w.example/a b\udcff<script>", page("junkuri")),
        "a Target-URI with spaces, markup and a non-UTF-8 byte", **article, text=("junkuri",))
    put("warc/uri-javascript.warc", response("javascript:alert(1)", page("jsuri")),
        "a response record for a javascript: URI (not HTTP, so not a page)", **reject, reason="no pages")
    put("warc/date-junk.warc", response("https://w.example/date", page("junkdate")).replace(
        b"2024-05-02T09:00:00Z", b"not a date at all"), "a WARC-Date that is not a date", **article,
        text=("junkdate",))
    put("warc/no-http-head.warc", warc_record("response", "https://w.example/nohttp", page("nohttp").encode()),
        "a response record without an HTTP head", articles=None, rejects=None)
    put("warc/status-garbage.warc", response("https://w.example/status", page("statusjunk"),
                                             http=http_head(status="HTTP/1.1 abc defg")),
        "an HTTP status line of garbage", articles=None, rejects=None)
    put("warc/charset-bogus.warc", response("https://w.example/cs", intl.replace('<meta charset="utf-8">', ""),
                                            http=http_head("text/html; charset=no-such-thing")),
        "an HTTP charset nobody knows", **article, text=zurich)
    put("warc/charset-utf16-lie.warc", response("https://w.example/cs16", intl, http=http_head("text/html; "
                                                                                              "charset=utf-16")),
        "an HTTP header saying utf-16 over UTF-8 bytes", **article, text=zurich)
    chunked = page("chunkton").encode()
    put("warc/chunked.warc", response("https://w.example/chunked", b"%x\r\n" % len(chunked) + chunked + b"\r\n0\r\n\r\n",
                                      http=http_head(extra="Transfer-Encoding: chunked\r\n")),
        "a chunked HTTP body", **article, text=("chunkton",))
    put("warc/chunked-broken.warc", response("https://w.example/chunkbad", b"zz\r\n" + chunked,
                                             http=http_head(extra="Transfer-Encoding: chunked\r\n")),
        "a broken chunked body", articles=None, rejects=None)
    put("warc/content-gzip.warc", response("https://w.example/gz", gzip_member(page("gzipbody").encode()),
                                           http=http_head(extra="Content-Encoding: gzip\r\n")),
        "a gzip Content-Encoding", **article, text=("gzipbody",))
    put("warc/content-gzip-bomb.warc", response("https://w.example/bomb", gzip_of_zeros(200 << 20),
                                                http=http_head(extra="Content-Encoding: gzip\r\n")),
        "a Content-Encoding gzip bomb (200 MB of zeros)", articles=0, rejects=1)
    put("warc/content-gzip-broken.warc", response("https://w.example/gzbad", b"\x1f\x8b\x08\x00broken",
                                                  http=http_head(extra="Content-Encoding: gzip\r\n")),
        "a broken gzip Content-Encoding", articles=None, rejects=None)
    put("warc/text-plain.warc", response("https://w.example/txt", scrape("plainrec"), http=http_head("text/plain")),
        "a text/plain response", **article, text=("plainrec",))
    put("warc/resource-html.warc", warc_record("resource", "https://w.example/res", page("resourcerec").encode(),
                                               headers="Content-Type: text/html\r\n"),
        "a resource record of HTML (not a response)", **reject, reason="no pages")
    put("warc/only-non-pages.warc", warcinfo + warc_record("request", "https://w.example/", b"GET / HTTP/1.1\r\n\r\n",
                                                           headers="Content-Type: application/http\r\n")
        + response("https://w.example/a.png", b"\x89PNG....", http=http_head("image/png"))
        + warc_record("metadata", "https://w.example/", b"a: b\r\n"), "a crawl of no pages (warcinfo, request, "
        "image, metadata)", **reject, reason="no pages")
    put("warc/revisit.warc", warc_record("revisit", "https://w.example/r", http_head(), headers="WARC-Profile: "
                                         "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n"),
        "a revisit record", **reject, reason="no pages")
    put("warc/empty.warc", b"", "an empty .warc", **reject, reason="no records")
    put("warc/empty.warc.gz", gzip_member(b""), "an empty .warc.gz", **reject, reason="no records")
    put("warc/header-non-utf8.warc", response("https://w.example/nonutf", page("nonutfhead"),
                                              headers="X-Junk: \udcff\udcfe\r\n"), "a WARC header with non-UTF-8 bytes",
        articles=None, rejects=None)
    put("warc/version-0.17.warc", response("https://w.example/old", page("oldversion"), version="WARC/0.17"),
        "WARC/0.17", articles=None, rejects=None)
    put("warc/valid.arc", arc_file([("http://a.example/arc1", http_head() + page("arcpage").encode())]),
        "an ARC file with one page", articles=None, rejects=None, text=())
    put("warc/truncated.arc", arc_file([("http://a.example/arc2", http_head() + page("arctrunc").encode())])[:-500],
        "a truncated ARC file", articles=None, rejects=None)
    put("warc/garbage.arc", b"filedesc://x 0.0.0.0 2024 text/plain 999999\n" + bytes(range(256)) * 4, "ARC garbage",
        articles=0, rejects=1)
    put("gz/bomb.html.gz", gzip_of_zeros(1 << 30), "an HTML gzip bomb (1 GB of zeros)", **reject, reason="larger than")
    put("gz/multi-member.html.gz", gzip_member(page("multigz").encode()[:500]) + gzip_member(page("multigz")
                                                                                             .encode()[500:]),
        "an HTML page in two gzip members", **article, text=("multigz",))
    put("gz/trailing-garbage.html.gz", gzip_member(page("gztrail").encode()) + b"garbage" * 10,
        "trailing garbage after a gzip member", articles=None, rejects=None)
    put("gz/truncated.html.gz", gzip_member(page("gzcut").encode() * 20)[:300], "a truncated .html.gz", **reject,
        reason="truncated")
    put("gz/bad-crc.html.gz", gzip_member(page("gzcrc").encode())[:-8] + b"\0\0\0\0" + gzip_member(b"x")[-4:],
        "a .html.gz whose CRC is wrong", **reject)
    put("gz/empty-member.html.gz", gzip_member(b""), "a .gz of nothing", **reject, reason="empty")
    put("gz/not-gzip.html.gz", page("notgz"), "a plain page named .gz", **article, text=("notgz",))
    put("gz/zip.html", b"PK\x03\x04" + bytes(200), "a zip named .html", **reject, reason="binary")
    with open(root / "gz" / "sparse-100m.html", "wb") as out:
        out.truncate(100 << 20)
    cases.append(Case("gz/sparse-100m.html", "100 MB of zeros named .html", **reject, reason="larger than"))

    # -- JSON Lines -----------------------------------------------------------------------------------------------
    put("jsonl/nested.jsonl", "[" * MANY + "]" * MANY + "\n" + '{"html": ' * 1000 + "1" + "}" * 1000 + "\n"
        + json.dumps({"html": page("nestok")}) + "\n", "JSON nested 10^5 deep, then a good line", articles=1,
        rejects=2, text=("nestok",))
    put("jsonl/huge-string.jsonl", json.dumps({"html": page("bigjson", body="<p>" + "big " * (HUGE // 4) + "</p>")})
        + "\n", "an 8 MB JSON string", **article, text=("bigjson",))
    put("jsonl/duplicate-keys.jsonl", '{"html": "x", "html": ' + json.dumps(page("dupkey")) + "}\n",
        "duplicate keys (the last wins)", **article, text=("dupkey",))
    put("jsonl/not-objects.jsonl", "[1, 2]\n5\nnull\n\"text\"\ntrue\n{}\n{\"html\": \"\"}\n",
        "lines that are not records", articles=0, rejects=7, reason="json lines record")
    put("jsonl/broken-lines.jsonl", '{"html": "a\n{not json}\n\n\r\n' + json.dumps({"text": scrape("jsontext")})
        + "\r\n", "broken lines, blank lines, CRLF, and one text record", articles=1, rejects=2, text=("jsontext",))
    put("jsonl/surrogates.jsonl", json.dumps({"url": "https://j.example/\ud800", "outlet": "\udfff Gazette",
                                              "html": page("surrogate") + "\ud800"}) + "\n",
        "lone surrogates in every field", **article, text=("surrogate",))
    put("jsonl/nul.jsonl", json.dumps({"text": scrape("nuljson") + "\u0000\u0000"}) + "\n", "NULs in a text record",
        **article, text=("nuljson",), absent=("\x00",))
    put("jsonl/bom.jsonl", codecs.BOM_UTF8 + (json.dumps({"html": page("bomjson")}) + "\n").encode(),
        "JSON Lines with a UTF-8 BOM", articles=None, rejects=None)
    put("jsonl/utf16.jsonl", (json.dumps({"html": page("utf16json")}) + "\n").encode("utf-16"),
        "JSON Lines in UTF-16", articles=None, rejects=None)
    put("jsonl/numbers.jsonl", '{"html": ' + json.dumps(page("bignum")) + ', "x": 1e999, "y": NaN, "z": '
        + "9" * 5000 + "}\n", "1e999, NaN and a 5,000-digit number beside a good record", articles=None,
        rejects=None)
    put("jsonl/many-bad-lines.jsonl", "{\n" * 5000, "5,000 broken lines", articles=0, rejects=5000)
    put("jsonl/pretty.json", json.dumps({"html": page("prettyjson")}, indent=2), "a pretty-printed JSON object "
        "(one record over many lines)", articles=None, rejects=None)
    put("jsonl/html-named-jsonl.jsonl", page("htmljsonl"), "an HTML page named .jsonl", articles=0, rejects=None)

    # -- names ----------------------------------------------------------------------------------------------------
    for label, name in (("newline", "names/new\nline.html"), ("tab", "names/tab\there.html"),
                        ("escape", "names/\x1b[31mred\x1b[0m.html"), ("carriage", "names/cr\rname.html"),
                        ("dash", "names/-rf.html"), ("double-dash", "names/--help.html"), ("stdin", "names/-"),
                        ("glob", "names/[a]*?.html"), ("quotes", "names/it's \"quoted\" $(x).html"),
                        ("backslash", "names/back\\slash.html"), ("colon", "names/a:1.html"),
                        ("at", "names/a@0.html"), ("nfd", "names/cafe\u0301.html"), ("emoji", "names/🎉.html"),
                        ("rtl", "names/\u202egnp.html"), ("long", "names/" + "n" * 240 + ".html"),
                        ("space", "names/ leading and trailing .html")):
        put(name, page(f"name{label.replace('-', '')}"), f"a file name with {label}", **article,
            text=(f"name{label.replace('-', '')}",))
    for label, name in (("newline", "names/bad\nempty.html"), ("escape", "names/\x1b]0;title\x07empty.html")):
        put(name, b"", f"an empty file whose name holds {label} (the reject stays one line)", **reject,
            reason="empty")
    deep = "names/" + "/".join(f"d{i}" for i in range(60)) + "/deep.html"
    put(deep, page("deeppath"), "a page 60 folders deep", **article, text=("deeppath",))
    put("names/.hidden.html", page("hidden"), "a hidden file (not a page)", articles=0, rejects=0)
    put("names/sidecar-only.meta.json", '{"url": "x"}', "a sidecar without its page", articles=0, rejects=0)
    os.makedirs(root / "names" / "folder.html")
    cases.append(Case("names/folder.html", "a folder named .html", articles=0, rejects=0, folder=True))

    # -- links and special files -----------------------------------------------------------------------------------
    links = root / "links"
    links.mkdir()
    os.symlink("loop-b.html", links / "loop-a.html")
    os.symlink("loop-a.html", links / "loop-b.html")
    cases += [Case("links/loop-a.html", "a symlink loop", **reject), Case("links/loop-b.html", "a symlink loop",
                                                                           **reject)]
    os.symlink("no-such-target.html", links / "dangling.html")
    cases.append(Case("links/dangling.html", "a dangling symlink", **reject))
    os.symlink("..", links / "up")
    cases.append(Case("links/up", "a symlink to the folder above (a folder loop, not followed)", articles=0,
                      rejects=0, folder=True))
    os.symlink("/dev/zero", links / "zero.html")
    cases.append(Case("links/zero.html", "a symlink to /dev/zero", **reject, reason="not a regular file"))
    os.symlink("/dev/urandom", links / "urandom.warc")
    cases.append(Case("links/urandom.warc", "a symlink to /dev/urandom named .warc", **reject,
                      reason="not a regular file"))
    (links / "target.html").write_text(page("linktarget"), encoding="utf-8")
    os.symlink("target.html", links / "alias.html")
    cases += [Case("links/target.html", "a page", **article, text=("linktarget",)),
              Case("links/alias.html", "a symlink to a page beside it (the same page twice)", articles=None,
                   rejects=0)]
    locked = put("links/unreadable.html", page("lockedpage"), "a file its reader may not read (root may)",
                 **either)
    os.chmod(root / locked.name, 0)
    return cases


_STORY = ("The port authority of Saltmere voted on Tuesday to extend the night shift at North Harbor after a month of "
          "delays, its chair said, adding that the cost would be covered by higher fees for the largest container "
          "lines. Dock workers welcomed the decision but said the union would ask for a review of safety rules before "
          "the summer.")


def near_copy(n: int, story: str = _STORY) -> str:
    """A lightly edited copy of one story (one word in ten replaced), as wire copies are; ``n`` seeds the edits."""
    import random

    rng = random.Random(n)
    words = [rng.choice(["reportedly", "officials", "local", "new"]) if rng.random() < 0.1 else w
             for w in story.split()]
    return (f"<html><head><title>Night shift extended at North Harbor</title><meta property='article:published_time' "
            f"content='2024-03-{1 + n % 28:02d}'></head><body><article><h1>Night shift extended at North Harbor</h1>"
            f"<p>{' '.join(words)}</p></article></body></html>")


# Cases that are not files: run by tests/test_hostile_corpus.py against a real server or command.
OTHER_CASES = [
    OtherCase("web/cursor-1e30", "a cursor holding 10^30 on every list route (SQLite integer overflow)", issue=True),
    OtherCase("web/cursor-negative-huge", "a cursor holding -10^30 and 2^63"),
    OtherCase("web/cursor-shapes", "cursors of every wrong shape (floats, bools, nested lists, 1 MB)"),
    OtherCase("web/q-50k", "/api/claims?q= of 50,000+ characters (LIKE pattern too complex)", issue=True),
    OtherCase("web/q-wildcards", "/api/claims?q= of %, _ and \\ (matched literally)"),
    OtherCase("web/search-hostile", "/api/search with 50,000 characters and broken FTS syntax"),
    OtherCase("web/upload-dotdot", "an upload named '..' (and '.', '/', '', NUL, 400 characters)", issue=True),
    OtherCase("web/405-allow", "a wrong method gets 405 with an Allow header", issue=True),
    OtherCase("web/like-wildcard-id", "/api/articles/______ does not match by LIKE wildcard", issue=True),
    OtherCase("web/readonly-db", "a valid database the user cannot write is still readable (web and CLI)",
              issue=True),
    OtherCase("web/cross-origin-ingest", "a cross-origin or foreign-Host upload is refused", issue=True),
    OtherCase("web/path-junk", "paths of NULs, %00, 10 KB and ../ on every route: no 500"),
    OtherCase("cli/match-50k-spaces", "match with a query of 50,000 spaces", issue=True, kind="command"),
    OtherCase("cli/show-wildcard", "show ______ and show %%%%%% do not match by wildcard", kind="command"),
    OtherCase("cli/trail-100k-query", "trail with a 100 KB free-text query", kind="command"),
    OtherCase("cli/group-dots", "group with a text of 50,000 '.'", kind="command"),
]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile_corpus.py DIR")
    written = write_corpus(sys.argv[1])
    for case in written:
        shown = case.name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        print(f"{shown!r:60} {case.what}")
    print(f"{len(written)} file cases, {len(OTHER_CASES)} other cases", file=sys.stderr)
