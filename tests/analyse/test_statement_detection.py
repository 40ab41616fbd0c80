"""Statement detection (whether a statement is found, not who said it): unit sentences and hand-made parses
written for these tests."""
from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import Doc  # noqa: E402

from newstrace.analyse import extract_statements  # noqa: E402
from newstrace.analyse import _indirect as ind  # noqa: E402
from newstrace.analyse._extract import _cue_after  # noqa: E402
from newstrace.analyse._quotes import find_quotes  # noqa: E402


def _doc(nlp, words, heads, deps, tags, pos, spaces=None):
    """A Doc with a given parse (so a test does not hang on what the statistical parser does)."""
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos,
               spaces=spaces or [True] * (len(words) - 1) + [False])


def test_a_participle_behind_a_reduced_passive_is_said_by_the_main_subject(nlp):
    # "Lee said when asked , while stressing that prices rose": "stressing" hangs on "asked", not on "said".
    words = ["Lee", "said", "when", "asked", ",", "while", "stressing", "that", "prices", "rose"]
    heads = [1, 1, 3, 1, 3, 6, 3, 9, 9, 6]
    deps = ["nsubj", "ROOT", "advmod", "advcl", "punct", "mark", "advcl", "mark", "nsubj", "ccomp"]
    tags = ["NNP", "VBD", "WRB", "VBN", ",", "IN", "VBG", "IN", "NNS", "VBD"]
    pos = ["PROPN", "VERB", "SCONJ", "VERB", "PUNCT", "SCONJ", "VERB", "SCONJ", "NOUN", "VERB"]
    doc = _doc(nlp, words, heads, deps, tags, pos)
    assert ind.subject_of(doc[6]).text == "Lee"
    assert ind.subject_of(doc[3]) is None  # the passive "asked" itself is no cue of Lee's


def test_says_taken_for_a_noun_after_a_quote_is_still_the_cue(nlp):
    words = ['"', "Go", "home", ",", '"', "the", "man", "in", "red", "says", "."]
    heads = [1, 1, 1, 1, 1, 6, 1, 6, 7, 8, 1]
    deps = ["punct", "ROOT", "advmod", "punct", "punct", "det", "conj", "prep", "amod", "pobj", "punct"]
    tags = ["``", "VB", "RB", ",", "''", "DT", "NN", "IN", "JJ", "NNS", "."]
    pos = ["PUNCT", "VERB", "ADV", "PUNCT", "PUNCT", "DET", "NOUN", "ADP", "ADJ", "NOUN", "PUNCT"]
    spaces = [False, True, False, False, True, True, True, True, True, False, False]
    doc = _doc(nlp, words, heads, deps, tags, pos, spaces)  # '"Go home," the man in red says.'
    quotes = find_quotes(doc.text)
    assert _cue_after(doc, quotes[0], quotes).text == "says"


def test_declined_negated_and_open_confirmations_are_no_statements(nlp):
    text = ("The ministry declined to confirm or deny that the minister had resigned. The agency could not confirm "
            "if the rebels had any tanks. The police refused to say whether anyone was arrested. The mayor said "
            "the bridge would open in May.")
    found = extract_statements(text, nlp)
    assert [s["cue"]["text"] for s in found] == ["said"]


def test_a_sentence_printed_twice_is_one_statement(nlp):
    text = ("A fake post claimed that the singer had retired.\nA fake post claimed that the singer had retired. Photo\n"
            "Her agent said that she was well. Her agent said that she was well.")
    assert len(extract_statements(text, nlp)) == 3  # (a sentence said twice in one paragraph stays twice)


def test_a_vowed_thing_and_a_claimed_infinitive_are_statements(nlp):
    found = extract_statements("The group vowed a long fight against the new law. A stranger claimed to be the "
                               "owner of the dog.", nlp)
    assert [(s["cue"]["text"], s["content"]["text"]) for s in found] == [
        ("vowed", "a long fight against the new law"), ("claimed", "to be the owner of the dog")]


def test_asking_not_to_be_named_is_no_statement(nlp):
    from newstrace.analyse import extract_statements

    text = "A nurse who asked not to be identified said the ward had run out of oxygen."
    statements = extract_statements(text, nlp)
    assert [s["content"]["text"] for s in statements if "identified" in s["content"]["text"]] == []
    assert any("run out of oxygen" in s["content"]["text"] for s in statements)


def test_a_blank_line_ends_the_sentence_unless_a_colon_leads_into_the_next_paragraph(nlp):
    from newstrace.analyse import extract_statements

    doc = nlp("\u201cIt appears the raids are rare.\u201d\n\nA refugee in the camp said that the claim is false.")
    assert [t.text for t in doc if t.is_sent_start][:2] == ["\u201c", "A"]
    text = ("\u201cFrom my interviews, it appears all the raids are rare and small.\u201d\n\n"
            "A refugee in the camp said that the ministry\u2019s claim is \u201cabsolutely not true.\u201d")
    said = [s for s in extract_statements(text, nlp) if "absolutely" in s["content"]["text"]]
    assert said and "interviews" not in said[0]["content"]["text"]
    doc = nlp("Here is what the article said:\n\nThe mayor has resigned.")
    the = next(t for t in doc if t.text == "The")
    assert not the.is_sent_start  # the colon leads into the quoted paragraph: one sentence


def test_a_reporting_verb_the_tagger_took_for_a_plural_noun_is_a_cue_when_it_has_a_subject_and_a_clause(nlp):
    # "The office projects that costs rise": "projects" tagged a plural noun, yet with a subject and a clause.
    words = ["The", "office", "projects", "that", "costs", "rise"]
    heads = [1, 2, 2, 5, 5, 2]
    deps = ["det", "nsubj", "ROOT", "mark", "nsubj", "ccomp"]
    tags = ["DT", "NN", "NNS", "IN", "NNS", "VBP"]
    pos = ["DET", "NOUN", "NOUN", "SCONJ", "NOUN", "VERB"]
    doc = _doc(nlp, words, heads, deps, tags, pos)
    assert ind.is_cue(doc[2])
    doc = _doc(nlp, ["The", "projects", "rise"], [1, 2, 2], ["det", "nsubj", "ROOT"], ["DT", "NNS", "VBP"],
               ["DET", "NOUN", "VERB"])
    assert not ind.is_cue(doc[1])  # a plural noun without a clause of its own stays a noun
