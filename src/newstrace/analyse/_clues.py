"""What the parse and the article say about a speaker mention, read by the speaker rules (:mod:`._speakers`):
the entities in a mention and the words to its right, apposed names and organisations, the press, officials' and
spokespeople's organisations, a person's office, the outlet a mention names, initials, and the antecedents of
"they", "some" and a definite description. No rule decides here; each function answers one question.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..text.outlets import is_outlet_description, is_outlet_name
from ._names import NameBook, _clean_name, _clean_person, _person_core, _strip_det
from ._speaker_words import (
    ANONYMOUS_HEADS, ANONYMOUS_WORDS, BUSINESS_ROLES, DESCRIPTION_TOKENS, DOCUMENT_HEADS, GENERIC_ORG_NOUNS,
    GROUP_REACH, HONORIFICS, JOURNALIST_HEADS, MISTAGGED_CUES, ORG_HEADS, PERSON_HEADS,
    PERSON_TITLES, PRESS_WORDS, PRONOUN_REACH, QUANTITY_NOUNS, RELEASE_NOUNS, REPORT_QUALIFIERS, ROLE_WORDS,
    STATE_HEADS, STEM,
    TEAM_WORDS, THEY_REACH, people_ending,
)


def _described_back(words: list[Token], head: Token, lemma: str) -> bool:
    """Whether an organisation noun's modifiers only describe the organisation named before ("the Cupertino
    company", "the e-commerce giant", "the Seattle-based retailer"): common adjectives and nouns, a place, "-based";
    not a name of its own, and not a nationality before a state's noun ("the Jordanian government")."""
    mods = [t for t in words if t.i != head.i]
    if not mods or any(t.i > head.i for t in mods):
        return False
    for token in mods:
        place = token.ent_type_ in ("GPE", "LOC") and token.pos_ == "PROPN"
        if place and lemma in STATE_HEADS:
            return False
        if not (place or token.text in ("-", "–") or (token.is_lower and token.pos_ in ("ADJ", "NOUN", "VERB"))):
            return False
    return True


def _press_source(head: Token, orgs: list[Span]) -> str | None:
    """The outlet an unnamed journalist or a press report stands for: "an Associated Press photographer" -> the
    outlet; "media reports", "according to reports" (a plural with no determiner, owner or source of its
    own) -> the reports, an outlet; else None."""
    lemma = head.lemma_.lower()
    if head.pos_ == "NOUN" and lemma in JOURNALIST_HEADS:
        outlets = [e.text for e in orgs if head.i not in range(e.start, e.end) and is_outlet_name(e.text)]
        names = [t for t in head.lefts if t.dep_ in ("compound", "poss") and t.pos_ == "PROPN"]
        if names:  # the NER may miss the outlet's name ("An Associated Press photographer")
            own = head.doc[names[0].left_edge.i:names[-1].i + 1].text
            outlets += [own] if is_outlet_name(own) else []
        if outlets and not any(c.dep_ == "appos" for c in head.children):
            return _strip_det(_clean_name(outlets[0]))
    if head.pos_ == "NOUN" and head.lower_ == "reports":
        mods = [c for c in head.children if c.dep_ in ("det", "poss", "compound", "amod", "nummod", "prep")]
        press = any(c.lower_ in PRESS_WORDS for c in mods)
        if all((c.dep_ in ("compound", "amod") and c.lower_ in PRESS_WORDS) or c.lower_ in REPORT_QUALIFIERS or
               (press and c.dep_ == "compound" and c.ent_type_ in ("GPE", "NORP")) for c in mods):
            # ("multiple unconfirmed reports", "UK media reports": how many or how sure, whose is not said)
            return _clean_name(_with_rights(head))
    return None


def _officials_org(head: Token, before: int, book: NameBook, recent: list[Speaker]) -> str | None:
    """The organisation that "agency officials" or "company representatives" speak for: the one named before
    whose name has that common noun, else (for a noun any organisation goes by) the organisation that spoke
    last nearby, else the one named last; None when no organisation's common noun is before the plural ("White
    House officials", "NASA officials" stay unnamed, as the guidelines' "White House advisers")."""
    nouns = [c for c in head.children if c.dep_ == "compound" and c.lower_ in ORG_HEADS
             and (c.is_lower or (c.i == c.sent.start and c.is_title))]  # "agency", not "NASA"
    if len(nouns) != 1 or any(c.dep_ in ("det", "poss", "nummod", "amod") for c in head.children):
        return None
    word = nouns[0].lower_
    named = book.last_org(before, word, exact=True)
    if named or word not in GENERIC_ORG_NOUNS:
        return named  # "police officials" are no other organisation's
    return _recent_org(recent, before) or book.last_org(before)


