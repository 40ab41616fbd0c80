"""Unit tests of the HTML path (main text and metadata) on small hand-written pages."""
from __future__ import annotations

from trafilatura.utils import load_html

from newstrace.extract._html import extract_html
from newstrace.extract._meta import split_credit

PARAS = [
    "The city council voted on Tuesday to expand the river walk by two kilometres, a project first proposed a decade ago.",
    "Supporters said the extension would bring visitors to the northern districts, where shops have struggled for years.",
    "Opponents argued that the cost, estimated at forty million euros, would be better spent on schools and buses.",
    "The mayor said construction could begin next spring if the regional government approves the funding request.",
    "Residents will be able to comment on the plans at a public meeting in the town hall later this month.",
]


def page(head: str = "", body_class: str = "", before: str = "", after: str = "", article_attrs: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">{head}</head>
<body class="{body_class}">
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article {article_attrs}>
<h1>River walk to be extended north</h1>
{before}
<div class="article-body">{paras}</div>
{after}
</article></main>
<footer><p>Copyright 2024 Example Media. All rights reserved.</p></footer>
</body></html>"""


HEAD = """<title>River walk to be extended north | The Daily Example</title>
<meta property="og:title" content="River walk to be extended north | The Daily Example">
<meta property="og:site_name" content="The Daily Example">
<meta name="description" content="Council backs a two-kilometre extension of the river walk.">
<meta property="article:section" content="Local News">
<meta name="author" content="By Jane Doe">
<link rel="canonical" href="https://example.org/local/river-walk">"""


def run(html: str, url: str | None = None):
    return extract_html(load_html(html), url)


def test_main_text_keeps_paragraphs_and_drops_furniture():
    before = '<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>'
    after = """
<div class="newsletter-signup"><h3>Sign up for our newsletter</h3><p>Get the best stories in your inbox every morning.</p>
<form><input type="email"><button>Subscribe</button></form></div>
<aside class="related-stories"><h3>Related</h3><ul>
<li><a href="/a">Bridge repairs delayed until next summer again</a></li>
<li><a href="/b">New cycle lanes open along the old harbour road</a></li></ul></aside>
<section id="comments" class="comments"><h3>3 Comments</h3><div class="comment"><p>Great news for the north side of town, about time!</p></div></section>"""
    fields = run(page(HEAD, before=before, after=after))
    text = fields.text
    for p in PARAS:
        assert p in text
    assert text.count("\n") >= len(PARAS) - 1  # paragraphs on their own lines
    for junk in ("Home", "Share on Facebook", "newsletter", "Subscribe", "Bridge repairs", "Great news", "Copyright"):
        assert junk not in text
    assert not text.startswith("River walk to be extended north")


def test_title_without_site_suffix():
    assert run(page(HEAD)).title == "River walk to be extended north"
    head = '<title>Storm closes ferry port - Coastal Herald</title>'
    html = page(head).replace("River walk to be extended north", "Storm closes ferry port")
    assert run(html).title == "Storm closes ferry port"


def test_authors_from_meta_and_jsonld():
    assert run(page(HEAD)).authors == ["Jane Doe"]
    ld = """<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "River walk to be extended north", "author": [{"@type": "Person", "name": "Ana Lima"},
    {"@type": "Person", "name": "Tom Berg"}], "publisher": {"@type": "Organization", "name": "Example Media Group"},
    "commentCount": 17}</script>"""
    fields = run(page(ld))
    assert fields.authors == ["Ana Lima", "Tom Berg"]
    assert fields.outlet == "Example Media Group"
    assert fields.comments == 17


def test_byline_author():
    before = '<p class="byline">By <a rel="author" href="/staff/kim">Kim Park</a></p>'
    assert run(page(before=before)).authors == ["Kim Park"]


def test_outlet_from_site_name_and_none_without():
    assert run(page(HEAD)).outlet == "The Daily Example"
    fields = run(page("<title>River walk to be extended north</title>"), url="https://www.dailyexample.org/x")
    assert fields.outlet is None  # never guessed from the domain


def test_section_from_meta_and_breadcrumb():
    assert run(page(HEAD)).section == "Local News"
    crumbs = '<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/env">Environment</a></li></ol>'
    assert run(page(before=crumbs)).section == "Environment"


def test_opinion_label():
    head = '<meta property="article:section" content="Opinion">'
    assert "Opinion" in run(page(head)).labels
    assert "Opinion" in run(page(body_class="article-page opinion")).labels
    kicker = '<span class="kicker">Analysis</span>'
    assert run(page(before=kicker)).labels == ["Analysis"]
    assert run(page(HEAD)).labels == []


def test_captions_with_credit_split():
    fig = """<figure><img src="a.jpg"><figcaption>Workers survey the river bank on Monday. Photo: Reuters</figcaption></figure>
