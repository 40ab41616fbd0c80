"""What an article names, for resolving speaker mentions (:class:`NameBook`, filled by :func:`collect_names`):
full PERSON names and their surnames and first names, people's genders (pronouns, honorifics, given names,
gendered nouns), roles and titles given to people, organisations and outlets, in text order.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, ORTH
from spacy.tokens import Doc, Span, Token

from ..text.given_names import given_name_gender
from ..text.outlets import is_outlet_description, is_outlet_name
from ..text.public_figures import usual_name
from ._quotes import Quote, find_quotes
from ._speaker_words import (
    ADMINISTRATION, ANONYMOUS_HEADS, BLOOD_KIN, BUSINESS_ROLES, FEMALE_NOUNS, FEMALE_WORDS, GIVEN_NAME_VOTES,
    HONORIFICS, HONORIFIC_VOTES, INSTITUTION, MAIN_SUBJECT, MALE_NOUNS, MALE_WORDS, MAX_AGE, NAME_SUFFIXES, ORG_HEADS,
    ORG_OUTVOTES, ORG_VOTES, OUTLET_NOUNS, PERSON_HEADS, PERSON_TITLES, QUOTE_MARKS, ROLE_ABBREVIATIONS, ROLE_WORDS,
    ROYAL_TITLES, SCHOLARLY,
)


# Letters a surname needs before a near spelling of it is taken for the same name (shorter ones collide: "Lee", "Li").
SPELLED_ALIKE = 5
# Letters from which two changed letters still make the same surname ("Mulinovich" for "Milunovich").
SPELLED_TWICE = 9
# Words after an organisation's entity read for the rest of its name before an acronym in parentheses, at most.
NAME_TAIL = 6
NAME_JOINERS = frozenset("of in for and the on".split())


@dataclass
class NameBook:
    """Per-article record of the entities named, for resolving a speaker mention to what it refers to.

    ``full_names``: multi-word person names in order of first mention; ``persons``: every person name seen
    (folded); ``mentions``: (offset, full name, subject rank, sentence offset) per person mention, the rank
    ``MAIN_SUBJECT``, 1 for another subject, 0 for a non-subject; ``orgs``: (offset, name) per
    organisation mention; ``places``: (offset, name) per GPE mention; ``roles``: (offset, role word, full name) from titles and appositions ("President
    Donald Trump", "Marcelo Claure, the executive chair"); ``acronyms``: "WHO" -> "World Health Organization";
    ``gender``: full name -> "m"/"f" from honorifics and from pronouns in sentences naming only that person;
    ``described_outlets``: names the text calls a site or newspaper; ``administrations``: (end offset, "Obama
    administration") per administration named by its leader; ``scholarly``: where the first word of a study ends.
    """

    full_names: list[str] = field(default_factory=list)
    persons: set[str] = field(default_factory=set)
    mentions: list[tuple[int, str, int, int]] = field(default_factory=list)
    orgs: list[tuple[int, str]] = field(default_factory=list)
    places: list[tuple[int, str]] = field(default_factory=list)
    roles: list[tuple[int, str, str]] = field(default_factory=list)
    titles: list[tuple[int, str, str]] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    gender_votes: dict[str, list[int]] = field(default_factory=dict)
    runs: list[str] = field(default_factory=list)
    org_words: set[str] = field(default_factory=set)
    outlets: list[tuple[int, str]] = field(default_factory=list)
    described_outlets: set[str] = field(default_factory=set)
    administrations: list[tuple[int, str]] = field(default_factory=list)
    scholarly: int | None = None

    def add(self, name: str) -> None:
        """Remember a person name (multi-word ones are full names); a name ending in an institution's word
        or a group's plural is never a person's."""
        if not name or name.split()[-1].lower() in ORG_HEADS or name.split()[-1].lower() in ANONYMOUS_HEADS:
            return  # "Fort Worth Police Department", "Virginia Democrats" (a group) are no person's names
        if any(ch.isdigit() for ch in name) or not name[:1].isupper():
            return  # "Thunderbolt 3 Apple": no person's name has a figure in it
        self.persons.add(name.lower())
        if len(name.split()) >= 2 and name not in self.full_names:
            self.full_names.append(name)

    def resolve(self, name: str) -> str:
        """The first-mentioned full name ending with ``name`` (a surname), else the first one starting with it
        (a first name), else the usual full name of a public figure known by that surname alone, else ``name``. First mention, not the longest: when two people share a surname, the one
        the article introduced first is the one it calls by the surname alone ("Jackson" is the poet Major
        Jackson, his wife Didi Jackson is "Didi")."""
        words = name.split()
        if not words:
            return name
        for full in self.full_names:
            fw = full.split()
            while len(fw) > 1 and fw[-1].lower() in NAME_SUFFIXES:
                fw = fw[:-1]
            if len(fw) > len(words) and fw[-len(words):] == words:
                return full
        for full in self.full_names:
            fw = full.split()
            if len(fw) > len(words) and fw[:len(words)] == words:
                if name in self.org_words and full not in self.gender:
                    continue  # "Google" tagged an organisation throughout is no first name of "Google Stadia";
                    # "Dale" is Dale Ford where the article says his gender ("her brother Dale Ford")
                return full
        if len(words) == 1 and not any(run.split()[-1] == name for run in self.runs):
            # A public figure the article calls by surname alone ("President Trump" throughout): the usual full
            # name, as a reader knows it (not where a capitalised run the NER missed gives another: "Ivanka Trump").
            return usual_name(name) or self._spelled_alike(name) or name
        return name

    def _spelled_alike(self, surname: str) -> str | None:
        """The one full name whose surname the article spells a little differently ("Babic" for "Nenad Babici",
        "Mulinovich" for "Steven Milunovich", "Rahman" for "Rami Abdulrahman"): one edit apart, or ending with
        it, for surnames of SPELLED_ALIKE letters or more."""
        if len(surname) < SPELLED_ALIKE or not surname[:1].isupper():
            return None
        low = surname.lower()
        found = {full for full in self.full_names if len(full.split()) > 1 and _alike(full.split()[-1].lower(), low)
                 and not any(ch.isupper() for ch in full.split()[-1].split("-")[-1][1:])}
        # (not a run the extraction glued together: "Tim CookApple")
        return next(iter(found)) if len(found) == 1 else None

    def resolve_person(self, name: str) -> str:
        """``resolve`` for a name already known to be a person's; when no PERSON entity gives its full name,
        the first capitalised run of words ending with it that the NER labelled otherwise or not at all
        ("Noem" -> "Kristi Noem" tagged a place)."""
        full = self.resolve(name)
        words = name.split()
        if full != name or len(words) != 1:
            return full
        for run in self.runs:
            if run.split()[-1] == name:
                words = run.split()
                while len(words) > 2 and (words[0].lower() in ROLE_WORDS or words[0].lower().rstrip(".") in
                                          HONORIFICS):
                    words = words[1:]  # "Vet Faye Bethell" (a run the NER tagged a facility)
                return " ".join(words)
        return name

    def is_person(self, name: str) -> bool:
        """Whether ``name`` (or the full name it resolves to) is a person somewhere in the article."""
        return name.lower() in self.persons or self.resolve(name) != name

    def is_org(self, name: str) -> str | None:
        """The organisation the article names ``name`` or with ``name`` as the first word ("Disney" ->
        "Walt Disney Co" is not; "Disney" -> "Disney Plus" is), if any."""
        folded = name.lower()
        for _, org in self.orgs:
            low = org.lower()
            if low == folded or low.startswith(folded + " "):
                return org if low == folded else name
        return None

    def last_org(self, before: int, head: str | None = None, exact: bool = False) -> str | None:
        """The last organisation named before ``before`` (one whose name has ``head`` in it, if any does; with
        ``exact``, only such a one); never an outlet ("the commission" after "Xinhua News Agency reported")."""
        earlier = [name for at, name in self.orgs if at < before and not is_outlet_name(name)]
        if head:
            with_head = [name for name in earlier if head in name.lower().split()]
            if with_head:
                return with_head[-1]
        if exact:
            return None
        return earlier[-1] if earlier else None

    def by_role(self, role: str, before: int) -> str | None:
        """The person last given ``role`` before ``before``, else the first given it after. A capitalised title
        before the name ("President Trump") says who "the president" is before anyone an apposition calls a
        president ("Zippy Duvall, president of the Farm Bureau")."""
        for given in (self.titles, self.roles):
            earlier = [name for at, word, name in given if word == role and at < before]
            if earlier:
                # Of several holders ("Gov. Eric Holcomb", "Kentucky Gov. Matt Bevin"), the one mentioned last.
                last = {name: at for at, name, _, _ in self.mentions if at < before and name in earlier}
                return max(last, key=last.get) if last else earlier[-1]
        for given in (self.titles, self.roles):
            later = [name for at, word, name in given if word == role]
            if later:
                return later[0]
        return None

    def antecedent(self, pronoun: str, before: int, reach: int) -> str | None:
        """The person a he/she refers to: the last person mentioned as a subject within ``reach`` characters
        before it whose gender agrees, else the last such person mentioned at all."""
        want = "m" if pronoun in MALE_WORDS else "f" if pronoun in FEMALE_WORDS else None
        fallback: str | None = None
        found: tuple[int, str, int, int] | None = None
        for mention in reversed(self.mentions):
            at, name, rank, sentence = mention
            if at >= before:
                continue
            if at < before - reach or (found is not None and sentence != found[3]):
                break
            if want and self.gender.get(name, want) != want:
                continue
            if found is not None:
                if rank == MAIN_SUBJECT:
                    return name  # the main clause's subject before a subordinate one in the same sentence
                continue
            if rank == MAIN_SUBJECT:
                return name
            if rank:
                found = mention  # a subordinate subject ("... the night Epstein died"): look on in its sentence
                continue
            fallback = fallback or name
        return found[1] if found is not None else fallback


def _clean_person(span: Span) -> str:
    """A PERSON entity's name without role words or a team/position prefix ("Browns DL Sheldon Richardson")."""
    core = _person_core(span)
    before = span.doc[core.start - 1] if core.start > 0 else None
    if len(core) == 1 and before is not None and before.pos_ == "PROPN" and before.is_title and \
            before.dep_ == "compound" and before.lower_ not in HONORIFICS and \
            (before.lower_ not in ROLE_WORDS or before.lower_ in ROYAL_TITLES):
        core = span.doc[core.start - 1:core.end]  # "Major Jackson": the NER left the first name out
    words = core.text.split()
    for i in range(len(words) - 2, -1, -1):
        if words[i].isupper() and 1 < len(words[i].strip(".")) <= 3 and len(words) - i - 1 >= 2:
            words = words[i + 1:]
            break
    return _clean_name(" ".join(words))


def collect_names(docs: list[tuple[int, Doc]]) -> NameBook:
    """Every person, organisation, title and acronym the article names (see ``NameBook``)."""
    book = NameBook()
    ents: list[tuple[int, Span]] = []
    for offset, doc in docs:
        for ent in doc.ents:
            ents.append((offset, ent))
            if (ent.label_ == "PERSON" and not _determined(ent)) or _titled_name(ent) or _person_signal(ent):
                book.add(_clean_person(ent))
        for name in _titled_runs(doc) + _apposed_runs(doc) + _given_name_runs(doc):
            book.add(name)
        for ent in doc.ents:
            name = _place_led_name(ent)
            if name:
                book.add(name)
        book.runs.extend(_name_runs(doc))
        book.described_outlets.update(_described_outlets(doc))
    _drop_glued(book)
    for _, ent in ents:
        name = _kin_name(ent, book)
        if name:
            book.add(name)
    for offset, doc in docs:
        book.administrations += [(offset + match.end(), f"{match.group(1)} administration")
                                 for match in ADMINISTRATION.finditer(doc.text)]
        study = SCHOLARLY.search(doc.text)
        if study and book.scholarly is None:
            book.scholarly = offset + study.end()
        for match in INSTITUTION.finditer(doc.text):
            # Institutions the NER misses or cuts short ("U.S. Attorney's Office for the Western District of ...").
            name = re.sub(r"^(?:The|A|An)\s+", "", match.group(0))
            if len(name.split()) >= 2 and not is_outlet_name(name, by_words=False):
                book.orgs.append((offset + match.start() + len(match.group(0)) - len(name), _clean_name(name)))
    for _, ent in ents:
        # The whole chain types a name: "Montell Figgins" tagged an organisation is the person "Figgins" is
        # elsewhere in the article.
        if ent.label_ in ("ORG", "GPE", "NORP") and 2 <= len(ent) <= 3 and ent[-1].lower_ in book.persons and \
                all(t.is_title and t.is_alpha for t in ent) and not is_outlet_name(ent.text) and \
                ent.root.lower_ not in ORG_HEADS:
            book.add(_clean_name(ent.text))
    tagged: dict[str, list[int]] = {}
    for _, ent in ents:  # one-word names: how often tagged an organisation, how often a person
        if len(ent) == 1 and ent.label_ in ("ORG", "PERSON"):
            tagged.setdefault(ent.text, [0, 0])[ent.label_ == "PERSON"] += 1
    book.org_words = {name for name, (org, person) in tagged.items() if org >= ORG_VOTES and not person}
    # A one-word name the NER calls an organisation many times for each time it calls it a person, with no
    # full name ending with it, is the organisation ("Comcast" 16 times ORG, once PERSON): the one PERSON tag
    # does not make every mention a person's.
    outvoted = {name for name, (org, person) in tagged.items() if person and org >= ORG_OUTVOTES * person
                and org >= ORG_VOTES and book.resolve(name) == name and given_name_gender(name + " X") is None}
    book.persons -= {name.lower() for name in outvoted}
    book.org_words |= outvoted
    quoted = {id(doc): find_quotes(doc.text) for _, doc in docs}
    for offset, ent in ents:
        if ent.label_ in ("ORG", "FAC") and is_outlet_name(ent.text):
            if not is_outlet_description(ent.text):
                book.outlets.append((offset + ent.start_char, _strip_det(_clean_name(ent.text))))
            continue
        name = _clean_person(ent) if ent.label_ == "PERSON" else _clean_name(ent.text)
        if ent.label_ in ("PERSON", "ORG", "GPE", "NORP") and not _determined(ent) and book.is_person(name):
            full = book.resolve_person(name)
            # (the possessor of a passive's subject too: "Taylor Swift's albums were released ... . She said")
            root = ent.root
            if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
                root = root.head  # the subject's apposition: "Thomas' brother, Kevin Nickel, reached out"
            subject = root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "poss"
                                                              and root.head.dep_ in ("nsubj", "nsubjpass"))
            verb = root.head if root.dep_ != "poss" else root.head.head
            rank = (MAIN_SUBJECT if verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
                    else 1) if subject else 0
            if not _in_quotes(ent.start_char, quoted[id(ent.doc)]):
                # A name inside a quote is not what a "he" outside it refers to ("... the day Jeffrey Epstein
                # died," he said).
                book.mentions.append((offset + ent.start_char, full, rank, offset + ent.sent.start_char))
            _note_roles(book, ent, full, offset)
            _note_gender(book, ent, full)
        elif ent.label_ == "GPE":
            book.places.append((offset + ent.start_char, re.sub(r"^the\s+", "", name, flags=re.I)))
        elif ent.label_ == "ORG" or (ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].lower_ in ORG_HEADS):
            # ("Dick Clark Productions" tagged a person is the company)
            name = re.sub(r"^the\s+", "", name, flags=re.I)
            book.orgs.append((offset + ent.start_char, name))
            tail = _name_tail(ent)
            if acronym_at(ent.doc, tail):
                # "World Health Organization (WHO)", "Coordinator of Government Activities in the Territories
                # (COGAT)" (the NER's entity ended at "Activities")
                # (the acronym is the body's, not its country's: "Israel's Coordinator ... (COGAT)")
                book.acronyms[ent.doc[tail + 1].text] = _clean_name(re.sub(r"^(?:the\s+|[A-Z][\w.]*(?:'s|’s)\s+)", "",
                                                                ent.doc[ent.start:tail].text))
    _untagged_subjects(book, docs, quoted)
    for offset, ent in ents:
        if ent.label_ == "PRODUCT" and ent.text in tagged and tagged[ent.text][0]:
            book.orgs.append((offset + ent.start_char, ent.text))  # "investigating WeWork" (an ORG elsewhere)
    book.orgs.sort(key=lambda item: item[0])
    for _, full, _, _ in book.mentions:
        if full not in book.gender:  # the article never says: a given name used almost only for one sex does
            guess = given_name_gender(full)
            if guess:
                book.gender[full] = guess
    return book


