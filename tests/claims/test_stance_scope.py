"""own_voice_denial's quick rejection (a word list) never changes what its regex decides."""
import random
import re

from newstrace.claims._stance import _DISPARAGE_WORDS, SCOPED_DISPARAGE, own_voice_denial, own_voice_denials


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


def test_one_look_at_the_whole_text_agrees_with_each_sentence():
    rng = random.Random(11)
    pool = ("the claim report story is was false fake not true hoax officials said on Tuesday a photo rumours "
            "turned out to be baseless caf\u00e9 \u017fatire . Mayor").split()
    for _ in range(2000):
        sentences = [" ".join(rng.choice(pool) for _ in range(rng.randint(1, 8))) for _ in range(rng.randint(0, 5))]
        text = " ".join(sentences)
        assert own_voice_denials(text, sentences) == [own_voice_denial(s) for s in sentences], sentences
