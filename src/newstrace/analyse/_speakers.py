"""Speakers: the mention that goes with a cue, and what it resolves to (name, type, role and affiliation).

Resolution is within one article (``NameBook``, :mod:`._names`, holds what the article names; the word lists and
tuned numbers are in :mod:`._speaker_words`; what the parse says about a mention, in :mod:`._clues`): a surname or first name resolves to
the first-mentioned full PERSON name ending (else starting) with it ("Zhao" -> "Zhao Lijian"); a name that is a
person anywhere in the article stays a person when the NER calls it an organisation; he/she to the last person
mentioned before it whose gender agrees, else the last person speaker; "the company"/"the agency" to the last
organisation named; "the ambassador" to the person given that title; "the doctor" to an earlier "a doctor ...";
"a WeWork spokesperson" to WeWork; "Warren supporter X" and "X's attorney, Y" to the person speaking. Outlets come
from the shared list in ``newstrace.text.outlets``. ``speaker.text`` is the mention, ``speaker.name`` the resolved
name; type ``unknown`` only when nothing says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from types import MappingProxyType

from spacy.tokens import Span, Token

from ..text.given_names import given_name_gender
from ..text.outlets import is_outlet_description, is_outlet_name
from ._clues import (
    _described_back, _press_source, _officials_org, _in_a_release, _recent_org, _apposed_name, _of_someone,
    _org_with_words, _appos_org, _outlet_not_person, _their_team, _group_antecedent, _persons_office,
    _plural_subject_before, _initials_of, _outlet_of, _without_honorific, _spokes_org, _ents_in, _previous_person,
    _with_rights, _spaced_dash, _role_affiliation, _proper_run, when_phrase, before_unclosed_paren,
)
from ._indirect import relative_antecedent
from ._names import NameBook, _clean_name, _clean_person, _determined, _person_core, _strip_det
from ._speaker_words import (
    AGE_ONLY, ANONYMITY, ANONYMOUS_HEADS, ANONYMOUS_WORDS, BROADCAST_MEDIA, COUNTRY_HEADS, DOCUMENT_HEADS,
    FEMALE_NOUNS, GENERIC_ORG_NOUNS, INSTITUTION_PLURALS, JUNK_MENTIONS, LEAD_NAME_START, LEAD_REACH, MAIN_SUBJECT,
    MALE_NOUNS, MALE_WORDS, MISTAGGED_CUES, NAMED_BODY_PLURALS, OFFICE_WORDS, OFFICIAL_PLURALS, ORG_HEADS, OUTLET_BACK,
    PEOPLE_WORDS, PERSON_HEADS, PERSON_PRONOUNS, PERSON_TITLES, PLACE_VOTES, PRONOUN_REACH, PUBLIC_ROLES,
    QUANTITY_NOUNS, ROLE_ABBREVIATIONS, ROLE_WORDS, SPOKES_HEADS, STATE_HEADS, THIRD_PERSON_SINGULAR, UNNAMED_PERSON,
    UNNAMED_WORDS, WEB_NAME, person_noun,
)


# The description chain's key for an outlet's piece ("article" -> the outlet whose article it was).
PIECE_KEY = "piece:"


@dataclass
class Speaker:
    """A resolved speaker: the mention text/offsets, its name, type, role and affiliation."""

    text: str
    start: int
    end: int
    name: str
    type: str
    role: str | None = None
    affiliation: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The Statement contract's speaker object."""
        return {"text": self.text, "name": self.name or None, "type": self.type, "role": self.role,
                "affiliation": self.affiliation, "start": self.start, "end": self.end}


def mention_span(head: Token, quote_cover: tuple[int, int] | None = None) -> Span:
    """The noun phrase of a subject head: its subtree, cut before a relative clause or a comma-led addition
    that follows the head, and without tokens inside the quote being attributed."""
    doc = head.doc
    left, right = head.left_edge.i, head.i
    for i in range(head.i - 1, left - 1, -1):
        # Nothing across a line break, a comma or a dash before the head ("6:50 p.m.\n\nWith her husband, ...
        # Clinton", "Hawaii (HawaiiNewsNow) - NASA scientists").
        if "\n" in doc[i].text or doc[i].text in (",", "—", "--") or _spaced_dash(doc[i]):
            left = i + 1
            break
    rights = [c for c in head.rights if not c.is_punct]
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "punct", "cc", "conj") or child.text in (",", "(", "—"):
            break
        if child.dep_ == "appos":
            break
        if when_phrase(child) and child.i == rights[-1].i and not is_outlet_name(doc[left:child.right_edge.i + 1].text):
            break  # the time the speaker spoke: "The Department of Homeland Security on Wednesday denied"
        right = child.right_edge.i
    if right == head.i and head.i + 2 < len(doc) and doc[head.i + 1].text == "." and head.lower_ in \
            ROLE_ABBREVIATIONS and doc[head.i + 2].ent_iob_ == "B" and doc[head.i + 2].ent_type_ == "PERSON":
        # "said Det. James Patterson": the parse ended the sentence after the abbreviated title
        right = next((i for i in range(head.i + 2, len(doc)) if doc[i].ent_iob_ != "I" and i > head.i + 2),
                     len(doc)) - 1
    if head.ent_iob_ in ("B", "I") and head.ent_type_ in ("ORG", "PERSON"):
        # never half a name: "those of the Syrian Observatory for Human Rights, which said" (the parse hung "for
        # Human Rights" on "those")
        ent = next((e for e in head.sent.ents if e.start <= head.i < e.end), None)
        if ent is not None and ent.end - 1 > right and not any(t.is_punct for t in doc[right + 1:ent.end]):
            right = ent.end - 1
    right = before_unclosed_paren(doc, left + 1, right)  # "... in the Territories (COGAT) maintained"
    if quote_cover:
        while left < right and quote_cover[0] <= doc[left].idx < quote_cover[1]:
            left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space):  # (a no-break space after "he")
        right -= 1
    if right > head.i and doc[right].lower_ in MISTAGGED_CUES:
        right -= 1  # the cue the tagger read as a noun is not the speaker's ("”, the figure in black says.")
    while left < right and (doc[left].is_punct or doc[left].is_space or
                            (doc[left].dep_ == "advmod" and doc[left].head.i == head.i and doc[left].pos_ == "ADV")):
        left += 1  # (and without a focus adverb before a pronoun or name: "even he", "only Smith")
    first = next((c for c in head.lefts if c.i >= left), None)
    if first is not None and first.i == left and when_phrase(first):
        left = first.right_edge.i + 1  # "Earlier this month reports said": the reports
    return doc[left:right + 1]


