"""Cues and indirect speech over spaCy's dependency parse: "X said (that) ...", "X told Y ...", "X rejected
claims that ...", "according to X, ...", "..., as reported by X".

Every function reads one parsed Doc and returns token indices; character offsets are made in ``_extract``.
"""
from __future__ import annotations

from types import MappingProxyType

from spacy.tokens import Doc, Token

from ._names import acronym_at
from ._speaker_words import ANONYMITY, PERSON_HEADS, QUOTE_MARKS

# Reporting verbs (lemmas): the verbs of the scorer's REPORTING list and the most frequent speech cues of
# PolNeAR train (said 3962, says 414, told 386, added 200, wrote 195, asked 158, noted 95, reported 93 ...);
# "describe" left out (precision 0.20 on 150 train texts: its object is rarely the annotated content).
SPEECH_LEMMAS = frozenset("""
say tell add write ask note report announce suggest tweet argue explain claim accuse acknowledge declare urge
recall conclude respond reply insist warn state promise predict reveal confirm deny reject dismiss stress
emphasize emphasise maintain contend admit concede complain boast vow pledge testify allege comment remark
mention observe assert caution counter charge joke quip recount disclose indicate post reiterate repeat
proclaim speculate shout yell scream tout brag lament agree estimate cite quote call continue
retort concur whisper muse posit propose question wonder inform assure advise acknowledged
hint confess rule lobby dispute project forecast threaten denounce condemn demand beg
blame criticize criticise praise credit identify link attribute apologize apologise clarify underline
underscore blast slam hail applaud laud
""".split())
# (threaten, denounce, condemn, demand, beg: the speakers guidelines' acts with content, "demanded a deadline
# extension", "threatened to use live ammunition"; on the blind speakers-new tune half statement recall 0.911 ->
# 0.931 at the same precision, PolNeAR dev F1 0.7683 -> 0.7660, whose guidelines leave most of them out.)
# Texts whose words "read" gives ('"...," the statement read').
READ_SUBJECTS = frozenset("statement report document note letter message post tweet banner sign placard headline "
                          "caption page text memo email notice card".split())
# Verbs that report only with their particle ("pointed out that ...", 2 on the AEB pages outside speakers-dev; a
# bare "pointed" is a gesture).
PHRASAL_CUES = MappingProxyType({"point": "out"})
# Belief and perception verbs: PolNeAR annotates them too, and a correct one counts for precision (the
# scorer's precision is over all gold attributions) but never for recall (not reporting words). On PolNeAR train
# (150 texts) only "find" beat the overall precision (0.82 vs 0.70); think 0.28, believe 0.28, know 0.24,
# feel 0.38, show 0.56, expect 0.60 fell below it and are left out.
BELIEF_LEMMAS = frozenset("find".split())
# Verbs whose content may be their object noun phrase rather than a clause ("denied the allegations").
# (PolNeAR train, 150 texts: the first eight gave F1 0.7037, adding pledge ... predict 0.7077.) "report": an
# event or figure reported ("reported its third case of bubonic plague", "reported a loss of $304.7 million"), 7
# statements among 9 new on the AEB pages outside speakers-dev and one more on tune; PolNeAR dev F1 0.7597 ->
# 0.7584 with it.
OBJECT_CONTENT_LEMMAS = frozenset("deny reject dismiss announce confirm admit acknowledge reveal pledge promise explain "
                                  "mention propose predict report vow denounce condemn demand underline underscore "
                                  "stress emphasize emphasise reiterate".split())
# Of those, the verbs whose object is content only when someone speaks ("Mrs May underlined changes to the law", not
# "That decision emphasizes the stakes"): the subject must be a person, a pronoun or a named body.
SPOKEN_OBJECT_LEMMAS = frozenset("underline underscore stress emphasize emphasise reiterate".split())
# Denial verbs whose content may be a pronoun for the claim just told ("denied it") or their passive subject ("was
# denied by Andrew").
DENIAL_OBJECT_LEMMAS = frozenset("deny reject dismiss dispute refute".split())
# Verbs whose content may be an infinitive ("vowed to repeal ...", "asked them to ..."). On PolNeAR train
# (150 texts) this list gave F1 0.7037; without "ask" 0.6991; with every reporting verb 0.7002.
XCOMP_CONTENT_LEMMAS = frozenset("promise vow pledge urge threaten refuse decline ask tell warn call claim beg "
                                 "demand".split())
# Nouns that carry a claim as a clause ("the claims that ...") under a cue verb; "position" ("reiterated the
# UK's position that settlements are illegal", the AEB pages outside speakers-dev).
CLAIM_NOUNS = frozenset("claim claims allegation allegations report reports suggestion suggestions accusation "
                        "accusations charge charges idea notion assertion assertions rumor rumors rumour rumours "
                        "speculation position".split())
# Verbs after which the object noun's acl clause tells what a published piece claimed.
PUBLISH_LEMMAS = frozenset("publish release issue run print air post write carry".split())
PIECE_NOUNS = frozenset("article report story piece op-ed editorial column statement release post tweet "
                        "video analysis investigation".split())
CLAUSE_DEPS = ("ccomp",)
# Nouns of evidence whose "that" clause a cue's "as" phrase reports: "cited the backlash as proof that the campaign
# works" says that the campaign works (the speaker's claim, the object only what it rests on).
EVIDENCE_NOUNS = frozenset("proof evidence sign indication confirmation vindication".split())
# Nouns of saying whose "by X" phrase names a speaker and whose "that" clause is what X said ("an earlier
# declaration by health officials that the risk was minimal").
SAYING_NOUNS = frozenset("declaration statement announcement assurance assurances warning warnings claim claims "
                         "assertion admission acknowledgment acknowledgement insistence promise pledge "
                         "prediction vow vows".split())
