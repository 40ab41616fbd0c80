"""Main text and metadata of an HTML page.

Main text: trafilatura's extractor in its fast mode (options chosen by measurement on the tune part of the Article
Extraction Benchmark, see ``bench/extraction.py``), then general post-cleaning of its output tree (``_boiler``): the
headline repeated at the top, a dek (heading) repeating the meta description, stock newsletter/share/copyright
lines, and runs of menu items. Where that first pass is short, trafilatura's full cascade (readability and jusText
comparison) runs as well: below trafilatura's own minimum of a main text the longer result of a recall-focused run
wins; otherwise an agreement check keeps the first pass unless the two passes found different text. A page with no main
text keeps its metadata (the caller returns it with empty text).
Metadata: ``_meta`` (meta tags, JSON-LD, canonical link, figcaptions, related blocks, comment counts), which
never runs a date search (the caller found dates already).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.etree import Element
from lxml.html import HtmlElement

from ..models import Caption, Related
from . import _meta
from ._boiler import clean_body, clean_text

# trafilatura options, measured on data/aeb (bench/extraction.py, trafilatura 2.3.1):
# fast=True skips the readability/justext fallbacks: with newstrace's cleaning, F1 0.9795 vs 0.9716 without it on the
# tune part (bench/_split.py); include_comments=False: comment sections are not main text (all pages: 0.9598 vs
# 0.9525 with comments); include_tables: neutral on the tune part, kept as trafilatura's default.
TRAFILATURA_OPTIONS = {"fast": True, "include_comments": False, "include_tables": True}
INCLUDE_LINKS = False  # measured on the tune part: True changes what trafilatura extracts (F1 0.9245 vs 0.9795)
# Second pass, only where the first is short: trafilatura's whole cascade as its default runs it (comparison with
# readability and jusText, baseline rescue, recall escalation), comments still left out.
CHECK_OPTIONS = {"fast": False, "include_comments": False, "include_tables": True}
# ... and with its recall focus where the first pass found (almost) nothing. Only there: on the pages of other sites
# in data/dates (bench/extraction.py --other) recall found the story under an empty first pass, but as the check of
# a longer first pass it swapped blog posts for whole-page dumps.
RECALL_OPTIONS = {**CHECK_OPTIONS, "favor_recall": True}
# A first-pass text shorter than this (characters) is "unsure": trafilatura's own MIN_EXTRACTED_SIZE (settings.cfg),
# below which it treats an extraction as under-delivered; the longer of the two passes wins. Not tuned: 0 to 500
# give the same F1 on the tune part of data/aeb.
MIN_CONFIDENT_CHARS = 250
# A first-pass text is checked against a second pass only where trafilatura itself would suspect under-extraction
# (its recall escalation, core.py): shorter than ESCALATION_MAX_LENGTH characters and covering less than
# ESCALATION_PAGE_SHARE of the page's text. Both are trafilatura's numbers, not tuned here; the share keeps the second
# pass (twice the cost of the first) to about one page in ten of data/dates and data/aeb.
CHECK_BELOW_CHARS = 3000
CHECK_BELOW_PAGE_SHARE = 0.2
# Agreement check: when less than this share of the first pass's word 4-shingles (the benchmark's unit) is found in
# a longer second pass, the two found different blocks (a teaser, a newsletter box, a standfirst instead of the
# story) and the second pass, which compared its pick with readability and jusText, wins. Judgement, not tuned:
# on the tune part of data/aeb the check never fires (0.2 to 0.8 give the same F1); on the 799 pages of other sites
# in data/dates it moves the pages where the fast pass had picked a wrong block (bench/extraction.py --other).
MIN_AGREEMENT = 0.5
# Pages past these sizes are not given to trafilatura's extractor, whose cost grows faster than the page: it checks
# each candidate block's paragraph text with the XPath //p//text(), which libxml2 evaluates in quadratic time (node
# sets merged without duplicates: 100,000 short paragraphs took 11 s, 200,000 took 63 s), and some of its passes
# count or walk an element's children once per child (200,000 links in one block: 23 s, 100,000: 6 s). Such a page
# gets trafilatura's linear baseline instead (its article element's text, else its paragraphs). The largest of the
# 980 real pages in data/aeb and data/dates has 9,748 elements and 821 text runs in paragraphs.
MAX_PARAGRAPH_TEXTS = 20_000
MAX_ELEMENTS = 50_000
_WORD = re.compile(r"\w+")


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
    """The main text of the page, or "" when neither pass finds any. ``tree`` is not changed (trafilatura copies it)."""
    from trafilatura.baseline import html2txt

    if _too_big(tree):
        from trafilatura.baseline import baseline

        return clean_text(baseline(tree)[1]).strip()
    h1s = [_meta.text_of(h) for h in tree.iter("h1")]
    titles = [t for t in [title, *h1s] if t]
    text = _extract(tree, url, titles, standfirst, TRAFILATURA_OPTIONS)
    if len(text) < MIN_CONFIDENT_CHARS:
        return max((text, _extract(tree, url, titles, standfirst, RECALL_OPTIONS)), key=len)
    if len(text) >= CHECK_BELOW_CHARS or len(text) >= CHECK_BELOW_PAGE_SHARE * len(html2txt(tree)):
        return text
    second = _extract(tree, url, titles, standfirst, CHECK_OPTIONS)
    if len(second) > len(text) and agreement(text, second) < MIN_AGREEMENT:
        return second
    return text


def _too_big(tree: HtmlElement) -> bool:
    """Whether the page has more than MAX_ELEMENTS elements or MAX_PARAGRAPH_TEXTS text runs in paragraphs (counted
    in one linear walk, stopping at the limit)."""
    for count, _ in enumerate(tree.iter(), 1):
        if count > MAX_ELEMENTS:
            return True
    texts = 0
    for paragraph in tree.iter("p"):
        texts += sum(1 for _ in paragraph.itertext())
        if texts > MAX_PARAGRAPH_TEXTS:
            return True
    return False


def agreement(text: str, other: str) -> float:
    """Share of ``text``'s distinct word 4-shingles also found in ``other`` (1.0 for a text too short to have any)."""
    mine, theirs = _shingles(text), _shingles(other)
    return len(mine & theirs) / len(mine) if mine else 1.0


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


def _extract(tree: HtmlElement, url: str | None, titles: list[str], standfirst: str | None,
             options: dict[str, bool]) -> str:
    """The cleaned text of one trafilatura pass."""
    from trafilatura.core import bare_extraction
    from trafilatura.xml import xmltotxt

    doc = bare_extraction(tree, url=url, with_metadata=False, include_links=INCLUDE_LINKS, **options)
    if doc is None or doc.body is None:
        return ""
    body = doc.body
    if body.tag != "body":  # trafilatura's fallbacks may hand back one element rather than a <body> of them
        body = Element("body")
        body.append(doc.body)
    body = clean_body(body, titles=titles, standfirst=standfirst)
    return clean_text(xmltotxt(body, False)).strip()
