"""Extraction: a read Document becomes an Article.

Stages, in order (``extract_document`` runs them):
1. decode: bytes to text with the charset cascade; empty and binary inputs are refused here (``_decode``).
2. route: HTML goes to the HTML path; a plain-text scrape (or a "text" document with no markup) to the scrape path.
3. HTML path: parse once with lxml; find dates on the untouched tree (``_dates``); then main text and
   metadata (``_html``), which may clean the tree in place.
4. scrape path: classify each line of a text scrape (``_scrape``) into headline, standfirst, captions, body...
5. assemble: the Article contract, with given metadata (``--url``, ``--outlet``, ``--fetched-at``) winning over
   what the page says, a content-hash id, and the extractor version.
"""
from __future__ import annotations

import re

from .._errors import InputError
from ..models import Article, Document, article_id
from ._decode import decode
from ._lang import resolve_language

EXTRACTOR_VERSION = "extract/1"

__all__ = ["extract_document", "EXTRACTOR_VERSION"]

_MARKUP = re.compile(r"<(html|head|body|div|p|article|meta|title|!doctype)\b", re.I)


def _looks_like_html(text: str) -> bool:
    return bool(_MARKUP.search(text[:5000]))


def extract_document(doc: Document) -> Article:
    """Extract one Document into an Article; raises ``InputError`` (with the source named) on bad input."""
    text, _encoding = decode(doc.content, doc.source, doc.http_charset)
    if doc.kind == "text" and not _looks_like_html(text):
        from ._scrape import extract_scrape

        article = extract_scrape(text, doc.source)
        _check_scrape(article, text, doc.source)
    else:
        article = _extract_html(text, doc)
    article.id = article_id(doc.content)
    article.source = doc.source
    article.url = doc.url or article.url
    article.outlet = doc.outlet or article.outlet
    article.first_seen = doc.fetched_at
    article.language = resolve_language(article.language, article.text)  # the text's own language wins
    article.extractor = EXTRACTOR_VERSION
    return article


def _check_scrape(article: Article, text: str, source: str) -> None:
    """A text file that is not an article (one line: a note, a title; nothing left once menus are dropped) is a
    reject with its reason, never an empty Article."""
    lines = sum(1 for line in text.splitlines() if line.strip())
    if lines < 2:
        raise InputError(source, "a single line of text is not an article (a text scrape has a headline and a body)")
    if not article.text.strip():
        raise InputError(source, "no article text found in the text (only menus, headlines or captions)")


def _extract_html(text: str, doc: Document) -> Article:
    from trafilatura.utils import load_html

    from ._dates import find_dates
    from ._defuse import defuse
    from ._html import extract_html

    tree = load_html(defuse(text))  # an element with 100k attributes took minutes to parse
    if tree is None:
        hint = "" if _looks_like_html(text) else " (no markup in it: for a plain-text scrape, pass --kind text)"
        raise InputError(doc.source, "not parseable as HTML" + hint)
    dates = find_dates(tree, doc.url)
    fields = extract_html(tree, doc.url)
    # A page whose main text cannot be found still has a title, a date, authors...: it is kept as an Article with
    # empty text (a user must not lose it); only a page with neither text nor title nor date is refused.
    if not fields.text.strip() and not fields.title and not dates.published:
        raise InputError(doc.source, "no main text, title or date found in the page")
    return Article(
        id="",
        source=doc.source,
        url=fields.url,
        outlet=fields.outlet,
        title=fields.title,
        standfirst=fields.standfirst,
        published=dates.published,
        modified=dates.modified,
        authors=fields.authors,
        section=fields.section,
        labels=fields.labels,
        language=fields.language,
        text=fields.text,
        captions=fields.captions,
        related=fields.related,
        comments=fields.comments,
        date_source=dates.source,
    )