def _described_outlets(doc: Doc) -> list[str]:
    """Names the text calls an outlet by a noun right before them ("on the site Vocativ", "the newspaper Ouest-France",
    "the portal dailycaller"): a news site the outlet list does not know is an outlet wherever it speaks."""
    found = []
    for token in doc[:-1]:
        name = doc[token.i + 1]
        if token.lemma_.lower() in OUTLET_NOUNS and token.pos_ == "NOUN" and name.dep_ in ("appos", "nsubj", "pobj",
                                                                                          "dobj", "compound") \
                and (name.pos_ == "PROPN" or (name.is_lower and name.is_alpha and name.head.i == token.i)) and \
                any(t.dep_ == "det" and t.lower_ == "the" for t in token.children):
            end = name.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
                end += 1
            found.append(doc[name.i:end].text)
    return found


def _kin_name(ent: Span, book: NameBook) -> str | None:
    """The full name of a relative the article calls by given name only, after the kin word and the person whose
    kin they are ("Mr Foley's brother Michael" -> "Michael Foley"): the relative shares the surname."""
    root = ent.root
    kin = root.head
    if ent.label_ != "PERSON" or len(ent) != 1 or not given_name_gender(ent.text + " X") or \
            root.dep_ not in ("appos", "compound") or kin.lemma_.lower() not in BLOOD_KIN or kin.tag_ != "NN":
        return None
    owner = next((t for t in kin.children if t.dep_ == "poss" and t.ent_type_ == "PERSON"), None)
    if owner is None:
        return None
    full = book.resolve(owner.text).split()
    return f"{ent.text} {full[-1]}" if len(full) >= 2 and full[-1] == owner.text else None


