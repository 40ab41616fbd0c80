"""Word lists and text normalisation shared by every stage that compares texts (one place, one stemmer).

:func:`terms` is what the claims layer indexes and compares: lowercased, accent-folded word tokens, stopwords
dropped, a light English suffix stemmer applied. :data:`STOPWORDS` is the one English stop list.
"""
from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Typographic quotes (and the no-break space) made plain: one table for every stage that folds text.
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"',
                         "\u201e": '"', "\u201f": '"', "\u2032": "'", "`": "'", "\u00a0": " "})

STOPWORDS = frozenset("""
a about above after again against all am an and any are aren't as at be because been before being below between
both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from
further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his
how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor
not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should
shouldn't so some such than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you
you'd you'll you're you've your yours yourself yourselves s t d ll m re ve rt amp via also just u will says said say
""".split())

# A text longer than this many characters is cut before tokenising: comparison never needs more, and it bounds cost.
MAX_CHARS = 200_000


def fold(text: str) -> str:
    """Lowercased, NFKC-normalised, accents removed, typographic quotes made plain."""
    if (text or "").isascii():  # the same result without the Unicode passes (most English text)
        return text.replace("`", "'").lower() if text else ""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).lower())
    # the quotes made plain and the combining marks NFKD split off dropped (neither is touched by lowercasing or by
    # NFKD, so doing both after them gives what doing the quotes first gives); str.replace and one regex
    # substitution, because str.translate with a dict costs about 75 ns a character
    for quote, plain in _QUOTE_PAIRS:
        if quote in text:
            text = text.replace(quote, plain)
    if text.isascii():
        return text
    text = _COMBINING_BMP.sub("", text)
    return _COMBINING_ASTRAL.sub("", text) if _ASTRAL.search(text) else text


_QUOTE_PAIRS = tuple((chr(c), plain) for c, plain in QUOTES.items())


def _char_class(points: list[int]) -> str:
    """A regex character class of ``points`` (sorted code points), as ranges."""
    ranges, start = [], None
    for i, c in enumerate(points):
        if start is None:
            start = c
        if i + 1 == len(points) or points[i + 1] != c + 1:
            ranges.append(re.escape(chr(start)) + ("" if c == start else "-" + re.escape(chr(c))))
            start = None
    return "[" + "".join(ranges) + "]"


# Combining marks: all below U+20000 in Unicode 15 (the scan takes about 10 ms at import). Two classes: one of
# Basic Multilingual Plane characters is a bitmap to the regex engine (1 us a sentence); one that also holds
# astral characters is a list of ranges tried one by one (25 us), so it runs only on text that has such characters.
_COMBINING_BMP = re.compile(_char_class([c for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))]))
_COMBINING_ASTRAL = re.compile(_char_class([c for c in range(0x10000, 0x20000) if unicodedata.combining(chr(c))]))
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def words(text: str) -> list[str]:
    """Folded word tokens (no stopword removal, apostrophes dropped)."""
    return [w.replace("'", "") for w in _WORD.findall(fold(text[:MAX_CHARS]))]


# Suffix rules, tried in this order; the first that applies is used.
_SUFFIXES = (("ational", "ate", 3), ("ization", "ize", 3), ("fulness", "ful", 3), ("iveness", "ive", 3),
             ("ousness", "ous", 3), ("ements", "e", 3), ("ement", "e", 3), ("ments", "", 4), ("ment", "", 4),
             ("ities", "", 4), ("ity", "", 4), ("ness", "", 4), ("ings", "", 3), ("ing", "", 3), ("ies", "y", 2),
             ("ied", "y", 2), ("ly", "", 4), ("ed", "", 3), ("es", "", 3), ("s", "", 3))
# The same rules by their last letter, in the same order: a word is tried against those it can end with only.
_SUFFIXES_BY_LAST = {last: tuple(r for r in _SUFFIXES if r[0][-1] == last) for last in {r[0][-1] for r in _SUFFIXES}}


def stem(word: str) -> str:
    """A light English suffix stemmer (plurals, -ing, -ed, -ly, a few derivational endings)."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, repl, min_stem in _SUFFIXES_BY_LAST.get(word[-1:], ()):
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


def terms(text: str, stems: dict[str, str] | None = None) -> list[str]:
    """Index terms of ``text``: folded words without stopwords, stemmed (numbers kept). ``stems``: a word -> stem
    memo the caller keeps across texts (the same terms; stemming is most of the cost of a short text)."""
    kept = [w for w in _WORD.findall(fold(text[:MAX_CHARS])) if w.isdigit() or (len(w) > 1 and w not in STOPWORDS)]
    if stems is None:
        stems = {}
    for w in set(kept):
        if w not in stems:
            stems[w] = stem(w)
    return [stems[w] for w in kept]