<figure><img src="b.jpg"><figcaption>The mayor at the council meeting. (AP Photo/John Smith)</figcaption></figure>
<figure><img src="c.jpg"><figcaption>The old bridge at dusk. <span class="credit">Maria Lopez / Example Media</span></figcaption></figure>"""
    caps = run(page(before=fig)).captions
    assert [(c.text, c.credit) for c in caps] == [
        ("Workers survey the river bank on Monday.", "Reuters"),
        ("The mayor at the council meeting.", "AP Photo/John Smith"),
        ("The old bridge at dusk.", "Maria Lopez / Example Media"),
    ]
    assert split_credit("Crowds gather in the square | Credit: Jan Novak").credit == "Jan Novak"
    assert split_credit("Crowds gather in the square").credit is None


def test_related_links():
    after = """<div class="more"><h3>Read more</h3><ul>
<li><a href="/local/bridge">Bridge repairs delayed until next summer again</a></li>
<li><a href="https://example.org/local/lanes">New cycle lanes open along the old harbour road</a></li>
<li><a href="/tag/x">Tags</a></li></ul></div>"""
    related = run(page(HEAD, after=after), url="https://example.org/local/river-walk").related
    assert [(r.title, r.url) for r in related] == [
        ("Bridge repairs delayed until next summer again", "https://example.org/local/bridge"),
        ("New cycle lanes open along the old harbour road", "https://example.org/local/lanes"),
    ]


def test_comments_count_shown_on_page():
    after = '<div class="tools"><a href="#comments">12 Comments</a></div>'
    assert run(page(after=after)).comments == 12
    assert run(page(HEAD)).comments is None


def test_canonical_url_and_language():
    fields = run(page(HEAD))
    assert fields.url == "https://example.org/local/river-walk"
    assert fields.language == "en"
    html = page('<meta property="og:url" content="/x/y">').replace('lang="en-GB"', "")
    fields = run(html, url="https://example.net/a")
    assert fields.url == "https://example.net/x/y"
    assert fields.language is None
    assert run(page('<meta property="og:locale" content="de_DE">').replace('lang="en-GB"', "")).language == "de"


def test_standfirst_from_description():
    assert run(page(HEAD)).standfirst == "Council backs a two-kilometre extension of the river walk."


# --- when the main text is missing or unsure ---------------------------------------------------------------------

def _document(html: str, url: str | None = None):
    from newstrace import Document

    return Document(source="page.html", content=html.encode("utf-8"), kind="html", url=url)


def test_page_without_main_text_keeps_metadata_and_date():
    from newstrace import extract_document

    # the only prose sits in a comment section (never main text): the page must still come back, dated and titled
    html = f"""<!DOCTYPE html><html lang="en"><head>{HEAD}
