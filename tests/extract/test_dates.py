"""Unit tests for the publication-date cascade, on small hand-written pages."""
from __future__ import annotations

from lxml import etree
from trafilatura.utils import load_html

from newstrace.extract._dates import DateResult, find_dates, parse_date, url_date


def _page(head: str = "", body: str = "", lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><title>t</title>{head}</head>'
            f"<body><div><h1>Headline</h1>{body}<p>Some article text that is long enough.</p></div></body></html>")


def _dates(html: str, url: str | None = None) -> DateResult:
    tree = load_html(html)
    assert tree is not None
    return find_dates(tree, url)


def test_json_ld_date_published():
    ld = ('<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
          '"datePublished":"2021-05-04T10:00:00+02:00","dateModified":"2021-05-06T09:00:00+02:00"}</script>')
    result = _dates(_page(head=ld))
    assert result.published.startswith("2021-05-04")
    assert result.modified.startswith("2021-05-06")
    assert result.source == "json-ld:datePublished"


def test_meta_article_published_time():
    head = '<meta property="article:published_time" content="2020-02-17T09:00:00+01:00">'
    result = _dates(_page(head=head))
    assert result.published.startswith("2020-02-17")
    assert result.source == "meta:article:published_time"


def test_url_date_wins():
    result = _dates(_page(), url="https://example.org/news/2019/10/16/some-story/")
    assert result.published == "2019-10-16"
    assert result.source == "url"
    assert url_date("https://web.archive.org/web/20160218174457/http://example.org/a") is None


def test_time_element():
    body = '<div><time datetime="2018-03-12T20:30:12+01:00">12 March 2018</time></div>'
    result = _dates(_page(body=body))
    assert result.published.startswith("2018-03-12")
    assert result.source == "time-element"


def test_visible_published_text():
    body = '<p class="article-meta">Published 14 March 2022</p>'
    result = _dates(_page(body=body))
    assert result.published == "2022-03-14"
    assert result.source == "text"


def test_visible_german_date():
    body = '<span class="datum">Veröffentlicht am 3. Februar 2021, 12:30 Uhr</span>'
    assert _dates(_page(body=body, lang="de")).published == "2021-02-03"


def test_only_modified_date():
    head = '<meta property="article:modified_time" content="2022-01-27T16:58:24+01:00">'
    result = _dates(_page(head=head))
    assert result.modified.startswith("2022-01-27")
    assert result.source != "meta:article:modified_time"


def test_no_date():
    result = _dates(_page())
    assert result.published is None
    assert result.source is None


def test_rejects_implausible_dates():
    assert parse_date("1970-01-01") is None
    assert parse_date("2999-01-01T10:00:00Z") is None
    assert parse_date("Tue Jul 30 09:35:14 CEST 2019") == "2019-07-30"


def test_tree_not_mutated():
    ld = '<script type="application/ld+json">{"datePublished":"2021-05-04"}</script>'
    tree = load_html(_page(head=ld, body='<nav>2019-01-01</nav><p class="date">4.5.2021</p>'))
    before = etree.tostring(tree)
    find_dates(tree, None)
    # the no-date page goes through the htmldate fallback, which must not touch the tree either
    bare = load_html(_page(body="<p>nothing here</p>"))
    bare_before = etree.tostring(bare)
    find_dates(bare, None)
    assert etree.tostring(tree) == before
    assert etree.tostring(bare) == bare_before


def test_url_date_without_zero_padding():
    assert url_date("https://www.example.de/home/2017/7/12/unter-uns") == "2017-07-12"
    assert url_date("https://example.org/blog/2021/11/3/a-post") == "2021-11-03"
    assert url_date("https://example.org/2017/7/123/a") is None  # not a day
    assert url_date("https://example.org/2017/13/1/a") is None  # no month 13


def test_url_date_beats_metadata_of_a_later_edit():
    head = '<script type="application/ld+json">{"datePublished":"2019-06-17T10:00:00Z"}</script>'
    result = _dates(_page(head=head), url="https://www.example.de/home/2017/7/12/unter-uns")
    assert result.published == "2017-07-12"
    assert result.source == "url"


def test_structured_metadata_agreeing_beats_a_visible_date():
    # two structured sources agree: one visible "date" (a comment's, a related teaser's) does not outvote them
    head = ('<meta property="article:published_time" content="2021-11-29T08:00:00+01:00">'
            '<script type="application/ld+json">{"datePublished":"2021-11-29T08:00:00+01:00"}</script>')
    body = '<p class="post-meta">12.01.2022</p>'
    result = _dates(_page(head=head, body=body, lang="de"))
    assert result.published.startswith("2021-11-29")


def test_article_dated_from_metadata_when_main_text_is_missing():
    from newstrace import Document, extract_document

    html = _page(head='<meta property="article:published_time" content="2020-02-17T09:00:00+01:00">')
    html = html.replace("<p>Some article text that is long enough.</p>", "")
    article = extract_document(Document(source="p.html", content=html.encode(), kind="html"))
    assert article.published.startswith("2020-02-17")
    assert article.date_source == "meta:article:published_time"
