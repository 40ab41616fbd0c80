"""Stance toward a claim, from scoped evidence: which statements of an article are about the claim, what each
does to it (asserts, denies, reports), and what the article's own voice does (with the article-level model).

A denial needs scope: a denial verb whose content restates the claim or refers back to it ("denied the reports"),
or a negation inside content that restates the claim; the content must be about the claim by similarity, not
merely in the same article. Hedges and conditionals ("if the rumours are true", "reportedly") make ``reports``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

DENY_LEMMAS = frozenset({"deny", "reject", "dismiss", "refute", "debunk", "dispute", "contradict", "rebut",
                         "disavow", "repudiate", "discredit", "disprove", "retract", "downplay"})
# Denial verbs with other senses ("dismissed 849 cases", "reject birth certificates", "downplayed the threat"): they
# deny a claim only when their content is a proposition about it ("that ...", "as false ...") or a reference back to a
# claim ("the reports").
OBJECT_DENY_LEMMAS = frozenset({"dismiss", "reject", "downplay", "retract", "discredit"})
PROPOSITION = re.compile(r"^\W*(?:that|as)\b", re.I)
# A denial verb under a negation or a refusal ("will not confirm or deny", "declined to deny", "neither confirmed
# nor denied") denies nothing: the article reports that the speaker would not say. Read in the words before the cue.
NEGATED_CUE = re.compile(r"(?:\b(?:not|never|neither|nor|refused|refuses|refusing|declined|declines|declining|"
                         r"without)\b|n't)(?:\s+\w+){0,3}\s*$", re.I)
# Characters before a cue read for its negation.
CUE_CONTEXT = 40
# Words by which a speaker or an article calls something untrue (newstrace takes no side: it records who did).
DISPARAGE = re.compile(r"\b(misinformation|disinformation|false|falsely|falsehoods?|fake|unverified|baseless|"
                       r"unfounded|debunked|hoax(?:es)?|propaganda|lies|lying|fabricat\w*|untrue|groundless|bogus|"
                       r"not true|no truth|nonsense|rubbish|speculation|myth|satir\w+|prank|photoshopped|doctored)\b",
                       re.I)
# Nouns that refer back to a claim ("denied the reports", "this unverified information").
CORE_CLAIM_NOUN = r"(?:claims?|reports?|rumou?rs?|allegations?|information|stor(?:y|ies)|news)"
CLAIM_NOUN = (rf"(?:{CORE_CLAIM_NOUN}|accusations?|speculation|suggestions?|assertions?|articles?|account|theory|"
              r"video|photos?|images?|pictures?|post|tweet|statements?)")
# "this unverified information", "the reports": an article's own words pointing back at a claim
CLAIM_REFERENCE = re.compile(rf"\b(?:this|these|those|the|such)\s+(?:\w+\s+){{0,2}}{CORE_CLAIM_NOUN}\b", re.I)
BACK_REFERENCE = re.compile(rf"^\W*(?:that\s+)?(?:the|these|those|this|such|any|all|media|press|recent)?\s*"
                            rf"(?:\w+\s+){{0,3}}{CLAIM_NOUN}\b", re.I)
# A disparaging word applied to a claim noun, or a claim noun called untrue, in the article's own voice.
SCOPED_DISPARAGE = re.compile(
    rf"\b(?:(?:false|fake|unverified|baseless|unfounded|bogus|debunked|fabricated|untrue|groundless)\s+(?:\w+\s+){{0,2}}"
    rf"{CLAIM_NOUN}|{CLAIM_NOUN}\s+(?:\w+\s+){{0,3}}(?:is|are|was|were|has been|have been|proved|proven|turned out)\s+"
    rf"(?:to be\s+)?(?:\w+\s+)?(?:false|fake|untrue|a hoax|baseless|unfounded|bogus|fabricated|wrong|not true)|"
    rf"^(?:misinformation|disinformation)\b|\b(?:is|was|are|were)\s+(?:a\s+|an\s+)?(?:hoax|fake|myth|satire|prank)\b|"
    rf"\bdebunk\w*|\bno truth\b|\bnot true\b)", re.I)
NEGATION = re.compile(r"\b(?:not|never|no|none|nothing|neither|nor|cannot)\b|n't\b", re.I)
HEDGE = re.compile(r"\b(?:if|whether|unless|reportedly|allegedly|purportedly|rumou?red|unconfirmed|may|might|could)\b",
                   re.I)
# "isn't so much a pipe dream as a certainty": a negation answered by a contrast is not a denial.
CONTRAST = re.compile(r"(?:\bnot|n't)\s+(?:so\s+much|only|just|merely)\b|\bno\s+(?:longer|doubt)\b|"
                      r"\bnot\s+\w+\s+but\b", re.I)


# Similarity of a statement's content to the claim above which its own negation or disparaging word is read as
# denying the claim (below, the negation is about something else the speaker said). Tuned on the tune split of the
# dev rumours (bench/trails.py) and the seed.
NEGATION_SCOPE = 0.5
# A denial verb denies the claim when its content is at least this similar to the claim, or refers back to it.
DENIAL_SCOPE = 0.2


@dataclass(frozen=True)
class ArticleStance:
    """An article's stance toward a claim: its label and the probability that it denies the claim."""

    label: str
    denies: float


