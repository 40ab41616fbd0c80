"""The stance text helpers: a sentence of ``sentences`` is already normalised, so its words need no second pass."""
import pytest

from newstrace.stance._text import normalise, phrase_counts, sentences, words

_QUOTES = "\u2018\u2019\u201c\u201d\u2013\u2014"


@pytest.mark.slow  # every code point: about 10 s
def test_normalise_is_idempotent_on_every_code_point_and_after_curly_quotes():
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        for text in (chr(code), _QUOTES[code % len(_QUOTES)] + chr(code)):
            once = normalise(text)
            assert normalise(once) == once, hex(code)


def test_words_and_phrases_of_a_normalised_sentence_are_those_of_the_raw_one():
    text = "The \u201cclaim\u201d is \uff46\uff41\uff4b\uff45 \u2014 officials said it isn\u2019t true. Reportedly, no."
    for sent in sentences(text):
        assert words(sent, normalised=True) == words(sent)
        assert phrase_counts(sent, normalised=True) == phrase_counts(sent)