def _untagged_subjects(book: NameBook, docs: list[tuple[int, Doc]], quoted: dict[int, list[Quote]]) -> None:
    """Mentions of people the NER left untagged where they are a clause's subject: a surname of a full name
    named before ("Braun has worked with the likes of Kanye West and Kim Kardashian. He has consistently denied
    ...": Braun, not Kim Kardashian, is the "he"). On the AEB pages outside speakers-dev about 80 surname
    subjects had no entity, so a "he"/"she" after them went to someone named earlier."""
    added = False
    for offset, doc in docs:
        for token in doc:
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ != "PROPN" or token.ent_iob_ != "O" or \
                    not (token.is_title and token.is_alpha) or token.text in book.org_words or \
                    _in_quotes(token.idx, quoted[id(doc)]):
                continue
            full = book.resolve(token.text)
            words = full.split()
            if len(words) < 2 or words[-1] != token.text or full.lower() not in book.persons:
                continue
            verb = token.head
            rank = MAIN_SUBJECT if verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT") else 1
            book.mentions.append((offset + token.idx, full, rank, offset + token.sent.start_char))
            added = True
    if added:
        book.mentions.sort(key=lambda mention: mention[0])


def acronym_at(doc: Doc, i: int) -> bool:
    """Whether an acronym in parentheses, "(WHO)", starts at token ``i``."""
    return 0 <= i and i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].is_upper


