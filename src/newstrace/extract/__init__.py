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
    else:
        article = _extract_html(text, doc)
    article.id = article_id(doc.content)
    article.source = doc.source
    article.url = doc.url or article.url
    article.outlet = doc.outlet or article.outlet
    article.first_seen = doc.fetched_at
    article.extractor = EXTRACTOR_VERSION
    return article


def _extract_html(text: str, doc: Document) -> Article:
    from trafilatura.utils import load_html

    from ._dates import find_dates
    from ._html import extract_html

    tree = load_html(text)
    if tree is None:
        raise InputError(doc.source, "not parseable as HTML")
    dates = find_dates(tree, doc.url)
    fields = extract_html(tree, doc.url)
    if not fields.text.strip():
        raise InputError(doc.source, "no main text found in the page")
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
