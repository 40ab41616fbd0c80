import gzip
import io
import json

from helpers import ARTICLE_HTML, cut_inside_member, warc_bytes

from newstrace.models import Document
from newstrace.read import ReadStats, Reject, iter_documents


def read(*inputs, **kw):
    return list(iter_documents([str(i) for i in inputs], **kw))


def test_html_file_is_one_document(page_file):
    (doc,) = read(page_file)
    assert isinstance(doc, Document) and doc.kind == "html" and doc.content == ARTICLE_HTML.encode()


def test_gz_is_decompressed(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(ARTICLE_HTML.encode()))
    (doc,) = read(path)
    assert doc.content == ARTICLE_HTML.encode()


def test_truncated_gz_is_a_reject_naming_the_file(tmp_path):
    path = tmp_path / "cut.html.gz"
    path.write_bytes(gzip.compress(ARTICLE_HTML.encode() * 20)[:200])
    (rej,) = read(path)
    assert isinstance(rej, Reject) and rej.kind == "truncated" and str(path) in rej.message()


def test_text_scrape_by_extension(tmp_path):
    path = tmp_path / "scrape.txt"
    path.write_text("Headline here\n\nBody text.", encoding="utf-8")
    (doc,) = read(path)
    assert doc.kind == "text"


def test_warc_yields_html_responses_and_counts_the_rest(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes([("https://a.example/1", b"<html><p>one</p></html>"),
                                 ("https://a.example/2", b"<html><p>two</p></html>")], gzip=True))
    stats = ReadStats()
    docs = read(path, stats=stats)
    assert [d.url for d in docs] == ["https://a.example/1", "https://a.example/2"]
    assert all(d.fetched_at and d.http_charset == "utf-8" for d in docs)
    assert stats.warc_records_skipped == 3  # two requests and one image
    assert stats.skipped_by_type == {"request": 2, "response image/png": 1}


def test_truncated_warc_keeps_good_records_and_rejects_the_tail(tmp_path):
    pages = [(f"https://a.example/{i}", f"<html><p>page {i} {'x' * 3000}</p></html>".encode()) for i in range(3)]
    for compressed in (False, True):
        data = warc_bytes(pages, gzip=compressed, extra_records=False)
        path = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
        path.write_bytes(cut_inside_member(data, 0.8) if compressed else data[: int(len(data) * 0.8)])
        items = read(path)
        docs = [i for i in items if isinstance(i, Document)]
        rejects = [i for i in items if isinstance(i, Reject)]
        assert 1 <= len(docs) <= 3
        assert len(docs) + len(rejects) >= 3 or rejects, items
        assert all(r.kind == "truncated" and str(path) in r.source for r in rejects)


def test_jsonl_records(tmp_path):
    path = tmp_path / "pages.jsonl"
    lines = [{"url": "https://x.example/a", "html": ARTICLE_HTML, "fetched_at": "2024-05-02T10:00:00Z"},
             {"url": "https://x.example/b", "text": "Some headline here\n\nSome body."}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Document", "Document", "Reject"]
    assert items[0].kind == "html" and items[0].fetched_at == "2024-05-02T10:00:00Z"
    assert items[1].kind == "text" and items[1].url == "https://x.example/b"
    assert items[2].source.endswith(":3")


def test_folder_glob_and_missing(tmp_path):
    (tmp_path / "a.html").write_text(ARTICLE_HTML)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("A headline of words\n\nText.")
    (tmp_path / "a.html.meta.json").write_text('{"url": "https://given.example/a", "outlet": "Given"}')
    docs = read(tmp_path)
    assert sorted(d.source.rsplit("/", 1)[-1] for d in docs) == ["a.html", "b.txt"]
    a = next(d for d in docs if d.source.endswith("a.html"))
    assert a.url == "https://given.example/a" and a.outlet == "Given"
    assert len(read(str(tmp_path / "*.html"))) == 1
    (missing,) = read(tmp_path / "nope.html")
    assert missing.kind == "missing"


def test_options_win_over_sidecar(tmp_path):
    (tmp_path / "a.html").write_text(ARTICLE_HTML)
    (tmp_path / "a.meta.json").write_text('{"url": "https://sidecar.example/a"}')
    (doc,) = read(tmp_path / "a.html", url="https://option.example/a")
    assert doc.url == "https://option.example/a"


def test_stdin():
    (doc,) = list(iter_documents(["-"], stdin=io.BytesIO(ARTICLE_HTML.encode())))
    assert doc.source == "<stdin>" and doc.content == ARTICLE_HTML.encode()