def _drop_glued(book: NameBook) -> None:
    """Full names the NER glued onto the end of another name ("Haram Abubakar Shekau" from a caption's "Boko
    Haram Abubakar Shekau", beside "Boko Haram" and "Abubakar Shekau"): a full name that is another full name with
    words before it that end another name of the article is no one's."""
    # each full name's proper word-suffixes, with the names that end so ("Haram" <- "Boko Haram")
    endings: dict[str, set[str]] = {}
    for name in book.full_names:
        words = name.split()
        for k in range(1, len(words)):
            endings.setdefault(" ".join(words[k:]), set()).add(name)
    glued = set()
    for full in book.full_names:
        for other in book.full_names:
            if full != other and full.endswith(" " + other):
                before = full[:-len(other) - 1]
                if endings.get(before, set()) - {full}:
                    glued.add(full)
    book.full_names = [name for name in book.full_names if name not in glued]
    book.persons -= {name.lower() for name in glued}


def _alike(written: str, other: str) -> bool:
    """Whether two surnames are one spelling apart: one letter added, dropped or changed, two neighbours swapped (two
    letters changed in a name of SPELLED_TWICE letters or more), or the first ending with the second ("abdulrahman",
    "rahman")."""
    if written == other:
        return False
    if written.endswith(other):
        return True
    if abs(len(written) - len(other)) > 1:
        return False
    if len(written) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(written, other)) if a != b]
        return len(diff) == 1 or (len(diff) == 2 and (len(written) >= SPELLED_TWICE or (
            diff[1] == diff[0] + 1 and written[diff[0]] == other[diff[1]] and written[diff[1]] == other[diff[0]])))
    longer, shorter = (written, other) if len(written) > len(other) else (other, written)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def _name_tail(ent: Span) -> int:
    """Where an organisation's name ends when capitalised words joined by "of"/"in"/"for"/"and"/"the" follow the
    entity up to a parenthesis ("... Activities in the Territories (COGAT)"); else the entity's end."""
    doc = ent.doc
    i = ent.end
    while i < min(len(doc), ent.end + NAME_TAIL) and (doc[i].is_title or doc[i].lower_ in NAME_JOINERS):
        i += 1
    if i < len(doc) and doc[i].text == "(" and i > ent.end and doc[i - 1].is_title:
        return i
    return ent.end