# Verbs whose content may be a gerund ("reported being logged off", "denied taking", "admitted to hiding").
GERUND_CONTENT_LEMMAS = frozenset("report admit deny acknowledge recall mention confess".split())
# Objects that make "claim" a statement ("claimed responsibility for the attack"), not a taking ("claimed lives").
CLAIMED_OBJECTS = frozenset("responsibility credit".split())
# Tokens looked at after a subject for the line break or dash that ends a dateline or time stamp (a bound
# keeps the check constant-time); PolNeAR train F1 0.7261 at 12 tokens, 0.7281 at 40 (as unbounded).
DATELINE_REACH = 40
# How a subject-less participle cue hangs on the verb whose subject speaks ("..., adding that", "by saying").
PARTICIPLE_DEPS = frozenset("advcl xcomp ccomp pcomp dep npadvmod parataxis".split())
# Verbs whose infinitive complement is said by their subject, even with an object ("promised them to ...").
SUBJECT_CONTROL_LEMMAS = frozenset("promise vow pledge threaten".split())
# Marks right before an inverted cue (', said X', '" said X') after which the speaker follows the cue.
INVERSION_MARKS = frozenset({",", '"', "”", "''", "—"})
# Tokens read after an inverted cue for its speaker: a title, a name and a few modifiers ("The We Company's
# recently named executive chair Marcelo Claure" is 9 tokens).
INVERTED_REACH = 12
# Words that name a speaker on their own after a cue that opens its sentence ("Added another: ...", "Said one: ...";
# the parse calls them determiners or numbers).
INVERTED_ALONE = frozenset("another one other others".split())
# Steps up (of-phrases, appositions) from the noun right before a subject-less cue to the head of its phrase
# ("a study by the Centre for Economic Policy Research, a think tank": tank -> Research -> Centre -> study).
LEFT_CLIMB = 6
# Verbs of naming whose "as" phrase reports words when it quotes them: 'described the call as "improper"' (left
# out of SPEECH_LEMMAS: a bare "describe"'s object was the annotated content in 0.20 of PolNeAR train cases).
QUOTED_AS_LEMMAS = frozenset("describe characterize characterise slam blast".split())
# Of those, the verbs whose "as" phrase characterises without quotation marks too.
UNQUOTED_AS_LEMMAS = frozenset("describe characterize characterise".split())
# (double quotation marks, as the speaker rules read them, and single ones)
QUOTED_AS_MARKS = QUOTE_MARKS | {"'", "‘", "’"}
# Verbs whose object quotes the speaker's own words ('praised his "heroism"', 'slammed the "witch hunt"').
QUOTED_OBJECT_LEMMAS = frozenset("praise slam blast hail criticize criticise condemn denounce".split())
# Verbs whose content is their object and what a preposition says of it ("accused China of using coercion",
# "blamed the utility for the outage", "touted the plan as making strides", "linked the incident to Fox News",
# "identified the boy as Abu Ubaidah"), and verbs whose content is a preposition's phrase alone ("complained of poor
# communications", "apologized for his tardiness"): the speakers guidelines' acts with content, missed before on
# the blind speakers-new tune half.
CHARGE_PREPOSITIONS = MappingProxyType({
    "accuse": ("of",), "blame": ("for", "on"), "criticize": ("for",), "criticise": ("for",), "praise": ("for",),
    "credit": ("with", "for"), "tout": ("as",), "identify": ("as",), "link": ("to",), "attribute": ("to",),
    "blast": ("for",), "slam": ("for",), "hail": ("as", "for"), "applaud": ("as", "for"), "laud": ("as", "for")})
TOPIC_PREPOSITIONS = MappingProxyType({"complain": ("of", "about"), "apologize": ("for",), "apologise": ("for",)})
# Verbs of pleading whose content is a "for" phrase or "for ... to" clause, as "called for" ("lobbied for ...").
PLEA_LEMMAS = frozenset({"lobby"})
# Steps from a cue through its objects, prepositions and relative clauses to a stranded "that" clause ("told
# [reporters] [at] [a news conference] that": 3; "told [teachers] [who covered the lawn] that": 2).
STRANDED_REACH = 4
# Texts someone issues whose participle gives what they say ("delivers a statement condemning ...").
ISSUED_TEXTS = frozenset({"statement", "letter", "message", "release", "video", "email", "e-mail", "post", "tweet",
                          "note", "speech", "address"})
# Conjunctions of a time clause between a cue and its stranded "that" clause (``_time_clause``).
TIME_MARKS = frozenset({"after", "when", "before", "as", "while", "since", "once", "until"})
# Cues whose object is the one spoken to ("told reporters ...", "assured investors ...").
LISTENER_LEMMAS = frozenset("tell inform assure remind warn advise notify convince".split())
# Dashes that open and close an aside.
DASHES = frozenset({"—", "–", "--"})
# Subordinators that start a contrasting clause which is the writer's, not the speaker's.
CUT_MARKS = frozenset("while whereas although though".split())


def is_cue(token: Token, beliefs: bool = True) -> bool:
    """Whether a token is a reporting (or belief) verb."""
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return _tagged_a_noun(token)
    lemma = token.lemma_.lower()
    if lemma in PHRASAL_CUES:
        return any(c.dep_ == "prt" and c.lower_ == PHRASAL_CUES[lemma] for c in token.children)
    if lemma == "read":  # '"..., " the statement read', 'a handwritten note that read, "..."': a text's words
        return _text_reads(token)
    if lemma == "put":  # 'As Gaiman put it, “...”': the writer's way of introducing someone's words
        children = list(token.children)
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in children) and \
            any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
    return lemma in SPEECH_LEMMAS or (beliefs and lemma in BELIEF_LEMMAS)