def _in_a_release(verb: Token) -> bool:
    """Whether a cue says its channel is an organisation's: "said in a statement / an email / a release"."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        if any(o.dep_ == "pobj" and o.lemma_.lower() in RELEASE_NOUNS for o in prep.children):
            return True
    return False


def _recent_org(recent: list[Speaker], before: int) -> str | None:
    """The organisation that spoke last within ``PRONOUN_REACH`` characters before ``before``, if any."""
    for speaker in reversed(recent):
        if speaker.start < before - PRONOUN_REACH:
            break
        if speaker.start < before and speaker.type == "organization" and speaker.name and \
                speaker.name[:1].isupper():
            return speaker.name
    return None


def _apposed_name(head: Token, appos: Token) -> str | None:
    """A person's name in apposition to a person's role noun ("the deputy director ..., Eva-Marie Persson,"):
    two to four capitalised words (hyphenated given names joined), none an institution's or outlet's word;
    else None."""
    lemma = head.lemma_.lower()
    if appos.pos_ != "PROPN" or not (lemma in PERSON_HEADS or head.lower_ in ROLE_WORDS) or lemma in BUSINESS_ROLES:
        return None
    start = appos.left_edge.i
    while start + 2 <= appos.i and (head.doc[start].lower_ in PERSON_TITLES or
                                   (head.doc[start].lower_ == "first" and head.doc[start + 1].lower_ == "lady")):
        start += 1  # the name after its title: "First Lady Rosario Murillo" (two words at least left)
    run = head.doc[start:appos.i + 1]
    words = [t for t in run if t.text != "-"]
    if not 2 <= len(words) <= 4 or not all(t.is_title and t.is_alpha and t.lower_ not in ORG_HEADS
                                           and t.lower_ not in PERSON_TITLES for t in words):
        return None
    name = re.sub(r"\s*-\s*", "-", run.text)
    return None if is_outlet_name(name) else _clean_name(name)


def _of_someone(name: Token, top: Token) -> bool:
    """Whether a name inside an apposition hangs on "of" below ``top`` ("a protégé of John Bolton" is not
    Bolton; "envoy to Ukraine Kurt Volker" is Volker)."""
    token = name
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ == "pobj" and token.head.lower_ == "of":
            return True
        token = token.head
    return False


def _org_with_words(book: NameBook, before: int, words: list[str]) -> str | None:
    """The last organisation named before ``before`` (not an outlet) whose name has a word beginning with each
    of ``words``' first ``STEM`` letters ("utilities" in "California Public Utilities Commission", "production"
    in "Dick Clark Productions")."""
    stems = [w[:STEM] for w in words if len(w) > 3]
    if not stems or len(stems) != len(words):
        return None
    for at, name in reversed(book.orgs):
        if at >= before or is_outlet_name(name):
            continue
        own = [w.lower() for w in name.split()]
        if all(any(w.startswith(stem) for w in own) for stem in stems):
            return name
    return None


def _appos_org(head: Token) -> str | None:
    """The organisation an apposition after an organisation noun names, right before its verb ("the company
    ..., Dick Clark Productions, denies"; the parse may hang it on the relative clause's last noun)."""
    doc = head.doc
    for token in head.subtree:
        if token.dep_ != "appos" or token.i <= head.i:
            continue
        after = token.right_edge.i + 1
        if not (token.head.i == head.i or (after + 1 < len(doc) and doc[after].text == ","
                                           and after + 1 == head.head.i)):
            continue
        if token.ent_type_ == "ORG":
            ents = [e for e in _ents_in(doc[token.left_edge.i:token.right_edge.i + 1]) if e.label_ == "ORG"]
            if ents and not is_outlet_name(ents[0].text):
                return _strip_det(_clean_name(ents[0].text))
        elif token.pos_ == "PROPN" and token.is_title and (token.ent_type_ != "PERSON" or token.lower_ in ORG_HEADS):
            # A proper name the NER missed or took for a person's ("The group that owns her music, Big Machine,
            # says"; "..., Dick Clark Productions, denies"): the organisation noun says what it is.
            name = _clean_name(_proper_run(token, token.left_edge.i, compound=True).text)
            if not is_outlet_name(name):
                return name
    return None


def _proper_run(token: Token, floor: int, compound: bool = False) -> Span:
    """The proper nouns right before ``token`` (none before index ``floor``; with ``compound``, only those the
    parse hangs on as compounds) and ``token``: the name it ends ("Dick Clark Productions")."""
    doc, first = token.doc, token.i
    while first > floor and doc[first - 1].pos_ == "PROPN" and (not compound or doc[first - 1].dep_ == "compound"):
        first -= 1
    return doc[first:token.i + 1]


def _outlet_not_person(ent: Span, book: NameBook) -> bool:
    """Whether a PERSON entity is an outlet's name the NER mistook ("Politico reported"): a known outlet that is
    no person's name in the article ("Hill" is Fiona Hill where she is named, not The Hill)."""
    name = _clean_name(ent.text)
    return is_outlet_name(name, by_words=False) and book.resolve_person(name) == name


def _their_team(head: Token) -> str:
    """" and his team" when a person speaks together with their own team or colleagues ("Paganini and his team
    wrote"), else ""."""
    for conj in (c for c in head.children if c.dep_ == "conj" and c.lemma_.lower() in TEAM_WORDS):
        owner = [c for c in conj.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "their")]
        if owner and any(c.dep_ == "cc" and c.lower_ == "and" for c in head.children):
            return f" and {owner[0].lower_} {conj.text}"
    return ""


