"""own_voice_denial's quick rejection (a word list) never changes what its regex decides."""
import random
import re

from newstrace.claims._stance import _DISPARAGE_WORDS, SCOPED_DISPARAGE, own_voice_denial


def _by_regex(sentence: str) -> bool:
    return bool(SCOPED_DISPARAGE.search(sentence)) and not re.search(r"\bif\b", sentence, re.I)


MATCHING = [
    "These FALSE claims spread on Monday.", "The report was later proven to be wrong.", "Misinformation, officials say.",
    "The video is a hoax.", "Experts debunked it.", "There is no truth in it.", "That is not true.",
    "The rumours have been baseless.", "A bogus story went viral.", "The photos were fabricated reports.",
    "The claim turned out untrue.", "It was a prank.", "The story is a myth.", "This is satire.",
    "Unverified information about the mayor.", "Groundless allegations surfaced.", "Disinformation followed.",
]


def test_every_alternative_holds_a_listed_word():
    for sentence in MATCHING:
        assert SCOPED_DISPARAGE.search(sentence), sentence
        assert any(word in sentence.lower() for word in _DISPARAGE_WORDS), sentence
        assert own_voice_denial(sentence) == _by_regex(sentence)


def test_quick_rejection_agrees_with_the_regex_on_mixed_sentences():
    rng = random.Random(7)
    pool = ("the claim report story video is was were false fake not true untrue wrong hoax myth prank satire "
            "debunked misinformation no truth if officials said on Tuesday a photo rumours proved turned out "
            "to be baseless bogus Fake FALSE Hoax \u2019 caf\u00e9 \u017fatire").split()
    for _ in range(5000):
        sentence = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        assert own_voice_denial(sentence) == _by_regex(sentence), sentence