def _text_reads(token: Token) -> bool:
    """Whether "read" gives a text's words: its subject (or the noun its relative clause hangs on) is a text, a
    sign or a banner, and a quotation mark or a colon is next to it."""
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in ("that", "which") and token.dep_ == "relcl":
        subject = token.head
    if subject is None or subject.lemma_.lower() not in READ_SUBJECTS:
        return False
    doc = token.doc
    near = doc[max(0, token.i - 2):min(len(doc), token.i + 3)]
    return any(t.text in QUOTE_MARKS or t.text == ":" for t in near)


def _tagged_a_noun(token: Token) -> bool:
    """A reporting verb the tagger took for a plural noun but the parse gave a subject and a clause ("the
    Congressional Budget Office projects that the tariffs will reduce ...")."""
    lower = token.lower_
    return token.tag_ == "NNS" and lower.endswith("s") and lower[:-1] in SPEECH_LEMMAS and \
        any(c.dep_ == "nsubj" for c in token.children) and any(c.dep_ == "ccomp" for c in token.children)


def subject_of(token: Token, depth: int = 0) -> Token | None:
    """The head token of who performs a cue verb, following conjunctions, participles and relative clauses."""
    if depth > 4:
        return None
    subjects = [c for c in token.children if c.dep_ == "nsubj" and c.i < token.i]
    for child in token.children:
        if child.dep_ == "nsubj" and child.lower_ == "whom" and len(subjects) > 1:
            continue  # "a man called Danladi Ahmadu, whom Tukur claimed represented ...": Tukur claimed
        if child.dep_ == "nsubj":
            if len(subjects) > 1 and child.i < subjects[-1].i and _second_subject_speaks(child, subjects[-1]):
                # Two subjects, the first a dateline or an organisation's name the parse took for one ("BUFFALO,
                # N.Y. — Hours before ..., Wild coach Bruce Boudreau expressed", "CPUC President Marybel Batjer
                # said"): the one next to the verb speaks.
                child = subjects[-1]
            named = [c for c in token.children if c.dep_ == "nsubj" and c.i > child.i and
                     (c.ent_type_ == "PERSON" or (c.pos_ == "PROPN" and c.is_title and not c.ent_type_))]
            # ("His niece Erin says": a name the NER left untagged after the noun)
            if named and child.ent_type_ != "PERSON" and child.pos_ == "NOUN":
                # Two subjects from a split compound ("said study co-author Anezina Solomonidou": "co" and
                # "Solomonidou"): the named one speaks.
                child = named[0]
            if child.tag_ == "WDT" and token.dep_ == "relcl":
                owner = [g for c in token.head.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj"]
                if token.head.lower_ in ("those", "that", "these", "this") and owner:
                    return owner[0]  # "those of the Syrian Observatory, which said": the Observatory said it
                return token.head
            if child.tag_ == "WDT" and child.lower_ in ("that", "which") and child.i == token.i - 1:
                # a relative clause the parse did not make one ("a North Korean TV report late last month that
                # said ..."): the noun before it, past the words of a date
                i = child.i - 1
                while i > token.sent.start and (token.doc[i].ent_type_ in ("DATE", "TIME") or
                                                token.doc[i].pos_ in ("ADV", "ADJ")):
                    i -= 1
                if token.doc[i].pos_ in ("NOUN", "PROPN") and not token.doc[i].ent_type_ in ("DATE", "TIME"):
                    return token.doc[i]
            if child.lower_ in ("there", "that", "this", "which"):
                return None
            return _past_dateline(child, token)
        if child.dep_ in ("nsubjpass", "expl"):
            return _agent(token)
    for child in token.children:
        if child.dep_ == "csubj" and child.tag_ == "VBN" and child.i < token.i:
            # "King Abdullah II, visibly shaken and angered over ..., has vowed": the parse took the aside for a
            # clausal subject; the name before it speaks.
            named = [c for c in child.children if c.dep_ == "nsubj" and c.i < child.i and c.pos_ in ("PROPN", "NOUN")]
            if named:
                return named[0]
    agent = _agent(token)
    if agent is not None:
        return agent
    for aux in (c for c in token.children if c.dep_ == "aux" and c.i < token.i):
        hung = next((g for g in aux.children if g.dep_ == "nsubj" and g.i < aux.i), None)
        if hung is not None:
            return hung  # "Shekau has in a series of video messages ruled out talks" (the parse hung him on "has")
    dep = token.dep_
    if dep == "acl" and token.tag_ == "VBG" and token.head.lemma_.lower() in ISSUED_TEXTS and \
            token.head.dep_ == "dobj":
        # "Foley delivers a statement condemning U.S. action", "the ministry issued a letter urging ...": who
        # issued the text says it
        issuer = next((c for c in token.head.head.children if c.dep_ == "nsubj"), None)
        if issuer is not None:
            return issuer
    before = token.doc[token.i - 1] if token.i > 0 else None
    if token.tag_ == "VBG" and before is not None and before.dep_ == "pobj" and before.head.lower_ == "with" and \
            before.pos_ in ("NOUN", "PROPN"):
        return before  # "..., with the monitoring agency announcing an air emergency": the agency announces
    if dep == "xcomp" and token.tag_ == "VB":
        # Object control: "prompted some Twitter users to argue", "urged the court to ...": the object speaks.
        controller = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
        if controller and token.head.lemma_.lower() not in SUBJECT_CONTROL_LEMMAS:
            return controller[-1]
    if dep == "conj" and token.tag_ in ("VBD", "VBZ", "VBP") and token.head.dep_ == "ccomp" and \
            token.head.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in token.head.children) and \
            is_cue(token.head.head, beliefs=False):
        # "The office said the deaths were caused by gunshot wounds and called on ...": a finite speech verb
        # the parse joined to a passive content clause goes with the outer cue, not the passive's agent.
        return subject_of(token.head.head, depth + 1)
    if dep == "conj" or (dep in PARTICIPLE_DEPS and token.tag_ in ("VBG", "VB")) or \
            (depth and dep == "advcl" and token.tag_ == "VBN"):
        # (A subject-less passive participle between the cue and its verb, "X said when asked about it, while
        # stressing that ...", is said of the verb's subject: climbed through, never taken as the cue itself.)
        head = token.head
        if head.pos_ == "ADP" and head.head is not head:  # "explained it by saying ..."
            head = head.head
        if token.tag_ == "VBG" and token.i > 0 and token.doc[token.i - 1].text == "," and head.dep_ == "ccomp" \
                and is_cue(head.head) and head.head.i < head.i and not is_cue(head) and not _someone(head):
            # "Williams argued that it did not represent dishonesty, saying ...": the parse hung the participle
            # in what the cue reports, whose subject is no one who could say it; the one who argued says it
            head = head.head
        if head.i == token.i:
            return None
        found = subject_of(head, depth + 1)
        if found is None and dep != "conj" and token.tag_ == "VBG":
            # "The regulator is frustrated with the carriers, saying ...": the passive clause's subject says it.
            found = next((c for c in head.children if c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "PROPN")), None)
        return found
    if dep == "relcl":
        return relative_antecedent(token)
    if dep == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
        noun = token.head
        place = noun.head
        if token.tag_ == "VBG" and noun.dep_ == "pobj" and place.dep_ == "prep" and place.head.pos_ == "VERB" and \
                place.lower_ not in ("from", "with", "by"):
            # "Swift posted on Twitter accusing Big Machine ...": a participle the parse hung on the object of
            # the verb's preposition is said by the verb's subject, not by the place ("Twitter"); but "heard from
            # residents saying" is the residents'.
            found = subject_of(place.head, depth + 1)
            if found is not None:
                return found
        if noun.lemma_.lower() in PIECE_NOUNS and noun.dep_ == "dobj" and noun.head.lemma_.lower() in PUBLISH_LEMMAS:
            return subject_of(noun.head, depth + 1) or noun
        return noun
    if depth:
        return None
    return apposed_subject(token) or inverted_subject(token) or dashed_subject(token) or left_subject(token)


