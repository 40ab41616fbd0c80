"""Text normalisation and tokenisation for claim matching (stdlib only).

Tweets carry noise that verified claims do not: links, ``pic.twitter.com`` ids, the
``— Name (@handle) May 8, 2019`` trailer of an embedded tweet, @mentions and #CamelCaseHashtags.
:func:`clean` removes the links and the trailer and spells mentions and hashtags out as words
(``@BernieSanders`` -> ``Bernie Sanders``), since the names in them often carry the claim's subject.
:func:`tokens` lowercases, drops stopwords and applies a light suffix stemmer.
"""
from __future__ import annotations

import re
import unicodedata

_URL = re.compile(r"(?:https?://|www\.)\S+|pic\.twitter\.com/\S+|\bt\.co/\S+", re.I)
# A match starts where a run of spaces starts ((?<!\s): the leftmost match always does) and the optional date
# carries its own spaces: without both, 50,000 spaces took 28 s here (a retry at every space of the run).
_TRAILER = re.compile(
    r"(?<!\s)\s*[—–]\s*[^—–]{0,120}?\(@\w+\)(?:\s*[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*$")
_HANDLE_DATE = re.compile(r"(?<!\s)\s*\(@\w+\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$")
_TAG = re.compile(r"([@#])(\w+)")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
                         "′": "'", "`": "'", "\u00a0": " "})

STOPWORDS = frozenset("""
a about above after again against all am an and any are aren't as at be because been before being below between
both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from
further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his
how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor
not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should
shouldn't so some such than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you
you'd you'll you're you've your yours yourself yourselves s t rt amp via also just u will says said say
""".split())


def _split_tag(match: re.Match) -> str:
    parts = _CAMEL.findall(match.group(2))
    return " " + " ".join(parts) + " " if parts else " "


def clean(text: str) -> str:
    """The text without links and tweet trailer, mentions and hashtags spelled out as words."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    text = _URL.sub(" ", text)
    stripped = _TRAILER.sub("", text)
    if len(stripped) >= 20:
        text = stripped
    else:
        text = _HANDLE_DATE.sub("", text)
    text = _TAG.sub(_split_tag, text)
    return re.sub(r"\s+", " ", text).strip()


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """A light English suffix stemmer (plurals, -ing, -ed, -ly, a few derivational endings)."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, repl, min_stem in (("ational", "ate", 3), ("ization", "ize", 3), ("fulness", "ful", 3),
                                   ("iveness", "ive", 3), ("ousness", "ous", 3), ("ements", "e", 3),
                                   ("ement", "e", 3), ("ments", "", 4), ("ment", "", 4), ("ities", "", 4),
                                   ("ity", "", 4), ("ness", "", 4), ("ings", "", 3), ("ing", "", 3),
                                   ("ies", "y", 2), ("ied", "y", 2), ("ly", "", 4), ("ed", "", 3),
                                   ("es", "", 3), ("s", "", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word[:-2].endswith(("sh", "ch", "x", "ss", "z")):
                return word[:-1]
            base = word[: len(word) - len(suffix)] + repl
            if suffix in ("ing", "ed", "ings") and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return _drop_e(base)
    return _drop_e(word)


def _drop_e(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("e") and not word.endswith("ee") else word


def words(text: str) -> list[str]:
    """Lowercased, accent-folded word tokens of already cleaned text (no stopword removal)."""
    return [w.replace("'", "") for w in _WORD.findall(_fold(text))]


def tokens(text: str, *, is_clean: bool = False) -> list[str]:
    """Index terms: cleaned, lowercased, stopwords removed, stemmed."""
    if not is_clean:
        text = clean(text)
    return [stem(w) for w in _WORD.findall(_fold(text)) if w not in STOPWORDS and len(w) > 1 or w.isdigit()]


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
