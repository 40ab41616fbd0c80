"""Speakers: the mention that goes with a cue, and what it resolves to (name, type, role and affiliation).

Resolution is within one article (``NameBook`` holds what the article names): a surname or first name resolves to
the first-mentioned full PERSON name ending (else starting) with it ("Zhao" -> "Zhao Lijian"); a name that is a
person anywhere in the article stays a person when the NER calls it an organisation; he/she to the last person
mentioned before it whose gender agrees, else the last person speaker; "the company"/"the agency" to the last
organisation named; "the ambassador" to the person given that title; "the doctor" to an earlier "a doctor ...";
"a WeWork spokesperson" to WeWork; "Warren supporter X" and "X's attorney, Y" to the person speaking. Outlets come
from the shared list in ``newstrace.text.outlets``. ``speaker.text`` is the mention, ``speaker.name`` the resolved
name; type ``unknown`` only when nothing says otherwise.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from ..text.given_names import given_name_gender
from ..text.outlets import is_outlet_description, is_outlet_name
from ..text.public_figures import usual_name
from ._quotes import Quote, find_quotes

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
    "prime", "foreign", "coordinator", "counsel", "dr.", "mr.", "mrs.", "ms.", "envoy",
    "superintendent", "treasurer", "comptroller", "auditor", "marshal", "dean", "provost", "chaplain",
})
# Heads of anonymous-source descriptions (seed: "anonymous U.S. officials"; train: "people familiar with ...").
ANONYMOUS_HEADS = frozenset({
    "official", "officials", "source", "sources", "people", "person", "aide", "aides", "diplomat", "diplomats",
    "insider", "insiders", "staffer", "staffers", "adviser", "advisers", "advisor", "advisors", "insider",
    "observer", "observers", "analyst", "analysts", "expert", "experts", "critic", "critics", "supporter",
    "supporters", "member", "members", "officer", "officers", "someone", "investigator", "investigators",
    "lawmaker", "lawmakers", "executive", "executives", "employee", "employees", "witness", "witnesses", "resident",
    "residents", "voter", "voters", "democrats", "republicans", "family", "families",
})
DOCUMENT_HEADS = frozenset({
    "report", "statement", "study", "release", "memo", "letter", "poll", "survey", "document", "documents",
    "tweet", "post", "article", "story", "editorial", "filing", "complaint", "lawsuit", "ruling", "order",
    "analysis", "data", "figures", "records", "email", "emails", "transcript", "book", "ad", "video", "report",
    "website", "presentation", "evidence", "findings", "slides", "documents", "filings", "page", "site",
    "testimony", "resolution", "resolutions", "announcement", "notice", "guidance", "guidelines", "bill",
    "legislation", "proposal", "budget",
    "forecast", "projection", "results", "statistics", "numbers", "message", "warning", "advisory",
    "paper", "research", "estimate", "estimates", "tally", "count", "review", "audit", "indictment", "petition",
    "image", "images", "photo", "photos", "photograph", "photographs", "footage", "videos", "recording",
    "recordings", "picture", "pictures", "calculation", "calculations", "simulation", "simulations",
    "measurement", "measurements",
})
# Heads of descriptions that name an organisation ("the commerce ministry", "U.S. Attorney's Office for ...");
# a bare "the company" refers back to the last organisation named.
ORG_HEADS = frozenset({
    "office", "ministry", "department", "agency", "company", "firm", "government", "administration", "military",
    "army", "navy", "police", "court", "council", "committee", "commission", "board", "party", "team", "club",
    "university", "college", "school", "hospital", "union", "group", "bank", "corporation", "authority",
    "authorities", "service", "embassy", "campaign", "organization", "organisation", "institute", "foundation",
    "association", "federation", "league", "coalition", "regulator", "startup", "manufacturer", "maker",
    "retailer", "carrier", "airline", "network", "center", "centre", "bureau", "cabinet", "parliament",
    "congress", "senate", "house", "ombudsman", "prosecutor's", "lab", "laboratory", "nasa", "fbi", "pentagon",
    # company-name endings and words found only in the names of institutions
    "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "llc", "plc", "co.", "holdings", "technologies", "labs",
    "airlines", "airways", "motors", "pharmaceuticals", "systems", "partners", "industries", "institution",
    "academy", "society", "alliance", "assembly", "fund", "trust", "church", "division", "unit", "secretariat",
    "directorate", "tribunal", "prosecutors", "guard", "forces", "corps", "senate", "legislature",
    # endings of entertainment and media companies' names ("Dick Clark Productions", "Big Machine Records")
    "productions", "records", "entertainment", "studios", "pictures", "communications", "ventures",
    # common nouns standing for a company or body ("the utility said")
    "utility", "brokerage", "consultancy", "insurer", "lender", "automaker", "carmaker", "developer", "operator",
    "provider", "supplier",
    "chain", "brand", "publisher", "studio", "charity", "nonprofit", "watchdog", "giant", "conglomerate",
    "distributor", "label", "platform", "exchange", "regime", "junta",
})
# A capitalised institution's name, whatever the NER makes of it: up to six capitalised words ending in an
# institution's word, with an "of/for the ..." tail of capitalised words.
INSTITUTION = re.compile(
    r"(?:[A-Z][\w.'’&-]*\s+){1,6}(?:Office|Department|Ministry|Agency|Commission|Council|Committee|Bureau|"
    r"Service|Authority|Police|Court|Administration|Prosecutor)"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*){0,6})?")
# Organisation nouns that a nationality names by itself ("the Jordanian government" is Jordan's, not the
# organisation named before; "the German automaker" refers back).
STATE_HEADS = frozenset({"government", "ministry", "military", "army", "navy", "police", "embassy", "parliament",
                         "administration", "cabinet", "regime", "junta", "authorities", "authority", "court",
                         "senate", "congress", "legislature", "forces", "guard", "president", "presidency"})
# Plural role nouns that stand for the one institution the article names ("prosecutors said" is the
# prosecuting office), with the words that institution's name holds.
INSTITUTION_PLURALS = MappingProxyType({"prosecutor": ("attorney", "prosecut", "justice")})
# Nouns of quantity whose "of" plural is who speaks ("a series of South Dakotans ... declaring").
QUANTITY_NOUNS = frozenset({"series", "group", "number", "couple", "handful", "lot", "dozen", "dozens", "hundreds",
                            "thousands", "majority", "minority", "crowd", "pair", "trio", "bunch", "host", "chorus",
                            "percent", "%", "half", "third", "quarter", "share", "proportion", "fraction"})
# Times a one-word name must be tagged an organisation (and never a person) before it stops being taken for the
# first name of a multi-word name ("Google" and "Google Stadia"): two, so one stray tag does not decide.
ORG_VOTES = 2
# What an organisation speaks through ("they said in a statement"): a group of unnamed people seldom does.
RELEASE_NOUNS = frozenset({"statement", "email", "e-mail", "release", "filing", "notice"})
# Heads of outlet descriptions that refer back to the outlet named before ("the news agency", "the newspaper");
# not "the website" or "the network", as often someone else's page or a TV network spoken of.
OUTLET_BACK = frozenset({"newspaper", "paper", "agency", "organization", "organisation", "outlet", "magazine",
                         "broadcaster", "tabloid", "daily", "weekly"})
# Public roles a definite description uses for someone the article has named ("said the actor"), not for an
# unnamed participant ("the driver", "the doctor").
PUBLIC_ROLES = frozenset({"actor", "actress", "singer", "star", "royal", "rapper", "musician", "comedian",
                          "guitarist", "songwriter", "filmmaker", "novelist", "poet", "athlete", "celebrity"})
# Adjectives that make a description an unnamed source whatever organisation it names.
UNNAMED_WORDS = frozenset({"anonymous", "unnamed", "unidentified"})
# Words for unnamed people taken together ("the public said", "Everyone agrees").
PEOPLE_WORDS = frozenset({"public", "crowd", "audience", "everyone", "everybody", "jury", "panel", "electorate",
                          "population", "community", "majority", "minority", "nobody", "anyone", "anybody"})
# Letters of a description's word that must begin a word of the organisation's name it refers to
# ("production" ~ "Productions", "utilities" ~ "Utilities"): a stem long enough to skip unrelated words.
STEM = 6
# Heads that, after "the", refer back to the country last named ("the country said it would ...").
COUNTRY_HEADS = frozenset({"country", "nation"})
# Abbreviated titles and the role word a later "the governor" uses.
ROLE_ABBREVIATIONS = MappingProxyType({"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
                                       "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain",
                                       "prof": "professor", "supt": "superintendent", "atty": "attorney",
                                       # "the PM": the person titled "Prime Minister" (its first role word)
                                       "pm": "prime"})
# Roles a company holds as often as a person ("Boeing, prime contractor for the core stage"): an apposition
# with one of them does not make a name a person's.
BUSINESS_ROLES = frozenset({"contractor", "partner", "sponsor", "client", "supplier", "rival", "competitor", "owner",
                            "subsidiary", "parent", "investor", "customer", "developer", "designer", "builder"})
# Titles and honorifics that make the capitalised name after them a person's ("Mr. Vindman", "Sen. Grassley",
# "Ambassador Sondland", "Lt. Col. Alexander Vindman"): the role words that head a person's title.
PERSON_TITLES = frozenset({
    "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "miss", "prof.", "professor", "sen.", "senator", "rep.",
    "representative", "gov.", "governor", "president", "mayor", "ambassador", "minister", "secretary", "judge",
    "justice", "sir", "dame", "lt.", "col.", "gen.", "general", "sgt.", "capt.", "captain", "rev.", "chancellor",
    "congressman", "congresswoman", "spokesperson", "spokesman", "spokeswoman", "chairman", "chairwoman", "ceo",
    "coach", "detective", "officer", "sheriff", "attorney", "prince", "princess", "king", "queen", "pope",
    "premier", "lord", "lady", "speaker", "commissioner", "chief", "director", "founder", "adviser", "advisor",
    "aide", "deputy", "lawmaker", "leader", "candidate", "economist", "analyst", "author", "actor", "actress",
    "singer", "rapper", "poet", "writer", "player", "quarterback", "striker", "star",
})
# Largest number read as a person's age when it stands in apposition to a name ("Smith, 45, said").
MAX_AGE = 120
# Titles that, before a single given name, are part of the name a person is known by ("Prince Andrew",
# "Pope Francis"); the scorer and the gold keep them.
ROYAL_TITLES = frozenset({"prince", "princess", "king", "queen", "pope", "duke", "duchess", "emperor", "empress",
                          "sultan", "sheikh"})
# Singular heads naming one unnamed participant: a person by the guidelines ("a doctor on the scene", "the man").
PERSON_HEADS = frozenset({
    "man", "woman", "boy", "girl", "child", "doctor", "patient", "driver", "victim", "mother", "father", "son",
    "daughter", "wife", "husband", "brother", "sister", "parent", "teacher", "student", "nurse", "hunter",
    "owner", "neighbor", "neighbour", "friend", "passenger", "pilot", "survivor", "suspect", "defendant",
    "plaintiff", "farmer", "worker", "player", "coach", "fan", "customer", "user", "mom", "dad", "grandmother",
    "grandfather", "relative", "lawyer", "attorney", "judge", "poet", "writer", "artist", "actor", "actress",
    "singer", "director", "star", "rider", "cyclist", "officer", "soldier", "citizen", "guy", "lady",
    "gentleman", "teen", "teenager", "veteran", "physician", "surgeon", "scientist", "researcher", "professor",
    "ambassador", "president", "senator", "governor", "mayor", "minister", "chief", "founder", "ceo", "chairman",
    "chairwoman", "candidate", "nominee", "prosecutor", "sheriff", "detective", "spokesman", "spokeswoman",
    "spokesperson", "representative", "congressman", "congresswoman", "lawmaker", "envoy", "toddler", "baby",
    "infant", "kid", "whistleblower", "leaker", "informant", "royal", "comedian", "musician", "filmmaker",
    # occupations and relations that pick out one unnamed participant ("the real estate agent", "a radiologist")
    "agent", "radiologist", "paramedic", "firefighter", "clerk", "cashier", "waitress", "waiter", "bartender",
    "chef", "pastor", "priest", "rabbi", "imam", "bishop", "engineer", "designer", "architect", "photographer",
    "scholar", "historian", "biologist", "chemist", "physicist", "epidemiologist", "virologist", "psychologist",
    "psychiatrist", "therapist", "dentist", "pharmacist", "veterinarian", "coroner", "examiner", "inspector",
    "trooper", "constable", "ranger", "lieutenant", "sergeant", "captain", "commander", "colonel", "entrepreneur",
    "investor", "banker", "trader", "broker", "landlord", "tenant", "homeowner", "shopper", "principal",
    "referee", "umpire", "athlete", "runner", "swimmer", "golfer", "quarterback", "pitcher", "goalkeeper",
    "rookie", "activist", "protester", "protestor", "demonstrator", "organizer", "organiser", "volunteer",
    "donor", "grandson", "granddaughter", "niece", "nephew", "uncle", "aunt", "cousin", "fiance", "fiancé",
    "fiancee", "girlfriend", "boyfriend", "widow", "widower", "pupil", "graduate", "inmate", "prisoner",
    "detainee", "refugee", "migrant", "immigrant", "tourist", "visitor", "traveler", "traveller", "commuter",
    "motorist", "pedestrian", "bystander", "eyewitness", "fisherman", "rancher", "miner", "plumber",
    "electrician", "mechanic", "contractor", "professional", "specialist", "practitioner", "dietitian",
    "nutritionist", "counselor", "counsellor", "instructor", "tutor", "lecturer", "novelist", "playwright",
    "composer", "musician", "drummer", "guitarist", "comedian", "filmmaker", "producer", "screenwriter",
})
# Heads of an unnamed journalist's description: "an Associated Press photographer at the scene" is the outlet
# (guidelines: an unnamed journalist of a news organisation is the outlet; a named one is a person).
JOURNALIST_HEADS = frozenset({"journalist", "reporter", "correspondent", "photographer", "photojournalist",
                              "cameraman", "camerawoman", "stringer", "crew", "editor", "columnist"})
# Plural role nouns that, after an organisation's common noun, speak for that organisation ("agency officials"
# is the agency named before, as the guidelines' "agency officials" -> NASA).
OFFICIAL_PLURALS = frozenset({"officials", "spokespeople", "spokespersons", "representatives"})
# Words that make a report an outlet's ("media reports", "news reports"); plain plural "reports" with nothing to
# say whose are press reports too (speakers-dev guidelines: "reports" -> unspecified reports, an outlet).
# Nouns any kind of organisation goes by ("company officials" are those of the company last named, whatever its
# name); other organisation nouns ("police", "ministry") name their own kind and must be in the name.
GENERIC_ORG_NOUNS = frozenset({"company", "agency", "firm", "organization", "organisation", "group"})
PRESS_WORDS = frozenset({"media", "news", "press"})
SPOKES_HEADS = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "representative",
                          "spokespersons", "spokesmen", "spokeswomen"})
# Words before a plural or a count that make a description anonymous ("some consumers", "those in favor",
# "one user", "others").
ANONYMOUS_WORDS = frozenset({"some", "those", "others", "many", "several", "few", "most", "one", "another",
                             "two", "three", "four", "five", "critics", "both", "all"})
# A definite description by age alone ("the 56-year-old"): a person referred back to, like "he"/"she".
AGE_ONLY = re.compile(r"the \d{1,3}\s*-\s*year\s*-\s*old")
# Sentences before a bare "Some"/"Others" searched for the group it picks from. Speakers-dev tuning split:
# name accuracy 0.895 at 1 and at 3 (the one other bare "Some" there has no group within 3 sentences); 1 kept.
GROUP_REACH = 1
# Nouns for the people a person speaks together with ("Paganini and his team wrote").
TEAM_WORDS = frozenset({"team", "colleague", "co-author", "coauthor", "collaborator", "researcher", "group"})
# Endings of plural nouns for people ("deportees", "consumers", "activists", "residents", "Americans").
PEOPLE_ENDINGS = ("ees", "ers", "ists", "ians", "ants", "ents")
# A pronoun that never names a speaker on its own.
JUNK_MENTIONS = frozenset({"none", "nobody", "no one", "it", "this", "that", "which", "what", "there",
                           "a statement", "in a statement"})
# Name suffixes ignored when matching a surname ("Kennedy" -> "James P. Kennedy Jr.").
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Rank of a mention that is the subject of its sentence's main clause: what a later "he"/"she" most often
# refers to (Centering's preference for the subject of the previous utterance).
MAIN_SUBJECT = 2
# An honorific ("Mr.", "Ms.") outweighs this many pronouns when a person's gender is voted on.
HONORIFIC_VOTES = 3
# A given name used almost only for one sex ("Jane") counts as this many pronouns: more than one stray "he" in a
# sentence naming her, less than an honorific. Chosen by that reasoning, not tuned (speakers-dev tuning split
# unchanged at 2).
GIVEN_NAME_VOTES = 2
QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''"})
# Honorifics (without their full stop) that only ever stand before a person's name.
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "prof", "lt", "col", "sgt", "capt", "rev"})
MALE_WORDS = frozenset({"he", "him", "his", "himself", "mr.", "mr"})
FEMALE_WORDS = frozenset({"she", "her", "hers", "herself", "mrs.", "mrs", "ms.", "ms", "miss"})
# Nouns that say a person's gender (singular and plural), as a title, an apposition or a predicate.
MALE_NOUNS = frozenset({"man", "men", "father", "husband", "son", "brother", "boy", "actor", "businessman",
                        "congressman", "chairman", "spokesman", "grandfather", "widower", "king", "prince",
                        "uncle", "nephew", "boyfriend", "dad", "sir", "lord", "duke", "monk", "priest"})
FEMALE_NOUNS = frozenset({"woman", "women", "mother", "wife", "daughter", "sister", "girl", "actress",
                          "businesswoman", "congresswoman", "chairwoman", "spokeswoman", "grandmother", "widow",
                          "queen", "princess", "aunt", "niece", "girlfriend", "mom", "dame", "lady", "duchess",
                          "nun"})
# How far back (characters) a he/she looks for a person mentioned before it (gender permitting), before falling
# back to the last person speaker: about one or two paragraphs. Speakers-dev tuning split (15 pages), speaker-name
# accuracy on matched statements: 0.824 at 600, 0.815 at 1500 and at 3000.
PRONOUN_REACH = 600


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


@dataclass
class NameBook:
    """Per-article record of the entities named, for resolving a speaker mention to what it refers to.

    ``full_names``: multi-word person names in order of first mention; ``persons``: every person name seen
    (folded); ``mentions``: (offset, full name, subject rank, sentence offset) per person mention, the rank
    ``MAIN_SUBJECT``, 1 for another subject, 0 for a non-subject; ``orgs``: (offset, name) per
    organisation mention; ``places``: (offset, name) per GPE mention; ``roles``: (offset, role word, full name) from titles and appositions ("President
    Donald Trump", "Marcelo Claure, the executive chair"); ``acronyms``: "WHO" -> "World Health Organization";
    ``gender``: full name -> "m"/"f" from honorifics and from pronouns in sentences naming only that person.
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
            return usual_name(name) or name
        return name

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
                return run
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
        for name in _titled_runs(doc) + _apposed_runs(doc):
            book.add(name)
        for ent in doc.ents:
            name = _place_led_name(ent)
            if name:
                book.add(name)
        book.runs.extend(_name_runs(doc))
    for offset, doc in docs:
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
            subject = ent.root.dep_ in ("nsubj", "nsubjpass") or (ent.root.dep_ == "poss"
                                                                  and ent.root.head.dep_ in ("nsubj", "nsubjpass"))
            verb = ent.root.head if ent.root.dep_ != "poss" else ent.root.head.head
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
            nxt = ent.doc[ent.end:ent.end + 3]
            if len(nxt) == 3 and nxt[0].text == "(" and nxt[2].text == ")" and nxt[1].is_upper:
                book.acronyms[nxt[1].text] = name  # "World Health Organization (WHO)"
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
    """A name without possessive endings, quote marks or a trailing dash ("Kim Kardashian -"), whitespace
    folded."""
    text = re.sub(r"\s+[-–—]+$", "", text.strip())
    text = re.sub(r"[’']s$", "", text)
    text = re.sub(r"[\"“”«»]", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,.")


def _person_core(ent: Span) -> Span:
    """A PERSON entity without leading role words or honorifics the NER took in ("Spokesperson Zhao Lijian" ->
    "Zhao Lijian", "Mr Grayling" -> "Grayling")."""
    start = ent.start
    while start < ent.end - 1 and (ent.doc[start].lower_ in ROLE_WORDS or ent.doc[start].lower_ in HONORIFICS):
        # ("Mr Grayling", "Dr Fauci": British honorifics come without a full stop)
        if start == ent.end - 2 and ent.doc[start].lower_ in ROYAL_TITLES:
            break  # "Prince Andrew": a royal's title is part of the name they are known by
        start += 1
    return ent.doc[start:ent.end]


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
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "punct", "cc", "conj") or child.text in (",", "(", "—"):
            break
        if child.dep_ == "appos":
            break
        right = child.right_edge.i
    if quote_cover:
        while left < right and quote_cover[0] <= doc[left].idx < quote_cover[1]:
            left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space):  # (a no-break space after "he")
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left:right + 1]