def describe(span: Span, offset: int, book: NameBook, last_person: str | None,
             chain: dict[str, str] | None = None, recent: list[Speaker] | None = None) -> Speaker:
    """Type, name, role and affiliation of a speaker mention, resolved within the article.

    ``chain`` (head noun -> description, kept by the caller across one article) lets "the doctor" take the
    name of the earlier "a doctor on the scene"; ``recent`` (the speakers of the statements before, in text
    order) lets "it" and "they" take the organisation, document or group that spoke last.

    The rules are tried in order, by the kind of mention (:data:`_RULES`): pronouns and stand-ins (who, it,
    they, he, she, "the 56-year-old"), names (an apposed name, an outlet, a person, an acronym), organisations
    (the press, officials, spokespeople, groups of bodies, an office, "the company", prosecutors), then
    descriptions (anonymous sources, documents, roles, "the ambassador", people, things); the first that
    applies resolves the mention, else its type is ``unknown``.
    """
    m = _Mention(span, offset, book, last_person, {} if chain is None else chain, recent or [])
    for rule in _RULES:
        found = rule(m)
        if found is not None:
            if found.type == "person" and UNNAMED_PERSON.match(found.name) and ANONYMITY.search(span.sent.text):
                found.type = "anonymous"  # "a Syrian refugee who asked not to be identified": a source kept unnamed
            elif found.type in ("person", "organization", "unknown") and (
                    _reporting_name(m, found) or found.name in m.book.described_outlets):
                found.type = "outlet"
            if found.type == "organization" and found.name:
                owned = _without_possessor(found.name)
                employee = POSSESSED_PERSON.match(found.name)
                if employee and _persons_name(employee.group(1), m.book):
                    owned = employee.group(1)  # "Comcast's Jason Livingood", "Al Jazeera's Haru Mutasa": a person
                    found.type = "person"
                found.name = owned
            return found
    return m.speaker(_clean_name(m.text), "unknown")


# "India's Central Bureau of Investigation": a place's possessive before an organisation's proper name (two or more
# capitalised words, joined only by of/for/and/the/on/in); not before a description ("Russia's foreign ministry").
POSSESSED_PROPER_NAME = re.compile(r"^[A-Z][\w.]*(?:'s|’s)\s+((?:[A-Z][\w&.-]*)(?:\s+(?:(?:of|for|and|the|on|in)\s+)*"
                                   r"[A-Z][\w&.-]*)+)$")


# "conservative-leaning Tax Foundation": lower-case words (no preposition: "authorities in Beijing" stays) before an
# organisation's proper name.
DESCRIBED_PROPER_NAME = re.compile(r"^(?:(?!(?:in|of|for|at|from|on|by|with|to)\s)[a-z][\w-]*\s+)+"
                                   r"([A-Z][\w&.-]*(?:\s+(?:(?:of|for|and|the|on|in)\s+)*[A-Z][\w&.-]*)*)$")


# A person's name after an organisation's possessive ("Al Jazeera's Haru Mutasa").
POSSESSED_PERSON = re.compile(r"^(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*(?:'s|’s)\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+){1,2})$")


def _without_possessor(name: str) -> str:
    """An organisation's proper name without the place that owns it (POSSESSED_PROPER_NAME) or the lower-case
    words before it ("conservative-leaning Tax Foundation"), else ``name``."""
    match = POSSESSED_PROPER_NAME.match(name)
    if match:
        return match.group(1)
    match = DESCRIBED_PROPER_NAME.match(name)
    return match.group(1) if match else name


def _persons_name(name: str, book: NameBook) -> bool:
    """Whether two or three words are a person's name: a person of the article, or a known given name first."""
    words = name.split()
    return 2 <= len(words) <= 3 and (book.is_person(name) or given_name_gender(name) is not None)


class _Mention:
    """One speaker mention being resolved: the span, its offsets in the text, the article's NameBook and what was
    said before (the last person, the description chain, the recent speakers), and facts of its head read once."""

    def __init__(self, span: Span, offset: int, book: NameBook, last_person: str | None, chain: dict[str, str],
                 recent: list[Speaker]) -> None:
        self.span, self.offset, self.book, self.last_person = span, offset, book, last_person
        self.chain, self.recent = chain, recent
        self.text = span.text
        self.start, self.end = offset + span.start_char, offset + span.end_char
        self.low = self.text.lower()
        self.head = head = span.root
        self.lemma, self.lower = head.lemma_.lower(), head.lower_

    def speaker(self, name: str, type_: str, role: str | None = None, affiliation: str | None = None) -> Speaker:
        return Speaker(self.text, self.start, self.end, name, type_, role, affiliation)

    def as_this(self, found: Speaker) -> Speaker:
        """``found`` (what another mention resolved to) as this mention's speaker."""
        found.text, found.start, found.end = self.text, self.start, self.end
        return found

    def resolve_other(self, head: Token) -> Speaker:
        """The speaker the noun phrase of ``head`` resolves to (without the recent speakers)."""
        return describe(mention_span(head), self.offset, self.book, self.last_person, self.chain)

    @cached_property
    def appos(self) -> list[Token]:
        """The head's appositions, and a name apposed to a name at the mention's end, which the parse hung on the
        wrong name ("a senior aide to President Goodluck Jonathan, Hassan Tukur, told": the aide's name)."""
        own = [t for t in self.head.children if t.dep_ == "appos"]
        last = max((t.i for t in self.span if not t.is_punct), default=self.head.i)
        late = [t for t in self.span if t.dep_ == "appos" and t.right_edge.i == last and t.head.i != self.head.i
                and t.head.pos_ == "PROPN" and t.head.ent_type_ == "PERSON" and t.pos_ == "PROPN"
                and self.head.pos_ == "NOUN"]
        return own + late

    @cached_property
    def ents(self) -> list[Span]:
        return _ents_in(self.span)

    @cached_property
    def owners(self) -> list[Span]:
        """Possessors in the mention: not the speaker ("Carlineo's attorney", "Rudolph's supporters")."""
        head = self.head
        return [e for e in self.ents if e.root.dep_ == "poss" and e.root is not head
                and head.i not in range(e.start, e.end)]

    @cached_property
    def own(self) -> list[Span]:
        return [e for e in self.ents if e not in self.owners]

    @cached_property
    def orgs(self) -> list[Span]:
        return [e for e in self.own if e.label_ in ("ORG", "GPE", "NORP", "FAC")]

    @cached_property
    def determiners(self) -> list[Token]:
        return [t for t in self.head.children if t.dep_ in ("det", "nummod", "amod") and t.lower_ in ANONYMOUS_WORDS]

    @cached_property
    def document(self) -> bool:
        return self.lemma in DOCUMENT_HEADS or self.lower in DOCUMENT_HEADS

    def has_the(self, words: tuple[str, ...] = ("the",)) -> bool:
        return any(t.dep_ == "det" and t.lower_ in words for t in self.head.children)


