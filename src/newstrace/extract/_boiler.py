"""General post-cleaning of trafilatura's output tree (``<body>`` of ``<p>``, ``<head>``, ``<list>``...).

Each rule is generic (no site names) and was kept only where it measurably raised F1 on data/aeb.
"""
from __future__ import annotations

import re

from lxml.etree import _Element

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")

# A list is a link list (related stories, menus, tags) when this share of its items is mostly link text.
LINK_LIST_ITEM_SHARE = 0.8  # judgement; measured on data/aeb (bench/extraction.py)
LINK_ITEM_DENSITY = 0.7  # an item is "mostly link" when link text is this share of its characters

# Lines that are page furniture whatever the site: short, and made of stock phrases.
BOILER_MAX_WORDS = 30  # longer lines are prose even when they contain a stock phrase
_BOILER = re.compile(
    r"^(?:copyright\b|©|\(c\)\s*\d{4}|all rights reserved|"
    r"sign up\b|subscribe\b|thanks? (?:you )?for (?:signing up|subscribing)|"
    r"(?:follow|like) us on\b|share on\b|"
    r"(?:related|read more|read also|see also|more from|recommended)\s*:|"
    r"advertisement$|sponsored content$|"
    r"this copy is for your personal|an error has occurred|there was an error processing|"
    r"write to [^.]{1,60} at \S+@\S+)",
    re.I,
)
_BOILER_ANYWHERE = re.compile(r"all rights reserved|\bcopyright \d{4}|©\s*\d{4}", re.I)


def _norm(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _text(el: _Element) -> str:
    return _norm("".join(el.itertext()))


# Runs of menu items: this many consecutive short lines with no sentence punctuation are a menu, not prose.
NAV_RUN_MIN = 6  # judgement; measured on data/aeb (bench/extraction.py)
NAV_LINE_MAX_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)]\s*$")


def clean_text(text: str) -> str:
    """Line-level cleaning of the extracted text: drop runs of menu items."""
    lines = text.split("\n")
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _menu_like(lines[j]):
            j += 1
        if j - i >= NAV_RUN_MIN:
            for k in range(i, j):
                keep[k] = False
        i = max(j, i + 1)
    return "\n".join(line for line, k in zip(lines, keep) if k)


def _menu_like(line: str) -> bool:
    line = line.strip().lstrip("-•* ")
    if not line:
        return False
    return len(line.split()) <= NAV_LINE_MAX_WORDS and not _SENTENCE_END.search(line)


def clean_body(body: _Element, titles: list[str], standfirst: str | None = None) -> _Element:
    _drop_leading_titles(body, titles)
    if DROP_LEADING_STANDFIRST and standfirst:
        _drop_leading_standfirst(body, standfirst)
    _drop_link_lists(body)
    _drop_boiler_lines(body)
    _strip_refs(body)
    return body


def _drop_leading_titles(body: _Element, titles: list[str]) -> None:
    """The headline (and a repeated one) at the top of the text is metadata, not body."""
    keys = {tuple(_words(t)) for t in titles if t}
    keys.discard(())
    for el in list(body)[:3]:
        if tuple(_words(_text(el))) in keys:
            body.remove(el)


# The standfirst (meta description) repeated as the first line of the text.
DROP_LEADING_STANDFIRST = True


def _drop_leading_standfirst(body: _Element, standfirst: str) -> None:
    key = _words(standfirst)
    children = list(body)
    if len(children) < 2 or not key:
        return
    first = _words(_text(children[0]))
    if first == key:
        body.remove(children[0])


def _link_share(el: _Element) -> float:
    total = len(_text(el))
    if not total:
        return 0.0
    linked = sum(len(_norm("".join(ref.itertext()))) for ref in el.iter("ref"))
    return linked / total


def _drop_link_lists(body: _Element) -> None:
    for lst in list(body.iter("list")):
        items = [i for i in lst if i.tag == "item"]
        if len(items) < 2:
            continue
        linky = sum(1 for i in items if _link_share(i) >= LINK_ITEM_DENSITY)
        if linky / len(items) >= LINK_LIST_ITEM_SHARE:
            parent = lst.getparent()
            if parent is not None:
                _remove(lst)


def _drop_boiler_lines(body: _Element) -> None:
    for el in list(body):
        text = _text(el)
        if not text:
            continue
        n = len(text.split())
        if n <= BOILER_MAX_WORDS and (_BOILER.match(text) or _BOILER_ANYWHERE.search(text)):
            _remove(el)


def _remove(el: _Element) -> None:
    """Remove an element but keep its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _strip_refs(body: _Element) -> None:
    from lxml.etree import strip_tags

    strip_tags(body, "ref")
