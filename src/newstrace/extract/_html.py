"""Main text and metadata of an HTML page.

Main text: trafilatura's extractor (options chosen by measurement on the Article Extraction Benchmark, see
``bench/extraction.py``), then general post-cleaning of its output tree (``_boiler``): the headline repeated at the
top, a dek (heading) repeating the meta description, a trailing "Related"/"You may also like" block, stock
newsletter/share/copyright lines, and runs of menu items.
Metadata: ``_meta`` (meta tags, JSON-LD, canonical link, figcaptions, related blocks, comment counts), which
never runs a date search (the caller found dates already).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement

from ..models import Caption, Related
from . import _meta
from ._boiler import clean_body, clean_text

# trafilatura options, measured on data/aeb (bench/extraction.py, one run, trafilatura 2.3.1):
# fast=True skips the readability/justext fallbacks: F1 0.9623 at ~36 pages/s vs 0.9598 at ~26 pages/s without it;
# include_comments=False: comment sections are not main text (0.9598 vs 0.9525 with comments).
TRAFILATURA_OPTIONS = {"fast": True, "include_comments": False, "include_tables": True}
INCLUDE_LINKS = False  # measured: True changes what trafilatura extracts (F1 0.9631 vs 0.9675)


@dataclass
class HtmlFields:
    text: str = ""
    title: str | None = None
    standfirst: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None  # site name as the page gives it
    section: str | None = None
    labels: list[str] = field(default_factory=list)  # Opinion / Analysis / Editorial / Sponsored ...
    language: str | None = None
    captions: list[Caption] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    comments: int | None = None
    url: str | None = None  # canonical URL if the page declares one


def extract_html(tree: HtmlElement, url: str | None = None) -> HtmlFields:
    """Main text and metadata. May mutate ``tree`` (the orchestrator finds dates first)."""
    pm = _meta.PageMeta(tree)
    outlet = _meta.find_outlet(pm)
    title = _meta.find_title(pm, outlet)
    section = _meta.find_section(pm)
    canonical = _meta.find_url(pm, url)
    fields = HtmlFields(
        title=title,
        standfirst=_meta.find_standfirst(pm),
        authors=_meta.find_authors(pm, outlet),
        outlet=outlet,
        section=section,
        labels=_meta.find_labels(pm, section),
        language=_meta.find_language(pm),
        captions=_meta.find_captions(tree),
        related=_meta.find_related(pm, canonical or url),
        comments=_meta.find_comments(pm),
        url=canonical,
    )
    fields.text = main_text(tree, url, title, fields.standfirst)
    return fields


def main_text(tree: HtmlElement, url: str | None, title: str | None, standfirst: str | None = None) -> str:
    from trafilatura.core import bare_extraction
    from trafilatura.xml import xmltotxt

    h1s = [_meta.text_of(h) for h in tree.iter("h1")]
    doc = bare_extraction(tree, url=url, with_metadata=False, include_links=INCLUDE_LINKS, **TRAFILATURA_OPTIONS)
    if doc is None or doc.body is None:
        return ""
    body = clean_body(doc.body, titles=[t for t in [title, *h1s] if t], standfirst=standfirst)
    return clean_text(xmltotxt(body, False)).strip()