def _place_led_name(ent: Span) -> str | None:
    """The person's full name in an ORG/GPE entity the NER ran on from a place after "to"/"for" ("envoy to
    Ukraine Kurt Volker", "ambassador to Germany Ann Lee"): the two or three capitalised words after the
    place, else None."""
    if ent.label_ not in ("ORG", "GPE", "NORP") or not 3 <= len(ent) <= 4 or ent.start < 2:
        return None
    doc = ent.doc
    if doc[ent.start - 1].lower_ not in ("to", "for") or not any(
            doc[i].lower_ in ROLE_WORDS or doc[i].lemma_.lower() in PERSON_HEADS
            for i in range(max(0, ent.start - 4), ent.start - 1)):
        return None
    rest = ent[1:]
    if not all(t.is_title and t.is_alpha and t.pos_ == "PROPN" and t.lower_ not in PERSON_TITLES
               and t.lower_ not in ORG_HEADS for t in rest) or is_outlet_name(rest.text):
        return None
    return rest.text


def _titled_name(ent: Span) -> bool:
    """Whether an ORG/GPE entity is a person's name the NER mistyped: two or three capitalised words right
    after a role title ("executive chair Marcelo Claure")."""
    if ent.label_ not in ("ORG", "GPE") or not 2 <= len(ent) <= 3 or ent.start == 0:
        return False
    if not all(t.is_title and t.is_alpha for t in ent) or is_outlet_name(ent.text):
        return False
    return ent.doc[ent.start - 1].lower_ in ROLE_WORDS