# -- pronouns and stand-ins ---------------------------------------------------------------------------------
def _relative_pronoun(m: _Mention) -> Speaker | None:
    """"Barkley, who said ...": the mention is "who", the speaker is what it stands for."""
    span = m.span
    if len(span) == 1 and span[0].tag_ == "WP" and span[0].head.dep_ == "relcl":
        return m.as_this(m.resolve_other(relative_antecedent(span[0].head)))
    return None


def _it_or_they_body(m: _Mention) -> Speaker | None:
    """"it", "they": the organisation, document or group that spoke last."""
    if len(m.span) == 1 and m.low in ("it", "they"):
        found = _non_person_antecedent(m.span, m.offset, m.book, m.recent, plural=m.low == "they")
        if found is not None:
            return m.speaker(found.name, found.type, found.role, found.affiliation)
    return None


def _junk(m: _Mention) -> Speaker | None:
    """Mentions that name no one ("none", "which", "according to a statement": whose is said elsewhere); "A
    statement ... said" as the subject is the statement, a document."""
    if m.low == "a statement" and m.head.dep_ == "nsubj":
        return None
    if m.low in JUNK_MENTIONS or not any(ch.isalpha() for ch in m.text):
        return m.speaker("", "unknown")
    return None


def _members_of(m: _Mention) -> Speaker | None:
    """"a series of South Dakotans", "a group of doctors": the members speak."""
    members = [g for c in m.head.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS")]
    if m.lemma in QUANTITY_NOUNS and members:
        return m.as_this(m.resolve_other(members[0]))
    return None


def _unnamed(m: _Mention) -> Speaker | None:
    """"an anonymous NSC leaker", "unnamed officials": whoever they are, unnamed."""
    head = m.head
    if head.pos_ == "NOUN" and any(t.dep_ == "amod" and t.lower_ in UNNAMED_WORDS for t in head.children):
        return m.speaker(_clean_name(_with_rights(head)), "anonymous")
    return None


def _age_only(m: _Mention) -> Speaker | None:
    """"The 56-year-old said": a definite description of a person by age alone refers back like "he"/"she"."""
    if AGE_ONLY.fullmatch(m.low):
        antecedent = m.book.antecedent("", m.start, PRONOUN_REACH) or m.last_person
        return m.speaker(antecedent or m.text, "person")
    return None


# The owner of a nominal cue ("his claim that ...", "their claim that ..."), read as the subject pronoun.
POSSESSIVE_PRONOUNS = MappingProxyType({"his": "he", "their": "they"})


def _personal_pronoun(m: _Mention) -> Speaker | None:
    """he/she: the person mentioned last before whose gender agrees; "they": a plural subject before, else an
    unnamed group; "I", "we", "you": no safe antecedent."""
    low, span = POSSESSIVE_PRONOUNS.get(m.low, m.low), m.span  # ("his vow that ...": he vowed)
    if not (len(span) == 1 and low in PERSON_PRONOUNS):
        return None
    if low == "they":
        group = _plural_subject_before(span[0])
        if group is not None:  # "Gov. Holcomb and leaders of the Legislature ... . They seem ... they said"
            return m.speaker(group, "anonymous")
        return m.speaker(m.text, "anonymous")  # no group or organisation spoke before: a group
    if low not in THIRD_PERSON_SINGULAR:
        return m.speaker(m.text, "unknown")
    want = "m" if low in MALE_WORDS else "f"
    fallbacks = (m.last_person, _previous_person(span, m.book))
    # (the fallbacks too only where the article does not give the person the other gender)
    antecedent = m.book.antecedent(low, m.start, PRONOUN_REACH) or next(
        (name for name in fallbacks if name and m.book.gender.get(name, want) == want), None)
    described = _described_speaker_since(m, antecedent, want)
    if described is not None:
        return m.as_this(replace(described))  # (a copy: the earlier statement keeps its own mention)
    return m.speaker(antecedent or m.text, "person")  # a he or she is a person, named or not


def _sentence_before(m: _Mention, char: int) -> bool:
    """Whether text offset ``char`` lies in the mention's sentence or the one right before it."""
    doc, sent = m.span.doc, m.span.sent
    at = char - m.offset
    if at >= sent.start_char:
        return True
    return sent.start > 0 and doc[sent.start - 1].sent.start_char <= at


def _described_speaker_since(m: _Mention, antecedent: str | None, want: str) -> Speaker | None:
    """The unnamed person who spoke last, when they spoke after the person a he/she would otherwise take was last
    mentioned ("the man in the video says ... . He then addresses Obama, saying ...", where Baghdadi was named
    before): the speaker just before is who a following "he said" continues."""
    last = next((r for r in reversed(m.recent) if r.start < m.start), None)
    if m.low not in ("he", "she") or last is None or not _sentence_before(m, last.start) or \
            last.text.lower() in PERSON_PRONOUNS or \
            last.type not in ("person", "anonymous") or last.name[:1].isupper() or \
            not last.text.lower().startswith(("the ", "a ", "an ")):
        return None
    head = last.text.split()[-1].lower()
    if head.endswith("s") or (want == "m" and head in FEMALE_NOUNS) or (want == "f" and head in MALE_NOUNS):
        return None  # a plural, or the other gender
    if antecedent is not None and any(name == antecedent and last.start < at < m.start
                                      for at, name, _, _ in m.book.mentions):
        return None  # the named person was mentioned after the description spoke
    return last


# -- names --------------------------------------------------------------------------------------------------
def _described(span: Span) -> str:
    """A description's nouns without its article and adjectives ("A Mexican news source" -> "news source")."""
    return " ".join(t.text for t in span if t.pos_ in ("NOUN", "PROPN") and not t.is_punct)


def _apposed_organisation(m: _Mention) -> Speaker | None:
    """An organisation or outlet named in an apposition to a description: "A Mexican news source, Monitor
    National, stated", "The semiofficial National Human Rights Commission said" (the parse's subject the
    adjective, the name its apposition)."""
    head = m.head
    if head.pos_ != "NOUN" or head.ent_type_:
        return None
    for token in m.appos:
        ents = [e for e in _ents_in(token.doc[token.left_edge.i:token.right_edge.i + 1])
                if e.label_ in ("ORG", "FAC") and token.i in range(e.start, e.end)]
        if ents:
            name = _strip_det(_clean_name(ents[0].text))
        elif token.pos_ == "PROPN" and token.is_title and not token.ent_type_ and \
                is_outlet_description(_described(m.span)):
            name = _clean_name(_proper_run(token, token.left_edge.i).text)
        else:
            continue
        outlet = is_outlet_name(name) or is_outlet_description(_described(m.span))
        return m.speaker(name, "outlet" if outlet else "organization")
    return None


def _apposed_person(m: _Mention) -> Speaker | None:
    """A person named in an apposition to a non-person head: "Carlineo's attorney, Sonya Zoghlin, said"."""
    head, book, text = m.head, m.book, m.text
    for token in m.appos:
        if head.ent_type_ != "PERSON":
            named = [e for e in _ents_in(token.doc[token.left_edge.i:token.right_edge.i + 1]) if e.label_ == "PERSON"
                     and not _of_someone(e.root, token)]
            if named:
                return m.speaker(book.resolve(_clean_person(named[0])), "person", _clean_name(text), None)
            if head.pos_ == "NOUN":  # "Another diplomat, former special envoy to Ukraine Kurt Volker, said"
                known = [book.resolve(t.text) for t in token.subtree if t.pos_ == "PROPN" and t.dep_ != "compound"
                         and t.is_title and len(book.resolve(t.text).split()) > 1 and not _of_someone(t, token)]
                if known:
                    return m.speaker(known[-1], "person", _clean_name(text), None)
                name = _apposed_name(head, token)
                if name:  # "Sweden's deputy director of public prosecutions, Eva-Marie Persson, said" (the NER
                    # tagged the name an organisation)
                    return m.speaker(book.resolve(name), "person", _clean_name(text), None)
    return None


def _outlet_or_person(m: _Mention) -> Speaker | None:
    """An outlet the mention names, else the person it names (never the possessor: "Carlineo's attorney")."""
    head, book, start = m.head, m.book, m.start
    persons = [e for e in m.own if e.label_ == "PERSON" and e[-1].lower_ not in ANONYMOUS_HEADS and not _determined(e)
               and not (len(e) > 1 and e[-1].lower_ in ORG_HEADS)
               and not _outlet_not_person(e, book)]
    if head.pos_ == "NOUN" and not any(head.i in range(e.start, e.end) for e in m.own):
        # A common-noun head names someone else than the name modifying it: "a Kermit parent", "some Twitter
        # users", "the Biden campaign" are not Kermit, Twitter or Biden.
        persons = []
    outlet = None if any(head.i in range(e.start, e.end) for e in persons) else _outlet_of(m.span, head, m.ents,
                                                                                            m.owners)
    if outlet:
        if (is_outlet_description(outlet) or is_outlet_description(_described(m.span))) and \
                m.lemma in OUTLET_BACK and m.has_the():
            # "The news organization, citing ..., reported": the outlet named last before it
            outlet = next((name for at, name in reversed(book.outlets) if at < start), outlet)
        # A short form of an outlet named before in full ("The Chronicle" after "The San Francisco Chronicle").
        outlet = next((name for at, name in book.outlets if at < start and name.endswith(" " + outlet)), outlet)
        if m.document:  # "The Wrap's report", "A detailed Washington Post article": "the article" later is its
            m.chain[PIECE_KEY + m.lemma] = outlet
        return m.speaker(outlet, "outlet")
    if persons:
        org = _organisation_taken_for_person(book, _clean_person(persons[-1]))
        if org:
            return m.speaker(org, "outlet" if is_outlet_name(org) else "organization")
        person = _person_core(persons[-1])
        name = book.resolve_person(_clean_person(persons[-1])) + _their_team(head)
        role, affiliation = _role_affiliation(m.span, person, m.appos)
        return m.speaker(name, "person", role, affiliation)
    return None


def _organisation_taken_for_person(book: NameBook, name: str) -> str | None:
    """The organisation a one-word name tagged a person's here stands for when the article's vote makes it one
    (``NameBook.org_words``: tagged an organisation, any PERSON tag outvoted: "Comcast told", "Durex confirmed"):
    no full name ends or starts with it, no he/she or honorific is given to it, no given name it is."""
    if name not in book.org_words or name in book.gender or book.resolve_person(name) != name or \
            given_name_gender(name + " X"):
        return None
    return book.is_org(name)


def _reporting_name(m: _Mention, found: Speaker) -> bool:
    """Whether a name is an outlet's by what it does: the subject of "report" ("Haaretz reports", "Gawker
    reported", "Voice of America reported", "Naij.com reported"): a web address, or a name taken for a person's
    with no given name, no honorific and no he/she in the article, one word or with "of" in it. (An
    organisation's name stays one: companies report results.)"""
    head, name = m.head, found.name
    if head.dep_ != "nsubj" or head.head.lemma_.lower() != "report" or not name or \
            not (head.pos_ == "PROPN" or head.is_title):
        return False
    if WEB_NAME.search(name):
        return True
    if found.type == "organization" and not any(e.label_ == "PERSON" for e in m.own):
        return False
    if is_outlet_name(name):
        return True  # "Breitbart Texas reports", "Mashable reported"
    words = name.split()
    if name in m.book.gender or given_name_gender(name) or len(words) > 4 or \
            any(m.book.is_person(w) and m.book.resolve(w) != w for w in words):
        return False
    return len(words) == 1 or "of" in words


def _person_tagged_otherwise(m: _Mention) -> Speaker | None:
    """A person tagged as an organisation or place ("Noem" beside "Kristi Noem" elsewhere) stays a person."""
    head, book = m.head, m.book
    for ent in m.own:
        if ent.label_ in ("ORG", "GPE", "NORP") and book.is_person(_clean_name(ent.text)) and \
                head.i in range(ent.start, ent.end):
            return m.speaker(book.resolve(_clean_name(ent.text)) + _their_team(head), "person")
    return None


def _acronym(m: _Mention) -> Speaker | None:
    head, book = m.head, m.book
    acronym = book.acronyms.get(head.text) or (_initials_of(head.text, book) if head.is_upper and len(m.span) <= 2
                                              else None)
    return m.speaker(acronym, "organization") if acronym else None


def _bare_person_name(m: _Mention) -> Speaker | None:
    """A capitalised mention the article names as a person ("Scissors", tagged NNS)."""
    bare = _strip_det(_clean_name(m.text))
    if (m.head.pos_ == "PROPN" or bare[:1].isupper()) and m.book.is_person(bare):
        return m.speaker(m.book.resolve(bare) + _their_team(m.head), "person")
    return None


# -- organisations ------------------------------------------------------------------------------------------
def _press(m: _Mention) -> Speaker | None:
    """An unnamed journalist or press report (``_press_source``); a broadcaster named by its medium ("state television
    reported", "local TV said", "Iranian state radio"): an outlet, by that description."""
    press = _press_source(m.head, m.orgs)
    if press:
        return m.speaker(press, "outlet")
    if m.lower in BROADCAST_MEDIA and m.head.pos_ in ("NOUN", "PROPN") and all(
            t.dep_ in ("amod", "compound", "det") and (t.is_lower or t.ent_type_ in ("NORP", "GPE") or t.i == 0)
            for t in m.span if t.i != m.head.i):
        return m.speaker(_strip_det(_clean_name(m.text)), "outlet")
    return None


def _officials(m: _Mention) -> Speaker | None:
    """"agency officials" after NASA: the agency (``_officials_org``); "PG&E officials", "NASA officials", "Alibaba
    leaders": the organisation they are named for (role plurals standing for one institution, as the speakers
    guidelines type them; "Nicaraguan officials" and "White House advisers" stay unnamed)."""
    if m.lower in OFFICIAL_PLURALS or m.lower in NAMED_BODY_PLURALS:
        org = _officials_org(m.head, m.start, m.book, m.recent) if m.lower in OFFICIAL_PLURALS else None
        if not org and m.lower in NAMED_BODY_PLURALS:
            org = _naming_organisation(m)
        if org:
            return m.speaker(org, "organization", m.head.text, org)
    return None


def _naming_organisation(m: _Mention) -> str | None:
    """The organisation whose name is the only modifier of a role plural ("PG&E officials"), acronyms spelt out."""
    head = m.head
    if any(c.dep_ in ("det", "poss", "nummod", "amod") for c in head.children):
        return None  # "some NASA officials", "its officials", "senior Apple officials": a part of it, unnamed
    named = [e for e in m.own if e.label_ == "ORG" and e.end == head.i and not is_outlet_name(e.text)]
    if len(named) != 1 or named[0].start != m.span.start + (1 if m.span[0].lower_ == "the" else 0):
        return None
    name = _strip_det(_clean_name(named[0].text))
    return m.book.acronyms.get(name, name)


def _spokesperson(m: _Mention) -> Speaker | None:
    """A spokesperson speaks for the organisation, or for the person they speak for."""
    if m.lower in SPOKES_HEADS or m.lemma in SPOKES_HEADS:
        if len(m.span) == 2 and m.has_the():
            named = m.book.by_role(m.lemma, m.start)
            if named and any(at < m.start for at, word, _ in m.book.roles + m.book.titles if word == m.lemma):
                return m.speaker(named, "person", m.lemma)  # "The spokesman said" after "its spokesman, Ann Lee"
        kind = [c.lower_ for c in m.head.children if c.dep_ == "compound" and c.pos_ == "NOUN"
                and c.lower_ not in GENERIC_ORG_NOUNS]
        # ("a hospital spokesman": the last hospital named, else the hospital; not the last organisation of any kind)
        org = _spokes_org(m.head, m.orgs) or m.book.last_org(m.start, kind[-1] if kind else None, exact=bool(kind))
        if org is None and kind and kind[-1] in ORG_HEADS:
            org = kind[-1]
        owner = _without_honorific(org or "")
        if owner and m.book.is_person(owner):
            # "a spokesman for Mr. Biden", "Trump's spokesman": a person's spokesperson speaks for that person
            return m.speaker(m.book.resolve_person(owner), "person", m.head.text, None)
        if org:
            return m.speaker(org, "organization", m.head.text, org)
    return None


def _some_or_others(m: _Mention) -> Speaker | None:
    """"Some", "Others", "Some of the deportees": unnamed people."""
    head, lower = m.head, m.lower
    if lower in ANONYMOUS_WORDS and head.pos_ in ("PRON", "DET", "NUM", "ADJ", "NOUN"):
        name = _clean_name(_with_rights(head))
        group = _group_antecedent(head) if len(m.span) == 1 and name.lower() == lower and lower != "critics" \
            else None  # ("Critics" name their group themselves)
        if group:  # "Dozens of deportees landed on Friday. Some said ...": some deportees
            name = f"{'other' if lower == 'others' else lower} {group}"
        return m.speaker(name, "anonymous")
    return None


def _bodies(m: _Mention) -> Speaker | None:
    """"retailers said", "Education advocacy groups estimated", "the companies disclosed": an unspecified group of
    bodies (the guidelines' anonymous), not one organisation; a state's plural ("authorities", "forces") stands for
    one institution and is not one of these."""
    head, lemma, lower = m.head, m.lemma, m.lower
    if lower == "authorities" and all(t.i == head.i or t.dep_ == "det" or t.ent_type_ in ("GPE", "NORP")
                                      for t in head.lefts):
        # "authorities said", "UK authorities": unnamed officials, as the gold sets type them
        return m.speaker(_clean_name(_with_rights(head, document=True)), "anonymous")
    plural = head.tag_ in ("NNS", "NNPS") and lower != lemma  # "the companies" are not the last one named
    if plural and lemma in ORG_HEADS and head.pos_ == "NOUN" and (head.is_lower or head.i == head.sent.start) \
            and lemma not in STATE_HEADS and lower not in STATE_HEADS:
        return m.speaker(_clean_name(_with_rights(head, document=True)), "anonymous")
    return None


def _office(m: _Mention) -> Speaker | None:
    """"His office said he was keeping long-standing plans", "Holcomb's office said"."""
    if m.lower in OFFICE_WORDS:
        office = _persons_office(m.head, m.span, m.start, m.book, m.last_person)
        if office:
            return m.speaker(office, "organization")
    return None


def _organisation_noun(m: _Mention) -> Speaker | None:
    """A mention headed by an organisation word: "the company" (the one named before), "The Pentagon"."""
    head, lemma, book, start = m.head, m.lemma, m.book, m.start
    plural = head.tag_ in ("NNS", "NNPS") and m.lower != lemma
    if not (lemma in ORG_HEADS and head.pos_ in ("NOUN", "PROPN") and not (plural and m.determiners)):
        # ("Two prison guards", "some unions": a counted plural is a group of unnamed people, below.)
        return None
    words = [t for t in m.span if t.dep_ not in ("det",) and not t.is_punct]
    definite = not m.has_the(("a", "an", "another"))
    named = _appos_org(head)
    if named:  # "The company that runs the show, Dick Clark Productions, denies ..."
        return m.speaker(named, "organization")
    # A common noun alone or after a plain adjective refers back ("the company", "the German automaker"); a
    # name ("The Pentagon") or a nationality ("the Jordanian government") names an organisation itself.
    back = head.pos_ == "NOUN" and not head.is_title and (len(words) == 1 or (
        len(words) == 2 and words[0].pos_ == "ADJ" and not (words[0].ent_type_ and lemma in STATE_HEADS)))
    if not plural and definite and back:
        # "the company", "the agency": the organisation named before with that word in its name, else the
        # organisation that spoke last nearby ("Indiana State Police reported ... at the Statehouse, but the
        # agency didn't estimate"), else the organisation named last.
        org = book.last_org(start, lemma, exact=True) or \
            (_government_of(book, start) if lemma == "government" and len(words) == 1 else None) or \
            (_named_administration(m) if lemma == "administration" and len(words) == 1 else None) or \
            (_recent_org(m.recent, start) if len(words) == 1 else None) or book.last_org(start, lemma)
        if org:
            return m.speaker(org, "organization")
    if not plural and definite and head.pos_ == "NOUN" and len(words) >= 2 and \
            all(t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in words):
        org = _org_with_words(book, start, [t.lower_ for t in words if t.i != head.i])
        if org:  # "the utilities commission", "the production company": the one whose name has those words
            return m.speaker(org, "organization")
    if not plural and definite and head.pos_ == "NOUN" and not head.is_title and \
            _described_back(words, head, lemma):
        # "the Cupertino company", "the e-commerce giant": the organisation named before
        org = book.last_org(start, lemma, exact=True) or book.last_org(start, lemma)
        if org:
            return m.speaker(org, "organization")
    named = [e for e in m.orgs if head.i in range(e.start, e.end) and e.label_ == "ORG" and e.end >= m.span.end
             and all(t.is_lower or t.dep_ == "det" for t in m.span.doc[m.span.start:e.start])]
    # (the name the NER found, not the adjectives before it: "The semiofficial National Energy Commission")
    return m.speaker(_strip_det(_clean_name((named[0] if named else m.span).text)), "organization")


def _government_of(book: NameBook, before: int) -> str | None:
    """"the government" where no organisation named before has that word: the government of the country the
    article tells of most before it, when one place is named more often than any other (the gold sets name it
    "government of Nigeria", "Nigerian government")."""
    counts: dict[str, int] = {}
    for at, place in book.places:
        if at < before:
            counts[place] = counts.get(place, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < PLACE_VOTES or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return f"government of {ranked[0][0]}"


def _named_administration(m: _Mention) -> str | None:
    """"the administration": the one the text named before by its leader ("the Obama administration")."""
    return next((name for end, name in reversed(m.book.administrations) if end <= m.start), None)


def _institution_plural(m: _Mention) -> Speaker | None:
    """"prosecutors said" stands for the prosecuting office the article names (before or after)."""
    if m.head.tag_ in ("NNS", "NNPS") and m.lemma in INSTITUTION_PLURALS and not m.determiners:
        words = INSTITUTION_PLURALS[m.lemma]
        org = next((name for _, name in m.book.orgs if any(w in name.lower() for w in words)), None)
        return m.speaker(org or _clean_name(m.text), "organization")
    return None


# -- descriptions -------------------------------------------------------------------------------------------
def _titled_source(m: _Mention) -> Speaker | None:
    """"the executive" after "Elon Musk, Tesla's chief executive": that person, not a source."""
    head, lemma, book = m.head, m.lemma, m.book
    if head.tag_ == "NN" and m.lower in ANONYMOUS_HEADS and not m.determiners and any(
            (t.dep_ == "det" and t.lower_ == "the") or t.dep_ == "poss" for t in head.children):
        earlier = any(at < m.start and word == lemma for at, word, _ in book.roles + book.titles)
        named = book.by_role(lemma, m.start) if earlier else None
        if named:
            return m.speaker(named, "person", lemma)
    return None


def _anonymous(m: _Mention) -> Speaker | None:
    """Sources, officials, a counted plural of people: anonymous."""
    head, lower, lemma = m.head, m.lower, m.lemma
    plural = head.tag_ in ("NNS", "NNPS") and not m.document
    if lower in ANONYMOUS_HEADS or lemma in ANONYMOUS_HEADS or (m.determiners and head.pos_ == "NOUN"
                                                                 and not m.document) or \
            (plural and (head.pos_ == "NOUN" or head.ent_type_ in ("NORP", "GPE"))):
        return m.speaker(_clean_name(_with_rights(head, document=True, relative=True)), "anonymous")
    return None


def _document(m: _Mention) -> Speaker | None:
    """A text as the source; "the article" after "a Washington Post article" is that outlet's."""
    if m.document and m.has_the(("the", "this", "that")) and PIECE_KEY + m.lemma in m.chain and len(m.span) <= 2:
        return m.speaker(m.chain[PIECE_KEY + m.lemma], "outlet")
    if m.lemma == "paper" and m.has_the() and len(m.span) == 2:
        # "The paper described him as ..." after "named by the Washington Post": the newspaper, where the text
        # before tells of no study
        outlet = next((r.name for r in reversed(m.recent) if r.type == "outlet" and m.start - PRONOUN_REACH < r.start
                       < m.start), None) or next((name for at, name in reversed(m.book.outlets) if at < m.start), None)
        if outlet and (m.book.scholarly is None or m.book.scholarly > m.start):
            return m.speaker(outlet, "outlet")
    if m.document:
        return m.speaker(_clean_name(_with_rights(m.head, document=True)), "document")
    return None


def _named_organisation(m: _Mention) -> Speaker | None:
    """The organisation named in the mention: "Wee of the Times" is Wee, not the Times; "a Kermit parent" is a
    parent, not Kermit; "An Associated Press journalist" (an unnamed journalist of an outlet) is the outlet."""
    head = m.head
    # (not a nationality deeper in the phrase: "a masked executioner with a British accent" is no British body)
    orgs = [e for e in m.orgs if e.label_ != "NORP" or e.root.head.i == head.i or head.i in range(e.start, e.end)]
    inside = [e for e in orgs if head.i in range(e.start, e.end)]
    if orgs and (inside or (head.pos_ != "PROPN" and m.lemma not in PERSON_HEADS and m.lemma not in ROLE_WORDS)):
        inside = inside or orgs[-1:]
        name = _strip_det(_clean_name(inside[0].text))
        name = m.book.acronyms.get(name, name)
        return m.speaker(name, "outlet" if is_outlet_name(name) else "organization")
    return None


def _proper_noun(m: _Mention) -> Speaker | None:
    """A bare capitalised name the NER missed: a person when the article names a person so; "The Observatory"
    after "the Syrian Observatory for Human Rights" that organisation."""
    head, lower, text, span, book = m.head, m.lower, m.text, m.span, m.book
    if head.pos_ == "PROPN" and m.has_the() and len(span) == 2 and head.is_title:
        org = book.last_org(m.start, lower, exact=True)
        if org and len(org.split()) > 1:
            return m.speaker(org, "organization")
    single = lower[:-3] + "y" if lower.endswith("ies") else lower[:-1] if lower.endswith("s") else lower
    if head.pos_ == "PROPN" and len(span) == 1 and (single in DOCUMENT_HEADS or lower in DOCUMENT_HEADS):
        return m.speaker(text, "document")  # "Studies indicate" at a line's start: no name
    if head.pos_ != "PROPN":
        return None
    clean = _clean_name(text)
    if len(span) > 3:  # "the 14th-ranked Schwartzman": the name is the proper nouns at the head
        clean = _clean_name(_proper_run(head, span.start).text)
    name = book.resolve(clean)
    if name == clean and book.is_org(clean):
        return m.speaker(book.is_org(clean) or clean, "organization")
    if name == clean and not book.is_person(clean) and \
            sum(place == clean for _, place in book.places) >= PLACE_VOTES:
        return m.speaker(clean, "organization")  # a country the NER tagged elsewhere, speaking as a state
    bare = _strip_det(clean)
    named_thing = m.has_the() and len(span) <= 3 and all(
        t.pos_ == "PROPN" and t.lower_ not in PERSON_TITLES and t.lower_ not in ROLE_WORDS and
        t.lemma_.lower() not in PERSON_HEADS for t in span if t.dep_ != "det" and not t.is_punct)
    if name == clean and not book.is_person(bare) and (named_thing or any(
            r.name == bare and r.type == "organization" for r in m.recent)):
        # "The Islamic State also says" (untagged) after "Islamic State threatened": no person takes "the"
        return m.speaker(bare, "organization")
    if name != clean or len(clean.split()) <= 3:
        return m.speaker(book.resolve_person(clean) + _their_team(head), "person")
    if lower in PERSON_TITLES:  # "The United Nations High Commissioner for Human Rights": an office holder
        return m.speaker(book.by_role(lower, m.start) or clean, "person", lower)
    return m.speaker(clean, "unknown")


def _role_abbreviation(m: _Mention) -> Speaker | None:
    """"the PM said": the person titled Prime Minister."""
    head, lemma = m.head, m.lemma
    if head.pos_ in ("NOUN", "PROPN") and lemma.rstrip(".") in ROLE_ABBREVIATIONS and head.is_upper and m.has_the():
        role = ROLE_ABBREVIATIONS[lemma.rstrip(".")]
        return m.speaker(m.book.by_role(role, m.start) or _clean_name(m.text), "person", role)
    return None


def _kin(m: _Mention) -> Speaker | None:
    """"His wife said" after "Tom Hill and his wife Ann Hill": the person given that role before."""
    head, lemma, book = m.head, m.lemma, m.book
    if head.pos_ == "NOUN" and lemma in PERSON_HEADS and head.tag_ == "NN" and any(
            t.dep_ == "poss" and t.lower_ in ("his", "her", "their") for t in head.children) and \
            any(at < m.start and word == lemma for at, word, _ in book.roles + book.titles):
        named = book.by_role(lemma, m.start)
        if named:
            return m.speaker(named, "person", lemma)
    return None


def _person_noun(m: _Mention) -> Speaker | None:
    """A person by role or description: "the ambassador" (the person given that title), "the doctor" (the earlier
    "a doctor on the scene"), "said the actor" (the person the article is telling of), else the description."""
    head, lemma, book, start = m.head, m.lemma, m.book, m.start
    if not (head.pos_ == "NOUN" and (person_noun(lemma) or lemma in ROLE_WORDS)):
        return None
    the = m.has_the(("the", "this", "that")) or any(
        t.dep_ == "poss" and (t.ent_type_ in ("GPE", "ORG", "NORP") or
                              any(g.dep_ == "det" and g.lower_ == "the" for g in t.children)) for t in head.children)
    # ("Austria's interior minister", "China's ambassador to Britain", "the homeless man's brother": a definite
    # description too)
    if the:
        named = book.by_role(lemma, start)
        if named:
            return m.speaker(named, "person", lemma)
        if lemma in m.chain:
            return m.speaker(m.chain[lemma], "person", lemma)
        named = _subject_before(m)
        if named:
            return m.speaker(named, "person", lemma)
        if lemma in PUBLIC_ROLES and len(m.span) <= 3:
            named = book.antecedent("", start, PRONOUN_REACH)
            if named:
                return m.speaker(named, "person", lemma)
    elif m.has_the(("a", "an")):
        named = _only_holder(m)
        if named:
            return m.speaker(named, "person", lemma)
    if m.has_the(("the", "a", "an")):
        named = _named_after_lead(m)
        if named:
            return m.speaker(named, "person", lemma)
    doc = head.doc
    for first in (t for t in head.subtree if t.i < head.i and t.ent_type_ == "PERSON" and t.ent_iob_ == "B"):
        end = next((i for i in range(first.i + 1, head.i + 1) if doc[i].ent_iob_ != "I"), head.i)
        if doc[end].text == "," and first.i == head.left_edge.i:
            # "said Erin, Vickers' niece": the name before the description (the parse made it a modifier)
            return m.speaker(m.book.resolve(_clean_name(doc[first.i:end].text)), "person", lemma)
    name = _clean_name(_with_rights(head))
    m.chain.setdefault(lemma, name)
    return m.speaker(name, "person", lemma)


def _another_one(span: Span) -> bool:
    """Whether a description counts someone beyond the one named ("a second patient", "another official")."""
    return any(t.ent_type_ == "ORDINAL" or t.lower_ in ("other", "another", "second", "next") for t in span)


def _only_holder(m: _Mention) -> str | None:
    """The one person the article later names with the role an indefinite description gives ("A California
    transit chief says ..." before "BART Chief Ed Alvarez"), when no one else holds that role in it."""
    if _another_one(m.span):
        return None  # "A second patient with Ebola symptoms": not the one named
    holders = {name for at, word, name in m.book.roles + m.book.titles if word == m.lemma and at > m.start}
    others = {name for at, word, name in m.book.roles + m.book.titles if word == m.lemma and at <= m.start}
    return next(iter(holders)) if len(holders) == 1 and not others else None


def _named_after_lead(m: _Mention) -> str | None:
    """The person an article's lead tells of by a description before naming anyone, named in the sentence after
    it as that sentence's main subject ("A journeyman professional golfer said ... . Dan Olsen, 48, who ...", "A
    Republican congressman claimed ... . Rep. Duncan Hunter, R-Calif., said"): the lead's subject is who the next
    sentence introduces. Not where a person is named before the description, or a gendered head disagrees."""
    span = m.span
    sent = span.sent
    if m.offset + sent.start_char > LEAD_REACH or any(at < m.start for at, _, _, _ in m.book.mentions) or \
            _another_one(span):
        return None
    doc = span.doc
    if sent.end >= len(doc):
        return None
    following = doc[sent.end].sent
    after = m.offset + following.start_char  # the next sentence's offset in the text
    named = [(at, name, rank) for at, name, rank, sentence in m.book.mentions if sentence == after]
    if not named or named[0][2] != MAIN_SUBJECT or len(named[0][1].split()) < 2 or \
            named[0][0] - after > LEAD_NAME_START or following[0].pos_ in ("ADP", "SCONJ"):
        return None  # the name must open the sentence ("Dan Olsen, 48, ...", "Rep. Duncan Hunter said"), not
        # follow a scene-setting phrase ("In the video released last week, YouTube star Josh Paler Lin ...")
    name = named[0][1]
    want = "m" if m.lemma in MALE_NOUNS else "f" if m.lemma in FEMALE_NOUNS else None
    if want and m.book.gender.get(name, want) != want:
        return None
    return name


def _subject_before(m: _Mention) -> str | None:
    """The person a definite description opening its sentence re-describes: the named main subject of the sentence
    before, when that sentence names no other person and tells of no other person by a noun ("Eyamba Sowers didn't
    know Patrick was coming ... The real estate agent said", "Vladimir Putin spoke at ... The Russian president
    said"; not "Dempsey talked with the man ... the man said")."""
    span = m.span
    sent = span.sent
    if span.start > sent.start + 1 or sent.start == 0:
        return None
    before = span.doc[sent.start - 1].sent
    at = m.start - (span.start_char - before.start_char)  # the sentence before, as an offset in the text
    names = {name for _, name, _, sentence in m.book.mentions if sentence == at}
    mains = {name for _, name, rank, sentence in m.book.mentions if sentence == at and rank == MAIN_SUBJECT}
    if len(mains) != 1 or any(m.lemma == word for _, word, name in m.book.roles + m.book.titles
                              if name in names - mains):
        return None  # (not where another person named there was given this role: "Senator Ann Lee ... The senator")
    if any(t.pos_ == "NOUN" and t.lemma_.lower() in PERSON_HEADS and t.ent_type_ != "PERSON" and
           t.dep_ not in ("appos", "compound") for t in before):
        return None  # another person told of by a noun ("talked with the man", "the guy")
    name = next(iter(mains))
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.ent_type_ != "PERSON" or name.split()[-1] != subject.text:
        return None  # the person must be what the sentence before is about: its main verb's subject
    return name


def _country(m: _Mention) -> Speaker | None:
    """"the country said": the state last named, speaking as such."""
    if m.lemma in COUNTRY_HEADS and m.has_the():
        place = next((name for at, name in reversed(m.book.places) if at < m.start), None)
        if place:
            return m.speaker(place, "organization")
    return None


def _people(m: _Mention) -> Speaker | None:
    """"the public", "an English crowd", "Everyone": unnamed people, a group."""
    if m.lower in PEOPLE_WORDS or m.lemma in PEOPLE_WORDS:
        return m.speaker(_clean_name(_with_rights(m.head)), "anonymous")
    return None


def _thing(m: _Mention) -> Speaker | None:
    """A thing said to speak ("The agreement maintained", "Verified video footage shows", "The script called
    for"): a text or a record, the guidelines' document; never a person or group (those are before)."""
    if m.head.pos_ == "NOUN":
        return m.speaker(_clean_name(_with_rights(m.head, document=True)), "document")
    return None


# The rules of :func:`describe`, in the order they are tried.
_RULES = (
    _relative_pronoun, _it_or_they_body, _junk, _members_of, _unnamed, _age_only, _personal_pronoun,  # pronouns
    _apposed_person, _apposed_organisation, _outlet_or_person, _person_tagged_otherwise, _acronym, _bare_person_name,  # names
    _press, _officials, _spokesperson, _some_or_others, _bodies, _office, _organisation_noun,  # organisations
    _institution_plural,
    _titled_source, _anonymous, _document, _named_organisation, _proper_noun, _role_abbreviation, _kin,  # descriptions
    _person_noun, _country, _people, _thing,
)


def _non_person_antecedent(span: Span, offset: int, book: NameBook, recent: list[Speaker],
                           plural: bool) -> Speaker | None:
    """What "it" (an organisation, document or outlet) or "they" (a group or organisation) stands for: the
    subject of an earlier clause of the same sentence ("The Afghan Taliban ... claimed ..., which it said"),
    else the last such speaker within ``PRONOUN_REACH`` characters. (Not merely the last organisation named:
    "it" is as often a thing, "it confirms recent polling" after "Medicaid".)"""
    start = offset + span.start_char
    # "they" is a group (an organisation is "it" as often as "they": "Big Machine ... they said" after another
    # company spoke is too risky to guess); "it" an organisation, document or outlet.
    kinds = ("anonymous",) if plural else ("organization", "document", "outlet")
    pronoun = span[0]
    if plural and _in_a_release(pronoun.head):
        # "..., they said in a statement on their website": what issues statements and emails is an organisation,
        # the one that spoke last nearby, else the one named last.
        org = _recent_org(recent, start) or book.last_org(start)
        if org:
            return Speaker(span.text, start, offset + span.end_char, org, "organization")
    for token in reversed(list(pronoun.sent)[:pronoun.i - pronoun.sent.start]):
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN") and \
                (token.tag_ in ("NNS", "NNPS")) == plural:
            found = describe(mention_span(token), offset, book, None)
            thing = found.type == "document" and token.lemma_.lower() not in DOCUMENT_HEADS
            if (found.type in kinds or (plural and found.type == "organization")) and not thing:
                return found  # (not any thing: "the car ..., it said" is not the car speaking)
            break
    if not plural and pronoun.sent.start > 0:
        # "Emirates had a fleet of 270 aircraft. ..., it announced": the named organisation or state that is
        # the main subject of the sentence before (Centering, as for he/she).
        before = span.doc[pronoun.sent.start - 1].sent
        subject = next((t for t in before.root.children if t.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ == "PROPN" and subject.tag_ == "NNP" and \
                subject.ent_type_ in ("ORG", "GPE"):
            found = describe(mention_span(subject), offset, book, None)
            if found.type in kinds:
                return found
    for speaker in reversed(recent):
        if speaker.start < start - PRONOUN_REACH:
            break
        if speaker.type in kinds and speaker.name and speaker.name.lower() not in ("it", "they"):
            return speaker
        if plural and speaker.type in ("person", "organization", "outlet") and " and " in speaker.name and \
                not speaker.name.endswith(("his team", "her team", "their team")):
            return speaker  # "Volker and Morrison said ... . They added": the two who spoke together
    return None