def _someone(verb: Token) -> bool:
    """Whether a verb's subject is someone who could speak: a name (not a place's), he/she/they, a noun for people."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and ((subject.pos_ == "PROPN" and subject.ent_type_ not in ("GPE", "LOC")) or
                                    subject.lower_ in ("he", "she", "they") or subject.lemma_.lower() in PERSON_HEADS)


def relative_antecedent(verb: Token) -> Token:
    """What a relative clause's verb hangs on, past a date the parse hung it on ("saw a dermatologist on Monday,
    who told him": the dermatologist, not Monday)."""
    head = verb.head
    if head.ent_type_ in ("DATE", "TIME") and head.dep_ in ("npadvmod", "nmod", "compound") and \
            head.head.pos_ in ("NOUN", "PROPN") and not head.head.ent_type_:
        return head.head  # "a North Korean TV report late last month that said"
    if head.ent_type_ in ("DATE", "TIME") and head.dep_ == "pobj":
        above = head.head.head
        if above.pos_ in ("NOUN", "PROPN"):
            return above
        objects = [c for c in above.children if c.dep_ == "dobj" and c.i < head.i]
        if above.pos_ in ("VERB", "AUX") and objects:
            return objects[-1]  # ("saw" a dermatologist "on Monday")
    return head


def dashed_subject(cue: Token) -> Token | None:
    """The speaker of a cue right after an aside between dashes, which the parse took for the main clause ("the
    Democratic candidate, Andy Beshear — whose father ... implemented the Affordable Care Act — promised to
    ..."): the noun phrase right before the opening dash, climbed through its appositions to its head."""
    doc, sent = cue.doc, cue.sent
    if cue.i < 2 or doc[cue.i - 1].text not in DASHES:
        return None
    opening = next((i for i in range(cue.i - 2, sent.start, -1) if doc[i].text in DASHES), None)
    if opening is None:
        return None
    token = doc[opening - 1]
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    for _ in range(LEFT_CLIMB):
        if token.dep_ in ("appos", "compound") and token.head.pos_ in ("NOUN", "PROPN") and token.head.i < token.i:
            token = token.head
        else:
            break
    return token


def _second_subject_speaks(first: Token, second: Token) -> bool:
    """Whether of two subjects the parse gave one verb the second is the speaker: a dash stands between them (the
    first is a dateline), or the second is a person's name and the first is not."""
    between = first.doc[first.i + 1:second.i]
    if "\n" in between.text:
        return False
    if any(t.text in DASHES or (t.text == "-" and t.whitespace_) for t in between):
        return True
    return second.ent_type_ == "PERSON" and first.ent_type_ != "PERSON"