def _in_quotes(char: int, quotes: list[Quote]) -> bool:
    """Whether a character offset lies inside one of the (sorted, disjoint) quote spans."""
    at = bisect.bisect_right([q.start for q in quotes], char) - 1
    return at >= 0 and quotes[at].start < char < quotes[at].end


def _determined(ent: Span) -> bool:
    """Whether a one-word entity follows "the" ("the Moon", "the Gateway"): a thing, not a person (a person
    under "the" is a modifier, "the Biden campaign", and is not who a later "he" refers to either)."""
    return len(ent) == 1 and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"


def _person_signal(ent: Span) -> bool:
    """Whether an ORG/GPE/NORP entity the NER mistyped is a person by what surrounds it: a person's title or
    honorific right before it ("Lt. Col. Vindman", "Ambassador Sondland"), an age ("Smith, 45,") or a person-role
    apposition after it ("Volker, the former special envoy")."""
    if ent.label_ not in ("ORG", "GPE", "NORP") or len(ent) > 3 or is_outlet_name(ent.text):
        return False
    if not all(t.is_title or t.is_punct for t in ent) or ent.root.lower_ in ORG_HEADS:
        return False
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in PERSON_TITLES:
        return True
    if any(child.dep_ == "appos" and child.like_num and child.text.isdigit() and 0 < int(child.text) <= MAX_AGE
           for child in ent.root.children):
        return True  # "Smith, 45, said": an age in apposition
    return any(child.dep_ == "appos" and child.pos_ == "NOUN" and child.lemma_.lower() in PERSON_HEADS
               and child.lemma_.lower() not in BUSINESS_ROLES for child in ent.root.children)


def _name_runs(doc: Doc) -> list[str]:
    """Runs of two or three capitalised proper nouns that could be a person's full name, whatever the NER
    made of them: no title, honorific, outlet or institution word in them."""
    found = []
    run: list[Token] = []
    for token in list(doc) + [None]:
        if token is not None and token.pos_ == "PROPN" and token.is_title and token.is_alpha and \
                token.lower_ not in PERSON_TITLES and token.lower_ not in ORG_HEADS:
            run.append(token)
            continue
        if token is not None and _joins_name(token, run):
            run.append(token)  # "Eva-Marie Persson": a hyphenated given name is one word of the name
            continue
        words = [t for t in run if t.text != "-"]
        name = doc[run[0].i:run[-1].i + 1].text if run else ""
        if 2 <= len(words) <= 3 and run[-1].text != "-" and not is_outlet_name(name) and \
                not (token is not None and token.lower_ in ORG_HEADS):
            found.append(name)
        run = []
    return found


def _given_name_runs(doc: Doc) -> list[str]:
    """A given name and one capitalised word after it, outside any entity, ending a run of proper nouns ("Sgt at
    Arms Kevin Vickers", where the NER tags no entity and every later "Vickers" an organisation): a person's full
    name the NER missed. Its later surname then resolves to the person, for its type and for a "he" after it."""
    found = []
    for token in doc[:-1]:
        last = doc[token.i + 1]
        if given_name_gender(token.text + " X") and token.is_title and token.pos_ == "PROPN" and \
                last.pos_ == "PROPN" and last.is_title and last.is_alpha and last.lower_ not in ORG_HEADS and \
                token.ent_iob_ == "O" and last.ent_iob_ == "O" and \
                not (token.i > 0 and doc[token.i - 1].text == "-") and \
                not (last.i + 1 < len(doc) and doc[last.i + 1].pos_ == "PROPN" and doc[last.i + 1].is_title):
            found.append(f"{token.text} {last.text}")
    return found


def _joins_name(token: Token, run: list[Token]) -> bool:
    """Whether a token is the hyphen inside a hyphenated name ("Eva-Marie"): no space either side, after a
    capitalised word of the run and before another."""
    doc = token.doc
    return token.text == "-" and bool(run) and not run[-1].whitespace_ and not token.whitespace_ and \
        token.i + 1 < len(doc) and doc[token.i + 1].is_title and run[-1].text != "-"


def _apposed_runs(doc: Doc) -> list[str]:
    """Two or three capitalised proper nouns outside any entity with a person's role in apposition after them
    ("Jeff Sanborn, president of an agency, said"): a person's full name the NER missed."""
    found = []
    for token in doc:
        if token.ent_type_ or not any(c.dep_ == "appos" and c.pos_ == "NOUN" and
                                      (c.lemma_.lower() in PERSON_HEADS or c.lower_ in ROLE_WORDS)
                                      for c in token.children):
            continue
        first = token.i
        while first > 0 and token.i - first < 2 and doc[first - 1].dep_ == "compound" and not doc[first - 1].ent_type_:
            first -= 1
        run = doc[first:token.i + 1]
        if len(run) >= 2 and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha and t.lower_ not in PERSON_TITLES
                                 and t.lower_ not in ORG_HEADS for t in run) and not is_outlet_name(run.text):
            found.append(run.text)
    return found


