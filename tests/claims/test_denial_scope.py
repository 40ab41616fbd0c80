"""Scoped denials on invented sentences: a denial verb under a negation or refusal denies nothing, a denial verb with
other senses needs a proposition or a reference to a claim, and a negated lead sentence counts only when it restates
the claim."""
from __future__ import annotations

import pytest

from newstrace.claims import make_similarity
from newstrace.claims._denial import FEATURES, _negated_lead, features
from newstrace.claims._stance import own_voice_denials, statement_action

CLAIM = "The Saltmere ferry sank in the harbour on Sunday"


def _statement(text: str, cue: str, lemma: str, content: str) -> dict:
    start = text.index(cue)
    cstart = text.index(content, start)
    return {"id": "s1", "speaker": {"name": "the port authority"},
            "cue": {"text": cue, "lemma": lemma, "start": start, "end": start + len(cue)},
            "content": {"text": content, "start": cstart, "end": cstart + len(content)}}


@pytest.mark.parametrize("text", [
    "The port authority would not confirm or deny that the Saltmere ferry sank in the harbour.",
    "The port authority declined to deny that the Saltmere ferry sank in the harbour.",
    "The port authority neither confirmed nor denied that the Saltmere ferry sank in the harbour.",
])
def test_a_negated_or_refused_denial_verb_reports(text):
    cue = "denied" if "denied" in text else "deny"
    s = _statement(text, cue, "deny", "that the Saltmere ferry sank in the harbour")
    assert statement_action(s, CLAIM, 0.8, text) == "reports"
    # without the article text the negation cannot be seen: the verb alone reads as a denial (as before)
    assert statement_action(s, CLAIM, 0.8) == "denies"


def test_a_plain_denial_still_denies():
    text = "The port authority denied that the Saltmere ferry sank in the harbour."
    s = _statement(text, "denied", "deny", "that the Saltmere ferry sank in the harbour")
    assert statement_action(s, CLAIM, 0.8, text) == "denies"
    # "not" far before the cue, in another clause, does not negate it
    text = "It was not the first scare. The port authority denied that the Saltmere ferry sank in the harbour."
    s = _statement(text, "denied", "deny", "that the Saltmere ferry sank in the harbour")
    assert statement_action(s, CLAIM, 0.8, text) == "denies"


@pytest.mark.parametrize("lemma, content, denies", [
    ("dismiss", "forty harbour fines issued to Saltmere ferry crews on Sunday", False),  # cases, not a claim
    ("reject", "ferry tickets bought in the harbour on Sunday", False),  # objects, not a claim
    ("dismiss", "the reports", True),  # a reference back to a claim
    ("reject", "as false a post saying the Saltmere ferry sank", True),  # a proposition
    ("dismiss", "that the Saltmere ferry sank in the harbour", True),
    ("deny", "the Saltmere ferry sank in the harbour on Sunday", True),  # deny: the content restates the claim
])
def test_denial_verbs_with_other_senses_need_a_proposition(lemma, content, denies):
    s = {"id": "s1", "speaker": {"name": "the court"}, "cue": {"lemma": lemma}, "content": {"text": content}}
    assert (statement_action(s, CLAIM, similarity=0.55) == "denies") is denies


@pytest.fixture(scope="module")
def similarity():
    return make_similarity()


def test_negated_lead_restating_the_claim(similarity):
    text = ("The Saltmere ferry did not sink in the harbour on Sunday, the port authority said. "
            "Photos shared online showed another boat.")
    assert _negated_lead(text, CLAIM, similarity) >= 0.5


@pytest.mark.parametrize("text", [
    # a negation about something else in an article about the claim
    "The Saltmere ferry sank in the harbour on Sunday. The ferry company did not answer calls on Monday morning.",
    # a conditional and a contrast are not denials
    "If the Saltmere ferry did not sink in the harbour on Sunday, where is it? Divers went down at noon.",
    "The Saltmere ferry not only sank in the harbour on Sunday but blocked it for a week, officials said.",
    # no negation at all
    "The Saltmere ferry sank in the harbour on Sunday, the port authority said. Divers went down at noon.",
])
def test_negated_lead_ignores_other_negations(similarity, text):
    assert _negated_lead(text, CLAIM, similarity) < 0.5


def test_negated_claim_gives_no_negated_lead(similarity):
    text = "The Saltmere ferry did not sink in the harbour on Sunday, the port authority said."
    assert _negated_lead(text, "The Saltmere ferry did not sink in the harbour", similarity) == 0.0


def test_feature_row_matches_the_model(similarity):
    text = "The Saltmere ferry did not sink in the harbour on Sunday, the port authority said."
    row = features(text, [], {}, CLAIM, any(own_voice_denials(text, [text])),
                   {"denies": 0.2, "asserts": 0.3, "reports": 0.5}, similarity)
    assert len(row) == len(FEATURES)