def left_subject(cue: Token) -> Token | None:
    """The speaker of a finite main or reported cue the parse gave no subject, from the words right before it
    ("after employees of a car dealership said", "a 2019 study by the Centre ..., a think tank, concluded", "Early
    still says", where the parse hung the noun phrase elsewhere or took the name for an adverb): the noun phrase
    ending there, climbed through its "of"/"by" phrases and appositions to its head; None where a verb comes
    first."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.dep_ not in ("ROOT", "ccomp"):
        return None
    doc = cue.doc
    i = cue.i - 1
    while i > cue.sent.start and (doc[i].text == "," or (doc[i].tag_ == "RB" and doc[i].is_lower)):
        i -= 1
    if i <= cue.sent.start and not doc[i].pos_ == "PROPN":
        return None
    token = doc[i]
    if token.tag_ == "RB" and token.is_title and not token.is_stop and i > cue.sent.start and \
            (doc[i - 1].is_lower or doc[i - 1].is_punct):
        return token  # "Early still says": a capitalised name inside the sentence taken for an adverb
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    for _ in range(LEFT_CLIMB):
        head = token.head
        if token.dep_ in ("appos", "compound", "conj") and head.pos_ in ("NOUN", "PROPN") and head.i < token.i:
            token = head
        elif token.dep_ == "pobj" and head.lower_ in ("of", "by", "for", "from") and \
                head.head.pos_ in ("NOUN", "PROPN") and head.head.i < token.i:
            token = head.head
        else:
            break
    return token


def apposed_subject(cue: Token) -> Token | None:
    """The speaker of a finite cue the parse gave no subject, right after a name and its apposition ("Maria
    Olsen, a professor of chemistry, explained that ...", where the parse hung the name elsewhere): the noun
    whose apposition the comma before the cue closes."""
    doc = cue.doc
    if cue.i < 2 or cue.tag_ not in ("VBD", "VBZ", "VBP") or doc[cue.i - 1].text != ",":
        return None
    noun = doc[cue.i - 1].head
    if noun.i >= cue.i or noun.pos_ not in ("NOUN", "PROPN") or \
            not any(c.dep_ == "appos" and c.i < cue.i for c in noun.children):
        return None
    return noun


def inverted_subject(cue: Token) -> Token | None:
    """The speaker after an inverted cue that the parse gave no subject (", said The We Company's recently named
    executive chair Marcelo Claure in an email"): the last noun of the run of words right after the cue, up to
    the first preposition, clause or punctuation; only when a comma or closing quote comes right before the cue, or
    when the cue opens its sentence and the words after it end at a colon ("Added another: 'Hope this is fake'",
    "Writes the site: ...")."""
    doc = cue.doc
    if cue.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    opening = _opens_own_sentence(cue)
    if not opening and (cue.i == 0 or doc[cue.i - 1].text not in INVERSION_MARKS):
        return None
    head: Token | None = None
    end = cue.i + 1
    for token in doc[cue.i + 1:cue.i + 1 + INVERTED_REACH]:
        end = token.i
        if _in_acronym(token) or (token.text == "-" and token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN") \
                or _abbreviation_stop(token):
            continue  # "warned Gaza Civil Defense Services (CDD) spokesman Muhammad al-Midana", "said Det. James ..."
        if token.is_punct or token.is_space or token.pos_ in ("ADP", "SCONJ", "CCONJ", "AUX") or \
                (token.pos_ == "VERB" and token.tag_ != "VBN"):
            break
        if token.pos_ in ("NOUN", "PROPN", "PRON") or (opening and token.lower_ in INVERTED_ALONE):
            head = token
    if opening and (end >= len(doc) or doc[end].text != ":"):
        return None
    return head


def _abbreviation_stop(token: Token) -> bool:
    """Whether a token is the full stop of an abbreviated title before a name ("Det. James Patterson")."""
    doc, i = token.doc, token.i
    return token.text == "." and 0 < i < len(doc) - 1 and doc[i - 1].is_title and len(doc[i - 1].text) <= 4 and \
        doc[i + 1].is_title and doc[i + 1].pos_ == "PROPN"


def _in_acronym(token: Token) -> bool:
    """Whether a token is part of an acronym in parentheses, "(CDD)", inside a name."""
    return any(acronym_at(token.doc, start) for start in (token.i, token.i - 1, token.i - 2))


def _opens_own_sentence(cue: Token) -> bool:
    """Whether a capitalised cue is the first word of its sentence ("Added another: ...")."""
    start = cue.sent.start
    while start < cue.i and cue.doc[start].is_space:
        start += 1
    return start == cue.i and cue.is_title


def _past_dateline(subject: Token, cue: Token) -> Token:
    """The real subject when the parse took a wire dateline or a time stamp for it ("WASHINGTON (AP) — Donald
    Trump said", "12:15 p.m.:\n\nPresident Barack Obama says")."""
    doc = subject.doc
    for i in range(subject.i + 1, min(cue.i, subject.i + DATELINE_REACH)):
        if "\n" in doc[i].text:
            return doc[i + 1:cue.i].root if i + 1 < cue.i else subject
    opens = subject.i == 0 or "\n" in doc[subject.i - 1].text  # "Indianapolis – Several thousand teachers ..."
    if not ((subject.is_upper and len(subject.text) > 2) or (opens and subject.is_title)):
        return subject
    for i in range(subject.i + 1, min(cue.i, subject.i + 6)):
        if doc[i].text in ("—", "--", "–") or (doc[i].text == "-" and doc[i - 1].whitespace_):
            # (a hyphen inside a word is no dateline's dash: "The company's CEO and co-founder, ... says")
            if i + 1 < cue.i:
                return doc[i + 1:cue.i].root
            break
    return subject


def _agent(token: Token) -> Token | None:
    """The object of a passive's by-phrase ("as reported by X")."""
    for child in token.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def content_head(token: Token) -> tuple[Token, str] | None:
    """The token whose subtree is what a cue verb reports, and how it was found (clause|claim|object)."""
    for child in token.children:
        if child.dep_ in CLAUSE_DEPS and not _participle_between(token, child):
            return child, "clause"
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "that" and doc[token.i + 1].head.i == token.i:
        opened = next((c for c in token.children if c.dep_ == "advcl" and c.left_edge.i == token.i + 2), None)
        if opened is not None:
            return opened, "clause"  # "said that while there is ..., they are ...": the parse hung "that" alone
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "xcomp" and lemma in XCOMP_CONTENT_LEMMAS:
            if ANONYMITY.search(token.doc[child.left_edge.i:child.right_edge.i + 1].text):
                return None  # "asked not to be identified": a condition of speaking, not what was said
            return child, "clause"
    if lemma in GERUND_CONTENT_LEMMAS:
        gerund = _gerund_content(token)
        if gerund is not None:
            return gerund, "clause"
    if token.dep_ == "parataxis" and _parenthetical(token):
        return token.head, "clause"  # "The engineers found the fault, Lopez said, and ..."
    ruled_out = lemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    for child in token.children:
        if child.dep_ == "dobj":
            if (lemma == "claim" and child.lemma_.lower() in CLAIMED_OBJECTS) or ruled_out:
                return child, "object"  # "claimed responsibility for ...", "ruled out any involvement"
            for grandchild in child.children:
                if grandchild.dep_ in ("acl", "ccomp", "relcl") and child.lemma_.lower() in CLAIM_NOUNS:
                    return grandchild, "claim"
            if lemma in OBJECT_CONTENT_LEMMAS and len(list(child.subtree)) >= 2 and \
                    (lemma not in SPOKEN_OBJECT_LEMMAS or _speaking_subject(subject_of(token))):
                return child, "object"
    if lemma in DENIAL_OBJECT_LEMMAS:
        for child in token.children:
            if child.dep_ == "dobj" and child.lower_ in ("it", "this", "that", "them"):
                return child, "object"  # "an administration official denied it": the claim just told
        passive = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and _agent(token) is not None:
            return passive, "object"  # "A photo of the meeting was denied by Andrew"
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in EVIDENCE_NOUNS:
                    clause = _that_clause(noun)
                    if clause is not None:
                        return clause, "claim"  # "cited the figures as proof that ..."
    stranded = _stranded_that_clause(token)
    if stranded is not None:
        return stranded, "clause"
    return None


def _speaking_subject(subject: Token | None) -> bool:
    """Whether a subject is someone who speaks: a person or body by name, a pronoun for one, or a person noun."""
    return subject is not None and (subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or
                                    subject.lower_ in ("he", "she", "they", "i", "we") or
                                    subject.lemma_.lower() in PERSON_HEADS)


def _participle_between(cue: Token, clause: Token) -> bool:
    """Whether a participle cue of the same verb stands between it and a clause the parse gave the verb ("denied
    faking any part of the video, telling Vocativ, "There is no way ...""): the clause is the participle's."""
    return any(c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG" and cue.i < c.i < clause.i and
               is_cue(c, beliefs=False) for c in cue.children)


def _stranded_that_clause(cue: Token) -> Token | None:
    """The head of a "that" clause the parse hung on a noun after the cue instead of on the cue: "told reporters
    at a news conference that officials began ...", "told The Hill in a statement that her client ...", "argued
    for decades that it was ...", "told a few thousand teachers who covered the lawn that the Legislature
    should ..." (5 cues on the AEB pages outside speakers-dev, all missed before). Only a clause with its own
    subject opened by the conjunction "that" (a relative "that" is its clause's subject or object, not a mark),
    reached from the cue through its objects and prepositional phrases, at most ``STRANDED_REACH`` steps, never
    through another reporting verb ("told the man who said that ...": the man's statement)."""
    # (An object carries the clause only after a verb whose object is the listener: "co-write the ballad that
    # Buckley performs" has a relative clause the parse marked as a "that" clause.)
    deps = ("dobj", "dative", "prep", "npadvmod") if cue.lemma_.lower() in LISTENER_LEMMAS else ("prep", "npadvmod")
    frontier = [c for c in cue.children if c.i > cue.i and (c.dep_ in deps or _time_clause(c))]
    for _ in range(STRANDED_REACH):
        following: list[Token] = []
        for node in frontier:
            for child in node.children:
                if (child.dep_ in ("acl", "relcl", "ccomp") and child.i > cue.i and node.pos_ != "VERB") or \
                        (child.dep_ == "ccomp" and node.pos_ == "VERB"):
                    marks = [g for g in child.children if g.dep_ == "mark"]
                    if marks and marks[0].lower_ == "that" and marks[0].i == child.left_edge.i and \
                            any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in child.children):
                        return child
                    if _told_that(cue, node, child):
                        return child
                if child.dep_ in ("pobj", "prep") or (child.dep_ == "relcl" and not is_cue(child)):
                    following.append(child)
        frontier = following
    return None


def _time_clause(clause: Token) -> bool:
    """A clause saying when the cue's act happened, between the cue and its "that" clause, which the parse took for
    the time clause's own ("said after the deal was finalized that ...", "said when the trade occurred that ...");
    not a cue of its own ("said after Lee claimed that ...": Lee's claim)."""
    return clause.dep_ == "advcl" and not is_cue(clause) and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in TIME_MARKS and c.i < clause.i for c in clause.children)


def _told_that(cue: Token, listener: Token, clause: Token) -> bool:
    """A "that" clause after a listener the parse read as a relative clause with "that" its object ("Employee
    Steve Castro tells the paper that he fought with the shirtless man"): after "tell" and its kind, a listener
    right before "that", a clause with a pronoun or name for its subject."""
    doc = cue.doc
    that = doc[clause.left_edge.i]
    return clause.dep_ == "relcl" and cue.lemma_.lower() in LISTENER_LEMMAS and listener.dep_ in ("dobj", "dative") \
        and that.lower_ == "that" and that.i == listener.i + 1 and that.dep_ in ("dobj", "pobj") and \
        any(g.dep_ == "nsubj" and (g.pos_ in ("PRON", "PROPN")) for g in clause.children)


def _that_clause(noun: Token) -> Token | None:
    """The head of a noun's "that" clause ("proof that it works": works), or None."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and _marked_that(child):
            return child  # (a "that" the parse made a mark opens a complement, not a relative clause)
        if child.dep_ == "acl" and child.tag_ == "VBN":  # "a claim made by Rep. Hunter that ..." hung on "made"
            for clause in child.children:
                if clause.dep_ == "ccomp" and _marked_that(clause):
                    return clause
    for child in noun.head.children:
        if child.dep_ == "ccomp" and child.left_edge.i == noun.right_edge.i + 1 and _marked_that(child):
            return child  # the parse hung the noun's clause on its verb: "broke his vow that the railway would open"
    return None


def _marked_that(clause: Token) -> bool:
    """Whether a clause is opened by the conjunction "that" (a mark, not a relative pronoun)."""
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in clause.children)


def _reflexive(token: Token) -> bool:
    """Whether an object is a reflexive pronoun ("himself", "themselves")."""
    return token.lower_.endswith(("self", "selves"))


def saying_nouns(doc: Doc) -> list[tuple[int, int, int]]:
    """Token indices (noun, speaker head, clause head) of "a <saying noun> by X that ..." and "X's <saying noun>
    that ..." phrases ("a declaration by the ministry that the risk was minimal", "his often-repeated vow that
    Britain would leave", the guidelines' nominal cues); not those a cue verb takes as its object ("rejected a
    claim by the union that ...", "denied Hunter's claim that ...": the verb's rule reads that one)."""
    found = []
    for noun in doc:
        if noun.lemma_.lower() not in SAYING_NOUNS or noun.pos_ != "NOUN":
            continue
        if noun.dep_ == "dobj" and is_cue(noun.head):
            continue
        agents = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
                  for g in c.children if g.dep_ == "pobj"] or \
            [c for c in noun.children if c.dep_ == "poss" and c.lower_ not in ("its", "our", "my", "your")] or \
            [g for made in noun.children if made.dep_ == "acl" and made.tag_ == "VBN"  # "a claim made by Rep. Hunter"
             for a in made.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        clause = _that_clause(noun)
        if clause is None and agents and agents[0].dep_ == "poss":
            # "His repeated claims of having no memory of events": the gerund after "of"
            clause = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG"), None)
        if agents and clause is not None:
            found.append((noun.i, agents[0].i, clause.i))
    return found


def _gerund_content(token: Token) -> Token | None:
    """A gerund a cue reports: its xcomp or object starting right after it with an -ing form ("reported being
    logged off", "reported hearing gunfire"), or the -ing complement of its "to" ("admitted to hiding"); after
    "confessed to", any object ("confessed to the kidnapping")."""
    for child in token.children:
        if child.dep_ in ("xcomp", "dobj") and child.left_edge.i == token.i + 1 and child.left_edge.tag_ == "VBG":
            return child
        if child.dep_ == "prep" and child.lower_ == "to":
            found = [g for g in child.children if (g.dep_ == "pcomp" and g.tag_ == "VBG") or
                     (g.dep_ == "pobj" and token.lemma_.lower() == "confess")]
            if found:
                return found[0]
    return None


def _parenthetical(token: Token) -> bool:
    """Whether a cue is a parenthetical "..., X said, ..." or "..., X said." after the clause it reports: joined to
    an earlier verb, with its own subject, its clause opened by a comma; or one set off by commas inside the
    clause it reports, before that clause's verb ("The larger landers, he said, could deliver tools", "That, Audi
    says, allows ...": 9 such cues on the AEB pages outside speakers-dev, all missed before)."""
    head, doc = token.head, token.doc
    if head.i == token.i or head.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "nsubj" for c in token.children):
        return False
    first = _clause_start(token)
    opened = first > 0 and doc[first - 1].text == ","
    if head.i < token.i:
        return opened
    last = token.right_edge.i  # (the closing comma may hang on the cue itself)
    closed = doc[last].text == "," or (last + 1 < len(doc) and doc[last + 1].text == ",")
    return opened and closed and last < head.i and head.left_edge.i < first