<meta property="article:published_time" content="2024-05-04T10:00:00+02:00"></head>
<body><h1>River walk to be extended north</h1><section class="comments">{''.join(f'<p>{p}</p>' for p in PARAS)}</section></body></html>"""
    article = extract_document(_document(html))
    assert article.title == "River walk to be extended north"
    assert article.published.startswith("2024-05-04")
    assert article.authors == ["Jane Doe"]
    assert article.text == ""


def test_page_with_nothing_is_refused_in_one_line():
    import pytest

    from newstrace import InputError, extract_document

    with pytest.raises(InputError) as err:
        extract_document(_document("<html><body><div class='comments'><p>x</p></div></body></html>"))
    assert "\n" not in str(err.value)
    assert "no main text, title or date" in str(err.value)


def test_unsure_first_pass_falls_back_to_trafilaturas_full_cascade(monkeypatch):
    from newstrace.extract import _html

    calls = []
    answers = {id(_html.TRAFILATURA_OPTIONS): "Home", id(_html.RECALL_OPTIONS): " ".join(PARAS)}

    def fake(tree, url, titles, standfirst, options):
        calls.append(options)
        return answers[id(options)]

    monkeypatch.setattr(_html, "_extract", fake)
    assert run(page(HEAD)).text == " ".join(PARAS)
    assert calls == [_html.TRAFILATURA_OPTIONS, _html.RECALL_OPTIONS]
    answers[id(_html.RECALL_OPTIONS)] = ""  # the longer of the two passes wins
    assert run(page(HEAD)).text == "Home"


def test_long_first_pass_is_not_second_guessed(monkeypatch):
    from newstrace.extract import _html

    calls = []
    real = _html._extract

    def spy(*args):
        calls.append(args[-1])
        return real(*args)

    monkeypatch.setattr(_html, "_extract", spy)
    long_page = page(HEAD).replace("".join(f"<p>{p}</p>" for p in PARAS), "".join(f"<p>{p}</p>" for p in PARAS * 6))
    text = run(long_page).text
    assert len(text) >= _html.CHECK_BELOW_CHARS
    assert calls == [_html.TRAFILATURA_OPTIONS]


def test_agreement_check_between_the_two_passes(monkeypatch):
    from newstrace.extract import _html

    newsletter = ("Welcome back to the morning briefing. Thanks for subscribing, and consider inviting your friends "
                  "and colleagues to join us. Was this email forwarded to you? Sign up here to get it every day, and "
                  "reply to this email with tips or thoughts on what we can do better.")
    story = " ".join(PARAS)
    answers = {id(_html.TRAFILATURA_OPTIONS): newsletter, id(_html.CHECK_OPTIONS): story}
    monkeypatch.setattr(_html, "_extract", lambda tree, url, titles, sf, options: answers[id(options)])
    # a page with much more text than the first pass found (here a long comment thread)
    busy = page(HEAD, after='<section class="comments">' + "".join(f"<p>{p}</p>" for p in PARAS * 8) + "</section>")
    assert run(busy).text == story  # the passes found different blocks: the full cascade wins
    assert run(page(HEAD)).text == newsletter  # the first pass has a fair share of the page's text: not checked
    # the second pass found the same story plus furniture: the (cleaner) first pass is kept
    answers[id(_html.TRAFILATURA_OPTIONS)] = story
    answers[id(_html.CHECK_OPTIONS)] = story + "\n" + newsletter
    assert run(busy).text == story
    assert _html.agreement(story, story + newsletter) == 1.0
    assert _html.agreement(newsletter, story) == 0.0
    assert _html.agreement("too short", story) == 1.0


def test_related_heading_in_article_body_is_not_a_cut():
    # a section heading "Related" inside the article must not cut what follows it
    body = "".join(f"<p>{p}</p>" for p in PARAS[:3]) + "<h2>Related</h2>" + "".join(f"<p>{p}</p>" for p in PARAS[3:])
    html = page(HEAD).replace("".join(f"<p>{p}</p>" for p in PARAS), body)
    text = run(html).text
    assert PARAS[4] in text
