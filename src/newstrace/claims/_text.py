"""Text normalisation and tokenisation for claim matching (stdlib only).

Tweets carry noise that verified claims do not: links, ``pic.twitter.com`` ids, the
``— Name (@handle) May 8, 2019`` trailer of an embedded tweet, @mentions and #CamelCaseHashtags.
:func:`clean` removes the links and the trailer and spells mentions and hashtags out as words
(``@BernieSanders`` -> ``Bernie Sanders``), since the names in them often carry the claim's subject.
:func:`tokens` are the cleaned text's index terms (``text.words.terms``: folded, stopwords dropped, stemmed).
"""
from __future__ import annotations

import re
import unicodedata

from ..text.words import QUOTES, STOPWORDS, terms, words

_URL = re.compile(r"(?:https?://|www\.)\S+|pic\.twitter\.com/\S+|\bt\.co/\S+", re.I)
# A match starts where a run of spaces starts ((?<!\s): the leftmost match always does) and the optional date
# carries its own spaces: without both, 50,000 spaces took 28 s here (a retry at every space of the run).
_TRAILER = re.compile(
    r"(?<!\s)\s*[—–]\s*[^—–]{0,120}?\(@\w+\)(?:\s*[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*$")
_HANDLE_DATE = re.compile(r"(?<!\s)\s*\(@\w+\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$")
_TAG = re.compile(r"([@#])(\w+)")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _split_tag(match: re.Match) -> str:
    parts = _CAMEL.findall(match.group(2))
    return " " + " ".join(parts) + " " if parts else " "


def clean(text: str) -> str:
    """The text without links and tweet trailer, mentions and hashtags spelled out as words."""
    text = unicodedata.normalize("NFKC", text or "").translate(QUOTES)
    text = _URL.sub(" ", text)
    stripped = _TRAILER.sub("", text)
    if len(stripped) >= 20:
        text = stripped
    else:
        text = _HANDLE_DATE.sub("", text)
    text = _TAG.sub(_split_tag, text)
    return re.sub(r"\s+", " ", text).strip()


def tokens(text: str, *, is_clean: bool = False) -> list[str]:
    """Index terms of the cleaned text (``text.words.terms``: folded, stopwords dropped, stemmed)."""
    return terms(text if is_clean else clean(text))


def numbers(text: str) -> set[str]:
    """Numbers mentioned in the text, normalised (``1,000`` -> ``1000``)."""
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def capitalised(text: str) -> set[str]:
    """Lowercased capitalised words not at a sentence start: a cheap proxy for names."""
    found = set()
    for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]{2,}", text):
        w = m.group(0).lower()
        if w not in STOPWORDS:
            found.add(w)
    return found


def char_ngrams(text: str, n_min: int = 3, n_max: int = 5) -> list[str]:
    """Character n-grams of the folded text, words padded with spaces."""
    norm = " " + " ".join(words(text)) + " "
    grams = []
    for n in range(n_min, n_max + 1):
        grams.extend(norm[i:i + n] for i in range(len(norm) - n + 1))
    return grams