def _around_parenthetical(cue: Token) -> tuple[int, int]:
    """What a parenthetical cue reports: the whole clause around it when the clause goes on after it ("A, X
    said, and B": the content spans A to B, the cue's words inside, as the span of a split quote does), else
    the clause before it ("A, X said.")."""
    head, doc = cue.head, cue.doc
    left, right = head.left_edge.i, head.right_edge.i
    if right <= cue.right_edge.i:
        right = _clause_start(cue) - 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return left, right


def _clause_start(cue: Token) -> int:
    """The first word of a cue's own clause: its subject's first word, or the cue."""
    subjects = [c.left_edge.i for c in cue.children if c.dep_ == "nsubj"]
    return min(subjects + [cue.i])


def content_bounds(token: Token) -> tuple[int, int, str] | None:
    """First and last token of what a cue verb reports, and the rule that found it; None if nothing.

    Besides clauses and claims: "called X Y" (the object and its complement) and "called for X" (the object of
    "for"), frequent PolNeAR cues (called 125, calling 44, called for 26 in train).
    """
    found = content_head(token)
    if found is not None:
        if found[0].i == token.head.i:
            return _around_parenthetical(token) + (found[1],)
        left, right = clause_bounds(found[0], token)
        return left, right, found[1]
    described = quoted_description(token)
    if described is not None:
        return described + ("call",)
    lemma = token.lemma_.lower()
    if lemma in QUOTED_OBJECT_LEMMAS:
        quoted = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i and
                  any(t.text in QUOTED_AS_MARKS for t in c.subtree)]
        if quoted:  # 'praised his "heroism"': the speaker's own word, quoted
            return quoted[0].left_edge.i, quoted[0].right_edge.i, "object"
    if lemma in CHARGE_PREPOSITIONS:
        # "accused China of using coercion": who is accused and of what (12 active "accused X of" on the AEB
        # pages outside speakers-dev, none found before)
        objects = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i and not _reflexive(c)]
        # ("identified himself only as Abdullah": a name given)
        if token.dep_ == "acl" and lemma == "link":
            return None  # "no evidence linking the case to the others": what evidence would show, not a claim
        charges = [c for c in token.children if c.dep_ == "prep" and c.lower_ in CHARGE_PREPOSITIONS[lemma]
                   and c.i > token.i]
        if not charges and objects:  # (the parse may hang the preposition on the object)
            charges = [c for c in objects[0].children if c.dep_ == "prep" and c.lower_ in CHARGE_PREPOSITIONS[lemma]]
        if objects and charges and any(g.dep_ in ("pobj", "pcomp") for g in charges[0].children):
            return objects[0].left_edge.i, max(charges[0].right_edge.i, objects[0].right_edge.i), "object"
        return None
    if lemma in TOPIC_PREPOSITIONS:
        topics = [c for c in token.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPOSITIONS[lemma]
                  and c.i > token.i and any(g.dep_ in ("pobj", "pcomp") for g in c.children)]
        return (topics[0].left_edge.i + 1, topics[0].right_edge.i, "object") if topics else None
    if lemma in PLEA_LEMMAS:
        # "lobbied for the league to suspend Garrett" (a speakers-dev tune statement): the "for" clause
        for child in token.children:
            if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "for" for g in child.children):
                return child.left_edge.i, child.right_edge.i, "call"
    if lemma not in PLEA_LEMMAS and lemma != "call":
        return None
    children = list(token.children)
    objects = [c for c in children if c.dep_ == "dobj"]
    complements = [c for c in children if c.dep_ in ("oprd", "xcomp", "attr") and c.i > token.i]
    if objects and complements:
        return objects[0].left_edge.i, max(complements[-1].right_edge.i, objects[0].right_edge.i), "call"
    for child in children:
        if child.dep_ == "prep" and child.lower_ == "for":
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj:
                return pobj[0].left_edge.i, pobj[0].right_edge.i, "call"
    return None