def describe(span: Span, offset: int, book: NameBook, last_person: str | None,
             chain: dict[str, str] | None = None, recent: list[Speaker] | None = None) -> Speaker:
    """Type, name, role and affiliation of a speaker mention, resolved within the article.

    ``chain`` (head noun -> description, kept by the caller across one article) lets "the doctor" take the
    name of the earlier "a doctor on the scene"; ``recent`` (the speakers of the statements before, in text
    order) lets "it" and "they" take the organisation, document or group that spoke last.
    """
    chain = {} if chain is None else chain
    text = span.text
    start, end = offset + span.start_char, offset + span.end_char
    low = text.lower()
    if len(span) == 1 and span[0].tag_ == "WP" and span[0].head.dep_ == "relcl":
        # "Barkley, who said ...": the mention is "who", the speaker is what it stands for.
        noun = span[0].head.head
        found = describe(mention_span(noun), offset, book, last_person, chain)
        found.text, found.start, found.end = text, start, end
        return found
    if len(span) == 1 and low in ("it", "they"):
        found = _non_person_antecedent(span, offset, book, recent or [], plural=low == "they")
        if found is not None:
            return Speaker(text, start, end, found.name, found.type, found.role, found.affiliation)
    if low in JUNK_MENTIONS or not any(ch.isalpha() for ch in text):
        return Speaker(text, start, end, "", "unknown")
    head = span.root
    members = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS")]
    if head.lemma_.lower() in QUANTITY_NOUNS and members:
        # "a series of South Dakotans", "a group of doctors": the members speak.
        found = describe(mention_span(members[0]), offset, book, last_person, chain)
        found.text, found.start, found.end = text, start, end
        return found
    appos = [t for t in head.children if t.dep_ == "appos"]
    if head.pos_ == "NOUN" and any(t.dep_ == "amod" and t.lower_ in UNNAMED_WORDS for t in head.children):
        # "an anonymous NSC leaker", "unnamed officials": whoever they are, unnamed
        return Speaker(text, start, end, _clean_name(_with_rights(head)), "anonymous")
    if AGE_ONLY.fullmatch(low):
        # "The 56-year-old said": a definite description of a person by age alone refers back like "he"/"she".
        antecedent = book.antecedent("", start, PRONOUN_REACH) or last_person
        return Speaker(text, start, end, antecedent or text, "person")
    if len(span) == 1 and low in PERSON_PRONOUNS:
        if low == "they":
            return Speaker(text, start, end, text, "anonymous")  # no group or organisation spoke before: a group
        if low not in THIRD_PERSON_SINGULAR:
            return Speaker(text, start, end, text, "unknown")  # "I", "we", "you": no safe antecedent
        want = "m" if low in MALE_WORDS else "f"
        fallbacks = (last_person, _previous_person(span, book))
        # (the fallbacks too only where the article does not give the person the other gender)
        antecedent = book.antecedent(low, start, PRONOUN_REACH) or next(
            (name for name in fallbacks if name and book.gender.get(name, want) == want), None)
        return Speaker(text, start, end, antecedent or text, "person")  # a he or she is a person, named or not
    ents = _ents_in(span)
    # A possessor is not the speaker ("Carlineo's attorney", "Rudolph's supporters").
    owners = [e for e in ents if e.root.dep_ == "poss" and e.root is not head and head.i not in range(e.start, e.end)]
    own = [e for e in ents if e not in owners]
    for token in appos:
        if head.ent_type_ != "PERSON":
            named = [e for e in _ents_in(token.doc[token.left_edge.i:token.right_edge.i + 1]) if e.label_ == "PERSON"
                     and not _of_someone(e.root, token)]
            if named:  # "Carlineo's attorney, Sonya Zoghlin, said"
                name = book.resolve(_clean_person(named[0]))
                return Speaker(text, start, end, name, "person", _clean_name(text), None)
            if head.pos_ == "NOUN":  # "Another diplomat, former special envoy to Ukraine Kurt Volker, said"
                known = [book.resolve(t.text) for t in token.subtree if t.pos_ == "PROPN" and t.dep_ != "compound"
                         and t.is_title and len(book.resolve(t.text).split()) > 1 and not _of_someone(t, token)]
                if known:
                    return Speaker(text, start, end, known[-1], "person", _clean_name(text), None)
                name = _apposed_name(head, token)
                if name:  # "Sweden's deputy director of public prosecutions, Eva-Marie Persson, said" (the NER
                    # tagged the name an organisation)
                    return Speaker(text, start, end, book.resolve(name), "person", _clean_name(text), None)
    persons = [e for e in own if e.label_ == "PERSON" and e[-1].lower_ not in ANONYMOUS_HEADS and not _determined(e)
               and not (len(e) > 1 and e[-1].lower_ in ORG_HEADS)
               and not _outlet_not_person(e, book)]
    if head.pos_ == "NOUN" and not any(head.i in range(e.start, e.end) for e in own):
        # A common-noun head names someone else than the name modifying it: "a Kermit parent", "some Twitter
        # users", "the Biden campaign" are not Kermit, Twitter or Biden.
        persons = []
    outlet = None if any(head.i in range(e.start, e.end) for e in persons) else _outlet_of(span, head, ents, owners)
    if outlet:
        if is_outlet_description(outlet) and head.lemma_.lower() in OUTLET_BACK and \
                any(t.dep_ == "det" and t.lower_ == "the" for t in head.children):
            # "The news organization, citing ..., reported": the outlet named last before it
            outlet = next((name for at, name in reversed(book.outlets) if at < start), outlet)
        # A short form of an outlet named before in full ("The Chronicle" after "The San Francisco Chronicle").
        outlet = next((name for at, name in book.outlets if at < start and name.endswith(" " + outlet)), outlet)
        return Speaker(text, start, end, outlet, "outlet")
    if persons:
        person = _person_core(persons[-1])
        name = book.resolve_person(_clean_person(persons[-1])) + _their_team(head)
        role, affiliation = _role_affiliation(span, person, appos)
        return Speaker(text, start, end, name, "person", role, affiliation)
    for ent in own:
        # A person tagged as an organisation or place ("Noem" beside "Kristi Noem" elsewhere) stays a person.
        if ent.label_ in ("ORG", "GPE", "NORP") and book.is_person(_clean_name(ent.text)) and \
                head.i in range(ent.start, ent.end):
            return Speaker(text, start, end, book.resolve(_clean_name(ent.text)) + _their_team(head), "person")
    acronym = book.acronyms.get(head.text) or (_initials_of(head.text, book) if head.is_upper and len(span) <= 2
                                              else None)
    if acronym:
        return Speaker(text, start, end, acronym, "organization")
    bare = _strip_det(_clean_name(text))
    if (head.pos_ == "PROPN" or bare[:1].isupper()) and book.is_person(bare):
        return Speaker(text, start, end, book.resolve(bare) + _their_team(head), "person")  # "Scissors" (NNS)
    lemma = head.lemma_.lower()
    lower = head.lower_
    orgs = [e for e in own if e.label_ in ("ORG", "GPE", "NORP", "FAC")]
    press = _press_source(head, orgs)
    if press:
        return Speaker(text, start, end, press, "outlet")
    if lower in OFFICIAL_PLURALS:
        org = _officials_org(head, start, book, recent or [])
        if org:
            return Speaker(text, start, end, org, "organization", head.text, org)
    if lower in SPOKES_HEADS or lemma in SPOKES_HEADS:
        org = _spokes_org(head, orgs) or book.last_org(start)
        owner = _without_honorific(org or "")
        if owner and book.is_person(owner):
            # "a spokesman for Mr. Biden", "Trump's spokesman": a person's spokesperson speaks for that person
            return Speaker(text, start, end, book.resolve_person(owner), "person", head.text, None)
        if org:
            return Speaker(text, start, end, org, "organization", head.text, org)
    determiners = [t for t in head.children if t.dep_ in ("det", "nummod", "amod") and t.lower_ in ANONYMOUS_WORDS]
    if lower in ANONYMOUS_WORDS and head.pos_ in ("PRON", "DET", "NUM", "ADJ", "NOUN"):
        name = _clean_name(_with_rights(head))  # "Some", "Others", "Some of the deportees"
        group = _group_antecedent(head) if len(span) == 1 and name.lower() == lower else None
        if group:  # "Dozens of deportees landed on Friday. Some said ...": some deportees
            name = f"{'other' if lower == 'others' else lower} {group}"
        return Speaker(text, start, end, name, "anonymous")
    plural = head.tag_ in ("NNS", "NNPS") and lower != lemma  # "the companies" are not the last one named
    if plural and lemma in ORG_HEADS and head.pos_ == "NOUN" and (head.is_lower or head.i == head.sent.start) \
            and lemma not in STATE_HEADS and lower not in STATE_HEADS:
        # "retailers said", "Education advocacy groups estimated", "the companies disclosed": an unspecified
        # group of bodies (the guidelines' anonymous), not one organisation; a state's plural ("authorities",
        # "forces") stands for one institution and stays below.
        return Speaker(text, start, end, _clean_name(_with_rights(head, document=True)), "anonymous")
    if lemma in ORG_HEADS and head.pos_ in ("NOUN", "PROPN") and not (plural and determiners):
        # ("Two prison guards", "some unions": a counted plural is a group of unnamed people, below.)
        words = [t for t in span if t.dep_ not in ("det",) and not t.is_punct]
        definite = not any(t.dep_ == "det" and t.lower_ in ("a", "an", "another") for t in head.children)
        named = _appos_org(head)
        if named:  # "The company that runs the show, Dick Clark Productions, denies ..."
            return Speaker(text, start, end, named, "organization")
        # A common noun alone or after a plain adjective refers back ("the company", "the German automaker"); a
        # name ("The Pentagon") or a nationality ("the Jordanian government") names an organisation itself.
        back = head.pos_ == "NOUN" and not head.is_title and (len(words) == 1 or (
            len(words) == 2 and words[0].pos_ == "ADJ" and not (words[0].ent_type_ and lemma in STATE_HEADS)))
        if not plural and definite and back:
            # "the company", "the agency": the organisation named before with that word in its name, else the
            # organisation that spoke last nearby ("Indiana State Police reported ... at the Statehouse, but the
            # agency didn't estimate"), else the organisation named last.
            org = book.last_org(start, lemma, exact=True) or \
                (_recent_org(recent or [], start) if len(words) == 1 else None) or book.last_org(start, lemma)
            if org:
                return Speaker(text, start, end, org, "organization")
        if not plural and definite and head.pos_ == "NOUN" and len(words) >= 2 and \
                all(t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in words):
            org = _org_with_words(book, start, [t.lower_ for t in words if t.i != head.i])
            if org:  # "the utilities commission", "the production company": the one whose name has those words
                return Speaker(text, start, end, org, "organization")
        if not plural and definite and head.pos_ == "NOUN" and not head.is_title and \
                _described_back(words, head, lemma):
            # "the Cupertino company", "the e-commerce giant": the organisation named before
            org = book.last_org(start, lemma, exact=True) or book.last_org(start, lemma)
            if org:
                return Speaker(text, start, end, org, "organization")
        return Speaker(text, start, end, _strip_det(_clean_name(text)), "organization")
    if head.tag_ in ("NNS", "NNPS") and lemma in INSTITUTION_PLURALS and not determiners:
        # "prosecutors said" stands for the prosecuting office the article names (before or after).
        words = INSTITUTION_PLURALS[lemma]
        org = next((name for _, name in book.orgs if any(w in name.lower() for w in words)), None)
        return Speaker(text, start, end, org or _clean_name(text), "organization")
    document = lemma in DOCUMENT_HEADS or lower in DOCUMENT_HEADS
    plural = head.tag_ in ("NNS", "NNPS") and not document
    if head.tag_ == "NN" and lower in ANONYMOUS_HEADS and not determiners and any(
            (t.dep_ == "det" and t.lower_ == "the") or t.dep_ == "poss" for t in head.children):
        earlier = any(at < start and word == lemma for at, word, _ in book.roles + book.titles)
        named = book.by_role(lemma, start) if earlier else None
        if named:  # "the executive" after "Elon Musk, Tesla's chief executive": that person, not a source
            return Speaker(text, start, end, named, "person", lemma)
    if lower in ANONYMOUS_HEADS or lemma in ANONYMOUS_HEADS or (determiners and head.pos_ == "NOUN"
                                                                 and not document) or \
            (plural and (head.pos_ == "NOUN" or head.ent_type_ in ("NORP", "GPE"))):
        return Speaker(text, start, end, _clean_name(_with_rights(head, document=True, relative=True)), "anonymous")
    if lower in DOCUMENT_HEADS or lemma in DOCUMENT_HEADS:
        return Speaker(text, start, end, _clean_name(_with_rights(head, document=True)), "document")
    inside = [e for e in orgs if head.i in range(e.start, e.end)]
    # "Wee of the Times" is Wee, not the Times; "a Kermit parent" is a parent, not Kermit.
    if orgs and (inside or (head.pos_ != "PROPN" and lemma not in PERSON_HEADS)):
        inside = inside or orgs[-1:]
        name = _strip_det(_clean_name(inside[0].text))
        name = book.acronyms.get(name, name)
        # "An Associated Press journalist": an unnamed journalist of an outlet is the outlet.
        return Speaker(text, start, end, name, "outlet" if is_outlet_name(name) else "organization")
    single = lower[:-3] + "y" if lower.endswith("ies") else lower[:-1] if lower.endswith("s") else lower
    if head.pos_ == "PROPN" and len(span) == 1 and (single in DOCUMENT_HEADS or lower in DOCUMENT_HEADS):
        return Speaker(text, start, end, text, "document")  # "Studies indicate" at a line's start: no name
    if head.pos_ == "PROPN":
        # A bare capitalised name the NER missed: a person when the article names a person so.
        clean = _clean_name(text)
        if len(span) > 3:  # "the 14th-ranked Schwartzman": the name is the proper nouns at the head
            first = head.i
            while first > span.start and span.doc[first - 1].pos_ == "PROPN":
                first -= 1
            clean = _clean_name(span.doc[first:head.i + 1].text)
        name = book.resolve(clean)
        if name == clean and book.is_org(clean):
            return Speaker(text, start, end, book.is_org(clean) or clean, "organization")
        if name != clean or len(clean.split()) <= 3:
            return Speaker(text, start, end, book.resolve_person(clean) + _their_team(head), "person")
        if lower in PERSON_TITLES:  # "The United Nations High Commissioner for Human Rights": an office holder
            return Speaker(text, start, end, book.by_role(lower, start) or clean, "person", lower)
        return Speaker(text, start, end, clean, "unknown")
    if head.pos_ in ("NOUN", "PROPN") and lemma.rstrip(".") in ROLE_ABBREVIATIONS and head.is_upper and \
            any(t.dep_ == "det" and t.lower_ == "the" for t in head.children):
        role = ROLE_ABBREVIATIONS[lemma.rstrip(".")]
        named = book.by_role(role, start)  # "the PM said": the person titled Prime Minister
        return Speaker(text, start, end, named or _clean_name(text), "person", role)
    if head.pos_ == "NOUN" and lemma in PERSON_HEADS and head.tag_ == "NN" and any(
            t.dep_ == "poss" and t.lower_ in ("his", "her", "their") for t in head.children) and \
            any(at < start and word == lemma for at, word, _ in book.roles + book.titles):
        # "His wife said" after "Tom Hill and his wife Ann Hill": the person given that role before
        named = book.by_role(lemma, start)
        if named:
            return Speaker(text, start, end, named, "person", lemma)
    if head.pos_ == "NOUN" and (lemma in PERSON_HEADS or lemma in ROLE_WORDS):
        the = any(t.dep_ == "det" and t.lower_ in ("the", "this", "that") for t in head.children) or any(
            t.dep_ == "poss" and t.ent_type_ in ("GPE", "ORG", "NORP") for t in head.children)
        # ("Austria's interior minister", "China's ambassador to Britain": a definite description too)
        if the:
            named = book.by_role(lemma, start)
            if named:  # "the ambassador", "the president": the person given that title
                return Speaker(text, start, end, named, "person", lemma)
            if lemma in chain:  # "the doctor": the earlier "a doctor on the scene"
                return Speaker(text, start, end, chain[lemma], "person", lemma)
            if lemma in PUBLIC_ROLES and len(span) <= 3:
                # "said the actor", "the British royal denied": the person the article is telling of, as "he"
                named = book.antecedent("", start, PRONOUN_REACH)
                if named:
                    return Speaker(text, start, end, named, "person", lemma)
        name = _clean_name(_with_rights(head))
        chain.setdefault(lemma, name)
        return Speaker(text, start, end, name, "person", lemma)
    if lemma in COUNTRY_HEADS and any(t.dep_ == "det" and t.lower_ == "the" for t in head.children):
        place = next((name for at, name in reversed(book.places) if at < start), None)
        if place:  # "the country said": the state last named, speaking as such
            return Speaker(text, start, end, place, "organization")
    if lower in PEOPLE_WORDS or lemma in PEOPLE_WORDS:
        # "the public", "an English crowd", "Everyone": unnamed people, a group
        return Speaker(text, start, end, _clean_name(_with_rights(head)), "anonymous")
    if head.pos_ == "NOUN":
        # A thing said to speak ("The agreement maintained", "Verified video footage shows", "The script called
        # for"): a text or a record, the guidelines' document; never a person or group (those are above).
        return Speaker(text, start, end, _clean_name(_with_rights(head, document=True)), "document")
    return Speaker(text, start, end, _clean_name(text), "unknown")


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
        if all(c.dep_ in ("compound", "amod") and c.lower_ in PRESS_WORDS for c in mods):
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
    run = head.doc[appos.left_edge.i:appos.i + 1]
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
            first = token.i
            while first > token.left_edge.i and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound":
                first -= 1
            name = _clean_name(doc[first:token.i + 1].text)
            if not is_outlet_name(name):
                return name
    return None


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
        if lemma in PERSON_HEADS or token.lower_ in ANONYMOUS_HEADS or token.lower_.endswith(PEOPLE_ENDINGS):
            return token.lower_
    return None


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
    return None


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


def _strip_det(name: str) -> str:
    """A name without a leading article."""
    return re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)


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
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "in"):
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
    return None


def _without_honorific(name: str) -> str:
    """A name without a leading honorific ("Mr. Biden" -> "Biden")."""
    words = name.split()
    if len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        return " ".join(words[1:])
    return name


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
        if child.dep_ not in deps or doc[child.i - 1].text == ",":
            break
        if child.dep_ == "acl" and any(c.dep_ == "ccomp" for c in child.children):
            break  # "forecasters warning that ...": the clause is what they say, not who they are
        right = child.right_edge.i
    left = head.left_edge.i
    for i in range(head.i - 1, left - 1, -1):
        if "\n" in doc[i].text or _spaced_dash(doc[i]):  # "4:14 p.m.\n\nA California transit chief"
            left = i + 1
            break
    if right - left + 1 > DESCRIPTION_TOKENS:  # too long: cut the modifiers after the head, never the head
        right = max(head.i, left + DESCRIPTION_TOKENS - 1)
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
