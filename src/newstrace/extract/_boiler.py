"""General post-cleaning of trafilatura's output tree (``<body>`` of ``<p>``, ``<head>``, ``<list>``...).

Each rule is generic (no site names) and was kept only where it measurably raised F1 on the tune part of data/aeb
(bench/_split.py; ablation on that part: dropping the leading-title rule costs 0.0035 F1, the menu-run rule 0.0032,
the dek rule 0.0005, the stock-line rule 0.0003).
"""
from __future__ import annotations

import re

from lxml.etree import _Element

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")

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
NAV_RUN_MIN = 10  # judgement: 6 also cut spec lists and short-line tables that gold keeps (tune part: 0.9795 vs 0.9791)
NAV_LINE_MAX_WORDS = 6
NAV_LINE_MAX_CHARS = 50  # also bounds lines of scripts written without spaces (CJK)
_SENTENCE_END = re.compile(r"[.!?:;\"'”’。！？」]\s*$")


def clean_text(text: str) -> str:
    """Line-level cleaning of the extracted text: drop runs of menu items.

    (A cut at a trailing "Related"/"You may also like" heading was tried and dropped: no effect on the tune part of
    data/aeb, and a risk to the text of pages whose own sections carry such headings.)
    """
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
    line = line.strip()
    if not line or line.startswith("- "):  # list items of the article's own lists are kept
        return False
    return (len(line.split()) <= NAV_LINE_MAX_WORDS and len(line) <= NAV_LINE_MAX_CHARS
            and not _SENTENCE_END.search(line))


def clean_body(body: _Element, titles: list[str], standfirst: str | None = None) -> _Element:
    _drop_leading_titles(body, titles)
    if DROP_LEADING_STANDFIRST and standfirst:
        _drop_leading_standfirst(body, standfirst)
    _drop_boiler_lines(body)
    return body


def _drop_leading_titles(body: _Element, titles: list[str]) -> None:
    """The headline (and a repeated one) at the top of the text is metadata, not body."""
    keys = {tuple(_words(t)) for t in titles if t}
    keys.discard(())
    for el in list(body)[:3]:
        if tuple(_words(_text(el))) in keys:
            body.remove(el)


# The standfirst (meta description) repeated at the top of the text. Measured on data/aeb (all pages, before the split):
# dropping it whatever its tag is neutral (P +0.004, R -0.004: pages whose description is the first paragraph
# keep it in the body); dropping it only when it is a heading (a dek) gives F1 0.9693 -> 0.9713, recall unchanged.
DROP_LEADING_STANDFIRST = True
DEK_HEADS_ONLY = True


def _drop_leading_standfirst(body: _Element, standfirst: str) -> None:
    key = _words(standfirst)
    children = list(body)
    if len(children) < 2 or not key:
        return
    first = _words(_text(children[0]))
    if first == key and (children[0].tag == "head" or not DEK_HEADS_ONLY):
        body.remove(children[0])


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