def quoted_description(token: Token) -> tuple[int, int] | None:
    """First and last token of 'X as "..."' after a verb of naming whose "as" phrase holds quotation marks
    ('described her daughter as "brave, strong, and smart"'), else None."""
    if token.lemma_.lower() not in QUOTED_AS_LEMMAS:
        return None
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if not objects:
        return None
    phrases = [c for c in list(token.children) + list(objects[0].children) if c.dep_ == "prep" and c.lower_ == "as"]
    for phrase in phrases:
        if any(t.text in QUOTED_AS_MARKS for t in phrase.subtree) or (
                token.lemma_.lower() in UNQUOTED_AS_LEMMAS and objects[0].i > token.i and
                not _reflexive(objects[0]) and
                any(g.dep_ in ("pobj", "pcomp") for g in phrase.children)):
            # ('described him as being from a well-to-do family': a characterisation, quoted or not)
            if objects[0].i < token.i:  # 'what host Tom Bergeron described as "..."': the phrase alone
                return phrase.i, phrase.right_edge.i
            return objects[0].left_edge.i, max(phrase.right_edge.i, objects[0].right_edge.i)
    return None


def clause_bounds(head: Token, cue: Token) -> tuple[int, int]:
    """First and last token index of a content subtree, without edge punctuation and never including the cue."""
    left, right = head.left_edge.i, head.right_edge.i
    if left <= cue.i <= right:
        # Inverted order parsed with the cue inside the clause: keep the side of the clause that holds the head.
        if head.i < cue.i:
            right = cue.i - 1
        else:
            left = cue.i + 1
    doc = head.doc
    for child in head.rights:
        # A contrasting clause joined to the content ("..., while 4 in 10 want ...") is the writer's. (Cutting
        # conjoined clauses with their own subject too lowered PolNeAR train F1 from 0.6545 to 0.6493.)
        if child.i > cue.i > head.i:
            break
        if child.dep_ == "advcl" and any(g.lower_ in CUT_MARKS for g in child.children if g.dep_ == "mark"):
            cut = child.left_edge.i - 1
            if cut > head.i:
                right = min(right, cut)
            break
    while left < right and (doc[left].is_punct and doc[left].text not in ('"', "“", "'", "‘") or doc[left].is_space):
        left += 1
    while right > left and (doc[right].is_punct and doc[right].text not in ('"', "”", "'", "’") or doc[right].is_space):
        right -= 1
    return left, right


def according_to(doc: Doc) -> list[tuple[int, int, int, int, int]]:
    """Token indices (according, to, source head, content first, content last) of "according to X" phrases;
    the content is the longer side of the sentence around the phrase."""
    found = []
    for token in doc:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            continue
        source = objects[0]
        sent = token.sent
        phrase_end = max(source.right_edge.i, to.i)
        before = (sent.start, token.i - 1)
        after = (phrase_end + 1, sent.end - 1)
        left, right = after if (after[1] - after[0]) > (before[1] - before[0]) else before
        while left < right and (doc[left].is_punct or doc[left].is_space):
            left += 1
        while right > left and (doc[right].is_punct or doc[right].is_space):
            right -= 1
        if right > left:
            found.append((token.i, to.i, source.i, left, right))
    return found