def _titled_runs(doc: Doc) -> list[str]:
    """Capitalised names outside any entity right after an honorific ("Mr. Grayling", "Dr Fauci"); a royal title
    with the single given name after it ("Prince Edmund"), title kept."""
    found = []
    for token in doc:
        if token.lower_ in ROYAL_TITLES and token.is_title and token.i + 2 <= len(doc):
            name = doc[token.i + 1]
            after = doc[token.i + 2] if token.i + 2 < len(doc) else None
            if name.pos_ == "PROPN" and name.is_title and name.ent_type_ in ("", "PERSON") and \
                    not (after is not None and after.pos_ == "PROPN" and after.is_title):
                found.append(_clean_name(doc[token.i:token.i + 2].text))
            continue
        if token.lower_.rstrip(".") not in HONORIFICS or token.i + 1 >= len(doc):
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and not doc[end].ent_type_:
            end += 1
        if end > token.i + 1:
            found.append(_clean_name(doc[token.i + 1:end].text))
    return found


def _role_word(word: str) -> str:
    """A title as the role word a later description uses ("Gov." -> "governor", "Sen." -> "senator")."""
    word = word.rstrip(".")
    return ROLE_ABBREVIATIONS.get(word, word)


def _note_roles(book: NameBook, ent: Span, full: str, offset: int) -> None:
    """Role words given to a person by a title before the name or an apposition after it."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and i >= ent.start - 4 and (doc[i].lower_ in ROLE_WORDS or (doc[i].pos_ == "NOUN"
                                                                             and doc[i].dep_ == "compound")):
        book.roles.append((offset + ent.start_char, _role_word(doc[i].lower_), full))
        if i == ent.start - 1 and doc[i].is_title and doc[i].lower_ in PERSON_TITLES:
            book.titles.append((offset + ent.start_char, _role_word(doc[i].lower_), full))
        i -= 1
    core = _person_core(ent)
    if core.start > ent.start and ent.doc[core.start - 1].is_title and ent.doc[core.start - 1].lower_ in PERSON_TITLES:
        book.titles.append((offset + ent.start_char, _role_word(ent.doc[core.start - 1].lower_), full))
    for token in _person_core(ent):
        if token.lower_ in ROLE_WORDS:  # the NER took the title in ("President Donald Trump")
            book.roles.append((offset + ent.start_char, _role_word(token.lower_), full))
    for child in ent.root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            book.roles.append((offset + ent.start_char, child.lemma_.lower(), full))
    if ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN":
        book.roles.append((offset + ent.start_char, ent.root.head.lemma_.lower(), full))


def _note_gender(book: NameBook, ent: Span, full: str) -> None:
    """A person's gender from an honorific before the name (which settles it), else from the pronouns after
    the name in a sentence naming only that person, outside quotes ("Kerr said he ..."); a pronoun before
    the name ("He was arrested for the call to Omar's office") is someone else's. Votes add up over the
    article's mentions (``book.gender_votes``) and the majority stands."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if full not in book.gender_votes:
        # A given name used almost only for one sex starts the count: one "he" in a sentence about "Jane
        # Starner" and another person the NER missed does not make her a man.
        guess = given_name_gender(full)
        book.gender_votes[full] = [GIVEN_NAME_VOTES * (guess == "m"), GIVEN_NAME_VOTES * (guess == "f")]
    votes = book.gender_votes[full]
    noun = _gendered_noun(ent)
    if before in MALE_WORDS or before in FEMALE_WORDS:
        votes[0 if before in MALE_WORDS else 1] += HONORIFIC_VOTES
    elif noun:  # "Omar is one of the first two Muslim women", "Congresswoman Omar", "Lee, a father of two"
        votes[0 if noun == "m" else 1] += HONORIFIC_VOTES
    else:
        sent = ent.sent
        if sum(1 for e in sent.ents if e.label_ == "PERSON") != 1:
            return
        quoted = False
        for token in sent:
            if token.text in QUOTE_MARKS:
                quoted = not quoted
            elif token.i >= ent.end and not quoted and not _bound_elsewhere(token, ent):
                votes[0] += token.lower_ in MALE_WORDS
                votes[1] += token.lower_ in FEMALE_WORDS
    if votes[0] != votes[1]:
        book.gender[full] = "m" if votes[0] > votes[1] else "f"


def _bound_elsewhere(pronoun: Token, ent: Span) -> bool:
    """Whether a plain object pronoun is someone else than the name that is its clause's subject ("Elise found
    him": by binding, "him" there cannot be Elise; "himself" could)."""
    if pronoun.lower_ not in ("him", "her"):
        return False
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    if pronoun.dep_ not in ("dobj", "dative", "pobj") or (pronoun.dep_ == "pobj" and pronoun.head.head != ent.root.head):
        return False
    return ent.root.dep_ in ("nsubj", "nsubjpass") and ent.root.head == verb


