"""Speakers: the mention that goes with a cue, and what it resolves to (name, type, role, affiliation).

Resolution is within one article: a surname or partial name resolves to the longest earlier (else later)
PERSON name ending with it ("Zhao" -> "Zhao Lijian"), a personal pronoun to the last person speaker or person
named before it; titles and appositions give role and affiliation ("White House spokeswoman Emily Horne" ->
role "spokeswoman", affiliation "White House"); anonymous sources keep their description.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

THIRD_PERSON_SINGULAR = frozenset({"he", "she", "him", "her"})
# Longest anonymous-source description kept as its name ("senior administration officials familiar with ...").
DESCRIPTION_TOKENS = 12
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me", "we", "us", "they", "them", "you"})
# Role words (lower-case) that name a function rather than a person; from the titles most frequent before
# names in PolNeAR train sources, plus the seed's "spokesperson".
ROLE_WORDS = frozenset({
    "spokesperson", "spokeswoman", "spokesman", "spokespeople", "minister", "president", "director", "adviser",
    "advisor", "secretary", "senator", "sen.", "rep.", "representative", "governor", "gov.", "mayor", "chairman",
    "chairwoman", "chair", "chief", "leader", "ambassador", "official", "officer", "commissioner", "judge",
    "justice", "attorney", "lawyer", "candidate", "nominee", "manager", "strategist", "aide", "professor",
    "analyst", "economist", "editor", "columnist", "reporter", "correspondent", "author", "founder", "ceo",
    "executive", "head", "general", "gen.", "congressman", "congresswoman", "lawmaker", "speaker", "premier",
    "chancellor", "king", "queen", "prince", "pope", "sheriff", "prosecutor", "researcher", "scientist",
    "pollster", "consultant", "deputy", "vice", "press", "campaign", "chairperson", "host", "anchor",
    "prime", "foreign", "coordinator", "counsel", "dr.", "mr.", "mrs.", "ms.",
})
# Heads of anonymous-source descriptions (seed: "anonymous U.S. officials"; train: "people familiar with ...").
ANONYMOUS_HEADS = frozenset({
    "official", "officials", "source", "sources", "people", "person", "aide", "aides", "diplomat", "diplomats",
    "insider", "insiders", "staffer", "staffers", "adviser", "advisers", "advisor", "advisors", "insider",
    "observer", "observers", "analyst", "analysts", "expert", "experts", "critic", "critics", "supporter",
    "supporters", "member", "members", "officer", "officers", "someone", "investigator", "investigators",
    "lawmaker", "lawmakers", "executive", "executives", "employee", "employees", "witness", "witnesses", "resident",
    "residents", "voter", "voters", "democrats", "republicans",
})
DOCUMENT_HEADS = frozenset({
    "report", "statement", "study", "release", "memo", "letter", "poll", "survey", "document", "documents",
    "tweet", "post", "article", "story", "editorial", "filing", "complaint", "lawsuit", "ruling", "order",
    "analysis", "data", "figures", "records", "email", "emails", "transcript", "book", "ad", "video", "report",
    "paper", "research", "estimate", "estimates", "tally", "count", "review", "audit", "indictment", "petition",
})
OUTLET_WORDS = frozenset({
    "times", "post", "journal", "tribune", "herald", "guardian", "telegraph", "gazette", "reuters", "bloomberg",
    "cnn", "msnbc", "fox", "nbc", "abc", "cbs", "bbc", "npr", "politico", "axios", "breitbart", "newsweek",
    "magazine", "newspaper", "daily", "news", "press", "agency", "xinhua", "tass", "ap", "afp", "yahoo",
    "buzzfeed", "vox", "slate", "atlantic", "economist", "hill", "huffington", "huffpost", "wire", "chronicle",
    "observer", "examiner", "inquirer", "sun", "mirror", "express", "independent", "insider", "reporter", "globe",
    "telegram", "star", "monitor", "intercept", "tv", "radio", "network", "outlet", "broadcaster",
})
OUTLET_PHRASES = re.compile(
    r"\b(associated press|new york times|washington post|wall street journal|financial times|los angeles times|"
    r"usa today|the newspaper|the paper|news agency|the outlet|the magazine|the network|the broadcaster)\b", re.I)


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
        return {"text": self.text, "name": self.name, "type": self.type, "role": self.role,
                "affiliation": self.affiliation, "start": self.start, "end": self.end}


@dataclass
class NameBook:
    """Per-article record of person names seen, for surname -> full name resolution."""

    full_names: list[str] = field(default_factory=list)

    def add(self, name: str) -> None:
        """Remember a multi-word person name."""
        if len(name.split()) >= 2 and name not in self.full_names:
            self.full_names.append(name)

    def resolve(self, name: str) -> str:
        """The longest remembered full name ending with (or containing) ``name``, else ``name``."""
        words = name.split()
        if not words:
            return name
        best = name
        for full in self.full_names:
            fw = full.split()
            if len(fw) > len(best.split()) and (fw[-len(words):] == words or fw[:len(words)] == words):
                best = full
        return best


def collect_names(docs: list[tuple[int, Doc]]) -> NameBook:
    """All multi-word PERSON names of the article."""
    book = NameBook()
    for _, doc in docs:
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                book.add(_clean_name(_person_core(ent).text))
    return book


def _clean_name(text: str) -> str:
    """A name without possessive endings or quote marks, whitespace folded."""
    text = re.sub(r"[’']s$", "", text.strip())
    text = re.sub(r"[\"“”«»]", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,.")


def _person_core(ent: Span) -> Span:
    """A PERSON entity without leading role words the NER took in ("Spokesperson Zhao Lijian" -> "Zhao Lijian")."""
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].lower_ in ROLE_WORDS:
        start += 1
    return ent.doc[start:ent.end]


def mention_span(head: Token, quote_cover: tuple[int, int] | None = None) -> Span:
    """The noun phrase of a subject head: its subtree, cut before a relative clause or a comma-led addition
    that follows the head, and without tokens inside the quote being attributed."""
    doc = head.doc
    left, right = head.left_edge.i, head.i
    for i in range(head.i - 1, left - 1, -1):
        # Nothing across a line break or a comma before the head ("6:50 p.m.\n\nWith her husband, ... Clinton").
        if "\n" in doc[i].text or doc[i].text in (",", "—", "--"):
            left = i + 1
            break
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "punct", "cc", "conj") or child.text in (",", "(", "—"):
            break
        if child.dep_ == "appos":
            break
        right = child.right_edge.i
    if quote_cover:
        while left < right and quote_cover[0] <= doc[left].idx < quote_cover[1]:
            left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left:right + 1]


def describe(span: Span, offset: int, book: NameBook, last_person: str | None) -> Speaker:
    """Type, name, role and affiliation of a speaker mention."""
    text = span.text
    start, end = offset + span.start_char, offset + span.end_char
    low = text.lower()
    if len(span) == 1 and span[0].tag_ == "WP" and span[0].head.dep_ == "relcl":
        # "Barkley, who said ...": the mention is "who", the speaker is what it stands for.
        noun = span[0].head.head
        found = describe(mention_span(noun), offset, book, last_person)
        found.text, found.start, found.end = text, start, end
        return found
    head = span.root
    appos = [t for t in head.children if t.dep_ == "appos"]
    if len(span) == 1 and low in PERSON_PRONOUNS:
        if low not in THIRD_PERSON_SINGULAR:
            return Speaker(text, start, end, text, "unknown")  # "I", "we", "they": no safe antecedent
        antecedent = last_person or _previous_person(span, book)
        return Speaker(text, start, end, antecedent or text, "person" if antecedent else "unknown")
    ents = _ents_in(span)
    persons = [e for e in ents if e.label_ == "PERSON"]
    orgs = [e for e in ents if e.label_ in ("ORG", "GPE", "NORP", "FAC")]
    if OUTLET_PHRASES.search(text) or (orgs and any(w.lower() in OUTLET_WORDS for w in orgs[-1].text.split())
                                       and not persons):
        name = _clean_name(orgs[-1].text if orgs else re.sub(r"^the\s+", "", text, flags=re.I))
        return Speaker(text, start, end, re.sub(r"^the\s+", "", name, flags=re.I), "outlet")
    if persons:
        person = _person_core(persons[-1])
        name = book.resolve(_clean_name(person.text))
        role, affiliation = _role_affiliation(span, person, appos)
        return Speaker(text, start, end, name, "person", role, affiliation)
    if head.lower_ in ANONYMOUS_HEADS or head.lemma_.lower() in ANONYMOUS_HEADS:
        return Speaker(text, start, end, _clean_name(_with_rights(head)), "anonymous")
    if head.lower_ in DOCUMENT_HEADS or head.lemma_.lower() in DOCUMENT_HEADS:
        return Speaker(text, start, end, _clean_name(text), "document")
    if orgs:
        return Speaker(text, start, end, re.sub(r"^the\s+", "", _clean_name(orgs[-1].text), flags=re.I),
                       "organization")
    if head.pos_ == "PROPN":
        # A bare capitalised name the NER missed: a surname when it matches a known person.
        name = book.resolve(_clean_name(text))
        return Speaker(text, start, end, name, "person" if name != _clean_name(text) or len(span) <= 3 else "unknown")
    return Speaker(text, start, end, _clean_name(text), "unknown")


def _ents_in(span: Span) -> list[Span]:
    """Named-entity spans inside ``span``, read from token tags (``Span.ents`` scans the whole Doc)."""
    doc, found = span.doc, []
    start: int | None = None
    for token in span:
        if token.ent_iob_ == "B" or (token.ent_iob_ == "I" and start is None):
            if start is not None:
                found.append(Span(doc, start, token.i, label=doc[start].ent_type_))
            start = token.i
        elif token.ent_iob_ != "I" and start is not None:
            found.append(Span(doc, start, token.i, label=doc[start].ent_type_))
            start = None
    if start is not None:
        found.append(Span(doc, start, span.end, label=doc[start].ent_type_))
    return found


def _previous_person(span: Span, book: NameBook) -> str | None:
    """The last PERSON named before ``span`` in its sentence or the one before (resolved to a full name)."""
    doc = span.doc
    first = span.sent.start
    if first > 0:
        first = doc[first - 1].sent.start
    for i in range(span.start - 1, first - 1, -1):
        if doc[i].ent_type_ == "PERSON":
            j = i
            while j > first and doc[j - 1].ent_type_ == "PERSON" and doc[j].ent_iob_ != "B":
                j -= 1
            return book.resolve(_clean_name(_person_core(doc[j:i + 1]).text))
    return None


def _with_rights(head: Token) -> str:
    """A description with its modifiers ("people familiar with the matter"), without relative clauses and at
    most ``DESCRIPTION_TOKENS`` tokens."""
    doc = head.doc
    right = head.i
    for child in head.rights:
        if child.dep_ not in ("prep", "amod", "compound", "nummod") or doc[child.i - 1].text == ",":
            break
        right = child.right_edge.i
    left = max(head.left_edge.i, right - DESCRIPTION_TOKENS + 1)
    return doc[left:right + 1].text


def _role_affiliation(span: Span, person: Span, appos: list[Token]) -> tuple[str | None, str | None]:
    """Role and affiliation from the words before the name ("White House spokeswoman") or an apposition.

    The role is the run of role words (or common nouns) right before the name; the affiliation is what
    precedes that run ("Chinese Foreign Affairs Ministry Spokesperson" -> affiliation, role).
    """
    before = [t for t in span if t.i < person.start and not t.is_punct and t.lower_ not in ("the", "a", "an")
              and t.tag_ != "POS"]
    cut = len(before)
    while cut > 0 and (before[cut - 1].lower_ in ROLE_WORDS or (before[cut - 1].pos_ == "NOUN"
                                                                 and not before[cut - 1].ent_type_)):
        cut -= 1
    role_tokens, aff_tokens = before[cut:], before[:cut]
    if not role_tokens and appos:
        sub = list(appos[0].subtree)
        role_tokens = [t for t in sub if t.pos_ == "NOUN" or t.lower_ in ROLE_WORDS]
        aff_tokens = [t for t in sub if t.ent_type_ in ("ORG", "GPE", "NORP")]
    role = " ".join(t.text for t in role_tokens) or None
    affiliation = " ".join(t.text for t in aff_tokens) or None
    return role, affiliation
