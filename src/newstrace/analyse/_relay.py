"""Relayed speech: a statement whose cue lies inside another statement's content is said *via* that
statement's speaker ("the New York Times published an article claiming that anonymous officials had said X":
the officials' statement has via [New York Times]). Outlet citations ("as first reported by the Post") are
found by the cue rules (a passive reporting verb's agent is the speaker); this module only links the chains.
"""
from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Token

from ..text.outlets import is_outlet_name, same_outlet

# Cues whose object or "to" phrase is whom the speaker addressed ("told the Argus Leader", "wrote to CNN").
ADDRESS_LEMMAS = frozenset("tell say write explain confirm add email text".split())
# Most tokens read after "told" for the addressee ("told the Sioux Falls Argus Leader"), and their parts of speech.
ADDRESSEE_TOKENS = 6
ADDRESSEE_POS = frozenset({"DET", "PROPN", "NOUN", "ADJ", "ADV"})
# What a statement was given in, whose "to"/"with" phrase may name an outlet ("in an email to The Associated
# Press", "in an interview with CNN").
MEDIUM_NOUNS = frozenset("email e-mail interview statement letter message call conversation appearance "
                         "podcast text".split())


def relay_chains(cands: list[Any]) -> None:
    """Fill each candidate's ``via`` with the speakers of the statements it is nested in, outermost first.

    A candidate has ``content`` (start, end), ``cue_span`` (start, end), ``speaker`` (with name and type) and
    ``via``. Candidates are visited in cue order, so an enclosing statement (whose cue comes before its
    content) has its own ``via`` filled first; the innermost enclosing content is the direct relay.
    """
    by_start = sorted(cands, key=lambda c: c.content[0])
    open_: list[Any] = []
    j = 0
    for cand in sorted(cands, key=lambda c: c.cue_span[0]):
        cue = cand.cue_span[0]
        while j < len(by_start) and by_start[j].content[0] <= cue:
            open_.append(by_start[j])
            j += 1
        open_ = [c for c in open_ if c.content[1] > cue]
        enclosing = [c for c in open_ if c is not cand]
        if not enclosing:
            continue
        outer = min(enclosing, key=lambda c: c.content[1] - c.content[0])
        speaker = outer.speaker
        if speaker is None or not speaker.name:
            continue
        cand.via = list(outer.via) + [{"name": speaker.name, "type": speaker.type}]


def outlet_relay(cue: Token, subject: Token | None = None, own_outlet: str | None = None) -> str | None:
    """The outlet a speaker spoke to, which relays the statement: "X told the Argus Leader", "said in an email
    to The Associated Press", "in an interview with CNN", "via USA Today", "via Brian Batko of the Pittsburgh
    Post-Gazette", "Richardson, via USA Today, said" (a "via" on the ``subject``). None when there is none, or
    when it is the page's own outlet (``own_outlet``)."""
    lemma = cue.lemma_.lower()
    doc = cue.doc
    if lemma == "tell":  # the words right after "told", however parsed ("told Ruptly that" as an adverb)
        end = cue.i + 1
        while end < len(doc) and end - cue.i <= ADDRESSEE_TOKENS and doc[end].pos_ in ADDRESSEE_POS and \
                (doc[end].pos_ != "ADV" or doc[end].is_title):
            end += 1
        phrase = re.sub(r"^(?:the|a|an)\s+", "", doc[cue.i + 1:end].text, flags=re.I)
        if end > cue.i + 1 and is_outlet_name(phrase) and not (own_outlet and same_outlet(phrase, own_outlet)):
            return phrase
    children = list(cue.children) + [c for c in (subject.children if subject is not None else ())
                                     if c.dep_ == "prep" and c.lower_ == "via"]
    for child in children:
        found: str | None = None
        if child.dep_ in ("dobj", "dative", "iobj") and lemma in ADDRESS_LEMMAS:
            found = _outlet_in(child, whole=False)
        elif child.dep_ == "prep" and child.lower_ == "via":
            found = next((_outlet_in(g) for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ == "prep" and child.lower_ == "to" and lemma in ADDRESS_LEMMAS:
            found = next((_outlet_in(g, whole=False) for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ == "prep" and child.lower_ in ("in", "during"):
            for medium in (g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() in MEDIUM_NOUNS):
                for prep in (g for g in medium.children if g.dep_ == "prep" and g.lower_ in ("to", "with")):
                    found = next((_outlet_in(g, whole=False) for g in prep.children if g.dep_ == "pobj"), None)
        if found and not (own_outlet and same_outlet(found, own_outlet)):
            return found
    return None


def _outlet_in(token: Token, whole: bool = True) -> str | None:
    """The outlet a noun phrase names: the phrase itself ("the Argus Leader", "US media"), or with ``whole``
    an outlet named inside it ("Brian Batko of the Pittsburgh Post-Gazette")."""
    doc = token.doc
    phrase = re.sub(r"^(?:the|a|an)\s+", "", doc[token.left_edge.i:token.i + 1].text, flags=re.I)
    if is_outlet_name(phrase):
        return phrase
    if whole:
        for ent in doc[token.left_edge.i:token.right_edge.i + 1].ents:
            if ent.label_ in ("ORG", "GPE", "FAC", "WORK_OF_ART", "PERSON") and is_outlet_name(ent.text):
                return re.sub(r"^(?:the|a|an)\s+", "", ent.text, flags=re.I)
    return None