def _group_antecedent(word: Token) -> str | None:
    """The plural noun for people that a bare "Some"/"Others"/"Many" picks from: the last one before it in
    its sentence or the ``GROUP_REACH`` sentences before ("Some consumers ... reported long waits. Others
    reported ...")."""
    doc = word.doc
    first = word.sent.start
    for _ in range(GROUP_REACH):
        if first > 0:
            first = doc[first - 1].sent.start
    for token in reversed(doc[first:word.i]):
        if token.tag_ != "NNS" or token.pos_ != "NOUN":
            continue
        lemma = token.lemma_.lower()
        if lemma in PERSON_HEADS or token.lower_ in ANONYMOUS_HEADS or people_ending(token.lower_):
            return token.lower_
    return None


def _persons_office(head: Token, span: Span, start: int, book: NameBook, last_person: str | None) -> str | None:
    """"<full name>'s office" for the office a named person or a he/she heads ("His office said" after Gov. Eric
    Holcomb: Eric Holcomb's office), else None."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    if owner.lower_ in ("his", "her"):
        # the person named last, in this sentence or the one before, when the gender agrees ("Teachers didn't
        # see Holcomb at the Statehouse. His office said"), else the he/she antecedent
        want = "m" if owner.lower_ == "his" else "f"
        near = _previous_person(span, book)
        person = near if near and book.gender.get(near, want) == want else \
            book.antecedent(owner.lower_, start, PRONOUN_REACH) or last_person
    elif owner.pos_ == "PROPN":
        names = [e for e in _ents_in(span) if e.label_ == "PERSON" and e.start <= owner.i < e.end]
        name = _clean_person(names[0]) if names else owner.text
        person = book.resolve_person(name) if book.is_person(name) else None
    else:
        return None
    return f"{person}'s office" if person else None


def _plural_subject_before(pronoun: Token) -> str | None:
    """The people a "they" no speaker before accounts for stands for: the subject of its own sentence's main clause
    before it, else of the ``THEY_REACH`` sentences before, when that subject is a plural noun for people ("Most
    of Schiff's witnesses were incoherent: They never cite ...") or joins a person or people with "and" ("Gov.
    Eric Holcomb and leaders of the Legislature have avoided ..."); a "they" subject there passes the question
    on to the sentence before it (a chain of "they"). 6 unresolved "they" speakers on the AEB pages outside
    speakers-dev had such a subject."""
    doc = pronoun.doc
    sent = pronoun.sent
    for _ in range(THEY_REACH + 1):
        subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i < pronoun.i and t is not pronoun
                    and t.head.dep_ in ("ROOT", "conj", "ccomp", "advcl")]
        for subject in reversed(subjects):
            if subject.lower_ == "they":
                break  # the chain goes on to the sentence before
            part = [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj" and g.tag_ == "NNS" and _people_noun(g)]
            if part and subject.lower_ in ANONYMOUS_WORDS | QUANTITY_NOUNS:
                return _clean_name(_with_rights(subject))  # "Most of Schiff's witnesses"
            if subject.pos_ not in ("NOUN", "PROPN"):
                continue
            members = [subject] + [c for c in subject.children if c.dep_ == "conj"]
            joined = len(members) > 1 and any(c.dep_ == "cc" and c.lower_ == "and" for c in subject.children)
            people = [m for m in members if _people_noun(m) or m.ent_type_ == "PERSON"]
            if (joined and people) or (subject.tag_ in ("NNS", "NNPS") and _people_noun(subject)):
                last = max(m.right_edge.i for m in members) if joined else subject.i
                phrase = doc[subject.left_edge.i:last + 1].text if joined else _with_rights(subject)
                return _clean_name(phrase)
            return None
        if sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
    return None


def _people_noun(token: Token) -> bool:
    """Whether a common noun names people ("leaders", "witnesses", "physicians")."""
    lemma, lower = token.lemma_.lower(), token.lower_
    return token.pos_ == "NOUN" and (lemma in PERSON_HEADS or lower in ANONYMOUS_HEADS or lemma in ANONYMOUS_HEADS
                                     or people_ending(lower))


def _initials_of(word: str, book: NameBook) -> str | None:
    """The organisation named before whose capitalised words' initials spell ``word`` ("WHO")."""
    if not 2 <= len(word) <= 6 or not word.isalpha():
        return None
    for _, name in book.orgs:
        initials = "".join(w[0] for w in name.split() if w[:1].isupper())
        if initials == word:
            return name
    for _, name in book.orgs:
        # A one-word organisation whose letters hold the short name in order from its first ("VW": Volkswagen,
        # "VW" 7 times beside "Volkswagen" on the AEB pages outside speakers-dev), not one that merely starts
        # with it ("Unilever" is no "UN": the short name's later letters come after its second letter, and are
        # consonants: "GE" is not Google); never an outlet's short name ("AP" is not Apple).
        if " " not in name and name[:1] == word[0] and len(name) >= 2 * len(word) and \
                not any(letter in "AEIOU" for letter in word[1:]) and not is_outlet_name(word) and \
                _spelled_in(word[1:].lower(), name[2:].lower()):
            return name
    return None


def _spelled_in(letters: str, word: str) -> bool:
    """Whether ``letters`` occur in ``word`` in order (not necessarily side by side)."""
    rest = iter(word)
    return all(letter in rest for letter in letters)


def _outlet_of(span: Span, head: Token, ents: list[Span], owners: list[Span]) -> str | None:
    """The outlet a mention names: an outlet entity, an outlet's report ("The Wrap's report", "reports from The
    Wrap and Deadline"), a known outlet name the NER took for a person, or a description ("the newspaper")."""
    text = _strip_det(_clean_name(span.text))
    if head.lower_ in DOCUMENT_HEADS or head.lemma_.lower() in DOCUMENT_HEADS:
        for child in head.children:  # "The Wrap's report"
            if child.dep_ == "poss":
                owner = _strip_det(_clean_name(span.doc[child.left_edge.i:child.i + 1].text))
                if is_outlet_name(owner):
                    return owner
        named = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < head.i]
        if named:  # "A detailed Washington Post article claims"
            owner = _strip_det(_clean_name(span.doc[named[0].left_edge.i:named[-1].i + 1].text))
            if is_outlet_name(owner):
                return owner
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "in", "on"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    obj = objects[0]
                    source = _strip_det(_clean_name(span.doc[obj.left_edge.i:obj.right_edge.i + 1].text))
                    if is_outlet_name(source):
                        return source
                    # without the place after it ("a report in the Argus Leader of Sioux Falls")
                    source = _strip_det(_clean_name(span.doc[obj.left_edge.i:obj.i + 1].text))
                    if obj.pos_ == "PROPN" and is_outlet_name(source):
                        return source
    for ent in ents:
        if head.i not in range(ent.start, ent.end):
            continue
        if ent.label_ in ("ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "PRODUCT") and is_outlet_name(ent.text):
            return _strip_det(_clean_name(ent.text))
        if ent.label_ == "PERSON" and is_outlet_name(ent.text, by_words=False):
            return _strip_det(_clean_name(ent.text))
        the = ent[0].lower_ == "the" or (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the")
        if ent.label_ == "PERSON" and the and is_outlet_name(ent.text):
            return _strip_det(_clean_name(ent.text))  # "The Chronicle says": no person's name takes "the"
    if head.pos_ == "PROPN" and not any(e.label_ == "PERSON" for e in ents):
        # The head's own name, not the phrase: "Wee of the Times" and "NPR's Feng" are journalists (persons).
        first = head.i
        while first > span.start and span.doc[first - 1].dep_ == "compound":
            first -= 1
        own = _strip_det(_clean_name(span.doc[first:head.i + 1].text))
        if is_outlet_name(own):
            return own
    if head.pos_ == "NOUN" and is_outlet_name(text, by_words=False) and \
            (not head.text.islower() or is_outlet_description(text)):
        return text  # "the newspaper"; "an insider" is a source, not the outlet Insider
    nouns = " ".join(t.text for t in span if t.pos_ == "NOUN" and (t.i == head.i or t.dep_ == "compound"))
    if head.pos_ == "NOUN" and head.is_lower and nouns and is_outlet_description(nouns):
        return text  # "The Israeli newspaper", "the Lebanese news magazine": an outlet, whatever its country
    return None


def _without_honorific(name: str) -> str:
    """A name without a leading honorific or title ("Mr. Biden" -> "Biden", "Prime Minister Stephen Harper" ->
    "Stephen Harper": two words of the name at least left)."""
    words = name.split()
    while len(words) > 1 and (words[0].lower().rstrip(".") in HONORIFICS or
                              (len(words) > 2 and words[0].lower() in PERSON_TITLES | {"prime"})):
        words = words[1:]
    return " ".join(words)


def _spokes_org(head: Token, orgs: list[Span]) -> str | None:
    """The organisation a spokesperson speaks for: "a WeWork spokesperson", "a spokesperson for the ministry"."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _strip_det(_clean_name(head.doc[objects[0].left_edge.i:objects[0].right_edge.i + 1].text))
    if orgs:
        return _strip_det(_clean_name(orgs[0].text))
    names = [t for t in head.lefts if t.pos_ == "PROPN"]
    if names:
        return _clean_name(head.doc[names[0].i:names[-1].i + 1].text)
    return None


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


def when_phrase(token: Token) -> bool:
    """Whether a dependent of a speaker's head says when ("on Wednesday", "earlier this month", "today"): a
    preposition or noun whose words are a date or time, not part of the speaker's name."""
    words = [t for t in token.subtree if not t.is_punct]
    if token.dep_ == "prep":
        words = words[1:]
    elif token.dep_ not in ("npadvmod", "advmod", "tmod"):
        return False
    return bool(words) and all(t.ent_type_ in ("DATE", "TIME") or t.lower_ in ("earlier", "later") for t in words)


def before_unclosed_paren(doc: Doc, first: int, right: int) -> int:
    """``right``, or the token before a "(" from ``first`` on that is not closed by ``right``: a name or
    description never ends inside half a parenthesis."""
    opened = next((i for i in range(first, right + 1) if doc[i].text == "("), None)
    if opened is not None and not any(doc[i].text == ")" for i in range(opened, right + 1)):
        return opened - 1
    return right


def _with_rights(head: Token, document: bool = False, relative: bool = False) -> str:
    """A description with its modifiers ("people familiar with the matter"), with a relative clause only when
    ``relative`` and the whole fits ("some consumers who sought help on launch day"), at most
    ``DESCRIPTION_TOKENS`` tokens."""
    doc = head.doc
    right = head.i
    deps = ("prep", "amod", "compound", "nummod", "acl") if document else ("prep", "amod", "compound", "nummod")
    for child in head.rights:
        if child.dep_ == "relcl" and relative and doc[child.i - 1].text != "," and \
                child.right_edge.i - head.left_edge.i < DESCRIPTION_TOKENS:
            right = child.right_edge.i
            continue
        if child.dep_ not in deps or doc[child.i - 1].text == "," or when_phrase(child):
            break
        if child.dep_ == "acl" and any(c.dep_ == "ccomp" for c in child.children):
            break  # "forecasters warning that ...": the clause is what they say, not who they are
        right = child.right_edge.i
    if right > head.i and doc[right].lower_ in MISTAGGED_CUES:
        right -= 1  # the cue the tagger read as a noun ("the figure in black says.")
    left = head.left_edge.i
    for i in range(head.i - 1, left - 1, -1):
        if "\n" in doc[i].text or _spaced_dash(doc[i]) or doc[i].text == "”" or \
                (doc[i].text == '"' and i > 0 and doc[i - 1].text in (",", ".", "?", "!")):
            # ("4:14 p.m.\n\nA California transit chief"; '“...,” the figure in black says': not the quote)
            left = i + 1
            break
    if right - left + 1 > DESCRIPTION_TOKENS:  # too long: cut the modifiers after the head, never the head
        right = max(head.i, left + DESCRIPTION_TOKENS - 1)
    right = before_unclosed_paren(doc, head.i + 1, right)  # ("... Islamic State of Iraq and Syria (ISIS)" cut short)
    while right > head.i and doc[right].is_punct and doc[right].text not in (")", "”", '"', "'", "’"):
        right -= 1  # (a dangling "(", "-" or "," where the cut fell)
    return doc[left:right + 1].text.strip()


def _spaced_dash(token: Token) -> bool:
    """Whether a token is a dash standing between words ("Hawaii - NASA"), not inside one ("co-author")."""
    return token.text in ("-", "–", "—") and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


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