def _gendered_noun(ent: Span) -> str | None:
    """"m"/"f" from a gendered noun said of a name: a title right before it ("Congresswoman"), an apposition
    ("Lee, a father of two") or a copular predicate ("Omar is one of the first two Muslim women")."""
    doc, root = ent.doc, ent.root
    nouns = [doc[ent.start - 1]] if ent.start > 0 else []
    nouns += [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        for attr in (c for c in root.head.children if c.dep_ == "attr"):
            nouns.append(attr)
            nouns += [g for p in attr.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                      if g.dep_ == "pobj"]  # "one of the ... women"
    for noun in nouns:
        word = noun.lower_
        if word in MALE_NOUNS or noun.lemma_.lower() in MALE_NOUNS:
            return "m"
        if word in FEMALE_NOUNS or noun.lemma_.lower() in FEMALE_NOUNS:
            return "f"
    return None


def _clean_name(text: str) -> str:
    """A name without possessive endings, quote marks, a trailing dash ("Kim Kardashian -") or a social-media
    handle after it ("Kerem Soyyilmaz @keremsoyyilmaz", as tweets are quoted), whitespace and direction marks
    folded."""
    text = re.sub(r"[\u200e\u200f\u202a-\u202e]", " ", text).replace("\u00ad", "")  # (and soft hyphens)
    if not text.lstrip().startswith("@"):
        text = re.sub(r"\s+@\w+\s*$", "", text)
    text = re.sub(r"\s+[-–—]+$", "", text.strip())
    text = re.sub(r"[’']s$", "", text)
    text = re.sub(r"[\"“”«»]", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,.")


def _person_core(ent: Span) -> Span:
    """A PERSON entity without leading role words or honorifics the NER took in ("Spokesperson Zhao Lijian" ->
    "Zhao Lijian", "Mr Grayling" -> "Grayling")."""
    start = ent.start
    titled = next((i for i in range(ent.start + 1, ent.end - 1) if ent.doc[i].lower_ in ROLE_WORDS or
                   ent.doc[i].lower_ in HONORIFICS or ent.doc[i].lower_ in ROYAL_TITLES), None)
    if titled is not None and all(t.is_title or t.lower_ in ("'s", "’s") for t in ent.doc[ent.start:titled]):
        start = titled  # "Jordan King Abdullah II", "Russia's President Vladimir Putin": the country is no name
    if ent.end - ent.start > 2 and ent.doc[start].lower_ == "lady" and start > 0 and ent.doc[start - 1].lower_ == "first":
        start += 1  # "First Lady Rosario Murillo" (the NER left "First" out): a title, not part of her name
    if start == ent.start and ent.end - start >= 3 and _epithet(ent.doc[start], ent.doc[start + 1]):
        start += 1  # "Lovesick Tan Shen", "Heartbroken Mary Jones": a tabloid's epithet opening the sentence
    while start < ent.end - 1 and (ent.doc[start].lower_ in ROLE_WORDS or ent.doc[start].lower_ in HONORIFICS):
        # ("Mr Grayling", "Dr Fauci": British honorifics come without a full stop)
        if start == ent.end - 2 and ent.doc[start].lower_ in ROYAL_TITLES:
            break  # "Prince Andrew": a royal's title is part of the name they are known by
        start += 1
    return ent.doc[start:ent.end]


def _epithet(first: Token, second: Token) -> bool:
    """Whether the first word of a PERSON entity is an epithet, not a name: it opens the sentence, is no given
    name, comes nowhere in the text but before the same next word, and that next word is a given name or a
    person's name alone elsewhere ("Tan said")."""
    doc = first.doc
    if not first.is_sent_start or given_name_gender(first.text + " X") or not first.is_alpha:
        return False
    # (read from the doc's arrays: a scan of its tokens for every such entity was quadratic in a long text)
    rows = doc.to_array([ORTH, ENT_IOB, ENT_TYPE])
    orth, iob, kind = rows[:, 0], rows[:, 1], rows[:, 2]
    after = np.flatnonzero(orth == first.orth) + 1
    if after[-1] >= len(doc) or (orth[after] != second.orth).any():
        return False
    if given_name_gender(second.text + " X"):
        return True
    # a one-word PERSON entity with the same text: a B tag not followed by an I tag (IOB codes: 1 I, 3 B)
    alone = (orth == second.orth) & (iob == 3) & (kind == doc.vocab.strings["PERSON"]) & (np.append(iob[1:], 0) != 1)
    return bool(alone.any())


def _strip_det(name: str) -> str:
    """A name without a leading article."""
    return re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