# (claim, article) pairs per stance-model call: large enough that the call's fixed cost is shared, small enough that
# its features (every token of every article) stay in tens of megabytes.
STANCE_BATCH = 256


def stance_probabilities(model, claim_text: str, texts: Sequence[str]) -> list[dict[str, float]]:
    """The article-level model's probabilities for each text toward ``claim_text`` (one thread, batched)."""
    return pair_probabilities(model, [(claim_text, t) for t in texts])


def pair_probabilities(model, pairs: Sequence[tuple[str, str]]) -> list[dict[str, float]]:
    """The article-level model's probabilities for each (claim text, article text) pair, in batches of STANCE_BATCH
    (which bounds the memory the features of a large claim's articles take; each pair's row is the same)."""
    if model is None or not pairs:
        return [{} for _ in pairs]
    out = []
    for start in range(0, len(pairs), STANCE_BATCH):
        rows = model.probabilities(list(pairs[start:start + STANCE_BATCH]))
        out += [dict(zip(model.labels, (float(x) for x in row))) for row in rows]
    return out


def statement_action(statement: dict, claim_text: str, similarity: float = 1.0, text: str | None = None) -> str:
    """What a statement about the claim does to it: ``denies``, ``reports`` (hedged, conditional) or ``asserts``.
    ``similarity``: of the statement's content to the claim, which scopes negations and denial verbs; ``text``: the
    article's text, where the words before the cue say whether the denial verb is itself negated."""
    cue = ((statement.get("cue") or {}).get("lemma") or (statement.get("cue") or {}).get("text") or "").lower()
    content = (statement.get("content") or {}).get("text") or ""
    if cue in DENY_LEMMAS:
        if negated_cue(statement, text):
            return "reports"
        if denial_in_scope(cue, content, similarity):
            return "denies"
    claim_negated = bool(NEGATION.search(claim_text))
    if similarity >= NEGATION_SCOPE and not CONTRAST.search(content) and not HEDGE.search(content):
        if DISPARAGE.search(content) and not DISPARAGE.search(claim_text):
            return "denies"
        if NEGATION.search(content) and not claim_negated:
            return "denies"
    if HEDGE.search(content) and not HEDGE.search(claim_text):
        return "reports"
    return "asserts"


def denial_in_scope(cue: str, content: str, similarity: float) -> bool:
    """Whether a denial verb's content is the claim: similar enough to it, or a reference back to a claim; a verb
    with other senses (OBJECT_DENY_LEMMAS) needs a reference or a proposition ("that ...") similar to the claim."""
    if refers_back(content):
        return True
    if cue in OBJECT_DENY_LEMMAS:
        return similarity >= DENIAL_SCOPE and bool(PROPOSITION.match(content))
    return similarity >= DENIAL_SCOPE


def negated_cue(statement: dict, text: str | None) -> bool:
    """Whether the statement's cue is negated or refused in ``text`` ("would not deny", "declined to deny")."""
    start = (statement.get("cue") or {}).get("start")
    if not text or not isinstance(start, int) or start <= 0:
        return False
    return bool(NEGATED_CUE.search(text[max(0, start - CUE_CONTEXT):start]))


def refers_back(content: str) -> bool:
    """Whether a statement's content is a reference to a claim ("the reports", "these allegations")."""
    return bool(BACK_REFERENCE.match(content or "")) and len(content.split()) <= 8


def own_voice_denial(sentence: str, words: Sequence[str] = ()) -> bool:
    """An article's own sentence that calls a claim untrue (a scoped disparaging reference, not "a false alarm").
    ``words``: the _DISPARAGE_WORDS to look for first (default all; :func:`own_voice_denials` passes those its
    article holds)."""
    if sentence.isascii() and not any(word in sentence.lower() for word in words or _DISPARAGE_WORDS):
        return False  # SCOPED_DISPARAGE cannot match (its case-insensitive search is the costly part)
    return bool(SCOPED_DISPARAGE.search(sentence)) and not re.search(r"\bif\b", sentence, re.I)


def own_voice_denials(text: str, sentences: Sequence[str]) -> list[bool]:
    """:func:`own_voice_denial` of each of ``sentences`` (parts of ``text``): in an ASCII text, a sentence is looked
    at for the _DISPARAGE_WORDS the whole text holds only (most texts hold none or one or two)."""
    if text.isascii():
        lowered = text.lower()
        present = tuple(word for word in _DISPARAGE_WORDS if word in lowered)  # a sentence holds none of the others
        if not present:
            return [False] * len(sentences)
        return [own_voice_denial(s, present) for s in sentences]
    return [own_voice_denial(s) for s in sentences]


# Every match of SCOPED_DISPARAGE holds one of these (tests/claims/test_stance_scope.py checks it on its pattern's
# alternatives); on ASCII text lowercasing is the regex's case folding, so their absence rules a match out.
_DISPARAGE_WORDS = ("false", "fake", "unverified", "baseless", "unfounded", "bogus", "debunk", "fabricated", "true",
                    "truth", "groundless", "wrong", "hoax", "misinformation", "disinformation", "myth", "satire",
                    "prank")
